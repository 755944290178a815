import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Loads everything `CommitteeReport.assemble` needs for one municipality and period, by columns
/// (SQL selects of the needed columns, see `projects`): a report over 2,000 projects with their status reports and milestones and 200 KPIs
/// with years of measurements is tens of thousands of rows, and decoding whole models of them took most of the
/// time on the monitoring pages. Nine selects, independent of the number of projects or KPIs; rows after the
/// period's end (reports, measurements) are not read, decisions only within the period.
enum CommitteeReportLoad {
    static func input(municipalityID: UUID, period: UpdatePeriod, calendar: MunicipalCalendar,
                      on db: any Database) async throws -> CommitteeReportInput {
        let frame = try await strategyFrame(municipalityID, on: db)
        let projects = try await projects(municipalityID, period: period, calendar: calendar, frame: frame, on: db)
        return CommitteeReportInput(period: period, fields: frame.fields, goals: frame.goals, projects: projects,
                                    kpis: try await kpis(municipalityID, until: period.end, on: db),
                                    decisions: try await decisions(municipalityID, period: period, on: db))
    }

    /// Fields of action and goals in the municipality's order (position, then title), and each element's field.
    struct Frame {
        var fields: [KPIRollup.FieldOfAction] = []
        var goals: [KPIRollup.Goal] = []
        /// Element id → the id of the field of action it sits under (itself for a field).
        var fieldOf: [UUID: UUID] = [:]
    }

    static func strategyFrame(_ municipalityID: UUID, on db: any Database) async throws -> Frame {
        struct Element: Sendable { var id: UUID; var kind: String; var title: String; var parent: UUID?; var position: Int; var archived: Bool }
        var elements = try await CommitteeReportRows.all(db, """
            SELECT id, kind, title, parent_id, position, archived_at IS NOT NULL AS archived FROM strategy_elements
            WHERE municipality_id = ?
            """, [municipalityID]) { row in
            Element(id: try row.uuid("id"), kind: try row.string("kind") ?? "", title: try row.string("title") ?? "",
                    parent: try row.optionalUUID("parent_id"), position: try row.int("position") ?? 0, archived: try row.bool("archived"))
        }
        elements.sort { ($0.position, $0.title, $0.id.uuidString) < ($1.position, $1.title, $1.id.uuidString) }
        let byID = Dictionary(elements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var frame = Frame()
        for element in elements {
            var current: Element? = element, steps = 0
            while let step = current, steps < 10 {
                if step.kind == StrategyElementKind.fieldOfAction.rawValue { frame.fieldOf[element.id] = step.id; break }
                current = step.parent.flatMap { byID[$0] }
                steps += 1
            }
        }
        let field = StrategyElementKind.fieldOfAction.rawValue, goal = StrategyElementKind.goal.rawValue
        frame.fields = elements.filter { $0.kind == field && !$0.archived }
            .map { KPIRollup.FieldOfAction(id: $0.id.uuidString, name: $0.title) }
        frame.goals = elements.filter { $0.kind == goal && !$0.archived }.compactMap { element in
            frame.fieldOf[element.id].map { KPIRollup.Goal(id: element.id.uuidString, name: element.title, fieldOfActionID: $0.uuidString) }
        }
        return frame
    }

    /// The reads select only the columns needed, through `CommitteeReportRows` (see there why not Fluent's rows).
    static func projects(_ municipalityID: UUID, period: UpdatePeriod, calendar: MunicipalCalendar, frame: Frame,
                         on db: any Database) async throws -> [ReportProject] {
        struct Row: Sendable { var id: UUID; var code: String; var title: String; var status: ProjectStatus; var planned: Int64
                               var startOn: CalendarDay?; var endOn: CalendarDay? }
        let rows = try await CommitteeReportRows.all(db, """
            SELECT id, code, title, status, start_on, end_on, total_one_off_cents, total_running_cents FROM projects
            WHERE municipality_id = ? AND archived_at IS NULL AND merged_into_id IS NULL
            """, [municipalityID]) { row in
            Row(id: try row.uuid("id"), code: try row.string("code") ?? "", title: try row.string("title") ?? "",
                status: ProjectStatus(rawValue: try row.string("status") ?? "") ?? .idea,
                planned: (try row.int64("total_one_off_cents") ?? 0) + (try row.int64("total_running_cents") ?? 0),
                startOn: try row.day("start_on"), endOn: try row.day("end_on"))
        }

        // Fields of action through the strategy links, in the links' field order (the core lists a project
        // under the first of its fields in the municipality's order).
        var fields: [UUID: [String]] = [:]
        for (project, element) in try await CommitteeReportRows.all(db, """
            SELECT project_id, element_id FROM project_strategy_links WHERE municipality_id = ?
            """, [municipalityID], read: { row in (try row.uuid("project_id"), try row.uuid("element_id")) }) {
            guard let field = frame.fieldOf[element]?.uuidString else { continue }
            if !(fields[project]?.contains(field) ?? false) { fields[project, default: []].append(field) }
        }

        // Started: the first move to "in implementation"; completed: the last move to "completed".
        var started: [UUID: Date] = [:], completed: [UUID: Date] = [:]
        for (project, toStatus, at) in try await CommitteeReportRows.all(db, """
            SELECT project_id, to_status, changed_at FROM project_status_changes WHERE municipality_id = ? AND to_status IN (?, ?)
            """, [municipalityID, ProjectStatus.inProgress.rawValue, ProjectStatus.completed.rawValue], read: { row -> (UUID, String, Date)? in
                guard let at = try row.date("changed_at") else { return nil }
                return (try row.uuid("project_id"), try row.string("to_status") ?? "", at)
            }) {
            if toStatus == ProjectStatus.inProgress.rawValue {
                if started[project].map({ at < $0 }) ?? true { started[project] = at }
            } else if completed[project].map({ at > $0 }) ?? true {
                completed[project] = at
            }
        }

        var reports: [UUID: [StatusReport]] = [:]
        // Sorted by when they were written: of two reports on one day the later one counts (core: later in the list).
        for (project, report) in try await CommitteeReportRows.all(db, """
            SELECT project_id, reported_on, schedule, schedule_reason, budget, budget_reason, scope, scope_reason,
                   percent_complete, obstacles, spent_to_date_cents FROM status_reports
            WHERE municipality_id = ? AND reported_on <= ? ORDER BY created_at
            """, [municipalityID, period.end.iso], read: { row -> (UUID, StatusReport)? in
                guard let day = try row.day("reported_on") else { return nil }
                func light(_ name: String, _ reason: String) throws -> StatusLight {
                    StatusLight(TrafficLight(rawValue: try row.string(name) ?? "") ?? .green, reason: try row.string(reason))
                }
                return (try row.uuid("project_id"), StatusReport(
                    reportedOn: day, schedule: try light("schedule", "schedule_reason"), budget: try light("budget", "budget_reason"),
                    scope: try light("scope", "scope_reason"), percentComplete: try row.int("percent_complete") ?? 0,
                    obstacles: try row.string("obstacles"), spentToDateCents: try row.int64("spent_to_date_cents")))
            }) {
            reports[project, default: []].append(report)
        }

        var milestones: [UUID: [DatedMilestone]] = [:]
        for (project, milestone) in try await CommitteeReportRows.all(db, """
            SELECT id, project_id, title, due_on, done_on FROM milestones WHERE municipality_id = ?
            """, [municipalityID], read: { row -> (UUID, DatedMilestone)? in
                guard let due = try row.day("due_on") else { return nil }
                return (try row.uuid("project_id"), DatedMilestone(
                    id: try row.uuid("id"),
                    milestone: Milestone(title: try row.string("title") ?? "", dueOn: due, doneOn: try row.day("done_on"))))
            }) {
            milestones[project, default: []].append(milestone)
        }

        return rows.map { row in
            ReportProject(project: MonitoredProject(id: row.id, code: row.code, title: row.title, status: row.status,
                                                    fieldsOfAction: fields[row.id] ?? [], plannedCents: row.planned,
                                                    milestones: milestones[row.id] ?? []),
                          reports: reports[row.id] ?? [],
                          startedOn: started[row.id].map(calendar.day(of:)), completedOn: completed[row.id].map(calendar.day(of:)),
                          plannedStartOn: row.startOn, plannedEndOn: row.endOn)
        }
    }

    /// Active KPIs with their measurements up to `end` (day and value only).
    static func kpis(_ municipalityID: UUID, until end: CalendarDay, on db: any Database) async throws -> [ReportKPI] {
        var measurements: [UUID: [KPIMeasurement]] = [:]
        for (kpi, measurement) in try await CommitteeReportRows.all(db, """
            SELECT kpi_id, measured_on, value FROM kpi_measurements WHERE municipality_id = ? AND measured_on <= ?
            """, [municipalityID, end.iso], read: { row -> (UUID, KPIMeasurement)? in
                guard let day = try row.day("measured_on"), let value = try row.double("value") else { return nil }
                return (try row.uuid("kpi_id"), KPIMeasurement(measuredOn: day, value: value))
            }) {
            measurements[kpi, default: []].append(measurement)
        }
        struct Row: Sendable { var id: UUID; var goal: UUID; var definition: KPIDefinition }
        let rows = try await CommitteeReportRows.all(db, """
            SELECT id, goal_id, name, unit, direction, baseline, baseline_on, target, target_on, cadence FROM kpis
            WHERE municipality_id = ? AND archived_at IS NULL
            """, [municipalityID]) { row in
            Row(id: try row.uuid("id"), goal: try row.uuid("goal_id"), definition: KPIDefinition(
                name: try row.string("name") ?? "", unit: try row.string("unit") ?? "",
                direction: KPIDirection(rawValue: try row.string("direction") ?? "") ?? .increase,
                baseline: try row.double("baseline") ?? 0,
                baselineOn: try row.day("baseline_on") ?? CalendarDay(year: 2000, month: 1, day: 1)!,
                target: try row.double("target") ?? 0,
                targetOn: try row.day("target_on") ?? CalendarDay(year: 2000, month: 1, day: 2)!,
                cadence: KPICadence(rawValue: try row.string("cadence") ?? "") ?? .default))
        }
        return rows.map { row in
            ReportKPI(id: row.id.uuidString, goalID: row.goal.uuidString, definition: row.definition,
                      measurements: (measurements[row.id] ?? []).sorted { $0.measuredOn < $1.measuredOn })
        }
    }

    /// Decisions of the log dated within the period.
    static func decisions(_ municipalityID: UUID, period: UpdatePeriod, on db: any Database) async throws -> [ReportDecision] {
        var decisions: [ReportDecision] = []
        for row in try await Decision.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$decidedOn >= period.start.iso).filter(\.$decidedOn <= period.end.iso)
            .field(\.$id).field(\.$kind).field(\.$decidedOn).field(\.$decidedBy).field(\.$summary).field(\.$rationale)
            .field(\.$project.$id).rows() {
            let row = row.schema(Decision.schema)
            guard let day = CalendarDay(iso: try row.decode("decided_on", as: String.self)) else { continue }
            let rationale = try row.decode("rationale", as: String.self)
            decisions.append(ReportDecision(
                id: try row.decode("id", as: UUID.self),
                kind: DecisionKind(rawValue: try row.decode("kind", as: String.self)) ?? .overrideRank, decidedOn: day,
                decidedBy: try row.decode("decided_by", as: String.self), summary: try row.decode("summary", as: String.self),
                rationale: rationale.isEmpty ? nil : rationale, projectID: try row.decode("project_id", as: UUID?.self)))
        }
        return decisions
    }
}
