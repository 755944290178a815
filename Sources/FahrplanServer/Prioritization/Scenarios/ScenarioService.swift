import FahrplanCore
import Fluent
import Foundation

/// A scenario as a person submits it: new weights (blank = unchanged), projects marked urgent, and optionally a
/// criterion added for the event (projects named in `addedProjectIDs` meet it fully, the others not at all).
struct ScenarioInput: Sendable {
    var name: String?
    var description: String?
    var weights: [String: String] = [:]
    var urgentProjectIDs: [String] = []
    var addedKey: String?
    var addedName: String?
    var addedWeight: String?
    var addedProjectIDs: [String] = []
    /// The API may send the whole changes object instead.
    var changes: ScenarioChanges?
}

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
        try await db.transaction { db in
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
        try await db.transaction { db in
            try await scenario.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "scenario", entityID: scenario.id, label: scenario.name, changes: changes)
        }
    }

    func archive(_ scenario: PrioritizationScenario) async throws {
        try context.require(context.permissions.canManagePrioritization)
        scenario.archivedAt = Date()
        try await db.transaction { db in
            try await scenario.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .archive,
                                        entityType: "scenario", entityID: scenario.id, label: scenario.name)
        }
    }

    private func apply(_ input: ScenarioInput, to scenario: PrioritizationScenario, round: PrioritizationRound) async throws {
        var check = Validator()
        let name = check.text("name", input.name, required: true, max: 200)
        let description = check.text("description", input.description, required: false, max: ProjectLimits.longText, multiline: true)
        let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
        let scope = Set(evaluation.projects.map(\.id.uuidString))
        var changes = input.changes ?? ScenarioChanges()
        if input.changes == nil {
            // Blank keeps the round's weight.
            for (key, raw) in input.weights {
                if let weight = check.nonNegativeDecimal("weights.\(key)", raw) { changes.weights[key] = weight }
            }
            changes.urgentProjectIDs = input.urgentProjectIDs.filter { !$0.isEmpty }
            let addedName = check.text("addedName", input.addedName, required: false, max: 120)
            if let addedName {
                let key = check.text("addedKey", input.addedKey, required: false, max: 40) ?? "event"
                if !CriterionKey.isValid(key) { check.add("addedKey", .invalidKey) }
                if evaluation.criteria.contains(where: { $0.key == key }) { check.add("addedKey", .alreadyTaken) }
                let weight = check.nonNegativeDecimal("addedWeight", input.addedWeight, required: true) ?? 0
                let chosen = Set(input.addedProjectIDs)
                let criterion = Criterion(key: key, name: addedName, description: "",
                                          levels: [ScaleLevel(value: 0, label: "trifft nicht zu"), ScaleLevel(value: 4, label: "trifft zu")])
                changes.addedCriteria = [AddedCriterion(criterion: criterion, weight: weight,
                                                        values: Dictionary(uniqueKeysWithValues: scope.map { ($0, chosen.contains($0) ? 4.0 : 0.0) }))]
            } else {
                changes.addedCriteria = []
            }
        }
        if !Set(changes.urgentProjectIDs).isSubset(of: scope) { check.add("urgentProjectIDs", .unknownReference) }
        try check.finish()
        // The core refuses unknown criterion keys and weights that sum to 0.
        _ = try ScenarioApplication.apply(changes, to: evaluation.weighted, evaluation.rankingProjects)
        scenario.name = name ?? ""
        scenario.description = description ?? ""
        scenario.changes = JSONText.encode(changes)
    }

    struct Comparison: Sendable {
        var before: [RankedProject]
        var after: [RankedProject]
        var movements: [RankMovement]
        var evaluation: RoundEvaluation
    }

    /// The official ranking (or, before closing, the current one) beside the scenario's.
    func compare(_ scenario: PrioritizationScenario, round: PrioritizationRound) async throws -> Comparison {
        let evaluation = try await RoundEvaluation.load(round, on: db)
        let before = try evaluation.ranking(changes: try await RoundEvaluation.adoptedChanges(of: round, on: db))
        let after = try evaluation.ranking(changes: scenario.scenarioChanges)
        return Comparison(before: before, after: after, movements: RankingComparison.compare(before: before, after: after),
                          evaluation: evaluation)
    }
}
