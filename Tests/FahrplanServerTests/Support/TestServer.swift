import AsyncHTTPClient
import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import SQLKit
import Testing
import Vapor

/// Which database the server suite runs on: PostgreSQL when `TEST_DATABASE_URL` is set (the test script
/// starts a throwaway server), otherwise a fresh SQLite file per test.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The settings a test server runs with: hundreds of test servers share two cores and one PostgreSQL
    /// server, so a request may wait far longer for a connection than in production.
    static func configuration(_ database: AppConfiguration.Database) -> AppConfiguration {
        var configuration = AppConfiguration(database: database)
        configuration.databasePoolTimeout = 300
        return configuration
    }

    /// The test server's settings beyond the configuration; the templates are built with them too.
    static func applyTestSettings(_ app: Application) {
        // Several test servers share the machine: the throttle's pause must outlast the slowest request, and its
        // clock stands still (tests advance it), so that a stalled machine cannot end a pause or a window mid-test.
        app.loginThrottle = LoginThrottlePolicy(freeAttempts: 5, baseDelay: 120)
        // A whole second: stored and read back exactly by both databases, so pauses come out exact.
        app.loginThrottleClock = LoginThrottleClock(fixedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        // Request lines of hundreds of test servers would drown the test output; problems still show.
        app.logger.logLevel = .warning
    }

    static func uniqueName() -> String {
        "fahrplan_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    }

    static func postgresURL(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }

    /// A new, empty database for one test, and how to remove it afterwards.
    static func make() async throws -> (AppConfiguration.Database, @Sendable () async -> Void) {
        if let base = postgresURL {
            let name = uniqueName()
            try await PostgresAdmin.shared.run("CREATE DATABASE \"\(name)\"")
            return (.postgres(url: postgresURL(base, database: name)), {
                try? await PostgresAdmin.shared.run("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
            })
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fahrplan-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (.sqlite(path: directory.appendingPathComponent("test.sqlite").path), {
            try? FileManager.default.removeItem(at: directory)
        })
    }

    /// A new database for one test already in `state` (a copy of the process's template), or an empty one when
    /// templates are switched off; `copied` says which, the caller migrates and loads in the second case.
    static func make(startingFrom state: StartingState) async throws
        -> (database: AppConfiguration.Database, cleanup: @Sendable () async -> Void, copied: Bool) {
        if DatabaseTemplates.enabled {
            let (database, cleanup) = try await DatabaseTemplates.copy(try await DatabaseTemplates.shared.template(state))
            return (database, cleanup, true)
        }
        let (database, cleanup) = try await make()
        return (database, cleanup, false)
    }
}

/// One long-lived connection to the PostgreSQL server's maintenance database, for creating and dropping
/// the per-test databases.
actor PostgresAdmin {
    static let shared = PostgresAdmin()
    /// One task makes the connection; calls that arrive while it runs wait for it instead of making their own
    /// (an actor re-enters at every `await`).
    private var connecting: Task<Application, any Error>?

    func run(_ statement: String) async throws {
        try await sql().raw(SQLQueryString(statement)).run()
    }

    /// The names of the server's databases that start with `prefix`.
    func databases(prefix: String) async throws -> [String] {
        let pattern = prefix.replacingOccurrences(of: "_", with: "\\_") + "%"
        return try await sql().raw("SELECT datname FROM pg_database WHERE datname LIKE \(bind: pattern)").all()
            .map { try $0.decode(column: "datname", as: String.self) }
    }

    private func sql() async throws -> any SQLDatabase {
        if connecting == nil {
            connecting = Task {
                let admin = try await Application.make(.testing)
                // CREATE DATABASE for hundreds of parallel tests queues here; on a loaded machine that outlasts 30 s.
                try DatabaseSetup.use(.postgres(url: TestDatabase.postgresURL!), poolTimeout: 600, on: admin)
                return admin
            }
        }
        guard let app = try await connecting?.value, let sql = app.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        return sql
    }
}

/// A running Fahrplan server on a free loopback port, with its own database.
struct TestServer: Sendable {
    let app: Application
    let baseURL: String
    let http: HTTPClient

    static let demoPassword = "test-password-123"

    func client() -> TestClient { TestClient(server: self) }
    var db: any Database { app.db }
}

/// Makes, migrates and starts a server (optionally with the demo municipality), runs `body`, and always
/// shuts everything down and removes the database. The database starts as a copy of the process's template
/// for that state (`DatabaseTemplates`); `autoMigrate` then finds every migration done.
func withServer(demo: Bool = true, _ body: (TestServer) async throws -> Void) async throws {
    let (database, cleanup, copied) = try await TestDatabase.make(startingFrom: demo ? .demo : .migrated)
    let app = try await Operations.makeApplication(configuration: TestDatabase.configuration(database),
                                                   environment: .testing, passwordCost: 4)
    let http = HTTPClient(eventLoopGroupProvider: .singleton,
                          configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .minutes(5), read: nil)))
    TestDatabase.applyTestSettings(app)
    do {
        try await app.autoMigrate()
        if demo && !copied { _ = try await DemoLoader.load(on: app, password: TestServer.demoPassword) }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "no port") }
        try await body(TestServer(app: app, baseURL: "http://127.0.0.1:\(port)", http: http))
    } catch {
        await app.server.shutdown()
        try? await http.shutdown()
        try? await app.asyncShutdown()
        await cleanup()
        throw error
    }
    await app.server.shutdown()
    try await http.shutdown()
    try await app.asyncShutdown()
    await cleanup()
}
