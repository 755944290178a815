import Foundation

extension RoundSettings {
    /// The statuses whose projects a new round takes into scope when none are named: what has been submitted
    /// and not yet decided. Ideas are not ready; approved, running, closed and deferred projects are decided.
    public static let defaultProjectStatuses: [ProjectStatus] = [.submitted, .inReview, .prioritized]
}

/// What a draft round needs before raters may start.
public enum RoundReadiness {
    /// Every reason the round cannot open, in the order the form shows them: at least one criterion, weights
    /// that are not all 0, at least one project, and raters as soon as one criterion is rated (criteria derived
    /// from the profile need nobody).
    public static func problemsOpening(criteria: [WeightedCriterion], projectCount: Int, raterCount: Int) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if criteria.isEmpty { problems.append(FieldProblem("criterionIDs", .noCriteria)) }
        if criteria.reduce(0, { $0 + $1.weight }) <= 0 { problems.append(FieldProblem("weights", .weightsSumToZero)) }
        if projectCount == 0 { problems.append(FieldProblem("projectIDs", .noProjects)) }
        if criteria.contains(where: { $0.criterion.source == .rating }) && raterCount == 0 {
            problems.append(FieldProblem("raterIDs", .noRaters))
        }
        return problems
    }
}

/// Direct weighting: points per criterion as a person types them; the ranking normalizes them.
public enum DirectWeights {
    /// Checks the points: every criterion of the round needs a number that is not negative (`weights.<key>`),
    /// keys of other criteria are refused, and not all may be 0 (`weights`). Returns the points per key.
    public static func validated(_ points: [String: String], criterionKeys: [String]) throws -> [String: Double] {
        var check = Validator()
        var values: [String: Double] = [:]
        for key in criterionKeys {
            values[key] = check.nonNegativeDecimal("weights.\(key)", points[key], required: true)
        }
        for key in points.keys.sorted() where !criterionKeys.contains(key) { check.add("weights.\(key)", .unknownReference) }
        try check.finish()
        if values.values.reduce(0, +) <= 0 { throw ValidationFailure([FieldProblem("weights", .weightsSumToZero)]) }
        return values
    }
}

extension WeightedCriterion {
    /// Each criterion's share of the total weight (0…1, summing to 1), as a ranking version records them;
    /// all 0 when the weights sum to 0.
    public static func shares(_ criteria: [WeightedCriterion]) -> [String: Double] {
        let sum = criteria.reduce(0) { $0 + $1.weight }
        return Dictionary(criteria.map { ($0.criterion.key, sum > 0 ? $0.weight / sum : 0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Who may be chosen as a round's rater.
public enum RaterEligibility {
    /// A member above a plain reader (an unknown stored role counts as reader) whose account is not disabled.
    public static func isEligible(role: MunicipalRole?, disabled: Bool) -> Bool {
        (role ?? .reader) >= .rater && !disabled
    }
}
