import ArgumentParser
import FahrplanServer
import Foundation

/// `fahrplan import projects FILE --tenant SLUG [--dry-run]`. Exit status: 0 imported (or, with --dry-run,
/// nothing wrong), 1 the file has errors (the report is on stderr, nothing was written), 2 usage or I/O.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data from spreadsheets.",
                                                    subcommands: [Projects.self])

    struct Projects: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a project list (CSV as Excel writes it; see docs/import.md).",
            discussion: """
                Rows whose Kennung exists update that project, other rows become new projects; all rows are written \
                in one transaction, or none. The report goes to stderr, the summary (N new, M updated, K unchanged) \
                to stdout. Exit status: 0 done, 1 the file has errors (nothing written), 2 usage or file problems.
                """)
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Municipality slug.") var tenant: String
        @Flag(help: "Only check and report; write nothing.") var dryRun = false
        @Option(help: "Language of the report: en or de.") var lang: ReportLanguage = .en

        func run() async throws {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                printError("Cannot read \(file): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let result = OutcomeBox()
            try await runCommand { app in
                let outcome = try await Operations.importProjects(app, file: data, fileName: name, municipalitySlug: tenant,
                                                                  dryRun: dryRun, german: lang == .de)
                result.hasErrors = outcome.hasErrors
                let warning = lang == .de ? "Hinweis" : "Warning"
                for line in outcome.warnings { printError("\(warning): \(line)") }
                for line in outcome.errors { printError(line) }
                var summary = outcome.summary
                if outcome.hasErrors {
                    // Nothing was written, whatever the good rows would have done.
                    summary = lang == .de ? "0 neu, 0 geändert, 0 unverändert – nichts importiert: \(outcome.errors.count) Fehler"
                                          : "0 new, 0 updated, 0 unchanged – nothing imported: \(outcome.errors.count) error(s)"
                } else if dryRun {
                    summary += lang == .de ? " (Probelauf, nichts gespeichert)" : " (dry run, nothing written)"
                }
                print(summary)
            }
            if result.hasErrors { throw ExitCode(1) }
        }
    }
}

/// `fahrplan export projects --tenant SLUG --format csv|json` writes every active project to stdout.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export data as spreadsheets or JSON.",
                                                    subcommands: [Projects.self])

    struct Projects: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every active project to stdout: CSV for German Excel (UTF-8 with BOM, ';') or JSON. The CSV imports back unchanged.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "csv or json.") var format: ExportFormat = .csv

        func run() async throws {
            try await runCommand { app in
                let data = try await Operations.exportProjects(app, municipalitySlug: tenant, format: format.rawValue)
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

enum ReportLanguage: String, ExpressibleByArgument, CaseIterable { case en, de }
enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

/// Carries the result out of the application's closure.
final class OutcomeBox: @unchecked Sendable {
    var hasErrors = false
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Like `withApplication`, but a failure (unknown municipality, database) exits with status 2, so that 1
/// means "the file has errors" only.
func runCommand(_ body: @escaping @Sendable (FahrplanApplication) async throws -> Void) async throws {
    do {
        try await withApplication(body)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}
