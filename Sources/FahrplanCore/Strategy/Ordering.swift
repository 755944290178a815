/// Moving an element up or down among its siblings (the order a municipality gives its fields, goals, …).
public enum MoveDirection: String, Codable, Sendable {
    case up, down
}

public enum Ordering {
    /// Returns the ids in their new order after moving `id` one step; unchanged when it is already at the edge.
    public static func move<ID: Equatable>(_ id: ID, _ direction: MoveDirection, in ordered: [ID]) -> [ID] {
        guard let index = ordered.firstIndex(of: id) else { return ordered }
        let target = direction == .up ? index - 1 : index + 1
        guard ordered.indices.contains(target) else { return ordered }
        var result = ordered
        result.swapAt(index, target)
        return result
    }
}
