import Foundation

/// Places the mandatory projects (and, through presolve, their predecessors) before anything else: a
/// depth-first search over their starts, earliest first, so the first answer keeps their value high. When no
/// placement exists it names the mandatory projects and the resource and period that blocked most often.
struct RoadmapMandatoryPlacement {
    enum Outcome {
        case placed(RoadmapPlacement)
        /// No placement exists (search exhausted), or none was found within the work limit.
        case impossible(blocker: (resourceRow: Int, period: Int)?, exhausted: Bool)
    }

    let model: RoadmapModel
    let work: RoadmapWork

    func run() -> Outcome {
        let order = model.topologicalOrder.filter { model.mandatory[$0] }
        var placement = RoadmapPlacement(model)
        var blocked = [Int](repeating: 0, count: model.resourceCount * model.periodCount)
        var steps = 0
        var gaveUp = false

        func place(_ position: Int) -> Bool {
            if position == order.count { return true }
            steps += 1
            work.add(8)
            if steps > 200_000 || work.exhausted { gaveUp = true; return false }
            let i = order[position]
            guard let window = placement.precedenceWindow(i, in: model) else { return false }
            for s in window {
                if placement.fits(i, at: s, in: model) {
                    placement.place(i, at: s, in: model)
                    if place(position + 1) { return true }
                    placement.remove(i, in: model)
                    if gaveUp { return false }
                } else {
                    countBlocking(i, at: s, placement: placement, into: &blocked)
                }
            }
            return false
        }

        if place(0) { return .placed(placement) }
        let worst = blocked.indices.max { blocked[$0] < blocked[$1] }
        let blocker = worst.flatMap { blocked[$0] > 0 ? (resourceRow: $0 / max(model.periodCount, 1), period: $0 % max(model.periodCount, 1)) : nil }
        return .impossible(blocker: blocker, exhausted: !gaveUp)
    }

    private func countBlocking(_ i: Int, at s: Int, placement: RoadmapPlacement, into blocked: inout [Int]) {
        for e in model.entryStart[i]..<model.entryStart[i + 1] {
            let cell = model.entryRow[e] + s + model.entryOffset[e]
            if placement.used[cell] + model.entryAmount[e] > model.capacity[cell] + RoadmapModel.epsilon { blocked[cell] += 1 }
        }
    }
}

/// Greedy insertion: walks the projects in the given order and puts each that is not yet selected at the best
/// start where it fits (its predecessors selected and finished, its selected successors still after it). With
/// prices, "best" is the highest reduced value (value minus priced resource use), which leaves scarce periods
/// to the projects that need them most; without, the earliest start (the highest value for this project).
/// Repeats until nothing more fits, so a successor listed before its predecessor gets its turn.
struct RoadmapGreedy {
    let model: RoadmapModel
    let work: RoadmapWork

    /// Returns the projects it inserted.
    @discardableResult
    func fill(_ placement: inout RoadmapPlacement, order: [Int], prices: [Double]?, minimumReduced: Double = -.infinity) -> [Int] {
        var inserted: [Int] = []
        var pending = order
        while true {
            var waiting: [Int] = []
            var progress = false
            for i in pending where placement.start[i] < 0 && model.isPossible(i) {
                guard let window = placement.precedenceWindow(i, in: model) else {
                    if model.predecessors[i].contains(where: { placement.start[$0] < 0 }) { waiting.append(i) }
                    continue
                }
                work.add(window.count * (model.entryStart[i + 1] - model.entryStart[i] + 1))
                if let s = bestStart(i, in: window, placement: placement, prices: prices, minimumReduced: minimumReduced) {
                    placement.place(i, at: s, in: model)
                    inserted.append(i)
                    progress = true
                }
            }
            if !progress || waiting.isEmpty { return inserted }
            pending = waiting
        }
    }

    @inline(__always)
    func bestStart(_ i: Int, in window: ClosedRange<Int>, placement: RoadmapPlacement, prices: [Double]?,
                   minimumReduced: Double = -.infinity) -> Int? {
        guard let prices else {
            return window.first { placement.fits(i, at: $0, in: model) }
        }
        var best: Int?
        var bestValue = minimumReduced
        for s in window where placement.fits(i, at: s, in: model) {
            let reduced = RoadmapLagrangian.reducedValue(i, at: s, model: model, prices: prices)
            if reduced > bestValue + 1e-12 || (best == nil && reduced >= bestValue) { bestValue = reduced; best = s }
        }
        return best
    }
}
