import ArgumentParser
import FahrplanServer
import Foundation

/// `fahrplan report committee --municipality SLUG [--from YYYY-MM-DD] [--to YYYY-MM-DD] --output FILE.docx|FILE.json`:
/// the committee report (Bericht an den Digitalisierungsausschuss) as the Word file or as the API's JSON, chosen by
/// the file's extension. Exit status: 0 written, 2 usage, a bad period, an unknown municipality or I/O.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Write reports (the committee report).",
                                                    subcommands: [Committee.self])

    struct Committee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the committee report for a period as DOCX or JSON.",
            discussion: "Without --from and --to: the current year up to today. The period's first and last day are included.")
        @Option(help: "Municipality slug.") var municipality: String
        @Option(help: "First day of the period (YYYY-MM-DD or DD.MM.YYYY).") var from: String?
        @Option(help: "Last day of the period, included.") var to: String?
        @Option(help: "The file to write: .docx or .json.") var output: String
        @Option(help: "Language of the document and messages: de or en.") var lang: ReportLanguage = .de

        func run() async throws {
            let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
            guard ext == "docx" || ext == "json" else {
                printError("--output: the file must end in .docx or .json")
                throw ExitCode(2)
            }
            let (municipality, from, to, output, german) = (municipality, from, to, output, lang == .de)
            try await runCommand { app in
                let file = try await Operations.committeeReport(app, municipalitySlug: municipality, from: from, to: to,
                                                                docx: ext == "docx", german: german)
                do {
                    try file.data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    printError("Cannot write \(output): \(error.localizedDescription)")
                    throw ExitCode(2)
                }
                print(file.summary + " → \(output)")
            }
        }
    }
}

extension BenchDataCommand {
    /// `fahrplan bench-data committee-report --tenant SLUG`: start and completion days and decisions for
    /// benchmarks/reporting-http.sh (after `bench-data monitoring`).
    struct CommitteeReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "committee-report",
            abstract: "Status changes (started, completed) and decisions for the committee report benchmark.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Decisions over the last year.") var decisions = 60
        @Option(help: "Seed of the generator.") var seed = 18

        func run() async throws {
            let (tenant, decisions, seed) = (tenant, decisions, UInt64(max(0, seed)))
            try await withApplication { app in
                for line in try await Operations.generateCommitteeReportBenchData(app, municipalitySlug: tenant, decisions: decisions, seed: seed) {
                    print(line)
                }
            }
        }
    }
}
