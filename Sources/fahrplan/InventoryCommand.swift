import ArgumentParser
import FahrplanServer
import Foundation

/// `fahrplan inventory import systems|services FILE --tenant SLUG [--dry-run]` and
/// `fahrplan inventory export systems|services --tenant SLUG`. Exit status of the import: 0 imported (or, with
/// --dry-run, nothing wrong), 1 the file has problems (listed on stderr, nothing written), 2 usage or I/O.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inventory", abstract: "Import and export the inventory (IT systems, administrative services).",
                                                    subcommands: [Import.self, Export.self])

    enum Kind: String, ExpressibleByArgument, CaseIterable { case systems, services }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import IT systems or administrative services from CSV (see docs/inventory.md).",
            discussion: "Rows with the name of an active item update it, other rows become new items; all rows in one transaction, or none.")
        @Argument(help: "systems or services.") var kind: Kind
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Municipality slug.") var tenant: String
        @Flag(help: "Only check and report; write nothing.") var dryRun = false
        @Option(help: "Language of the report: en or de.") var lang: ReportLanguage = .en

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                printError("Cannot read \(file): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            let result = OutcomeBox()
            try await runCommand { app in
                let outcome = try await Operations.importInventory(app, kind: kind.rawValue, file: data, municipalitySlug: tenant,
                                                                   dryRun: dryRun, german: lang == .de)
                result.hasErrors = !outcome.errors.isEmpty
                for line in outcome.errors { printError(line) }
                if result.hasErrors {
                    print(lang == .de ? "nichts importiert: \(outcome.errors.count) Fehler" : "nothing imported: \(outcome.errors.count) error(s)")
                } else {
                    print(outcome.summary + (dryRun ? (lang == .de ? " (Probelauf, nichts gespeichert)" : " (dry run, nothing written)") : ""))
                }
            }
            if result.hasErrors { throw ExitCode(1) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every active IT system or service to stdout as CSV for German Excel (UTF-8 with BOM, ';'); it imports back unchanged.")
        @Argument(help: "systems or services.") var kind: Kind
        @Option(help: "Municipality slug.") var tenant: String

        func run() async throws {
            try await runCommand { app in
                FileHandle.standardOutput.write(try await Operations.exportInventory(app, kind: kind.rawValue, municipalitySlug: tenant))
            }
        }
    }
}
