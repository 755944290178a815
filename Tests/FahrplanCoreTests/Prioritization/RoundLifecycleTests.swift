import FahrplanCore
import Foundation
import Testing

@Suite("Round lifecycle rules: who sees results when, AHP weights as points, sensitivity request limits")
struct RoundLifecycleTests {
    @Test("a closed round's results are open to every reader, whatever they did as raters")
    func closedRound() {
        for submitted in [nil, false, true] as [Bool?] {
            #expect(ResultsVisibility.maySee(.closed, raterSubmitted: submitted, canRead: true, canManage: false))
            #expect(!ResultsVisibility.maySee(.closed, raterSubmitted: submitted, canRead: false, canManage: false))
        }
    }

    @Test("while the round runs a rater sees nothing before handing in, even as a member of the team")
    func noAnchoring() {
        for status in [RoundStatus.draft, .rating] {
            #expect(!ResultsVisibility.maySee(status, raterSubmitted: false, canRead: true, canManage: true))
            #expect(ResultsVisibility.maySee(status, raterSubmitted: true, canRead: true, canManage: false))
        }
    }

    @Test("while the round runs the team sees results, other readers do not")
    func teamAndReaders() {
        #expect(ResultsVisibility.maySee(.rating, raterSubmitted: nil, canRead: true, canManage: true))
        #expect(!ResultsVisibility.maySee(.rating, raterSubmitted: nil, canRead: true, canManage: false))
    }

    @Test("AHP weights become points summing to 100, to one decimal")
    func ahpPoints() throws {
        // Consistent judgments 4 : 2 : 1 → weights 4/7, 2/7, 1/7.
        let matrix = try PairwiseMatrix(size: 3, judgments: [PairwiseJudgment(row: 0, column: 1, value: 2),
                                                             PairwiseJudgment(row: 0, column: 2, value: 4),
                                                             PairwiseJudgment(row: 1, column: 2, value: 2)])
        #expect(AHP.evaluate(matrix).points == [57.1, 28.6, 14.3])
    }

    @Test("a Monte-Carlo request within the limits passes; outside them both fields are named")
    func sensitivityLimits() {
        #expect(SensitivityRequestLimits.problems(samples: 1, concentration: SensitivityRequestLimits.maximumConcentration).isEmpty)
        #expect(SensitivityRequestLimits.problems(samples: SensitivityRequestLimits.maximumSamples, concentration: 0.5).isEmpty)
        #expect(SensitivityRequestLimits.problems(samples: 0, concentration: 0).map(\.field) == ["samples", "concentration"])
        #expect(SensitivityRequestLimits.problems(samples: SensitivityRequestLimits.maximumSamples + 1, concentration: .nan)
                .map(\.field) == ["samples", "concentration"])
        #expect(SensitivityRequestLimits.problems(samples: 10, concentration: SensitivityRequestLimits.maximumConcentration * 2)
                == [FieldProblem("concentration", .notADecimal)])
    }
}
