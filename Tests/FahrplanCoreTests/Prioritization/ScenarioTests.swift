@testable import FahrplanCore
import Foundation
import Testing

@Suite("Scenario: changes applied, rankings compared before and after")
struct ScenarioTests {
    typealias Data = RankingTestData

    static let criteria = [
        WeightedCriterion(criterion: Data.criterion("benefit", "Bürgernutzen"), weight: 2),
        WeightedCriterion(criterion: Data.criterion("relief", "Entlastung"), weight: 2),
    ]
    /// Before: A (4, 0) 50, B (0, 3) 37.5, C (1, 1) 25, D (2, 2) 50.
    static let projects = [
        RankingProject(id: "a", code: "A", title: "Antrag online", values: ["benefit": 4, "relief": 0]),
        RankingProject(id: "b", code: "B", title: "Bürgerportal", values: ["benefit": 0, "relief": 3]),
        RankingProject(id: "c", code: "C", title: "Chatbot", values: ["benefit": 1, "relief": 1]),
        RankingProject(id: "d", code: "D", title: "DMS", values: ["benefit": 2, "relief": 2]),
    ]

    @Test("weights change, a criterion is added, projects are marked urgent")
    func apply() throws {
        let crisis = Data.criterion("crisis", "Krisenrelevanz")
        let changes = ScenarioChanges(weights: ["relief": 6],
                                      addedCriteria: [AddedCriterion(criterion: crisis, weight: 2, values: ["c": 4, "a": 0])],
                                      urgentProjectIDs: ["b"])
        let (criteria, projects) = try ScenarioApplication.apply(changes, to: Self.criteria, Self.projects)
        #expect(criteria.map(\.criterion.key) == ["benefit", "relief", "crisis"])
        #expect(criteria.map(\.weight) == [2, 6, 2])
        #expect(projects.map(\.urgent) == [false, true, false, false])
        #expect(projects[2].values == ["benefit": 1, "relief": 1, "crisis": 4])
        #expect(projects[3].values["crisis"] == nil)   // not assessed: missing, not 0

        // Bürgerportal is urgent now: first. Relief weighs 0.6 now: D (2, 2, missing crisis) = 50;
        // C = (0.2·0.25 + 0.6·0.25 + 0.2·1) = 0.4; A = 0.2·1 + 0 + 0 = 0.2.
        let before = try Ranking.rank(Self.criteria, Self.projects)
        let after = try Ranking.rank(criteria, projects)
        #expect(before.map(\.id) == ["a", "d", "b", "c"])
        #expect(after.map(\.id) == ["b", "d", "c", "a"])
        let movements = RankingComparison.compare(before: before, after: after)
        #expect(movements.map(\.id) == ["b", "d", "c", "a"])
        #expect(movements.map(\.delta) == [2, 0, 1, -3])
        #expect(movements[0].before == 3 && movements[0].after == 1)
        #expect(movements[0].reasons.first == .becameUrgent)
        #expect(!movements[0].reasons.contains(.tierChanged(from: .regular, to: .urgent)))
        // A lost most through benefit's smaller weight (50 → 20), C gained through the new criterion (+20).
        #expect(movements[3].reasons.count == 1)
        #expect(Self.isCriterion(movements[3].reasons[0], "benefit", -30))
        #expect(movements[2].reasons.count == 3)
        #expect(Self.isCriterion(movements[2].reasons[0], "crisis", 20))
        #expect(Self.isCriterion(movements[2].reasons[1], "benefit", -7.5))
        #expect(MovementReason.criterion(key: "benefit", points: -30).text(english: false, names: ["benefit": "Bürgernutzen"]) == "Bürgernutzen −30,0")
        #expect(MovementReason.becameUrgent.text(english: true) == "marked urgent")
        #expect(MovementReason.tierChanged(from: .regular, to: .urgent).text(english: false) == "Stufe „Regulär“ → „Dringlich“")
    }

    static func isCriterion(_ reason: MovementReason, _ key: String, _ points: Double) -> Bool {
        guard case .criterion(let actualKey, let actualPoints) = reason else { return false }
        return actualKey == key && abs(actualPoints - points) < 1e-9
    }

    @Test("an inherited tier shows as a tier change; projects only on one side have no place there")
    func tierChangeAndMissing() throws {
        var projects = Self.projects
        projects[2].prerequisiteOf = ["b"]
        let before = try Ranking.rank(Self.criteria, projects)
        let (criteria, changed) = try ScenarioApplication.apply(ScenarioChanges(urgentProjectIDs: ["b"]), to: Self.criteria, projects)
        let after = try Ranking.rank(criteria, changed.filter { $0.id != "d" } + [RankingProject(id: "e", code: "E", values: ["benefit": 1])])
        let movements = RankingComparison.compare(before: before, after: after)
        let c = try #require(movements.first { $0.id == "c" })
        #expect(c.reasons == [.tierChanged(from: .regular, to: .urgent)])
        #expect(c.before == 3 && c.after == 1 && c.delta == 2)
        let e = try #require(movements.first { $0.id == "e" })
        #expect(e.before == nil && e.delta == 0)
        #expect(movements.last?.id == "d" && movements.last?.after == nil)
    }

    @Test("unknown criteria, projects and values off the scale are refused")
    func refusals() {
        #expect(throws: ValidationFailure([FieldProblem("weights", .unknownReference)])) {
            try ScenarioApplication.apply(ScenarioChanges(weights: ["nope": 1]), to: Self.criteria, Self.projects)
        }
        #expect(throws: ValidationFailure([FieldProblem("weights", .negative)])) {
            try ScenarioApplication.apply(ScenarioChanges(weights: ["benefit": -1]), to: Self.criteria, Self.projects)
        }
        #expect(throws: ValidationFailure([FieldProblem("urgentProjectIDs", .unknownReference)])) {
            try ScenarioApplication.apply(ScenarioChanges(urgentProjectIDs: ["x"]), to: Self.criteria, Self.projects)
        }
        let duplicate = AddedCriterion(criterion: Data.criterion("benefit"), weight: 1)
        #expect(throws: ValidationFailure([FieldProblem("addedCriteria.key", .duplicate)])) {
            try ScenarioApplication.apply(ScenarioChanges(addedCriteria: [duplicate]), to: Self.criteria, Self.projects)
        }
        let offScale = AddedCriterion(criterion: Data.criterion("crisis"), weight: 1, values: ["a": 5, "zz": 1])
        #expect(throws: ValidationFailure([FieldProblem("addedCriteria.values", .outOfRange(min: 0, max: 4)),
                                           FieldProblem("addedCriteria.values", .unknownReference)])) {
            try ScenarioApplication.apply(ScenarioChanges(addedCriteria: [offScale]), to: Self.criteria, Self.projects)
        }
    }
}
