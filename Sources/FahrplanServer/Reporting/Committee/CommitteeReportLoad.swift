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

    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        return sql
    }

    static func strategyFrame(_ municipalityID: UUID, on db: any Database) async throws -> Frame {
        struct Element { var id: UUID; var kind: String; var title: String; var parent: UUID?; var position: Int; var archived: Bool }
        var elements: [Element] = []
        for row in try await sql(db).raw("""
            SELECT id, kind, title, parent_id, position, archived_at IS NOT NULL AS archived FROM strategy_elements
            WHERE municipality_id = \(bind: municipalityID)
            """).all() {
            elements.append(Element(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                                    title: try row.decode(column: "title", as: String.self),
                                    parent: try row.decode(column: "parent_id", as: UUID?.self),
                                    position: try row.decode(column: "position", as: Int.self),
                                    archived: try row.decode(column: "archived", as: Bool.self)))
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

    /// The reads below use SQL by hand and `decode(column:)`: Fluent's `DatabaseOutput.decode` maps every
    /// column name through `FieldKey` and `adjust(key:)` per row, which was 18 % of a report request in the
    /// release profile (10,000 status reports × 10 columns), more than assembling the whole report (2 %).
    static func projects(_ municipalityID: UUID, period: UpdatePeriod, calendar: MunicipalCalendar, frame: Frame,
                         on db: any Database) async throws -> [ReportProject] {
        let sql = try sql(db)
        struct Row { var id: UUID; var code: String; var title: String; var status: ProjectStatus; var planned: Int64
                     var startOn: CalendarDay?; var endOn: CalendarDay? }
        var rows: [Row] = []
        for row in try await sql.raw("""
            SELECT id, code, title, status, start_on, end_on, total_one_off_cents, total_running_cents FROM projects
            WHERE municipality_id = \(bind: municipalityID) AND archived_at IS NULL AND merged_into_id IS NULL
            """).all() {
            rows.append(Row(id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
                            title: try row.decode(column: "title", as: String.self),
                            status: ProjectStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .idea,
                            planned: try row.decode(column: "total_one_off_cents", as: Int64.self)
                                + row.decode(column: "total_running_cents", as: Int64.self),
                            startOn: try row.decode(column: "start_on", as: String?.self).flatMap(CalendarDay.init(iso:)),
                            endOn: try row.decode(column: "end_on", as: String?.self).flatMap(CalendarDay.init(iso:))))
        }

        // Fields of action through the strategy links, in the links' field order (the core lists a project
        // under the first of its fields in the municipality's order).
        var fields: [UUID: [String]] = [:]
        for row in try await sql.raw("""
            SELECT project_id, element_id FROM project_strategy_links WHERE municipality_id = \(bind: municipalityID)
            """).all() {
            guard let field = frame.fieldOf[try row.decode(column: "element_id", as: UUID.self)]?.uuidString else { continue }
            let project = try row.decode(column: "project_id", as: UUID.self)
            if !(fields[project]?.contains(field) ?? false) { fields[project, default: []].append(field) }
        }

        // Started: the first move to "in implementation"; completed: the last move to "completed".
        var started: [UUID: Date] = [:], completed: [UUID: Date] = [:]
        for row in try await sql.raw("""
            SELECT project_id, to_status, changed_at FROM project_status_changes
            WHERE municipality_id = \(bind: municipalityID)
              AND to_status IN (\(bind: ProjectStatus.inProgress.rawValue), \(bind: ProjectStatus.completed.rawValue))
            """).all() {
            let project = try row.decode(column: "project_id", as: UUID.self), at = try row.decode(column: "changed_at", as: Date.self)
            if try row.decode(column: "to_status", as: String.self) == ProjectStatus.inProgress.rawValue {
                if started[project].map({ at < $0 }) ?? true { started[project] = at }
            } else if completed[project].map({ at > $0 }) ?? true {
                completed[project] = at
            }
        }

        var reports: [UUID: [StatusReport]] = [:]
        // Sorted by when they were written: of two reports on one day the later one counts (core: later in the list).
        for row in try await sql.raw("""
            SELECT project_id, reported_on, schedule, schedule_reason, budget, budget_reason, scope, scope_reason,
                   percent_complete, obstacles, spent_to_date_cents FROM status_reports
            WHERE municipality_id = \(bind: municipalityID) AND reported_on <= \(bind: period.end.iso) ORDER BY created_at
            """).all() {
            guard let day = CalendarDay(iso: try row.decode(column: "reported_on", as: String.self)) else { continue }
            func light(_ name: String, _ reason: String) throws -> StatusLight {
                StatusLight(TrafficLight(rawValue: try row.decode(column: name, as: String.self)) ?? .green,
                            reason: try row.decode(column: reason, as: String?.self))
            }
            reports[try row.decode(column: "project_id", as: UUID.self), default: []].append(StatusReport(
                reportedOn: day, schedule: try light("schedule", "schedule_reason"), budget: try light("budget", "budget_reason"),
                scope: try light("scope", "scope_reason"), percentComplete: try row.decode(column: "percent_complete", as: Int.self),
                obstacles: try row.decode(column: "obstacles", as: String?.self),
                spentToDateCents: try row.decode(column: "spent_to_date_cents", as: Int64?.self)))
        }

        var milestones: [UUID: [DatedMilestone]] = [:]
        for row in try await sql.raw("""
            SELECT id, project_id, title, due_on, done_on FROM milestones WHERE municipality_id = \(bind: municipalityID)
            """).all() {
            guard let due = CalendarDay(iso: try row.decode(column: "due_on", as: String.self)) else { continue }
            milestones[try row.decode(column: "project_id", as: UUID.self), default: []].append(DatedMilestone(
                id: try row.decode(column: "id", as: UUID.self),
                milestone: Milestone(title: try row.decode(column: "title", as: String.self), dueOn: due,
                                     doneOn: try row.decode(column: "done_on", as: String?.self).flatMap(CalendarDay.init(iso:)))))
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
        let sql = try sql(db)
        var measurements: [UUID: [KPIMeasurement]] = [:]
        for row in try await sql.raw("""
            SELECT kpi_id, measured_on, value FROM kpi_measurements
            WHERE municipality_id = \(bind: municipalityID) AND measured_on <= \(bind: end.iso)
            """).all() {
            guard let day = CalendarDay(iso: try row.decode(column: "measured_on", as: String.self)) else { continue }
            measurements[try row.decode(column: "kpi_id", as: UUID.self), default: []].append(
                KPIMeasurement(measuredOn: day, value: try row.decode(column: "value", as: Double.self)))
        }
        var kpis: [ReportKPI] = []
        for row in try await sql.raw("""
            SELECT id, goal_id, name, unit, direction, baseline, baseline_on, target, target_on, cadence FROM kpis
            WHERE municipality_id = \(bind: municipalityID) AND archived_at IS NULL
            """).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let definition = KPIDefinition(
                name: try row.decode(column: "name", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                direction: KPIDirection(rawValue: try row.decode(column: "direction", as: String.self)) ?? .increase,
                baseline: try row.decode(column: "baseline", as: Double.self),
                baselineOn: CalendarDay(iso: try row.decode(column: "baseline_on", as: String.self)) ?? CalendarDay(year: 2000, month: 1, day: 1)!,
                target: try row.decode(column: "target", as: Double.self),
                targetOn: CalendarDay(iso: try row.decode(column: "target_on", as: String.self)) ?? CalendarDay(year: 2000, month: 1, day: 2)!,
                cadence: KPICadence(rawValue: try row.decode(column: "cadence", as: String.self)) ?? .default)
            kpis.append(ReportKPI(id: id.uuidString, goalID: try row.decode(column: "goal_id", as: UUID.self).uuidString, definition: definition,
                                  measurements: (measurements[id] ?? []).sorted { $0.measuredOn < $1.measuredOn }))
        }
        return kpis
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
