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

    init(model: RoadmapModel, work: RoadmapWork, seed: UInt64) {
        self.model = model
        self.work = work
        greedy = RoadmapGreedy(model: model, work: work)
        random = RoadmapRandom(seed: seed)
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
            let mode = random.below(3)
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
            if removed.isEmpty { work.add(model.projectCount); continue }
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
            let inserted = greedy.fill(&placement, order: candidates, prices: random.below(2) == 0 ? prices : nil)
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
}
