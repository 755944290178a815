import Foundation
import Vapor

/// The hidden `fahrplan bench-data` commands of benchmarks/monitoring-dashboard.sh.
extension Operations {
    /// Writes the monitoring benchmark's data into the municipality's generated projects (see `MonitoringBenchData`).
    public static func generateMonitoringBenchData(_ app: Application, municipalitySlug: String, reports: Int, milestonesPerProject: Int,
                                                   kpis: Int, months: Int, seed: UInt64) async throws -> MonitoringBenchDataSummary {
        try await MonitoringBenchData.generate(app, slug: municipalitySlug, options: .init(
            reports: reports, milestonesPerProject: milestonesPerProject, kpis: kpis, months: months, seed: seed))
    }

    /// Times the monitoring dashboard's loads one by one, and leaner alternatives (see `MonitoringLoadTimings`).
    public static func timeMonitoringLoads(_ app: Application, municipalitySlug: String, runs: Int) async throws -> [MonitoringLoadTiming] {
        try await MonitoringLoadTimings.run(app, slug: municipalitySlug, runs: runs)
    }

    /// Writes a Quick-Check round with `responses` responses for the results benchmark (see `MaturityResultsBenchData`).
    public static func generateMaturityResultsBenchData(_ app: Application, municipalitySlug: String, responses: Int, statements: Int,
                                                        seed: UInt64) async throws -> MaturityBenchDataSummary {
        try await MaturityResultsBenchData.generate(app, slug: municipalitySlug, responses: responses, statements: statements, seed: seed)
    }
}
