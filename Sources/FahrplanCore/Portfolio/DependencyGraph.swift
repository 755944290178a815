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

    /// The cycles of a batch checked as a whole (an import), in time linear in the graph: for every group of nodes
    /// that reach each other (a strongly connected component with a cycle), the node of `order` that comes last in it
    /// — the row that closes the cycle when the batch is read in that order — with a cycle through it
    /// (`[node, …, node]`, as `cycle(adding:to:)` reports it). Checking each row with `cycle(adding:to:)` instead
    /// walks the graph once per row: quadratic for a long chain of dependencies.
    public static func cyclesClosed<ID: Hashable & Comparable>(by order: [ID], in edges: [ID: Set<ID>]) -> [(node: ID, cycle: [ID])] {
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [(node: ID, cycle: [ID])] = []
        for component in stronglyConnectedComponents(edges) {
            let members = Set(component)
            guard component.count > 1 || edges[component[0]]?.contains(component[0]) == true,
                  let closing = component.filter({ position[$0] != nil }).max(by: { position[$0]! < position[$1]! })
            else { continue }
            // A shortest way back within the component, through one of the closing node's own edges.
            var inside: [ID: Set<ID>] = [:]
            for node in component { inside[node] = (edges[node] ?? []).intersection(members) }
            let targets = Array(inside[closing] ?? [])
            inside[closing] = []
            if let cycle = cycle(adding: (from: closing, to: targets), to: inside) { found.append((closing, cycle)) }
        }
        return found.sorted { position[$0.node]! < position[$1.node]! }
    }

    /// Tarjan's algorithm without recursion (a chain of 10,000 projects must not overflow the stack); nodes and
    /// neighbours in ascending order, so the result is deterministic.
    static func stronglyConnectedComponents<ID: Hashable & Comparable>(_ edges: [ID: Set<ID>]) -> [[ID]] {
        var nodes = Set(edges.keys)
        for targets in edges.values { nodes.formUnion(targets) }
        var index: [ID: Int] = [:], low: [ID: Int] = [:], onStack = Set<ID>()
        var stack: [ID] = [], components: [[ID]] = []
        var counter = 0
        for root in nodes.sorted() where index[root] == nil {
            var work: [(node: ID, neighbours: [ID], next: Int)] = []
            func open(_ node: ID) {
                index[node] = counter; low[node] = counter; counter += 1
                stack.append(node); onStack.insert(node)
                work.append((node, (edges[node] ?? []).sorted(), 0))
            }
            open(root)
            while !work.isEmpty {
                let top = work.count - 1
                let node = work[top].node
                if work[top].next < work[top].neighbours.count {
                    let target = work[top].neighbours[work[top].next]
                    work[top].next += 1
                    if index[target] == nil { open(target) }
                    else if onStack.contains(target) { low[node] = min(low[node]!, index[target]!) }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { low[parent] = min(low[parent]!, low[node]!) }
                if low[node] == index[node] {
                    var component: [ID] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component.sorted())
                }
            }
        }
        return components
    }

    /// Rotates a closed path so it starts (and ends) at its smallest node: [C, A, B, C] → [A, B, C, A].
    private static func canonical<ID: Comparable>(_ open: [ID]) -> [ID] {
        guard let smallest = open.indices.min(by: { open[$0] < open[$1] }) else { return open }
        let rotated = Array(open[smallest...] + open[..<smallest])
        return rotated + [rotated[0]]
    }
}
