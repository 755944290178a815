import FahrplanCore
import Fluent
import Vapor

/// Roadmap plans over JSON: the frame, capacities, project settings, solving (202 and a status to poll), the
/// result with its explanations, manual starts, scenarios, comparison, export and import of the planning format.
struct PlanAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.plans, use: list)
        endpoints.post(.plans, use: create)
        endpoints.get(.plan(.key), use: show)
        endpoints.patch(.plan(.key), use: update)
        endpoints.post(.plan(.key, .archive), use: archive)
        endpoints.get(.plan(.key, .capacities), use: capacities)
        endpoints.put(.plan(.key, .capacities), use: saveCapacities)
        endpoints.get(.plan(.key, .projects), use: settings)
        endpoints.put(.plan(.key, .projects), use: saveSettings)
        endpoints.post(.plan(.key, .solve), use: solve)
        endpoints.get(.plan(.key, .solve), use: solveStatus)
        endpoints.get(.plan(.key, .result), use: result)
        endpoints.get(.plan(.key, .explanations), use: explanations)
        endpoints.post(.plan(.key, .starts), use: setStart)
        endpoints.get(.plan(.key, .scenarios), use: scenarios)
        endpoints.post(.plan(.key, .scenarios), use: createScenario)
        endpoints.get(.plan(.key, .compare), use: compare)
        endpoints.get(.plan(.key, .export), use: export)
        endpoints.get(.plan(.key, .solution), use: solution)
        endpoints.post(.plan(.key, .import), use: importSolution)
        endpoints.get(.plan(.key, .frontier), use: PlanFrontierAPI.frontier)
    }

    private struct Scope {
        var req: Request
        var context: MunicipalityContext
        var plan: RoadmapPlan
        var service: PlanService { PlanService(db: req.db, context: context) }
        var results: PlanResultService { PlanResultService(db: req.db, context: context) }
        var english: Bool { req.language == .en }

        static func load(_ req: Request) async throws -> Scope {
            let context = try await req.municipalityContext()
            let plan = try await PlanService(db: req.db, context: context).plan(req.parameters.get("plan"))
            return Scope(req: req, context: context, plan: plan)
        }
    }

    func list(_ req: Request) async throws -> ListDTO<PlanDTO> {
        let context = try await req.municipalityContext()
        let all = try APIQuery.includeArchived(req)
        return ListDTO(items: try await PlanService(db: req.db, context: context).plans(includeArchived: all).map(PlanDTO.init))
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePlanning)
        let body = try req.content.decode(PlanWriteDTO.self)
        let plan = try await PlanService(db: req.db, context: context).create(body.input(over: nil))
        return try await .created(try PlanDTO(plan), at: APIURL.plan(.value(plan.id)).path, for: req)
    }

    func show(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return try await VersionHeaders.respond(try PlanDTO(scope.plan), version: scope.plan.version, for: req)
    }

    func update(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        let body = try req.content.decode(PlanWriteDTO.self)
        let expected = try VersionHeaders.expected(req)
        let plan = try await VersionHeaders.guarded(req) { try await scope.service.update(scope.plan, body.input(over: scope.plan), expectedVersion: expected) }
        return try await VersionHeaders.respond(try PlanDTO(plan), version: plan.version, for: req)
    }

    func archive(_ req: Request) async throws -> PlanDTO {
        let scope = try await Scope.load(req)
        try await scope.service.archive(scope.plan)
        return try PlanDTO(scope.plan)
    }

    func capacities(_ req: Request) async throws -> CapacitiesDTO {
        let scope = try await Scope.load(req)
        let data = try await PlanData.load(scope.plan, on: req.db)
        return CapacitiesDTO(
            periods: data.periods,
            budgetLines: data.lines.map { .init(id: $0.id, label: $0.label, kind: $0.kind.rawValue, fundingSource: $0.fundingSource,
                                                eligibleProjectIds: $0.eligible, amounts: $0.amounts) },
            staff: data.staff.map { .init(departmentId: $0.departmentID, departmentCode: $0.code, fte: $0.fte) },
            version: scope.plan.version)
    }

    func saveCapacities(_ req: Request) async throws -> CapacitiesDTO {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        let body = try req.content.decode(CapacitiesWriteDTO.self)
        let expected = try VersionHeaders.expected(req)
        try await VersionHeaders.guarded(req) { try await scope.service.saveCapacities(scope.plan, body.input, expectedVersion: expected) }
        return try await capacities(req)
    }

    func settings(_ req: Request) async throws -> ListDTO<PlanProjectSettingDTO> {
        let scope = try await Scope.load(req)
        let data = try await PlanData.load(scope.plan, on: req.db)
        return ListDTO(items: data.projects.map {
            PlanProjectSettingDTO(projectId: $0.id, code: $0.code, title: $0.title, included: $0.setting.included, mandatory: $0.setting.mandatory,
                                  pinnedStart: $0.setting.pinnedStart, budgetLineId: $0.setting.budgetLineID, score: $0.score)
        })
    }

    func saveSettings(_ req: Request) async throws -> ListDTO<PlanProjectSettingDTO> {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        let body = try req.content.decode(PlanSettingsWriteDTO.self)
        try await scope.service.saveSettings(scope.plan, body.inputs)
        return try await settings(req)
    }

    func solve(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        let status = try await scope.results.startSolve(scope.plan, app: req.application)
        let planID = try scope.plan.requireID()
        let response = try await PlanSolveStatusDTO(status, planID: planID, language: req.language).encodeResponse(status: .accepted, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.plan(.value(planID), .solve).path)
        return response
    }

    func solveStatus(_ req: Request) async throws -> PlanSolveStatusDTO {
        let scope = try await Scope.load(req)
        let planID = try scope.plan.requireID()
        return PlanSolveStatusDTO(await req.application.planSolveJobs.status(planID), planID: planID, language: req.language)
    }

    func result(_ req: Request) async throws -> PlanResultDTO {
        let scope = try await Scope.load(req)
        return PlanResultDTO(try await scope.results.outcome(scope.plan), english: scope.english)
    }

    func explanations(_ req: Request) async throws -> ListDTO<PlanResultDTO.Start> {
        let scope = try await Scope.load(req)
        return ListDTO(items: PlanResultDTO(try await scope.results.outcome(scope.plan), english: scope.english).projects)
    }

    func setStart(_ req: Request) async throws -> PlanViolationsDTO {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        let body = try req.content.decode(PlanStartWriteDTO.self)
        let violations = try await scope.results.setStart(scope.plan, projectID: body.projectId, start: body.start)
        return PlanViolationsDTO(violations: violations.map { PlanViolationDTO($0, periods: scope.plan.periodLabels, english: scope.english) })
    }

    func scenarios(_ req: Request) async throws -> ListDTO<PlanDTO> {
        let scope = try await Scope.load(req)
        return ListDTO(items: try await scope.service.scenarios(of: scope.plan).map(PlanDTO.init))
    }

    func createScenario(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        let body = try req.content.decode(PlanScenarioWriteDTO.self)
        let copy = try await scope.service.copyAsScenario(scope.plan, body.input)
        return try await .created(try PlanDTO(copy), at: APIURL.plan(.value(copy.id)).path, for: req)
    }

    /// `?with=<plan id>`: this plan is the base, the other one (usually a scenario) is compared with it.
    func compare(_ req: Request) async throws -> PlanComparisonDTO {
        let scope = try await Scope.load(req)
        let other = try await scope.service.comparisonPartner(of: scope.plan, with: req.query[String.self, at: "with"])
        return try await PlanComparison.make(scope.plan, other, results: scope.results)
    }

    func export(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return Self.file(try await scope.results.exportProblem(scope.plan), name: "plan.fahrplan-planning.json")
    }

    func solution(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        guard let data = try await scope.results.exportSolution(scope.plan) else { throw FahrplanError.notFound }
        return Self.file(data, name: "plan.fahrplan-plan.json")
    }

    func importSolution(_ req: Request) async throws -> PlanViolationsDTO {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        guard let buffer = req.body.data else { throw FahrplanError.badRequest("a fahrplan-plan/1 JSON body is needed") }
        _ = try req.content.decode(PlanSolutionFileDTO.self)
        let violations = try await scope.results.importSchedule(scope.plan, Data(buffer.readableBytesView))
        return PlanViolationsDTO(violations: violations.map { PlanViolationDTO($0, periods: scope.plan.periodLabels, english: scope.english) })
    }

    static func file(_ data: Data, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

/// Two plans side by side: objective, budget used against budget available, and what moved.
enum PlanComparison {
    static func make(_ base: RoadmapPlan, _ other: RoadmapPlan, results: PlanResultService) async throws -> PlanComparisonDTO {
        let a = try await results.outcome(base)
        let b = try await results.outcome(other)
        func side(_ plan: RoadmapPlan, _ outcome: PlanOutcome) throws -> PlanComparisonDTO.Side {
            let money = PlanReport.periodUse(outcome.problem, outcome.schedule).filter { $0.kind == .budget }
            return .init(planId: try plan.requireID(), name: plan.name, objective: outcome.objective,
                         budgetUsed: money.reduce(0) { $0 + $1.used.reduce(0, +) }, budgetCapacity: money.reduce(0) { $0 + $1.capacity.reduce(0, +) })
        }
        func label(_ start: Int?, _ periods: [String]) -> String? { start.flatMap { periods.indices.contains($0) ? periods[$0] : nil } }
        return PlanComparisonDTO(base: try side(base, a), other: try side(other, b), changes: PlanReport.compare(a, b).map {
            .init(code: $0.id, title: $0.title, change: $0.kind.rawValue, baseStart: label($0.baseStart, a.problem.periods),
                  otherStart: label($0.otherStart, b.problem.periods))
        })
    }
}
