@testable import FahrplanCore
import Foundation
import Testing

@Suite("RatingAggregation: mean, median, spread and disputed scores")
struct RatingAggregationTests {
    static let scale = RankingTestData.criterion("benefit")

    @Test("mean and median of an odd and an even number of scores")
    func centre() {
        #expect(RatingAggregation.summarize([4, 1, 3], .mean, on: Self.scale).value == 8.0 / 3)
        #expect(RatingAggregation.summarize([4, 1, 3], .median, on: Self.scale).value == 3)
        #expect(RatingAggregation.summarize([4, 1, 3, 2], .median, on: Self.scale).value == 2.5)
        #expect(RatingAggregation.summarize([0, 0, 0, 4], .median, on: Self.scale).value == 0)
        #expect(RatingAggregation.summarize([0, 0, 0, 4], .mean, on: Self.scale).value == 1)
        let many = (0..<101).map { $0 % 5 }   // 21 zeros … 20 fours, more than the stack-sorted handful
        #expect(RatingAggregation.summarize(many, .median, on: Self.scale).value == 2)
        #expect(RatingAggregation.summarize(many + [4], .median, on: Self.scale).value == 2)
        #expect(RatingAggregation.summarize([3, 0, 4, 1, 2, 4], .median, on: Self.scale).value == 2.5)
    }

    @Test("spread, population standard deviation, minimum and maximum")
    func dispersion() {
        let summary = RatingAggregation.summarize([1, 3], .mean, on: Self.scale)
        #expect(summary == ScoreSummary(value: 2, count: 2, minimum: 1, maximum: 3, spread: 2, standardDeviation: 1, disputed: true))
        let four = RatingAggregation.summarize([2, 4, 4, 4, 5, 5, 7, 9], .mean, on: RankingTestData.criterion("x"))
        #expect(four.standardDeviation == 2)   // the textbook example: mean 5, population σ 2
        #expect(four.spread == 7)
    }

    @Test("disputed from half the scale's span: 2 points on 0–4, tunable")
    func disputed() {
        #expect(RatingAggregation.summarize([1, 2, 2], .median, on: Self.scale).disputed == false)
        #expect(RatingAggregation.summarize([1, 2, 3], .median, on: Self.scale).disputed == true)
        #expect(RatingAggregation.summarize([0, 4], .median, on: Self.scale, disputeShare: 1).disputed == true)
        #expect(RatingAggregation.summarize([0, 3], .median, on: Self.scale, disputeShare: 1).disputed == false)
        #expect(RatingAggregation.summarize([2, 2], .mean, on: Self.scale, disputeShare: 0).disputed == false)
        let oneToThree = Criterion(key: "k", name: "K", levels: (1...3).map { ScaleLevel(value: $0, label: "\($0)") })
        #expect(RatingAggregation.summarize([1, 2], .mean, on: oneToThree).disputed == true)   // 1 ≥ 0.5 · 2
    }

    @Test("no scores: no value (never invented), nothing disputed; one score is its own value")
    func emptyAndSingle() {
        #expect(RatingAggregation.summarize([], .mean, on: Self.scale)
            == ScoreSummary(value: nil, count: 0, minimum: nil, maximum: nil, spread: 0, standardDeviation: 0, disputed: false))
        #expect(RatingAggregation.summarize([3], .median, on: Self.scale)
            == ScoreSummary(value: 3, count: 1, minimum: 3, maximum: 3, spread: 0, standardDeviation: 0, disputed: false))
    }
}
