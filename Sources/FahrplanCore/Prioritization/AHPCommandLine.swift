import Foundation

/// The logic of `fahrplan ahp [FILE]`, here so that it is tested in the core. Input:
/// `{"criteria": ["a", "b", …], "matrix": [[1, 3, …], …]}`; a cell may also be a string like "1/3" (JSON has no
/// fractions, and 0.333 invites typos). Output (stdout): weights per criterion, λmax, CI, RI, CR, whether CR is
/// acceptable and the inconsistencies (pairs by criterion name, worst first, only pairs that contribute).
/// Exit code 0 also when the judgments are inconsistent (the warning goes to stderr); 1 when the input cannot be
/// used, with the reason on stderr.
public enum AHPCommandLine {
    public struct Outcome: Sendable {
        public var stdout: String
        public var stderr: String
        public var exitCode: Int32
    }

    public static func run(input: Data, english: Bool = true) -> Outcome {
        let parsed: (criteria: [String], rows: [[Double]])
        switch parse(input, english: english) {
        case .success(let value): parsed = value
        case .failure(let refusal): return refuse(refusal.text, english: english)
        }
        let matrix: PairwiseMatrix
        do {
            matrix = try PairwiseMatrix(validating: parsed.rows)
        } catch {
            return refuse(error.message(english: english, names: parsed.criteria), english: english)
        }
        let result = AHP.evaluate(matrix)
        let names = parsed.criteria
        let report = Report(
            weights: Dictionary(uniqueKeysWithValues: zip(names, result.weights.map(rounded))),
            lambdaMax: rounded(result.lambdaMax), consistencyIndex: rounded(result.consistencyIndex),
            randomIndex: rounded(result.randomIndex), consistencyRatio: rounded(result.consistencyRatio),
            isAcceptable: result.isAcceptable,
            inconsistencies: result.inconsistencies.filter { $0.contribution > 1e-9 }.map {
                Report.Pair(row: names[$0.row], column: names[$0.column], given: rounded($0.given),
                            implied: rounded($0.implied), suggested: rounded($0.suggested),
                            indirect: rounded($0.indirect), contribution: rounded($0.contribution))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(report)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        let warning = result.isAcceptable ? "" : warningText(result, names: names, english: english)
        return Outcome(stdout: json + "\n", stderr: warning, exitCode: 0)
    }

    /// The stdout document; `JSONEncoder` writes the doubles as plain JSON numbers.
    struct Report: Encodable {
        struct Pair: Encodable {
            var row: String, column: String
            var given: Double, implied: Double, suggested: Double, indirect: Double, contribution: Double
        }
        var weights: [String: Double]
        var lambdaMax: Double, consistencyIndex: Double, randomIndex: Double, consistencyRatio: Double
        var isAcceptable: Bool
        var inconsistencies: [Pair]
    }

    /// Twelve decimals: far below any meaning, and it keeps rounding noise (3.0000000000000004) out of the file.
    static func rounded(_ value: Double) -> Double {
        (value * 1e12).rounded() / 1e12
    }

    static func warningText(_ result: AHPResult, names: [String], english: Bool) -> String {
        let say = AHPWording(english: english, names: names)
        let ratio = say.number(result.consistencyRatio, decimals: 3)
        var lines = [english
            ? "Warning: the consistency ratio \(ratio) is above 0.10 — the comparisons contradict each other. Revise those that contribute most:"
            : "Hinweis: Der Konsistenzquotient \(ratio) liegt über 0,10 – die Vergleiche widersprechen sich. Am meisten tragen diese bei:"]
        for pair in result.inconsistencies.prefix(3) where pair.contribution > 0 {
            let share = say.number(pair.contribution * 100, decimals: 0)
            let given = say.fraction(pair.given), implied = say.number(pair.implied, decimals: 2)
            let suggested = say.fraction(pair.suggested), indirect = say.number(pair.indirect, decimals: 2)
            lines.append(english
                ? "  \(say.cell(pair.row, pair.column)): given \(given), the weights imply \(implied) (nearest Saaty value \(suggested)), the other comparisons \(indirect) — \(share) % of the inconsistency"
                : "  \(say.cell(pair.row, pair.column)): angegeben \(given), die Gewichte ergeben \(implied) (nächster Saaty-Wert \(suggested)), die übrigen Vergleiche \(indirect) – \(share) % der Inkonsistenz")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Refusal: Error { var text: String }

    static func refuse(_ reason: String, english: Bool) -> Outcome {
        Outcome(stdout: "", stderr: (english ? "Error: " : "Fehler: ") + reason + "\n", exitCode: 1)
    }

    static func parse(_ input: Data, english: Bool) -> Result<(criteria: [String], rows: [[Double]]), Refusal> {
        func fail(_ en: String, _ de: String) -> Result<(criteria: [String], rows: [[Double]]), Refusal> {
            .failure(Refusal(text: english ? en : de))
        }
        let shape = #"{"criteria": ["a", "b", …], "matrix": [[…], …]}"#
        guard let document = try? JSONDecoder().decode(AHPInputValue.self, from: input) else {
            return fail("The input is not valid JSON; expected \(shape).", "Die Eingabe ist kein gültiges JSON; erwartet wird \(shape).")
        }
        guard case .object(let object) = document else {
            return fail("The input must be a JSON object \(shape).", "Die Eingabe muss ein JSON-Objekt \(shape) sein.")
        }
        guard let criteriaValue = object["criteria"] else {
            return fail(#"The key "criteria" is missing (the list of criterion names)."#,
                        #"Der Schlüssel "criteria" fehlt (die Liste der Kriterien)."#)
        }
        guard let matrixValue = object["matrix"] else {
            return fail(#"The key "matrix" is missing (the pairwise comparisons, one row per criterion)."#,
                        #"Der Schlüssel "matrix" fehlt (die Paarvergleiche, eine Zeile je Kriterium)."#)
        }
        guard case .array(let criteriaItems) = criteriaValue else {
            return fail(#""criteria" must be a list of names."#, #""criteria" muss eine Liste von Namen sein."#)
        }
        var criteria: [String] = []
        for (index, item) in criteriaItems.enumerated() {
            guard case .string(let raw) = item, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return fail("Criterion \(index + 1) must be a non-empty name (a string).",
                            "Kriterium \(index + 1) muss ein nicht leerer Name (eine Zeichenkette) sein.")
            }
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if let earlier = criteria.firstIndex(of: name) {
                return fail("The criterion “\(name)” appears twice (positions \(earlier + 1) and \(index + 1)).",
                            "Das Kriterium „\(name)“ kommt doppelt vor (Position \(earlier + 1) und \(index + 1)).")
            }
            criteria.append(name)
        }
        guard !criteria.isEmpty else {
            return fail(#""criteria" is empty: there is nothing to compare."#, #""criteria" ist leer: Es gibt nichts zu vergleichen."#)
        }
        guard case .array(let rowItems) = matrixValue else {
            return fail(#""matrix" must be a list of rows (lists of numbers)."#, #""matrix" muss eine Liste von Zeilen (Listen von Zahlen) sein."#)
        }
        var rows: [[Double]] = []
        for (i, rowItem) in rowItems.enumerated() {
            guard case .array(let cells) = rowItem else {
                return fail("Row \(i + 1) of the matrix is not a list of numbers.", "Zeile \(i + 1) der Matrix ist keine Liste von Zahlen.")
            }
            var row: [Double] = []
            for (j, cell) in cells.enumerated() {
                guard let value = cell.comparisonValue else {
                    return fail("Row \(i + 1), column \(j + 1) of the matrix is not a number (\(cell.shortDescription)).",
                                "Zeile \(i + 1), Spalte \(j + 1) der Matrix ist keine Zahl (\(cell.shortDescription)).")
                }
                row.append(value)
            }
            rows.append(row)
        }
        guard rows.count == criteria.count else {
            return fail("There are \(criteria.count) criteria but the matrix has \(rows.count) rows; it needs one row and one column per criterion.",
                        "Es gibt \(criteria.count) Kriterien, aber die Matrix hat \(rows.count) Zeilen; sie braucht je Kriterium eine Zeile und eine Spalte.")
        }
        return .success((criteria, rows))
    }
}

/// Any JSON value, so that the input can be checked step by step with a precise reason.
enum AHPInputValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([AHPInputValue]), object([String: AHPInputValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([AHPInputValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: AHPInputValue].self)) }
    }

    /// A number, or a string with a number or a fraction ("1/3", "0.5"); anything else is not a comparison.
    var comparisonValue: Double? {
        switch self {
        case .number(let value): return value
        case .string(let text):
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(parts.count), let top = Double(parts[0]) else { return nil }
            guard parts.count == 2 else { return top }
            guard let bottom = Double(parts[1]) else { return nil }
            return top / bottom
        default: return nil
        }
    }

    var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return String(value)
        case .string(let text): return "\"\(text.prefix(20))\""
        case .array: return "[…]"
        case .object: return "{…}"
        }
    }
}
