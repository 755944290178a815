@testable import FahrplanServer
import Fluent
import Foundation
import SQLKit
import Testing

/// Read-then-write transactions from several connections at once: every one succeeds and none loses the
/// other's write. On SQLite this failed with "database is locked" (a 500) before `writeTransaction` took the
/// write lock first; PostgreSQL is covered by the services' row locks, so this suite runs on SQLite only.
@Suite("Write transactions", .serialized)
struct WriteTransactionTests {
    @Test("concurrent read-then-write transactions on every connection all commit, in turn",
          .enabled(if: TestDatabase.postgresURL == nil))
    func concurrentWriters() async throws {
        try await withServer(demo: false) { server in
            let sql = try #require(server.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE write_transaction_counter (n INTEGER NOT NULL)").run()
            try await sql.raw("INSERT INTO write_transaction_counter (n) VALUES (0)").run()
            let loops = Array(server.app.eventLoopGroup.makeIterator())
            let writers = 12
            let app = server.app
            let failures = await withTaskGroup(of: String?.self) { group in
                for index in 0..<writers {
                    let loop = loops[index % loops.count]
                    group.addTask {
                        let db = app.databases.database(logger: app.logger, on: loop)!
                        do {
                            try await db.writeTransaction { db in
                                let sql = db as! any SQLDatabase
                                let row = try await sql.raw("SELECT n FROM write_transaction_counter").first()
                                let n = try row?.decode(column: "n", as: Int.self) ?? -1
                                // Give the other connection every chance to write in between.
                                try await Task.sleep(nanoseconds: 2_000_000)
                                try await sql.raw("UPDATE write_transaction_counter SET n = \(bind: n + 1)").run()
                            }
                            return nil
                        } catch {
                            return String(reflecting: error)
                        }
                    }
                }
                var failures: [String] = []
                for await failure in group { if let failure { failures.append(failure) } }
                return failures
            }
            #expect(failures.isEmpty, "failed writers: \(failures)")
            let row = try await sql.raw("SELECT n FROM write_transaction_counter").first()
            #expect(try row?.decode(column: "n", as: Int.self) == writers, "a writer's update was lost")
        }
    }

    @Test("an error inside writeTransaction rolls back what it wrote, on SQLite and on PostgreSQL; without one it commits")
    func rollsBackOnError() async throws {
        struct Refused: Error {}
        try await withServer(demo: false) { server in
            let sql = try #require(server.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE write_transaction_probe (n INTEGER NOT NULL)").run()
            await #expect(throws: Refused.self) {
                try await server.db.writeTransaction { db in
                    try await (db as! any SQLDatabase).raw("INSERT INTO write_transaction_probe (n) VALUES (1)").run()
                    throw Refused()
                }
            }
            try await server.db.writeTransaction { db in
                try await (db as! any SQLDatabase).raw("INSERT INTO write_transaction_probe (n) VALUES (2)").run()
                // Nested: joins the outer transaction.
                try await db.writeTransaction { inner in
                    try await (inner as! any SQLDatabase).raw("INSERT INTO write_transaction_probe (n) VALUES (3)").run()
                }
            }
            let rows = try await sql.raw("SELECT n FROM write_transaction_probe ORDER BY n").all()
            #expect(try rows.map { try $0.decode(column: "n", as: Int.self) } == [2, 3], "the refused transaction's row stayed")
            if sql.dialect.name == "postgresql" {
                // Inside, the statements run in one transaction: it has an id once it wrote.
                let inside = try await server.db.writeTransaction { db -> Bool in
                    let sql = db as! any SQLDatabase
                    try await sql.raw("INSERT INTO write_transaction_probe (n) VALUES (4)").run()
                    let row = try await sql.raw("SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS open").first()
                    return try row?.decode(column: "open", as: Bool.self) ?? false
                }
                #expect(inside, "writeTransaction ran its statements outside a transaction")
            }
        }
    }

    @Test("every SQLite connection waits for the write lock as long as the configured database timeout",
          .enabled(if: TestDatabase.postgresURL == nil))
    func busyTimeoutFollowsConfiguration() async throws {
        try await withServer(demo: false) { server in
            let expected = Int(server.app.fahrplanConfiguration.databasePoolTimeout * 1000)
            for loop in server.app.eventLoopGroup.makeIterator() {
                let sql = try #require(server.app.databases.database(logger: server.app.logger, on: loop) as? any SQLDatabase)
                let row = try await sql.raw("PRAGMA busy_timeout").first()
                #expect(try row?.decode(column: "timeout", as: Int.self) == expected)
            }
        }
    }
}
