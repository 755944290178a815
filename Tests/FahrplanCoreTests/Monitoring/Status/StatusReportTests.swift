import FahrplanCore
import Foundation
import Testing

@Suite("Monitoring: status reports and milestones")
struct StatusReportTests {
    static let today = CalendarDay(year: 2026, month: 12, day: 6)!

    static func input(_ change: (inout StatusReportInput) -> Void = { _ in }) -> StatusReportInput {
        var input = StatusReportInput(reportedOn: "2026-12-01", schedule: "green", budget: "yellow", budgetReason: "Lizenzpreise gestiegen",
                                      scope: "green", percentComplete: "40", achieved: "Pilot **läuft**", spentToDate: "12.500,50 €")
        change(&input)
        return input
    }

    static func problems(_ input: StatusReportInput, status: ProjectStatus = .inProgress) -> [FieldProblem] {
        do {
            _ = try input.validated(projectStatus: status, today: today)
            return []
        } catch let failure as ValidationFailure {
            return failure.problems
        } catch { return [FieldProblem("?", .required)] }
    }

    @Test("a complete report: lights, reasons only where not green, amount in cents, Markdown kept")
    func valid() throws {
        let report = try Self.input { $0.scheduleReason = "alt" }.validated(projectStatus: .inProgress, today: Self.today)
        #expect(report.reportedOn == CalendarDay(year: 2026, month: 12, day: 1))
        #expect(report.schedule == StatusLight(.green))
        #expect(report.budget == StatusLight(.yellow, reason: "Lizenzpreise gestiegen"))
        #expect(report.overall == .yellow)
        #expect(report.percentComplete == 40)
        #expect(report.spentToDateCents == 1_250_050)
        #expect(report.achieved == "Pilot **läuft**")
    }

    @Test("a light other than green needs a reason; unknown lights and a bad percentage are named")
    func reasons() {
        let found = Self.problems(Self.input { $0.scope = "red"; $0.budgetReason = "  "; $0.schedule = "blue"; $0.percentComplete = "101" })
        #expect(found.contains(FieldProblem("scopeReason", .required)))
        #expect(found.contains(FieldProblem("budgetReason", .required)))
        #expect(found.contains(FieldProblem("schedule", .invalidChoice)))
        #expect(found.contains(FieldProblem("percentComplete", .outOfRange(min: 0, max: 100))))
        #expect(!found.contains { $0.field == "scheduleReason" })
    }

    @Test("only projects in implementation are reported on; closed, cancelled and approved ones name the field project")
    func projectStatus() {
        for status in ProjectStatus.allCases where status != .inProgress {
            #expect(Self.problems(Self.input(), status: status) == [FieldProblem("project", .notInImplementation(status: status.rawValue))])
        }
        #expect(Self.problems(Self.input(), status: .inProgress).isEmpty)
    }

    @Test("a date in the future, an invalid date, a negative amount, control characters")
    func badInput() {
        #expect(Self.problems(Self.input { $0.reportedOn = "2026-12-07" }) == [FieldProblem("reportedOn", .dateInFuture)])
        #expect(Self.problems(Self.input { $0.reportedOn = "31.02.2026" }) == [FieldProblem("reportedOn", .invalidDate)])
        #expect(Self.problems(Self.input { $0.reportedOn = nil }) == [FieldProblem("reportedOn", .required)])
        #expect(Self.problems(Self.input { $0.spentToDate = "-5" }) == [FieldProblem("spentToDate", .negative)])
        #expect(Self.problems(Self.input { $0.spentToDate = "viel" }) == [FieldProblem("spentToDate", .notADecimal)])
        #expect(Self.problems(Self.input { $0.obstacles = "a\u{0}b" }) == [FieldProblem("obstacles", .controlCharacters)])
        #expect(Self.problems(Self.input { $0.nextSteps = String(repeating: "x", count: 5001) })
            == [FieldProblem("nextSteps", .tooLong(max: 5000))])
        #expect(Self.problems(Self.input { $0.reportedOn = "06.12.2026" }).isEmpty, "today is allowed, German notation too")
    }

    static func milestone(_ input: MilestoneInput, status: ProjectStatus = .inProgress, isNew: Bool = true,
                          createdOn: CalendarDay = CalendarDay(year: 2026, month: 11, day: 1)!) -> Result<Milestone, ValidationFailure> {
        Result { try input.validated(projectStatus: status, isNew: isNew, createdOn: createdOn, today: today) }
            .mapError { $0 as? ValidationFailure ?? ValidationFailure([]) }
    }

    @Test("milestones: done before created or in the future refused, owner parsed, approved projects get them")
    func milestones() throws {
        let owner = UUID()
        let ok = try Self.milestone(MilestoneInput(title: " Abnahme ", dueOn: "2027-03-31", doneOn: "2026-11-01", ownerUserID: owner.uuidString),
                                    status: .approved).get()
        #expect(ok.title == "Abnahme" && ok.ownerUserID == owner && ok.doneOn == CalendarDay(year: 2026, month: 11, day: 1))
        let early = Self.milestone(MilestoneInput(title: "A", dueOn: "2027-01-01", doneOn: "2026-10-31"))
        #expect(throws: ValidationFailure([FieldProblem("doneOn", .doneBeforeCreated(createdOn: "2026-11-01"))])) { try early.get() }
        let future = Self.milestone(MilestoneInput(title: "A", dueOn: "2027-01-01", doneOn: "2026-12-07"))
        #expect(throws: ValidationFailure([FieldProblem("doneOn", .dateInFuture)])) { try future.get() }
        let bad = Self.milestone(MilestoneInput(title: "", dueOn: "morgen", ownerUserID: "nobody"), status: .completed)
        #expect(throws: ValidationFailure([FieldProblem("project", .notInImplementation(status: "completed")), FieldProblem("title", .required),
                                           FieldProblem("dueOn", .invalidDate), FieldProblem("ownerUserID", .unknownReference)])) { try bad.get() }
        // An existing milestone may still be marked done once the project is completed.
        #expect(throws: Never.self) { try Self.milestone(MilestoneInput(title: "A", dueOn: "2026-12-01", doneOn: "2026-12-05"),
                                                        status: .completed, isNew: false).get() }
    }

    @Test("overdue: due before today and not done; due today is not late")
    func overdue() {
        let due = { (d: Int, done: Bool) in Milestone(title: "M", dueOn: CalendarDay(year: 2026, month: 12, day: d)!,
                                                      doneOn: done ? Self.today : nil) }
        #expect(due(5, false).isOverdue(today: Self.today))
        #expect(!due(6, false).isOverdue(today: Self.today))
        #expect(!due(5, true).isOverdue(today: Self.today))
        #expect(due(6, false).isUpcoming(today: Self.today))
    }
}
