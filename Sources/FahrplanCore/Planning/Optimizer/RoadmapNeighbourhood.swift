import Foundation

/// Large-neighbourhood search: remove a handful of related projects (those using one resource in a window of
/// periods, those running in a window, or a few at random — with their selected successors), refill greedily
/// and keep the result when it is not worse; otherwise put everything back. Accepting equal objectives lets the
/// schedule drift across plateaus. Refilling only looks at projects sharing a resource with the removed ones,
/// because after a greedy fill nothing else can have gained room.
struct RoadmapNeighbourhood {
    let model: RoadmapModel
    let work: RoadmapWork
    let greedy: RoadmapGreedy
    /// Bit r set when the project uses resource r (resources beyond 63 share the top bit).
    let resourceMask: [UInt64]
    var random: RoadmapRandom
    /// Projects the exact repair chooses among (removed ones plus the best-ranked others), and its node limit.
    static let exactPool = 10
    static let exactNodes = 4_000
    let topologicalIndex: [Int]
    /// Destroy moves: a resource in a period window, everything in a window (half kept), a few at random, and
    /// (twice as often) making room for a valuable project left out.
    static let modeCount = 5

    init(model: RoadmapModel, work: RoadmapWork, seed: UInt64) {
        self.model = model
        self.work = work
        greedy = RoadmapGreedy(model: model, work: work)
        random = RoadmapRandom(seed: seed)
        var topologicalIndex = [Int](repeating: 0, count: model.projectCount)
        for (position, i) in model.topologicalOrder.enumerated() { topologicalIndex[i] = position }
        self.topologicalIndex = topologicalIndex
        let periods = max(model.periodCount, 1)
        resourceMask = (0..<model.projectCount).map { i in
            var mask: UInt64 = 0
            for e in model.entryStart[i]..<model.entryStart[i + 1] { mask |= 1 << UInt64(min(model.entryRow[e] / periods, 63)) }
            return mask
        }
    }

    /// Improves `placement` in place until `stop()`; `order` is the refill priority (best first).
    mutating func improve(_ placement: inout RoadmapPlacement, orders: [[Int]], prices: [Double], temperature: Double,
                          progress: () -> Double, stop: () -> Bool, onImprove: (RoadmapPlacement) -> Void) {
        var bestObjective = placement.objective
        var currentObjective = placement.objective
        var removed: [(project: Int, start: Int)] = []
        var isRemoved = [Bool](repeating: false, count: model.projectCount)
        var candidates: [Int] = []
        candidates.reserveCapacity(model.projectCount)
        let periods = model.periodCount
        while !stop() {
            removed.removeAll(keepingCapacity: true)
            let mode = random.below(Self.modeCount)
            let resource = random.below(max(model.resourceCount, 1))
            let width = 1 + random.below(min(3, periods))
            let from = random.below(max(periods - width + 1, 1))
            let keepShare = mode == 1 ? 0.5 : 0.0
            let picks = 2 + random.below(4)
            var selected: [Int] = []
            if mode == 2 {
                for i in 0..<model.projectCount where placement.start[i] >= 0 { selected.append(i) }
                if selected.isEmpty { return }
            }
            for i in 0..<model.projectCount where placement.start[i] >= 0 {
                let s = placement.start[i]
                let hit: Bool
                switch mode {
                case 0:
                    hit = (resourceMask[i] >> UInt64(min(resource, 63))) & 1 == 1 && s < from + width && s + model.duration[i] > from
                case 1:
                    hit = s < from + width && s + model.duration[i] > from && random.unit() >= keepShare
                default:
                    hit = false
                }
                if hit { removed.append((i, s)) }
            }
            if mode == 2 {
                for _ in 0..<picks {
                    let i = selected[random.below(selected.count)]
                    if !removed.contains(where: { $0.project == i }) { removed.append((i, placement.start[i])) }
                }
            }
            var forced: (project: Int, start: Int)?
            if mode >= 3 {
                // Make room for a valuable project left out: evict the cheapest users of each over-full cell.
                var pick = -1
                for _ in 0..<3 {
                    let i = random.below(model.projectCount)
                    if placement.start[i] < 0 && model.isPossible(i) && (pick < 0 || model.value[i] > model.value[pick]) { pick = i }
                }
                guard pick >= 0, let window = placement.precedenceWindow(pick, in: model) else { work.add(8); continue }
                let s = window.lowerBound + random.below(window.count)
                evict(for: pick, at: s, &placement, &removed)
                forced = (pick, s)
            }
            if removed.isEmpty && forced == nil { work.add(model.projectCount); continue }
            // Successors of removed projects lose their predecessor: remove them too.
            for (i, _) in removed { isRemoved[i] = true }
            var index = 0
            while index < removed.count {
                for k in model.successors[removed[index].project] where placement.start[k] >= 0 && !isRemoved[k] {
                    isRemoved[k] = true
                    removed.append((k, placement.start[k]))
                }
                index += 1
            }
            var mask: UInt64 = 0
            if let forced { mask |= resourceMask[forced.project] }
            for (i, _) in removed {
                mask |= resourceMask[i]
                placement.remove(i, in: model)
            }
            // Mandatory ones go back first; then either others before the removed ones (forcing a change) or
            // the plain priority order, with a few random swaps.
            candidates.removeAll(keepingCapacity: true)
            for (i, _) in removed where model.mandatory[i] { candidates.append(i) }
            let othersFirst = random.below(2) == 0
            let order = orders[random.below(orders.count)]
            for i in order where placement.start[i] < 0 && !model.mandatory[i] && resourceMask[i] & mask != 0 {
                if othersFirst && isRemoved[i] { continue }
                candidates.append(i)
            }
            if othersFirst { for (i, _) in removed where !model.mandatory[i] { candidates.append(i) } }
            if candidates.count > 2 {
                for _ in 0..<random.below(4) {
                    let a = random.below(candidates.count - 1)
                    if !model.mandatory[candidates[a]] && !model.mandatory[candidates[a + 1]] { candidates.swapAt(a, a + 1) }
                }
            }
            work.add(removed.count * 4 + candidates.count)
            var inserted: [Int] = []
            if let (i, s) = forced, let window = placement.precedenceWindow(i, in: model), window.contains(s), placement.fits(i, at: s, in: model) {
                placement.place(i, at: s, in: model)
                inserted.append(i)
            }
            if forced == nil && removed.count <= Self.exactPool && random.below(2) == 0 {
                var pool = removed.map(\.project)
                for i in candidates where !isRemoved[i] && pool.count < Self.exactPool { pool.append(i) }
                pool.sort { topologicalIndex[$0] < topologicalIndex[$1] }
                inserted += exactRepair(&placement, pool: pool)
            }
            inserted += greedy.fill(&placement, order: candidates, prices: random.below(2) == 0 ? prices : nil)
            let mandatoryBack = removed.allSatisfy { !model.mandatory[$0.project] || placement.start[$0.project] >= 0 }
            // Simulated-annealing acceptance: a slightly worse schedule is kept now and then (less so over
            // time), so the search leaves local optima; the best one is handed out separately.
            let slack = temperature * (1 - progress()) * -log(max(random.unit(), 1e-12))
            if mandatoryBack && placement.objective >= currentObjective - 1e-9 * max(1, currentObjective) - slack {
                currentObjective = placement.objective
                if placement.objective > bestObjective + 1e-9 * max(1, bestObjective) {
                    bestObjective = placement.objective
                    onImprove(placement)
                }
            } else {
                for i in inserted.reversed() { placement.remove(i, in: model) }
                for (i, s) in removed { placement.place(i, at: s, in: model) }
            }
            for (i, _) in removed { isRemoved[i] = false }
        }
    }

    /// Removes selected projects until project i fits at s: for the first over-full cell, the one of lowest
    /// value using it (never i's predecessors or a mandatory project).
    private func evict(for i: Int, at s: Int, _ placement: inout RoadmapPlacement, _ removed: inout [(project: Int, start: Int)]) {
        for _ in 0..<40 {
            var row = -1, period = -1
            for e in model.entryStart[i]..<model.entryStart[i + 1] {
                let cell = model.entryRow[e] + s + model.entryOffset[e]
                if placement.used[cell] + model.entryAmount[e] > model.capacity[cell] + RoadmapModel.epsilon {
                    row = model.entryRow[e]; period = s + model.entryOffset[e]; break
                }
            }
            guard row >= 0 else { return }
            var victim = -1, victimValue = Double.infinity
            for j in 0..<model.projectCount where placement.start[j] >= 0 && !model.mandatory[j] {
                let start = placement.start[j]
                guard period >= start, period < start + model.duration[j], !model.predecessors[i].contains(j) else { continue }
                for e in model.entryStart[j]..<model.entryStart[j + 1] where model.entryRow[e] == row && start + model.entryOffset[e] == period {
                    let value = model.value[j] * model.discountPower[start]
                    if value < victimValue { victimValue = value; victim = j }
                }
            }
            work.add(model.projectCount + 8)
            guard victim >= 0 else { return }
            removed.append((victim, placement.start[victim]))
            placement.remove(victim, in: model)
        }
    }

    /// The best way to schedule `pool` (in dependency order) beside everything else: depth-first over each
    /// project's fitting starts (earliest first) and "out", pruned by the value still reachable. Swaps of one
    /// project for two (and the reverse) and re-timings are found here that a greedy refill misses.
    private func exactRepair(_ placement: inout RoadmapPlacement, pool: [Int]) -> [Int] {
        let count = pool.count
        var optimistic = [Double](repeating: 0, count: count + 1)
        for k in stride(from: count - 1, through: 0, by: -1) {
            optimistic[k] = optimistic[k + 1] + model.value[pool[k]] * model.discountPower[model.first[pool[k]]]
        }
        var bestValue = -1.0
        var bestStarts = [Int](repeating: -1, count: count)
        var current = bestStarts
        var nodes = 0
        func visit(_ k: Int, _ value: Double) {
            if k == count {
                if value > bestValue + 1e-12 { bestValue = value; bestStarts = current }
                return
            }
            nodes += 1
            if nodes > Self.exactNodes || value + optimistic[k] <= bestValue + 1e-12 { return }
            let i = pool[k]
            if let window = placement.precedenceWindow(i, in: model) {
                for s in window where placement.fits(i, at: s, in: model) {
                    placement.place(i, at: s, in: model)
                    current[k] = s
                    visit(k + 1, value + model.value[i] * model.discountPower[s])
                    placement.remove(i, in: model)
                    current[k] = -1
                }
            }
            if !model.mandatory[i] { visit(k + 1, value) }
        }
        visit(0, 0)
        work.add(nodes * 16)
        var inserted: [Int] = []
        for k in 0..<count where bestStarts[k] >= 0 {
            placement.place(pool[k], at: bestStarts[k], in: model)
            inserted.append(pool[k])
        }
        return inserted
    }
}
