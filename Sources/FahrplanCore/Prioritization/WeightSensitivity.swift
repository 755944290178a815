import Foundation

/// The interval of one criterion's normalized weight within which the top-N set stays the same, the other
/// weights keeping their proportions (they share 1 − weight).
public struct WeightRange: Sendable, Equatable {
    public var key: String
    public var current: Double
    public var lower: Double
    public var upper: Double

    public init(key: String, current: Double, lower: Double, upper: Double) {
        self.key = key
        self.current = current
        self.lower = lower
        self.upper = upper
    }
}

/// Exact, not sampled. Let t be criterion j's normalized weight and the others (1 − t)·r_k with r their current
/// proportions (equal shares if they are all 0). A project's total is then
///     f(t) = (t·s_j + (1 − t)·A) / (t·π_j + (1 − t)·B)
/// (s: shares of best, π: 1 if present, A = Σ r_k s_k and B = Σ r_k π_k over the other present criteria) —
/// linear in t when nothing is missing (the denominator is 1), linear-fractional otherwise, monotone in both
/// cases. Tiers do not depend on weights, so only the tier holding the N-th place ("boundary tier") matters: the
/// set changes exactly when some project outside the set (in that tier) passes one inside. Whether a stands
/// above b depends only on the totals of a, b and the projects that need them (their anchors, see
/// PreparedRanking), so their relative order can only change where two of those totals cross. For each such pair
/// the crossings are the roots of f_x·Q_y − f_y·Q_x, a quadratic; we walk the intervals between the roots
/// outward from the current weight, test the pair in the middle of each, and the first interval where b leads
/// marks the boundary. The bound is the nearest such point over all pairs (1 or 0 when there is none). Pairs
/// whose totals cannot meet over the interval (monotone, so the end points bound them) are skipped.
///
/// Cost: pairs between the set and the rest of the boundary tier that can meet at all — for a top 10 out of
/// 1,000 projects about 10,000 quadratic solves per criterion at most. A tangential touch without crossing is not
/// reported (it changes the order at a single point only).
public enum WeightSensitivity {
    /// For each criterion (in input order) the range of its normalized weight within which the top-N set does
    /// not change. A criterion whose weight can go anywhere gets 0…1; N ≥ the number of projects too.
    public static func ranges(_ criteria: [WeightedCriterion], _ projects: [RankingProject], rules: RankingRules = .init(),
                              topN: Int) throws -> [WeightRange] {
        let prepared = try PreparedRanking(criteria, projects, rules: rules)
        guard topN >= 1 else { throw ValidationFailure([FieldProblem("topN", .outOfRange(min: 1, max: max(1, projects.count)))]) }
        let full = prepared.keys.indices.map { WeightRange(key: prepared.keys[$0], current: prepared.weights[$0], lower: 0, upper: 1) }
        guard topN < prepared.count else { return full }

        let (order, _) = prepared.order(totals: prepared.totals(weights: prepared.weights))
        let boundaryTier = prepared.tiers[order[topN - 1]]
        let inBetterTiers = order.prefix { prepared.tiers[$0] < boundaryTier }.count
        let tier = order.filter { prepared.tiers[$0] == boundaryTier }
        let insideCount = topN - inBetterTiers
        guard insideCount < tier.count else { return full }

        var analysis = BoundaryAnalysis(prepared: prepared, inside: Array(tier[..<insideCount]), outside: Array(tier[insideCount...]))
        return prepared.keys.indices.map { j in
            let current = prepared.weights[j]
            analysis.useCriterion(j)
            return WeightRange(key: prepared.keys[j], current: current,
                               lower: analysis.boundary(from: current, toward: 0),
                               upper: analysis.boundary(from: current, toward: 1))
        }
    }
}

/// A project's total as a function of one criterion's weight t: (n0 + t·(n1 − n0)) / (q0 + t·(q1 − q0)).
struct WeightLine {
    var n0, n1, q0, q1: Double

    @inline(__always)
    func value(_ t: Double) -> Double {
        let q = q0 + t * (q1 - q0)
        return q > 0 ? (n0 + t * (n1 - n0)) / q : 0
    }

    /// The value at t, or its limit from inside (0, 1) at the ends (where a denominator may vanish).
    func inside(_ t: Double) -> Double {
        if t <= 0 { return q0 > 0 ? n0 / q0 : (q1 > 0 ? n1 / q1 : 0) }
        if t >= 1 { return q1 > 0 ? n1 / q1 : (q0 > 0 ? n0 / q0 : 0) }
        return value(t)
    }

    /// Where the two totals are equal, strictly between `low` and `high`.
    static func crossings(_ x: WeightLine, _ y: WeightLine, between low: Double, and high: Double) -> [Double] {
        let dnx = x.n1 - x.n0, dqx = x.q1 - x.q0, dny = y.n1 - y.n0, dqy = y.q1 - y.q0
        let c0 = x.n0 * y.q0 - y.n0 * x.q0
        let c1 = x.n0 * dqy + dnx * y.q0 - y.n0 * dqx - dny * x.q0
        let c2 = dnx * dqy - dny * dqx
        let scale = max(abs(c0), abs(c1), abs(c2))
        guard scale > 0 else { return [] }   // the same function: never crosses
        var roots: [Double] = []
        if abs(c2) <= 1e-12 * scale {
            if abs(c1) > 1e-12 * scale { roots.append(-c0 / c1) }
        } else {
            let discriminant = c1 * c1 - 4 * c2 * c0
            guard discriminant > 0 else { return [] }   // no real root, or a tangential touch
            let q = -0.5 * (c1 + (c1 < 0 ? -1 : 1) * discriminant.squareRoot())
            roots.append(q / c2)
            if q != 0 { roots.append(c0 / q) }
        }
        return roots.filter { $0 > low && $0 < high }
    }
}

/// The boundary tier split into the set and the rest, with each project's dependents closure (for anchors).
struct BoundaryAnalysis {
    let prepared: PreparedRanking
    let inside: [Int]
    let outside: [Int]
    /// The project and the projects of its tier that need it (its anchor is the best of them).
    var closure: [Int: [Int]] = [:]
    var lines: [Int: WeightLine] = [:]

    init(prepared: PreparedRanking, inside: [Int], outside: [Int]) {
        self.prepared = prepared
        self.inside = inside
        self.outside = outside
        for p in inside + outside {
            closure[p] = prepared.precedence.hasEdges ? prepared.precedence.dependentsClosure(of: p) : [p]
        }
    }

    /// Prepares the total lines for criterion j.
    mutating func useCriterion(_ j: Int) {
        let width = prepared.width, weights = prepared.weights
        let rest = 1 - weights[j]
        lines.removeAll(keepingCapacity: true)
        for p in closure.keys {
            let row = p * width
            var a = 0.0, b = 0.0
            for k in 0..<width where k != j {
                let proportion = rest > 0 ? weights[k] / rest : 1 / Double(width - 1)
                a += proportion * prepared.shares[row + k]
                b += proportion * prepared.presence[row + k]
            }
            let present = prepared.presence[row + j]
            var line = WeightLine(n0: a, n1: present * prepared.shares[row + j], q0: b, q1: present)
            if line.q0 == 0 && line.q1 == 0 { line = WeightLine(n0: 0, n1: 0, q0: 1, q1: 1) }  // nothing present: 0
            lines[p] = line
        }
    }

    /// The nearest weight from `start` toward `end` (0 or 1) at which the set changes; `end` when it does not.
    func boundary(from start: Double, toward end: Double) -> Double {
        guard start != end else { return end }
        // Bounds of each project's effective total over the interval: every total is monotone in t.
        func bounds(_ p: Int) -> (low: Double, high: Double) {
            var low = -Double.infinity, high = -Double.infinity
            for d in closure[p]! {
                let line = lines[d]!
                let u = line.inside(start), v = line.inside(end)
                low = max(low, min(u, v))
                high = max(high, max(u, v))
            }
            return (low, high)
        }
        let challengers = outside.map { ($0, bounds($0).high) }.sorted { $0.1 > $1.1 }
        var nearest = end
        for a in inside {
            let aLow = bounds(a).low
            for (b, bHigh) in challengers {
                guard bHigh >= aLow else { break }
                if let point = firstInversion(a, b, from: start, toward: nearest) {
                    nearest = point
                    if nearest == start { return start }
                }
            }
        }
        return nearest
    }

    /// The first point from `start` toward `end` after which b stands above a, nil if it never does.
    private func firstInversion(_ a: Int, _ b: Int, from start: Double, toward end: Double) -> Double? {
        var members = closure[a]!
        for d in closure[b]! where !members.contains(d) { members.append(d) }
        var roots: [Double] = []
        let low = min(start, end), high = max(start, end)
        for x in members.indices {
            for y in members.indices where y > x {
                roots += WeightLine.crossings(lines[members[x]]!, lines[members[y]]!, between: low, and: high)
            }
        }
        roots.sort { abs($0 - start) < abs($1 - start) }
        var points = [start]
        for root in roots where abs(root - points.last!) > 1e-13 { points.append(root) }
        points.append(end)
        for i in 0..<(points.count - 1) where points[i] != points[i + 1] {
            if !isAbove(a, b, at: (points[i] + points[i + 1]) / 2) { return points[i] }
        }
        return nil
    }

    /// Whether a stands above b (same tier) at weight t — the rule of PreparedRanking.order.
    private func isAbove(_ a: Int, _ b: Int, at t: Double) -> Bool {
        let codeRank = prepared.codeRank
        func anchor(_ p: Int) -> (total: Double, project: Int) {
            var best = (total: -Double.infinity, project: -1)
            for d in closure[p]! {
                let total = lines[d]!.value(t)
                if total > best.total || (total == best.total && codeRank[d] < codeRank[best.project]) { best = (total, d) }
            }
            return best
        }
        let x = anchor(a), y = anchor(b)
        if x.total != y.total { return x.total > y.total }
        if x.project != y.project { return codeRank[x.project] < codeRank[y.project] }
        return prepared.precedence.topologicalIndex[a] < prepared.precedence.topologicalIndex[b]
    }
}
