import FahrplanCore
import Foundation
import Testing

@Suite("Calls for projects: input, phases, days")
struct CallInputTests {
    static let unit = UUID().uuidString

    static func input(title: String? = "Projektabfrage 2027", message: String? = "Bitte **bis Dezember** melden.",
                      opensOn: String? = "02.11.2026", deadline: String? = "2026-12-18", departments: [String] = [unit]) -> CallInput {
        CallInput(title: title, message: message, opensOn: opensOn, deadline: deadline, departmentIDs: departments)
    }

    static func fields(_ input: CallInput) -> [String] {
        do {
            _ = try input.validated()
            return []
        } catch let failure as ValidationFailure {
            return failure.problems.map(\.field)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test("a valid call: German and ISO dates, trimmed title, duplicate units once")
    func valid() throws {
        let values = try Self.input(title: "  Projektabfrage 2027 ", departments: [Self.unit, Self.unit.lowercased(), " "]).validated()
        #expect(values.title == "Projektabfrage 2027")
        #expect(values.opensOn.iso == "2026-11-02")
        #expect(values.deadline.iso == "2026-12-18")
        #expect(values.departmentIDs == [UUID(uuidString: Self.unit)!])
        #expect(values.message == "Bitte **bis Dezember** melden.")
        let sameDay = try Self.input(opensOn: "18.12.2026", deadline: "18.12.2026").validated()
        #expect(sameDay.opensOn == sameDay.deadline)
        #expect(try Self.input(message: "   ").validated().message == nil)
    }

    @Test("every problem is named by its field", arguments: [
        (CallInputTests.input(title: nil), ["title"]),
        (CallInputTests.input(title: String(repeating: "x", count: 201)), ["title"]),
        (CallInputTests.input(message: String(repeating: "m", count: 20_001)), ["message"]),
        (CallInputTests.input(opensOn: "", deadline: nil), ["opensOn", "deadline"]),
        (CallInputTests.input(opensOn: "31.02.2026"), ["opensOn"]),
        (CallInputTests.input(deadline: "morgen"), ["deadline"]),
        (CallInputTests.input(opensOn: "2026-12-19", deadline: "18.12.2026"), ["deadline"]),
        (CallInputTests.input(departments: []), ["departmentIDs"]),
        (CallInputTests.input(departments: ["", "  "]), ["departmentIDs"]),
        (CallInputTests.input(departments: ["kein-uuid"]), ["departmentIDs"]),
        (CallInputTests.input(title: " ", opensOn: "x", departments: []), ["title", "opensOn", "departmentIDs"]),
    ])
    func problems(input: CallInput, expected: [String]) {
        #expect(Self.fields(input) == expected)
    }

    @Test("the deadline comes after the opening day, otherwise the kind is endBeforeStart")
    func deadlineBeforeOpening() {
        do {
            _ = try Self.input(opensOn: "2026-12-19", deadline: "2026-12-18").validated()
            Issue.record("accepted")
        } catch let failure as ValidationFailure {
            #expect(failure.problems == [FieldProblem("deadline", .endBeforeStart)])
        } catch { Issue.record("\(error)") }
    }

    @Test("phase on a day: upcoming, open (deadline day included), overdue, closed")
    func phases() {
        let opens = CalendarDay(iso: "2026-11-02")!, deadline = CalendarDay(iso: "2026-12-18")!
        func phase(_ day: String, closed: Bool = false) -> CallPhase {
            CallPhase.on(CalendarDay(iso: day)!, opensOn: opens, deadline: deadline, closed: closed)
        }
        #expect(phase("2026-11-01") == .upcoming)
        #expect(phase("2026-11-02") == .open)
        #expect(phase("2026-12-18") == .open)
        #expect(phase("2026-12-19") == .overdue)
        #expect(phase("2026-11-20", closed: true) == .closed)
        #expect(CallPhase.open.acceptsAnswers && CallPhase.overdue.acceptsAnswers && !CallPhase.closed.acceptsAnswers)
        #expect(CallPhase.allCases.sorted { $0.listRank < $1.listRank } == [.open, .overdue, .upcoming, .closed])
    }

    @Test("days between calendar days, across months, leap years and years")
    func days() {
        func d(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }
        #expect(d("2026-11-24").days(to: d("2026-12-18")) == 24)
        #expect(d("2026-12-18").days(to: d("2026-11-24")) == -24)
        #expect(d("2028-02-28").days(to: d("2028-03-01")) == 2)
        #expect(d("2027-02-28").days(to: d("2027-03-01")) == 1)
        #expect(d("2026-12-31").days(to: d("2027-01-01")) == 1)
        #expect(d("2000-01-01").days(to: d("2100-01-01")) == 36_525)
        #expect(d("2026-12-18").englishLong == "18 December 2026")
        #expect(d("2027-01-05").englishLong == "5 January 2027")
    }
}
