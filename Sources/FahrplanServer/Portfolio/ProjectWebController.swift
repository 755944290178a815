import FahrplanCore
import Fluent
import Vapor

/// The project portfolio in the browser: list with search and filters, profile, forms, status workflow.
struct ProjectWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.projects(), use: list)
        pages.get(.projects(.new), use: newForm)
        pages.post(.projects(), use: create)
        pages.post(.projects(.assign), use: assign)
        pages.get(.projects(.board), use: board)
        pages.get(.projects(.duplicates), use: duplicates)
        pages.get(.project(.key), use: detail)
        pages.get(.project(.key, .edit), use: editForm)
        pages.post(.project(.key), use: update)
        pages.post(.project(.key, .status), use: changeStatus)
        pages.post(.project(.key, .archive)) { try await archive($0, true) }
        pages.post(.project(.key, .restore)) { try await archive($0, false) }
        pages.get(.project(.key, .merge), use: mergeForm)
        pages.post(.project(.key, .merge), use: merge)
        pages.get(.project(.key, .history), use: history)
    }

    // MARK: list

    func list(_ req: Request) async throws -> View { try await listPage(req, problems: []) }

    /// The list's query string without the given parameters (paging, the notice of a bulk assignment).
    private func currentQuery(_ req: Request, without names: [String]) -> [String] {
        (req.url.query ?? "").split(separator: "&").map(String.init)
            .filter { item in !names.contains { item.hasPrefix("\($0)=") } }
    }

    /// `problems`: a refused bulk assignment, shown above the list it was made from.
    private func listPage(_ req: Request, problems: [FieldProblem]) async throws -> View {
        let context = try await req.municipalityContext()
        let filter = try req.query.decode(PortfolioFilter.self)
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let listing = PortfolioListing(db: req.db, context: context, snapshot: snapshot)
        let page = try await listing.page(filter)
        let rows = try await PortfolioRows(req: req, context: context, snapshot: snapshot).rows(page.projects)
        let slug = context.municipality.slug
        let link = { (page: MunicipalityPage.ProjectsPage) in SiteURL.municipality(slug, .projects(page)).path }
        func pageURL(_ number: Int) -> String {
            var items = currentQuery(req, without: ["page"])
            items.append("page=\(number)")
            return link(.list) + "?" + items.joined(separator: "&")
        }
        let lang = req.language
        let canManage = context.permissions.canManagePortfolio
        let departmentOptions = try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID).indentedOptions(selected: filter.department)
        let notice = req.query[Int.self, at: "assigned"].map { "\($0) \(req.t("projects.bulkAssigned"))" }
        return try await req.view.render("projects/list", ProjectListPage(
            chrome: context.chrome(req, title: req.t("projects.title"), section: "projects"),
            filter: .init(q: filter.q ?? "", costMin: filter.costMin ?? "", costMax: filter.costMax ?? "", archived: filter.includeArchived),
            departmentOptionsHTML: HTMLBuffer.options(departmentOptions),
            statusOptions: ProjectStatus.allCases.map { Option(value: $0.rawValue, label: PortfolioDisplay.status($0, lang), selected: $0.rawValue == filter.status) },
            kindOptions: ProjectKind.allCases.map { Option(value: $0.rawValue, label: PortfolioDisplay.kind($0, lang), selected: $0.rawValue == filter.kind) },
            elementOptionsHTML: HTMLBuffer.optionGroups(snapshot.projectTargetGroups(lang, selected: filter.element.map { [$0] } ?? [])),
            sortOptions: PortfolioFilter.sorts.map { Option(value: $0, label: req.t("projects.sort.\($0)"), selected: $0 == (filter.sort ?? "code")) },
            rowsHTML: rows.isEmpty ? nil : ProjectListHTML.rows(rows, selectLabel: canManage ? req.t("projects.select") : nil,
                                                                archivedLabel: req.t("projects.archived")),
            total: page.total, page: page.page, pageCount: page.pageCount,
            previousURL: page.page > 1 ? pageURL(page.page - 1) : nil,
            nextURL: page.page < page.pageCount ? pageURL(page.page + 1) : nil,
            newURL: context.permissions.canManagePortfolio || context.role == .departmentLead ? link(.new) : nil,
            // The assignment keeps the list's filters, so that it returns to the same list (or shows its error there).
            assignURL: canManage ? ([link(.assign)] + [currentQuery(req, without: ["assigned"]).joined(separator: "&")].filter { !$0.isEmpty }).joined(separator: "?") : nil,
            assignOptionsHTML: canManage ? HTMLBuffer.optionGroups(snapshot.projectTargetGroups(lang, selected: [])) : nil,
            boardURL: link(.board),
            duplicatesURL: canManage ? link(.duplicates) : nil,
            importURL: canManage ? link(.import) : nil,
            exportCSVURL: link(.export) + "?format=csv",
            exportJSONURL: link(.export) + "?format=json",
            notice: notice,
            problems: req.problemLines(problems).0))
    }

    struct AssignForm: Content {
        var projectIDs: [String]?
        var elementID: String?
    }

    func assign(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(AssignForm.self, perform: { form in
            try await PortfolioService(db: req.db, context: context).assign(projectIDs: form.projectIDs ?? [], to: form.elementID)
        }, onInvalid: { _, problems in
            try await listPage(req, problems: problems)
        }, success: { count in
            let query = currentQuery(req, without: ["assigned", "page"]) + ["assigned=\(count)"]
            return SiteURL.municipality(context.municipality.slug, .projects()).path + "?" + query.joined(separator: "&")
        })
    }

    // MARK: detail

    func detail(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let page = try await ProjectDetailBuilder(req: req, context: context).page(project)
        return try await req.view.render("projects/detail", page)
    }

    // MARK: forms

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio || context.role == .departmentLead)
        var form = ProjectForm()
        form.departmentID = req.query[String.self, at: "department"] ?? (context.role == .departmentLead ? context.permissions.ownDepartmentIDs.first : nil)
        form.callID = req.query[String.self, at: "call"]
        return try await ProjectFormRenderer(req: req, context: context).render(project: nil, form: form, problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(ProjectForm.self, perform: { form -> Project in
            let callID = try form.callID.flatMap { raw -> UUID? in
                guard !raw.isEmpty else { return nil }
                guard let id = UUID(uuidString: raw) else { throw ValidationFailure([FieldProblem("callID", .unknownReference)]) }
                return id
            }
            return try await PortfolioService(db: req.db, context: context).create(form.input, callID: callID)
        }, onInvalid: { form, problems in
            try await ProjectFormRenderer(req: req, context: context).render(project: nil, form: form, problems: problems)
        }, success: { project in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id))).path + "?created=1"
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let project = try await PortfolioService(db: req.db, context: context).project(req.parameters.get("project"))
        try context.require(context.permissions.canEditProject(departmentID: project.$department.id?.uuidString) && project.archivedAt == nil)
        let details = try await ProjectDetails.load(project, on: req.db)
        return try await ProjectFormRenderer(req: req, context: context).render(project: project, form: ProjectForm(project, details), problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        guard project.archivedAt == nil else { throw FahrplanError.forbidden }
        // Who may not edit learns that first, not that the form lacks its version.
        return try await req.handleForm(ProjectForm.self,
                                        permission: context.permissions.canEditProject(departmentID: project.$department.id?.uuidString),
                                        perform: { form in
            try await service.update(project, form.input, expectedVersion: try FormVersion.required(form.version))
        }, onInvalid: { form, problems in
            try await ProjectFormRenderer(req: req, context: context).render(project: project, form: form, problems: problems)
        }, onConflict: { form in
            let current = try await service.project(req.parameters.get("project"))
            return try await ConflictPanel.refusedEdit(req, form: form, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                       currentVersion: current.version, fields: ProjectDraft.auditedFields,
                                                       current: try await service.auditSnapshot(current)) { form, conflict in
                try await ProjectFormRenderer(req: req, context: context).render(project: current, form: form, problems: FormVersion.staleProblem, conflict: conflict)
            }
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id))).path
        })
    }

    // MARK: actions

    struct StatusForm: Content {
        var status: String?
        var reason: String?
    }

    func changeStatus(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        return try await req.handleForm(StatusForm.self, perform: { form -> Void in
            guard let target = form.status.flatMap(ProjectStatus.init(rawValue:)) else {
                throw ValidationFailure([FieldProblem("status", .invalidChoice)])
            }
            try await service.transition(project, to: target, reason: form.reason)
        }, onInvalid: { form, problems in
            var page = try await ProjectDetailBuilder(req: req, context: context).page(project)
            (page.problems, page.fieldErrors) = req.problemLines(problems)
            page.reason = form.reason ?? ""
            page.statusOptions = page.statusOptions.map { Option(value: $0.value, label: $0.label, selected: $0.value == form.status) }
            return try await req.view.render("projects/detail", page)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id))).path
        })
    }

    func archive(_ req: Request, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        try await service.setArchived(project, archived)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .project(.value(project.id))).path, redirectType: .normal)
    }

    struct MergeForm: Content {
        var target: String?
        var note: String?
    }

    func mergeForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        let project = try await PortfolioService(db: req.db, context: context).project(req.parameters.get("project"))
        return try await renderMerge(req, context, project, form: MergeForm(target: req.query[String.self, at: "target"], note: nil), problems: [])
    }

    func merge(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        return try await req.handleForm(MergeForm.self, perform: { form in
            try await service.merge(project, intoTargetID: form.target, note: form.note)
        }, onInvalid: { form, problems in
            try await renderMerge(req, context, project, form: form, problems: problems)
        }, success: { target in
            SiteURL.municipality(context.municipality.slug, .project(.value(target.id))).path
        })
    }

    private func renderMerge(_ req: Request, _ context: MunicipalityContext, _ project: Project, form: MergeForm, problems: [FieldProblem]) async throws -> View {
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let rows = PortfolioRows(req: req, context: context, snapshot: snapshot)
        let others = try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$id != project.requireID()).sort(\.$code).all()
        let (lines, byField) = req.problemLines(problems)
        let link = { (page: MunicipalityPage.ProjectPage) in SiteURL.municipality(context.municipality.slug, .project(.value(project.id), page)).path }
        return try await req.view.render("projects/merge", ProjectMergePage(
            chrome: context.chrome(req, title: req.t("projects.mergeTitle"), section: "projects"),
            project: try await rows.rows([project])[0], action: link(.merge), cancelURL: link(.show),
            targetOptions: others.map { Option(value: $0.id!.uuidString, label: $0.label, selected: $0.id!.uuidString == form.target) },
            problems: lines, fieldErrors: byField, note: form.note ?? ""))
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        return try await HistoryPage.render(req, context, ids: try await service.historyItemIDs(of: project), label: project.label,
                                            section: "projects", backURL: SiteURL.municipality(context.municipality.slug, .project(.value(project.id))).path)
    }
}
