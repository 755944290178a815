@testable import FahrplanCore
import Foundation

/// Criteria and projects for the ranking suites.
enum RankingTestData {
    /// A 0–4 criterion with labels on every level.
    static func criterion(_ key: String, _ name: String? = nil, direction: CriterionDirection = .higherIsBetter) -> Criterion {
        Criterion(key: key, name: name ?? key, levels: (0...4).map { ScaleLevel(value: $0, label: "Stufe \($0)") },
                  direction: direction)
    }

    static func weighted(_ pairs: [(String, Double)]) -> [WeightedCriterion] {
        pairs.map { WeightedCriterion(criterion: criterion($0.0), weight: $0.1) }
    }

    /// Reproducible generated portfolios: values on 0–4 with one decimal (like raters' means), a share of them
    /// missing, some legal deadlines, urgent marks and dependencies (including cycles when asked).
    struct Generator {
        var random: SeededRandom

        init(seed: UInt64) { random = SeededRandom(seed: seed) }

        mutating func chance(_ share: Double) -> Bool { random.uniform() < share }
        mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }

        mutating func criteria(_ count: Int) -> [WeightedCriterion] {
            (0..<count).map { k in
                WeightedCriterion(criterion: RankingTestData.criterion("k\(k)", direction: k % 4 == 3 ? .lowerIsBetter : .higherIsBetter),
                                  weight: Double(int(1..<100)))
            }
        }

        mutating func projects(_ count: Int, criteria: [WeightedCriterion], missing: Double = 0, legal: Double = 0,
                               urgent: Double = 0, dependencies: Double = 0) -> [RankingProject] {
            (0..<count).map { p in
                var values: [String: Double] = [:]
                for entry in criteria where !chance(missing) {
                    values[entry.criterion.key] = Double(int(0..<41)) / 10
                }
                var needs: [String] = []
                if chance(dependencies) { needs.append("id\(int(0..<count))") }
                return RankingProject(id: "id\(p)", code: String(format: "P-%04d", p), title: "Projekt \(p)", values: values,
                                      legalDeadline: chance(legal), urgent: chance(urgent), prerequisiteOf: needs)
            }
        }
    }

    /// Ids of the top N of a ranking.
    static func topSet(_ ranking: [RankedProject], _ n: Int) -> Set<String> { Set(ranking.prefix(n).map(\.id)) }

    /// The criteria with criterion j's normalized weight set to t and the others sharing 1 − t in their current
    /// proportions (equal shares when they are all 0) — the parametrisation of WeightSensitivity.
    static func reweighted(_ criteria: [WeightedCriterion], criterion j: Int, to t: Double) -> [WeightedCriterion] {
        let sum = criteria.reduce(0) { $0 + $1.weight }
        let rest = 1 - criteria[j].weight / sum
        return criteria.enumerated().map { k, entry in
            var entry = entry
            if k == j { entry.weight = t } else {
                entry.weight = (1 - t) * (rest > 0 ? entry.weight / sum / rest : 1 / Double(criteria.count - 1))
            }
            return entry
        }
    }
}
