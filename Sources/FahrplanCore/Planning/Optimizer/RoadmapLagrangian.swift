import Foundation

/// The upper bound: Lagrangian relaxation of the capacity rows of the time-indexed model.
///
/// With a price λ ≥ 0 on every (resource, period) cell, the capacity rows leave the constraints and what remains
/// splits into one small problem per precedence tree: each project either stays out or starts once in its
/// window, earning its reduced value `value·discount^s − Σ λ·use`. Precedence is kept exactly along one
/// predecessor per project (a dynamic program over the tree: a successor starts after its parent finished, and
/// only if the parent is in); further predecessors only narrow the start window. So the bound is at least as
/// strong as the LP relaxation's capacity part, and `L(λ) = Σ λ·capacity + Σ tree optima` is an upper bound for
/// every λ ≥ 0. Subgradient steps (Polyak, towards the best known objective) improve λ.
///
/// In the search, `restrict` narrows windows: fixed projects get one start and must be in, projects left out get
/// none, and an undecided project only keeps the starts that fit in what the fixed ones leave.
struct RoadmapLagrangian {
    let model: RoadmapModel
    /// parent[i]: the predecessor whose finish the tree enforces, -1 for a tree root.
    let parent: [Int]
    let children: [[Int]]
    /// Children before parents.
    let bottomUp: [Int]
    private(set) var best: [Double]
    private(set) var suffixBest: [Double]
    private(set) var suffixArg: [Int]
    /// The starts chosen under the best prices of the last `optimize` (-1 = out), so a caller needs no second
    /// evaluation to branch on them.
    private(set) var bestChoice: [Int] = []

    init(model: RoadmapModel) {
        self.model = model
        let parent = model.predecessors.map { $0.first ?? -1 }
        var children = Array(repeating: [Int](), count: model.projectCount)
        for (i, p) in parent.enumerated() where p >= 0 { children[p].append(i) }
        self.parent = parent
        self.children = children
        bottomUp = model.topologicalOrder.reversed()
        let cells = model.projectCount * (model.periodCount + 1)
        best = Array(repeating: -.infinity, count: cells)
        suffixBest = Array(repeating: -.infinity, count: cells)
        suffixArg = Array(repeating: -1, count: cells)
    }

    @inline(__always)
    static func reducedValue(_ i: Int, at s: Int, model: RoadmapModel, prices: [Double]) -> Double {
        var reduced = model.value[i] * model.discountPower[s]
        for e in model.entryStart[i]..<model.entryStart[i + 1] {
            reduced -= prices[model.entryRow[e] + s + model.entryOffset[e]] * model.entryAmount[e]
        }
        return reduced
    }

    /// Per-project limits of a search node: allowed start range, whether it must be in, and (for undecided
    /// projects) the placement of the fixed ones that their starts must fit beside.
    struct Restriction {
        var lower: [Int]
        var upper: [Int]
        var forced: [Bool]
        var fixed: [Bool]
    }

    func rootRestriction() -> Restriction {
        Restriction(lower: model.first, upper: model.last, forced: model.mandatory,
                    fixed: Array(repeating: false, count: model.projectCount))
    }

    /// L(λ) for the given prices and the chosen start per project (-1 = out); -∞ when a forced project has no
    /// start left (the node is infeasible).
    mutating func evaluate(prices: [Double], restriction: Restriction, fitsBeside placement: RoadmapPlacement?,
                           choice: inout [Int], work: RoadmapWork) -> Double {
        let allowed = placement.map { allowedStarts(restriction: restriction, fitsBeside: $0) }
        return evaluate(prices: prices, restriction: restriction, allowed: allowed, choice: &choice, work: work)
    }

    /// Per project and period (index i * periodCount + s): whether the start fits beside the fixed placement.
    /// Computed once per node, as the subgradient steps of a node all see the same placement.
    func allowedStarts(restriction: Restriction, fitsBeside placement: RoadmapPlacement) -> [Bool] {
        let periods = model.periodCount
        var allowed = [Bool](repeating: false, count: model.projectCount * periods)
        for i in 0..<model.projectCount where restriction.lower[i] <= restriction.upper[i] {
            let lower = max(0, restriction.lower[i]), upper = min(periods - 1, restriction.upper[i])
            guard lower <= upper else { continue }
            for s in lower...upper { allowed[i * periods + s] = restriction.fixed[i] || placement.fits(i, at: s, in: model) }
        }
        return allowed
    }

    private mutating func evaluate(prices: [Double], restriction: Restriction, allowed: [Bool]?,
                                   choice: inout [Int], work: RoadmapWork) -> Double {
        let periods = model.periodCount
        let stride = periods + 1
        var units = 0
        for i in bottomUp {
            let base = i * stride
            let lower = restriction.lower[i], upper = restriction.upper[i]
            suffixBest[base + periods] = -.infinity
            suffixArg[base + periods] = -1
            var runningBest = -Double.infinity, runningArg = -1
            var s = periods - 1
            while s >= 0 {
                var value = -Double.infinity
                if s >= lower && s <= upper && (allowed?[i * periods + s] ?? true) {
                    value = RoadmapLagrangian.reducedValue(i, at: s, model: model, prices: prices)
                    // Calibrated against the heuristics' units: the node evaluation is the slower loop per entry.
                    units += 8 * (model.entryStart[i + 1] - model.entryStart[i] + 1)
                    let finish = s + model.duration[i]
                    for c in children[i] {
                        let childBest = finish < periods ? suffixBest[c * stride + finish] : -.infinity
                        value += restriction.forced[c] ? childBest : max(0, childBest)
                    }
                }
                best[base + s] = value
                if value > runningBest { runningBest = value; runningArg = s }
                suffixBest[base + s] = runningBest
                suffixArg[base + s] = runningArg
                s -= 1
            }
        }
        work.add(units)
        var total = 0.0
        for cell in 0..<prices.count { total += prices[cell] * model.capacity[cell] }
        for i in model.topologicalOrder {
            let p = parent[i]
            let from: Int
            if p < 0 {
                from = 0
            } else {
                guard choice[p] >= 0 else { choice[i] = -1; continue }
                from = min(choice[p] + model.duration[p], periods)
            }
            let candidate = suffixBest[i * stride + from]
            if restriction.forced[i] || candidate > 0 {
                choice[i] = suffixArg[i * stride + from]
                if p < 0 { total += candidate }
            } else {
                choice[i] = -1
            }
        }
        return total.isNaN ? -.infinity : total
    }

    /// Subgradient optimization from `prices`; returns the best bound and leaves the best prices in `prices`
    /// (and the starts chosen under them in `bestChoice`).
    mutating func optimize(prices: inout [Double], target: Double, iterations: Int, restriction: Restriction,
                           fitsBeside placement: RoadmapPlacement?, work: RoadmapWork,
                           onIterate: ((_ prices: [Double], _ iteration: Int) -> Double?)? = nil) -> Double {
        var target = target
        var choice = Array(repeating: -1, count: model.projectCount)
        var current = prices
        var bestBound = Double.infinity
        var step = 1.0
        var sinceImproved = 0
        var subgradient = [Double](repeating: 0, count: prices.count)
        let allowed = placement.map { allowedStarts(restriction: restriction, fitsBeside: $0) }
        for iteration in 0..<max(1, iterations) {
            let bound = evaluate(prices: current, restriction: restriction, allowed: allowed, choice: &choice, work: work)
            if bound < bestBound - 1e-12 {
                bestBound = bound
                prices = current
                bestChoice = choice
                sinceImproved = 0
            } else {
                sinceImproved += 1
                if sinceImproved >= 15 { step *= 0.5; sinceImproved = 0 }
            }
            if let better = onIterate?(current, iteration) { target = max(target, better) }
            if bound == -.infinity || bestBound <= target + 1e-9 * max(1, abs(target)) || step < 1e-5 || work.exhausted { break }
            for cell in 0..<subgradient.count { subgradient[cell] = model.capacity[cell] }
            for i in 0..<model.projectCount where choice[i] >= 0 {
                let s = choice[i]
                for e in model.entryStart[i]..<model.entryStart[i + 1] {
                    subgradient[model.entryRow[e] + s + model.entryOffset[e]] -= model.entryAmount[e]
                }
            }
            var norm = 0.0
            for cell in 0..<subgradient.count where current[cell] > 0 || subgradient[cell] < 0 {
                norm += subgradient[cell] * subgradient[cell]
            }
            guard norm > 1e-18 else { break }
            let length = step * max(bound - target, 1e-6 * max(1, abs(bound))) / norm
            for cell in 0..<current.count { current[cell] = max(0, current[cell] - length * subgradient[cell]) }
            work.add(subgradient.count + model.entryAmount.count)
        }
        return bestBound
    }
}
