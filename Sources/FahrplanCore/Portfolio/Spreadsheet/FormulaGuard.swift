import Foundation

/// Protection against spreadsheet formulas in both directions (OWASP "CSV injection").
///
/// Export: a cell that starts with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by Excel, so
/// `neutralise` puts an apostrophe in front. To keep this reversible, a cell that already starts with
/// apostrophes followed by such a character gets one more (`'=x` → `''=x`).
///
/// Import: `isFormula` recognises formulas (which are refused, never stored), `unescape` removes the one
/// apostrophe `neutralise` added. The rule is: **check the raw cell first, then unescape.** An escaped
/// cell (`'=SUM(1)`) starts with an apostrophe, so it is not a formula and is accepted as the text
/// `=SUM(1)`; that makes export → import round-trip exactly.
public enum FormulaGuard {
    /// The first characters that make a spreadsheet evaluate a cell (tab and CR because Excel skips them
    /// before looking for `=`).
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether `neutralise` changes the cell: after any leading apostrophes comes a trigger character.
    public static func needsNeutralising(_ cell: String) -> Bool {
        guard let next = cell.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return triggers.contains(next)
    }

    /// The cell as it is safe to write into a CSV file for Excel.
    public static func neutralise(_ cell: String) -> String {
        needsNeutralising(cell) ? "'" + cell : cell
    }

    /// Undoes `neutralise`: drops one leading apostrophe when apostrophes are followed by a trigger.
    /// Any other apostrophe (`'abc`, `''`, `Rock'n'Roll`) is text and stays.
    public static func unescape(_ cell: String) -> String {
        guard cell.unicodeScalars.first == "'", needsNeutralising(cell) else { return cell }
        var scalars = cell.unicodeScalars
        scalars.removeFirst()
        return String(scalars)
    }

    /// Whether a raw imported cell is a formula. Leading and trailing whitespace is ignored. A cell starting
    /// with `=` always is one. A cell starting with `+`, `-` or `@` is one only when it contains a function
    /// call (a name directly followed by `(`, standing at the start or after an operator: `@SUM(`,
    /// `+ HYPERLINK(`, `-1+SUM(`) or a DDE reference (`cmd|' /C calc'!A0`), so that ordinary text such as
    /// `- Punkt eins (siehe unten)`, `-5`, `+49 30 123456` or `@Stadt` is accepted.
    public static func isFormula(_ cell: String) -> Bool {
        let scalars = Array(cell.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars)
        guard let first = scalars.first else { return false }
        if first == "=" { return true }
        guard first == "+" || first == "-" || first == "@" else { return false }
        return containsFunctionCall(scalars) || containsDDE(scalars)
    }

    private static let operators: Set<Unicode.Scalar> = ["+", "-", "*", "/", "^", "&", "=", "<", ">", "(", "@"]

    private static func isNameCharacter(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s == "." || s.properties.isAlphabetic || ("0"..."9").contains(s)
    }

    /// German Excel names functions with umlauts (`LÄNGE(`), so any letter may start a name.
    private static func containsFunctionCall(_ s: [Unicode.Scalar]) -> Bool {
        for i in s.indices where s[i] == "(" {
            var start = i
            while start > 0, isNameCharacter(s[start - 1]) { start -= 1 }
            guard start < i, s[start] == "_" || s[start].properties.isAlphabetic else { continue }
            var before = start - 1
            while before >= 0, s[before] == " " { before -= 1 }
            if before < 0 || operators.contains(s[before]) { return true }
        }
        return false
    }

    /// Dynamic Data Exchange: `application|topic!item`, which can start programs on the user's machine.
    private static func containsDDE(_ s: [Unicode.Scalar]) -> Bool {
        guard let pipe = s.indices.first(where: { $0 > 0 && s[$0] == "|" && isNameCharacter(s[$0 - 1]) })
        else { return false }
        return s[(pipe + 1)...].contains("!")
    }
}
