import Foundation

/// The time window each project could start in when only the static rules count (its own earliest start, its
/// predecessors' earliest finishes, its deadline and the horizon), without looking at capacities. Shared by the
/// diagnosis and the explanation so that both speak about the same "earliest possible start".
struct RoadmapWindows: Sendable {
    /// Index of each project id in `problem.projects` (the first one when ids repeat).
    let index: [String: Int]
    /// Known predecessors of each project, as indices, without repeats.
    let predecessors: [[Int]]
    /// Earliest start considering predecessors' earliest finishes; nil for projects in or behind a cycle.
    let earliestStart: [Int?]
    /// Last start at which the project still finishes by its deadline and inside the horizon.
    let lastStart: [Int]

    init(_ problem: RoadmapProblem) {
        var index: [String: Int] = [:]
        for (position, project) in problem.projects.enumerated() where index[project.id] == nil {
            index[project.id] = position
        }
        let count = problem.projects.count
        var predecessors: [[Int]] = Array(repeating: [], count: count)
        var successors: [[Int]] = Array(repeating: [], count: count)
        for (position, project) in problem.projects.enumerated() {
            var seen = Set<Int>()
            for id in project.after {
                guard let other = index[id], seen.insert(other).inserted else { continue }
                predecessors[position].append(other)
                successors[other].append(position)
            }
        }
        // Kahn's order: projects never reached are in a cycle or depend on one.
        var remaining = predecessors.map(\.count)
        var queue = (0..<count).filter { remaining[$0] == 0 }
        var earliest: [Int?] = Array(repeating: nil, count: count)
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            let project = problem.projects[node]
            var start = max(0, project.earliestStart)
            for other in predecessors[node] {
                start = max(start, (earliest[other] ?? 0) + max(1, problem.projects[other].duration))
            }
            earliest[node] = start
            for next in successors[node] {
                remaining[next] -= 1
                if remaining[next] == 0 { queue.append(next) }
            }
        }
        let horizon = problem.periods.count
        self.index = index
        self.predecessors = predecessors
        self.earliestStart = earliest
        self.lastStart = problem.projects.map { project in
            min(horizon, (project.latestFinish ?? horizon - 1) + 1) - max(1, project.duration)
        }
    }

    /// Starts the project could take by the static rules (empty when its window is empty or it is in a cycle).
    func starts(of position: Int) -> ClosedRange<Int>? {
        guard let first = earliestStart[position], first <= lastStart[position] else { return nil }
        return first...lastStart[position]
    }
}
