import FahrplanCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// One timed load: how many rows it returned and its run times in milliseconds (sorted, warm-up left out).
public struct MonitoringLoadTiming: Sendable {
    public var name: String
    public var rows: Int
    public var milliseconds: [Double]

    public var line: String {
        let median = milliseconds.isEmpty ? 0 : milliseconds[milliseconds.count / 2]
        return name.padding(toLength: 64, withPad: " ", startingAt: 0)
            + String(format: "%7d rows   median %8.2f ms   max %8.2f ms", rows, median, milliseconds.last ?? 0)
    }
}

/// Where the monitoring dashboard's time goes (benchmarks/monitoring-dashboard.sh prints it): each load the page
/// makes, timed alone on the benchmark's database, and leaner queries that would give the dashboard the same
/// answers (only the columns it shows, the newest report and measurement day per subject computed by the database).
enum MonitoringLoadTimings {
    static func run(_ app: Application, slug: String, runs: Int) async throws -> [MonitoringLoadTiming] {
        let db = app.db
        guard let municipality = try await Municipality.query(on: db).filter(\.$slug == slug).first(), let id = municipality.id else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        guard let sql = db as? any SQLDatabase else { throw AppConfiguration.Problem(description: "needs an SQL database") }
        let today = app.municipalCalendar.today
        var results: [MonitoringLoadTiming] = []
        results.append(try await time("MonitoringLoad.projects (as the page and the API load)", runs) {
            try await MonitoringLoad.projects(id, on: db, today: today).count
        })
        let projects = try await MonitoringLoad.projects(id, on: db, today: today)
        results.append(try await time("  MonitoringDashboard.overview (core, on loaded projects)", runs) {
            MonitoringDashboard.overview(of: projects, today: today).budget.count
        })
        results.append(try await time("  (before 441a696) every project as Fluent models", runs) {
            try await Project.query(on: db).filter(\.$municipality.$id == id).filter(\.$archivedAt == nil).all().count
        })
        results.append(try await time("  (before 441a696) every status report as Fluent models", runs) {
            try await ProjectStatusReport.query(on: db).filter(\.$municipality.$id == id).all().count
        })
        results.append(try await time("  (before 441a696) every milestone as Fluent models", runs) {
            try await ProjectMilestone.query(on: db).filter(\.$municipality.$id == id).all().count
        })
        results.append(try await time("  MonitoringLoad.fieldsOfAction", runs) {
            try await MonitoringLoad.fieldsOfAction(id, on: db).count
        })
        results.append(try await time("KPIOverview.load (KPI box of the page, KPI pages)", runs) {
            try await KPIOverview.load(db: db, municipalityID: id, today: today).items.count
        })
        results.append(try await time("  (before 441a696) every KPI measurement as Fluent models", runs) {
            try await KPIMeasurementRecord.query(on: db).filter(\.$municipality.$id == id).all().count
        })
        results.append(try await time("StatusUpdateSubjects.load (late list of the update cycles)", runs) {
            try await StatusUpdateSubjects.load(db: db, municipalityID: id).count
        })
        results.append(try await time("KPIUpdateSubjects.load (late list of the update cycles)", runs) {
            try await KPIUpdateSubjects.load(db: db, municipalityID: id).count
        })
        results.append(try await time("alternative: projects, the 6 columns shown (SQL)", runs) {
            try await sql.raw("""
                SELECT id, code, title, status, total_one_off_cents, total_running_cents FROM projects
                WHERE municipality_id = \(bind: id) AND archived_at IS NULL AND merged_into_id IS NULL
                """).all().map { try $0.decode(column: "code", as: String.self) }.count
        })
        results.append(try await time("alternative: newest report per project, columns shown (SQL)", runs) {
            try await sql.raw("""
                SELECT r.project_id, r.reported_on, r.schedule, r.schedule_reason, r.budget, r.budget_reason, r.scope, r.scope_reason,
                       r.spent_to_date_cents
                FROM status_reports r JOIN (SELECT project_id, MAX(reported_on) AS newest FROM status_reports
                                            WHERE municipality_id = \(bind: id) GROUP BY project_id) n
                  ON n.project_id = r.project_id AND n.newest = r.reported_on
                WHERE r.municipality_id = \(bind: id)
                """).all().map { try $0.decode(column: "schedule", as: String.self) }.count
        })
        results.append(try await time("alternative: newest report day per project (SQL GROUP BY)", runs) {
            try await sql.raw("""
                SELECT project_id, MAX(reported_on) AS newest FROM status_reports WHERE municipality_id = \(bind: id) GROUP BY project_id
                """).all().map { try $0.decode(column: "newest", as: String.self) }.count
        })
        results.append(try await time("alternative: open milestones due before today (SQL)", runs) {
            try await sql.raw("""
                SELECT id, project_id, title, due_on FROM milestones
                WHERE municipality_id = \(bind: id) AND done_on IS NULL AND due_on < \(bind: today.iso)
                """).all().map { try $0.decode(column: "due_on", as: String.self) }.count
        })
        results.append(try await time("alternative: KPI measurements, 3 columns (SQL)", runs) {
            try await sql.raw("SELECT kpi_id, measured_on, value FROM kpi_measurements WHERE municipality_id = \(bind: id)")
                .all().map { try $0.decode(column: "value", as: Double.self) }.count
        })
        results.append(try await time("alternative: newest measurement day per KPI (SQL GROUP BY)", runs) {
            try await sql.raw("""
                SELECT kpi_id, MAX(measured_on) AS newest FROM kpi_measurements WHERE municipality_id = \(bind: id) GROUP BY kpi_id
                """).all().map { try $0.decode(column: "newest", as: String.self) }.count
        })
        return results
    }

    /// Runs `body` once to warm up, then `runs` times.
    private static func time(_ name: String, _ runs: Int, _ body: () async throws -> Int) async throws -> MonitoringLoadTiming {
        var rows = try await body()
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, runs) {
            let start = clock.now
            rows = try await body()
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return MonitoringLoadTiming(name: name, rows: rows, milliseconds: times.sorted())
    }
}
