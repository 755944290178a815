import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// The strategy team's monitoring overview and the municipality's monitoring settings (calendar feed token,
/// weeks until a running project counts as stale). Reads are open to members; settings to the strategy team.
struct MonitoringDashboardService {
    var db: any Database
    var context: MunicipalityContext

    func settings() async throws -> MonitoringSettings? {
        try await MonitoringSettings.query(on: db).filter(\.$municipality.$id == context.municipalityID).first()
    }

    func staleness() async throws -> StatusStaleness {
        StatusStaleness(weeks: try await settings()?.staleAfterWeeks ?? StatusStaleness.defaultWeeks)
    }

    /// The overview of every active project, with titles of fields of action and members' names for owners.
    func overview() async throws -> MonitoringOverview {
        let today = context.calendar.today
        let projects = try await MonitoringLoad.projects(context.municipalityID, on: db, today: today)
        return MonitoringDashboard.overview(of: projects, today: today, staleness: try await staleness())
    }

    /// Saves the weeks after which a running project without a report is flagged.
    func saveStaleWeeks(_ raw: String?) async throws {
        try context.require(context.permissions.canEditFrame)
        var check = Validator()
        let weeks = check.integer("staleAfterWeeks", raw, required: true, range: StatusStaleness.weeksRange)
        try check.finish()
        let existing = try await settings()
        if let existing, existing.staleAfterWeeks == weeks { return }
        let row = existing ?? newSettings()
        let old = existing.map { String($0.staleAfterWeeks) }
        row.staleAfterWeeks = weeks!
        try await db.writeTransaction { db in
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "monitoringSettings", entityID: row.id, label: "Monitoring",
                                        changes: [FieldChange(field: "staleAfterWeeks", old: old, new: String(weeks!))])
        }
    }

    /// Creates or replaces the calendar feed's secret; the old feed address stops working at once.
    func rotateCalendarToken() async throws -> String {
        try context.require(context.permissions.canEditFrame)
        let row = try await settings() ?? newSettings()
        let token = "cal_" + Secrets.randomToken()
        let hadOne = row.calendarToken != nil
        row.calendarToken = token
        try await db.writeTransaction { db in
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "monitoringSettings", entityID: row.id, label: "Monitoring",
                                        changes: [FieldChange(field: "calendarToken", old: hadOne ? "•••" : nil, new: "•••")])
        }
        return token
    }

    private func newSettings() -> MonitoringSettings {
        let row = MonitoringSettings()
        row.id = UUID()
        row.$municipality.id = context.municipalityID
        row.staleAfterWeeks = StatusStaleness.defaultWeeks
        return row
    }
}

/// Loads the plain values the dashboard needs with a fixed number of SQL selects of only the columns it uses:
/// decoding whole Fluent models of every report and milestone took most of the page's time (benchmarks/
/// monitoring-dashboard.sh: 10,000 reports, 5,000 milestones). Only each project's newest report and the open
/// milestones (due before `today` when given) are read, which is all `MonitoringDashboard.overview` looks at.
enum MonitoringLoad {
    static func projects(_ municipalityID: UUID, on db: any Database, today: CalendarDay? = nil) async throws -> [MonitoredProject] {
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        let rows = try await sql.raw("""
            SELECT id, code, title, status, total_one_off_cents, total_running_cents FROM projects
            WHERE municipality_id = \(bind: municipalityID) AND archived_at IS NULL AND merged_into_id IS NULL ORDER BY code
            """).all()
        let fields = try await fieldsOfAction(municipalityID, on: db)
        var latest: [UUID: StatusReport] = [:]
        // Ties on the newest day: the report written last wins, as on the project's status page.
        let reports = try await sql.raw("""
            SELECT r.project_id, r.reported_on, r.schedule, r.schedule_reason, r.budget, r.budget_reason, r.scope, r.scope_reason,
                   r.percent_complete, r.spent_to_date_cents
            FROM status_reports r JOIN (SELECT project_id, MAX(reported_on) AS newest FROM status_reports
                                        WHERE municipality_id = \(bind: municipalityID) GROUP BY project_id) n
              ON n.project_id = r.project_id AND n.newest = r.reported_on
            WHERE r.municipality_id = \(bind: municipalityID) ORDER BY r.created_at DESC
            """).all()
        for row in reports {
            let project = try row.decode(column: "project_id", as: UUID.self)
            guard latest[project] == nil, let day = CalendarDay(iso: try row.decode(column: "reported_on", as: String.self)) else { continue }
            func light(_ name: String) throws -> StatusLight {
                StatusLight(TrafficLight(rawValue: try row.decode(column: name, as: String.self)) ?? .green,
                            reason: try row.decode(column: name + "_reason", as: String?.self))
            }
            latest[project] = StatusReport(reportedOn: day, schedule: try light("schedule"), budget: try light("budget"), scope: try light("scope"),
                                           percentComplete: try row.decode(column: "percent_complete", as: Int.self),
                                           spentToDateCents: try row.decode(column: "spent_to_date_cents", as: Int64?.self))
        }
        var milestones: [UUID: [DatedMilestone]] = [:]
        var open: SQLQueryString = "SELECT id, project_id, title, due_on FROM milestones WHERE municipality_id = \(bind: municipalityID) AND done_on IS NULL"
        if let today {
            open.appendLiteral(" AND due_on < ")
            open.appendInterpolation(bind: today.iso)
        }
        open.appendLiteral(" ORDER BY due_on")
        for row in try await sql.raw(open).all() {
            guard let dueOn = CalendarDay(iso: try row.decode(column: "due_on", as: String.self)) else { continue }
            milestones[try row.decode(column: "project_id", as: UUID.self), default: []].append(DatedMilestone(
                id: try row.decode(column: "id", as: UUID.self),
                milestone: Milestone(title: try row.decode(column: "title", as: String.self), dueOn: dueOn)))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return MonitoredProject(id: id, code: try row.decode(column: "code", as: String.self), title: try row.decode(column: "title", as: String.self),
                                    status: ProjectStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .idea,
                                    fieldsOfAction: fields[id] ?? [],
                                    plannedCents: try row.decode(column: "total_one_off_cents", as: Int64.self)
                                        + row.decode(column: "total_running_cents", as: Int64.self),
                                    latestReport: latest[id], milestones: milestones[id] ?? [])
        }
    }

    /// Project id → the titles of the fields of action its strategy links lead up to.
    static func fieldsOfAction(_ municipalityID: UUID, on db: any Database) async throws -> [UUID: [String]] {
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        struct Element { var kind: String; var title: String; var parent: UUID? }
        var byID: [UUID: Element] = [:]
        for row in try await sql.raw("SELECT id, kind, title, parent_id FROM strategy_elements WHERE municipality_id = \(bind: municipalityID)").all() {
            byID[try row.decode(column: "id", as: UUID.self)] = Element(kind: try row.decode(column: "kind", as: String.self),
                                                                       title: try row.decode(column: "title", as: String.self),
                                                                       parent: try row.decode(column: "parent_id", as: UUID?.self))
        }
        func field(of id: UUID) -> String? {
            var current = byID[id]
            var steps = 0
            while let element = current, steps < 10 {
                if element.kind == StrategyElementKind.fieldOfAction.rawValue { return element.title }
                current = element.parent.flatMap { byID[$0] }
                steps += 1
            }
            return nil
        }
        var result: [UUID: [String]] = [:]
        for row in try await sql.raw("SELECT project_id, element_id FROM project_strategy_links WHERE municipality_id = \(bind: municipalityID)").all() {
            let project = try row.decode(column: "project_id", as: UUID.self)
            guard let title = field(of: try row.decode(column: "element_id", as: UUID.self)), !(result[project]?.contains(title) ?? false) else { continue }
            result[project, default: []].append(title)
        }
        return result
    }
}
