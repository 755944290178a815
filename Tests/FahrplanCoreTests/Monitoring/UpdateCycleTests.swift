import FahrplanCore
import Foundation
import Testing

@Suite("Monitoring: update cycles, periods, what is due, reminders, locks")
struct UpdateCycleTests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }
    static let owner = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    static let other = UUID(uuidString: "00000000-0000-0000-0000-0000000000B2")!

    static func monthly(deadline: Int = 5, start: String = "2026-01-01") -> UpdateCycle {
        UpdateCycle(kind: .projectStatus, interval: .monthly, deadlineDays: deadline, startDate: day(start), ownerRule: .subjectOwner)
    }

    static func subject(_ n: Int, owner: UUID? = UpdateCycleTests.owner, last: String? = nil,
                        kind: MonitoringSubjectKind = .projectStatus) -> MonitoredSubject {
        MonitoredSubject(kind: kind, id: UUID(uuidString: "00000000-0000-0000-0000-00000000000\(n)")!,
                         ownerID: owner, lastUpdate: last.map(day))
    }

    @Test("periods are calendar months, quarters, half-years and years; month ends and leap years exact")
    func periods() {
        let feb = UpdatePeriod.containing(Self.day("2028-02-10"), interval: .monthly)
        #expect(feb == UpdatePeriod(start: Self.day("2028-02-01"), end: Self.day("2028-02-29")))
        #expect(UpdatePeriod.containing(Self.day("2027-02-28"), interval: .monthly).end == Self.day("2027-02-28"))
        #expect(UpdatePeriod.containing(Self.day("2026-11-30"), interval: .quarterly)
                == UpdatePeriod(start: Self.day("2026-10-01"), end: Self.day("2026-12-31")))
        #expect(UpdatePeriod.containing(Self.day("2026-07-01"), interval: .halfYearly)
                == UpdatePeriod(start: Self.day("2026-07-01"), end: Self.day("2026-12-31")))
        #expect(UpdatePeriod.containing(Self.day("2026-06-30"), interval: .halfYearly).start == Self.day("2026-01-01"))
        #expect(UpdatePeriod.containing(Self.day("2026-06-30"), interval: .yearly).end == Self.day("2026-12-31"))
        #expect(UpdatePeriod.containing(Self.day("2027-01-15"), interval: .quarterly).previous(interval: .quarterly)
                == UpdatePeriod(start: Self.day("2026-10-01"), end: Self.day("2026-12-31")))
        #expect(UpdatePeriod.containing(Self.day("2028-03-01"), interval: .monthly).previous(interval: .monthly)?.end == Self.day("2028-02-29"))
        #expect(feb.label(interval: .monthly) == "2028-02")
        #expect(UpdatePeriod.containing(Self.day("2026-11-30"), interval: .quarterly).label(interval: .quarterly) == "2026-Q4")
        #expect(UpdatePeriod.containing(Self.day("2026-11-30"), interval: .halfYearly).label(interval: .halfYearly) == "2026-H2")
    }

    @Test("day arithmetic crosses month ends, leap days and years")
    func dayArithmetic() {
        #expect(Self.day("2028-02-28").adding(days: 1) == Self.day("2028-02-29"))
        #expect(Self.day("2027-02-28").adding(days: 1) == Self.day("2027-03-01"))
        #expect(Self.day("2100-02-28").adding(days: 1) == Self.day("2100-03-01"))
        #expect(Self.day("2000-02-28").adding(days: 1) == Self.day("2000-02-29"))
        #expect(Self.day("2026-12-31").adding(days: 5) == Self.day("2027-01-05"))
        #expect(Self.day("2027-01-05").adding(days: -5) == Self.day("2026-12-31"))
        #expect(Self.day("2026-01-31").adding(days: 365 + 365 + 29) == Self.day("2028-02-29"))
        #expect(Self.day("2200-12-31").adding(days: 1) == nil)
        #expect(UpdatePeriod.containing(Self.day("2028-02-03"), interval: .monthly).dueDate(deadlineDays: 5) == Self.day("2028-03-05"))
    }

    @Test("a subject is open before the deadline, late after it, done when updated inside the period or later")
    func dueStates() {
        let cycle = Self.monthly()
        // 3 December: November is still open until 5 December; an update dated in November settles it.
        var items = DueUpdates.evaluate(cycle, subjects: [Self.subject(1), Self.subject(2, last: "2026-11-30")], today: Self.day("2026-12-03"))
        #expect(items.map(\.state) == [.open, .open])
        #expect(items[0].period.start == Self.day("2026-11-01") && items[0].dueDate == Self.day("2026-12-05"))
        #expect(items[1].period.start == Self.day("2026-12-01") && items[1].dueDate == Self.day("2027-01-05"))
        // On the deadline not late yet; the day after late by one day.
        #expect(DueUpdates.evaluate(cycle, subjects: [Self.subject(1)], today: Self.day("2026-12-05"))[0].state == .open)
        items = DueUpdates.evaluate(cycle, subjects: [Self.subject(1, last: "2026-10-31")], today: Self.day("2026-12-06"))
        #expect(items[0].state == .late && items[0].daysLate == 1 && items[0].period.end == Self.day("2026-11-30"))
        // A late report dated 7 December settles November, and counts for December too.
        items = DueUpdates.evaluate(cycle, subjects: [Self.subject(1, last: "2026-12-07")], today: Self.day("2026-12-08"))
        #expect(items[0].state == .done && items[0].period.start == Self.day("2026-12-01"))
        // Other kinds are not this cycle's business.
        #expect(DueUpdates.evaluate(cycle, subjects: [Self.subject(3, kind: .kpiMeasurement)], today: Self.day("2026-12-08")).isEmpty)
    }

    @Test("nothing is due before the cycle's first period; its first period has no predecessor")
    func cycleStart() {
        let cycle = Self.monthly(start: "2026-12-15")
        #expect(DueUpdates.evaluate(cycle, subjects: [Self.subject(1)], today: Self.day("2026-11-30")).isEmpty)
        let items = DueUpdates.evaluate(cycle, subjects: [Self.subject(1)], today: Self.day("2026-12-20"))
        #expect(items.map(\.state) == [.open])
        #expect(items[0].period.start == Self.day("2026-12-01"))
    }

    @Test("a quarterly KPI cycle over a leap February; a named person answers for every subject")
    func quarterlyNamedPerson() {
        let cycle = UpdateCycle(kind: .kpiMeasurement, interval: .quarterly, deadlineDays: 30, startDate: Self.day("2027-01-01"),
                                ownerRule: .namedPerson, namedOwnerID: Self.other)
        let items = DueUpdates.evaluate(cycle, subjects: [Self.subject(1, kind: .kpiMeasurement)], today: Self.day("2028-05-01"))
        #expect(items[0].period == UpdatePeriod(start: Self.day("2028-01-01"), end: Self.day("2028-03-31")))
        #expect(items[0].dueDate == Self.day("2028-04-30"))
        #expect(items[0].state == .late && items[0].daysLate == 1 && items[0].ownerID == Self.other)
    }

    @Test("the late list groups by owner, the most overdue first, unowned subjects in a group of their own")
    func lateList() {
        let cycle = Self.monthly()
        let items = DueUpdates.evaluate(cycle, subjects: [
            Self.subject(1, owner: Self.owner), Self.subject(2, owner: Self.other, last: "2026-12-01"),
            Self.subject(3, owner: nil), Self.subject(4, owner: Self.owner, last: "2026-10-15"),
            Self.subject(5, owner: Self.other, last: "2026-11-02"),
        ], today: Self.day("2026-12-10"))
        let groups = DueUpdates.lateByOwner(items)
        #expect(groups.map(\.ownerID) == [Self.owner, nil])
        #expect(groups[0].items.map(\.subject.id) == [Self.subject(1).id, Self.subject(4).id])
        #expect(groups[0].items[0].daysLate == 5)
    }

    @Test("reminders: from 7 days before the deadline, and after it; each once per key; none without owner")
    func reminders() {
        let cycle = Self.monthly(deadline: 5, start: "2026-12-01")
        let subjects = [Self.subject(1), Self.subject(2, owner: nil), Self.subject(3, last: "2026-12-02")]
        // December's deadline is 5 January; 28 December is 8 days before: nothing yet.
        #expect(ReminderSelection.due(DueUpdates.evaluate(cycle, subjects: subjects, today: Self.day("2026-12-28")),
                                      today: Self.day("2026-12-28"), alreadySent: []).isEmpty)
        var items = DueUpdates.evaluate(cycle, subjects: subjects, today: Self.day("2026-12-29"))
        var sent = ReminderSelection.due(items, today: Self.day("2026-12-29"), alreadySent: [])
        #expect(sent.map(\.kind) == [.beforeDeadline] && sent[0].recipientID == Self.owner)
        #expect(sent[0].key == "projectStatus:00000000-0000-0000-0000-000000000001:2026-12-01:beforeDeadline")
        // Already sent: not again, even on the deadline itself.
        items = DueUpdates.evaluate(cycle, subjects: subjects, today: Self.day("2027-01-05"))
        #expect(ReminderSelection.due(items, today: Self.day("2027-01-05"), alreadySent: Set(sent.map(\.key))).isEmpty)
        // The day after the deadline: the second reminder; a missed run catches up on a later day.
        items = DueUpdates.evaluate(cycle, subjects: subjects, today: Self.day("2027-01-08"))
        sent = ReminderSelection.due(items, today: Self.day("2027-01-08"), alreadySent: Set(sent.map(\.key)))
        #expect(sent.map(\.kind) == [.afterDeadline])
        #expect(sent[0].key.hasSuffix(":2026-12-01:afterDeadline"))
    }

    @Test("a locked period refuses writes dated inside it, naming the field; only ended periods can be locked")
    func locks() {
        let q3 = UpdatePeriod.containing(Self.day("2026-08-01"), interval: .quarterly)
        let locks = [PeriodLock(kind: .kpiMeasurement, period: q3)]
        #expect(PeriodLockRules.problemWriting(.kpiMeasurement, on: Self.day("2026-09-30"), among: locks, field: "date")
                == FieldProblem("date", .periodLocked(from: "2026-07-01", to: "2026-09-30")))
        #expect(PeriodLockRules.problemWriting(.kpiMeasurement, on: Self.day("2026-10-01"), among: locks, field: "date") == nil)
        #expect(PeriodLockRules.problemWriting(.projectStatus, on: Self.day("2026-08-01"), among: locks, field: "date") == nil)
        #expect(PeriodLockRules.problemLocking(q3, today: Self.day("2026-09-30"), field: "periodStart")?.kind == .periodNotEnded)
        #expect(PeriodLockRules.problemLocking(q3, today: Self.day("2026-10-01"), field: "periodStart") == nil)
    }

    @Test("cycle input: every problem at once, naming the field")
    func input() throws {
        #expect(throws: ValidationFailure([
            FieldProblem("subjectKind", .required), FieldProblem("interval", .invalidChoice), FieldProblem("ownerRule", .required),
            FieldProblem("deadlineDays", .outOfRange(min: 0, max: 27)), FieldProblem("startDate", .invalidDate),
        ])) {
            try UpdateCycleInput(kind: " ", interval: "weekly", deadlineDays: "28", startDate: "31.02.2027").validated()
        }
        #expect(throws: ValidationFailure([FieldProblem("namedOwnerId", .required)])) {
            try UpdateCycleInput(kind: "projectStatus", interval: "monthly", deadlineDays: "5", startDate: "2027-01-01",
                                 ownerRule: "namedPerson").validated()
        }
        let cycle = try UpdateCycleInput(kind: "kpiMeasurement", interval: "yearly", deadlineDays: "364", startDate: "1.1.2027",
                                         ownerRule: "subjectOwner", namedOwnerID: Self.other.uuidString).validated()
        #expect(cycle == UpdateCycle(kind: .kpiMeasurement, interval: .yearly, deadlineDays: 364, startDate: Self.day("2027-01-01"),
                                     ownerRule: .subjectOwner, namedOwnerID: nil))
    }
}
