import Foundation

/// The ranking's input, checked once and laid out for arithmetic. Ranking, WeightSensitivity and
/// MonteCarloSensitivity all start from it, so the three order projects by exactly the same rules.
///
/// The order inside a tier: each project gets an *effective key* — the best (total, code) among itself and every
/// project of the same tier that needs it, directly or transitively — and the projects are sorted by
/// (tier, effective total desc, code of the project that gave it, static topological position). A prerequisite
/// therefore stands right before the best project that needs it, never after it, and without dependencies the
/// order is plainly tier → total desc → code. Only totals enter the key, so the order is a pure function of the
/// totals: the sensitivity analyses can reason about it pair by pair.
struct PreparedRanking: Sendable {
    let keys: [String]
    let criteria: [Criterion]
    /// Normalized: sum 1.
    let weights: [Double]
    let projects: [RankingProject]
    var count: Int { projects.count }
    var width: Int { keys.count }
    /// Row-major `project * width + criterion`: the value as a share of best (0…1), 0 where missing.
    let shares: [Double]
    /// Row-major like `shares`: 1 where a value is present, 0 where it is missing.
    let presence: [Double]
    let isComplete: [Bool]
    let tiers: [RankingTier]
    let tierReasons: [TierReason?]
    /// Position of each project in (code, id) order: the final tie-break.
    let codeRank: [Int32]
    let precedence: Precedence

    init(_ criteria: [WeightedCriterion], _ projects: [RankingProject], rules: RankingRules) throws {
        self.keys = criteria.map(\.criterion.key)
        self.criteria = criteria.map(\.criterion)
        self.weights = try Self.normalizedWeights(criteria)
        var seen = Set<String>()
        if projects.contains(where: { !seen.insert($0.id).inserted }) {
            throw ValidationFailure([FieldProblem("projects", .duplicate)])
        }
        self.projects = projects

        let width = criteria.count
        let scales = self.criteria.map(ScaleNormalizer.init)
        let keys = self.keys
        var shares = [Double](repeating: 0, count: projects.count * width)
        var presence = [Double](repeating: 0, count: projects.count * width)
        var isComplete = [Bool](repeating: true, count: projects.count)
        // Indices rather than `for project in projects`: copying each project would retain all its fields.
        for p in projects.indices {
            for k in 0..<width {
                if let value = projects[p].values[keys[k]], value.isFinite {
                    shares[p * width + k] = scales[k].share(value)
                    presence[p * width + k] = 1
                } else {
                    isComplete[p] = false
                }
            }
        }
        self.shares = shares
        self.presence = presence
        self.isComplete = isComplete

        let order = projects.indices.sorted { a, b in
            projects[a].code != projects[b].code ? projects[a].code < projects[b].code : projects[a].id < projects[b].id
        }
        var codeRank = [Int32](repeating: 0, count: projects.count)
        for (position, p) in order.enumerated() { codeRank[p] = Int32(position) }
        self.codeRank = codeRank

        let graph = TierAssignment(projects, rules: rules, codeRank: codeRank)
        self.tiers = graph.tiers
        self.tierReasons = graph.reasons
        self.precedence = Precedence(edges: graph.inTierEdges, codeRank: codeRank)
    }

    /// Weights divided by their sum; refuses what cannot be normalized.
    static func normalizedWeights(_ criteria: [WeightedCriterion]) throws -> [Double] {
        guard !criteria.isEmpty else { throw ValidationFailure([FieldProblem("criteria", .noCriteria)]) }
        var problems: [FieldProblem] = []
        var keys = Set<String>()
        for entry in criteria {
            if !keys.insert(entry.criterion.key).inserted { problems.append(FieldProblem("criteria", .duplicate)) }
            if entry.criterion.maximum <= entry.criterion.minimum { problems.append(FieldProblem("criteria", .scaleTooShort)) }
            if !entry.weight.isFinite { problems.append(FieldProblem("weights", .notANumber)) }
            else if entry.weight < 0 { problems.append(FieldProblem("weights", .negative)) }
        }
        if problems.isEmpty {
            let sum = criteria.reduce(0) { $0 + $1.weight }
            if !(sum > 0) { problems.append(FieldProblem("weights", .weightsSumToZero)) }
        }
        guard problems.isEmpty else {
            var unique: [FieldProblem] = []
            for problem in problems where !unique.contains(problem) { unique.append(problem) }
            throw ValidationFailure(unique)
        }
        let sum = criteria.reduce(0) { $0 + $1.weight }
        return criteria.map { $0.weight / sum }
    }

    /// Totals as shares of 100 points (0…1) for the given normalized weights: the weighted mean of the present
    /// values, the weights of missing criteria left out and the rest scaled up. No present weight: 0.
    func totals(weights: [Double]) -> [Double] {
        let weightSum = weights.reduce(0, +)
        var totals = [Double](repeating: 0, count: count)
        for p in 0..<count {
            totals[p] = total(of: p, weights: weights, weightSum: weightSum)
        }
        return totals
    }

    @inline(__always)
    func total(of p: Int, weights: [Double], weightSum: Double) -> Double {
        let row = p * width
        var sum = 0.0
        for k in 0..<width { sum += weights[k] * shares[row + k] }
        if isComplete[p] { return weightSum > 0 ? sum / weightSum : 0 }
        var present = 0.0
        for k in 0..<width { present += weights[k] * presence[row + k] }
        return present > 0 ? sum / present : 0
    }

    /// The ranking order (project indices, best first) for the given totals, and for every project the project
    /// whose total it stands with (itself, or the best project of its tier that needs it).
    func order(totals raw: [Double]) -> (order: [Int], anchor: [Int]) {
        let totals = raw.map(Ranking.snapped)
        let (effective, anchor) = precedence.effectiveKeys(totals: totals, codeRank: codeRank)
        let order = (0..<count).sorted { a, b in
            if tiers[a] != tiers[b] { return tiers[a] < tiers[b] }
            if effective[a] != effective[b] { return effective[a] > effective[b] }
            if anchor[a] != anchor[b] { return codeRank[anchor[a]] < codeRank[anchor[b]] }
            return precedence.topologicalIndex[a] < precedence.topologicalIndex[b]
        }
        return (order, anchor)
    }
}

/// Tiers from the rules: own tier (legal deadline, marked urgent), then inheritance along the dependencies.
struct TierAssignment {
    var tiers: [RankingTier]
    var reasons: [TierReason?]
    /// Prerequisite → dependent, both in the same tier (only with `inheritUrgency`), without duplicates or loops.
    var inTierEdges: [[Int]]

    init(_ projects: [RankingProject], rules: RankingRules, codeRank: [Int32]) {
        let count = projects.count
        tiers = projects.indices.map { p in
            if projects[p].legalDeadline && rules.legalDeadlineFirst { return .legalDeadline }
            return projects[p].urgent ? .urgent : .regular
        }
        reasons = tiers.map { tier in
            switch tier {
            case .legalDeadline: .legalDeadline
            case .urgent: .markedUrgent
            case .regular: nil
            }
        }
        inTierEdges = Array(repeating: [], count: count)
        guard rules.inheritUrgency else { return }

        guard projects.contains(where: { !$0.prerequisiteOf.isEmpty }) else { return }
        var index: [String: Int] = [:]
        index.reserveCapacity(count)
        for p in projects.indices { index[projects[p].id] = p }
        var dependents = [[Int]](repeating: [], count: count)
        var prerequisites = [[Int]](repeating: [], count: count)
        for p in projects.indices {
            for id in projects[p].prerequisiteOf {
                guard let d = index[id], d != p, !dependents[p].contains(d) else { continue }
                dependents[p].append(d)
                prerequisites[d].append(p)
            }
        }
        for p in 0..<count {
            dependents[p].sort { codeRank[$0] < codeRank[$1] }
            prerequisites[p].sort { codeRank[$0] < codeRank[$1] }
        }

        // Breadth-first from the projects with their own tier, best tier first and sources in code order: each
        // prerequisite inherits from the nearest such project. `visited` makes cycles harmless.
        for tier in [RankingTier.legalDeadline, .urgent] {
            let sources = (0..<count).filter { tiers[$0] == tier && reasons[$0].map(Self.isOwn) == true }
                .sorted { codeRank[$0] < codeRank[$1] }
            var origin = [Int](repeating: -1, count: count)
            var queue: [Int] = []
            for source in sources { origin[source] = source; queue.append(source) }
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for prerequisite in prerequisites[node] where origin[prerequisite] < 0 {
                    origin[prerequisite] = origin[node]
                    queue.append(prerequisite)
                    if tier < tiers[prerequisite] {
                        tiers[prerequisite] = tier
                        reasons[prerequisite] = .inherited(from: projects[origin[node]].id, tier: tier)
                    }
                }
            }
        }
        for p in 0..<count {
            inTierEdges[p] = dependents[p].filter { tiers[$0] == tiers[p] }
        }
    }

    private static func isOwn(_ reason: TierReason) -> Bool {
        if case .inherited = reason { return false }
        return true
    }
}

/// `Criterion.normalized` with the scale's bounds computed once: the hot loops call it for every value, and
/// `Criterion.minimum`/`maximum` go through the levels each time. Tested to agree with `normalized`.
struct ScaleNormalizer: Sendable {
    let minimum: Double
    let span: Double
    let lowerIsBetter: Bool

    init(_ criterion: Criterion) {
        var low = Int.max, high = Int.min
        for level in criterion.levels {
            low = Swift.min(low, level.value)
            high = Swift.max(high, level.value)
        }
        if criterion.levels.isEmpty { low = 0; high = 0 }
        minimum = Double(low)
        span = Double(high - low)
        lowerIsBetter = criterion.direction == .lowerIsBetter
    }

    @inline(__always)
    func share(_ value: Double) -> Double {
        guard span > 0 else { return 0 }
        let share = Swift.min(1, Swift.max(0, (value - minimum) / span))
        return lowerIsBetter ? 1 - share : share
    }
}
