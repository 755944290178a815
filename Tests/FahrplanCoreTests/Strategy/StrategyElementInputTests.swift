import FahrplanCore
import Testing

@Suite("StrategyElementInput: checking what people submit")
struct StrategyElementInputTests {
    static let parent = "8D1B6C55-3B0A-4F51-9D6A-4E3F5C2B1A00"
    static let department = "0F4C2A1E-7D3B-4C5A-8E9F-1A2B3C4D5E6F"

    /// A complete, valid input for `kind`.
    static func valid(_ kind: StrategyElementKind) -> StrategyElementInput {
        StrategyElementInput(code: "Z1.1", title: "Verwaltungsleistungen vollständig online",
                             description: "Beschreibung", targetStatement: "Bis 2028 sind 60 Leistungen online.",
                             targetYear: "2028", parentID: kind.parentKind == nil ? nil : parent,
                             responsibleDepartmentID: kind.hasResponsibleDepartment ? department : nil)
    }

    static func problems(_ input: StrategyElementInput, _ kind: StrategyElementKind) -> [FieldProblem] {
        do {
            _ = try input.validated(for: kind)
            return []
        } catch let failure as ValidationFailure {
            return failure.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    // MARK: valid input

    @Test("a valid goal keeps every value, cleaned")
    func validGoal() throws {
        let input = StrategyElementInput(code: " Z1.1 ", title: "  Kurze Wege im Bürgeramt ",
                                         description: "Erste Zeile\r\nZweite Zeile\n",
                                         targetStatement: "Bis 30.06.2027:\r\n90 % online gebucht.", targetYear: " 2027 ",
                                         parentID: " \(Self.parent) ", responsibleDepartmentID: Self.department)
        let values = try input.validated(for: .goal)
        #expect(values.code == "Z1.1")
        #expect(values.title == "Kurze Wege im Bürgeramt")
        #expect(values.description == "Erste Zeile\nZweite Zeile")
        #expect(values.targetStatement == "Bis 30.06.2027:\n90 % online gebucht.")
        #expect(values.targetYear == 2027)
        #expect(values.parentID == Self.parent)
        #expect(values.responsibleDepartmentID == Self.department)
    }

    @Test("a title alone is enough for a principle and a field of action", arguments: [StrategyElementKind.principle, .fieldOfAction])
    func minimalWithoutParent(kind: StrategyElementKind) throws {
        let values = try StrategyElementInput(title: "Gemeinsam statt allein").validated(for: kind)
        #expect(values.title == "Gemeinsam statt allein")
        #expect(values.code == nil && values.description == nil && values.targetStatement == nil && values.targetYear == nil)
        #expect(values.parentID == nil && values.responsibleDepartmentID == nil)
    }

    @Test("a program needs only a title and a parent; target year is optional for a goal")
    func minimalWithParent() throws {
        let program = try StrategyElementInput(title: "Kita-Portal", parentID: Self.parent).validated(for: .program)
        #expect(program.parentID == Self.parent)
        let goal = try StrategyElementInput(title: "Offene Daten", targetStatement: "80 Datensätze", parentID: Self.parent)
            .validated(for: .goal)
        #expect(goal.targetYear == nil)
        #expect(goal.targetStatement == "80 Datensätze")
    }

    @Test("blank optional fields become nil, not empty strings")
    func blankOptionals() throws {
        let input = StrategyElementInput(code: "  ", title: "Titel", description: "\n\n", targetStatement: "Ziel 1",
                                         targetYear: " ", parentID: Self.parent, responsibleDepartmentID: "")
        let values = try input.validated(for: .goal)
        #expect(values.code == nil)
        #expect(values.description == nil)
        #expect(values.targetYear == nil)
        #expect(values.responsibleDepartmentID == nil)
    }

    @Test("the title is single-line, description and target statement are multi-line")
    func lineHandling() throws {
        let input = StrategyElementInput(code: "Z\n1", title: "Digitale\nSchulen", description: "A\nB", targetStatement: "C\r\nD",
                                         parentID: Self.parent)
        let values = try input.validated(for: .goal)
        #expect(values.code == "Z 1")
        #expect(values.title == "Digitale Schulen")
        #expect(values.description == "A\nB")
        #expect(values.targetStatement == "C\nD")
    }

    // MARK: required fields

    @Test("every kind requires a title", arguments: StrategyElementKind.allCases)
    func titleRequired(kind: StrategyElementKind) {
        for title in [nil, "", "   ", "\n"] as [String?] {
            var input = Self.valid(kind)
            input.title = title
            #expect(Self.problems(input, kind) == [FieldProblem("title", .required)])
        }
    }

    @Test("a goal requires a target statement")
    func targetStatementRequired() {
        var input = Self.valid(.goal)
        input.targetStatement = " \r\n "
        #expect(Self.problems(input, .goal) == [FieldProblem("targetStatement", .required)])
    }

    @Test("goals and programs require a parent", arguments: [StrategyElementKind.goal, .program])
    func parentRequired(kind: StrategyElementKind) {
        for parent in [nil, "", "  "] as [String?] {
            var input = Self.valid(kind)
            input.parentID = parent
            #expect(Self.problems(input, kind) == [FieldProblem("parentID", .required)])
        }
    }

    @Test("an empty goal reports every missing field at once, in form order")
    func emptyGoal() {
        #expect(Self.problems(StrategyElementInput(), .goal) == [
            FieldProblem("title", .required), FieldProblem("targetStatement", .required), FieldProblem("parentID", .required),
        ])
        #expect(Self.problems(StrategyElementInput(), .program) == [
            FieldProblem("title", .required), FieldProblem("parentID", .required),
        ])
        #expect(Self.problems(StrategyElementInput(), .principle) == [FieldProblem("title", .required)])
    }

    // MARK: fields a kind does not have

    @Test("kinds without a parent ignore a submitted parent, even an invalid one", arguments: [StrategyElementKind.principle, .fieldOfAction])
    func parentIgnored(kind: StrategyElementKind) throws {
        for parent in [Self.parent, String(repeating: "x", count: 500), "bad\u{0000}"] {
            var input = Self.valid(kind)
            input.parentID = parent
            #expect(try input.validated(for: kind).parentID == nil)
        }
    }

    @Test("only goals have a target: other kinds ignore target statement and year, even invalid ones",
          arguments: [StrategyElementKind.principle, .fieldOfAction, .program])
    func targetIgnored(kind: StrategyElementKind) throws {
        var input = Self.valid(kind)
        input.targetStatement = String(repeating: "x", count: 5_000) + "\u{0007}"
        input.targetYear = "zwanzig"
        let values = try input.validated(for: kind)
        #expect(values.targetStatement == nil)
        #expect(values.targetYear == nil)
    }

    @Test("principles and fields of action ignore a responsible department", arguments: [StrategyElementKind.principle, .fieldOfAction])
    func departmentIgnored(kind: StrategyElementKind) throws {
        var input = Self.valid(kind)
        input.responsibleDepartmentID = "\u{0001}" + String(repeating: "y", count: 100)
        #expect(try input.validated(for: kind).responsibleDepartmentID == nil)
    }

    @Test("goals and programs keep their responsible department", arguments: [StrategyElementKind.goal, .program])
    func departmentKept(kind: StrategyElementKind) throws {
        #expect(try Self.valid(kind).validated(for: kind).responsibleDepartmentID == Self.department)
    }

    // MARK: limits

    @Test("length limits: the limit passes, one more is tooLong", arguments: [
        ("code", StrategyElementLimits.code), ("title", StrategyElementLimits.title),
        ("description", StrategyElementLimits.description), ("targetStatement", StrategyElementLimits.targetStatement),
        ("parentID", 64), ("responsibleDepartmentID", 64),
    ])
    func lengthLimits(field: String, max: Int) throws {
        func input(length: Int) -> StrategyElementInput {
            var input = Self.valid(.goal)
            let text = String(repeating: "ä", count: length)
            switch field {
            case "code": input.code = text
            case "title": input.title = text
            case "description": input.description = text
            case "targetStatement": input.targetStatement = text
            case "parentID": input.parentID = text
            default: input.responsibleDepartmentID = text
            }
            return input
        }
        #expect(Self.problems(input(length: max), .goal) == [])
        #expect(Self.problems(input(length: max + 1), .goal) == [FieldProblem(field, .tooLong(max: max))])
    }

    @Test("the published limits are the ones agreed")
    func limits() {
        #expect(StrategyElementLimits.code == 20)
        #expect(StrategyElementLimits.title == 200)
        #expect(StrategyElementLimits.description == 20_000)
        #expect(StrategyElementLimits.targetStatement == 1_000)
        #expect(StrategyElementLimits.targetYears == 2000...2100)
    }

    @Test("target years 2000 to 2100 are accepted", arguments: ["2000", "2026", "2100"])
    func targetYearAccepted(year: String) throws {
        var input = Self.valid(.goal)
        input.targetYear = year
        #expect(try input.validated(for: .goal).targetYear == Int(year))
    }

    @Test("target years outside 2000 to 2100 are outOfRange", arguments: ["1999", "2101", "0", "-1", "28", "20280"])
    func targetYearOutOfRange(year: String) {
        var input = Self.valid(.goal)
        input.targetYear = year
        #expect(Self.problems(input, .goal) == [FieldProblem("targetYear", .outOfRange(min: 2000, max: 2100))])
    }

    @Test("a target year that is not a number is notANumber", arguments: ["zwanzig", "2028.0", "Ende 2028", "2o28", "31.12.2028"])
    func targetYearNotANumber(year: String) {
        var input = Self.valid(.goal)
        input.targetYear = year
        #expect(Self.problems(input, .goal) == [FieldProblem("targetYear", .notANumber)])
    }

    // MARK: control characters

    @Test("control characters are refused in every checked field", arguments: [
        "code", "title", "description", "targetStatement", "parentID", "responsibleDepartmentID",
    ])
    func controlCharacters(field: String) {
        var input = Self.valid(.goal)
        let bad = "ok\u{0007}"
        switch field {
        case "code": input.code = bad
        case "title": input.title = bad
        case "description": input.description = bad
        case "targetStatement": input.targetStatement = bad
        case "parentID": input.parentID = bad
        default: input.responsibleDepartmentID = bad
        }
        #expect(Self.problems(input, .goal) == [FieldProblem(field, .controlCharacters)])
    }

    @Test("every problem of a thoroughly bad goal is reported together, in form order")
    func everythingWrong() {
        let input = StrategyElementInput(code: String(repeating: "C", count: 21), title: "\u{001B}[2J",
                                         description: String(repeating: "d", count: 20_001),
                                         targetStatement: String(repeating: "t", count: 1_001), targetYear: "3000",
                                         parentID: String(repeating: "p", count: 65), responsibleDepartmentID: "\u{0000}")
        #expect(Self.problems(input, .goal) == [
            FieldProblem("code", .tooLong(max: 20)),
            FieldProblem("title", .controlCharacters),
            FieldProblem("description", .tooLong(max: 20_000)),
            FieldProblem("targetStatement", .tooLong(max: 1_000)),
            FieldProblem("targetYear", .outOfRange(min: 2000, max: 2100)),
            FieldProblem("parentID", .tooLong(max: 64)),
            FieldProblem("responsibleDepartmentID", .controlCharacters),
        ])
    }
}
