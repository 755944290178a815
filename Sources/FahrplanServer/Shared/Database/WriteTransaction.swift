import Fluent
import Foundation
import Metrics
import SQLKit

extension Database {
    /// A transaction that will write: use it instead of `transaction` for every read-then-write.
    ///
    /// Why: Fluent's SQLite driver opens transactions deferred (`BEGIN TRANSACTION`). A deferred transaction that
    /// has read and then writes while another connection committed meanwhile gets SQLITE_BUSY ("database is
    /// locked") at once — WAL mode cannot hand it a newer snapshot, so `busy_timeout` does not apply — and the
    /// request ended with a 500. Taking the write lock with the transaction's first statement (a write that
    /// changes no row) is what `BEGIN IMMEDIATE` does: a second writer then waits for the lock (busy_timeout)
    /// instead of failing, and SQLite's writers are serialized. PostgreSQL needs nothing: its rows lock
    /// themselves and services lock what they re-read (`FOR UPDATE`).
    ///
    /// PostgreSQL: FluentPostgresDriver's `withConnection` hands out a database that already claims to be in a
    /// transaction (`inTransaction == true`), so `transaction` on it would run the closure without `BEGIN` and every
    /// statement would commit on its own — an error halfway would leave the first half written. On such a
    /// connection the transaction is begun, committed and rolled back here (`TransactionControlDatabase`).
    func writeTransaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let body: @Sendable (any Database) async throws -> T = { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                try await sql.raw("UPDATE municipalities SET id = id WHERE 0").run()
            }
            return try await closure(db)
        }
        guard !inTransaction else { return try await transaction(body) }
        // How long the pool made this write wait for a connection (fahrplan_db_connection_wait_seconds,
        // docs/operations.md): Fluent shows no pool figures, but the checkout is timed honestly here, where a
        // request holds its connection longest.
        let asked = DispatchTime.now().uptimeNanoseconds
        return try await withConnection { connection in
            Metrics.Timer(label: "fahrplan_db_connection_wait_seconds").recordNanoseconds(Int64(clamping: DispatchTime.now().uptimeNanoseconds &- asked))
            guard connection.inTransaction, let control = connection as? any TransactionControlDatabase else {
                return try await connection.transaction(body)
            }
            try await control.beginTransaction().get()
            let result: T
            do {
                result = try await body(connection)
            } catch {
                try? await control.rollbackTransaction().get()
                throw error
            }
            try await control.commitTransaction().get()
            return result
        }
    }
}
