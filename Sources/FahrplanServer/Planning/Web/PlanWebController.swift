import FahrplanCore
import Fluent
import Vapor

/// The plan pages: list, new plan, the plan with its status, schedule, explanations, use per period and charts,
/// the capacity editor, scenarios, comparison, export and import. The strategy team changes; every member reads.
struct PlanWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.plans(), use: list)
        pages.post(.plans(), use: create)
        pages.get(.plans(.new), use: newForm)
        pages.get(.plan(.key), use: show)
        pages.post(.plan(.key, .solve), use: solve)
        pages.get(.plan(.key, .capacities), use: capacitiesForm)
        pages.post(.plan(.key, .capacities), use: saveCapacities)
        pages.post(.plan(.key, .starts), use: setStart)
        pages.get(.plan(.key, .scenario), use: scenarioForm)
        pages.post(.plan(.key, .scenario), use: createScenario)
        pages.get(.plan(.key, .compare), use: compare)
        pages.get(.plan(.key, .export), use: export)
        pages.get(.plan(.key, .solution), use: solution)
        pages.post(.plan(.key, .import), use: importSolution)
        pages.post(.plan(.key, .archive), use: archive)
        pages.get(.plan(.key, .edit), use: frameForm)
        pages.post(.plan(.key, .edit), use: saveFrame)
        pages.get(.plan(.key, .projects), use: settingsForm)
        pages.post(.plan(.key, .projects), use: saveSettings)
    }

    struct Scope {
        var req: Request
        var context: MunicipalityContext
        var plan: RoadmapPlan
        var slug: String { context.municipality.slug }
        var planID: UUID { plan.id! }
        var language: Language { req.language }
        func url(_ page: MunicipalityPage.PlanPage = .show) -> String { SiteURL.municipality(slug, .plan(.value(plan.id), page)).path }
        func chrome(_ title: String) -> Chrome { context.chrome(req, title: title, section: "plans") }

        static func load(_ req: Request) async throws -> Scope {
            let context = try await req.municipalityContext()
            let plan = try await PlanService(db: req.db, context: context).plan(req.parameters.get("plan"))
            return Scope(req: req, context: context, plan: plan)
        }
    }

    // MARK: list and new plan

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let plans = try await PlanService(db: req.db, context: context).plans()
        let names = Dictionary(plans.compactMap { p in p.id.map { ($0, p.name) } }, uniquingKeysWith: { a, _ in a })
        let slug = context.municipality.slug
        let rows = plans.map { plan in
            PlanListPage.Row(name: plan.name, url: SiteURL.municipality(slug, .plan(.value(plan.id))).path,
                             periods: plan.periodLabels.first.map { "\($0) – \(plan.periodLabels.last ?? $0)" } ?? "",
                             note: plan.scenarioNote.isEmpty ? nil : plan.scenarioNote, base: plan.$basePlan.id.flatMap { names[$0] })
        }
        let manage = context.permissions.canManagePlanning
        return try await req.view.render("planning/plans", PlanListPage(
            chrome: context.chrome(req, title: req.t("plan.title"), section: "plans"), rows: rows.isEmpty ? nil : rows,
            newURL: manage ? SiteURL.municipality(slug, .plans(.new)).path : nil, canManage: manage))
    }

    struct PlanForm: Content {
        var name: String?
        var periodLength: String?
        var firstYear: String?
        var periodCount: String?
        var discount: String?
        var roundId: String?
        var scenarioNote: String?
        /// The plan's edit version when the form changes an existing plan's frame.
        var version: Int?

        var input: PlanInput {
            PlanInput(name: name, periodLength: periodLength, firstYear: firstYear, periodCount: periodCount, discount: .text(discount),
                      roundID: roundId, scenarioNote: scenarioNote)
        }
    }

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePlanning)
        let year = Calendar(identifier: .gregorian).component(.year, from: req.municipalCalendar.now()) + 1
        return try await renderForm(req, context, PlanForm(name: "", periodLength: "halfYear", firstYear: String(year), periodCount: "6",
                                                           discount: req.language == .de ? "0,95" : "0.95", roundId: nil, scenarioNote: nil), problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(PlanForm.self, permission: context.permissions.canManagePlanning, perform: { form in
            try await PlanService(db: req.db, context: context).create(form.input)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, form, problems: problems)
        }, success: { plan in
            SiteURL.municipality(context.municipality.slug, .plan(.value(plan.id), .capacities)).path
        })
    }

    func renderForm(_ req: Request, _ context: MunicipalityContext, _ form: PlanForm, problems: [FieldProblem],
                    frame: PlanFormPage.Frame? = nil) async throws -> View {
        let slug = context.municipality.slug
        let rounds = try await PrioritizationRound.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$status == RoundStatus.closed.rawValue).filter(\.$archivedAt == nil).sort(\.$createdAt, .descending).all()
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("planning/plan-form", PlanFormPage(
            chrome: context.chrome(req, title: frame.map { "\($0.title): \($0.planName)" } ?? req.t("plan.new"), section: "plans"),
            listURL: SiteURL.municipality(slug, .plans()).path, action: frame?.action ?? SiteURL.municipality(slug, .plans()).path,
            values: .init(name: form.name ?? "", periodLength: form.periodLength ?? "", firstYear: form.firstYear ?? "",
                          periodCount: form.periodCount ?? "", discount: form.discount ?? "", roundId: form.roundId ?? "",
                          scenarioNote: form.scenarioNote ?? ""),
            rounds: rounds.map { Option(value: $0.id!.uuidString, label: $0.title, selected: $0.id?.uuidString == form.roundId) },
            problems: lines, fieldErrors: byField, frame: frame))
    }

    // MARK: the plan

    func show(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return try await PlanPageBuilder(scope: scope).page(notice: req.query[String.self, at: "notice"]).encodeResponse(for: req)
    }

    func solve(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        try scope.context.require(scope.context.permissions.canManagePlanning)
        _ = try await PlanResultService(db: req.db, context: scope.context).startSolve(scope.plan, app: req.application)
        return req.redirect(to: scope.url(), redirectType: .normal)
    }

    struct StartForm: Content {
        var projectId: String?
        var start: String?
    }

    func setStart(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return try await req.handleForm(StartForm.self, permission: scope.context.permissions.canManagePlanning, perform: { form in
            let start = form.start.flatMap { $0.isEmpty ? nil : Int($0) }
            return try await PlanResultService(db: req.db, context: scope.context).setStart(scope.plan, projectID: form.projectId, start: start)
        }, onInvalid: { _, problems in
            try await PlanPageBuilder(scope: scope).page(problems: problems)
        }, success: { violations in
            scope.url() + (violations.isEmpty ? "?notice=saved" : "?notice=violations")
        })
    }

    struct ImportForm: Content {
        var file: File?
        var content: String?
    }

    func importSolution(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return try await req.handleForm(ImportForm.self, permission: scope.context.permissions.canManagePlanning, perform: { form in
            let data = form.file.map { Data($0.data.readableBytesView) }.flatMap { $0.isEmpty ? nil : $0 } ?? Data((form.content ?? "").utf8)
            return try await PlanResultService(db: req.db, context: scope.context).importSchedule(scope.plan, data)
        }, onInvalid: { _, problems in
            try await PlanPageBuilder(scope: scope).page(problems: problems)
        }, success: { violations in
            scope.url() + (violations.isEmpty ? "?notice=imported" : "?notice=violations")
        })
    }

    func archive(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        try await PlanService(db: req.db, context: scope.context).archive(scope.plan)
        return req.redirect(to: SiteURL.municipality(scope.slug, .plans()).path, redirectType: .normal)
    }

    func export(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        return PlanAPIController.file(try await PlanResultService(db: req.db, context: scope.context).exportProblem(scope.plan),
                                      name: "plan.fahrplan-planning.json")
    }

    func solution(_ req: Request) async throws -> Response {
        let scope = try await Scope.load(req)
        guard let data = try await PlanResultService(db: req.db, context: scope.context).exportSolution(scope.plan) else { throw FahrplanError.notFound }
        return PlanAPIController.file(data, name: "plan.fahrplan-plan.json")
    }
}
