import Foundation

/// Lifecycle of a prioritization round: set up (draft), raters at work (rating), closed (never changes silently).
public enum RoundStatus: String, Codable, CaseIterable, Sendable {
    case draft, rating, closed
}

/// How weights were set: points per criterion, or pairwise comparisons (AHP).
public enum WeightingMethod: String, Codable, CaseIterable, Sendable {
    case direct, ahp
}

/// Who may see everybody's scores and the ranking of a round, and when: raters do not see others' scores before
/// they hand in their own (no anchoring), not even when they also run the round.
public enum ResultsVisibility {
    /// - Parameters:
    ///   - raterSubmitted: nil when the person is not a rater of the round; otherwise whether they handed in.
    ///   - canRead / canManage: the person's permissions in the municipality (reading; running prioritization).
    /// A closed round's results are open to every reader. While it runs, the team sees them, and a rater once
    /// they have handed in.
    public static func maySee(_ status: RoundStatus, raterSubmitted: Bool?, canRead: Bool, canManage: Bool) -> Bool {
        if status == .closed { return canRead }
        if raterSubmitted == false { return false }
        return canManage || raterSubmitted == true
    }
}

extension AHPResult {
    /// The weights as points summing to 100 (to one decimal), the way a round stores weights adopted from AHP.
    public var points: [Double] { weights.map { ($0 * 1000).rounded() / 10 } }
}
