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
