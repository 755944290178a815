import Foundation

/// The ranking of a round: weighted sum of the values (each as a share of its scale's best), in points 0–100,
/// ordered by tier, then total, then code; with the contribution of every criterion and, for every project, the
/// reason it stands above the next one.
///
/// Worked example (also in `RankingTests.handComputed`): criteria benefit (0–4, weight 3), risk (0–4, lower is
/// better, weight 1) → normalized weights 0.75 and 0.25.
///   A: benefit 4, risk 2 → 0.75·1.0 + 0.25·0.5 = 0.875 → 87.5 points (75.0 + 12.5)
///   B: benefit 3, risk 0 → 0.75·0.75 + 0.25·1.0 = 0.8125 → 81.25 points (56.25 + 25.0)
///   C: benefit 2, risk missing → only benefit counts, its weight scaled up to 1 → 0.5 → 50 points, missing [risk]
/// Order A, B, C; A is ahead of B by 6.25 points through benefit (+18.75) while B is better on risk (−12.5).
public enum Ranking {
    /// Differences below this (in points) do not explain anything: they would print as 0.0.
    static let visibleDifference = 0.05
    /// Totals closer than this (share of 100 points) are "the same" in explanations; arithmetic noise of weights
    /// like 1/3 must not produce a "+0.0 points" sentence.
    static let tieTolerance = 1e-9

    /// A total on the grid of `tieTolerance`: totals that are equal in exact arithmetic (weights 8:3:3, values
    /// (2,3,1) and (2,2,2) are both exactly 1/2) can differ in the last bits of floating point
    /// (0.49999999999999994 and 0.5). Ordering and explanations both read snapped totals, so such a tie is a tie
    /// everywhere — decided by the code, as the explanation says — and never by rounding noise.
    static func snapped(_ total: Double) -> Double {
        (total / tieTolerance).rounded() * tieTolerance
    }

    /// Throws ValidationFailure for no criteria (`noCriteria`), weights that are negative, not numbers or sum to 0
    /// (`weightsSumToZero`), duplicate criterion keys or project ids, a scale without span. No projects: [].
    public static func rank(_ criteria: [WeightedCriterion], _ projects: [RankingProject],
                            rules: RankingRules = .init()) throws -> [RankedProject] {
        let prepared = try PreparedRanking(criteria, projects, rules: rules)
        guard prepared.count > 0 else { return [] }
        let exactTotals = prepared.totals(weights: prepared.weights)
        let totals = exactTotals.map(snapped)
        let (order, anchor) = prepared.order(totals: totals)
        let points = prepared.contributionPoints()
        let width = prepared.width

        var ranked: [RankedProject] = []
        ranked.reserveCapacity(order.count)
        for (position, p) in order.enumerated() {
            var explanation: RankExplanation?
            if position + 1 < order.count {
                explanation = prepared.explain(p, above: order[position + 1], totals: totals, anchor: anchor, points: points)
            }
            var contributions: [String: Double] = [:]
            contributions.reserveCapacity(width)
            var missing: [String] = []
            for k in 0..<width {
                if prepared.presence[p * width + k] == 1 { contributions[prepared.keys[k]] = points[p * width + k] }
                else { missing.append(prepared.keys[k]) }
            }
            ranked.append(RankedProject(
                id: prepared.projects[p].id, code: prepared.projects[p].code, title: prepared.projects[p].title,
                rank: position + 1, total: exactTotals[p] * 100, contributions: contributions, tier: prepared.tiers[p],
                tierReason: prepared.tierReasons[p], missing: missing, explanation: explanation))
        }
        return ranked
    }
}

extension PreparedRanking {
    /// Points per criterion at the round's weights, row-major like `shares` (0 where missing); a project's points
    /// add up to its total.
    func contributionPoints() -> [Double] {
        var points = [Double](repeating: 0, count: count * width)
        for p in 0..<count {
            let row = p * width
            var present = 0.0
            for k in 0..<width { present += weights[k] * presence[row + k] }
            guard present > 0 else { continue }
            for k in 0..<width { points[row + k] = 100 * weights[k] * shares[row + k] / present }
        }
        return points
    }

    func explain(_ p: Int, above next: Int, totals: [Double], anchor: [Int], points: [Double]) -> RankExplanation {
        if tiers[p] != tiers[next] {
            // A better tier always has a reason: only `regular` has none, and it is the last tier.
            return .higherTier(tierReasons[p] ?? .markedUrgent, over: tiers[next])
        }
        let margin = totals[p] - totals[next]
        // Totals are snapped (`Ranking.snapped`): a difference is 0 or at least one step of the grid.
        if anchor[p] != p && margin < Ranking.tieTolerance / 2 { return .prerequisite(of: projects[anchor[p]].id) }
        if abs(margin) < Ranking.tieTolerance / 2 { return .tie }
        var drivers: [CriterionDelta] = [], offsets: [CriterionDelta] = []
        for k in 0..<width {
            let delta = points[p * width + k] - points[next * width + k]
            if delta >= Ranking.visibleDifference { drivers.append(CriterionDelta(key: keys[k], points: delta)) }
            if delta <= -Ranking.visibleDifference { offsets.append(CriterionDelta(key: keys[k], points: delta)) }
        }
        drivers.sort { $0.points > $1.points }
        offsets.sort { $0.points < $1.points }
        return .higherScore(margin: margin * 100, drivers: Array(drivers.prefix(3)), offsets: Array(offsets.prefix(3)))
    }
}
