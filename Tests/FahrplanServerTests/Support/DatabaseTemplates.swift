import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a test server's database holds before the test starts.
enum StartingState: String, Sendable {
    /// Every migration run, nothing else.
    case migrated
    /// Migrated, plus the demo municipality loaded with `TestServer.demoPassword`.
    case demo
}

/// The starting states, each built once per test process (by the same code as before: `Operations.makeApplication`
/// with the test settings, `autoMigrate`, `DemoLoader.load`) and copied for every test — PostgreSQL:
/// `CREATE DATABASE … TEMPLATE`, SQLite: a copy of a `VACUUM INTO` snapshot. Migrating and loading the demo took
/// most of a short test's time, with the same result every time.
///
/// A copy is what a test got before with two differences: the rows' ids are the same in every test's database
/// (each test still has its own database), and the demo's timestamps are those of the build, minutes earlier.
/// The first would mix tests up through a cache shared by the whole process and keyed by row ids; there is none
/// (caches keyed by rows live in `app.storage`, one set per test server), and none may be added.
/// Caches in `app.storage` are per test server and unaffected.
///
/// Day-dependent demo data (dates moved relative to "today") is keyed by the municipal day: a test that starts
/// on a later day than the template's build gets a new template.
///
/// `FAHRPLAN_TEST_TEMPLATES=0` switches copying off (every test migrates and loads, as before).
actor DatabaseTemplates {
    static let shared = DatabaseTemplates()

    static var enabled: Bool { ProcessInfo.processInfo.environment["FAHRPLAN_TEST_TEMPLATES"] != "0" }

    struct Template: Sendable {
        enum Location: Sendable {
            case postgres(database: String)
            case sqlite(path: String)
        }
        let location: Location
    }

    private struct Key: Hashable {
        var state: StartingState
        var day: CalendarDay
    }

    /// One task builds a template; tests that ask meanwhile wait for it (the actor re-enters at every `await`).
    private var templates: [Key: Task<Template, any Error>] = [:]

    func template(_ state: StartingState) async throws -> Template {
        let key = Key(state: state, day: MunicipalCalendar().today)
        let task: Task<Template, any Error>
        if let known = templates[key] {
            task = known
        } else {
            task = Task { try await Self.build(state) }
            templates[key] = task
        }
        do {
            return try await task.value
        } catch {
            // A failed build (a server hiccup) is tried again by the next test rather than failing all of them.
            if templates[key].map({ $0 == task }) ?? false { templates[key] = nil }
            throw error
        }
    }

    // MARK: building

    private static func build(_ state: StartingState) async throws -> Template {
        Cleanup.registerOnce()
        let name = "fahrplan_tpl_\(Cleanup.hostTag)_\(getpid())_\(state.rawValue)_\(UUID().uuidString.prefix(8).lowercased())"
        if let base = TestDatabase.postgresURL {
            await Cleanup.sweepPostgresOnce()
            try await PostgresAdmin.shared.run("CREATE DATABASE \"\(name)\"")
            Cleanup.remember(.postgres(database: name))
            try await populate(.postgres(url: TestDatabase.postgresURL(base, database: name)), state) { _ in }
            // Copies need a template nobody is connected to; refusing connections keeps it so.
            try await PostgresAdmin.shared.run("ALTER DATABASE \"\(name)\" ALLOW_CONNECTIONS false")
            return Template(location: .postgres(database: name))
        }
        let directory = try Cleanup.sqliteDirectory()
        let building = directory.appendingPathComponent("\(name)-build.sqlite").path
        let snapshot = directory.appendingPathComponent("\(name).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: building + suffix) } }
        try await populate(.sqlite(path: building), state) { app in
            // One self-contained file, whatever is still in the write-ahead log.
            guard let sql = app.db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "no SQL database") }
            try await sql.raw(SQLQueryString("VACUUM INTO '\(snapshot.replacingOccurrences(of: "'", with: "''"))'")).run()
        }
        return Template(location: .sqlite(path: snapshot))
    }

    /// Migrates (and loads the demo) exactly as `withServer` did for every test; `finish` runs before the shutdown.
    private static func populate(_ database: AppConfiguration.Database, _ state: StartingState,
                                 finish: (Application) async throws -> Void) async throws {
        let app = try await Operations.makeApplication(configuration: TestDatabase.configuration(database),
                                                       environment: .testing, passwordCost: 4)
        TestDatabase.applyTestSettings(app)
        do {
            try await app.autoMigrate()
            if state == .demo { _ = try await DemoLoader.load(on: app, password: TestServer.demoPassword) }
            try await finish(app)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    // MARK: copying

    /// A new database holding `template`'s state, and how to remove it afterwards.
    static func copy(_ template: Template) async throws -> (AppConfiguration.Database, @Sendable () async -> Void) {
        switch template.location {
        case .postgres(let source):
            guard let base = TestDatabase.postgresURL else { throw Abort(.internalServerError, reason: "no TEST_DATABASE_URL") }
            let name = TestDatabase.uniqueName()
            try await createDatabase(name, template: source)
            return (.postgres(url: TestDatabase.postgresURL(base, database: name)), {
                try? await PostgresAdmin.shared.run("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
            })
        case .sqlite(let source):
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fahrplan-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("test.sqlite").path
            try FileManager.default.copyItem(atPath: source, toPath: path)
            return (.sqlite(path: path), {
                try? FileManager.default.removeItem(at: directory)
            })
        }
    }

    /// Concurrent copies of one template are fine (each only reads it); PostgreSQL refuses one while a session is
    /// still connected to the template, which the builder's closing connections may briefly be.
    private static func createDatabase(_ name: String, template: String) async throws {
        var attempt = 0
        while true {
            do {
                try await PostgresAdmin.shared.run("CREATE DATABASE \"\(name)\" TEMPLATE \"\(template)\"")
                return
            } catch {
                attempt += 1
                let text = String(reflecting: error)
                guard attempt < 10, text.contains("55006") || text.contains("being accessed by other users") else { throw error }
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }
}

/// Removes the templates when the process ends, and those of earlier processes on this machine that ended without.
private enum Cleanup {
    enum Item { case postgres(database: String), sqlite(directory: String) }

    private static let items = NIOLockedValueBox<[String: Item]>([:])
    private static let registered = NIOLockedValueBox(false)
    private static let sweptSQLite = NIOLockedValueBox(false)
    private static let sweptPostgres = NIOLockedValueBox(false)

    static func remember(_ item: Item) {
        switch item {
        case .postgres(let name): items.withLockedValue { $0["pg:" + name] = item }
        case .sqlite(let directory): items.withLockedValue { $0["sqlite:" + directory] = item }
        }
    }

    /// The host in template names, so that a sweep never takes another machine's process ids for its own.
    static let hostTag: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gethostname(&buffer, buffer.count - 1)
        var hash: UInt32 = 2_166_136_261
        for byte in buffer.prefix(while: { $0 != 0 }).map({ UInt8(bitPattern: $0) }) { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return String(hash, radix: 16)
    }()

    static func registerOnce() {
        let first = registered.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first { atexit { Cleanup.removeAll() } }
    }

    static func sqliteDirectory() throws -> URL {
        let root = FileManager.default.temporaryDirectory
        let directory = root.appendingPathComponent("fahrplan-templates-\(hostTag)-\(getpid())")
        let first = sweptSQLite.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first, let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) {
            for name in names where name.hasPrefix("fahrplan-templates-\(hostTag)-") {
                if let pid = Int32(name.split(separator: "-").last ?? ""), !isAlive(pid) {
                    try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
                }
            }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        remember(.sqlite(directory: directory.path))
        return directory
    }

    static func sweepPostgresOnce() async {
        let first = sweptPostgres.withLockedValue { done in
            defer { done = true }
            return !done
        }
        guard first, let names = try? await PostgresAdmin.shared.databases(prefix: "fahrplan_tpl_\(hostTag)_") else { return }
        for name in names {
            let parts = name.split(separator: "_")
            // fahrplan_tpl_<host>_<pid>_<state>_<random>
            guard parts.count == 6, let pid = Int32(parts[3]), !isAlive(pid) else { continue }
            try? await PostgresAdmin.shared.run("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        }
    }

    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    /// Runs in `atexit`: no test is running any more; the drops get a few seconds, a server that does not answer
    /// leaves its templates to the next run's sweep.
    static func removeAll() {
        let all = items.withLockedValue { $0 }.values
        var databases: [String] = []
        for item in all {
            switch item {
            case .sqlite(let directory): try? FileManager.default.removeItem(atPath: directory)
            case .postgres(let name): databases.append(name)
            }
        }
        guard !databases.isEmpty else { return }
        let names = databases
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            for name in names { try? await PostgresAdmin.shared.run("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)") }
            done.signal()
        }
        _ = done.wait(timeout: .now() + 20)
    }
}
