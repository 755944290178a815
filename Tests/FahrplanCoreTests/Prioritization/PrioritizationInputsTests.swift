@testable import FahrplanCore
import Foundation
import Testing

@Suite("Prioritization inputs: criteria, rounds, ratings, pairwise judgments, scenarios, decisions")
struct PrioritizationInputsTests {
    static func problems(_ check: () throws -> Void) -> [FieldProblem] {
        do {
            try check()
            return []
        } catch let failure as ValidationFailure {
            return failure.problems
        } catch {
            return [FieldProblem("unexpected \(error)", .required)]
        }
    }

    static let scale = Criterion(key: "benefit", name: "Nutzen", levels: (0...4).map { ScaleLevel(value: $0, label: "Stufe \($0)") })

    @Test("a criterion: blank level rows are skipped, the weight is read as typed, bad fields are all named")
    func criterion() throws {
        let (criterion, weight) = try CriterionInput(key: "benefit", name: " Nutzen ", levelValues: ["0", "", "4"],
                                                     levelLabels: ["keiner", "", "hoch"], levelDescriptions: ["", "", ""],
                                                     defaultWeight: "12,5").validated()
        #expect(criterion.name == "Nutzen" && criterion.levels.map(\.value) == [0, 4] && weight == 12.5)
        #expect(criterion.source == .rating && criterion.direction == .higherIsBetter)
        let wrong = Self.problems { _ = try CriterionInput(key: "1 bad", name: "", direction: "sideways", defaultWeight: "-1").validated() }
        #expect(wrong.map(\.field) == ["key", "name", "direction", "defaultWeight"])
        #expect(wrong.map(\.kind) == [.invalidKey, .required, .invalidChoice, .negative])
        // A scale of one level is refused by the criterion's own check.
        #expect(Self.problems { _ = try CriterionInput(key: "k", name: "n", levelValues: ["1"], levelLabels: ["x"]).validated() }
            .contains { $0.kind == .scaleTooShort })
    }

    @Test("a round: defaults for aggregation and short list, the rules as given, bad fields named")
    func round() throws {
        let settings = try RoundInput(title: "Priorisierung 2027", inheritUrgency: false).validated()
        #expect(settings.aggregation == .mean && settings.topN == 10 && settings.description == "")
        #expect(settings.rules == RankingRules(legalDeadlineFirst: true, inheritUrgency: false))
        let wrong = Self.problems { _ = try RoundInput(title: " ", aggregation: "mode", topN: "0").validated() }
        #expect(wrong.map(\.field) == ["title", "aggregation", "topN"])
    }

    @Test("ratings: projects of the round, rated criteria, scores on the scale; blank removes a score")
    func ratings() throws {
        let project = UUID()
        let criteria = ["benefit": Self.scale,
                        "legal": Criterion(key: "legal", name: "Pflicht", levels: Self.scale.levels, source: .legalObligation)]
        let values = try RatingInput.validated([RatingInput(projectID: project.uuidString, criterionKey: "benefit", score: "3", justification: " gut "),
                                                RatingInput(projectID: project.uuidString, criterionKey: "benefit", score: " ")],
                                               projects: [project], criteria: criteria)
        #expect(values == [RatingValues(projectID: project, criterionKey: "benefit", score: 3, justification: "gut"),
                           RatingValues(projectID: project, criterionKey: "benefit", score: nil, justification: "")])
        let wrong = Self.problems {
            _ = try RatingInput.validated([RatingInput(projectID: UUID().uuidString, criterionKey: "benefit", score: "1"),
                                           RatingInput(projectID: project.uuidString, criterionKey: "legal", score: "1"),
                                           RatingInput(projectID: project.uuidString, criterionKey: "benefit", score: "5")],
                                          projects: [project], criteria: criteria)
        }
        #expect(wrong.map(\.field) == ["ratings[0].projectID", "ratings[1].criterionKey", "ratings[2].score"])
    }

    @Test("pairwise judgments: Saaty values as typed, stored once per pair in the round's order")
    func pairwise() throws {
        #expect(PairwiseInput.saatyValue("1/5") == 0.2 && PairwiseInput.saatyValue(" 3 ") == 3 && PairwiseInput.saatyValue("0,2") == 0.2)
        #expect(PairwiseInput.saatyValue("10") == nil && PairwiseInput.saatyValue("1/0") == nil)
        let values = try PairwiseInput.validated([PairwiseInput(a: "c", b: "a", value: "1/3"), PairwiseInput(a: "a", b: "b", value: "")],
                                                 keys: ["a", "b", "c"])
        #expect(values == [PairwiseValues(first: 0, second: 2, value: 3)])
        let wrong = Self.problems {
            _ = try PairwiseInput.validated([PairwiseInput(a: "a", b: "x", value: "3"), PairwiseInput(a: "a", b: "a", value: "3"),
                                             PairwiseInput(a: "a", b: "b", value: "11"), PairwiseInput(a: "a", b: "b", value: "3"),
                                             PairwiseInput(a: "b", b: "a", value: "3")], keys: ["a", "b"])
        }
        #expect(wrong.map(\.kind) == [.unknownReference, .comparedWithItself, .notSaatyValue, .duplicate])
    }

    @Test("a scenario: weights, urgent projects of the round and an event criterion met by the chosen projects")
    func scenario() throws {
        let criteria = [WeightedCriterion(criterion: Self.scale, weight: 10)]
        let projects = [RankingProject(id: "p1", code: "P1"), RankingProject(id: "p2", code: "P2")]
        let values = try ScenarioInput(name: "Pandemie", weights: ["benefit": "20"], urgentProjectIDs: ["p2", ""], addedName: "Krisenrelevanz",
                                       addedWeight: "5", addedProjectIDs: ["p1"]).validated(criteria: criteria, projects: projects)
        #expect(values.changes.weights == ["benefit": 20] && values.changes.urgentProjectIDs == ["p2"])
        #expect(values.changes.addedCriteria.map(\.criterion.key) == ["event"])
        #expect(values.changes.addedCriteria.first?.values == ["p1": 4, "p2": 0])
        let wrong = Self.problems {
            _ = try ScenarioInput(name: "", urgentProjectIDs: ["elsewhere"], addedKey: "benefit", addedName: "Doppelt")
                .validated(criteria: criteria, projects: projects)
        }
        #expect(wrong.map(\.field) == ["name", "addedKey", "addedWeight", "urgentProjectIDs"])
        // Weights of criteria the round does not have are refused by the scenario's application.
        #expect(!Self.problems { _ = try ScenarioInput(name: "X", weights: ["nope": "1"]).validated(criteria: criteria, projects: projects) }.isEmpty)
    }

    @Test("a decision: who, when (blank is today), why")
    func decision() throws {
        let today = CalendarDay(iso: "2026-05-04")!
        #expect(try DecisionInput(decidedBy: "Rat", rationale: "Weil.").validated(today: today).decidedOn == today)
        #expect(try DecisionInput(decidedBy: "Rat", decidedOn: "02.03.2026", rationale: "Weil.").validated(today: today).decidedOn.iso == "2026-03-02")
        let wrong = Self.problems { _ = try DecisionInput(decidedBy: " ", decidedOn: "31.02.2026").validated(today: today) }
        #expect(wrong.map(\.field) == ["decidedBy", "decidedOn", "rationale"])
    }

    @Test("decisions recorded by hand are only start and defer, and they move the project to approved and deferred")
    func manualDecisions() {
        #expect(DecisionKind.manual == [.startProject, .deferProject])
        #expect(DecisionKind.startProject.resultingStatus == .approved)
        #expect(DecisionKind.deferProject.resultingStatus == .deferred)
        #expect(DecisionKind.allCases.filter { $0.resultingStatus != nil } == DecisionKind.manual)
    }
}
