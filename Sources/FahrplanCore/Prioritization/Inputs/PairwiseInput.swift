import Foundation

/// One pairwise judgment as submitted: how much more important `a` is than `b` (criterion keys), as a Saaty
/// value ("3", "1/5"). A blank value leaves the pair unjudged.
public struct PairwiseInput: Sendable, Equatable {
    public var a: String
    public var b: String
    public var value: String

    public init(a: String, b: String, value: String) {
        self.a = a; self.b = b; self.value = value
    }
}

/// A checked judgment as it is stored: once per pair, `first` before `second` in the round's order of
/// criteria (indices), `value` how much more important `first` is.
public struct PairwiseValues: Sendable, Equatable {
    public var first: Int
    public var second: Int
    public var value: Double
}

extension PairwiseInput {
    /// Parses "3", "1/5", "0,2" into a Saaty value; nil when it is not one.
    public static func saatyValue(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let value: Double?
        if parts.count == 2, let n = Double(parts[0]), let d = Double(parts[1]), d != 0 { value = n / d }
        else { value = Double(trimmed.replacingOccurrences(of: ",", with: ".")) }
        guard let value, AHP.isSaatyValue(value) else { return nil }
        return value
    }

    /// Checks a participant's judgments against the round's criteria (`keys`, in the round's order); throws
    /// `ValidationFailure` naming every problem by position (`comparisons[1].value`). A pair judged twice (in
    /// either direction) is a duplicate.
    public static func validated(_ inputs: [PairwiseInput], keys: [String]) throws -> [PairwiseValues] {
        let index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var check = Validator()
        var values: [PairwiseValues] = []
        var seen: Set<String> = []
        for (position, input) in inputs.enumerated() {
            let field = "comparisons[\(position)]"
            guard let i = index[input.a], let j = index[input.b] else { check.add(field, .unknownReference); continue }
            if i == j { check.add(field, .comparedWithItself); continue }
            guard !input.value.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let value = saatyValue(input.value) else { check.add("\(field).value", .notSaatyValue); continue }
            let (first, second, stored) = i < j ? (i, j, value) : (j, i, 1 / value)
            if !seen.insert("\(first)|\(second)").inserted { check.add(field, .duplicate); continue }
            values.append(PairwiseValues(first: first, second: second, value: stored))
        }
        try check.finish()
        return values
    }
}
