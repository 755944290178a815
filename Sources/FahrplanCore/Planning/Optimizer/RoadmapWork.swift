import Foundation

/// Counts the solver's work in deterministic units (roughly: resource entries looked at) and says when to stop:
/// the work limit is the normal end (same input, same result on every machine); the wall clock and the
/// cancellation flag are only polled every few thousand units, as a safety net.
final class RoadmapWork {
    private(set) var done = 0
    let limit: Int
    private let deadline: Date
    private let isCancelled: (@Sendable () -> Bool)?
    private var nextPoll = 0
    /// Set once the time limit or a cancellation ended the search (then the result may differ between runs).
    private(set) var interrupted = false

    init(options: RoadmapSolverOptions, workLimit: Int) {
        limit = max(0, workLimit)
        deadline = Date().addingTimeInterval(max(0, options.timeLimit))
        isCancelled = options.isCancelled
    }

    @inline(__always)
    func add(_ units: Int) { done &+= units }

    /// True when the search must end now.
    var exhausted: Bool {
        if interrupted || done >= limit { return true }
        if done >= nextPoll {
            nextPoll = done + 20_000
            if Date() >= deadline || isCancelled?() == true { interrupted = true }
        }
        return interrupted
    }

    /// Share of the work limit used (for progress reports).
    var fraction: Double { limit > 0 ? min(1, Double(done) / Double(limit)) : 1 }

    /// Whether `share` of the work limit is used up (phases of the solve get shares of the budget).
    func reached(_ share: Double) -> Bool { exhausted || Double(done) >= share * Double(limit) }
}

/// SplitMix64: a tiny deterministic generator, so the same input gives the same schedule everywhere.
struct RoadmapRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
