import ArgumentParser
import FahrplanServer
import Foundation

/// `fahrplan bench-data monitoring --tenant SLUG …`: the data of benchmarks/monitoring-dashboard.sh. Hidden from
/// the help: it rewrites the statuses of generated projects and is of no use outside a benchmark database.
struct BenchDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-data", abstract: "Generate benchmark data (benchmarks/ only).",
                                                    shouldDisplay: false, subcommands: [Monitoring.self, MonitoringLoads.self, Maturity.self,
                                                                                  StrategyVersions.self, CommitteeReport.self, Round.self])

    struct Monitoring: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Status reports, milestones and KPIs with measurements for the projects of benchmarks/generate_projects.py.",
            discussion: "Import the generated project list first (fahrplan import projects). Deterministic for a seed and a day.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Status reports in all.") var reports = 10_000
        @Option(help: "Milestones per project in implementation or completed.") var milestones = 3
        @Option(help: "KPIs, spread over the municipality's goals.") var kpis = 200
        @Option(help: "Monthly measurements per KPI.") var months = 60
        @Option(help: "Seed of the generator.") var seed = 16

        func validate() throws {
            guard reports >= 0, milestones >= 0, kpis >= 0, months >= 1, seed >= 0 else {
                throw ValidationError("Counts must not be negative; months at least 1.")
            }
        }

        func run() async throws {
            try await withApplication { app in
                let summary = try await Operations.generateMonitoringBenchData(
                    app, municipalitySlug: tenant, reports: reports, milestonesPerProject: milestones, kpis: kpis, months: months,
                    seed: UInt64(seed))
                for line in summary.lines { print(line) }
            }
        }
    }

    struct Maturity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A Quick-Check round with anonymous responses for benchmarks/maturity-results-http.sh.",
            discussion: "Prints the round's id. Deterministic for a seed.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Responses of the round.") var responses = 20_000
        @Option(help: "Statements of the questionnaire (8 topic fields).") var statements = 60
        @Option(help: "Seed of the generator.") var seed = 17

        func validate() throws {
            guard responses >= 0, (8...600).contains(statements), seed >= 0 else {
                throw ValidationError("Responses must not be negative; statements 8 to 600.")
            }
        }

        func run() async throws {
            try await withApplication { app in
                let summary = try await Operations.generateMaturityResultsBenchData(app, municipalitySlug: tenant, responses: responses,
                                                                                    statements: statements, seed: UInt64(seed))
                for line in summary.lines { print(line) }
            }
        }
    }

    struct MonitoringLoads: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monitoring-loads",
            abstract: "Time the monitoring dashboard's loads one by one on the configured database, with leaner alternatives.")
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Timed runs per load (after one warm-up).") var runs = 10

        func run() async throws {
            try await withApplication(migrate: false) { app in
                for timing in try await Operations.timeMonitoringLoads(app, municipalitySlug: tenant, runs: runs) { print(timing.line) }
            }
        }
    }
}
