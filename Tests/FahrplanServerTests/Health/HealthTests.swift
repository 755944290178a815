@testable import FahrplanServer
import Foundation
import SQLKit
import Testing

@Suite("Health and database settings")
struct HealthTests {
    @Test("healthz and readyz answer while the database answers")
    func health() async throws {
        try await withServer(demo: false) { server in
            let client = server.client()
            try await #expect(client.get("/healthz").status == .ok)
            try await #expect(client.get("/readyz").status == .ok)
        }
    }

    @Test("SQLite runs with WAL, synchronous=FULL and foreign keys on every connection")
    func sqliteDurability() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await withServer(demo: false) { server in
            for eventLoop in server.app.eventLoopGroup.makeIterator() {
                let sql = try #require(server.app.databases.database(logger: server.app.logger, on: eventLoop) as? any SQLDatabase)
                struct Value: Decodable { var value: String }
                let journal = try await sql.raw("SELECT journal_mode AS value FROM pragma_journal_mode").first(decoding: Value.self)
                let synchronous = try await sql.raw("SELECT synchronous AS value FROM pragma_synchronous").first(decoding: Value.self)
                let foreignKeys = try await sql.raw("SELECT foreign_keys AS value FROM pragma_foreign_keys").first(decoding: Value.self)
                #expect(journal?.value == "wal")
                #expect(synchronous?.value == "2")
                #expect(foreignKeys?.value == "1")
            }
        }
    }
}

@Suite("PostgreSQL settings")
struct PostgresSettingsTests {
    @Test("PostgreSQL keeps synchronous_commit on")
    func synchronousCommit() async throws {
        guard TestDatabase.postgresURL != nil else { return }
        try await withServer(demo: false) { server in
            struct Setting: Decodable { var synchronous_commit: String }
            let sql = try #require(server.db as? any SQLDatabase)
            let setting = try await sql.raw("SHOW synchronous_commit").first(decoding: Setting.self)
            #expect(setting?.synchronous_commit == "on")
        }
    }
}

@Suite("Readiness and headers")
struct ReadinessTests {
    @Test("readyz is 503 while the schema is not migrated")
    func notMigrated() async throws {
        try await withServer(demo: false) { server in
            try await server.app.autoRevert()
            let response = try await server.client().get("/readyz")
            #expect(response.status == .serviceUnavailable)
            #expect(response.body.contains("not migrated"))
            try await server.app.autoMigrate()
            try await #expect(server.client().get("/readyz").status == .ok)
        }
    }

    @Test("error pages carry the security headers too")
    func errorHeaders() async throws {
        try await withServer(demo: false) { server in
            let response = try await server.client().get("/m/gibt-es-nicht")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
        }
    }
}
