import Dispatch
import Foundation

/// How stable a project's place is when all weights wobble around the chosen ones.
public struct MonteCarloOutcome: Sendable, Equatable {
    public var id: String
    /// Share of the samples in which it is among the top N.
    public var probabilityTopN: Double
    public var bestRank: Int
    public var worstRank: Int
    /// Nearest-rank percentiles over the samples (the smallest rank reached by at least 50 % / 5 % / 95 % of them).
    public var medianRank: Int
    public var rank5: Int
    public var rank95: Int

    public init(id: String, probabilityTopN: Double, bestRank: Int, worstRank: Int, medianRank: Int, rank5: Int, rank95: Int) {
        self.id = id
        self.probabilityTopN = probabilityTopN
        self.bestRank = bestRank
        self.worstRank = worstRank
        self.medianRank = medianRank
        self.rank5 = rank5
        self.rank95 = rank95
    }
}

/// Weights drawn from a Dirichlet distribution centred on the round's weights (concentration × weights as the
/// parameters: 100 lets a weight of 0.25 vary by about ±0.04, larger values keep the weights closer), every
/// sample ranked by the same rules as `Ranking` (tiers, prerequisites), counted per project.
///
/// Reproducible: the samples are split into a fixed number of chunks, each drawing from its own stream (the
/// seeded xoshiro256** stream jumped 2^128 steps per chunk), and the per-project counts are integers added up —
/// so the figures are the same whatever the number of threads and whichever thread runs which chunk.
///
/// Fast: the values are laid out once as a contiguous matrix of shares; each sample is 12 multiply-adds per
/// project plus one sort of 16-byte keys per tier (the total's bit pattern — monotone for non-negative numbers —
/// and the tie-break packed into two integers), fed in the order of the unperturbed ranking so that the sort
/// meets nearly sorted runs; the buffers are reused. The keys are unique, so the order does not depend on the
/// sort algorithm. Blocking: call it off an event loop. Rank distributions are kept as
/// histograms: exact up to 2,048 projects; above that ranks are counted in buckets (≤ 16 MB per thread) and the
/// percentiles are the middle of their bucket (best and worst stay exact).
public enum MonteCarloSensitivity {
    static let chunkCount = 16
    public static let maximumSamples = 1_000_000

    public static func run(_ criteria: [WeightedCriterion], _ projects: [RankingProject], rules: RankingRules = .init(),
                           topN: Int, samples: Int, concentration: Double = 100, seed: UInt64) throws -> [MonteCarloOutcome] {
        let prepared = try PreparedRanking(criteria, projects, rules: rules)
        var problems: [FieldProblem] = []
        if topN < 1 { problems.append(FieldProblem("topN", .outOfRange(min: 1, max: max(1, projects.count)))) }
        if samples < 1 || samples > maximumSamples {
            problems.append(FieldProblem("samples", .outOfRange(min: 1, max: maximumSamples)))
        }
        if !concentration.isFinite { problems.append(FieldProblem("concentration", .notANumber)) }
        else if concentration <= 0 { problems.append(FieldProblem("concentration", .negative)) }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        guard prepared.count > 0 else { return [] }

        let plan = MonteCarloPlan(prepared, topN: min(topN, prepared.count), concentration: concentration)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chunkCount, samples))
        let tallies = (0..<workers).map { _ in RankTally(count: plan.count, buckets: plan.buckets) }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var sampler = MonteCarloSampler(plan)
            for chunk in stride(from: worker, to: chunkCount, by: workers) {
                var random = SeededRandom(seed: seed)
                for _ in 0..<chunk { random.jump() }
                let first = samples * chunk / chunkCount, end = samples * (chunk + 1) / chunkCount
                for _ in first..<end { sampler.sample(&random, into: tallies[worker]) }
            }
        }
        let total = tallies[0]
        for other in tallies.dropFirst() { total.add(other) }
        return (0..<plan.count).map { p in
            total.outcome(for: p, id: prepared.projects[p].id, samples: samples, bucketWidth: plan.bucketWidth)
        }
    }
}

/// Everything a sample needs, computed once.
struct MonteCarloPlan: Sendable {
    let count: Int
    let width: Int
    let topN: Int
    let alphas: [Double]
    let shares: [Double]
    let presence: [Double]
    let isComplete: [Bool]
    /// Projects per tier, tiers best first, and where each tier's ranks start.
    let tierMembers: [[Int]]
    let tierHasEdges: [Bool]
    let precedence: Precedence
    let codeRank: [Int32]
    let projectAtTopologicalIndex: [Int32]
    let buckets: Int
    let bucketWidth: Int

    init(_ prepared: PreparedRanking, topN: Int, concentration: Double) {
        count = prepared.count
        width = prepared.width
        self.topN = topN
        alphas = prepared.weights.map { $0 * concentration }
        shares = prepared.shares
        presence = prepared.presence
        isComplete = prepared.isComplete
        precedence = prepared.precedence
        codeRank = prepared.codeRank
        var members: [[Int]] = []
        var hasEdges: [Bool] = []
        // Members in the order of the ranking at the chosen weights: the samples' orders are close to it, so each
        // sample's sort gets nearly sorted input (the standard library's sort finds the runs; about 3× faster).
        let (baseOrder, _) = prepared.order(totals: prepared.totals(weights: prepared.weights))
        for tier in RankingTier.allCases {
            let inTier = baseOrder.filter { prepared.tiers[$0] == tier }
            guard !inTier.isEmpty else { continue }
            members.append(inTier)
            hasEdges.append(inTier.contains { !prepared.precedence.dependents[$0].isEmpty })
        }
        tierMembers = members
        tierHasEdges = hasEdges
        var atIndex = [Int32](repeating: 0, count: prepared.count)
        for p in 0..<prepared.count { atIndex[Int(prepared.precedence.topologicalIndex[p])] = Int32(p) }
        projectAtTopologicalIndex = atIndex
        let buckets = prepared.count <= 2_048 ? prepared.count : max(64, 4_194_304 / prepared.count)
        bucketWidth = (prepared.count + buckets - 1) / buckets
        self.buckets = (prepared.count + bucketWidth - 1) / bucketWidth
    }
}

/// One thread's reusable buffers.
struct MonteCarloSampler {
    let plan: MonteCarloPlan
    var weights: [Double]
    var totals: [Double]
    var anchor: [Int]
    var componentBest: [Int]
    var keys: [SortKey]

    struct SortKey {
        /// Bitwise not of the (effective) total's bit pattern: ascending order = total descending.
        var high: UInt64
        /// Anchor's code rank (high half) and the project's topological index (low half).
        var low: UInt64
    }

    init(_ plan: MonteCarloPlan) {
        self.plan = plan
        weights = [Double](repeating: 0, count: plan.width)
        totals = [Double](repeating: 0, count: plan.count)
        anchor = Array(0..<plan.count)
        componentBest = [Int](repeating: 0, count: plan.precedence.components.count)
        keys = []
        keys.reserveCapacity(plan.count)
    }

    mutating func sample(_ random: inout SeededRandom, into tally: RankTally) {
        random.dirichlet(plan.alphas, into: &weights)
        computeTotals()
        if plan.precedence.hasEdges { propagateAnchors() }
        var offset = 0
        for (t, members) in plan.tierMembers.enumerated() {
            keys.removeAll(keepingCapacity: true)
            let edges = plan.tierHasEdges[t]
            for p in members {
                let a = edges ? anchor[p] : p
                keys.append(SortKey(high: ~totals[a].bitPattern,
                                    low: UInt64(UInt32(plan.codeRank[a])) << 32 | UInt64(UInt32(plan.precedence.topologicalIndex[p]))))
            }
            keys.sort { $0.high < $1.high || ($0.high == $1.high && $0.low < $1.low) }
            tally.record(keys, offset: offset, plan: plan)
            offset += members.count
        }
    }

    private mutating func computeTotals() {
        let width = plan.width
        var weightSum = 0.0
        for k in 0..<width { weightSum += weights[k] }
        plan.shares.withUnsafeBufferPointer { shares in
            plan.presence.withUnsafeBufferPointer { presence in
                weights.withUnsafeBufferPointer { w in
                    totals.withUnsafeMutableBufferPointer { totals in
                        for p in 0..<plan.count {
                            let row = p * width
                            var sum = 0.0
                            for k in 0..<width { sum += w[k] * shares[row + k] }
                            var denominator = weightSum
                            if !plan.isComplete[p] {
                                denominator = 0
                                for k in 0..<width { denominator += w[k] * presence[row + k] }
                            }
                            // The same formula as PreparedRanking.total, so ranks agree with `Ranking`.
                            totals[p] = denominator > 0 ? sum / denominator : 0
                        }
                    }
                }
            }
        }
    }

    /// Effective keys as in `Precedence.effectiveKeys`, into the reused buffers.
    private mutating func propagateAnchors() {
        let precedence = plan.precedence
        for c in precedence.components.indices {
            var best = -1
            for m in precedence.components[c] where best < 0 || Precedence.isBetter(m, than: best, totals, plan.codeRank) {
                best = m
            }
            for s in precedence.componentSuccessors[c] where Precedence.isBetter(componentBest[s], than: best, totals, plan.codeRank) {
                best = componentBest[s]
            }
            componentBest[c] = best
        }
        for p in 0..<plan.count { anchor[p] = componentBest[precedence.componentOf[p]] }
    }
}

/// Counts per project: in the top N, best and worst rank, and a rank histogram. Each thread has its own; they
/// are only read after all threads are done.
final class RankTally: @unchecked Sendable {
    var inTopN: [Int]
    var best: [Int32]
    var worst: [Int32]
    var histogram: [UInt32]
    let buckets: Int

    init(count: Int, buckets: Int) {
        self.buckets = buckets
        inTopN = [Int](repeating: 0, count: count)
        best = [Int32](repeating: .max, count: count)
        worst = [Int32](repeating: 0, count: count)
        histogram = [UInt32](repeating: 0, count: count * buckets)
    }

    func record(_ keys: [MonteCarloSampler.SortKey], offset: Int, plan: MonteCarloPlan) {
        let bucketWidth = plan.bucketWidth, topN = plan.topN, buckets = buckets
        plan.projectAtTopologicalIndex.withUnsafeBufferPointer { projectAt in
            histogram.withUnsafeMutableBufferPointer { histogram in
                for (position, key) in keys.enumerated() {
                    let p = Int(projectAt[Int(key.low & 0xFFFF_FFFF)])
                    let rank = offset + position + 1
                    if rank <= topN { inTopN[p] += 1 }
                    let rank32 = Int32(rank)
                    if rank32 < best[p] { best[p] = rank32 }
                    if rank32 > worst[p] { worst[p] = rank32 }
                    histogram[p * buckets + (rank - 1) / bucketWidth] &+= 1
                }
            }
        }
    }

    func add(_ other: RankTally) {
        for p in inTopN.indices {
            inTopN[p] += other.inTopN[p]
            best[p] = min(best[p], other.best[p])
            worst[p] = max(worst[p], other.worst[p])
        }
        for i in histogram.indices { histogram[i] &+= other.histogram[i] }
    }

    func outcome(for p: Int, id: String, samples: Int, bucketWidth: Int) -> MonteCarloOutcome {
        let row = p * buckets
        func percentile(_ share: Double) -> Int {
            let needed = max(1, Int((share * Double(samples) - 1e-9).rounded(.up)))
            var cumulative = 0
            for bucket in 0..<buckets {
                cumulative += Int(histogram[row + bucket])
                if cumulative >= needed {
                    let rank = bucket * bucketWidth + 1 + (bucketWidth - 1) / 2
                    return min(max(rank, Int(best[p])), Int(worst[p]))
                }
            }
            return Int(worst[p])
        }
        return MonteCarloOutcome(id: id, probabilityTopN: Double(inTopN[p]) / Double(samples),
                                 bestRank: Int(best[p]), worstRank: Int(worst[p]), medianRank: percentile(0.5),
                                 rank5: percentile(0.05), rank95: percentile(0.95))
    }
}

/// What one request may ask of a Monte-Carlo run, the same for the web page, the API and anything else: the
/// cheapest way in must not allow more work than the others (a run of the maximum takes well under a second).
public enum SensitivityRequestLimits {
    public static let defaultSamples = 2_000
    public static let maximumSamples = 20_000
    public static let defaultConcentration = 100.0
    public static let maximumConcentration = 100_000.0

    /// The top N a run looks at: the round's setting, but never more than there are projects.
    public static func topN(_ requested: Int, projectCount: Int) -> Int {
        min(requested, max(1, projectCount))
    }

    /// Why a requested run is refused: samples outside 1…`maximumSamples`, a concentration that is not above 0
    /// and at most `maximumConcentration` (also NaN). Empty: the run may go ahead.
    public static func problems(samples: Int, concentration: Double) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if !(1...maximumSamples).contains(samples) { problems.append(FieldProblem("samples", .outOfRange(min: 1, max: maximumSamples))) }
        if !(concentration > 0 && concentration <= maximumConcentration) { problems.append(FieldProblem("concentration", .notADecimal)) }
        return problems
    }
}
