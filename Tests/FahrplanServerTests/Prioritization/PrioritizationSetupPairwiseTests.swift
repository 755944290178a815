import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Prioritization set-up: pairwise comparisons (AHP) in the browser")
struct PrioritizationSetupPairwiseTests {
    let base = SetupFixtures.base

    static func comparisons(_ pairs: [(String, String, String)]) -> [(String, String)] {
        pairs.flatMap { [("a[]", $0.0), ("b[]", $0.1), ("value[]", $0.2)] }
    }

    @Test("comparing a criterion with itself or off Saaty's scale is refused; an inconsistent matrix is warned about with the worst comparisons; the team adopts the group's weights")
    func pairwise() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            _ = try await SetupFixtures.catalog(team, on: server)
            let projects = try await SetupFixtures.projectIDs(2, on: server)
            let id = try await SetupFixtures.openRound(team, keys: ["citizenBenefit", "staffRelief", "urgency"], projects: projects,
                                                       raters: [Fixtures.rater], on: server)
            let ahp = "\(base)/rounds/\(id)/ahp"
            let page = try await team.get(ahp)
            #expect(page.status == .ok)
            #expect(page.body.contains("name=\"value[]\""))
            #expect(page.body.contains("Bürgernutzen deutlich wichtiger (5)"))
            #expect(page.body.contains("Entlastung der Beschäftigten deutlich wichtiger (1/5)") || page.body.contains("deutlich wichtiger (1/5)"))
            #expect(page.body.contains("beide gleich wichtig (1)"))

            let itself = try await team.post(ahp, Self.comparisons([("citizenBenefit", "citizenBenefit", "3")]))
            #expect(itself.status == .unprocessableEntity)
            #expect(itself.body.contains("Ein Kriterium kann nicht mit sich selbst verglichen werden."))
            let offScale = try await team.post(ahp, Self.comparisons([("citizenBenefit", "staffRelief", "10")]))
            #expect(offScale.status == .unprocessableEntity)
            #expect(offScale.body.contains("Bitte einen Wert der Saaty-Skala wählen"))
            #expect(offScale.body.contains("aria-invalid=\"true\""))
            let stored = try await PairwiseComparison.query(on: server.db).filter(\.$round.$id == id).count()
            #expect(stored == 0)

            // A > B strongly, B > C strongly, yet C > A strongly: contradictory.
            let inconsistent = try await team.post(ahp, Self.comparisons([("citizenBenefit", "staffRelief", "5"), ("citizenBenefit", "urgency", "1/5"),
                                                                          ("staffRelief", "urgency", "5")]))
            #expect(inconsistent.status == .seeOther)
            let warned = try await team.get(ahp)
            #expect(warned.body.contains("Das Konsistenzverhältnis liegt über 0,10"))
            #expect(warned.body.contains("Bürgernutzen – Entlastung der Beschäftigten") || warned.body.contains("Bürgernutzen – Dringlichkeit"))
            #expect(warned.body.contains("λmax"))
            #expect(warned.body.contains("<option value=\"5\" selected>"), "own judgments are pre-filled")
            #expect(warned.body.contains("<option value=\"1/5\" selected>"))

            // The rater compares consistently; the group (geometric mean) is shown; the team adopts it.
            let rater = server.client()
            try await rater.login(Fixtures.rater)
            let consistent = try await rater.post(ahp, Self.comparisons([("citizenBenefit", "staffRelief", "3"), ("citizenBenefit", "urgency", "3"),
                                                                         ("staffRelief", "urgency", "1")]))
            #expect(consistent.status == .seeOther)
            let raterPage = try await rater.get(ahp)
            #expect(raterPage.body.contains("Frank Oltmanns") && raterPage.body.contains("Julia Sommerfeld"))
            #expect(!raterPage.body.contains("/ahp/adopt"), "only the team adopts weights")
            let raterAdopt = try await rater.post(ahp + "/adopt", [])
            #expect(raterAdopt.status == .forbidden)

            let adopted = try await team.post(ahp + "/adopt", [])
            #expect(adopted.status == .seeOther)
            let round = try await SetupFixtures.round(id, on: server)
            #expect(round.weightingMethod == .ahp)
            let weights = try await SetupFixtures.roundCriteria(id, on: server).map(\.weight)
            #expect(abs(weights.reduce(0, +) - 100) < 0.5)
            let roundPage = try await team.get("\(base)/rounds/\(id)?adopted=1")
            #expect(roundPage.body.contains("aus Paarvergleichen (AHP)"))

            // Readers do not compare.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let readerPage = try await reader.get(ahp)
            #expect(readerPage.status == .forbidden)
        }
    }
}
