import ArgumentParser
import FahrplanCore
import Foundation

/// `fahrplan ahp [FILE]`: weights and consistency of a pairwise comparison matrix, for workshops and for checking
/// Fahrplan's figures by hand. Needs no database; the logic is `AHPCommandLine` in the core.
struct AHPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ahp",
        abstract: "Weights and consistency ratio of a pairwise comparison matrix (AHP, Saaty's 1–9 scale).",
        discussion: """
            Reads {"criteria": ["a", "b", …], "matrix": [[1, 3, …], …]} (JSON; from FILE, or stdin without FILE). \
            A cell may be a number or a fraction as a string ("1/3"). Prints the weights (principal eigenvector), \
            lambdaMax, consistencyIndex, randomIndex, consistencyRatio and the comparisons that contribute most \
            to the inconsistency as JSON on stdout. Exit status: 0 computed (a consistency ratio above 0.10 is \
            reported on stderr but still computed), 1 the input cannot be used (the reason is on stderr), 2 the \
            file cannot be read.
            """)

    @Argument(help: "The JSON file; stdin when omitted.") var file: String?
    @Option(help: "Language of warnings and errors: en or de.") var lang: ReportLanguage = .en

    func run() throws {
        let input: Data
        if let file {
            do {
                input = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                printError("Cannot read \(file): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            input = FileHandle.standardInput.readDataToEndOfFile()
        }
        let outcome = AHPCommandLine.run(input: input, english: lang == .en)
        FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
