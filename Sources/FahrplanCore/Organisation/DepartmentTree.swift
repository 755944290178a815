/// The organisation chart of a municipality as a tree, built from flat rows.
public struct DepartmentTree<ID: Hashable & Sendable>: Sendable {
    public struct Node: Sendable {
        public var id: ID
        public var parentID: ID?
        public var depth: Int
    }

    /// Nodes in display order: each unit followed by its sub-units (depth-first, siblings by position).
    public private(set) var ordered: [Node] = []

    /// - Parameter units: (id, parent id, sort key) for every unit; units whose parent is missing become roots.
    public init(units: [(id: ID, parentID: ID?, sortKey: String)]) {
        let known = Set(units.map(\.id))
        var children: [ID?: [(id: ID, parentID: ID?, sortKey: String)]] = [:]
        for unit in units {
            let parent = unit.parentID.flatMap { known.contains($0) ? $0 : nil }
            children[parent, default: []].append(unit)
        }
        var visited = Set<ID>()
        func walk(_ parent: ID?, depth: Int) {
            for unit in (children[parent] ?? []).sorted(by: { $0.sortKey < $1.sortKey }) where !visited.contains(unit.id) {
                visited.insert(unit.id)
                ordered.append(Node(id: unit.id, parentID: parent, depth: depth))
                walk(unit.id, depth: depth + 1)
            }
        }
        walk(nil, depth: 0)
        // Units in a parent cycle (bad data, e.g. two moves at once) are not below any root; show them as roots
        // rather than losing them, so they can still be seen and moved.
        for unit in units.sorted(by: { $0.sortKey < $1.sortKey }) where !visited.contains(unit.id) {
            visited.insert(unit.id)
            ordered.append(Node(id: unit.id, parentID: nil, depth: 0))
            walk(unit.id, depth: 1)
        }
    }

    /// The unit and all units below it.
    public func subtree(of root: ID) -> Set<ID> {
        var result: Set<ID> = [root]
        var changed = true
        while changed {
            changed = false
            for node in ordered where !result.contains(node.id) {
                if let parent = node.parentID, result.contains(parent) {
                    result.insert(node.id)
                    changed = true
                }
            }
        }
        return result
    }

    /// Whether making `newParent` the parent of `unit` would put the unit below itself.
    public func wouldCreateCycle(moving unit: ID, under newParent: ID?) -> Bool {
        guard let newParent else { return false }
        return subtree(of: unit).contains(newParent)
    }
}
