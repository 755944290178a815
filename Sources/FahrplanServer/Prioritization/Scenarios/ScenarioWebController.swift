import FahrplanCore
import Fluent
import Vapor

/// Event scenarios of a round: the list, the form (new weights, urgent projects, an added criterion), the
/// comparison with the official ranking, adopting a scenario as the new official ranking, archiving.
extension PrioritizationResultsWebController {
    func scenarios(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        if let hidden = try await scope.hiddenResponse(.scenarios) { return hidden }
        let list = try await ScenarioService(db: req.db, context: scope.context).scenarios(of: scope.round)
        let rows = list.map { scenario in
            ScenarioListPage.Row(name: scenario.name, url: SiteURL.municipality(scope.slug, .scenario(round: .value(scope.roundID), .value(scenario.id))).path,
                                 description: scenario.description.isEmpty ? nil : scenario.description,
                                 createdBy: scenario.createdByName, adoptedAt: scenario.adoptedAt.map { req.formatted($0) },
                                 summary: ScenarioWords(scope: scope).counts(scenario.scenarioChanges))
        }
        let page = ScenarioListPage(
            chrome: scope.chrome(req.t("results.scenarios")), header: scope.header(.scenarios), rows: rows.isEmpty ? nil : rows,
            newURL: scope.context.permissions.canManagePrioritization ? SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .newScenario)).path : nil,
            archived: req.query[String.self, at: "archived"] != nil ? req.t("results.scenarioArchived") : nil)
        return try await req.view.render("prioritization/scenarios", page).encodeResponse(for: req)
    }

    // MARK: form

    struct ScenarioFormData: Content {
        var name: String?
        var description: String?
        var weights: [String: String]?
        var urgentProjectIDs: [String]?
        var addedName: String?
        var addedKey: String?
        var addedWeight: String?
        var addedProjectIDs: [String]?

        init() {}

        init(_ scenario: PrioritizationScenario) {
            name = scenario.name
            description = scenario.description
            let changes = scenario.scenarioChanges
            weights = changes.weights.mapValues(ResultsFormat.weightInput)
            urgentProjectIDs = changes.urgentProjectIDs
            if let added = changes.addedCriteria.first {
                addedName = added.criterion.name
                addedKey = added.criterion.key
                addedWeight = ResultsFormat.weightInput(added.weight)
                addedProjectIDs = added.values.filter { $0.value > 0 }.map(\.key)
            }
        }

        var input: ScenarioInput {
            ScenarioInput(name: name, description: description, weights: weights ?? [:], urgentProjectIDs: urgentProjectIDs ?? [],
                          addedKey: addedKey?.nonBlank, addedName: addedName, addedWeight: addedWeight,
                          addedProjectIDs: addedProjectIDs ?? [])
        }
    }

    func newScenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        try scope.context.require(scope.context.permissions.canManagePrioritization)
        return try await renderScenarioForm(scope, scenario: nil, form: ScenarioFormData(), problems: []).encodeResponse(for: req)
    }

    func createScenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        return try await req.handleForm(ScenarioFormData.self, permission: scope.context.permissions.canManagePrioritization, perform: { form in
            try await ScenarioService(db: req.db, context: scope.context).create(scope.round, form.input)
        }, onInvalid: { form, problems in
            try await renderScenarioForm(scope, scenario: nil, form: form, problems: problems)
        }, success: { scenario in
            SiteURL.municipality(scope.slug, .scenario(round: .value(scope.roundID), .value(scenario.id))).path
        })
    }

    func editScenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        let scenario = try await ScenarioService(db: req.db, context: scope.context).scenario(req.parameters.get("scenario"), of: scope.round)
        try requireEditable(scope, scenario)
        return try await renderScenarioForm(scope, scenario: scenario, form: ScenarioFormData(scenario), problems: []).encodeResponse(for: req)
    }

    func updateScenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        let service = ScenarioService(db: req.db, context: scope.context)
        let scenario = try await service.scenario(req.parameters.get("scenario"), of: scope.round)
        try requireEditable(scope, scenario)
        return try await req.handleForm(ScenarioFormData.self, perform: { form in
            try await service.update(scenario, round: scope.round, form.input)
        }, onInvalid: { form, problems in
            try await renderScenarioForm(scope, scenario: scenario, form: form, problems: problems)
        }, success: { _ in
            SiteURL.municipality(scope.slug, .scenario(round: .value(scope.roundID), .value(scenario.id))).path
        })
    }

    /// An adopted scenario is the basis of an official ranking and stays as it was; an archived one is done.
    private func requireEditable(_ scope: ResultsScope, _ scenario: PrioritizationScenario) throws {
        try scope.context.require(scope.context.permissions.canManagePrioritization && scenario.adoptedAt == nil && scenario.archivedAt == nil)
    }

    private func renderScenarioForm(_ scope: ResultsScope, scenario: PrioritizationScenario?, form: ScenarioFormData,
                                    problems: [FieldProblem]) async throws -> View {
        let req = scope.req
        let evaluation = try await RoundEvaluation.load(scope.round, on: req.db, calendar: scope.context.calendar)
        let names = evaluation.criterionNames
        let (lines, byField) = scope.problemLines(problems, names: names)
        let weightErrors = Dictionary(problems.filter { $0.field.hasPrefix("weights.") }
            .map { (String($0.field.dropFirst("weights.".count)), Strings.problem($0, scope.language)) }, uniquingKeysWith: { a, _ in a })
        let urgent = Set(form.urgentProjectIDs ?? [])
        let meeting = Set(form.addedProjectIDs ?? [])
        let weightSum = evaluation.criteria.reduce(0) { $0 + $1.weight }
        let heading = scenario.map { "\(req.t("results.editScenario")): \($0.name)" } ?? req.t("results.newScenario")
        let slug = scope.slug
        let page = ScenarioFormPage(
            chrome: scope.chrome(heading), header: scope.header(.scenarios), heading: heading,
            action: scenario.map { SiteURL.municipality(slug, .scenario(round: .value(scope.roundID), .value($0.id))).path } ?? SiteURL.municipality(slug, .round(.value(scope.roundID), .scenarios)).path,
            cancelURL: scenario.map { SiteURL.municipality(slug, .scenario(round: .value(scope.roundID), .value($0.id))).path } ?? SiteURL.municipality(slug, .round(.value(scope.roundID), .scenarios)).path,
            values: .init(name: form.name ?? "", description: form.description ?? "", addedName: form.addedName ?? "",
                          addedKey: form.addedKey ?? "", addedWeight: form.addedWeight ?? ""),
            weightRows: evaluation.criteria.map { criterion in
                .init(key: criterion.key, name: criterion.name, current: ResultsFormat.weightInput(criterion.weight),
                      share: weightSum > 0 ? ResultsFormat.percent(criterion.weight / weightSum, scope.language) : "–",
                      value: form.weights?[criterion.key] ?? "", error: weightErrors[criterion.key])
            },
            urgentOptions: evaluation.projects.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.title)", selected: urgent.contains($0.id.uuidString)) },
            addedOptions: evaluation.projects.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.title)", selected: meeting.contains($0.id.uuidString)) },
            problems: lines, fieldErrors: byField)
        return try await req.view.render("prioritization/scenario-form", page)
    }

    // MARK: comparison, adopt, archive

    func scenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        if let hidden = try await scope.hiddenResponse(.scenarios) { return hidden }
        let scenario = try await ScenarioService(db: req.db, context: scope.context).scenario(req.parameters.get("scenario"), of: scope.round)
        return try await ScenarioPageBuilder(scope: scope).page(scenario, decision: DecisionFormValues(), problems: []).encodeResponse(for: req)
    }

    func adoptScenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        try scope.context.require(scope.context.permissions.canManagePrioritization)
        let scenario = try await ScenarioService(db: req.db, context: scope.context).scenario(req.parameters.get("scenario"), of: scope.round)
        guard scenario.archivedAt == nil else { throw FahrplanError.forbidden }
        return try await req.handleForm(OverrideFormData.self, perform: { form in
            try await DecisionService(db: req.db, context: scope.context).adopt(scenario, of: scope.round, form.decision.input)
        }, onInvalid: { form, problems in
            try await ScenarioPageBuilder(scope: scope).page(scenario, decision: form.decision, problems: problems)
        }, success: { _ in
            SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .ranking)).path + "?adopted=1"
        })
    }

    func archiveScenario(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        let service = ScenarioService(db: req.db, context: scope.context)
        let scenario = try await service.scenario(req.parameters.get("scenario"), of: scope.round)
        if scenario.archivedAt == nil { try await service.archive(scenario) }
        return req.redirect(to: SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .scenarios)).path + "?archived=1", redirectType: .normal)
    }
}

struct ScenarioListPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var rows: [Row]?
    var newURL: String?
    var archived: String?

    struct Row: Encodable {
        var name: String
        var url: String
        var description: String?
        var createdBy: String?
        var adoptedAt: String?
        var summary: String
    }
}

struct ScenarioFormPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var heading: String
    var action: String
    var cancelURL: String
    var values: Values
    var weightRows: [WeightRow]
    var urgentOptions: [Option]
    var addedOptions: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]

    struct Values: Encodable {
        var name: String
        var description: String
        var addedName: String
        var addedKey: String
        var addedWeight: String
    }

    struct WeightRow: Encodable {
        var key: String
        var name: String
        var current: String
        var share: String
        var value: String
        var error: String?
    }
}
