import FahrplanCore
import Foundation

/// Prioritization at scale (issue #4): a round of 10,000 projects × 12 criteria × 10 raters aggregated and ranked
/// (target < 100 ms), and a 10,000-sample Monte-Carlo sensitivity run over 1,000 projects (target < 1 s).
/// Deterministic data: scores from a seeded stream, each project with its own quality level so the raters agree
/// roughly (as real raters do), 2 % urgent, 1 % legal deadlines, 5 % prerequisites of another project.
enum RankingBenchmark {
    static func runRanking() throws {
        let projectCount = 10_000, raters = 10, runs = 9
        let criteria = makeCriteria()
        let (scores, facts) = makeRound(projects: projectCount, criteria: criteria.count, raters: raters, seed: 2027)
        print("ranking: \(projectCount) projects × \(criteria.count) criteria × \(raters) raters (\(scores.count) scores), median aggregation, \(runs) runs")

        var aggregateTimes: [Double] = [], rankTimes: [Double] = [], totalTimes: [Double] = []
        var checksum = 0.0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            var projects: [RankingProject] = []
            projects.reserveCapacity(projectCount)
            var disputed = 0
            for p in 0..<projectCount {
                var values: [String: Double] = [:]
                values.reserveCapacity(criteria.count)
                for (k, entry) in criteria.enumerated() {
                    let offset = (p * criteria.count + k) * raters
                    let summary = RatingAggregation.summarize(Array(scores[offset..<(offset + raters)]), .median, on: entry.criterion)
                    if let value = summary.value { values[entry.criterion.key] = value }
                    if summary.disputed { disputed += 1 }
                }
                let fact = facts[p]
                projects.append(RankingProject(id: fact.id, code: fact.code, title: fact.code, values: values,
                                               legalDeadline: fact.legal, urgent: fact.urgent, prerequisiteOf: fact.prerequisiteOf))
            }
            let aggregated = clock.now
            let ranking = try Ranking.rank(criteria, projects)
            let end = clock.now
            checksum += ranking[0].total + Double(disputed)
            aggregateTimes.append(DuplicatesBenchmark.ms(aggregated - start))
            rankTimes.append(DuplicatesBenchmark.ms(end - aggregated))
            totalTimes.append(DuplicatesBenchmark.ms(end - start))
        }
        report("ranking.aggregate_ms", aggregateTimes)
        report("ranking.rank_ms", rankTimes)
        report("ranking.total_ms", totalTimes)
        verdict("ranking of 10,000 × 12 × 10 (aggregate + rank) < 100 ms", totalTimes, limit: 100)
        _ = checksum
    }

    static func runMonteCarlo() throws {
        let projectCount = 1_000, samples = 10_000, topN = 20, runs = 5
        let criteria = makeCriteria()
        let (scores, facts) = makeRound(projects: projectCount, criteria: criteria.count, raters: 5, seed: 2028)
        let projects = facts.enumerated().map { p, fact in
            var values: [String: Double] = [:]
            for (k, entry) in criteria.enumerated() {
                let offset = (p * criteria.count + k) * 5
                values[entry.criterion.key] = RatingAggregation.summarize(Array(scores[offset..<(offset + 5)]), .mean, on: entry.criterion).value
            }
            return RankingProject(id: fact.id, code: fact.code, values: values, legalDeadline: fact.legal, urgent: fact.urgent,
                                  prerequisiteOf: fact.prerequisiteOf)
        }
        print("montecarlo: \(samples) samples over \(projectCount) projects × \(criteria.count) criteria, top \(topN), concentration 100, \(ProcessInfo.processInfo.activeProcessorCount) cores, \(runs) runs")
        var times: [Double] = []
        var outcomes: [MonteCarloOutcome] = []
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            outcomes = try MonteCarloSensitivity.run(criteria, projects, topN: topN, samples: samples, seed: 42)
            times.append(DuplicatesBenchmark.ms(clock.now - start))
        }
        report("montecarlo.run_ms", times)
        let sure = outcomes.filter { $0.probabilityTopN == 1 }.count, possible = outcomes.filter { $0.probabilityTopN > 0 }.count
        print("montecarlo.always_in_top\(topN)", sure, "sometimes_in_top\(topN)", possible)
        verdict("Monte Carlo 10,000 samples × 1,000 projects < 1 s", times, limit: 1000)

        let clock = ContinuousClock()
        var ranges: [WeightRange] = []
        let sensitivity = DuplicatesBenchmark.ms(clock.measure { ranges = (try? WeightSensitivity.ranges(criteria, projects, topN: topN)) ?? [] })
        print("sensitivity.ranges_1000x12_ms", DuplicatesBenchmark.format(sensitivity), "(\(ranges.count) criteria)")
    }

    /// Twelve 0–4 criteria, the default catalog's shape: two of them lower-is-better, weights like a round's points.
    static func makeCriteria() -> [WeightedCriterion] {
        let weights: [Double] = [20, 15, 12, 10, 10, 8, 7, 6, 5, 3, 2, 2]
        return weights.enumerated().map { k, weight in
            let criterion = Criterion(key: "c\(k)", name: "Kriterium \(k)",
                                      levels: (0...4).map { ScaleLevel(value: $0, label: "Stufe \($0)") },
                                      direction: k == 6 || k == 9 ? .lowerIsBetter : .higherIsBetter)
            return WeightedCriterion(criterion: criterion, weight: weight)
        }
    }

    struct Facts {
        var id: String
        var code: String
        var legal: Bool
        var urgent: Bool
        var prerequisiteOf: [String]
    }

    /// Scores row-major (project, criterion, rater).
    static func makeRound(projects: Int, criteria: Int, raters: Int, seed: UInt64) -> (scores: [Int], facts: [Facts]) {
        var random = SeededRandom(seed: seed)
        var scores: [Int] = []
        scores.reserveCapacity(projects * criteria * raters)
        var facts: [Facts] = []
        for p in 0..<projects {
            let quality = random.uniform() * 4
            for _ in 0..<criteria {
                let level = min(4, max(0, quality + random.normal() * 0.8))
                for _ in 0..<raters { scores.append(Int(min(4, max(0, (level + random.normal() * 0.7).rounded())))) }
            }
            let dependent = random.uniform() < 0.05 ? ["p\(Int(random.next() % UInt64(projects)))"] : []
            facts.append(Facts(id: "p\(p)", code: String(format: "P-%05d", p), legal: random.uniform() < 0.01,
                               urgent: random.uniform() < 0.02, prerequisiteOf: dependent))
        }
        return (scores, facts)
    }

    static func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        print(name, "median", DuplicatesBenchmark.format(sorted[sorted.count / 2]), "worst", DuplicatesBenchmark.format(sorted.last!),
              "best", DuplicatesBenchmark.format(sorted.first!))
    }

    static func verdict(_ label: String, _ times: [Double], limit: Double) {
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        print("target: \(label): \(median < limit ? "met" : "MISSED") (median \(DuplicatesBenchmark.format(median)) ms, worst \(DuplicatesBenchmark.format(sorted.last!)) ms)")
    }
}
