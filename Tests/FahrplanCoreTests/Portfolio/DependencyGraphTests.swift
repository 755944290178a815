@testable import FahrplanCore
import Testing

@Suite("DependencyGraph: circular project dependencies")
struct DependencyGraphTests {
    typealias Edges = [String: Set<String>]

    /// A reported cycle must be closed and follow existing edges.
    static func isCycle(_ path: [String]?, in edges: Edges) -> Bool {
        guard let path, path.count >= 2, path.first == path.last else { return false }
        return zip(path, path.dropFirst()).allSatisfy { edges[$0.0]?.contains($0.1) ?? false }
    }

    @Test("graphs without cycles", arguments: [
        [:],
        ["A": []],
        ["A": ["B"]],
        ["A": ["B"], "B": ["C"], "C": []],
        ["A": ["B", "C"], "B": ["D"], "C": ["D"]],  // diamond: two ways to D, no cycle
        ["E-Akte Bauamt": ["DMS"], "E-Akte Bürgeramt": ["DMS"], "Bauantrag online": ["E-Akte Bauamt", "Servicekonto"]],
    ] as [Edges])
    func acyclic(edges: Edges) {
        #expect(DependencyGraph.cycle(edges: edges) == nil)
    }

    @Test("a project depending on itself is a cycle of length 1")
    func selfDependency() {
        #expect(DependencyGraph.cycle(edges: ["A": ["A"]]) == ["A", "A"])
        #expect(DependencyGraph.cycle(edges: ["A": ["B"], "B": ["B"]]) == ["B", "B"])
    }

    @Test("two projects depending on each other")
    func lengthTwo() {
        #expect(DependencyGraph.cycle(edges: ["A": ["B"], "B": ["A"]]) == ["A", "B", "A"])
        #expect(DependencyGraph.cycle(edges: ["B": ["A"], "A": ["B"]]) == ["A", "B", "A"])
    }

    @Test("a longer cycle is reported from its smallest project, whatever the entry point")
    func longer() {
        let edges: Edges = ["A": ["D"], "D": ["B"], "B": ["C"], "C": ["D"]]
        #expect(DependencyGraph.cycle(edges: edges) == ["B", "C", "D", "B"])
        let ring: Edges = ["C": ["A"], "A": ["B"], "B": ["C"], "X": ["C"]]
        #expect(DependencyGraph.cycle(edges: ring) == ["A", "B", "C", "A"])
    }

    @Test("of several disjoint cycles, the one found first in sorted order, every time")
    func severalCycles() {
        let edges: Edges = ["X": ["Y"], "Y": ["Z"], "Z": ["X"], "B": ["C"], "C": ["B"], "A": ["X", "B"]]
        let cycle = DependencyGraph.cycle(edges: edges)
        #expect(cycle == ["B", "C", "B"])  // from A, neighbour B comes before X
        #expect(Self.isCycle(cycle, in: edges))
        for _ in 0..<20 {
            var shuffled: Edges = [:]
            for key in edges.keys.shuffled() { shuffled[key] = edges[key] }
            #expect(DependencyGraph.cycle(edges: shuffled) == cycle)
        }
    }

    @Test("10,000 projects in a chain: no recursion limit, cycle found when the chain closes")
    func longChain() {
        let ids = (0..<10_000).map { $0 }
        var edges: [Int: Set<Int>] = [:]
        for id in ids.dropLast() { edges[id] = [id + 1] }
        #expect(DependencyGraph.cycle(edges: edges) == nil)
        edges[9_999] = [0]
        let cycle = DependencyGraph.cycle(edges: edges)
        #expect(cycle?.count == 10_001)
        #expect(cycle?.first == 0 && cycle?.last == 0)
        #expect(cycle.map { Array($0.dropLast()) } == ids)
    }

    @Test("wide graph: 10,000 projects all depending on one platform")
    func wide() {
        var edges: [Int: Set<Int>] = [:]
        for id in 1...10_000 { edges[id] = [0, id / 2] }
        edges[1] = [0]
        #expect(DependencyGraph.cycle(edges: edges) == nil)
        edges[0] = [7_777]
        let cycle = DependencyGraph.cycle(edges: edges)
        #expect(cycle?.first == 0 && cycle?.last == 0)
    }

    @Test("checking a change before it is stored")
    func adding() {
        let edges: Edges = ["B": ["C"], "C": ["A"], "D": []]
        #expect(DependencyGraph.cycle(adding: (from: "A", to: ["B"]), to: edges) == ["A", "B", "C", "A"])
        #expect(DependencyGraph.cycle(adding: (from: "A", to: ["D"]), to: edges) == nil)
        #expect(DependencyGraph.cycle(adding: (from: "A", to: []), to: edges) == nil)
        #expect(DependencyGraph.cycle(adding: (from: "A", to: ["A"]), to: edges) == ["A", "A"])
        #expect(DependencyGraph.cycle(adding: (from: "A", to: ["D", "A", "B"]), to: edges) == ["A", "A"])
        #expect(DependencyGraph.cycle(adding: (from: "C", to: ["D", "D"]), to: edges) == nil)
        #expect(DependencyGraph.cycle(adding: (from: "New", to: ["A", "B"]), to: edges) == nil)
    }

    @Test("the reported cycle for a change is a shortest one")
    func addingShortest() {
        let edges: Edges = ["B": ["C"], "C": ["D"], "D": ["A"], "E": ["A"]]
        #expect(DependencyGraph.cycle(adding: (from: "A", to: ["B", "E"]), to: edges) == ["A", "E", "A"])
        let merged = edges.merging(["A": ["B", "E"]]) { $0.union($1) }
        #expect(Self.isCycle(DependencyGraph.cycle(adding: (from: "A", to: ["B", "E"]), to: edges), in: merged))
    }

    @Test("a change is judged by the cycles it creates, not by older ones elsewhere")
    func addingIgnoresOtherCycles() {
        let edges: Edges = ["X": ["Y"], "Y": ["X"], "A": ["B"]]
        #expect(DependencyGraph.cycle(adding: (from: "B", to: ["C"]), to: edges) == nil)
        #expect(DependencyGraph.cycle(adding: (from: "B", to: ["A"]), to: edges) == ["B", "A", "B"])
    }

    @Test("checking a change on a long chain")
    func addingLongChain() {
        var edges: [Int: Set<Int>] = [:]
        for id in 0..<9_999 { edges[id] = [id + 1] }
        let cycle = DependencyGraph.cycle(adding: (from: 9_999, to: [0]), to: edges)
        #expect(cycle?.count == 10_001)
        #expect(cycle?.first == 9_999 && cycle?[1] == 0 && cycle?.last == 9_999)
    }
}
