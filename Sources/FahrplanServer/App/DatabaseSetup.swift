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
    /// set them on each, so that an acknowledged write survives a crash and a second process waits for a
    /// lock instead of failing at once.
    static func prepareConnections(on app: Application) async throws {
        guard case .sqlite = app.fahrplanConfiguration.database else { return }
        guard let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA synchronous=FULL").run()
            try await sql.raw("PRAGMA busy_timeout=5000").run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
        }
    }
}
