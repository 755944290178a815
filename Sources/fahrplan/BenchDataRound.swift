import ArgumentParser
import FahrplanServer
import Foundation

extension BenchDataCommand {
    /// `fahrplan bench-data round --tenant SLUG`: the big round of benchmarks/round-pages-http.sh.
    struct Round: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A prioritization round over the municipality's first --projects projects, rated by --raters raters.",
            discussion: "Import the generated project list first (fahrplan import projects). Prints the round's id. Deterministic for a seed.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Projects in the round.") var projects = 500
        @Option(help: "Raters of the round.") var raters = 10
        @Option(help: "Seed of the generator.") var seed = 19

        func validate() throws {
            guard projects >= 1, (1...99).contains(raters), seed >= 0 else {
                throw ValidationError("At least one project; raters 1 to 99; the seed must not be negative.")
            }
        }

        func run() async throws {
            try await withApplication { app in
                let summary = try await Operations.generateRoundBenchData(app, municipalitySlug: tenant, roundProjects: projects,
                                                                          raters: raters, seed: UInt64(seed))
                for line in summary.lines { print(line) }
            }
        }
    }
}
