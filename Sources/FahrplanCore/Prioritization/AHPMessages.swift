import Foundation

extension AHPMatrixError {
    /// One sentence that names the cell or criteria concerned: by the criteria's names when `names` has them,
    /// otherwise by 1-based row and column ("Zeile 2, Spalte 3").
    public func message(english: Bool, names: [String] = []) -> String {
        let say = AHPWording(english: english, names: names)
        switch self {
        case .empty:
            return english ? "The matrix is empty: there is nothing to compare."
                           : "Die Matrix ist leer: Es gibt nichts zu vergleichen."
        case let .tooLarge(size, maximum):
            return english ? "The matrix has \(size) criteria; at most \(maximum) are possible."
                           : "Die Matrix hat \(size) Kriterien; höchstens \(maximum) sind möglich."
        case let .notSquare(row, length, expected):
            return english
                ? "The matrix is not square: row \(row + 1)\(say.nameSuffix(row)) has \(length) values, expected \(expected) (one per criterion)."
                : "Die Matrix ist nicht quadratisch: Zeile \(row + 1)\(say.nameSuffix(row)) hat \(length) Werte, erwartet sind \(expected) (einer je Kriterium)."
        case let .notPositive(row, column, value):
            return english
                ? "The value for \(say.cell(row, column)) is \(say.number(value)); every comparison must be a positive number (1/9 to 9 on Saaty's scale)."
                : "Der Wert für \(say.cell(row, column)) ist \(say.number(value)); jeder Vergleich muss eine positive Zahl sein (1/9 bis 9 auf Saatys Skala)."
        case let .diagonalNotOne(index, value):
            return english
                ? "The diagonal must be 1 (every criterion is as important as itself), but \(say.cell(index, index)) is \(say.number(value))."
                : "Auf der Diagonale muss 1 stehen (jedes Kriterium ist so wichtig wie es selbst), aber \(say.cell(index, index)) ist \(say.number(value))."
        case let .notReciprocal(row, column, value, mirrored):
            return english
                ? "The matrix is not reciprocal: \(say.cell(row, column)) is \(say.number(value)), so \(say.cell(column, row)) must be \(say.fraction(1 / value)), but it is \(say.number(mirrored))."
                : "Die Matrix ist nicht reziprok: \(say.cell(row, column)) ist \(say.number(value)), also muss \(say.cell(column, row)) \(say.fraction(1 / value)) sein, ist aber \(say.number(mirrored))."
        case let .comparedWithItself(index):
            return english ? "\(say.criterion(index, capitalized: true)) cannot be compared with itself."
                           : "\(say.criterion(index, capitalized: true)) kann nicht mit sich selbst verglichen werden."
        case let .missingJudgment(row, column):
            return english ? "The comparison of \(say.criterion(row)) with \(say.criterion(column)) is missing."
                           : "Es fehlt der Vergleich von \(say.criterion(row)) mit \(say.criterion(column))."
        case let .duplicateJudgment(row, column):
            return english
                ? "The comparison of \(say.criterion(row)) with \(say.criterion(column)) is given more than once (the reverse direction is the same comparison)."
                : "Der Vergleich von \(say.criterion(row)) mit \(say.criterion(column)) ist mehrfach angegeben (die umgekehrte Richtung ist derselbe Vergleich)."
        case let .judgmentOutOfRange(row, column, size):
            return english
                ? "The comparison of row \(row + 1) with column \(column + 1) lies outside the matrix of \(size) criteria."
                : "Der Vergleich Zeile \(row + 1), Spalte \(column + 1) liegt außerhalb der Matrix mit \(size) Kriterien."
        case let .sizeMismatch(matrix, size, expected):
            return english
                ? "Comparison matrix \(matrix + 1) has \(size) criteria, the first one \(expected); a group's matrices must compare the same criteria."
                : "Paarvergleich \(matrix + 1) hat \(size) Kriterien, der erste \(expected); in der Gruppe müssen alle dieselben Kriterien vergleichen."
        }
    }
}

extension AHPMatrixError: LocalizedError {
    public var errorDescription: String? { message(english: true) }
}

/// How the AHP texts (errors, CLI warnings) name criteria, cells and numbers in German or English.
struct AHPWording {
    var english: Bool
    var names: [String]

    func name(_ index: Int) -> String? {
        names.indices.contains(index) ? names[index] : nil
    }

    func quoted(_ name: String) -> String { english ? "“\(name)”" : "„\(name)“" }

    /// "„Risiko“" or "Kriterium 7".
    func criterion(_ index: Int, capitalized: Bool = false) -> String {
        if let name = name(index) { return quoted(name) }
        let word = english ? (capitalized ? "Criterion" : "criterion") : "Kriterium"
        return "\(word) \(index + 1)"
    }

    /// " („Risiko“)" after a row number, or nothing without names.
    func nameSuffix(_ index: Int) -> String {
        name(index).map { " (\(quoted($0)))" } ?? ""
    }

    /// "„Bürgernutzen“ gegenüber „Risiko“" or "Zeile 2, Spalte 7".
    func cell(_ row: Int, _ column: Int) -> String {
        if let first = name(row), let second = name(column) {
            return english ? "\(quoted(first)) versus \(quoted(second))" : "\(quoted(first)) gegenüber \(quoted(second))"
        }
        return english ? "row \(row + 1), column \(column + 1)" : "Zeile \(row + 1), Spalte \(column + 1)"
    }

    /// Up to four decimals, no trailing zeros, decimal comma in German.
    func number(_ value: Double, decimals: Int = 4) -> String {
        if value.isNaN { return english ? "not a number" : "keine Zahl" }
        if value.isInfinite { return english ? "infinite" : "unendlich" }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return english ? text : text.replacingOccurrences(of: ".", with: ",")
    }

    /// Saaty-style: "3", "1/3"; other values as decimals.
    func fraction(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return number(value) }
        if value < 1, abs(1 / value - (1 / value).rounded()) < 1e-6 { return "1/\(Int((1 / value).rounded()))" }
        return number(value)
    }
}
