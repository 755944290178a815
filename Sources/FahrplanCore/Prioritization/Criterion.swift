import Foundation

/// Whether a higher level on a criterion's scale makes a project more or less worth doing (risk: lower is better).
public enum CriterionDirection: String, Codable, Sendable, CaseIterable {
    case higherIsBetter
    case lowerIsBetter
}

/// Where a criterion's value comes from: raters, or the project profile (so nobody has to rate what the
/// profile already says, and the figure cannot drift from it).
public enum CriterionSource: String, Codable, Sendable, CaseIterable {
    /// Raters score it on the scale, each with a short justification.
    case rating
    /// Hours saved per year (valued at an hourly rate) against one-off plus five years of running costs.
    case costBenefit
    /// Legal obligation: none, an obligation, an obligation with a deadline.
    case legalObligation
    /// How many other projects in scope depend on this one (a basic component).
    case dependents
}

/// One level of a criterion's scale with the anchor that tells raters what it means.
public struct ScaleLevel: Codable, Sendable, Equatable {
    public var value: Int
    public var label: String
    public var description: String

    public init(value: Int, label: String, description: String = "") {
        self.value = value
        self.label = label
        self.description = description
    }
}

/// A criterion of the catalog as a round uses it. `key` is stable within a catalog and names the criterion in
/// AHP files, the API and scenarios (e.g. "legal", "citizenBenefit").
public struct Criterion: Codable, Sendable, Equatable, Identifiable {
    public var key: String
    public var name: String
    public var description: String
    /// Ascending by value, at least two levels, no value twice.
    public var levels: [ScaleLevel]
    public var direction: CriterionDirection
    public var source: CriterionSource

    public var id: String { key }
    public var minimum: Int { levels.map(\.value).min() ?? 0 }
    public var maximum: Int { levels.map(\.value).max() ?? 0 }

    public init(key: String, name: String, description: String = "", levels: [ScaleLevel],
                direction: CriterionDirection = .higherIsBetter, source: CriterionSource = .rating) {
        self.key = key
        self.name = name
        self.description = description
        self.levels = levels.sorted { $0.value < $1.value }
        self.direction = direction
        self.source = source
    }

    /// A value on the scale as a share of "best": 0 is the worst level, 1 the best, whatever the direction.
    public func normalized(_ value: Double) -> Double {
        let span = Double(maximum - minimum)
        guard span > 0 else { return 0 }
        let share = min(1, max(0, (value - Double(minimum)) / span))
        return direction == .higherIsBetter ? share : 1 - share
    }

    public func level(_ value: Int) -> ScaleLevel? { levels.first { $0.value == value } }

    /// What is wrong with the criterion as a whole; empty when it can be used.
    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if !CriterionKey.isValid(key) { problems.append(FieldProblem("key", .invalidKey)) }
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(FieldProblem("name", .required)) }
        if levels.count < 2 { problems.append(FieldProblem("levels", .scaleTooShort)) }
        if Set(levels.map(\.value)).count != levels.count { problems.append(FieldProblem("levels", .duplicate)) }
        if levels.contains(where: { $0.label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            problems.append(FieldProblem("levels", .required))
        }
        return problems
    }
}

/// Criterion keys: letters, digits, `-` and `_`, starting with a letter, at most 40 characters — they appear in
/// JSON files and URLs.
public enum CriterionKey {
    public static func isValid(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.count <= 40 else { return false }
        let letters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let allowed = letters.union(CharacterSet(charactersIn: "0123456789-_"))
        return letters.contains(first) && key.unicodeScalars.allSatisfy(allowed.contains)
    }
}
