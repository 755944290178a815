@testable import FahrplanCore
import Foundation
import Testing

@Suite("MonteCarloSensitivity: Dirichlet weights, top-N probabilities and rank ranges")
struct MonteCarloSensitivityTests {
    typealias Data = RankingTestData

    static func portfolio(seed: UInt64 = 7, count: Int = 60) -> ([WeightedCriterion], [RankingProject]) {
        var generator = Data.Generator(seed: seed)
        let criteria = generator.criteria(5)
        return (criteria, generator.projects(count, criteria: criteria, missing: 0.1, legal: 0.03, urgent: 0.05, dependencies: 0.15))
    }

    @Test("the same seed gives the same figures, another seed other figures")
    func reproducible() throws {
        let (criteria, projects) = Self.portfolio()
        let first = try MonteCarloSensitivity.run(criteria, projects, topN: 10, samples: 2_000, seed: 42)
        let second = try MonteCarloSensitivity.run(criteria, projects, topN: 10, samples: 2_000, seed: 42)
        let other = try MonteCarloSensitivity.run(criteria, projects, topN: 10, samples: 2_000, seed: 43)
        #expect(first == second)
        #expect(first != other)
        #expect(first.map(\.id) == projects.map(\.id))   // input order
    }

    @Test("probabilities lie in [0, 1] and add up to N; percentiles are ordered within best and worst")
    func consistent() throws {
        let (criteria, projects) = Self.portfolio()
        for topN in [1, 10, 59] {
            let outcomes = try MonteCarloSensitivity.run(criteria, projects, topN: topN, samples: 1_000, concentration: 20, seed: 9)
            #expect(outcomes.allSatisfy { (0...1).contains($0.probabilityTopN) })
            #expect(abs(outcomes.reduce(0) { $0 + $1.probabilityTopN } - Double(topN)) < 1e-9)
            for outcome in outcomes {
                #expect(outcome.bestRank <= outcome.rank5 && outcome.rank5 <= outcome.medianRank)
                #expect(outcome.medianRank <= outcome.rank95 && outcome.rank95 <= outcome.worstRank)
                #expect((1...projects.count).contains(outcome.bestRank) && (1...projects.count).contains(outcome.worstRank))
            }
        }
        // Low concentration lets the weights roam: some project's rank must vary.
        let wide = try MonteCarloSensitivity.run(criteria, projects, topN: 10, samples: 500, concentration: 2, seed: 1)
        #expect(wide.contains { $0.bestRank < $0.worstRank })
    }

    @Test("a huge concentration keeps the chosen weights: the ranking's own top N with probability 1, the rest 0")
    func concentrated() throws {
        let (criteria, projects) = Self.portfolio()
        let ranking = try Ranking.rank(criteria, projects)
        let rankOf = Dictionary(uniqueKeysWithValues: ranking.map { ($0.id, $0.rank) })
        // A clear top N: no near-tie across the boundary at place 10.
        #expect(ranking[9].total - ranking[10].total > 0.01 || ranking[9].tier != ranking[10].tier)
        let outcomes = try MonteCarloSensitivity.run(criteria, projects, topN: 10, samples: 300, concentration: 1e12, seed: 5)
        for outcome in outcomes {
            let rank = rankOf[outcome.id]!
            #expect(outcome.probabilityTopN == (rank <= 10 ? 1 : 0))
            #expect(outcome.bestRank == rank && outcome.worstRank == rank && outcome.medianRank == rank)
        }
    }

    @Test("tiers hold in every sample: a legal deadline is always first")
    func tiersRespected() throws {
        let criteria = Data.weighted([("a", 1), ("b", 1)])
        let projects = [
            RankingProject(id: "legal", code: "L", values: ["a": 0, "b": 0], legalDeadline: true),
            RankingProject(id: "x", code: "X", values: ["a": 4, "b": 0]),
            RankingProject(id: "y", code: "Y", values: ["a": 0, "b": 4]),
            RankingProject(id: "pre", code: "P", values: ["a": 0, "b": 0], prerequisiteOf: ["x"]),
        ]
        let outcomes = try MonteCarloSensitivity.run(criteria, projects, topN: 2, samples: 4_000, concentration: 2, seed: 3)
        #expect(outcomes[0] == MonteCarloOutcome(id: "legal", probabilityTopN: 1, bestRank: 1, worstRank: 1, medianRank: 1, rank5: 1, rank95: 1))
        // x and y swap places with the weights; the prerequisite always stands right before x.
        #expect(outcomes[1].bestRank == 3 && outcomes[1].worstRank == 4)
        #expect(outcomes[2].bestRank == 2 && outcomes[2].worstRank == 4)
        #expect(outcomes[3].bestRank == 2 && outcomes[3].worstRank == 3)
        #expect(abs(outcomes[3].probabilityTopN + outcomes[2].probabilityTopN - 1) < 1e-12)
        #expect(outcomes[2].probabilityTopN > 0.3 && outcomes[2].probabilityTopN < 0.7)
    }

    @Test("bad input is refused; no projects gives no outcomes")
    func refusals() throws {
        let (criteria, projects) = Self.portfolio(count: 5)
        #expect(throws: ValidationFailure([FieldProblem("topN", .outOfRange(min: 1, max: 5))])) {
            try MonteCarloSensitivity.run(criteria, projects, topN: 0, samples: 10, seed: 1)
        }
        #expect(throws: ValidationFailure([FieldProblem("samples", .outOfRange(min: 1, max: MonteCarloSensitivity.maximumSamples))])) {
            try MonteCarloSensitivity.run(criteria, projects, topN: 1, samples: 0, seed: 1)
        }
        #expect(throws: ValidationFailure([FieldProblem("concentration", .negative)])) {
            try MonteCarloSensitivity.run(criteria, projects, topN: 1, samples: 10, concentration: 0, seed: 1)
        }
        #expect(try MonteCarloSensitivity.run(criteria, [], topN: 3, samples: 10, seed: 1).isEmpty)
        // N above the number of projects: everyone is always in.
        let all = try MonteCarloSensitivity.run(criteria, projects, topN: 50, samples: 10, seed: 1)
        #expect(all.allSatisfy { $0.probabilityTopN == 1 })
    }

    @Test("more projects than the exact histogram holds: counts stay consistent")
    func bucketedRanks() throws {
        let (criteria, projects) = Self.portfolio(seed: 11, count: 2_100)
        let outcomes = try MonteCarloSensitivity.run(criteria, projects, topN: 100, samples: 40, concentration: 50, seed: 2)
        #expect(abs(outcomes.reduce(0) { $0 + $1.probabilityTopN } - 100) < 1e-9)
        for outcome in outcomes {
            #expect(outcome.bestRank <= outcome.medianRank && outcome.medianRank <= outcome.worstRank)
        }
    }

    @Test("SeededRandom: reproducible, uniform, and gamma samples with the right mean and variance")
    func randomStream() {
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1), c = SeededRandom(seed: 2)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        var jumped = SeededRandom(seed: 1)
        jumped.jump()
        #expect(jumped.next() != first[0])

        var random = SeededRandom(seed: 2026)
        let count = 40_000
        let uniforms = (0..<count).map { _ in random.uniform() }
        #expect(abs(uniforms.reduce(0, +) / Double(count) - 0.5) < 0.01)
        for shape in [0.3, 1.0, 2.5, 40.0] {
            let samples = (0..<count).map { _ in random.gamma(shape: shape) }
            let mean = samples.reduce(0, +) / Double(count)
            let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
            #expect(abs(mean - shape) < 0.03 * max(1, shape), "shape \(shape): mean \(mean)")
            #expect(abs(variance - shape) < 0.08 * max(1, shape), "shape \(shape): variance \(variance)")
        }
        var weights = [Double](repeating: 0, count: 3)
        random.dirichlet([50, 30, 20], into: &weights)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
        random.dirichlet([0, 0, 5], into: &weights)
        #expect(weights == [0, 0, 1])
    }
}
