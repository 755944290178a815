import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Prioritization data that tests set up through the services (the same path the web and the API take).
enum PrioritizationFixtures {
    /// A strategy-team context of `municipality` for the person with `email`.
    static func context(_ municipality: Municipality, email: String, role: MunicipalRole = .strategyTeam,
                        on db: any Database) async throws -> MunicipalityContext {
        let found = try await User.query(on: db).filter(\.$email == email).first()
        let user = try #require(found)
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: role, permissions: Permissions(role: role, isInstallationAdmin: false))
    }

    static func userID(_ email: String, on db: any Database) async throws -> UUID {
        let found = try await User.query(on: db).filter(\.$email == email).first()
        return try #require(found).requireID()
    }

    /// The municipality's active catalog, with Fahrplan's default catalog loaded first when it is empty.
    static func catalog(_ context: MunicipalityContext, on db: any Database) async throws -> [CatalogCriterion] {
        let service = CriteriaCatalogService(db: db, context: context)
        try await service.loadDefaults(english: false)
        return try await service.criteria()
    }

    /// Ideas of the context's municipality in `departmentID`, each titled "<title> <suffix>".
    static func projects(_ titles: [String], suffix: String, departmentID: UUID, context: MunicipalityContext,
                         on db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for title in titles {
            ids.append(try await PortfolioService(db: db, context: context)
                .create(ProjectInput(title: "\(title) \(suffix)", departmentID: departmentID.uuidString, hoursSavedPerYear: "400")).requireID())
        }
        return ids
    }

    enum Stage { case draft, rating, closed }

    /// A round over the whole catalog with default weights, moved to `stage`; a closed round ranks with the
    /// ratings there are and has its official ranking (version 1).
    static func round(_ title: String, stage: Stage, projects: [UUID], raters: [UUID], context: MunicipalityContext,
                      on db: any Database) async throws -> PrioritizationRound {
        let rounds = RoundService(db: db, context: context)
        let round = try await rounds.create(RoundInput(title: title, topN: "1", projectIDs: projects.map(\.uuidString),
                                                       raterIDs: raters.map(\.uuidString)))
        if stage == .draft { return round }
        try await rounds.open(round)
        if stage == .rating { return round }
        _ = try await DecisionService(db: db, context: context)
            .close(round, policy: .rankWithAvailable, DecisionInput(decidedBy: "Verwaltungsvorstand", rationale: "Fixture"))
        return round
    }

    /// Every pair of the round's criteria judged equal by the context's person: a complete, consistent matrix.
    static func compareAllEqual(_ round: PrioritizationRound, context: MunicipalityContext, on db: any Database) async throws {
        let keys = try await RoundService(db: db, context: context).criteria(of: round).map(\.key)
        try await PairwiseService(db: db, context: context).save(round, allPairs(keys, value: "1"))
    }

    static func allPairs(_ keys: [String], value: String) -> [PairwiseInput] {
        keys.enumerated().flatMap { index, a in keys.dropFirst(index + 1).map { PairwiseInput(a: a, b: $0, value: value) } }
    }

    /// The level the cost-benefit criterion gives `project` in a draft round of its own, read anew on each call
    /// (so a test can change the economic settings in between).
    static func costBenefitLevel(of project: Project, round title: String, context: MunicipalityContext,
                                 on db: any Database) async throws -> @Sendable () async throws -> Double? {
        let round = try await self.round(title, stage: .draft, projects: [try project.requireID()],
                                         raters: [try await userID(Fixtures.rater, on: db)], context: context, on: db)
        let code = project.code
        return {
            let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
            return evaluation.rankingProjects.first { $0.code == code }?.values["costBenefit"]
        }
    }

    static func scenario(_ name: String, round: PrioritizationRound, context: MunicipalityContext, on db: any Database) async throws -> UUID {
        try await ScenarioService(db: db, context: context)
            .create(round, ScenarioInput(name: name, changes: ScenarioChanges(weights: ["citizenBenefit": 40]))).requireID()
    }
}
