@testable import FahrplanCore
import Testing

/// Tests, benchmarks and `SeededRandom` draw their reproducible data from `SplitMix64`; these numbers pin the
/// sequences, so a change to the generator cannot silently change every seeded test and benchmark figure.
@Suite("SplitMix64: the reproducible stream behind seeded tests, benchmarks and SeededRandom")
struct SplitMix64Tests {
    @Test("the reference sequence (Vigna's splitmix64.c, seed 1234567)")
    func referenceSequence() {
        var random = SplitMix64(seed: 1_234_567)
        #expect((0..<5).map { _ in random.next() } == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test("uniform and int are the draws the former copies made: top 53 bits, remainder of one draw")
    func derivedDraws() {
        var random = SplitMix64(seed: 2026)
        #expect(random.uniform() == Double(15_824_617_304_438_902_051 as UInt64 >> 11) / Double(1 << 53))
        #expect(random.int(7...11) == 8)
        var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
        for _ in 0..<1_000 {
            #expect(a.int(3..<20) == 3 + Int(b.next() % 17))
        }
    }

    @Test("SeededRandom is still seeded by SplitMix64: its first numbers for seed 1 are unchanged")
    func seedsSeededRandom() {
        var random = SeededRandom(seed: 1)
        #expect((0..<3).map { _ in random.next() } == [12_966_619_160_104_079_557, 9_600_361_134_598_540_522, 10_590_380_919_521_690_900])
    }
}
