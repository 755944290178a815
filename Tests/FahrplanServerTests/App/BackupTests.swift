import FahrplanCore
@testable import FahrplanServer
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing

/// `fahrplan backup` and `fahrplan restore` on the database the suite runs on (SQLite, or PostgreSQL with
/// TEST_DATABASE_URL when pg_dump and pg_restore are installed).
@Suite("Backups")
struct BackupTests {
    static let postgresTools = "/usr/lib/postgresql/15/bin"

    static func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fahrplan-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Every table's rows, in a form two databases can be compared by.
    static func contents(sqlite path: String) async throws -> [String: [String]] {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        var result: [String: [String]] = [:]
        let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .compactMap { $0.column("name")?.string }
        for table in tables {
            let rows = try await connection.query("SELECT * FROM \"\(table)\"")
            result[table] = rows.map { $0.columns.map { "\($0.name)=\($0.data)" }.joined(separator: "|") }.sorted()
        }
        try await connection.close()
        return result
    }

    static func contents(postgres db: any Database) async throws -> [String: [String]] {
        let sql = try #require(db as? any SQLDatabase)
        let tables = try await sql.raw("SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
            .all().map { try $0.decode(column: "name", as: String.self) }
        var result: [String: [String]] = [:]
        for table in tables {
            let row = try #require(try await sql.raw(SQLQueryString("SELECT count(*)::text AS n, coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') AS h FROM \"\(unsafeRaw: table)\" AS x")).first())
            result[table] = [try row.decode(column: "n", as: String.self), try row.decode(column: "h", as: String.self)]
        }
        return result
    }

    @Test("a backup of the demo database taken while the server runs, restored into a fresh database, has every table's rows")
    func roundTrip() async throws {
        try await withServer { server in
            let directory = try Self.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let file = directory + "/fahrplan.backup"
            let configuration = server.app.fahrplanConfiguration
            // Something the demo does not have, so the comparison is not only of the demo's rows.
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await #expect(server.client().api(.POST, "/api/v1/principles", token: token, json: ["title": "Leitlinie vor der Sicherung"]).status == .created)

            if case .postgres = configuration.database, Backup.findTool("pg_dump", in: Self.postgresTools) == nil {
                // Without pg_dump, the command says exactly what to run.
                let error = await #expect(throws: AppConfiguration.Problem.self) { _ = try await Backup.backup(configuration, to: file) }
                #expect(error?.description.contains("pg_dump --format=custom --no-owner --no-privileges") == true)
                return
            }
            let said = try await Backup.backup(configuration, to: file, toolDirectory: Self.postgresTools)
            #expect(said.contains(file))
            await #expect(throws: AppConfiguration.Problem.self) { _ = try await Backup.backup(configuration, to: file, toolDirectory: Self.postgresTools) }

            let (fresh, cleanup) = try await TestDatabase.make()
            do {
                _ = try await Backup.restore(AppConfiguration(database: fresh), from: file, force: false, toolDirectory: Self.postgresTools)
                switch (configuration.database, fresh) {
                case (.sqlite(let original), .sqlite(let restored)):
                    let before = try await Self.contents(sqlite: original)
                    let after = try await Self.contents(sqlite: restored)
                    #expect(before.keys.count >= 20 && (before["strategy_elements"]?.count ?? 0) > 10)
                    #expect(before == after)
                default:
                    let restoredApp = try await Operations.makeApplication(configuration: TestDatabase.configuration(fresh), environment: .testing, passwordCost: 4)
                    do {
                        let before = try await Self.contents(postgres: server.db)
                        let after = try await Self.contents(postgres: restoredApp.db)
                        #expect(before.keys.count >= 20 && Int(before["strategy_elements"]?.first ?? "0")! > 10)
                        #expect(before == after)
                        try await restoredApp.asyncShutdown()
                    } catch {
                        try? await restoredApp.asyncShutdown()
                        throw error
                    }
                }
            } catch {
                await cleanup()
                throw error
            }
            await cleanup()
        }
    }

    @Test("a SQLite restore checks the file and refuses a database in use, or an existing one without --force (kept aside with it)",
          .enabled(if: TestDatabase.postgresURL == nil))
    func sqliteRestoreRefusals() async throws {
        try await withServer { server in
            let directory = try Self.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            guard case .sqlite(let live) = server.app.fahrplanConfiguration.database else { Issue.record("not SQLite"); return }
            let backup = directory + "/backup.sqlite"
            _ = try await Backup.backup(server.app.fahrplanConfiguration, to: backup)
            let liveBefore = try await Self.contents(sqlite: live)

            // The running server's database: refused, and left as it was.
            let inUse = await #expect(throws: AppConfiguration.Problem.self) {
                _ = try await Backup.restore(server.app.fahrplanConfiguration, from: backup, force: true)
            }
            #expect(inUse?.description.contains("in use") == true)
            #expect(try await Self.contents(sqlite: live) == liveBefore)
            #expect(!FileManager.default.fileExists(atPath: live + ".before-restore"))

            // An existing database that no server uses: only with --force, and the old one is kept.
            let target = directory + "/target.sqlite"
            _ = try await Backup.restore(AppConfiguration(database: .sqlite(path: target)), from: backup, force: false)
            let other = SQLiteConnection.self
            let connection = try await other.open(storage: .file(path: target))
            _ = try await connection.query("DELETE FROM api_tokens")
            _ = try await connection.query("UPDATE municipalities SET name = 'Vorher'")
            try await connection.close()
            let old = try await Self.contents(sqlite: target)
            await #expect(throws: AppConfiguration.Problem.self) {
                _ = try await Backup.restore(AppConfiguration(database: .sqlite(path: target)), from: backup, force: false)
            }
            #expect(try await Self.contents(sqlite: target) == old)
            let said = try await Backup.restore(AppConfiguration(database: .sqlite(path: target)), from: backup, force: true)
            #expect(said.contains("target.sqlite.before-restore"))
            #expect(try await Self.contents(sqlite: target + ".before-restore") == old)
            #expect(try await Self.contents(sqlite: target) == Self.contents(sqlite: backup))

            // Files that are not a good Fahrplan database are refused before anything is replaced.
            let garbage = directory + "/garbage.sqlite"
            try Data("kein SQLite".utf8).write(to: URL(fileURLWithPath: garbage))
            let foreign = directory + "/foreign.sqlite"
            let foreignConnection = try await SQLiteConnection.open(storage: .file(path: foreign))
            _ = try await foreignConnection.query("CREATE TABLE notes (text TEXT)")
            try await foreignConnection.close()
            let newer = directory + "/newer.sqlite"
            try FileManager.default.copyItem(atPath: backup, toPath: newer)
            let newerConnection = try await SQLiteConnection.open(storage: .file(path: newer))
            _ = try await newerConnection.query("INSERT INTO _fluent_migrations (id, name, batch, created_at, updated_at) VALUES ('00000000-0000-0000-0000-000000000099', 'FahrplanServer.FromTheFuture', 99, NULL, NULL)")
            try await newerConnection.close()
            for (file, reason) in [(garbage, "not a readable SQLite database"), (foreign, "not a Fahrplan database"), (newer, "newer Fahrplan")] {
                let refused = await #expect(throws: AppConfiguration.Problem.self) {
                    _ = try await Backup.restore(AppConfiguration(database: .sqlite(path: target)), from: file, force: true)
                }
                #expect(refused?.description.contains(reason) == true, "\(file): \(refused?.description ?? "")")
            }
            #expect(try await Self.contents(sqlite: target) == Self.contents(sqlite: backup))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".restoring-") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("tool runs started at the same moment (pg_dump's path, here with sh) each finish with their own environment and error output")
    func concurrentToolRuns() async throws {
        let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
            for index in 0..<32 {
                group.addTask {
                    do {
                        if index.isMultiple(of: 2) {
                            // Succeeds only when this run's password reached this run's program.
                            try await Backup.runTool("sh", ["-c", "test \"$PGPASSWORD\" = secret-\(index)"], password: "secret-\(index)", toolDirectory: "/bin")
                        } else {
                            try await Backup.runTool("sh", ["-c", "echo failure-\(index) >&2; exit 3"], password: nil, toolDirectory: "/bin")
                        }
                        return (index, nil)
                    } catch {
                        return (index, String(describing: error))
                    }
                }
            }
            return await group.reduce(into: [Int: String?]()) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.count == 32)
        for (index, message) in outcomes.sorted(by: { $0.key < $1.key }) {
            if index.isMultiple(of: 2) {
                #expect(message == nil, "run \(index): \(message ?? "")")
            } else {
                #expect(message?.hasPrefix("sh failed (exit 3): failure-\(index)\nCommand: sh -c ") == true, "run \(index): \(message ?? "nil")")
            }
        }
        let missing = await #expect(throws: AppConfiguration.Problem.self) {
            try await Backup.runTool("pg_dump-does-not-exist", ["--version"], password: nil, toolDirectory: "/bin")
        }
        #expect(missing?.description.contains("pg_dump-does-not-exist is not installed") == true)
    }
}
