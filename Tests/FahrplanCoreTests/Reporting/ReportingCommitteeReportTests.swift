import FahrplanCore
import Foundation
import Testing

@Suite("Reporting: committee report (Bericht an den Digitalisierungsausschuss)")
struct ReportingCommitteeReportTests {
    typealias F = ReportingFixtures

    @Test("a period that ends before it starts names `end`; one day is a period; text input names every problem")
    func period() throws {
        #expect(throws: ValidationFailure([FieldProblem("end", .endBeforeStart)])) {
            try ReportPeriod.validated(start: F.day("2026-07-01"), end: F.day("2026-06-30"))
        }
        #expect(try ReportPeriod.validated(start: F.day("2026-07-01"), end: F.day("2026-07-01"))
                == UpdatePeriod(start: F.day("2026-07-01"), end: F.day("2026-07-01")))
        #expect(try ReportPeriod.validated(start: "1.1.2026", end: " 2026-06-30 ")
                == UpdatePeriod(start: F.day("2026-01-01"), end: F.day("2026-06-30")))
        #expect(throws: ValidationFailure([FieldProblem("end", .endBeforeStart)])) {
            try ReportPeriod.validated(start: "30.06.2026", end: "01.01.2026")
        }
        #expect(throws: ValidationFailure([FieldProblem("start", .required), FieldProblem("end", .invalidDate)])) {
            try ReportPeriod.validated(start: "  ", end: "31.02.2026")
        }
    }

    @Test("implemented / in progress / planned by field of action, each project once under its first field")
    func grouping() {
        let report = CommitteeReport.assemble(F.committeeInput())
        #expect(report.sections.map { $0.field?.name } == ["Verwaltung", "Bildung", nil])
        let verwaltung = report.sections[0], bildung = report.sections[1], none = report.sections[2]
        #expect(verwaltung.implemented.map(\.code) == ["P-01"])
        // P-03 was completed after the period but had started: it was running at the period's end.
        #expect(verwaltung.inProgress.map(\.code) == ["P-03"])
        #expect(verwaltung.inProgress[0].otherFields == ["Bildung"])
        // Planned by planned start, unknown start last.
        #expect(verwaltung.planned.map(\.code) == ["P-08", "P-06", "P-07"])
        #expect(bildung.implemented.isEmpty && bildung.planned.isEmpty)
        #expect(bildung.inProgress.map(\.code) == ["P-04"])
        // An unknown field id counts as no field; completed before the period, without a day, ideas: not listed.
        #expect(none.inProgress.map(\.code) == ["P-05"])
        #expect((report.implementedCount, report.inProgressCount, report.plannedCount) == (1, 3, 3))
    }

    @Test("status and lights from the newest report up to the period's end; milestones reached and next")
    func lights() throws {
        let report = CommitteeReport.assemble(F.committeeInput())
        let p04 = try #require(report.sections[1].inProgress.first)
        #expect(p04.report?.reportedOn == F.day("2026-05-01"))
        #expect(p04.overall == .red)
        #expect(p04.report?.schedule == StatusLight(.red, reason: "Termine red"))
        #expect(p04.report?.percentComplete == 50)
        #expect(p04.nextMilestone?.title == "Konzept")
        #expect(p04.spentCents == 50_000_00)
        let p01 = report.sections[0].implemented[0]
        #expect(p01.milestonesReached.map(\.title) == ["Abnahme"])
        #expect(p01.completedOn == F.day("2026-03-31"))
        #expect(report.sections[0].inProgress[0].report == nil)
    }

    @Test("obstacles: newest report in the period naming any, red before yellow before green")
    func obstacles() {
        let report = CommitteeReport.assemble(F.committeeInput())
        #expect(report.obstacles.map(\.projectCode) == ["P-04", "P-05"])
        #expect(report.obstacles.map(\.text) == ["Lieferant insolvent", "Personal fehlt"])
        #expect(report.obstacles.map(\.light) == [.red, .yellow])
    }

    @Test("budget: planned against spent per field and in total; the share only over projects stating spent")
    func budget() {
        let budget = CommitteeReport.assemble(F.committeeInput()).budget
        #expect(budget.fields.map { $0.field?.name } == ["Verwaltung", "Bildung", nil])
        let v = budget.fields[0]
        #expect((v.projects, v.plannedCents, v.spentCents, v.projectsWithSpent, v.spentPercentOfKnown)
                == (2, 150_000_00, 90_000_00, 1, 90))
        #expect(budget.fields[1].spentPercentOfKnown == 25)
        #expect(budget.fields[2].spentPercentOfKnown == nil)
        let t = budget.totals
        // 140,000 spent of the 300,000 planned for the two projects that state a figure: 46.7 % → 47.
        #expect((t.projects, t.plannedCents, t.spentCents, t.projectsWithSpent, t.spentPercentOfKnown)
                == (4, 360_000_00, 140_000_00, 2, 47))
    }

    @Test("KPIs: progress at the period's end, change since its start, trend, roll-up; ordered by field and goal")
    func kpis() throws {
        let report = CommitteeReport.assemble(F.committeeInput())
        #expect(report.kpis.map(\.id) == ["k-online", "k-tablets"])
        let online = report.kpis[0]
        // Latest up to 30 June is 40 (the 55 of September is after the period): (40 − 20) / (60 − 20) = 0.5.
        #expect(online.progress?.raw == 0.5)
        #expect(online.progress?.latest.value == 40)
        #expect(online.progressAtStart == 0.25)
        #expect(online.changePoints == 25)
        #expect(online.onTrack == true)
        #expect(online.measurementsInPeriod == 1)
        #expect(online.goalName == "Online-Dienste")
        #expect(report.kpis[1].progress == nil && report.kpis[1].changePoints == nil)
        #expect(report.rollup.strategy.progress == 0.5)
    }

    @Test("decisions of the period by day, with the project they concern")
    func decisions() {
        let report = CommitteeReport.assemble(F.committeeInput())
        #expect(report.decisions.map(\.decision.summary) == ["Rangfolge 2026", "P-06 beschlossen"])
        #expect(report.decisions[1].projectCode == "P-06")
        #expect(report.decisions[0].projectCode == nil)
    }

    @Test("the same input in another order gives the same report")
    func deterministic() {
        let input = F.committeeInput()
        var shuffled = input
        var random = SplitMix64(seed: 7)
        shuffled.projects.shuffle(using: &random)
        shuffled.kpis.reverse()
        shuffled.decisions.reverse()
        #expect(CommitteeReport.assemble(shuffled) == CommitteeReport.assemble(input))
    }

    @Test("2,000 projects and 200 KPIs assemble with every project in one place")
    func large() {
        let input = ReportingSample.committee(projects: 2_000, kpis: 200)
        let report = CommitteeReport.assemble(input)
        let listed = report.implementedCount + report.inProgressCount + report.plannedCount
        #expect(listed > 1_000 && listed <= 2_000)
        #expect(report.kpis.count == 200)
        let ids = report.sections.flatMap { $0.implemented + $0.inProgress + $0.planned }.map(\.id)
        #expect(Set(ids).count == ids.count)
    }
}
