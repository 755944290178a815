import Foundation

/// The anonymity promise: a group's results and free texts are shown only with at least `minimumGroupSize`
/// (k) responses. k is 5 by default and can only be raised ("configurable upward only").
public struct MaturityAnonymity: Sendable, Equatable {
    public static let defaultMinimumGroupSize = 5
    public static let maximumGroupSize = 1000
    public let minimumGroupSize: Int

    public init() { minimumGroupSize = Self.defaultMinimumGroupSize }

    /// Refuses a k below 5 (`outOfRange(min: 5, …)` on `minimumGroupSize`).
    public init(minimumGroupSize k: Int) throws(ValidationFailure) {
        guard (Self.defaultMinimumGroupSize...Self.maximumGroupSize).contains(k) else {
            throw ValidationFailure([FieldProblem("minimumGroupSize", .outOfRange(min: Self.defaultMinimumGroupSize,
                                                                                 max: Self.maximumGroupSize))])
        }
        minimumGroupSize = k
    }
}

/// Why a group's figures are withheld. No case carries the group's size: a count below k is itself a hint.
public enum MaturitySuppression: Equatable, Sendable {
    /// Fewer than k responses in the group.
    case tooFewResponses(minimum: Int)
    /// The group has enough responses, but showing it would let the responses of a smaller group be computed
    /// by difference (total minus the shown groups).
    case differenceProtection
}

/// Figures of a group, or why there are none. The only way to read numbers is the `shown` case.
public enum MaturityGroupOutcome: Sendable, Equatable {
    case shown(MaturityResults, freeTexts: [[String]])
    case suppressed(MaturitySuppression)

    public var results: MaturityResults? { if case .shown(let r, _) = self { return r }; return nil }
}

/// A breakdown of a round by one grouping question (department, leadership/staff), protected by k-anonymity
/// and difference protection.
///
/// The rule, applied to the total N and the groups g₁…gₘ with nᵢ responses each (responses that did not answer
/// the grouping question belong to no group):
/// 1. If N < k nothing is shown: the total and every group are suppressed (`tooFewResponses`).
/// 2. Every group with nᵢ < k is suppressed (`tooFewResponses`).
/// 3. The residual R = N − Σ nᵢ over the shown groups is what "total minus shown groups" reveals: the suppressed
///    groups and the non-answers together. If 0 < R < k, the smallest shown group (ties: the later one in option
///    order) is suppressed as well (`differenceProtection`), which adds its nᵢ ≥ k to R; repeated until R = 0 or
///    R ≥ k. R = 0 is safe: then no suppressed group has any response.
/// Example with k = 5: N = 20, departments A 10, B 6, C 4, no non-answers. C is suppressed (4 < 5); R = 4 < 5, so
/// B (the smallest shown) is suppressed too; R = 10 ≥ 5: only A and the total are shown.
/// Only one grouping question is broken down at a time (no cross tables), so every figure the results show is
/// either the total, a shown group, or a difference of those that covers at least k responses. Free texts follow
/// the same outcome as the group's figures.
public struct MaturityBreakdown: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var option: String
        public var outcome: MaturityGroupOutcome
    }

    public var groupingKey: String
    public var total: MaturityGroupOutcome
    public var groups: [Group]

    /// `options`: the groups to list, in display order (a department question's departments, a choice question's
    /// options; nil: the question's options). An unknown `groupingKey` gives a breakdown without groups.
    public static func compute(_ questionnaire: Questionnaire, responses: [MaturityResponse], groupingKey: String,
                               options: [String]? = nil, anonymity: MaturityAnonymity = MaturityAnonymity(),
                               invited: Int? = nil) -> MaturityBreakdown {
        let k = anonymity.minimumGroupSize
        let question = questionnaire.grouping.firstIndex { $0.key == groupingKey }
        let optionList = options ?? question.flatMap { questionnaire.grouping[$0].options } ?? []
        var members = [[Int]](repeating: [], count: optionList.count)
        if let question {
            var index: [String: Int] = [:]
            for (i, option) in optionList.enumerated() { index[option] = i }
            for (r, response) in responses.enumerated() where question < response.groups.count {
                if let option = response.groups[question], let i = index[option] { members[i].append(r) }
            }
        }
        let sizes = members.map(\.count)
        let shown = shownGroups(total: responses.count, sizes: sizes, k: k)
        func outcome(_ indices: [Int]?) -> MaturityGroupOutcome {
            let subset = indices.map { $0.map { responses[$0] } } ?? responses
            return .shown(MaturityResults.compute(questionnaire, responses: subset, invited: indices == nil ? invited : nil),
                          freeTexts: freeTexts(questionnaire, subset))
        }
        let total: MaturityGroupOutcome = responses.count >= k ? outcome(nil) : .suppressed(.tooFewResponses(minimum: k))
        let groups = optionList.indices.map { i -> Group in
            switch shown[i] {
            case .none: return Group(option: optionList[i], outcome: outcome(members[i]))
            case .some(let reason): return Group(option: optionList[i], outcome: .suppressed(reason))
            }
        }
        return MaturityBreakdown(groupingKey: groupingKey, total: total, groups: groups)
    }

    /// The rule above on sizes alone: nil for a group that may be shown, else why not. Public so that exports
    /// and pages decide the same way.
    public static func shownGroups(total: Int, sizes: [Int], k: Int) -> [MaturitySuppression?] {
        if total < k { return sizes.map { _ in .tooFewResponses(minimum: k) } }
        var result: [MaturitySuppression?] = sizes.map { $0 < k ? .tooFewResponses(minimum: k) : nil }
        var residual = total - zip(sizes, result).reduce(0) { $0 + ($1.1 == nil ? $1.0 : 0) }
        while residual > 0 && residual < k {
            var smallest: Int?
            for (i, size) in sizes.enumerated() where result[i] == nil {
                if smallest == nil || size <= sizes[smallest!] { smallest = i }
            }
            guard let victim = smallest else { break }
            result[victim] = .differenceProtection
            residual += sizes[victim]
        }
        return result
    }

    static func freeTexts<C: Collection>(_ questionnaire: Questionnaire, _ responses: C) -> [[String]] where C.Element == MaturityResponse {
        var texts = [[String]](repeating: [], count: questionnaire.freeText.count)
        for response in responses {
            for (q, text) in response.freeTexts.enumerated() where q < texts.count { if let text { texts[q].append(text) } }
        }
        return texts
    }
}
