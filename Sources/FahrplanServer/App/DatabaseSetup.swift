import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

enum DatabaseSetup {
    static func use(_ database: AppConfiguration.Database, poolTimeout: TimeInterval = 30, on app: Application) throws {
        switch database {
        case .sqlite(let path):
            // The same pool timeout as PostgreSQL: with writers serialized by `writeTransaction`, a request may queue
            // for its loop's one connection behind a transaction that waits for the write lock.
            app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .milliseconds(Int64(poolTimeout * 1000)), sqlLogLevel: .trace),
                              as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = ["public"]
            // More than Fluent's one connection per event loop: a request that holds its connection for a
            // transaction (closing a round, an import) must not make every other request on that loop wait.
            app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 3,
                                        connectionPoolTimeout: .milliseconds(Int64(poolTimeout * 1000)), sqlLogLevel: .trace), as: .psql)
        }
    }

    /// SQLite keeps durability settings per connection, and Fluent keeps one connection per event loop:
    /// set them on each, so that an acknowledged write survives a crash and a second writer waits for the
    /// lock instead of failing at once. It waits as long as a request would wait for a PostgreSQL connection
    /// (`FAHRPLAN_DB_POOL_TIMEOUT`): the write lock is SQLite's one connection slot for writers, and a busy
    /// machine (many writers, slow fsync) must make a write slow, not a 500.
    static func prepareConnections(on app: Application) async throws {
        guard case .sqlite = app.fahrplanConfiguration.database else { return }
        guard let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        let busyTimeout = Int(max(1, app.fahrplanConfiguration.databasePoolTimeout) * 1000)
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA synchronous=FULL").run()
            try await sql.raw(SQLQueryString("PRAGMA busy_timeout=\(unsafeRaw: String(busyTimeout))")).run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
        }
    }
}
