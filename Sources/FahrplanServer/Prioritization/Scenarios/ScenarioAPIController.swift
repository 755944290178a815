import FahrplanCore
import Fluent
import Vapor

/// Event scenarios of a round over JSON ("Pandemie", "Zuzug Geflüchteter"): changed weights, added criteria,
/// projects marked urgent; the ranking before and after side by side; adopting one as the official ranking.
struct ScenarioAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.round(.key, .scenarios), use: list)
        endpoints.post(.round(.key, .scenarios), use: create)
        endpoints.get(.scenario(round: .key, .key), use: show)
        endpoints.patch(.scenario(round: .key, .key), use: update)
        endpoints.get(.scenario(round: .key, .key, .comparison), use: comparison)
        endpoints.post(.scenario(round: .key, .key, .adopt), use: adopt)
        endpoints.post(.scenario(round: .key, .key, .archive), use: archive)
    }

    private struct Scope {
        var round: RoundAPIScope
        var scenario: PrioritizationScenario
        var service: ScenarioService { ScenarioService(db: round.req.db, context: round.context) }

        static func load(_ req: Request) async throws -> Scope {
            let round = try await RoundAPIScope.load(req)
            let scenario = try await ScenarioService(db: req.db, context: round.context).scenario(req.parameters.get("scenario"), of: round.round)
            return Scope(round: round, scenario: scenario)
        }
    }

    /// The core and the service name the parts of the changes without the `changes.` the body puts before them.
    private static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await PrioritizationFieldNames.translating(body)
        } catch FahrplanError.invalid(let problems) {
            throw FahrplanError.invalid(problems.map { problem in
                let inChanges = ["weights", "addedCriteria", "urgentProjectIds"].contains { problem.field == $0 || problem.field.hasPrefix($0 + ".") }
                return inChanges ? FieldProblem("changes." + problem.field, problem.kind) : problem
            })
        }
    }

    /// Every member may read the scenarios of a round whose results they may see.
    private func requireVisible(_ scope: RoundAPIScope) async throws {
        try await RatingService(db: scope.req.db, context: scope.context).requireResultsVisible(scope.round)
    }

    func list(_ req: Request) async throws -> ListDTO<ScenarioDTO> {
        let scope = try await RoundAPIScope.load(req)
        try await requireVisible(scope)
        return ListDTO(items: try await ScenarioService(db: req.db, context: scope.context).scenarios(of: scope.round).map(ScenarioDTO.init))
    }

    func show(_ req: Request) async throws -> ScenarioDTO {
        let scope = try await Scope.load(req)
        try await requireVisible(scope.round)
        return try ScenarioDTO(scope.scenario)
    }

    func create(_ req: Request) async throws -> Response {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(ScenarioWriteDTO.self)
        try scope.context.require(scope.context.permissions.canManagePrioritization)
        let scenario = try await Self.translating {
            try await ScenarioService(db: req.db, context: scope.context).create(scope.round, try body.input(over: nil, english: scope.english))
        }
        let location = APIURL.scenario(round: .value(try scope.round.requireID()), .value(try scenario.requireID())).path
        return try await .created(try ScenarioDTO(scenario), at: location, for: req)
    }

    func update(_ req: Request) async throws -> ScenarioDTO {
        let scope = try await Scope.load(req)
        let body = try req.content.decode(ScenarioWriteDTO.self)
        try scope.round.context.require(scope.round.context.permissions.canManagePrioritization)
        try await Self.translating {
            try await scope.service.update(scope.scenario, round: scope.round.round, try body.input(over: scope.scenario, english: scope.round.english))
        }
        return try ScenarioDTO(scope.scenario)
    }

    /// The official ranking (before closing: the current one) beside the scenario's, with who moves and why.
    func comparison(_ req: Request) async throws -> ScenarioComparisonDTO {
        let scope = try await Scope.load(req)
        try await requireVisible(scope.round)
        let compared = try await Self.translating { try await scope.service.compare(scope.scenario, round: scope.round.round) }
        let language = req.language
        var names = compared.evaluation.criterionNames
        for added in scope.scenario.scenarioChanges.addedCriteria { names[added.criterion.key] = added.criterion.name }
        let codes = Dictionary(compared.evaluation.projects.map { ($0.id.uuidString, $0.code) }, uniquingKeysWith: { a, _ in a })
        func items(_ ranked: [RankedProject]) -> [RankingItemDTO] {
            RankingItemDTO.items(RankingData.lines(ranked, names: names, codes: codes, english: language == .en),
                                 evaluation: compared.evaluation, language: language)
        }
        return ScenarioComparisonDTO(
            roundId: try scope.round.round.requireID(), scenarioId: try scope.scenario.requireID(),
            before: items(compared.before), after: items(compared.after),
            movements: compared.movements.compactMap { movement in
                guard let id = UUID(uuidString: movement.id) else { return nil }
                return RankMovementDTO(projectId: id, code: movement.code, title: movement.title, before: movement.before, after: movement.after,
                                       delta: movement.delta,
                                       text: RankingWords.movement(movement.delta, before: movement.before, after: movement.after, language),
                                       reasons: movement.reasons.map { MovementReasonDTO($0, names: names, language: language) })
            })
    }

    /// The scenario's ranking becomes the official one (the next version of the closed round). Answers the new
    /// official ranking.
    func adopt(_ req: Request) async throws -> RankingDTO {
        let scope = try await Scope.load(req)
        let body = try req.content.decode(DecisionWriteDTO.self)
        try await Self.translating {
            _ = try await DecisionService(db: req.db, context: scope.round.context).adopt(scope.scenario, of: scope.round.round, body.input)
        }
        return try await RankingDTO.load(scope.round)
    }

    func archive(_ req: Request) async throws -> ScenarioDTO {
        let scope = try await Scope.load(req)
        try await scope.service.archive(scope.scenario)
        return try ScenarioDTO(scope.scenario)
    }
}
