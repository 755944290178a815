import FluentSQLiteDriver
import Foundation

/// `fahrplan backup` and `fahrplan restore`: a whole installation into one file and back.
///
/// SQLite: `VACUUM INTO`, which SQLite runs as one read transaction. It is therefore a consistent snapshot,
/// and in WAL mode it does not stop the running server from writing meanwhile. SQLite's online backup API
/// (`sqlite3_backup_*`) would do the same, but SQLiteNIO does not expose it, and `VACUUM INTO` also leaves a
/// compact file with the WAL folded in. PostgreSQL: `pg_dump` / `pg_restore`, which do this job best.
public enum Backup {
    /// Tables every Fahrplan database has; a file without them is not a Fahrplan backup.
    static let requiredTables = ["_fluent_migrations", "municipalities", "users", "memberships", "api_tokens"]

    /// Writes a backup of the configured database to `file` (never over an existing file) and says what it did.
    /// `toolDirectory`: where `pg_dump` is, when not on the PATH.
    public static func backup(_ configuration: AppConfiguration, to file: String, toolDirectory: String? = nil) async throws -> String {
        let target = absolute(file)
        guard !FileManager.default.fileExists(atPath: target) else {
            throw AppConfiguration.Problem(description: "\(target) exists already; a backup never overwrites a file. Choose a new name.")
        }
        switch configuration.database {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw AppConfiguration.Problem(description: "There is no database at \(path) (check DATABASE_URL).")
            }
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            do {
                // A writer that holds the lock at this moment is waited for, not failed on.
                _ = try await connection.query("PRAGMA busy_timeout=5000")
                _ = try await connection.query("VACUUM INTO ?", [.text(target)])
                try await connection.close()
            } catch {
                try? await connection.close()
                throw AppConfiguration.Problem(description: "Backup of \(path) failed: \(error)")
            }
            // VACUUM INTO does not sync the new file; a backup that a power cut can eat is no backup.
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: target))
            try handle.synchronize()
            try handle.close()
            let problems = try await check(sqliteFile: target)
            guard problems.isEmpty else { throw AppConfiguration.Problem(description: "The backup \(target) failed its check: " + problems.joined(separator: " ")) }
            return "Backup of \(path) written to \(target) (SQLite VACUUM INTO, consistent while the server runs)."
        case .postgres(let url):
            let connection = try PostgresTarget(url: url)
            let arguments = ["--format=custom", "--no-owner", "--no-privileges", "--file=\(target)", "--dbname=\(connection.urlWithoutPassword)"]
            try await runTool("pg_dump", arguments, password: connection.password, toolDirectory: toolDirectory)
            return "Backup of \(connection.urlWithoutPassword) written to \(target) (pg_dump, custom format)."
        }
    }

    /// Replaces the configured database by the backup in `file`, after checking it. SQLite: refuses while a
    /// server uses the database, and refuses an existing database unless `force`, which keeps the old one
    /// as `<database>.before-restore`. PostgreSQL: `pg_restore --clean` in one transaction.
    public static func restore(_ configuration: AppConfiguration, from file: String, force: Bool,
                               toolDirectory: String? = nil) async throws -> String {
        let source = absolute(file)
        guard FileManager.default.fileExists(atPath: source) else {
            throw AppConfiguration.Problem(description: "There is no file \(source).")
        }
        switch configuration.database {
        case .sqlite(let path):
            return try await restoreSQLite(from: source, to: path, force: force)
        case .postgres(let url):
            let connection = try PostgresTarget(url: url)
            // One transaction: a dump that fails half-way leaves the database as it was.
            let arguments = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                             "--dbname=\(connection.urlWithoutPassword)", source]
            try await runTool("pg_restore", arguments, password: connection.password, toolDirectory: toolDirectory)
            return "Restored \(source) into \(connection.urlWithoutPassword) (pg_restore). Run `fahrplan migrate` if this binary is newer than the backup."
        }
    }

    // MARK: - SQLite

    private static func restoreSQLite(from source: String, to path: String, force: Bool) async throws -> String {
        let files = FileManager.default
        let exists = files.fileExists(atPath: path)
        if exists, !force {
            throw AppConfiguration.Problem(description: "\(path) exists. Stop every Fahrplan process, then run restore with --force; the current database is kept as \(path).before-restore.")
        }
        let directory = (path as NSString).deletingLastPathComponent
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Checked and installed as a copy next to the target: the backup itself is never opened for writing,
        // and the final step is one rename on the same file system.
        let staging = path + ".restoring-\(UUID().uuidString.prefix(8))"
        try files.copyItem(atPath: source, toPath: staging)
        do {
            let problems = try await check(sqliteFile: staging, makeSelfContained: true)
            guard problems.isEmpty else {
                throw AppConfiguration.Problem(description: "\(source) cannot be restored: " + problems.joined(separator: " "))
            }
            var kept: String?
            if exists { kept = try await moveAside(path) }
            try files.moveItem(atPath: staging, toPath: path)
            return "Restored \(source) to \(path)." + (kept.map { " The previous database is kept as \($0)." } ?? "")
        } catch {
            try? files.removeItem(atPath: staging)
            throw error
        }
    }

    /// Moves the current database aside, but only when no other connection has it open: taking it out of WAL
    /// mode needs exclusive access, which a running Fahrplan process (WAL, connections kept open) prevents.
    /// That also folds its WAL into the file, so the kept copy is complete on its own.
    private static func moveAside(_ path: String) async throws -> String {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            let mode = try await connection.query("PRAGMA journal_mode=DELETE").first?.column("journal_mode")?.string
            guard mode == "delete" else { throw SQLiteBusy() }
            // Held while the files move, so that nobody starts writing to the old file in between.
            _ = try await connection.query("BEGIN EXCLUSIVE")
            var kept = path + ".before-restore"
            if FileManager.default.fileExists(atPath: kept) {
                kept += "-" + ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
            }
            try FileManager.default.moveItem(atPath: path, toPath: kept)
            _ = try? await connection.query("ROLLBACK")
            try await connection.close()
            return kept
        } catch {
            try? await connection.close()
            if error is SQLiteBusy || String(describing: error).contains("locked") || String(describing: error).contains("busy") {
                throw AppConfiguration.Problem(description: "\(path) is in use by a running Fahrplan process (or another program). Stop every process that uses it, then restore again.")
            }
            throw error
        }
    }

    private struct SQLiteBusy: Error {}

    /// What is wrong with a SQLite file as a Fahrplan database: damaged, not Fahrplan's, or made by a newer
    /// Fahrplan than this one. Empty when it is fine.
    static func check(sqliteFile path: String, makeSelfContained: Bool = false) async throws -> [String] {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            var problems: [String] = []
            let integrity = try await connection.query("PRAGMA integrity_check").compactMap { $0.columns.first?.data.string }
            if integrity != ["ok"] {
                problems.append("PRAGMA integrity_check reports: " + integrity.prefix(5).joined(separator: "; "))
            } else {
                let tables = Set(try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.column("name")?.string })
                let missing = requiredTables.filter { !tables.contains($0) }
                if !missing.isEmpty {
                    problems.append("it is not a Fahrplan database (tables missing: \(missing.joined(separator: ", "))).")
                } else {
                    let applied = try await connection.query("SELECT name FROM _fluent_migrations").compactMap { $0.column("name")?.string }
                    let known = Set(FahrplanMigrations.all.map(\.name))
                    let unknown = applied.filter { !known.contains($0) }
                    if !unknown.isEmpty {
                        problems.append("it was made by a newer Fahrplan (unknown migrations: \(unknown.joined(separator: ", "))); restore it with that version.")
                    }
                    if let first = FahrplanMigrations.all.first?.name, !applied.contains(first) {
                        problems.append("its migration record is incomplete (\(first) missing).")
                    }
                }
            }
            if problems.isEmpty, makeSelfContained { _ = try await connection.query("PRAGMA journal_mode=DELETE") }
            try await connection.close()
            return problems
        } catch {
            try? await connection.close()
            // Not a database at all ("file is not a database") is a finding, not a crash.
            return ["it is not a readable SQLite database (\(error))."]
        }
    }

    // MARK: - PostgreSQL

    /// DATABASE_URL as libpq reads it, with the password passed through the environment (PGPASSWORD) instead
    /// of the command line, where every user of the machine could read it.
    struct PostgresTarget {
        var urlWithoutPassword: String
        var password: String?

        init(url: String) throws {
            guard var components = URLComponents(string: url) else { throw AppConfiguration.Problem(description: "DATABASE_URL is not a URL.") }
            password = components.password
            components.password = nil
            // Fahrplan accepts `tlsmode` as another name for `sslmode`; libpq knows only the latter.
            components.queryItems = components.queryItems?.map { $0.name == "tlsmode" ? URLQueryItem(name: "sslmode", value: $0.value) : $0 }
            if components.queryItems?.isEmpty == true { components.queryItems = nil }
            urlWithoutPassword = components.string ?? url
        }
    }

    /// The full path of `tool` in `toolDirectory`, `FAHRPLAN_PG_BIN_DIR` or on the PATH; nil when not installed.
    static func findTool(_ tool: String, in toolDirectory: String?) -> String? {
        let environment = ProcessInfo.processInfo.environment
        var directories = [toolDirectory, environment["FAHRPLAN_PG_BIN_DIR"]].compactMap { $0 }.filter { !$0.isEmpty }
        directories += (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        return directories.map { ($0 as NSString).appendingPathComponent(tool) }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool` with the password in PGPASSWORD; a failure names the tool, its exit status, its error output
    /// and the command (without the password).
    static func runTool(_ tool: String, _ arguments: [String], password: String?, toolDirectory: String?) async throws {
        let shown = ([tool] + arguments).map(shellQuoted).joined(separator: " ")
        guard let executable = findTool(tool, in: toolDirectory) else {
            throw AppConfiguration.Problem(description: "\(tool) is not installed (or not on the PATH; FAHRPLAN_PG_BIN_DIR names its directory). Run this instead, with the password in PGPASSWORD or ~/.pgpass:\n  \(shown)")
        }
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await ChildProcess.run(executable, arguments, environment: environment)
        } catch {
            throw AppConfiguration.Problem(description: "\(tool) failed: \(error)\nCommand: \(shown)")
        }
        guard outcome.status == 0 else {
            throw AppConfiguration.Problem(description: "\(tool) failed (exit \(outcome.status)): \(outcome.standardError.trimmingCharacters(in: .whitespacesAndNewlines))\nCommand: \(shown)")
        }
    }

    private static func shellQuoted(_ value: String) -> String {
        value.allSatisfy { $0.isLetter || $0.isNumber || "-_=./:@".contains($0) } ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}
