/// The dependencies between projects (Abhängigkeiten: "Projekt A setzt Projekt B voraus"). An edge `from → to` means
/// *from depends on to*: the E-Akte rollout in the Bauamt needs the central DMS first. Such a graph must stay free of
/// cycles, otherwise no project in the cycle could ever start; this type finds a cycle to show to the person who
/// would create it ("Zirkuläre Abhängigkeit: A → B → C → A").
///
/// Both checks are iterative (no recursion, so 10,000 projects in a chain are fine) and deterministic: nodes and
/// neighbours are visited in ascending order, and a reported cycle starts at its smallest node.
public enum DependencyGraph {
    /// One cycle of the graph as a path whose first and last element are the same node (`[A, B, C, A]`; a project
    /// depending on itself gives `[A, A]`), or nil if the graph has no cycle. Nodes that appear only as targets count.
    public static func cycle<ID: Hashable & Comparable>(edges: [ID: Set<ID>]) -> [ID]? {
        var nodes = Set(edges.keys)
        for targets in edges.values { nodes.formUnion(targets) }
        var sortedNeighbours: [ID: [ID]] = [:]
        sortedNeighbours.reserveCapacity(edges.count)
        for (node, targets) in edges where !targets.isEmpty { sortedNeighbours[node] = targets.sorted() }

        /// 1 = on the current path, 2 = done (no cycle reachable from it).
        var state: [ID: UInt8] = [:]
        state.reserveCapacity(nodes.count)
        var path: [ID] = []
        var nextNeighbour: [Int] = []
        for root in nodes.sorted() where state[root] == nil {
            path.append(root); nextNeighbour.append(0); state[root] = 1
            while let node = path.last {
                let neighbours = sortedNeighbours[node] ?? []
                let index = nextNeighbour[nextNeighbour.count - 1]
                if index == neighbours.count {
                    state[node] = 2
                    path.removeLast(); nextNeighbour.removeLast()
                    continue
                }
                nextNeighbour[nextNeighbour.count - 1] = index + 1
                let target = neighbours[index]
                switch state[target] {
                case 1:
                    let start = path.lastIndex(of: target)!
                    return canonical(Array(path[start...]))
                case 2:
                    continue
                default:
                    state[target] = 1
                    path.append(target); nextNeighbour.append(0)
                }
            }
        }
        return nil
    }

    /// The cycle that adding the dependencies `change.from → change.to` to `edges` would create, or nil. Use it to
    /// check a change before it is stored. The reported cycle is a shortest one through a new edge and starts with
    /// `change.from` (`[from, to, …, from]`); a project that would depend on itself gives `[from, from]`. Cycles
    /// elsewhere in `edges` that do not pass through the new edges are not reported.
    public static func cycle<ID: Hashable & Comparable>(
        adding change: (from: ID, to: [ID]), to edges: [ID: Set<ID>]
    ) -> [ID]? {
        let from = change.from
        let targets = Array(Set(change.to)).sorted()
        if targets.contains(from) { return [from, from] }
        // Breadth-first search from all new targets at once, back to `from`, over the existing edges.
        var parent: [ID: ID] = [:]
        var visited = Set(targets)
        var queue = targets
        var head = 0
        while head < queue.count {
            let node = queue[head]; head += 1
            guard let next = edges[node], !next.isEmpty else { continue }
            for neighbour in next.sorted() where !visited.contains(neighbour) {
                visited.insert(neighbour)
                parent[neighbour] = node
                if neighbour == from {
                    var reversed = [from]
                    var current = node
                    while true {
                        reversed.append(current)
                        guard let up = parent[current] else { break }
                        current = up
                    }
                    return [from] + reversed.reversed()
                }
                queue.append(neighbour)
            }
        }
        return nil
    }

    /// Rotates a closed path so it starts (and ends) at its smallest node: [C, A, B, C] → [A, B, C, A].
    private static func canonical<ID: Comparable>(_ open: [ID]) -> [ID] {
        guard let smallest = open.indices.min(by: { open[$0] < open[$1] }) else { return open }
        let rotated = Array(open[smallest...] + open[..<smallest])
        return rotated + [rotated[0]]
    }
}
