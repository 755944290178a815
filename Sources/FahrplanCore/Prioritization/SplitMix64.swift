/// SplitMix64 (Steele, Lea & Flood 2014, with Vigna's constants): one 64-bit state, each number a mix of the
/// state after adding the golden-ratio gamma. Same seed, same numbers, on every platform and Swift release —
/// unlike the standard library's generator, and unlike `Int.random(in:using:)`, whose way of drawing may change.
/// It seeds `SeededRandom`, and makes test and benchmark data reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A number of `range` from the remainder of one draw: the bias (at most count / 2^64) does not matter for
    /// generated data, and the numbers never depend on how the standard library draws.
    public mutating func int(_ range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "empty range")
        return range.lowerBound + Int(next() % UInt64(range.count))
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
