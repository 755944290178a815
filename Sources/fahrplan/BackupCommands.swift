import ArgumentParser
import FahrplanServer
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent backup of the configured database to FILE (safe while the server runs; never overwrites).",
        discussion: "SQLite: VACUUM INTO. PostgreSQL: pg_dump --format=custom --no-owner --no-privileges (FAHRPLAN_PG_BIN_DIR names its directory when it is not on the PATH).")
    @Argument(help: "The backup file to create.") var file: String

    func run() async throws {
        try LogSetup.bootstrapOnce()
        do {
            print(try await Backup.backup(try AppConfiguration.fromEnvironment(), to: file))
        } catch {
            throw CLIError(message: Operations.describe(error))
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the configured database by a backup made with `fahrplan backup`. Stop every Fahrplan process first.",
        discussion: "SQLite: the file is checked (integrity, Fahrplan's tables and migrations) before it replaces the database; the old one is kept as <database>.before-restore. PostgreSQL: pg_restore --clean --if-exists --no-owner in one transaction.")
    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Replace an existing SQLite database (it is kept as <database>.before-restore).") var force = false

    func run() async throws {
        try LogSetup.bootstrapOnce()
        do {
            print(try await Backup.restore(try AppConfiguration.fromEnvironment(), from: file, force: force))
        } catch {
            throw CLIError(message: Operations.describe(error))
        }
    }
}
