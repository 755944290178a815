@testable import FahrplanCore
import Testing

@Suite("DependencyGraph: a whole batch checked at once")
struct DependencyGraphBatchTests {
    @Test("a chain of 10,000 has no cycle; closing it at the end names the last row with the whole circle")
    func longChain() {
        var edges: [Int: Set<Int>] = [:]
        for node in 1..<10_000 { edges[node] = [node - 1] }
        let order = Array(0..<10_000)
        #expect(DependencyGraph.cyclesClosed(by: order, in: edges).isEmpty)
        edges[0] = [9_999]
        let found = DependencyGraph.cyclesClosed(by: order, in: edges)
        #expect(found.count == 1)
        #expect(found.first?.node == 9_999)
        #expect(found.first?.cycle.count == 10_001)
        #expect(found.first?.cycle.first == 9_999 && found.first?.cycle.last == 9_999)
    }

    @Test("two rows depending on each other and a self-dependency: each reported at the row that closes it")
    func rowsThatClose() {
        // Row order 1 "X-1 needs X-2", 2 "X-2 needs X-1", 3 "X-3 needs itself", 4 free-standing.
        let edges: [String: Set<String>] = ["X-1": ["X-2"], "X-2": ["X-1"], "X-3": ["X-3"], "X-4": ["P-1"]]
        let found = DependencyGraph.cyclesClosed(by: ["X-1", "X-2", "X-3", "X-4"], in: edges)
        #expect(found.map(\.node) == ["X-2", "X-3"])
        #expect(found.first?.cycle == ["X-2", "X-1", "X-2"])
        #expect(found.last?.cycle == ["X-3", "X-3"])
    }

    @Test("a cycle only among stored projects (no row of the batch in it) is not the batch's to report")
    func storedOnly() {
        let edges: [Int: Set<Int>] = [1: [2], 2: [1], 3: [1]]
        #expect(DependencyGraph.cyclesClosed(by: [3], in: edges).isEmpty)
    }

    @Test("on random graphs: a cycle is found exactly when the graph has one, and every reported path is a real cycle")
    func agreesWithWholeGraphCheck() {
        var generator = SeededRandom(seed: 7)
        for _ in 0..<300 {
            let count = Int(generator.next() % 12) + 1
            var edges: [Int: Set<Int>] = [:]
            for node in 0..<count where generator.next() % 3 != 0 {
                edges[node] = Set((0..<Int(generator.next() % 3)).map { _ in Int(generator.next() % UInt64(count)) })
            }
            let found = DependencyGraph.cyclesClosed(by: Array(0..<count), in: edges)
            #expect(found.isEmpty == (DependencyGraph.cycle(edges: edges) == nil))
            for (node, cycle) in found {
                #expect(cycle.first == node && cycle.last == node)
                for (from, to) in zip(cycle, cycle.dropFirst()) { #expect(edges[from]?.contains(to) == true) }
            }
        }
    }
}
