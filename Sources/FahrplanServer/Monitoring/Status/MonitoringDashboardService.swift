import FahrplanCore
import Fluent
import Foundation

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
        let projects = try await MonitoringLoad.projects(context.municipalityID, on: db)
        return MonitoringDashboard.overview(of: projects, today: context.calendar.today, staleness: try await staleness())
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

/// Loads the plain values the dashboard and the calendar feed need, a few queries per municipality.
enum MonitoringLoad {
    static func projects(_ municipalityID: UUID, on db: any Database) async throws -> [MonitoredProject] {
        let rows = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$mergedInto.$id == nil).sort(\.$code).all()
        let fields = try await fieldsOfAction(municipalityID, on: db)
        var latest: [UUID: StatusReport] = [:]
        let reports = try await ProjectStatusReport.query(on: db).filter(\.$municipality.$id == municipalityID)
            .sort(\.$reportedOn, .descending).sort(\.$createdAt, .descending).all()
        for report in reports where latest[report.$project.id] == nil { latest[report.$project.id] = report.value }
        var milestones: [UUID: [DatedMilestone]] = [:]
        for row in try await ProjectMilestone.query(on: db).filter(\.$municipality.$id == municipalityID).sort(\.$dueOn).all() {
            if let id = row.id { milestones[row.$project.id, default: []].append(DatedMilestone(id: id, milestone: row.value)) }
        }
        return rows.compactMap { project in
            guard let id = project.id else { return nil }
            return MonitoredProject(id: id, code: project.code, title: project.title, status: project.projectStatus,
                                    fieldsOfAction: fields[id] ?? [], plannedCents: project.totalOneOffCents + project.totalRunningCents,
                                    latestReport: latest[id], milestones: milestones[id] ?? [])
        }
    }

    /// Project id → the titles of the fields of action its strategy links lead up to.
    static func fieldsOfAction(_ municipalityID: UUID, on db: any Database) async throws -> [UUID: [String]] {
        let elements = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let byID = Dictionary(elements.compactMap { e in e.id.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        func field(of id: UUID) -> String? {
            var current = byID[id]
            var steps = 0
            while let element = current, steps < 10 {
                if element.kind == StrategyElementKind.fieldOfAction.rawValue { return element.title }
                current = element.$parent.id.flatMap { byID[$0] }
                steps += 1
            }
            return nil
        }
        var result: [UUID: [String]] = [:]
        for link in try await ProjectStrategyLink.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            guard let title = field(of: link.$element.id), !(result[link.$project.id]?.contains(title) ?? false) else { continue }
            result[link.$project.id, default: []].append(title)
        }
        return result
    }
}
