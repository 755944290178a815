import Foundation

/// The period a report covers (Berichtszeitraum): first and last day, both included. It is an `UpdatePeriod` —
/// the same value the monitoring cycles use — checked here, because a report's period is chosen by hand.
public enum ReportPeriod {
    /// The period, or a `ValidationFailure` naming `end` (`endBeforeStart`) when it ends before it starts.
    /// A period of one day (start == end) is allowed.
    public static func validated(start: CalendarDay, end: CalendarDay) throws -> UpdatePeriod {
        if end < start { throw ValidationFailure([FieldProblem("end", .endBeforeStart)]) }
        return UpdatePeriod(start: start, end: end)
    }

    /// The period from text (German or ISO days), or every problem: `start`/`end` missing or no date, `end`
    /// before `start`.
    public static func validated(start: String?, end: String?) throws -> UpdatePeriod {
        var check = Validator()
        let first = day("start", start, &check)
        let last = day("end", end, &check)
        if let first, let last, last < first { check.add("end", .endBeforeStart) }
        try check.finish()
        return UpdatePeriod(start: first!, end: last!)
    }

    private static func day(_ field: String, _ raw: String?, _ check: inout Validator) -> CalendarDay? {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            check.add(field, .required)
            return nil
        }
        guard let day = CalendarDay(parsing: text) else {
            check.add(field, .invalidDate)
            return nil
        }
        return day
    }
}

/// A project as the reports see it: the dashboard's `MonitoredProject` (code, title, status, fields of action as
/// ids, planned costs, milestones) plus its status reports and the days that place it in a period.
public struct ReportProject: Sendable, Equatable {
    public var project: MonitoredProject
    /// Status reports in any order; only those up to a period's end count for it. `project.latestReport` is
    /// counted too when it is not in this list.
    public var reports: [StatusReport]
    /// The day it moved to "in implementation" (started), and to "completed" (finished).
    public var startedOn: CalendarDay?
    public var completedOn: CalendarDay?
    /// The roadmap's planned start and end.
    public var plannedStartOn: CalendarDay?
    public var plannedEndOn: CalendarDay?

    public init(project: MonitoredProject, reports: [StatusReport] = [], startedOn: CalendarDay? = nil,
                completedOn: CalendarDay? = nil, plannedStartOn: CalendarDay? = nil, plannedEndOn: CalendarDay? = nil) {
        self.project = project; self.reports = reports; self.startedOn = startedOn; self.completedOn = completedOn
        self.plannedStartOn = plannedStartOn; self.plannedEndOn = plannedEndOn
    }

    /// The newest report dated on or before `day` (of two on one day, the later in the list), if any.
    public func newestReport(onOrBefore day: CalendarDay, from first: CalendarDay? = nil) -> StatusReport? {
        var best: StatusReport?
        func consider(_ report: StatusReport) {
            guard report.reportedOn <= day, first.map({ report.reportedOn >= $0 }) ?? true else { return }
            if best.map({ report.reportedOn >= $0.reportedOn }) ?? true { best = report }
        }
        if let latest = project.latestReport, !reports.contains(latest) { consider(latest) }
        for report in reports { consider(report) }
        return best
    }

    /// The newest report in `[from, to]` that says something in `text` (obstacles, lessons learned).
    func newestReport(from: CalendarDay, to: CalendarDay, with text: (StatusReport) -> String?) -> (StatusReport, String)? {
        var best: (StatusReport, String)?
        var all = reports
        if let latest = project.latestReport, !reports.contains(latest) { all.append(latest) }
        for report in all where report.reportedOn >= from && report.reportedOn <= to {
            guard let said = CleanText.normalize(text(report), multiline: true) else { continue }
            if best.map({ report.reportedOn >= $0.0.reportedOn }) ?? true { best = (report, said) }
        }
        return best
    }
}

/// A decision from the decision log (Entscheidungsprotokoll) as the reports list it.
public struct ReportDecision: Sendable, Equatable {
    public var id: UUID
    public var kind: DecisionKind
    public var decidedOn: CalendarDay
    public var decidedBy: String
    public var summary: String
    public var rationale: String?
    public var projectID: UUID?

    public init(id: UUID, kind: DecisionKind, decidedOn: CalendarDay, decidedBy: String, summary: String,
                rationale: String? = nil, projectID: UUID? = nil) {
        self.id = id; self.kind = kind; self.decidedOn = decidedOn; self.decidedBy = decidedBy; self.summary = summary
        self.rationale = rationale; self.projectID = projectID
    }
}

/// A KPI as the committee report takes it: its definition, the goal it measures and every measurement.
public struct ReportKPI: Sendable, Equatable {
    public var id: String
    public var goalID: String
    public var definition: KPIDefinition
    public var measurements: [KPIMeasurement]
    public var weight: Double

    public init(id: String, goalID: String, definition: KPIDefinition, measurements: [KPIMeasurement], weight: Double = 1) {
        self.id = id; self.goalID = goalID; self.definition = definition; self.measurements = measurements; self.weight = weight
    }
}

/// Order of texts and ids that does not depend on dictionary or input order.
enum ReportOrder {
    static func before(_ a: (String, UUID), _ b: (String, UUID)) -> Bool {
        if a.0 != b.0 { return a.0 < b.0 }
        return a.1.uuidString < b.1.uuidString
    }
}
