import Foundation

/// A criterion of a round together with its weight. The weight is any number ≥ 0 (direct points, or an AHP
/// weight); the ranking divides by the sum, so only the proportions matter.
public struct WeightedCriterion: Sendable, Equatable {
    public var criterion: Criterion
    public var weight: Double

    public init(criterion: Criterion, weight: Double) {
        self.criterion = criterion
        self.weight = weight
    }
}

/// One project as the ranking sees it: its aggregated values per criterion and the facts behind the tier rules.
public struct RankingProject: Sendable, Equatable {
    /// Opaque identifier (the server passes UUID strings).
    public var id: String
    public var code: String
    public var title: String
    /// Criterion key → value on that criterion's scale (e.g. the raters' mean 2.6 on 0–4); absent = missing.
    /// Values outside the scale are clamped to it; NaN and infinity count as missing.
    public var values: [String: Double]
    /// A legal obligation with a deadline.
    public var legalDeadline: Bool
    /// Marked urgent (by a scenario or by hand).
    public var urgent: Bool
    /// Ids of projects that depend on this one: it must come before them. Unknown ids are ignored (the projects
    /// may be out of the round's scope), and so is the project's own id.
    public var prerequisiteOf: [String]

    public init(id: String, code: String, title: String = "", values: [String: Double] = [:],
                legalDeadline: Bool = false, urgent: Bool = false, prerequisiteOf: [String] = []) {
        self.id = id
        self.code = code
        self.title = title
        self.values = values
        self.legalDeadline = legalDeadline
        self.urgent = urgent
        self.prerequisiteOf = prerequisiteOf
    }
}

/// The knock-out and tier rules of a round, visible in the ranking.
public struct RankingRules: Sendable, Equatable, Codable {
    /// A legal obligation with a deadline comes before everything else.
    public var legalDeadlineFirst = true
    /// A prerequisite inherits the tier of the projects that need it (transitively) and, inside a tier, stands
    /// right before the best project that needs it. Off: projects are ordered by tier and total alone.
    public var inheritUrgency = true

    public init(legalDeadlineFirst: Bool = true, inheritUrgency: Bool = true) {
        self.legalDeadlineFirst = legalDeadlineFirst
        self.inheritUrgency = inheritUrgency
    }
}

/// Tiers come before points: every project of a better tier stands above every project of a worse one.
public enum RankingTier: Int, Sendable, Comparable, Codable, CaseIterable {
    case legalDeadline = 1
    case urgent = 2
    case regular = 3

    public static func < (lhs: RankingTier, rhs: RankingTier) -> Bool { lhs.rawValue < rhs.rawValue }

    public func label(english: Bool) -> String {
        switch self {
        case .legalDeadline: english ? "Legal deadline" : "Gesetzliche Frist"
        case .urgent: english ? "Urgent" : "Dringlich"
        case .regular: english ? "Regular" : "Regulär"
        }
    }
}

/// Why a project is in a tier better than `regular`.
public enum TierReason: Sendable, Equatable {
    case legalDeadline
    case markedUrgent
    /// A project with its own tier (`from`, a project id) needs this one, directly or through other projects.
    case inherited(from: String, tier: RankingTier)
}

/// One line of the ranking.
public struct RankedProject: Sendable, Equatable {
    public var id: String
    public var code: String
    public var title: String
    /// 1-based position.
    public var rank: Int
    /// 0…100 points.
    public var total: Double
    /// Criterion key → points; the sum is `total`. Criteria without a value have no entry.
    public var contributions: [String: Double]
    public var tier: RankingTier
    public var tierReason: TierReason?
    /// Criterion keys without a value, in the criteria's order; the total then uses the other criteria with their
    /// weights scaled up to sum 1 again.
    public var missing: [String]
    /// Why it stands above the next project; nil for the last one.
    public var explanation: RankExplanation?

    public init(id: String, code: String, title: String, rank: Int, total: Double, contributions: [String: Double],
                tier: RankingTier, tierReason: TierReason?, missing: [String], explanation: RankExplanation?) {
        self.id = id
        self.code = code
        self.title = title
        self.rank = rank
        self.total = total
        self.contributions = contributions
        self.tier = tier
        self.tierReason = tierReason
        self.missing = missing
        self.explanation = explanation
    }
}

/// A criterion's share in a difference of points between two projects (positive: the first gains).
public struct CriterionDelta: Sendable, Equatable {
    public var key: String
    public var points: Double

    public init(key: String, points: Double) {
        self.key = key
        self.points = points
    }
}
