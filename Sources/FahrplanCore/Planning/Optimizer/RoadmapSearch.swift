import Foundation

/// The phases of one solve, in order (see `RoadmapOptimizer` for why): greedy starts, Lagrangian bound with
/// the Lagrangian heuristic along the way, large-neighbourhood search, and branch-and-bound on small problems.
struct RoadmapSearch {
    struct Outcome {
        var placement: RoadmapPlacement
        var bound: Double
        var proven: Bool
        var nodes: Int
    }

    /// Problems up to this many schedulable projects get a branch-and-bound after the heuristics.
    static let branchAndBoundLimit = 60
    /// Share of the work limit (counted from the start) up to which the heuristics run on small problems when the
    /// first branch-and-bound did not finish; the second branch-and-bound gets the rest.
    static let heuristicShareBeforeSearch = 0.6
    /// Share of the work limit for the first branch-and-bound on small problems. With the bound re-tuned at
    /// every node it proves the 30-project references in a few thousand nodes (0.03–0.1 s), so it gets a
    /// large share and the heuristics only run when it cannot finish.
    static let firstSearchShare = 0.4
    /// Annealing temperature: this many average project values (of the first schedule) per unit of -log(u).
    static let temperatureShare = 1.0
    /// Annealing runs, each reheated from the best schedule so far.
    static let rounds = 4

    let model: RoadmapModel
    let work: RoadmapWork
    let options: RoadmapSolverOptions
    let start: RoadmapPlacement

    func run() -> Outcome {
        let greedy = RoadmapGreedy(model: model, work: work)
        var best = start
        let schedulable = (0..<model.projectCount).filter { model.isPossible($0) }

        // Plain greedy starts: by value, and by value per (scaled) resource use.
        let byValue = schedulable.sorted { model.value[$0] != model.value[$1] ? model.value[$0] > model.value[$1] : $0 < $1 }
        let density = schedulable.map { i -> Double in
            var use = 1e-9
            for e in model.entryStart[i]..<model.entryStart[i + 1] { use += model.entryAmount[e] }
            return model.value[i] * model.discountPower[model.first[i]] / use
        }
        let byDensity = zip(schedulable, density).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        for order in [byValue, byDensity] {
            var candidate = start
            greedy.fill(&candidate, order: order, prices: nil)
            if candidate.objective > best.objective + 1e-12 { best = candidate }
        }
        report(best, bound: nil, nodes: 0)

        // Lagrangian bound; every few steps its prices guide a greedy (the Lagrangian heuristic).
        var lagrangian = RoadmapLagrangian(model: model)
        var prices = [Double](repeating: 0, count: model.capacity.count)
        var bestPrices = prices
        var bestPricedObjective = -Double.infinity
        let iterations = model.projectCount <= Self.branchAndBoundLimit ? 600 : 300
        let bound = lagrangian.optimize(prices: &prices, target: best.objective, iterations: iterations,
                                        restriction: lagrangian.rootRestriction(), fitsBeside: nil, work: work) { current, iteration in
            guard iteration % 6 == 5 else { return nil }
            // Lagrangian heuristic: first what pays for its priced resources, then whatever still fits.
            var candidate = start
            let order = Self.pricedOrder(model: model, prices: current, among: schedulable)
            greedy.fill(&candidate, order: order, prices: current, minimumReduced: 0)
            greedy.fill(&candidate, order: order, prices: current)
            if candidate.objective > bestPricedObjective { bestPricedObjective = candidate.objective; bestPrices = current }
            if candidate.objective > best.objective + 1e-12 { best = candidate }
            return best.objective
        }
        if bestPricedObjective == -.infinity { bestPrices = prices }
        report(best, bound: bound, nodes: 0)
        if closeEnough(best.objective, bound) || work.exhausted {
            return Outcome(placement: best, bound: bound, proven: closeEnough(best.objective, bound), nodes: 0)
        }

        // Small problems: a short branch-and-bound first proves the easy ones at once.
        let small = schedulable.count <= Self.branchAndBoundLimit
        var nodes = 0
        if small {
            var tree = RoadmapBranchAndBound(model: model, work: work, prices: prices, incumbent: best, gapTolerance: options.gapTolerance)
            tree.run(untilShare: Self.firstSearchShare) { improved in report(improved, bound: bound, nodes: 0) }
            best = tree.incumbent
            nodes = tree.nodes
            if !tree.aborted { return Outcome(placement: best, bound: best.objective, proven: true, nodes: nodes) }
        }

        // Large-neighbourhood search from the best schedule, refilling in the order the best prices suggest.
        let share = small ? Self.heuristicShareBeforeSearch : 1.0
        let order = Self.pricedOrder(model: model, prices: bestPrices, among: schedulable)
        let mandatoryFirst = { (list: [Int]) in list.filter { model.mandatory[$0] } + list.filter { !model.mandatory[$0] } }
        let orders = [order, order, mandatoryFirst(byValue), mandatoryFirst(byDensity)]
        let temperature = Self.temperatureShare * best.objective / Double(max(1, schedulable.count))
        // Several annealing runs, each reheated from the best schedule so far with its own random sequence:
        // a long run plateaus, fresh runs from the best reach other optima.
        let rounds = Self.rounds
        let workAtStart = Double(work.done)
        let totalSpan = max(1, share * Double(work.limit) - workAtStart)
        for round in 0..<rounds {
            let roundStart = workAtStart + totalSpan * Double(round) / Double(rounds)
            let roundEnd = workAtStart + totalSpan * Double(round + 1) / Double(rounds)
            var neighbourhood = RoadmapNeighbourhood(model: model, work: work, seed: 0x5EED_F00D ^ UInt64(model.projectCount) ^ (UInt64(round) << 32))
            var current = best
            neighbourhood.improve(&current, orders: orders, prices: bestPrices, temperature: temperature,
                                  progress: { min(1, (Double(work.done) - roundStart) / max(1, roundEnd - roundStart)) },
                                  stop: { work.exhausted || Double(work.done) >= roundEnd || closeEnough(best.objective, bound) }) { improved in
                if improved.objective > best.objective + 1e-9 {
                    best = improved
                    report(improved, bound: bound, nodes: 0)
                }
            }
            if work.exhausted || closeEnough(best.objective, bound) { break }
        }
        guard small, !work.exhausted, !closeEnough(best.objective, bound) else {
            return Outcome(placement: best, bound: bound, proven: closeEnough(best.objective, bound), nodes: nodes)
        }

        var tree = RoadmapBranchAndBound(model: model, work: work, prices: prices, incumbent: best, gapTolerance: options.gapTolerance)
        tree.run { improved in report(improved, bound: bound, nodes: 0) }
        best = tree.incumbent
        return Outcome(placement: best, bound: tree.aborted ? bound : best.objective, proven: !tree.aborted, nodes: nodes + tree.nodes)
    }

    private func closeEnough(_ objective: Double, _ bound: Double) -> Bool {
        bound - objective <= options.gapTolerance * max(abs(bound), 1e-12)
    }

    private func report(_ placement: RoadmapPlacement, bound: Double?, nodes: Int) {
        options.progress?(RoadmapProgress(objective: placement.objective, bound: bound, nodes: nodes, fractionDone: work.fraction))
    }

    /// Projects by their best reduced value under the prices (ties: higher value, then index).
    static func pricedOrder(model: RoadmapModel, prices: [Double], among projects: [Int]) -> [Int] {
        let score = projects.map { i -> Double in
            var best = -Double.infinity
            for s in model.first[i]...model.last[i] {
                best = max(best, RoadmapLagrangian.reducedValue(i, at: s, model: model, prices: prices))
            }
            return model.mandatory[i] ? .infinity : best
        }
        return zip(projects, score).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }
}
