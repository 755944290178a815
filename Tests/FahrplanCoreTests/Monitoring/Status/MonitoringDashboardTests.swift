import FahrplanCore
import Foundation
import Testing

@Suite("Monitoring: dashboard aggregation and staleness")
struct MonitoringDashboardTests {
    static let today = CalendarDay(year: 2026, month: 12, day: 6)!

    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    static func report(_ iso: String, schedule: TrafficLight = .green, budget: TrafficLight = .green, spent: Int64? = nil) -> StatusReport {
        StatusReport(reportedOn: day(iso), schedule: StatusLight(schedule, reason: schedule == .green ? nil : "Verzug"),
                     budget: StatusLight(budget, reason: budget == .green ? nil : "teurer"), scope: StatusLight(.green),
                     percentComplete: 50, spentToDateCents: spent)
    }

    @Test("staleness: more than N weeks since the last report, or never reported")
    func staleness() {
        let six = StatusStaleness()
        #expect(six.weeks == 6)
        #expect(!six.isStale(lastReportOn: Self.day("2026-10-25"), today: Self.today), "exactly 42 days is not stale yet")
        #expect(six.isStale(lastReportOn: Self.day("2026-10-24"), today: Self.today))
        #expect(six.isStale(lastReportOn: nil, today: Self.today))
        #expect(!StatusStaleness(weeks: 10).isStale(lastReportOn: Self.day("2026-10-24"), today: Self.today))
    }

    @Test("the overview: status by field, late milestones most late first, red lights, stale projects, budget")
    func overview() {
        let a = UUID(), b = UUID(), c = UUID(), d = UUID()
        let lateOld = DatedMilestone(id: UUID(), milestone: Milestone(title: "Ausschreibung", dueOn: Self.day("2026-10-01")))
        let lateNew = DatedMilestone(id: UUID(), milestone: Milestone(title: "Schulung", dueOn: Self.day("2026-12-05")))
        let done = DatedMilestone(id: UUID(), milestone: Milestone(title: "Kick-off", dueOn: Self.day("2026-09-01"), doneOn: Self.day("2026-09-02")))
        let projects = [
            MonitoredProject(id: a, code: "P-1", title: "E-Akte", status: .inProgress, fieldsOfAction: ["Verwaltung", "Bürgerservice"],
                             plannedCents: 100_000_00, latestReport: Self.report("2026-12-01", schedule: .red, spent: 40_000_00),
                             milestones: [lateNew, done]),
            MonitoredProject(id: b, code: "P-2", title: "WLAN", status: .inProgress, fieldsOfAction: ["Verwaltung"], plannedCents: 50_000_00,
                             latestReport: Self.report("2026-09-01"), milestones: [lateOld]),
            MonitoredProject(id: c, code: "P-3", title: "Portal", status: .inProgress, plannedCents: 10_000_00),
            MonitoredProject(id: d, code: "P-4", title: "Alt", status: .completed, fieldsOfAction: ["Verwaltung"],
                             latestReport: Self.report("2026-01-01", schedule: .red),
                             milestones: [DatedMilestone(id: UUID(), milestone: Milestone(title: "x", dueOn: Self.day("2026-01-01")))]),
        ]
        let overview = MonitoringDashboard.overview(of: projects, today: Self.today)
        #expect(overview.statusByField.map(\.field) == ["Bürgerservice", "Verwaltung", nil])
        #expect(overview.statusByField[1].counts == [.inProgress: 2, .completed: 1])
        #expect(overview.statusByField[2].total == 1)
        #expect(overview.lateMilestones.map(\.milestone.milestone.title) == ["Ausschreibung", "Schulung"], "closed projects' milestones are not late")
        #expect(overview.lateMilestones.map(\.daysLate) == [66, 1])
        #expect(overview.redLights.map(\.projectCode) == ["P-1"])
        #expect(overview.redLights.first?.dimensions.first?.0 == .schedule)
        #expect(overview.redLights.first?.dimensions.first?.1 == "Verzug")
        #expect(overview.stale.map(\.projectCode) == ["P-3", "P-2"], "never reported first, then the oldest report")
        #expect(overview.stale.last?.weeksSince == 13)
        #expect(overview.budget.map(\.spentPercent) == [40, nil, nil])
        #expect(overview.budgetTotals.plannedCents == 160_000_00)
        #expect(overview.budgetTotals.spentCents == 40_000_00 && overview.budgetTotals.projectsWithSpent == 1)
    }

    @Test("an empty municipality gives an empty overview")
    func empty() {
        let overview = MonitoringDashboard.overview(of: [], today: Self.today)
        #expect(overview.statusByField.isEmpty && overview.lateMilestones.isEmpty && overview.stale.isEmpty)
        #expect(overview.budgetTotals.plannedCents == 0)
    }
}
