import FahrplanCore
import Foundation
import Testing

@Suite("DepartmentTree: the organisation chart")
struct DepartmentTreeTests {
    typealias Unit = (id: String, parentID: String?, sortKey: String)

    /// D1 ─┬─ 10 ── 10.2
    ///     └─ 20
    /// D2 ─── 33 ─┬─ 33.1
    ///            └─ 33.2
    static let units: [Unit] = [
        (id: "33.2", parentID: "33", sortKey: "33.2"),
        (id: "D2", parentID: nil, sortKey: "D2"),
        (id: "20", parentID: "D1", sortKey: "20"),
        (id: "10.2", parentID: "10", sortKey: "10.2"),
        (id: "33", parentID: "D2", sortKey: "33"),
        (id: "D1", parentID: nil, sortKey: "D1"),
        (id: "33.1", parentID: "33", sortKey: "33.1"),
        (id: "10", parentID: "D1", sortKey: "10"),
    ]

    static func summary<ID>(_ tree: DepartmentTree<ID>) -> [String] {
        tree.ordered.map { "\(String(repeating: "  ", count: $0.depth))\($0.id)" }
    }

    @Test("an empty organisation has an empty tree")
    func empty() {
        let tree = DepartmentTree<String>(units: [])
        #expect(tree.ordered.isEmpty)
        #expect(tree.subtree(of: "x") == ["x"])
        #expect(!tree.wouldCreateCycle(moving: "x", under: "y"))
    }

    @Test("each unit is followed by its sub-units, siblings by sort key, whatever the input order")
    func order() {
        let expected = ["D1", "  10", "    10.2", "  20", "D2", "  33", "    33.1", "    33.2"]
        #expect(Self.summary(DepartmentTree(units: Self.units)) == expected)
        #expect(Self.summary(DepartmentTree(units: Self.units.reversed())) == expected)
        #expect(Self.summary(DepartmentTree(units: Self.units.sorted { $0.id < $1.id })) == expected)
    }

    @Test("nodes carry their parent and depth")
    func parentsAndDepth() {
        let tree = DepartmentTree(units: Self.units)
        let byID = Dictionary(uniqueKeysWithValues: tree.ordered.map { ($0.id, $0) })
        #expect(byID["D1"]?.parentID == nil && byID["D1"]?.depth == 0)
        #expect(byID["10"]?.parentID == "D1" && byID["10"]?.depth == 1)
        #expect(byID["10.2"]?.parentID == "10" && byID["10.2"]?.depth == 2)
        #expect(byID["33.2"]?.parentID == "33" && byID["33.2"]?.depth == 2)
    }

    @Test("the sort key decides, not the id, and compares as text")
    func sortKey() {
        let tree = DepartmentTree(units: [
            (id: 1, parentID: nil, sortKey: "9"), (id: 2, parentID: nil, sortKey: "10"), (id: 3, parentID: nil, sortKey: "Amt"),
            (id: 4, parentID: nil, sortKey: "amt"),
        ])
        #expect(tree.ordered.map(\.id) == [2, 1, 3, 4])
    }

    @Test("a unit whose parent is missing becomes a root, with its sub-units below it")
    func orphans() {
        let tree = DepartmentTree(units: [
            (id: "A", parentID: nil, sortKey: "1"),
            (id: "B", parentID: "gelöscht", sortKey: "2"),
            (id: "B1", parentID: "B", sortKey: "3"),
        ])
        #expect(Self.summary(tree) == ["A", "B", "  B1"])
        #expect(tree.ordered[1].parentID == nil, "a missing parent is not passed on")
        #expect(tree.subtree(of: "B") == ["B", "B1"])
    }

    @Test("a unit listed twice appears once")
    func duplicates() {
        let tree = DepartmentTree(units: [
            (id: "A", parentID: nil, sortKey: "1"), (id: "A", parentID: nil, sortKey: "1"), (id: "A", parentID: "A", sortKey: "1"),
            (id: "B", parentID: "A", sortKey: "2"),
        ])
        #expect(Self.summary(tree) == ["A", "  B"])
    }

    @Test("units caught in a parent cycle are still shown, each once, and building ends")
    func cycleInInput() {
        let tree = DepartmentTree(units: [
            (id: "R", parentID: nil, sortKey: "0"),
            (id: "A", parentID: "C", sortKey: "1"),
            (id: "B", parentID: "A", sortKey: "2"),
            (id: "C", parentID: "B", sortKey: "3"),
            (id: "C1", parentID: "C", sortKey: "4"),
            (id: "S", parentID: "S", sortKey: "5"),
        ])
        let ids = tree.ordered.map(\.id)
        #expect(ids.sorted() == ["A", "B", "C", "C1", "R", "S"])
        #expect(Set(ids).count == ids.count)
        // Every node's parent comes before it, at one level less.
        for (index, node) in tree.ordered.enumerated() {
            if let parent = node.parentID {
                guard let parentIndex = tree.ordered.firstIndex(where: { $0.id == parent }) else {
                    Issue.record("\(node.id): parent \(parent) is not in the tree")
                    continue
                }
                #expect(parentIndex < index)
                #expect(tree.ordered[parentIndex].depth + 1 == node.depth)
            } else {
                #expect(node.depth == 0)
            }
        }
        // The cycle cannot be made worse, and C1 stays with C.
        #expect(tree.subtree(of: "C").contains("C1"))
        #expect(tree.wouldCreateCycle(moving: "S", under: "S"))
    }

    @Test("a subtree is the unit and everything below it, nothing else", arguments: [
        ("D1", ["D1", "10", "10.2", "20"]), ("10", ["10", "10.2"]), ("10.2", ["10.2"]), ("33", ["33", "33.1", "33.2"]),
        ("D2", ["D2", "33", "33.1", "33.2"]),
    ])
    func subtree(root: String, expected: [String]) {
        #expect(DepartmentTree(units: Self.units).subtree(of: root) == Set(expected))
    }

    @Test("the subtree of an unknown unit is just that unit")
    func subtreeUnknown() {
        #expect(DepartmentTree(units: Self.units).subtree(of: "99") == ["99"])
    }

    @Test("a deep chain: depth and subtree reach all the way down")
    func deepChain() {
        let units: [(id: Int, parentID: Int?, sortKey: String)] = (0..<500).map { (id: $0, parentID: $0 == 0 ? nil : $0 - 1, sortKey: "") }
        let tree = DepartmentTree(units: units.shuffled())
        #expect(tree.ordered.map(\.id) == Array(0..<500))
        #expect(tree.ordered.last?.depth == 499)
        #expect(tree.subtree(of: 250) == Set(250..<500))
        #expect(tree.wouldCreateCycle(moving: 0, under: 499))
        #expect(!tree.wouldCreateCycle(moving: 499, under: 0))
    }

    @Test("moving a unit below itself or below one of its sub-units would create a cycle", arguments: [
        ("D1", "D1"), ("D1", "10"), ("D1", "10.2"), ("10", "10.2"), ("33", "33.1"), ("D2", "33.2"),
    ])
    func cycles(unit: String, newParent: String) {
        #expect(DepartmentTree(units: Self.units).wouldCreateCycle(moving: unit, under: newParent))
    }

    @Test("moving a unit to the top, a sibling, an ancestor or another branch is fine", arguments: [
        ("10", nil), ("10.2", "D1"), ("10.2", "20"), ("10", "20"), ("33.1", "33.2"), ("33", "D1"), ("D2", "10.2"),
        ("10.2", "unbekannt"), ("unbekannt", "D1"),
    ] as [(String, String?)])
    func noCycle(unit: String, newParent: String?) {
        #expect(!DepartmentTree(units: Self.units).wouldCreateCycle(moving: unit, under: newParent))
    }

    @Test("works with database ids")
    func uuids() {
        let root = UUID(), child = UUID()
        let tree = DepartmentTree(units: [(id: child, parentID: root, sortKey: "b"), (id: root, parentID: nil, sortKey: "a")])
        #expect(tree.ordered.map(\.id) == [root, child])
        #expect(tree.wouldCreateCycle(moving: root, under: child))
    }
}

@Suite("DepartmentLevel")
struct DepartmentLevelTests {
    @Test("Dezernat → Amt → Sachgebiet, and a Sachgebiet has no sub-units")
    func childLevels() {
        #expect(DepartmentLevel.division.childLevel == .office)
        #expect(DepartmentLevel.office.childLevel == .section)
        #expect(DepartmentLevel.section.childLevel == nil)
    }

    @Test("raw values are stored and must not change")
    func rawValues() {
        #expect(DepartmentLevel.allCases.map(\.rawValue) == ["division", "office", "section"])
    }
}
