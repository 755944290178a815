@testable import FahrplanCore
import Foundation
import Testing

@Suite("WeightSensitivity: weight ranges that keep the top N")
struct WeightSensitivityTests {
    typealias Data = RankingTestData

    /// x weighs 0.6, y 0.4. A = (4, 0), B = (0, 4), C = (1, 1): with t the weight of x, A = t, B = 1 − t and
    /// C = 0.25. A leads the top 1 as long as t > 0.5 — so x may go from 0.5 to 1 and y (= 1 − t) from 0 to 0.5.
    @Test("a two-criteria example worked out by hand")
    func handComputed() throws {
        let criteria = Data.weighted([("x", 3), ("y", 2)])
        let projects = [
            RankingProject(id: "a", code: "A", values: ["x": 4, "y": 0]),
            RankingProject(id: "b", code: "B", values: ["x": 0, "y": 4]),
            RankingProject(id: "c", code: "C", values: ["x": 1, "y": 1]),
        ]
        let ranges = try WeightSensitivity.ranges(criteria, projects, topN: 1)
        #expect(ranges.map(\.key) == ["x", "y"])
        #expect(abs(ranges[0].current - 0.6) < 1e-12 && abs(ranges[0].lower - 0.5) < 1e-12 && ranges[0].upper == 1)
        #expect(abs(ranges[1].current - 0.4) < 1e-12 && ranges[1].lower == 0 && abs(ranges[1].upper - 0.5) < 1e-12)
        // Top 2 = {A, B} as long as both stay above C: 0.25 < t < 0.75.
        let top2 = try WeightSensitivity.ranges(criteria, projects, topN: 2)
        #expect(abs(top2[0].lower - 0.25) < 1e-12 && abs(top2[0].upper - 0.75) < 1e-12)
    }

    @Test("weights that can go anywhere give 0…1; N covering everyone or a whole tier too")
    func unbounded() throws {
        let criteria = Data.weighted([("x", 1), ("z", 1)])
        let projects = [
            RankingProject(id: "a", code: "A", values: ["x": 4, "z": 2]),
            RankingProject(id: "b", code: "B", values: ["x": 2, "z": 2]),
            RankingProject(id: "c", code: "C", values: ["x": 0, "z": 2], legalDeadline: true),
        ]
        for range in try WeightSensitivity.ranges(criteria, projects, topN: 2) {
            #expect(range.lower == 0 && range.upper == 1)
        }
        for range in try WeightSensitivity.ranges(criteria, projects, topN: 1) {   // the legal tier alone
            #expect(range.lower == 0 && range.upper == 1)
        }
        for range in try WeightSensitivity.ranges(criteria, projects, topN: 5) {
            #expect(range.lower == 0 && range.upper == 1)
        }
        #expect(throws: ValidationFailure([FieldProblem("topN", .outOfRange(min: 1, max: 3))])) {
            try WeightSensitivity.ranges(criteria, projects, topN: 0)
        }
        #expect(throws: ValidationFailure([FieldProblem("weights", .weightsSumToZero)])) {
            try WeightSensitivity.ranges(Data.weighted([("x", 0)]), projects, topN: 1)
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var projects: Int
        var criteria: Int
        var topN: Int
        var missing = 0.0, legal = 0.0, urgent = 0.0, dependencies = 0.0
        var testDescription: String { "seed \(seed), \(projects) projects, top \(topN), missing \(missing), deps \(dependencies)" }
    }

    /// The exact boundaries must agree with the ranking itself evaluated on a fine grid of weights: the set is the
    /// same at every grid point between the current weight and the boundary, and differs at the first grid point
    /// beyond it (unless the boundary is 0 or 1).
    @Test("ranges agree with brute force on a grid of weights", arguments: [
        Case(seed: 1, projects: 40, criteria: 4, topN: 5),
        Case(seed: 2, projects: 30, criteria: 3, topN: 3, missing: 0.2),
        Case(seed: 3, projects: 40, criteria: 5, topN: 8, missing: 0.1, legal: 0.05, urgent: 0.1, dependencies: 0.25),
        Case(seed: 4, projects: 25, criteria: 3, topN: 10, missing: 0.3, urgent: 0.2, dependencies: 0.4),
        Case(seed: 5, projects: 60, criteria: 6, topN: 1),
    ])
    func bruteForce(_ setup: Case) throws {
        var generator = Data.Generator(seed: setup.seed)
        let criteria = generator.criteria(setup.criteria)
        let projects = generator.projects(setup.projects, criteria: criteria, missing: setup.missing, legal: setup.legal,
                                          urgent: setup.urgent, dependencies: setup.dependencies)
        let ranges = try WeightSensitivity.ranges(criteria, projects, topN: setup.topN)
        let base = Data.topSet(try Ranking.rank(criteria, projects), setup.topN)
        let steps = 500.0
        var bounded = 0
        for (j, range) in ranges.enumerated() {
            func set(_ t: Double) throws -> Set<String> {
                Data.topSet(try Ranking.rank(Data.reweighted(criteria, criterion: j, to: t), projects), setup.topN)
            }
            #expect(range.lower <= range.current + 1e-12 && range.current <= range.upper + 1e-12)
            for direction in [1.0, -1.0] {
                let boundary = direction > 0 ? range.upper : range.lower
                var index = direction > 0 ? (range.current * steps).rounded(.down) + 1 : (range.current * steps).rounded(.up) - 1
                var lastSame = range.current
                var firstDifferent: Double?
                while index >= 0 && index <= steps {
                    let t = index / steps
                    if try set(t) != base { firstDifferent = t; break }
                    lastSame = t
                    index += direction
                }
                if let firstDifferent {
                    bounded += 1
                    // The boundary lies between the last grid point with the same set and the first without.
                    #expect(direction * (boundary - lastSame) >= -1e-9, "criterion \(j) direction \(direction)")
                    #expect(direction * (firstDifferent - boundary) >= -1e-9, "criterion \(j) direction \(direction)")
                } else {
                    #expect(abs(boundary - lastSame) <= 1 / steps + 1e-9, "criterion \(j) direction \(direction)")
                }
            }
        }
        #expect(bounded > 0)   // the data must actually exercise some boundaries
    }
}
