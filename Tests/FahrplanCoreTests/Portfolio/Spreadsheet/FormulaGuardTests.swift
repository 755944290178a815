@testable import FahrplanCore
import Testing

@Suite("FormulaGuard: formulas in imported and exported cells")
struct FormulaGuardTests {
    @Test("formulas are recognised", arguments: [
        "=1+1", "=SUM(A1:A3)", "=cmd|' /C calc'!A0", "=", "  =HYPERLINK(\"http://x\")", "\t=1", "\r\n=A1",
        "@SUM(1+1)*cmd|' /C calc'!A0", "@SUM(A1)", "+HYPERLINK(\"http://evil\",\"klick\")", "+ HYPERLINK(\"x\")",
        "-2+3+cmd|' /C calc'!A0", "-SUM(A1)", "-1+SUM(A1)", "-1 + SUM(A1)", "+(SUMME(A1))", "-LÄNGE(A1)",
        "@_xlfn.STDEV.S(A1)", "+A1*WENN(B1)", "-x|y!z", "+msexcel|'\\..\\..\\windows\\system32\\cmd.exe'!''",
    ])
    func formulas(cell: String) {
        #expect(FormulaGuard.isFormula(cell))
    }

    @Test("ordinary text is not a formula", arguments: [
        "", "   ", "Text", "- Punkt eins", "- Punkt eins (siehe unten)", "-5", "-5,50", "+49 30 123456",
        "+49 (0)30 123456", "@Stadt", "@Stadt Musterstadt", "- Projekt A(1)", "-Dokumentation (DMS)",
        "E-Mail = Pflicht", "a=b", "'=SUM(A1)", "'+HYPERLINK(\"x\")", "''=1", "'@SUM(1)", "-- Trenner --",
        "+ mehr Service | weniger Papier!", "- Kosten: siehe (Anlage)", "@ Team | Ziel!", "-(5)", "-2+3",
    ])
    func text(cell: String) {
        #expect(!FormulaGuard.isFormula(cell))
    }

    @Test("neutralise prepends exactly one apostrophe before trigger characters")
    func neutralise() {
        for trigger in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(FormulaGuard.neutralise(trigger + "x") == "'" + trigger + "x")
            #expect(FormulaGuard.neutralise("'" + trigger + "x") == "''" + trigger + "x")
        }
        for cell in ["", "x", "'", "''", "'x", "\n=1", " =1", "Rock'n'Roll", "€"] {
            #expect(FormulaGuard.neutralise(cell) == cell)
            #expect(!FormulaGuard.needsNeutralising(cell))
        }
    }

    @Test("unescape removes only the apostrophe the writer added", arguments: [
        ("'=SUM(A1)", "=SUM(A1)"), ("'+49 30", "+49 30"), ("'-5", "-5"), ("'@Stadt", "@Stadt"),
        ("'\tx", "\tx"), ("'\rx", "\rx"), ("''=x", "'=x"), ("'''-x", "''-x"),
        ("'abc", "'abc"), ("'", "'"), ("''", "''"), ("Rock'n'Roll", "Rock'n'Roll"), ("=x", "=x"),
        ("' =x", "' =x"), ("", ""), ("'\u{301}=x", "'\u{301}=x"),
    ])
    func unescape(cell: String, expected: String) {
        #expect(FormulaGuard.unescape(cell) == expected)
    }

    @Test("unescape inverts neutralise for every cell")
    func inverse() {
        let cells = ["", "x", "=", "'=", "''=", "'", "''", "'x", "-", "@a", "\t", "\r\n", "+'", "=''", "a'=", "'\u{301}"]
        for cell in cells {
            #expect(FormulaGuard.unescape(FormulaGuard.neutralise(cell)) == cell, "\(cell.debugDescription)")
        }
    }

    @Test("check before unescaping: an escaped formula is accepted as text")
    func order() {
        let raw = "'=HYPERLINK(\"http://x\")"
        #expect(!FormulaGuard.isFormula(raw))
        #expect(FormulaGuard.unescape(raw) == "=HYPERLINK(\"http://x\")")
        #expect(FormulaGuard.isFormula(FormulaGuard.unescape(raw)))
    }
}
