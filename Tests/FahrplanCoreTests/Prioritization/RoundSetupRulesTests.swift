import FahrplanCore
import Foundation
import Testing

@Suite("Round setup rules: default scope, readiness to open, direct weights")
struct RoundSetupRulesTests {
    static func weighted(_ key: String, _ weight: Double, source: CriterionSource = .rating) -> WeightedCriterion {
        WeightedCriterion(criterion: Criterion(key: key, name: key, levels: (0...4).map { ScaleLevel(value: $0, label: "\($0)") },
                                               source: source), weight: weight)
    }

    @Test("a new round takes submitted, in-review and prioritized projects; not ideas, nor decided or closed ones")
    func defaultScope() {
        #expect(RoundSettings.defaultProjectStatuses == [.submitted, .inReview, .prioritized])
        for status in [ProjectStatus.idea, .approved, .inProgress, .completed, .deferred, .cancelled] {
            #expect(!RoundSettings.defaultProjectStatuses.contains(status))
        }
    }

    @Test("a round opens with criteria, weights, projects and raters")
    func ready() {
        #expect(RoundReadiness.problemsOpening(criteria: [Self.weighted("benefit", 1)], projectCount: 1, raterCount: 1).isEmpty)
    }

    @Test("opening names every missing piece, in the form's order")
    func notReady() {
        #expect(RoundReadiness.problemsOpening(criteria: [], projectCount: 0, raterCount: 0).map(\.field)
                == ["criterionIDs", "weights", "projectIDs"])
        #expect(RoundReadiness.problemsOpening(criteria: [Self.weighted("benefit", 0)], projectCount: 2, raterCount: 0)
                == [FieldProblem("weights", .weightsSumToZero), FieldProblem("raterIDs", .noRaters)])
    }

    @Test("criteria derived from the profile need no raters; one rated criterion does")
    func ratersOnlyForRatedCriteria() {
        let derived = [Self.weighted("legal", 1, source: .legalObligation), Self.weighted("cost", 1, source: .costBenefit)]
        #expect(RoundReadiness.problemsOpening(criteria: derived, projectCount: 1, raterCount: 0).isEmpty)
        #expect(RoundReadiness.problemsOpening(criteria: derived + [Self.weighted("benefit", 0)], projectCount: 1, raterCount: 0)
                == [FieldProblem("raterIDs", .noRaters)])
    }

    @Test("direct weights: numbers as people type them, one per criterion")
    func directWeights() throws {
        #expect(try DirectWeights.validated(["a": "2,5", "b": "0"], criterionKeys: ["a", "b"]) == ["a": 2.5, "b": 0])
    }

    @Test("direct weights refuse a missing or negative value, another criterion's key, and all zero")
    func directWeightsRefused() {
        #expect(throws: ValidationFailure.self) { try DirectWeights.validated(["a": "1"], criterionKeys: ["a", "b"]) }
        #expect(throws: ValidationFailure.self) { try DirectWeights.validated(["a": "-1"], criterionKeys: ["a"]) }
        #expect(throws: ValidationFailure([FieldProblem("weights.z", .unknownReference)])) {
            try DirectWeights.validated(["a": "1", "z": "1"], criterionKeys: ["a"])
        }
        #expect(throws: ValidationFailure([FieldProblem("weights", .weightsSumToZero)])) {
            try DirectWeights.validated(["a": "0", "b": "0"], criterionKeys: ["a", "b"])
        }
    }

    @Test("weight shares sum to 1; weights that sum to 0 give 0 shares")
    func shares() {
        #expect(WeightedCriterion.shares([Self.weighted("a", 3), Self.weighted("b", 1)]) == ["a": 0.75, "b": 0.25])
        #expect(WeightedCriterion.shares([Self.weighted("a", 0)]) == ["a": 0])
    }

    @Test("raters are members above a plain reader with an account that is not disabled")
    func raterEligibility() {
        #expect(RaterEligibility.isEligible(role: .rater, disabled: false))
        #expect(RaterEligibility.isEligible(role: .departmentLead, disabled: false))
        #expect(RaterEligibility.isEligible(role: .strategyTeam, disabled: false))
        #expect(!RaterEligibility.isEligible(role: .reader, disabled: false))
        #expect(!RaterEligibility.isEligible(role: nil, disabled: false))
        #expect(!RaterEligibility.isEligible(role: .strategyTeam, disabled: true))
    }
}
