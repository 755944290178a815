@testable import FahrplanServer
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    @Test("DATABASE_URL forms, and the connection wait: a default, a chosen value, and a named refusal of nonsense")
    func databaseSettings() throws {
        let plain = try AppConfiguration.fromEnvironment([:], workingDirectory: "/srv/fahrplan")
        #expect(plain.database == .sqlite(path: "/srv/fahrplan/fahrplan.sqlite"))
        #expect(plain.databasePoolTimeout == 30)

        let chosen = try AppConfiguration.fromEnvironment(["DATABASE_URL": "postgres://f:pw@db.internal:5432/fahrplan",
                                                           "FAHRPLAN_DB_POOL_TIMEOUT": " 120 "], workingDirectory: "/")
        #expect(chosen.database == .postgres(url: "postgres://f:pw@db.internal:5432/fahrplan"))
        #expect(chosen.databasePoolTimeout == 120)

        for bad in ["0", "-5", "30s", "3601"] {
            #expect { try AppConfiguration.fromEnvironment(["FAHRPLAN_DB_POOL_TIMEOUT": bad], workingDirectory: "/") } throws: { error in
                String(describing: error).contains("FAHRPLAN_DB_POOL_TIMEOUT") && String(describing: error).contains(bad)
            }
        }
        for bad in ["sqlite://relative.sqlite", "postgres://db.internal/fahrplan", "mysql://x"] {
            #expect { try AppConfiguration.fromEnvironment(["DATABASE_URL": bad], workingDirectory: "/") } throws: { error in
                String(describing: error).contains("DATABASE_URL")
            }
        }
    }
}
