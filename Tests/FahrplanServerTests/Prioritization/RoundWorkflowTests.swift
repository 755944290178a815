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
