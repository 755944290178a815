import Foundation

/// A dense, index-based copy of a `RoadmapProblem` for the solver's hot loops: projects and resources are
/// numbers, every project's resource use is a flat list of non-zero entries (resource, period offset, amount),
/// and each resource is scaled by its largest capacity so that euros and FTE weigh alike in the Lagrangian
/// step sizes.
///
/// Presolve narrows each project's start window to `first...last`: earliest start, the predecessors' earliest
/// finish, the latest finish and the horizon; a mandatory project makes its predecessors mandatory, and its
/// latest start caps theirs. A project with `first > last` can never be scheduled.
struct RoadmapModel {
    let projectCount: Int
    let periodCount: Int
    let resourceCount: Int
    let ids: [String]
    let duration: [Int]
    let value: [Double]
    /// discount^s for s in 0..<periodCount.
    let discountPower: [Double]
    var first: [Int]
    var last: [Int]
    var mandatory: [Bool]
    let predecessors: [[Int]]
    let successors: [[Int]]
    /// Entries of project i: entryStart[i]..<entryStart[i + 1].
    let entryStart: [Int]
    /// Row of the entry's resource in the flat `capacity` array (resource * periodCount).
    let entryRow: [Int]
    let entryOffset: [Int]
    let entryAmount: [Double]
    /// Scaled capacity, index resource * periodCount + period.
    let capacity: [Double]
    /// Projects in an order where every predecessor comes before its successors.
    let topologicalOrder: [Int]
    /// Tolerance on scaled capacities (inputs carry at most a few decimals, far above it).
    static let epsilon = 1e-9

    /// nil (with the cycle's projects) when the `after` links form a cycle.
    init(_ problem: RoadmapProblem) throws(RoadmapModelError) {
        let periods = problem.periods.count
        projectCount = problem.projects.count
        periodCount = periods
        resourceCount = problem.resources.count
        ids = problem.projects.map(\.id)
        duration = problem.projects.map { max(1, $0.duration) }
        value = problem.projects.map { max(0, $0.value) }
        discountPower = (0..<max(periods, 1)).map { pow(problem.discount, Double($0)) }
        mandatory = problem.projects.map(\.mandatory)

        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
        var predecessors = Array(repeating: [Int](), count: projectCount)
        var successors = Array(repeating: [Int](), count: projectCount)
        for (i, project) in problem.projects.enumerated() {
            for id in project.after {
                guard let j = index[id] else { throw .unknownPredecessor(project: project.id, predecessor: id) }
                guard !predecessors[i].contains(j) else { continue }
                predecessors[i].append(j)
                successors[j].append(i)
            }
        }
        self.predecessors = predecessors
        self.successors = successors

        var resourceRow: [String: Int] = [:]
        var capacity = [Double](repeating: 0, count: resourceCount * periods)
        var scale = [Double](repeating: 1, count: resourceCount)
        for (r, resource) in problem.resources.enumerated() {
            resourceRow[resource.id] = r
            let largest = resource.capacity.prefix(periods).max() ?? 0
            scale[r] = largest > 0 ? largest : 1
            for t in 0..<periods { capacity[r * periods + t] = (t < resource.capacity.count ? max(0, resource.capacity[t]) : 0) / scale[r] }
        }
        self.capacity = capacity
        var entryStart = [0], entryRow = [Int](), entryOffset = [Int](), entryAmount = [Double]()
        for (i, project) in problem.projects.enumerated() {
            for (resourceID, amounts) in project.usage.sorted(by: { $0.key < $1.key }) {
                guard let r = resourceRow[resourceID] else { continue }
                for k in 0..<min(amounts.count, duration[i]) where amounts[k] > 0 {
                    entryRow.append(r * periods)
                    entryOffset.append(k)
                    entryAmount.append(amounts[k] / scale[r])
                }
            }
            entryStart.append(entryRow.count)
        }
        self.entryStart = entryStart
        self.entryRow = entryRow
        self.entryOffset = entryOffset
        self.entryAmount = entryAmount

        topologicalOrder = try RoadmapModel.topologicalOrder(predecessors: predecessors, successors: successors, ids: ids)
        first = problem.projects.map { max(0, $0.earliestStart) }
        last = problem.projects.enumerated().map { i, project in
            var last = periods - max(1, project.duration)
            if let finish = project.latestFinish { last = min(last, finish - max(1, project.duration) + 1) }
            return last
        }
        presolve()
    }

    private mutating func presolve() {
        for i in topologicalOrder {
            for j in predecessors[i] {
                first[i] = max(first[i], first[j] + duration[j])
                if first[j] > last[j] { first[i] = max(first[i], last[i] + 1) }
            }
        }
        for i in topologicalOrder.reversed() where mandatory[i] {
            for j in predecessors[i] {
                mandatory[j] = true
                last[j] = min(last[j], last[i] - duration[j])
            }
        }
    }

    func isPossible(_ i: Int) -> Bool { first[i] <= last[i] }

    /// Kahn's algorithm; among ready projects the lowest index first, so the order is deterministic.
    private static func topologicalOrder(predecessors: [[Int]], successors: [[Int]], ids: [String]) throws(RoadmapModelError) -> [Int] {
        var remaining = predecessors.map(\.count)
        var ready = (0..<predecessors.count).filter { remaining[$0] == 0 }.reversed().map { $0 }
        var order: [Int] = []
        while let i = ready.popLast() {
            order.append(i)
            for k in successors[i] {
                remaining[k] -= 1
                if remaining[k] == 0 { ready.append(k); ready.sort(by: >) }
            }
        }
        guard order.count < predecessors.count else { return order }
        // Walk backwards along unfinished predecessors until a project repeats: that stretch is a cycle.
        var path: [Int] = []
        var current = (0..<predecessors.count).first { remaining[$0] > 0 }!
        while !path.contains(current) {
            path.append(current)
            current = predecessors[current].first { remaining[$0] > 0 }!
        }
        let cycle = Array(path[path.firstIndex(of: current)!...]).reversed().map { ids[$0] }
        throw .cycle(cycle)
    }
}

enum RoadmapModelError: Error {
    case unknownPredecessor(project: String, predecessor: String)
    case cycle([String])
}

/// The current selection and its resource use; the working state of every heuristic and of the search.
struct RoadmapPlacement {
    /// Start per project, -1 when not selected.
    var start: [Int]
    /// Scaled use per resource row and period.
    var used: [Double]
    var objective: Double = 0

    init(_ model: RoadmapModel) {
        start = Array(repeating: -1, count: model.projectCount)
        used = Array(repeating: 0, count: model.resourceCount * model.periodCount)
    }

    /// Whether project i started in s stays within every capacity together with the current selection.
    @inline(__always)
    func fits(_ i: Int, at s: Int, in model: RoadmapModel) -> Bool {
        var e = model.entryStart[i]
        let end = model.entryStart[i + 1]
        while e < end {
            let cell = model.entryRow[e] + s + model.entryOffset[e]
            if used[cell] + model.entryAmount[e] > model.capacity[cell] + RoadmapModel.epsilon { return false }
            e += 1
        }
        return true
    }

    /// The start range the selected predecessors and successors leave for project i (empty when a
    /// predecessor is not selected).
    func precedenceWindow(_ i: Int, in model: RoadmapModel) -> ClosedRange<Int>? {
        var lower = model.first[i], upper = model.last[i]
        for j in model.predecessors[i] {
            guard start[j] >= 0 else { return nil }
            lower = max(lower, start[j] + model.duration[j])
        }
        for k in model.successors[i] where start[k] >= 0 { upper = min(upper, start[k] - model.duration[i]) }
        return lower <= upper ? lower...upper : nil
    }

    mutating func place(_ i: Int, at s: Int, in model: RoadmapModel) {
        start[i] = s
        objective += model.value[i] * model.discountPower[s]
        for e in model.entryStart[i]..<model.entryStart[i + 1] { used[model.entryRow[e] + s + model.entryOffset[e]] += model.entryAmount[e] }
    }

    mutating func remove(_ i: Int, in model: RoadmapModel) {
        let s = start[i]
        guard s >= 0 else { return }
        start[i] = -1
        objective -= model.value[i] * model.discountPower[s]
        for e in model.entryStart[i]..<model.entryStart[i + 1] { used[model.entryRow[e] + s + model.entryOffset[e]] -= model.entryAmount[e] }
    }

    /// Every rule checked from scratch (windows, predecessors, capacities).
    func isFeasible(in model: RoadmapModel) -> Bool {
        var fresh = RoadmapPlacement(model)
        for i in model.topologicalOrder where start[i] >= 0 {
            let s = start[i]
            if model.mandatory[i] && s < 0 { return false }
            guard s >= model.first[i], s <= model.last[i] else { return false }
            for j in model.predecessors[i] where start[j] < 0 || start[j] + model.duration[j] > s { return false }
            guard fresh.fits(i, at: s, in: model) else { return false }
            fresh.place(i, at: s, in: model)
        }
        return (0..<model.projectCount).allSatisfy { !model.mandatory[$0] || start[$0] >= 0 }
    }

    /// Recomputes the objective from scratch (sums drift after many place/remove pairs).
    func exactObjective(in model: RoadmapModel) -> Double {
        var total = 0.0
        for i in 0..<model.projectCount where start[i] >= 0 { total += model.value[i] * model.discountPower[start[i]] }
        return total
    }
}
