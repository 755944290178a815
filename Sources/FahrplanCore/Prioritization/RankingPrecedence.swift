import Foundation

/// The in-tier dependencies as the ordering needs them: strongly connected components (a dependency cycle cannot
/// be put in order, so its members are treated as one block and ordered among themselves by code), the order in
/// which effective keys flow from dependents to prerequisites, and a static topological position.
///
/// Everything is computed once and iteratively (no recursion: a chain of 10,000 projects is fine); cycles in the
/// input are allowed and never make anything loop.
struct Precedence: Sendable {
    let hasEdges: Bool
    /// Prerequisite → dependents, in the same tier.
    let dependents: [[Int]]
    /// Component of each project; components are numbered in reverse topological order (every component's
    /// dependents' components have smaller numbers), which is the order effective keys are propagated in.
    let componentOf: [Int]
    let components: [[Int]]
    /// Distinct successor components (dependents' components) of each component.
    let componentSuccessors: [[Int]]
    /// Position in a topological order, prerequisites first; deterministic (smallest code first among the
    /// available) and independent of the input order.
    let topologicalIndex: [Int32]

    init(edges: [[Int]], codeRank: [Int32]) {
        let count = edges.count
        dependents = edges
        hasEdges = edges.contains { !$0.isEmpty }
        let components = Self.stronglyConnectedComponents(edges).map { $0.sorted { codeRank[$0] < codeRank[$1] } }
        var componentOf = [Int](repeating: 0, count: count)
        for (c, members) in components.enumerated() { for m in members { componentOf[m] = c } }
        var successors = [[Int]](repeating: [], count: components.count)
        for (c, members) in components.enumerated() {
            var seen = Set<Int>()
            for m in members { for d in edges[m] where componentOf[d] != c && seen.insert(componentOf[d]).inserted {
                successors[c].append(componentOf[d])
            } }
        }
        self.components = components
        self.componentOf = componentOf
        self.componentSuccessors = successors

        // Kahn on the components, the one with the smallest code first.
        var indegree = [Int](repeating: 0, count: components.count)
        for list in successors { for s in list { indegree[s] += 1 } }
        var heap = MinHeap<Int32>()
        for c in components.indices where indegree[c] == 0 { heap.push(codeRank[components[c][0]], c) }
        var topological = [Int32](repeating: 0, count: count)
        var next: Int32 = 0
        while let c = heap.pop() {
            for m in components[c] { topological[m] = next; next += 1 }
            for s in successors[c] {
                indegree[s] -= 1
                if indegree[s] == 0 { heap.push(codeRank[components[s][0]], s) }
            }
        }
        topologicalIndex = topological
    }

    /// For each project the best (total, code) among itself and all in-tier projects that need it: the total it
    /// is ordered by and the project that gave it (its anchor).
    func effectiveKeys(totals: [Double], codeRank: [Int32]) -> (effective: [Double], anchor: [Int]) {
        guard hasEdges else { return (totals, Array(0..<totals.count)) }
        var componentBest = [Int](repeating: -1, count: components.count)
        for c in components.indices {
            var best = -1
            for m in components[c] where best < 0 || Self.isBetter(m, than: best, totals, codeRank) { best = m }
            for s in componentSuccessors[c] where Self.isBetter(componentBest[s], than: best, totals, codeRank) {
                best = componentBest[s]
            }
            componentBest[c] = best
        }
        var effective = totals
        var anchor = [Int](repeating: 0, count: totals.count)
        for p in 0..<totals.count {
            anchor[p] = componentBest[componentOf[p]]
            effective[p] = totals[anchor[p]]
        }
        return (effective, anchor)
    }

    @inline(__always)
    static func isBetter(_ a: Int, than b: Int, _ totals: [Double], _ codeRank: [Int32]) -> Bool {
        totals[a] > totals[b] || (totals[a] == totals[b] && codeRank[a] < codeRank[b])
    }

    /// The project itself and every project of its tier that needs it, directly or transitively.
    func dependentsClosure(of project: Int) -> [Int] {
        var seen: Set<Int> = [project]
        var result = [project]
        var head = 0
        while head < result.count {
            for d in dependents[result[head]] where seen.insert(d).inserted { result.append(d) }
            head += 1
        }
        return result
    }

    /// Tarjan's algorithm with an explicit stack. Components come out in reverse topological order.
    static func stronglyConnectedComponents(_ edges: [[Int]]) -> [[Int]] {
        let count = edges.count
        var index = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var calls: [(node: Int, edge: Int)] = []
        var result: [[Int]] = []
        var next = 0
        for root in 0..<count where index[root] < 0 {
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            calls.append((root, 0))
            while let (node, edge) = calls.last {
                if edge < edges[node].count {
                    calls[calls.count - 1].edge += 1
                    let target = edges[node][edge]
                    if index[target] < 0 {
                        index[target] = next; low[target] = next; next += 1
                        stack.append(target); onStack[target] = true
                        calls.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], index[target])
                    }
                    continue
                }
                calls.removeLast()
                if let parent = calls.last?.node { low[parent] = min(low[parent], low[node]) }
                if low[node] == index[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component)
                }
            }
        }
        return result
    }
}

/// A small binary min-heap of (key, value) pairs; ties by value, so the order is deterministic.
struct MinHeap<Key: Comparable> {
    private var items: [(key: Key, value: Int)] = []

    var isEmpty: Bool { items.isEmpty }

    private func less(_ i: Int, _ j: Int) -> Bool {
        items[i].key < items[j].key || (items[i].key == items[j].key && items[i].value < items[j].value)
    }

    mutating func push(_ key: Key, _ value: Int) {
        items.append((key, value))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast().value
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && less(left, smallest) { smallest = left }
            if right < items.count && less(right, smallest) { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
