import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("A round moves its projects along the workflow")
struct RoundWorkflowTests {
    @Test("opening puts submitted projects in review, closing makes the ranked ones prioritized, and a start decision can follow")
    func openAndCloseMoveTheProjects() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let team = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            let unit = try await PortfolioFixtures.department("33", on: server)
            let ids = try await PrioritizationFixtures.projects(["Online-Termin", "Leitstelle", "Idee"], suffix: "Workflow",
                                                                departmentID: try unit.requireID(), context: team, on: server.db)
            let portfolio = PortfolioService(db: server.db, context: team)
            for id in ids.prefix(2) { try await portfolio.transition(try await portfolio.project(id.uuidString), to: .submitted, reason: nil) }
            func status(_ id: UUID) async throws -> ProjectStatus? { try await Project.find(id, on: server.db)?.projectStatus }

            let rater = try await PrioritizationFixtures.userID("bewertung@musterstadt.example", on: server.db)
            let round = try await PrioritizationFixtures.round("Workflow-Runde", stage: .rating, projects: ids, raters: [rater],
                                                              context: team, on: server.db)
            let opened = [try await status(ids[0]), try await status(ids[1]), try await status(ids[2])]
            #expect(opened == [.inReview, .inReview, .idea], "an idea in scope is not submitted by opening a round")
            let history = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$project.$id == ids[0])
                .sort(\.$changedAt, .descending).first()
            #expect(history?.reason == "Priorisierungsrunde „Workflow-Runde“ eröffnet" && history?.changedByName == "Julia Sommerfeld")

            _ = try await DecisionService(db: server.db, context: team)
                .close(round, policy: .rankWithAvailable, DecisionInput(decidedBy: "Verwaltungsvorstand", rationale: "Reihung übernommen."))
            let closed = [try await status(ids[0]), try await status(ids[1]), try await status(ids[2])]
            #expect(closed == [.prioritized, .prioritized, .idea], "only projects in review move on; the idea keeps its status")
            let audit = try await AuditEvent.query(on: server.db).filter(\.$entityID == ids[1]).filter(\.$action == "update").all()
            #expect(audit.contains { $0.changes.contains("prioritized") }, "the move is in the audit trail")

            let start = try await DecisionService(db: server.db, context: team)
                .decide(try await portfolio.project(ids[0].uuidString), kind: .startProject,
                        DecisionInput(decidedBy: "Verwaltungsvorstand", rationale: "Rang 1."), basisRoundID: round.id?.uuidString)
            #expect(start.$round.id == round.id)
            let started = try await status(ids[0])
            #expect(started == .approved)
        }
    }
}

@Suite("Official rankings: overrides stay in force")
struct OfficialRankingVersionTests {
    @Test("adopting a scenario keeps the decided ranks of the previous version and says so in the record")
    func overridesCarryOver() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let stored = try await RoundService(db: server.db, context: round.team).round(round.roundID.uuidString)
            let decisions = DecisionService(db: server.db, context: round.team)
            try await decisions.overrideRank(stored, projectID: round.projects[2].uuidString, decidedRank: "1",
                                             DecisionInput(decidedBy: "Verwaltungsvorstand", rationale: "Fördermittel laufen aus."))
            let urgent = try await ScenarioService(db: server.db, context: round.team).create(stored, ScenarioInput(
                name: "Zuzug Geflüchteter", changes: ScenarioChanges(weights: ["urgency": 60], urgentProjectIDs: [round.projects[1].uuidString])))
            let version = try await decisions.adopt(urgent, of: stored, DecisionInput(decidedBy: "Verwaltungsvorstand", rationale: "Lage ändert sich."))
            #expect(version.version == 2)
            let entries = try await RankingEntry.query(on: server.db).filter(\.$version.$id == version.requireID()).all()
            let carried = entries.first { $0.$project.id == round.projects[2] }
            #expect(carried?.decidedRank == 1 && carried?.computedRank == 3, "the override is still shown beside the computed rank")
            #expect(entries.filter { $0.decidedRank != nil }.count == 1)
            let record = try await Decision.query(on: server.db).filter(\.$kind == DecisionKind.adoptScenario.rawValue).first()
            #expect(record?.summary.contains("beschlossene Ränge übernommen: \(round.codes[2]) → 1") == true)
        }
    }
}

@Suite("Cached views and prioritization")
struct PrioritizationCacheVersionTests {
    @Test("ratings, closing and decisions leave the municipality's cache version alone; a project change bumps it")
    func ratingsDoNotStaleTheCaches() async throws {
        try await withServer { server in
            func version() async throws -> Int { try #require(try await Municipality.query(on: server.db).filter(\.$slug == "musterstadt").first()).frameVersion }
            let round = try await ResultsRound.open(on: server, submit: [])
            let stored = try await RoundService(db: server.db, context: round.team).round(round.roundID.uuidString)
            let before = try await version()
            try await RatingService(db: server.db, context: round.raters[0]).save(stored, [
                RatingInput(projectID: round.projects[0].uuidString, criterionKey: "urgency", score: "3", justification: "Neu eingeschätzt")], submit: true)
            let afterRating = try await version()
            #expect(afterRating == before, "a rating is not part of any cached view")
            // The round's projects are ideas: closing moves none of them, so only round and decision records are written.
            try await round.close(on: server)
            let afterClosing = try await version()
            #expect(afterClosing == before)
            let portfolio = PortfolioService(db: server.db, context: round.team)
            try await portfolio.transition(try await portfolio.project(round.projects[0].uuidString), to: .submitted, reason: nil)
            let afterProjectChange = try await version()
            #expect(afterProjectChange > before, "a project's status is part of the cached portfolio views")
        }
    }
}
