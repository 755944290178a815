@testable import FahrplanCore
import Testing

@Suite("Ranking: exact ties are ties, not rounding noise")
struct RankingTieTests {
    @Test("weights 8:3:3, values (2,3,1) and (2,2,2): both exactly 1/2 — the code decides, and the explanation says so")
    func exactTieDecidedByCode() throws {
        let criteria = RankingTestData.weighted([("a", 8), ("b", 3), ("c", 3)])
        // Listed with P-2 first so that input order cannot be what puts P-1 ahead.
        let projects = [
            RankingProject(id: "p2", code: "P-2", title: "Zwei", values: ["a": 2, "b": 2, "c": 2]),
            RankingProject(id: "p1", code: "P-1", title: "Eins", values: ["a": 2, "b": 3, "c": 1]),
        ]
        let ranked = try Ranking.rank(criteria, projects)
        #expect(ranked.map(\.code) == ["P-1", "P-2"])
        #expect(abs(ranked[0].total - 50) < 1e-9 && abs(ranked[1].total - 50) < 1e-9)
        #expect(ranked[0].explanation == .tie)
    }

    @Test("over integer values 0–4 and weights 1–9: whenever two totals are equal in exact arithmetic, the lower code ranks first")
    func exhaustiveExactTies() throws {
        var generator = SeededRandom(seed: 14)
        var ties = 0
        for _ in 0..<2_000 {
            let weights = (0..<3).map { _ in Int(generator.next() % 9) + 1 }
            let first = (0..<3).map { _ in Int(generator.next() % 5) }
            let second = (0..<3).map { _ in Int(generator.next() % 5) }
            // Exact comparison in integers: Σ w·v over the same weight sum.
            let exactFirst = zip(weights, first).map(*).reduce(0, +), exactSecond = zip(weights, second).map(*).reduce(0, +)
            guard exactFirst == exactSecond else { continue }
            ties += 1
            let criteria = RankingTestData.weighted([("a", Double(weights[0])), ("b", Double(weights[1])), ("c", Double(weights[2]))])
            func values(_ v: [Int]) -> [String: Double] { ["a": Double(v[0]), "b": Double(v[1]), "c": Double(v[2])] }
            let ranked = try Ranking.rank(criteria, [
                RankingProject(id: "y", code: "P-9", title: "Y", values: values(second)),
                RankingProject(id: "x", code: "P-1", title: "X", values: values(first)),
            ])
            #expect(ranked.map(\.code) == ["P-1", "P-9"], "weights \(weights), \(first) vs \(second)")
            #expect(ranked[0].explanation == .tie)
        }
        #expect(ties > 50)
    }
}
