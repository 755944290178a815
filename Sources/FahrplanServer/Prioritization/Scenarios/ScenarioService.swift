import FahrplanCore
import Fluent
import Foundation

/// Event scenarios of a round ("Pandemie", "Zuzug Geflüchteter") and their comparison with the official ranking.
struct ScenarioService {
    var db: any Database
    var context: MunicipalityContext

    func scenarios(of round: PrioritizationRound) async throws -> [PrioritizationScenario] {
        try await PrioritizationScenario.query(on: db).filter(\.$round.$id == round.requireID()).filter(\.$archivedAt == nil)
            .sort(\.$createdAt).all()
    }

    func scenario(_ id: String?, of round: PrioritizationRound) async throws -> PrioritizationScenario {
        let scenario = try await context.find(PrioritizationScenario.self, id, on: db, municipalityKey: \.$municipality.$id)
        guard scenario.$round.id == round.id else { throw FahrplanError.notFound }
        return scenario
    }

    func create(_ round: PrioritizationRound, _ input: ScenarioInput) async throws -> PrioritizationScenario {
        try context.require(context.permissions.canManagePrioritization)
        let scenario = PrioritizationScenario()
        scenario.$municipality.id = context.municipalityID
        scenario.$round.id = try round.requireID()
        scenario.createdByName = context.user.displayName
        try await apply(input, to: scenario, round: round)
        try await db.writeTransaction { db in
            try await scenario.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .create,
                                        entityType: "scenario", entityID: scenario.id, label: scenario.name)
        }
        return scenario
    }

    func update(_ scenario: PrioritizationScenario, round: PrioritizationRound, _ input: ScenarioInput) async throws {
        try context.require(context.permissions.canManagePrioritization)
        let before = [scenario.name, scenario.description, scenario.changes]
        try await apply(input, to: scenario, round: round)
        let changes = FieldChange.between(["name", "description", "changes"], before, [scenario.name, scenario.description, scenario.changes])
        guard !changes.isEmpty else { return }
        try await db.writeTransaction { db in
            try await scenario.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "scenario", entityID: scenario.id, label: scenario.name, changes: changes)
        }
    }

    func archive(_ scenario: PrioritizationScenario) async throws {
        try context.require(context.permissions.canManagePrioritization)
        scenario.archivedAt = Date()
        try await db.writeTransaction { db in
            try await scenario.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .archive,
                                        entityType: "scenario", entityID: scenario.id, label: scenario.name)
        }
    }

    private func apply(_ input: ScenarioInput, to scenario: PrioritizationScenario, round: PrioritizationRound) async throws {
        let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
        let values = try input.validated(criteria: evaluation.weighted, projects: evaluation.rankingProjects)
        scenario.name = values.name
        scenario.description = values.description
        scenario.changes = JSONText.encode(values.changes)
    }

    struct Comparison: Sendable {
        var before: [RankedProject]
        var after: [RankedProject]
        var movements: [RankMovement]
        var evaluation: RoundEvaluation
    }

    /// The official ranking (or, before closing, the current one) beside the scenario's.
    func compare(_ scenario: PrioritizationScenario, round: PrioritizationRound) async throws -> Comparison {
        let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
        let before = try evaluation.ranking(changes: try await RoundEvaluation.adoptedChanges(of: round, on: db))
        let after = try evaluation.ranking(changes: scenario.scenarioChanges)
        return Comparison(before: before, after: after, movements: RankingComparison.compare(before: before, after: after),
                          evaluation: evaluation)
    }
}
