import FahrplanCore
import Foundation

/// Small hand-made inputs for the reporting tests: ids and days readable in failures.
enum ReportingFixtures {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    static func report(_ on: String, _ schedule: TrafficLight = .green, budget: TrafficLight = .green, scope: TrafficLight = .green,
                       percent: Int = 50, obstacles: String? = nil, lessons: String? = nil, spent: Int64? = nil) -> StatusReport {
        func light(_ l: TrafficLight, _ name: String) -> StatusLight { StatusLight(l, reason: l == .green ? nil : "\(name) \(l.rawValue)") }
        return StatusReport(reportedOn: day(on), schedule: light(schedule, "Termine"), budget: light(budget, "Budget"),
                            scope: light(scope, "Umfang"), percentComplete: percent, obstacles: obstacles,
                            lessonsLearned: lessons, spentToDateCents: spent)
    }

    static func milestone(_ n: Int, _ title: String, due: String, done: String? = nil) -> DatedMilestone {
        DatedMilestone(id: id(1000 + n), milestone: Milestone(title: title, dueOn: day(due), doneOn: done.map(day)))
    }

    static func project(_ n: Int, _ code: String, _ status: ProjectStatus, fields: [String] = [], planned: Int64 = 0,
                        reports: [StatusReport] = [], milestones: [DatedMilestone] = [], started: String? = nil,
                        completed: String? = nil, plannedStart: String? = nil, plannedEnd: String? = nil) -> ReportProject {
        ReportProject(project: MonitoredProject(id: id(n), code: code, title: "Projekt \(code)", status: status,
                                                fieldsOfAction: fields, plannedCents: planned, milestones: milestones),
                      reports: reports, startedOn: started.map(day), completedOn: completed.map(day),
                      plannedStartOn: plannedStart.map(day), plannedEndOn: plannedEnd.map(day))
    }

    static let fields = [KPIRollup.FieldOfAction(id: "f-verwaltung", name: "Verwaltung"),
                         KPIRollup.FieldOfAction(id: "f-bildung", name: "Bildung")]
    static let goals = [KPIRollup.Goal(id: "g-online", name: "Online-Dienste", fieldOfActionID: "f-verwaltung"),
                        KPIRollup.Goal(id: "g-schulen", name: "Digitale Schulen", fieldOfActionID: "f-bildung")]

    /// A period of the first half of 2026 and a municipality of ten projects, two KPIs and three decisions.
    static func committeeInput() -> CommitteeReportInput {
        let period = UpdatePeriod(start: day("2026-01-01"), end: day("2026-06-30"))
        let projects = [
            project(1, "P-01", .completed, fields: ["f-verwaltung"], planned: 100_000_00, reports: [report("2026-03-01", spent: 90_000_00)],
                    milestones: [milestone(1, "Abnahme", due: "2026-03-01", done: "2026-03-15")], started: "2025-05-01",
                    completed: "2026-03-31"),
            project(2, "P-02", .completed, fields: ["f-verwaltung"], completed: "2025-12-31"),  // before the period
            project(3, "P-03", .completed, fields: ["f-bildung", "f-verwaltung"], planned: 50_000_00, started: "2026-02-01",
                    completed: "2026-08-01"),  // running at the period's end
            project(4, "P-04", .inProgress, fields: ["f-bildung"], planned: 200_000_00,
                    reports: [report("2026-05-01", .red, obstacles: "Lieferant insolvent", spent: 50_000_00),
                              report("2026-07-10", .green, obstacles: "nach dem Zeitraum", spent: 120_000_00)],
                    milestones: [milestone(2, "Pilot", due: "2026-09-01"), milestone(3, "Konzept", due: "2026-07-01")]),
            project(5, "P-05", .inProgress, fields: ["f-unbekannt"], planned: 10_000_00,
                    reports: [report("2026-04-01", .yellow, obstacles: "Personal fehlt")]),
            project(6, "P-06", .approved, fields: ["f-verwaltung"], plannedStart: "2026-10-01", plannedEnd: "2027-03-31"),
            project(7, "P-07", .prioritized, fields: ["f-verwaltung"]),
            project(8, "P-08", .approved, fields: ["f-verwaltung"], plannedStart: "2026-08-01"),
            project(9, "P-09", .idea, fields: ["f-bildung"]),
            project(10, "P-10", .completed, fields: ["f-bildung"]),  // completed without a day
        ]
        let kpis = [
            ReportKPI(id: "k-online", goalID: "g-online",
                      definition: KPIDefinition(name: "Online-Anteil", unit: "%", direction: .increase, baseline: 20,
                                                baselineOn: day("2025-01-01"), target: 60, targetOn: day("2027-12-31")),
                      measurements: [KPIMeasurement(measuredOn: day("2025-12-01"), value: 30),
                                     KPIMeasurement(measuredOn: day("2026-06-01"), value: 40),
                                     KPIMeasurement(measuredOn: day("2026-09-01"), value: 55)]),
            ReportKPI(id: "k-tablets", goalID: "g-schulen",
                      definition: KPIDefinition(name: "Tablets je Klasse", unit: "Stück", direction: .increase, baseline: 0,
                                                baselineOn: day("2025-01-01"), target: 30, targetOn: day("2027-07-31")),
                      measurements: []),
        ]
        let decisions = [
            ReportDecision(id: id(501), kind: .startProject, decidedOn: day("2026-05-05"), decidedBy: "Ausschuss",
                           summary: "P-06 beschlossen", projectID: id(6)),
            ReportDecision(id: id(502), kind: .adoptRanking, decidedOn: day("2026-02-02"), decidedBy: "Lenkungskreis",
                           summary: "Rangfolge 2026"),
            ReportDecision(id: id(503), kind: .deferProject, decidedOn: day("2025-11-11"), decidedBy: "Ausschuss",
                           summary: "vor dem Zeitraum"),
        ]
        return CommitteeReportInput(period: period, fields: fields, goals: goals, projects: projects, kpis: kpis, decisions: decisions)
    }
}
