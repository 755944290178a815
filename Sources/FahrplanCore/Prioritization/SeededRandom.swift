import Foundation

/// A reproducible random stream: xoshiro256** (Blackman & Vigna), its 256-bit state filled from the seed by
/// SplitMix64 as its authors recommend. Same seed, same numbers, on every platform. `jump()` advances by 2^128
/// steps, which gives non-overlapping streams for parallel chunks of one computation.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64
    /// The second normal deviate of the polar method, kept for the next call.
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotate(s3, 45)
        return result
    }

    /// Advances the stream by 2^128 numbers (the reference jump polynomial).
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 { t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3 }
                _ = next()
            }
        }
        s0 = t0; s1 = t1; s2 = t2; s3 = t3
        spareNormal = nil
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in (0, 1): safe for logarithms and powers.
    @inline(__always)
    public mutating func uniformOpen() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }

    /// Standard normal deviate (Marsaglia's polar method).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000); for shape < 1 the boost Gamma(a) = Gamma(a + 1) · U^(1/a).
    /// Shape 0 (a criterion without weight) gives 0.
    public mutating func gamma(shape: Double) -> Double {
        guard shape > 0 else { return 0 }
        if shape < 1 { return gamma(shape: shape + 1) * pow(uniformOpen(), 1 / shape) }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniformOpen()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A Dirichlet(alphas) sample into `result` (same count): independent gammas divided by their sum. When all
    /// gammas underflow to 0 (only with tiny alphas) the alphas' own proportions are used.
    public mutating func dirichlet(_ alphas: [Double], into result: inout [Double]) {
        var sum = 0.0
        for k in alphas.indices {
            let g = gamma(shape: alphas[k])
            result[k] = g
            sum += g
        }
        if sum > 0 && sum.isFinite {
            for k in alphas.indices { result[k] /= sum }
        } else {
            let total = alphas.reduce(0, +)
            for k in alphas.indices { result[k] = total > 0 ? alphas[k] / total : 0 }
        }
    }
}
