import FahrplanCore
import Fluent
import Vapor

/// A prioritization round in the browser: the new-round form, the round page with its settings, weights,
/// scope and raters' progress, and the status steps (open, close with the decision).
struct RoundSetupWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.prioritization(.newRound), use: newForm)
        pages.post(.prioritization(.rounds), use: create)
        pages.get(.round(.key), use: page)
        pages.post(.round(.key), use: updateSettings)
        pages.post(.round(.key, .scope), use: updateScope)
        pages.post(.round(.key, .weights), use: updateWeights)
        pages.post(.round(.key, .open), use: open)
        pages.post(.round(.key, .close), use: close)
        pages.get(.round(.key, .history), use: history)
    }

    // MARK: new round

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePrioritization)
        var form = RoundForm()
        form.aggregation = Aggregation.mean.rawValue
        form.topN = "10"
        form.legalDeadlineFirst = "true"
        form.inheritUrgency = "true"
        return try await renderNew(req, context, form: form, defaults: true, problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(RoundForm.self, permission: context.permissions.canManagePrioritization, perform: { form in
            try await RoundService(db: req.db, context: context).create(form.input)
        }, onInvalid: { form, problems in
            try await renderNew(req, context, form: form, defaults: false, problems: problems)
        }, success: { round in
            SiteURL.municipality(context.municipality.slug, .round(.value(round.id))).path + "?created=1"
        })
    }

    /// `defaults`: the first showing, with every active criterion and the open projects ticked.
    private func renderNew(_ req: Request, _ context: MunicipalityContext, form: RoundForm, defaults: Bool, problems: [FieldProblem]) async throws -> View {
        let lang = req.language
        let slug = context.municipality.slug
        let builder = RoundPageBuilder(req: req, context: context)
        let catalog = try await CriteriaCatalogService(db: req.db, context: context).criteria()
        let chosenCriteria = Set(form.criterionIDs ?? [])
        let projects = try await builder.projectChoices(selected: defaults ? nil : Set(form.projectIDs ?? []))
        let raters = try await RoundService(db: req.db, context: context).eligibleRaters()
        let chosenRaters = Set(form.raterIDs ?? [])
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("prioritization/round-form", RoundFormPage(
            chrome: context.chrome(req, title: req.t("prio.newRound"), section: "prioritization"),
            overviewURL: SiteURL.municipality(slug, .prioritization()).path, heading: req.t("prio.newRound"),
            action: SiteURL.municipality(slug, .prioritization(.rounds)).path, cancelURL: SiteURL.municipality(slug, .prioritization()).path,
            settings: RoundPageBuilder.settingsValues(form), aggregationOptions: RoundPageBuilder.aggregationOptions(form.aggregation, lang),
            criterionOptions: catalog.isEmpty ? nil : catalog.map { row in
                let id = row.id?.uuidString ?? ""
                return Option(value: id, label: "\(row.name) (\(SetupDisplay.source(row.criterion.source, lang)))",
                              selected: defaults || chosenCriteria.contains(id))
            },
            catalogURL: SiteURL.municipality(slug, .prioritization(.criteria)).path,
            projects: projects.isEmpty ? nil : projects,
            raters: raters.isEmpty ? nil : raters.map { Option(value: $0.id?.uuidString ?? "", label: $0.displayName, selected: chosenRaters.contains($0.id?.uuidString ?? "")) },
            problems: lines, fieldErrors: byField))
    }

    // MARK: the round page

    func page(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        var notice: String?
        for (flag, key) in [("created", "prio.roundCreated"), ("saved", "strategy.saved"), ("opened", "prio.roundOpened"),
                            ("weights", "prio.weightsSaved"), ("adopted", "prio.weightsAdopted")] where req.query[String.self, at: flag] != nil {
            notice = req.t(key)
        }
        let page = try await RoundPageBuilder(req: req, context: context).page(round, notice: notice)
        return try await req.view.render("prioritization/round", page)
    }

    /// Runs a change of the round; bad input shows the round page again with the problems (422), keeping
    /// what was typed in the form that failed.
    private func change(_ req: Request, redirect flag: String,
                        typed: (inout RoundPageBuilder.Typed) throws -> Void = { _ in },
                        _ body: (RoundService, PrioritizationRound) async throws -> Void) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = RoundService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("round"))
        do {
            try await body(service, round)
            return req.redirect(to: SiteURL.municipality(context.municipality.slug, .round(.value(round.id))).path + "?\(flag)=1", redirectType: .normal)
        } catch let failure as ValidationFailure {
            var builder = RoundPageBuilder(req: req, context: context)
            try typed(&builder.typed)
            let fresh = try await service.round(req.parameters.get("round"))
            let page = try await builder.page(fresh, notice: nil, problems: failure.problems)
            return try await req.view.render("prioritization/round", page).response(.unprocessableEntity, for: req)
        }
    }

    func updateSettings(_ req: Request) async throws -> Response {
        var form = try req.content.decode(RoundForm.self)
        do {
            return try await change(req, redirect: "saved", typed: { $0.settings = form }) { service, round in
                try service.requireChangeable(round)
                try await service.update(round, form.input, expectedVersion: try FormVersion.required(form.version))
            }
        } catch is StaleEdit {
            // The person's input stays; beside it what others saved since, and the form carries the current version.
            let context = try await req.municipalityContext()
            let current = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
            var builder = RoundPageBuilder(req: req, context: context)
            builder.typed.conflict = try await ConflictPanel.load(req, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                                  baseVersion: form.version ?? 0, fields: RoundService.settingsFields,
                                                                  current: RoundService.auditSnapshot(current))
            form.version = current.version
            builder.typed.settings = form
            let page = try await builder.page(current, notice: nil, problems: FormVersion.staleProblem)
            return try await req.view.render("prioritization/round", page).response(.conflict, for: req)
        }
    }

    func updateScope(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ScopeForm.self)
        return try await change(req, redirect: "saved", typed: { $0.scope = form }) { service, round in
            try await service.setScope(round, projectIDs: (form.projectIDs ?? []).filter { !$0.isEmpty },
                                       raterIDs: (form.raterIDs ?? []).filter { !$0.isEmpty })
        }
    }

    func updateWeights(_ req: Request) async throws -> Response {
        let form = try req.content.decode(WeightsForm.self)
        return try await change(req, redirect: "weights", typed: { $0.weights = form.weights ?? [:] }) { service, round in
            try await service.setWeights(round, form.weights ?? [:])
        }
    }

    func open(_ req: Request) async throws -> Response {
        try await change(req, redirect: "opened") { service, round in try await service.open(round) }
    }

    /// Closing stores the official ranking and the decision; the ranking page shows it.
    func close(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        return try await req.handleForm(CloseForm.self, perform: { form -> Void in
            let rawPolicy = form.missingPolicy?.trimmingCharacters(in: .whitespaces) ?? ""
            let policy = MissingRatingsPolicy(rawValue: rawPolicy)
            if !rawPolicy.isEmpty && policy == nil { throw ValidationFailure([FieldProblem("missingPolicy", .invalidChoice)]) }
            _ = try await DecisionService(db: req.db, context: context).close(round, policy: policy, form.decision)
        }, onInvalid: { form, problems in
            var builder = RoundPageBuilder(req: req, context: context)
            builder.typed.close = form
            let fresh = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
            let page = try await builder.page(fresh, notice: nil, problems: problems)
            return try await req.view.render("prioritization/round", page)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .round(.value(round.id), .ranking)).path
        })
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        try context.require(context.permissions.canReadAudit)
        return try await HistoryPage.render(req, context, ids: [try round.requireID()], label: round.title, section: "prioritization",
                                            backURL: SiteURL.municipality(context.municipality.slug, .round(.value(round.id))).path)
    }
}
