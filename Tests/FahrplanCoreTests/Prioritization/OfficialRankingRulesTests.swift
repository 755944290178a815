import FahrplanCore
import Foundation
import Testing

@Suite("Decided ranks carried over to the next ranking version")
struct DecidedRankCarryOverTests {
    static let a = UUID(), b = UUID(), gone = UUID()

    @Test("a decided rank stays in force while the project is ranked; one of a project no longer ranked drops out")
    func carried() {
        let carry = DecidedRankCarryOver(previous: [Self.a: 3, Self.b: 1, Self.gone: 2], rankedCodes: [Self.a: "P-07", Self.b: "P-02"])
        #expect(carry.decidedRanks == [Self.a: 3, Self.b: 1])
        #expect(carry.notes == ["P-02 → 1", "P-07 → 3"])
        #expect(carry.summary("Szenario übernommen") == "Szenario übernommen (beschlossene Ränge übernommen: P-02 → 1, P-07 → 3)")
    }

    @Test("without decided ranks the summary stays as it is, also when long; with them it is cut to the limit")
    func summaryLimits() {
        let long = String(repeating: "x", count: 600)
        #expect(DecidedRankCarryOver(previous: [:], rankedCodes: [Self.a: "P-01"]).summary(long) == long)
        let carry = DecidedRankCarryOver(previous: [Self.a: 1], rankedCodes: [Self.a: "P-01"])
        #expect(carry.summary(long).count == 500)
        #expect(carry.summary("ok", maxLength: 10) == "ok (beschl")
    }

    @Test("the decided order: decided ranks first at their position, then computed ones; ties by computed rank")
    func decidedOrder() {
        // (computed, decided): P3 was set to position 1 by hand; P1 computed 1 comes right after it.
        let lines: [(code: String, computed: Int, decided: Int?)] = [("P1", 1, nil), ("P2", 2, nil), ("P3", 3, 1), ("P4", 4, 2)]
        let ordered = lines.sorted { DecidedOrder.precedes(computed: $0.computed, decided: $0.decided, computed: $1.computed, decided: $1.decided) }
        #expect(ordered.map(\.code) == ["P3", "P1", "P4", "P2"])
        #expect(DecidedOrder.precedes(computed: 5, decided: 2, computed: 3, decided: 2) == false)
        #expect(DecidedOrder.precedes(computed: 3, decided: 2, computed: 5, decided: 2))
    }

    @Test("a scenario's criteria are the round's in their order, then the ones it adds; a key the round has is not doubled")
    func scenarioCriterionNames() {
        let scale = (0...4).map { ScaleLevel(value: $0, label: "\($0)") }
        let changes = ScenarioChanges(addedCriteria: [
            AddedCriterion(criterion: Criterion(key: "crisis", name: "Krisenrelevanz", levels: scale), weight: 1),
            AddedCriterion(criterion: Criterion(key: "benefit", name: "Anders benannt", levels: scale), weight: 1),
        ])
        let named = changes.criterionNames(round: [(key: "benefit", name: "Nutzen"), (key: "cost", name: "Kosten")])
        #expect(named.map(\.key) == ["benefit", "cost", "crisis"])
        #expect(named.map(\.name) == ["Nutzen", "Kosten", "Krisenrelevanz"])
    }
}
