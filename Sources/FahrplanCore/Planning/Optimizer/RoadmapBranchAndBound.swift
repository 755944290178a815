import Foundation

/// Depth-first branch-and-bound that proves optimality (or finds better schedules) on small problems.
///
/// Projects are decided one by one in a dependency-respecting order (predecessors first, higher value first
/// among the ready ones): a start in its window that fits beside the projects fixed so far, or out. Every node
/// is bounded by the Lagrangian (`RoadmapLagrangian.evaluate`) with the root's prices, windows narrowed to the
/// starts that still fit; at every node subgradient steps re-tune the prices, warm-started from the parent's
/// (30 steps at depths 1–2, `nodeIterations` below). The branch the Lagrangian itself picks is tried first.
struct RoadmapBranchAndBound {
    let model: RoadmapModel
    let work: RoadmapWork
    var lagrangian: RoadmapLagrangian
    let prices: [Double]
    let order: [Int]
    let gapTolerance: Double
    private(set) var incumbent: RoadmapPlacement
    private(set) var nodes = 0
    /// True when the search ended because of the work or time limit (then nothing is proven).
    private(set) var aborted = false
    /// Subgradient steps at every node below depth 2 (30 at depths 1–2), warm-started from the parent's prices.
    /// The capacity prices that fit the root are far from those of a node with a dozen projects fixed: with the
    /// root's prices only, the bound stayed near the root LP (364.7 vs the optimum 206.5 on small-01) and 1M nodes
    /// did not close; re-tuned with 8 steps, small-01 closes in ~2,000 nodes, small-02 in ~6,000.
    static let nodeIterations = 8
    /// Share of the work limit at which this run gives up.
    private var stopShare = 1.0

    init(model: RoadmapModel, work: RoadmapWork, prices: [Double], incumbent: RoadmapPlacement, gapTolerance: Double) {
        self.model = model
        self.work = work
        self.lagrangian = RoadmapLagrangian(model: model)
        self.prices = prices
        self.incumbent = incumbent
        self.gapTolerance = gapTolerance
        var remaining = model.predecessors.map(\.count)
        var ready = (0..<model.projectCount).filter { remaining[$0] == 0 }
        var order: [Int] = []
        let better = { (a: Int, b: Int) -> Bool in
            model.mandatory[a] != model.mandatory[b] ? model.mandatory[a] : (model.value[a] != model.value[b] ? model.value[a] > model.value[b] : a < b)
        }
        while !ready.isEmpty {
            ready.sort(by: better)
            let i = ready.removeFirst()
            order.append(i)
            for k in model.successors[i] {
                remaining[k] -= 1
                if remaining[k] == 0 { ready.append(k) }
            }
        }
        self.order = order
    }

    /// Runs the search; `onImprove` hears of every better schedule.
    mutating func run(untilShare share: Double = 1, onImprove: (RoadmapPlacement) -> Void) {
        stopShare = share
        aborted = false
        var restriction = lagrangian.rootRestriction()
        var placement = RoadmapPlacement(model)
        var choice = [Int](repeating: -1, count: model.projectCount)
        var nodePrices = prices
        search(depth: 0, restriction: &restriction, placement: &placement, choice: &choice, nodePrices: &nodePrices, onImprove: onImprove)
    }

    private func prunable(_ bound: Double) -> Bool {
        bound - incumbent.objective <= max(gapTolerance * abs(bound), 1e-9 * max(1, abs(bound)))
    }

    private mutating func search(depth: Int, restriction: inout RoadmapLagrangian.Restriction, placement: inout RoadmapPlacement,
                                 choice: inout [Int], nodePrices: inout [Double], onImprove: (RoadmapPlacement) -> Void) {
        if aborted { return }
        nodes += 1
        if work.reached(stopShare) { aborted = true; return }
        if depth == order.count {
            if placement.objective > incumbent.objective + 1e-12 {
                incumbent = placement
                onImprove(placement)
            }
            return
        }
        var bound: Double
        let iterations = depth == 0 ? 0 : (depth <= 2 ? 30 : Self.nodeIterations)
        if iterations > 0 {
            var tuned = nodePrices
            bound = lagrangian.optimize(prices: &tuned, target: incumbent.objective, iterations: iterations,
                                        restriction: restriction, fitsBeside: placement, work: work)
            choice = lagrangian.bestChoice
            nodePrices = tuned
        } else {
            bound = lagrangian.evaluate(prices: nodePrices, restriction: restriction, fitsBeside: placement, choice: &choice, work: work)
        }
        if prunable(bound) { return }
        let i = order[depth]
        let preferred = choice[i]
        var starts: [Int] = []
        if restriction.lower[i] <= restriction.upper[i] {
            var lower = restriction.lower[i]
            for j in model.predecessors[i] { lower = max(lower, placement.start[j] >= 0 ? placement.start[j] + model.duration[j] : Int.max / 2) }
            if lower <= restriction.upper[i] {
                for s in lower...restriction.upper[i] where placement.fits(i, at: s, in: model) { starts.append(s) }
            }
        }
        work.add(starts.count + 1)
        if let at = starts.firstIndex(of: preferred) { starts.swapAt(0, at) }
        var branches: [Int] = starts
        if !restriction.forced[i] {
            if preferred < 0 { branches.insert(-1, at: 0) } else { branches.append(-1) }
        }
        let saved = (restriction.lower[i], restriction.upper[i], restriction.forced[i], restriction.fixed[i])
        let savedSuccessors = model.successors[i].map { (restriction.lower[$0], restriction.upper[$0]) }
        let parentPrices = nodePrices
        for s in branches {
            if s >= 0 {
                restriction.lower[i] = s; restriction.upper[i] = s
                restriction.forced[i] = true; restriction.fixed[i] = true
                for k in model.successors[i] { restriction.lower[k] = max(restriction.lower[k], s + model.duration[i]) }
                placement.place(i, at: s, in: model)
            } else {
                restriction.lower[i] = 1; restriction.upper[i] = 0
                restriction.forced[i] = false; restriction.fixed[i] = true
                for k in model.successors[i] { restriction.upper[k] = -1 }
            }
            nodePrices = parentPrices
            search(depth: depth + 1, restriction: &restriction, placement: &placement, choice: &choice, nodePrices: &nodePrices, onImprove: onImprove)
            if s >= 0 { placement.remove(i, in: model) }
            (restriction.lower[i], restriction.upper[i], restriction.forced[i], restriction.fixed[i]) = saved
            for (k, old) in zip(model.successors[i], savedSuccessors) { (restriction.lower[k], restriction.upper[k]) = old }
            if aborted || prunable(bound) { return }
        }
    }
}
