import FahrplanCore
import Fluent
import Vapor

/// The criteria catalog (Kriterienkatalog) in the browser: the table, Fahrplan's default catalog for an empty
/// one, a criterion with every level's anchor, the form with its scale rows, archive and restore.
struct CriteriaWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.prioritization(.criteria), use: list)
        pages.post(.prioritization(.defaultCriteria), use: loadDefaults)
        pages.get(.prioritization(.newCriterion), use: newForm)
        pages.post(.prioritization(.criteria), use: create)
        pages.get(.criterion(.key), use: detail)
        pages.get(.criterion(.key, .edit), use: editForm)
        pages.post(.criterion(.key), use: update)
        pages.post(.criterion(.key, .archive)) { try await setArchived($0, true) }
        pages.post(.criterion(.key, .restore)) { try await setArchived($0, false) }
        pages.get(.criterion(.key, .history), use: history)
    }

    /// Rows a form offers beyond the levels it has: room for a longer scale without a script.
    static let spareRows = 2
    static let minimumRows = 5

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let lang = req.language
        let slug = context.municipality.slug
        let includeArchived = req.query[String.self, at: "archived"] == "1"
        let rows = try await CriteriaCatalogService(db: req.db, context: context).criteria(includeArchived: includeArchived)
        let total = rows.filter { $0.archivedAt == nil }.reduce(0) { $0 + $1.defaultWeight }
        let isTeam = context.permissions.canManagePrioritization
        var notice: String?
        if let loaded = req.query[Int.self, at: "loaded"] { notice = "\(loaded) \(req.t("prio.defaultsLoaded"))" }
        return try await req.view.render("prioritization/criteria", CriteriaListPage(
            chrome: context.chrome(req, title: req.t("prio.catalog"), section: "prioritization"),
            overviewURL: SiteURL.municipality(slug, .prioritization()).path,
            rows: rows.isEmpty ? nil : rows.map { row in
                let criterion = row.criterion
                return .init(key: criterion.key, name: criterion.name, url: SiteURL.municipality(slug, .criterion(.value(row.id))).path,
                             direction: SetupDisplay.direction(criterion.direction, lang), source: SetupDisplay.source(criterion.source, lang),
                             scale: SetupDisplay.scale(criterion, lang), defaultWeight: SetupDisplay.number(row.defaultWeight, decimals: 2, lang),
                             share: row.archivedAt == nil && total > 0 ? SetupDisplay.percent(row.defaultWeight / total, lang) : "–",
                             archived: row.archivedAt != nil)
            },
            newURL: isTeam ? SiteURL.municipality(slug, .prioritization(.newCriterion)).path : nil,
            defaultsURL: isTeam && rows.isEmpty && !includeArchived ? SiteURL.municipality(slug, .prioritization(.defaultCriteria)).path : nil,
            archived: includeArchived,
            toggleArchivedURL: SiteURL.municipality(slug, .prioritization(.criteria)).path + (includeArchived ? "" : "?archived=1"),
            notice: notice, totalWeight: total > 0 ? SetupDisplay.number(total, decimals: 2, lang) : nil))
    }

    func loadDefaults(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let count = try await CriteriaCatalogService(db: req.db, context: context).loadDefaults(english: req.language == .en)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .prioritization(.criteria)).path + "?loaded=\(count)", redirectType: .normal)
    }

    func detail(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let lang = req.language
        let slug = context.municipality.slug
        let row = try await CriteriaCatalogService(db: req.db, context: context).criterion(req.parameters.get("criterion"))
        let criterion = row.criterion
        let link = { (page: MunicipalityPage.CriterionPage) in SiteURL.municipality(slug, .criterion(.value(row.id), page)).path }
        let isTeam = context.permissions.canManagePrioritization
        let active = row.archivedAt == nil
        var notice: String?
        if req.query[String.self, at: "created"] != nil { notice = req.t("prio.criterionCreated") }
        if req.query[String.self, at: "saved"] != nil { notice = req.t("strategy.saved") }
        let page = CriterionDetailPage(
            chrome: context.chrome(req, title: criterion.name, section: "prioritization"),
            overviewURL: SiteURL.municipality(slug, .prioritization()).path, criteriaURL: SiteURL.municipality(slug, .prioritization(.criteria)).path,
            key: criterion.key, name: criterion.name, descriptionHTML: criterion.description.isEmpty ? nil : SafeMarkdown.html(criterion.description),
            direction: SetupDisplay.direction(criterion.direction, lang), source: SetupDisplay.source(criterion.source, lang),
            sourceHint: SetupDisplay.sourceHint(criterion.source, lang),
            defaultWeight: SetupDisplay.number(row.defaultWeight, decimals: 2, lang),
            levels: criterion.levels.isEmpty ? nil : criterion.levels.map(LevelView.init),
            archived: !active,
            editURL: isTeam && active ? link(.edit) : nil,
            archiveURL: isTeam && active ? link(.archive) : nil,
            restoreURL: isTeam && !active ? link(.restore) : nil,
            historyURL: context.permissions.canReadAudit ? link(.history) : nil,
            notice: notice, hasTools: isTeam || context.permissions.canReadAudit)
        return try await req.view.render("prioritization/criteria-detail", page)
    }

    // MARK: form

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePrioritization)
        return try await renderForm(req, context, row: nil, form: CriterionForm(), problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(CriterionForm.self, permission: context.permissions.canManagePrioritization, perform: { form in
            try await CriteriaCatalogService(db: req.db, context: context).create(form.input)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, row: nil, form: form, problems: problems)
        }, success: { row in
            SiteURL.municipality(context.municipality.slug, .criterion(.value(row.id))).path + "?created=1"
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let row = try await CriteriaCatalogService(db: req.db, context: context).criterion(req.parameters.get("criterion"))
        try context.require(context.permissions.canManagePrioritization && row.archivedAt == nil)
        return try await renderForm(req, context, row: row, form: CriterionForm(row), problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CriteriaCatalogService(db: req.db, context: context)
        let row = try await service.criterion(req.parameters.get("criterion"))
        return try await req.handleForm(CriterionForm.self, permission: context.permissions.canManagePrioritization && row.archivedAt == nil,
                                        perform: { form in
            try await service.update(row, form.input, expectedVersion: try FormVersion.required(form.version))
        }, onInvalid: { form, problems in
            // The heading names the stored criterion; the fields show what was typed.
            let fresh = try await service.criterion(req.parameters.get("criterion"))
            return try await renderForm(req, context, row: fresh, form: form, problems: problems)
        }, onConflict: { form in
            let current = try await service.criterion(req.parameters.get("criterion"))
            return try await ConflictPanel.refusedEdit(req, form: form, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                       currentVersion: current.version, fields: CriteriaCatalogService.auditedFields,
                                                       current: CriteriaCatalogService.auditSnapshot(current)) { form, conflict in
                try await renderForm(req, context, row: current, form: form, problems: FormVersion.staleProblem, conflict: conflict)
            }
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .criterion(.value(row.id))).path + "?saved=1"
        })
    }

    private func renderForm(_ req: Request, _ context: MunicipalityContext, row: CatalogCriterion?, form: CriterionForm,
                            problems: [FieldProblem], conflict: ConflictPanel? = nil) async throws -> View {
        let lang = req.language
        let slug = context.municipality.slug
        let (lines, byField) = req.problemLines(problems)
        let values = form.levelValue ?? [], labels = form.levelLabel ?? [], descriptions = form.levelDescription ?? []
        let filled = max(values.count, labels.count, descriptions.count)
        let count = min(CriterionInput.maxLevels, max(Self.minimumRows, filled + Self.spareRows))
        func item(_ list: [String], _ index: Int) -> String { index < list.count ? list[index] : "" }
        let levels = (0..<max(count, filled)).map { index in
            CriterionFormPage.LevelInput(
                index: index, number: index + 1, value: item(values, index), label: item(labels, index),
                description: item(descriptions, index), valueError: byField["levels[\(index)].value"],
                labelError: byField["levels[\(index)].label"], descriptionError: byField["levels[\(index)].description"])
        }
        let direction = form.direction ?? CriterionDirection.higherIsBetter.rawValue
        let source = form.source ?? CriterionSource.rating.rawValue
        let heading = row.map { "\(req.t("prio.editCriterion")): \($0.name)" } ?? req.t("prio.newCriterion")
        return try await req.view.render("prioritization/criteria-form", CriterionFormPage(
            chrome: context.chrome(req, title: heading, section: "prioritization"),
            overviewURL: SiteURL.municipality(slug, .prioritization()).path, criteriaURL: SiteURL.municipality(slug, .prioritization(.criteria)).path, heading: heading,
            action: row.map { SiteURL.municipality(slug, .criterion(.value($0.id))).path } ?? SiteURL.municipality(slug, .prioritization(.criteria)).path,
            cancelURL: row.map { SiteURL.municipality(slug, .criterion(.value($0.id))).path } ?? SiteURL.municipality(slug, .prioritization(.criteria)).path,
            values: .init(key: form.key ?? "", name: form.name ?? "", description: form.description ?? "", defaultWeight: form.defaultWeight ?? ""),
            directionOptions: CriterionDirection.allCases.map {
                Option(value: $0.rawValue, label: SetupDisplay.direction($0, lang), selected: $0.rawValue == direction)
            },
            sourceOptions: CriterionSource.allCases.map {
                ExplainedOption(value: $0.rawValue, label: SetupDisplay.source($0, lang), hint: SetupDisplay.sourceHint($0, lang),
                                selected: $0.rawValue == source)
            },
            levels: levels, problems: lines, fieldErrors: byField, version: row == nil ? nil : form.version, conflict: conflict))
    }

    // MARK: actions

    func setArchived(_ req: Request, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CriteriaCatalogService(db: req.db, context: context)
        let row = try await service.criterion(req.parameters.get("criterion"))
        try await service.setArchived(row, archived)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .criterion(.value(row.id))).path, redirectType: .normal)
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let row = try await CriteriaCatalogService(db: req.db, context: context).criterion(req.parameters.get("criterion"))
        try context.require(context.permissions.canReadAudit)
        return try await HistoryPage.render(req, context, ids: [try row.requireID()], label: row.name, section: "prioritization",
                                            backURL: SiteURL.municipality(context.municipality.slug, .criterion(.value(row.id))).path)
    }
}
