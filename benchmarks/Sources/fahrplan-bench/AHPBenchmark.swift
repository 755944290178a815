import FahrplanCore
import Foundation

/// AHP of a 15×15 matrix (the target: under 1 ms), timed call by call: a workshop-like matrix (Saaty
/// values rounded from real weights, mildly inconsistent) and random Saaty matrices (wildly inconsistent, the
/// slowest case for the power iteration), plus the group mean of ten raters and the whole `fahrplan ahp` logic
/// (JSON in and out). Deterministic (SplitMix64).
enum AHPBenchmark {
    static let size = 15
    static let iterations = 20_000

    static func run() throws {
        var random = SplitMix64(seed: 2027)
        let workshop = try workshopMatrix(&random)
        let randoms = try (0..<100).map { _ in try randomMatrix(&random) }
        let raters = try (0..<10).map { _ in try workshopMatrix(&random) }

        let workshopResult = AHP.evaluate(workshop)
        print("ahp.workshop_15.consistency_ratio", format(workshopResult.consistencyRatio, decimals: 4))
        print("ahp.random_15.consistency_ratio_mean",
              format(randoms.map { AHP.evaluate($0).consistencyRatio }.reduce(0, +) / Double(randoms.count), decimals: 4))

        report("ahp.evaluate_15.workshop", measure { _ in AHP.evaluate(workshop) })
        report("ahp.evaluate_15.random", measure { AHP.evaluate(randoms[$0 % randoms.count]) })
        report("ahp.aggregate_10x15_and_evaluate", measure(iterations / 4) { _ in AHP.evaluate(try! AHP.aggregate(raters)) })
        let names = (1...size).map { "Kriterium \($0)" }
        let input = try JSONSerialization.data(withJSONObject: ["criteria": names, "matrix": workshop.values])
        report("ahp.command_line_15", measure(iterations / 4) { _ in AHPCommandLine.run(input: input) })
    }

    /// Weights from 1 to 9 (a realistic spread), every judgment the Saaty value nearest to the true ratio, a few
    /// of them one step off, as people judge in a workshop.
    static func workshopMatrix(_ random: inout SplitMix64) throws -> PairwiseMatrix {
        let weights = (0..<size).map { _ in 1 + 8 * random.uniform() }
        var judgments: [PairwiseJudgment] = []
        for i in 0..<size {
            for j in (i + 1)..<size {
                var value = AHP.nearestSaatyValue(weights[i] / weights[j])
                if random.uniform() < 0.15, let index = AHP.saatyValues.firstIndex(of: value) {
                    value = AHP.saatyValues[min(16, max(0, index + (random.uniform() < 0.5 ? -1 : 1)))]
                }
                judgments.append(PairwiseJudgment(row: i, column: j, value: value))
            }
        }
        return try PairwiseMatrix(size: size, judgments: judgments)
    }

    static func randomMatrix(_ random: inout SplitMix64) throws -> PairwiseMatrix {
        var judgments: [PairwiseJudgment] = []
        for i in 0..<size {
            for j in (i + 1)..<size {
                judgments.append(PairwiseJudgment(row: i, column: j, value: AHP.saatyValues[Int(random.next() % 17)]))
            }
        }
        return try PairwiseMatrix(size: size, judgments: judgments)
    }

    /// Microseconds per call; a warm-up first so that the figures are the steady state.
    static func measure<T>(_ count: Int = iterations, _ body: (Int) -> T) -> [Double] {
        let clock = ContinuousClock()
        var sink = 0
        for index in 0..<min(1_000, count) { withExtendedLifetime(body(index)) { sink &+= 1 } }
        var times: [Double] = []
        times.reserveCapacity(count)
        for index in 0..<count {
            var value: T?
            let elapsed = clock.measure { value = body(index) }
            withExtendedLifetime(value) { sink &+= 1 }
            times.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
        }
        precondition(sink > 0)
        return times.sorted()
    }

    static func report(_ name: String, _ sorted: [Double]) {
        print("\(name).calls", sorted.count)
        print("\(name).mean_us", format(sorted.reduce(0, +) / Double(sorted.count)))
        print("\(name).p50_us", format(sorted[sorted.count / 2]))
        print("\(name).p99_us", format(sorted[Int(Double(sorted.count - 1) * 0.99)]))
        print("\(name).max_us", format(sorted.last!))
    }

    static func format(_ value: Double, decimals: Int = 2) -> String { String(format: "%.\(decimals)f", value) }
}
