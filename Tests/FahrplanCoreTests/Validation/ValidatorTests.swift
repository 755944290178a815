import FahrplanCore
import Testing

@Suite("Validator: collecting field problems")
struct ValidatorTests {
    // MARK: text

    @Test("text is trimmed and returned without problems")
    func trimmedText() throws {
        var check = Validator()
        #expect(check.text("title", "  \t Digitale Schulen \n ", required: true, max: 200) == "Digitale Schulen")
        #expect(check.problems.isEmpty)
        try check.finish()
    }

    @Test("absent or blank text is a problem only when required", arguments: [nil, "", " ", "\t\n", "\r\n", "\u{00A0}"] as [String?])
    func blankText(raw: String?) {
        var optional = Validator()
        #expect(optional.text("code", raw, required: false, max: 20) == nil)
        #expect(optional.problems.isEmpty)

        var required = Validator()
        #expect(required.text("title", raw, required: true, max: 200) == nil)
        #expect(required.problems == [FieldProblem("title", .required)])
    }

    @Test("length limit: exactly max passes, one more is tooLong and names the limit")
    func lengthLimit() {
        var check = Validator()
        #expect(check.text("code", String(repeating: "x", count: 20), required: false, max: 20) != nil)
        #expect(check.problems.isEmpty)
        let tooLong = check.text("code", String(repeating: "x", count: 21), required: false, max: 20)
        #expect(tooLong?.count == 21, "the value is still returned so a form can show it again")
        #expect(check.problems == [FieldProblem("code", .tooLong(max: 20))])
    }

    @Test("length is measured after trimming")
    func lengthAfterTrimming() {
        var check = Validator()
        #expect(check.text("code", "   abc   ", required: true, max: 3) == "abc")
        #expect(check.problems.isEmpty)
    }

    @Test("length counts characters as people see them, not bytes or scalars")
    func lengthCountsCharacters() {
        var check = Validator()
        // Umlauts (composed and decomposed), ß and an emoji made of several scalars: one character each.
        #expect(check.text("t", "\u{00E4}o\u{0308}\u{00DF}\u{1F469}\u{200D}\u{1F4BB}", required: true, max: 4) != nil)
        #expect(check.problems.isEmpty)
        #expect(check.text("t", "ÄÖÜäöüß", required: true, max: 6) != nil)
        #expect(check.problems == [FieldProblem("t", .tooLong(max: 6))])
    }

    @Test("control characters are refused, reported once and not also as missing",
          arguments: ["\u{0000}", "ok\u{0007}", "\u{001B}[31mrot", "a\u{007F}b", "\u{0008}", "Ziel\u{000B}", "\u{000C}", "\u{001F}"])
    func controlCharacters(raw: String) {
        var check = Validator()
        #expect(check.text("title", raw, required: true, max: 200) == nil)
        #expect(check.problems == [FieldProblem("title", .controlCharacters)])
    }

    @Test("tabs are allowed in single-line and multi-line text", arguments: [false, true])
    func tabsAllowed(multiline: Bool) {
        var check = Validator()
        #expect(check.text("t", "A\tB", required: true, max: 10, multiline: multiline) == "A\tB")
        #expect(check.problems.isEmpty)
    }

    @Test("multi-line text keeps its line breaks, unified to \\n")
    func multilineKeepsBreaks() {
        var check = Validator()
        let value = check.text("description", "\r\n Erste Zeile\r\nZweite\rDritte\n\nAbsatz \n", required: true, max: 100,
                               multiline: true)
        #expect(value == "Erste Zeile\nZweite\nDritte\n\nAbsatz")
        #expect(check.problems.isEmpty)
    }

    @Test("single-line text folds line breaks into spaces")
    func singleLineFoldsBreaks() {
        var check = Validator()
        #expect(check.text("title", "Kurze\r\nWege\rim\nBürgeramt", required: true, max: 100) == "Kurze Wege im Bürgeramt")
        #expect(check.problems.isEmpty)
    }

    // MARK: integer

    @Test("whole numbers within the range are parsed, bounds included", arguments: [
        ("2000", 2000), ("2100", 2100), (" 2028 ", 2028), ("+2030", 2030),
    ])
    func integerInRange(raw: String, expected: Int) {
        var check = Validator()
        #expect(check.integer("targetYear", raw, range: 2000...2100) == expected)
        #expect(check.problems.isEmpty)
    }

    @Test("numbers outside the range are outOfRange with the bounds", arguments: ["1999", "2101", "0", "-2028"])
    func integerOutOfRange(raw: String) {
        var check = Validator()
        #expect(check.integer("targetYear", raw, range: 2000...2100) == nil)
        #expect(check.problems == [FieldProblem("targetYear", .outOfRange(min: 2000, max: 2100))])
    }

    @Test("text that is not a whole number is notANumber", arguments: [
        "zwanzig", "2028.0", "2028,5", "20 28", "20\n28", "1e3", "0x7E8", "２０２８", "99999999999999999999999",
    ])
    func integerNotANumber(raw: String) {
        var check = Validator()
        #expect(check.integer("targetYear", raw, range: 2000...2100) == nil)
        #expect(check.problems == [FieldProblem("targetYear", .notANumber)])
    }

    @Test("a blank number is absent: fine when optional, required otherwise", arguments: [nil, "", "  "] as [String?])
    func integerBlank(raw: String?) {
        var optional = Validator()
        #expect(optional.integer("targetYear", raw, range: 2000...2100) == nil)
        #expect(optional.problems.isEmpty)
        var required = Validator()
        #expect(required.integer("targetYear", raw, required: true, range: 2000...2100) == nil)
        #expect(required.problems == [FieldProblem("targetYear", .required)])
    }

    // MARK: finish

    @Test("finish throws every problem, in the order found")
    func finishThrowsAll() {
        var check = Validator()
        _ = check.text("title", nil, required: true, max: 10)
        _ = check.integer("targetYear", "x", range: 1...2)
        check.add("parentID", .wrongKindOfParent)
        check.add("parentID", .cycle)
        let expected = ValidationFailure([
            FieldProblem("title", .required), FieldProblem("targetYear", .notANumber),
            FieldProblem("parentID", .wrongKindOfParent), FieldProblem("parentID", .cycle),
        ])
        #expect(throws: expected) { try check.finish() }
    }

    @Test("finish does not throw without problems")
    func finishWithoutProblems() throws {
        var check = Validator()
        _ = check.text("code", nil, required: false, max: 10)
        _ = check.integer("n", nil, range: 1...2)
        try check.finish()
    }

    @Test("problem kinds carry their limits and are told apart by them")
    func kindsDiffer() {
        #expect(FieldProblem.Kind.tooLong(max: 20) != .tooLong(max: 200))
        #expect(FieldProblem.Kind.tooShort(min: 10) != .tooShort(min: 12))
        #expect(FieldProblem.Kind.outOfRange(min: 1, max: 2) != .outOfRange(min: 1, max: 3))
        #expect(FieldProblem("a", .required) != FieldProblem("b", .required))
    }

    @Test("non-negative decimals: German and ISO, blank absent or required, negative named as such")
    func nonNegativeDecimals() {
        var check = Validator()
        #expect(check.nonNegativeDecimal("a", "1.234,5") == 1234.5)
        #expect(check.nonNegativeDecimal("b", "12.5") == 12.5)
        #expect(check.nonNegativeDecimal("c", "0") == 0)
        #expect(check.nonNegativeDecimal("d", " ") == nil)
        #expect(check.problems.isEmpty)
        #expect(check.nonNegativeDecimal("e", nil, required: true) == nil)
        #expect(check.nonNegativeDecimal("f", "-5") == nil)
        #expect(check.nonNegativeDecimal("g", "zwanzig") == nil)
        #expect(check.problems == [FieldProblem("e", .required), FieldProblem("f", .negative), FieldProblem("g", .notADecimal)])
    }
}
