import FahrplanCore
import Foundation
import Testing

@Suite("Ordering: moving an element among its siblings")
struct OrderingTests {
    let ids = ["a", "b", "c", "d"]

    @Test("moving up swaps with the previous sibling", arguments: [
        ("b", ["b", "a", "c", "d"]), ("c", ["a", "c", "b", "d"]), ("d", ["a", "b", "d", "c"]),
    ])
    func up(id: String, expected: [String]) {
        #expect(Ordering.move(id, .up, in: ids) == expected)
    }

    @Test("moving down swaps with the next sibling", arguments: [
        ("a", ["b", "a", "c", "d"]), ("b", ["a", "c", "b", "d"]), ("c", ["a", "b", "d", "c"]),
    ])
    func down(id: String, expected: [String]) {
        #expect(Ordering.move(id, .down, in: ids) == expected)
    }

    @Test("at the edge nothing changes")
    func edges() {
        #expect(Ordering.move("a", .up, in: ids) == ids)
        #expect(Ordering.move("d", .down, in: ids) == ids)
        #expect(Ordering.move("x", .up, in: ["x"]) == ["x"])
        #expect(Ordering.move("x", .down, in: ["x"]) == ["x"])
    }

    @Test("an unknown id or an empty list changes nothing", arguments: [MoveDirection.up, .down])
    func unknown(direction: MoveDirection) {
        #expect(Ordering.move("zz", direction, in: ids) == ids)
        #expect(Ordering.move("a", direction, in: [String]()) == [])
    }

    @Test("up then down restores the order, for every element", arguments: ["b", "c", "d"])
    func roundTrip(id: String) {
        #expect(Ordering.move(id, .down, in: Ordering.move(id, .up, in: ids)) == ids)
    }

    @Test("a move keeps every id exactly once")
    func permutation() {
        for id in ids {
            for direction in [MoveDirection.up, .down] {
                let moved = Ordering.move(id, direction, in: ids)
                #expect(moved.sorted() == ids.sorted())
            }
        }
    }

    @Test("works with database ids (UUID) and optional ids")
    func uuids() {
        let a = UUID(), b = UUID(), c = UUID()
        #expect(Ordering.move(c, .up, in: [a, b, c]) == [a, c, b])
        let optionals: [UUID?] = [a, nil, b]
        #expect(Ordering.move(UUID?.none, .down, in: optionals) == [a, b, nil])
    }

    @Test("direction raw values are what forms and the API send")
    func rawValues() {
        #expect(MoveDirection(rawValue: "up") == .up)
        #expect(MoveDirection(rawValue: "down") == .down)
        #expect(MoveDirection(rawValue: "Up") == nil)
    }
}
