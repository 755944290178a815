import FahrplanCore
import Fluent
import Vapor

/// The strategy frame in the browser: overview, lists, details, forms, history.
struct StrategyWebController {
    struct ElementForm: Content, VersionedForm {
        var code: String?
        var title: String?
        var description: String?
        var targetStatement: String?
        var targetYear: String?
        var parentID: String?
        var responsibleDepartmentID: String?
        /// The edit version the form was loaded with (optimistic concurrency).
        var version: Int?

        var input: StrategyElementInput {
            StrategyElementInput(code: code, title: title, description: description, targetStatement: targetStatement,
                                 targetYear: targetYear, parentID: parentID, responsibleDepartmentID: responsibleDepartmentID)
        }
    }

    struct VisionForm: Content {
        var visionTitle: String?
        var vision: String?
        var version: Int?
    }

    struct MoveForm: Content {
        var direction: MoveDirection
    }

    struct LinkForm: Content {
        var target: String?
        var remove: String?
    }

    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.overview, use: overview)
        pages.get(.vision(.edit), use: editVision)
        pages.post(.vision(.save), use: updateVision)
        for kind in StrategyElementKind.allCases {
            pages.get(.elements(kind)) { try await list($0, kind) }
            pages.get(.elements(kind, .new)) { try await newForm($0, kind) }
            pages.post(.elements(kind)) { try await create($0, kind) }
            pages.get(.element(kind, .key)) { try await detail($0, kind) }
            pages.get(.element(kind, .key, .edit)) { try await editForm($0, kind) }
            pages.post(.element(kind, .key)) { try await update($0, kind) }
            pages.post(.element(kind, .key, .archive)) { try await archive($0, kind, true) }
            pages.post(.element(kind, .key, .restore)) { try await archive($0, kind, false) }
            pages.post(.element(kind, .key, .move)) { try await move($0, kind) }
            pages.post(.element(kind, .key, .links)) { try await changeLinks($0, kind) }
            pages.get(.element(kind, .key, .history)) { try await history($0, kind) }
        }
    }

    // MARK: overview and lists

    func overview(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let canEdit = context.permissions.canEditFrame
        let key = context.cacheKey("overview", req.language.rawValue, String(canEdit))
        let content = try await req.application.renderedCache.value(for: key) {
            try await req.view.render("strategy/overview-content", overviewContent(req, context)).data
        }
        var personal = ""
        for slot in req.application.startPageSlots { personal += try await slot(req, context) ?? "" }
        let frame = try await req.view.render("strategy/overview", OverviewPage(
            chrome: context.chrome(req, title: context.municipality.name, section: "strategy"),
            contentHTML: personal + OverviewPage.contentMarker))
        // The cached bytes go in as they are: through Leaf, 40 KB would be converted and copied on every request.
        return View(data: try frame.data.replacingFirst(OverviewPage.contentMarker, with: content))
    }

    private func overviewContent(_ req: Request, _ context: MunicipalityContext) async throws -> OverviewContent {
        let all = try await req.application.strategySnapshots.snapshot(for: context, on: req.db).elements()
        let slug = context.municipality.slug
        let byParent = Dictionary(grouping: all.filter { $0.parentID != nil }, by: { $0.parentID! })
        func children(of parent: StrategySnapshot.Element, _ kind: StrategyElementKind) -> [StrategySnapshot.Element] {
            (byParent[parent.id] ?? []).filter { $0.kind == kind }
        }
        let fields = all.filter { $0.kind == .fieldOfAction }.map { field in
            ElementSummary(field, slug: slug, children: children(of: field, .goal).map { goal in
                ElementSummary(goal, slug: slug, children: children(of: goal, .program).map { ElementSummary($0, slug: slug) })
            })
        }
        return OverviewContent(
            chrome: .init(lang: req.language.rawValue),
            municipalityName: context.municipality.name,
            visionTitle: context.municipality.visionTitle,
            visionHTML: SafeMarkdown.html(context.municipality.vision),
            visionEditURL: context.permissions.canEditFrame ? SiteURL.municipality(slug, .vision(.edit)).path : nil,
            principles: all.filter { $0.kind == .principle }.map { ElementSummary($0, slug: slug) },
            fields: fields,
            kindLinks: StrategyElementKind.allCases.map { KindLink(label: Strings.kindPlural($0, req.language), url: SiteURL.municipality(slug, .elements($0)).path) })
    }

    func list(_ req: Request, _ kind: StrategyElementKind) async throws -> View {
        let context = try await req.municipalityContext()
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let showArchived = req.query[String.self, at: "archived"] == "1"
        let elements = snapshot.elements(of: kind, includeArchived: showArchived)
        let slug = context.municipality.slug
        let departments = try await departmentNames(req, context)
        var groups: [ElementListPage.Group] = []
        func rows(_ items: [StrategySnapshot.Element]) -> [ElementListPage.Row] {
            let active = items.filter { $0.archivedAt == nil }
            return items.map { element in
                let index = active.firstIndex { $0.id == element.id }
                return ElementListPage.Row(
                    summary: ElementSummary(element, slug: slug),
                    moveURL: SiteURL.municipality(slug, .element(kind, .value(element.id), .move)).path,
                    responsible: element.responsibleDepartmentID.flatMap { departments[$0] },
                    canMoveUp: index.map { $0 > 0 } ?? false,
                    canMoveDown: index.map { $0 < active.count - 1 } ?? false)
            }
        }
        if let parentKind = kind.parentKind {
            for parent in snapshot.elements(of: parentKind, includeArchived: true) {
                let items = elements.filter { $0.parentID == parent.id }
                guard !items.isEmpty else { continue }
                groups.append(.init(heading: parent.label, headingURL: SiteURL.municipality(slug, .element(parentKind, .value(parent.id))).path, items: rows(items)))
            }
        } else {
            groups.append(.init(heading: nil, headingURL: nil, items: rows(elements)))
        }
        let page = ElementListPage(
            chrome: context.chrome(req, title: Strings.kindPlural(kind, req.language), section: kind.pathSegment),
            heading: Strings.kindPlural(kind, req.language), kind: kind.rawValue, groups: groups,
            newURL: context.permissions.canEditFrame ? SiteURL.municipality(slug, .elements(kind, .new)).path : nil,
            showArchived: showArchived,
            toggleArchivedURL: SiteURL.municipality(slug, .elements(kind)).path + (showArchived ? "" : "?archived=1"),
            movable: context.permissions.canEditFrame)
        return try await req.view.render("strategy/list", page)
    }

    func detail(_ req: Request, _ kind: StrategyElementKind) async throws -> View {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        let slug = context.municipality.slug
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let all = snapshot.elements, byID = snapshot.byID
        let childKind = StrategyElementKind.allCases.first { $0.parentKind == kind }
        let children = all.filter { $0.parentID == element.id && $0.archivedAt == nil }.map { ElementSummary($0, slug: slug) }
        let links = try await StrategyLink.query(on: req.db).filter(\.$from.$id == element.requireID()).all()
        let linked = links.compactMap { byID[$0.$to.id] }.map { ElementSummary($0, slug: slug) }
        let linkedIDs = Set(links.map(\.$to.id))
        let canEdit = context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString)
        let link = { (page: MunicipalityPage.ElementPage) in SiteURL.municipality(slug, .element(kind, .value(element.id), page)).path }
        let candidates = all.filter { $0.id != element.id && $0.archivedAt == nil && !linkedIDs.contains($0.id) }
            .map { Option(value: $0.id.uuidString, label: "\(Strings.kindSingular($0.kind, req.language)): \($0.label)", selected: false) }
        let department = try await element.$responsibleDepartment.id.asyncMap { try await Department.find($0, on: req.db) } ?? nil
        let page = ElementDetailPage(
            chrome: context.chrome(req, title: service.label(element), section: kind.pathSegment),
            kindLabel: Strings.kindSingular(kind, req.language),
            element: try ElementSummary(element, slug: slug),
            descriptionHTML: SafeMarkdown.html(element.description),
            parent: element.$parent.id.flatMap { byID[$0] }.map { ElementSummary($0, slug: slug) },
            parentKindLabel: kind.parentKind.map { Strings.kindSingular($0, req.language) },
            childKindLabel: childKind.map { Strings.kindPlural($0, req.language) },
            children: children,
            responsible: department.map { "\($0.code) \($0.name)" },
            links: linked,
            linkCandidates: candidates,
            editURL: canEdit && element.archivedAt == nil ? link(.edit) : nil,
            archiveURL: context.permissions.canEditFrame && element.archivedAt == nil ? link(.archive) : nil,
            restoreURL: context.permissions.canEditFrame && element.archivedAt != nil ? link(.restore) : nil,
            linksURL: context.permissions.canEditFrame ? link(.links) : nil,
            historyURL: context.permissions.canReadAudit || canEdit ? link(.history) : nil,
            listURL: SiteURL.municipality(slug, .elements(kind)).path,
            listLabel: Strings.kindPlural(kind, req.language))
        return try await req.view.render("strategy/detail", page)
    }

    // MARK: forms

    func newForm(_ req: Request, _ kind: StrategyElementKind) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame || (context.role == .departmentLead && kind.hasResponsibleDepartment))
        let preselectedParent = req.query[String.self, at: "parent"]
        return try await renderForm(req, context, kind: kind, element: nil,
                                    form: ElementForm(parentID: preselectedParent), problems: [], status: .ok)
    }

    func create(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(ElementForm.self, perform: { form in
            try await StrategyService(db: req.db, context: context).create(kind, form.input)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, kind: kind, element: nil, form: form, problems: problems, status: .unprocessableEntity)
        }, success: { element in
            SiteURL.municipality(context.municipality.slug, .element(kind, .value(element.id))).path
        })
    }

    func editForm(_ req: Request, _ kind: StrategyElementKind) async throws -> View {
        let context = try await req.municipalityContext()
        let element = try await StrategyService(db: req.db, context: context).element(kind, id: req.parameters.get("element"))
        try context.require(context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString))
        let form = ElementForm(code: element.code, title: element.title, description: element.description,
                               targetStatement: element.targetStatement, targetYear: element.targetYear.map(String.init),
                               parentID: element.$parent.id?.uuidString,
                               responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString, version: element.version)
        return try await renderForm(req, context, kind: kind, element: element, form: form, problems: [], status: .ok)
    }

    func update(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        // Who may not edit learns that first, not that the form lacks its version.
        let mayEdit = context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString)
        return try await req.handleForm(ElementForm.self, permission: mayEdit, perform: { form in
            try await service.update(element, form.input, expectedVersion: try FormVersion.required(form.version))
        }, onInvalid: { form, problems in
            try await renderForm(req, context, kind: kind, element: element, form: form, problems: problems, status: .unprocessableEntity)
        }, onConflict: { form in
            let current = try await service.element(kind, id: req.parameters.get("element"))
            return try await ConflictPanel.refusedEdit(req, form: form, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                       currentVersion: current.version, fields: StrategyService.auditedFields,
                                                       current: StrategyService.snapshot(current)) { form, conflict in
                try await renderForm(req, context, kind: kind, element: current, form: form, problems: FormVersion.staleProblem,
                                     status: .conflict, conflict: conflict)
            }
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .element(kind, .value(element.id))).path
        })
    }

    private func renderForm(_ req: Request, _ context: MunicipalityContext, kind: StrategyElementKind, element: StrategyElement?,
                            form: ElementForm, problems: [FieldProblem], status: HTTPStatus,
                            conflict: ConflictPanel? = nil) async throws -> View {
        let slug = context.municipality.slug
        let service = StrategyService(db: req.db, context: context)
        var parentOptions: [Option] = []
        if let parentKind = kind.parentKind {
            parentOptions = try await req.application.strategySnapshots.snapshot(for: context, on: req.db).elements(of: parentKind).map {
                Option(value: $0.id.uuidString, label: $0.label, selected: $0.id.uuidString == form.parentID)
            }
        }
        var departmentOptions: [Option] = []
        if kind.hasResponsibleDepartment {
            departmentOptions = try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID).indentedOptions(selected: form.responsibleDepartmentID)
        }
        let (lines, byField) = req.problemLines(problems)
        let kindLabel = Strings.kindSingular(kind, req.language)
        let heading = element.map { "\(kindLabel): \(service.label($0))" } ?? "\(kindLabel) – \(Strings.text("action.new", req.language))"
        let page = ElementFormPage(
            chrome: context.chrome(req, title: heading, section: kind.pathSegment),
            heading: heading,
            action: element.map { SiteURL.municipality(slug, .element(kind, .value($0.id))).path } ?? SiteURL.municipality(slug, .elements(kind)).path,
            cancelURL: element.map { SiteURL.municipality(slug, .element(kind, .value($0.id))).path } ?? SiteURL.municipality(slug, .elements(kind)).path,
            values: .init(code: form.code ?? "", title: form.title ?? "", description: form.description ?? "",
                          targetStatement: form.targetStatement ?? "", targetYear: form.targetYear ?? ""),
            problems: lines, fieldErrors: byField,
            hasParent: kind.parentKind != nil,
            parentLabel: kind.parentKind.map { Strings.kindSingular($0, req.language) },
            parentOptions: parentOptions,
            hasTarget: kind.hasTarget,
            hasDepartment: kind.hasResponsibleDepartment,
            departmentOptions: departmentOptions,
            version: element == nil ? nil : form.version,
            conflict: conflict)
        return try await req.view.render("strategy/form", page)
    }

    // MARK: actions

    func archive(_ req: Request, _ kind: StrategyElementKind, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        try await service.setArchived(element, archived)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .element(kind, .value(element.id))).path, redirectType: .normal)
    }

    func move(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        try await service.move(element, try req.content.decode(MoveForm.self).direction)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .elements(kind)).path, redirectType: .normal)
    }

    func changeLinks(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        let form = try req.content.decode(LinkForm.self)
        if let remove = form.remove {
            try await service.unlink(element, from: remove)
        } else {
            try await service.link(element, to: form.target)
        }
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .element(kind, .value(element.id))).path, redirectType: .normal)
    }

    func history(_ req: Request, _ kind: StrategyElementKind) async throws -> View {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        // The trail names people; it is for those who own the item, not for every reader.
        try context.require(context.permissions.canReadAudit
                            || context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString))
        return try await HistoryPage.render(req, context, ids: [try element.requireID()], label: service.label(element),
                                            section: kind.pathSegment, backURL: SiteURL.municipality(context.municipality.slug, .element(kind, .value(element.id))).path)
    }

    // MARK: vision

    func editVision(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        return try await renderVision(req, context, title: context.municipality.visionTitle, vision: context.municipality.vision,
                                      version: context.municipality.visionVersion, problems: [])
    }

    func updateVision(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(VisionForm.self, permission: context.permissions.canEditFrame, perform: { form in
            try await StrategyService(db: req.db, context: context)
                .updateVision(title: form.visionTitle, text: form.vision, expectedVersion: try FormVersion.required(form.version))
        }, onInvalid: { form, problems in
            try await renderVision(req, context, title: form.visionTitle ?? "", vision: form.vision ?? "", version: form.version,
                                   problems: problems)
        }, onConflict: { form in
            guard let current = try await Municipality.find(context.municipalityID, on: req.db) else { throw FahrplanError.notFound }
            let conflict = try await ConflictPanel.load(req, municipalityID: context.municipalityID, entityID: context.municipalityID,
                                                        baseVersion: form.version ?? 0, fields: StrategyService.visionFields,
                                                        current: ["visionTitle": current.visionTitle, "vision": current.vision])
            return try await renderVision(req, context, title: form.visionTitle ?? "", vision: form.vision ?? "",
                                          version: current.visionVersion, problems: FormVersion.staleProblem, conflict: conflict)
                .response(.conflict, for: req)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug).path
        })
    }

    private func renderVision(_ req: Request, _ context: MunicipalityContext, title: String, vision: String, version: Int?,
                              problems: [FieldProblem], conflict: ConflictPanel? = nil) async throws -> View {
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("strategy/vision-form", VisionFormPage(
            chrome: context.chrome(req, title: Strings.text("strategy.editVision", req.language), section: "strategy"),
            action: SiteURL.municipality(context.municipality.slug, .vision(.save)).path, cancelURL: SiteURL.municipality(context.municipality.slug).path,
            visionTitle: title, vision: vision, problems: lines, fieldErrors: byField, version: version, conflict: conflict))
    }

    private func departmentNames(_ req: Request, _ context: MunicipalityContext) async throws -> [UUID: String] {
        let units = try await Department.query(on: req.db).filter(\.$municipality.$id == context.municipalityID).all()
        return Dictionary(units.compactMap { unit in unit.id.map { ($0, "\(unit.code) \(unit.name)") } }, uniquingKeysWith: { a, _ in a })
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
