import ArgumentParser
import FahrplanServer
import Foundation

extension BenchDataCommand {
    /// `fahrplan bench-data strategy-versions --tenant SLUG --projects N`: two stored strategy versions for
    /// benchmarks/strategy-versions-http.sh; prints their ids (`from:`, `to:`).
    struct StrategyVersions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "strategy-versions",
            abstract: "Two strategy versions of N projects (ranked and on the roadmap) for benchmarks/strategy-versions-http.sh.",
            discussion: "Deterministic: the core's ReportingSample. Prints the versions' ids.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Projects in each version.") var projects = 2_000

        func validate() throws {
            guard (1...100_000).contains(projects) else { throw ValidationError("Projects: 1 to 100,000.") }
        }

        func run() async throws {
            try await withApplication { app in
                let summary = try await Operations.generateStrategyVersionBenchData(app, municipalitySlug: tenant, projects: projects)
                for line in summary.lines { print(line) }
            }
        }
    }
}
