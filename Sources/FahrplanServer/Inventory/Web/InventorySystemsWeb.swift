import FahrplanCore
import Fluent
import Vapor

/// The IT system pages: the list with its filter, one system, the form (new and edit), archive/restore, history.
struct InventorySystemsWeb {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.inventory(.systems), use: list)
        pages.get(.inventory(.newSystem), use: newForm)
        pages.post(.inventory(.newSystem), use: create)
        pages.get(.itSystem(.key), use: show)
        pages.get(.itSystem(.key, .edit), use: editForm)
        pages.post(.itSystem(.key, .edit), use: update)
        pages.post(.itSystem(.key, .archive)) { try await setArchived($0, true) }
        pages.post(.itSystem(.key, .restore)) { try await setArchived($0, false) }
        pages.get(.itSystem(.key, .history), use: history)
    }

    struct Form: Content {
        var name: String?
        var vendor: String?
        var product: String?
        var departmentIDs: [String]?
        var hosting: String?
        var contractEndsOn: String?
        var interfaces: String?
        var dataProtection: String?
        var lifecycle: String?
        var replacingIDs: [String]?
        var extendingIDs: [String]?
        var note: String?
        var version: String?

        var service: InventoryService.SystemForm {
            let replacing = (replacingIDs ?? []).filter { !$0.isEmpty }, extending = (extendingIDs ?? []).filter { !$0.isEmpty }
            return InventoryService.SystemForm(
                input: ITSystemInput(name: name, vendor: vendor, product: product, departmentIDs: (departmentIDs ?? []).filter { !$0.isEmpty },
                                     hosting: hosting, contractEndsOn: contractEndsOn,
                                     interfaces: (interfaces ?? "").split(whereSeparator: \.isNewline).map(String.init)
                                        .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty },
                                     dataProtection: dataProtection, lifecycle: lifecycle, projectIDs: replacing + extending),
                projectRelations: replacing.map { _ in "replaces" } + extending.map { _ in "extends" },
                note: note, version: version.flatMap { Int($0) })
        }
    }

    struct VersionForm: Content { var version: String? }

    // MARK: list

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let lookup = try await InventoryLookup.load(req.db, municipalityID: context.municipalityID)
        let text = CleanText.normalize(req.query[String.self, at: "q"], multiline: false)
        let department = req.query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
        let project = req.query[String.self, at: "project"].flatMap(UUID.init(uuidString:))
        let lifecycle = req.query[String.self, at: "lifecycle"].flatMap(ITSystemLifecycle.init(rawValue:))
        let includeArchived = req.query[String.self, at: "archived"] == "1"
        let listed = try await InventoryFilters.systems(service, .init(text: text, departmentID: department, projectID: project,
                                                                         lifecycle: lifecycle, includeArchived: includeArchived))
        let english = req.language != .de
        let slug = context.municipality.slug
        let rows = listed.map { item in
            InventorySystemListPage.Row(
                name: item.record.name, url: SiteURL.municipality(slug, .itSystem(.value(item.record.id))).path,
                vendorProduct: [item.record.vendor, item.record.product].compactMap { $0 }.joined(separator: " · "),
                departments: item.departments.compactMap { lookup.department(id: $0)?.code }.sorted().joined(separator: ", "),
                hosting: item.record.hostingChoice?.label(english: english) ?? "",
                contractEnd: item.record.contractEndDay.map { english ? $0.iso : $0.german } ?? "",
                lifecycle: item.record.lifecycleChoice?.label(english: english) ?? "",
                projects: item.projects.compactMap { link in
                    lookup.project(id: link.id).map { "\($0.code) (\(req.t("inventory.relation.\(link.relation.rawValue)")))" }
                }.joined(separator: ", "),
                archived: item.record.archivedAt != nil)
        }
        let filter = InventorySystemListPage.Filter(
            text: text ?? "",
            departments: [Option(value: "", label: req.t("inventory.all"), selected: department == nil)]
                + lookup.departments.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: $0.id == department) },
            lifecycles: [Option(value: "", label: req.t("inventory.all"), selected: lifecycle == nil)]
                + ITSystemLifecycle.allCases.map { Option(value: $0.rawValue, label: $0.label(english: english), selected: $0 == lifecycle) },
            projects: [Option(value: "", label: req.t("inventory.all"), selected: project == nil)]
                + lookup.projects.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: $0.id == project) },
            includeArchived: includeArchived, resetURL: SiteURL.municipality(slug, .inventory(.systems)).path)
        return try await req.view.render("inventory/systems", InventorySystemListPage(
            chrome: context.chrome(req, title: req.t("inventory.systems"), section: "inventory"),
            links: InventoryLinks(slug: slug, service: service), filter: filter, rows: rows.isEmpty ? nil : rows, count: rows.count))
    }

    // MARK: one system

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.system(req.parameters.get("system"))
        let id = try record.requireID()
        let lookup = try await InventoryLookup.load(req.db, municipalityID: context.municipalityID)
        let english = req.language != .de
        let slug = context.municipality.slug
        let departments = try await service.systemDepartments([id])[id] ?? []
        let projects = try await service.systemProjects([id])[id] ?? []
        let linkedServices = try await AdministrativeServiceRecord.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$project.$id ~~ projects.map(\.id)).sort(\.$nameKey).all()
        func fact(_ key: String, _ value: String?) -> Fact? {
            value.flatMap { $0.isEmpty ? nil : Fact(label: req.t("inventory.field.\(key)"), value: $0) }
        }
        var facts = [fact("vendor", record.vendor), fact("product", record.product),
                     fact("departmentIDs", departments.compactMap { lookup.departmentLabel($0) }.sorted().joined(separator: ", ")),
                     fact("hosting", record.hostingChoice?.label(english: english)),
                     fact("contractEndsOn", record.contractEndDay.map { english ? $0.iso : $0.german }),
                     fact("interfaces", record.interfaces.joined(separator: ", ")),
                     fact("dataProtection", record.dataProtectionChoice?.label(english: english)),
                     fact("lifecycle", record.lifecycleChoice?.label(english: english)), fact("note", record.note)].compactMap { $0 }
        for link in projects {
            guard let project = lookup.project(id: link.id) else { continue }
            facts.append(Fact(label: req.t("inventory.relation.\(link.relation.rawValue)"), value: "\(project.code) \(project.name)",
                              url: SiteURL.municipality(slug, .project(.value(project.id))).path))
        }
        for linked in linkedServices {
            facts.append(Fact(label: req.t("inventory.linkedServices"), value: linked.name,
                              url: SiteURL.municipality(slug, .administrativeService(.value(linked.id))).path))
        }
        let canEdit = try await service.canEdit(system: record)
        func link(_ page: MunicipalityPage.ITSystemPage) -> String { SiteURL.municipality(slug, .itSystem(.value(id), page)).path }
        let notice = req.query[String.self, at: "saved"] != nil ? req.t("inventory.saved") : nil
        return try await req.view.render("inventory/item", InventoryItemPage(
            chrome: context.chrome(req, title: record.name, section: "inventory"), links: InventoryLinks(slug: slug, service: service),
            heading: record.name, notice: notice, archived: record.archivedAt != nil, facts: facts, criteria: nil, overall: nil, assessments: nil,
            editURL: canEdit && record.archivedAt == nil ? link(.edit) : nil,
            archiveURL: canEdit && record.archivedAt == nil ? link(.archive) : nil,
            restoreURL: canEdit && record.archivedAt != nil ? link(.restore) : nil,
            historyURL: link(.history), listURL: SiteURL.municipality(slug, .inventory(.systems)).path,
            listLabel: req.t("inventory.systems"), version: record.version))
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.system(req.parameters.get("system"))
        // The trail names people: for those who keep the item, not every reader.
        let canEdit = try await service.canEdit(system: record)
        try context.require(context.permissions.canReadAudit || canEdit)
        return try await HistoryPage.render(req, context, ids: [try record.requireID()], label: record.name, section: "inventory",
                                            backURL: SiteURL.municipality(context.municipality.slug, .itSystem(.value(record.id))).path)
    }

    func setArchived(_ req: Request, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.system(req.parameters.get("system"))
        let form = try req.content.decode(VersionForm.self)
        try await service.setSystemArchived(record, archived, expected: form.version.flatMap { Int($0) })
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .itSystem(.value(record.id))).path, redirectType: .normal)
    }

    // MARK: form

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(InventoryService(db: req.db, context: context).canCreate)
        return try await render(req, context, Form(), record: nil, problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        return try await req.handleForm(Form.self, permission: service.canCreate, perform: { form in
            try await service.createSystem(form.service)
        }, onInvalid: { form, problems in
            try await render(req, context, form, record: nil, problems: problems)
        }, success: { record in
            SiteURL.municipality(context.municipality.slug, .itSystem(.value(record.id))).path(query: "saved=1")
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.system(req.parameters.get("system"))
        try context.require(try await service.canEdit(system: record))
        let id = try record.requireID()
        let projects = try await service.systemProjects([id])[id] ?? []
        let form = Form(name: record.name, vendor: record.vendor, product: record.product,
                        departmentIDs: (try await service.systemDepartments([id])[id] ?? []).map(\.uuidString), hosting: record.hosting,
                        contractEndsOn: record.contractEndDay?.german, interfaces: record.interfaces.joined(separator: "\n"),
                        dataProtection: record.dataProtection, lifecycle: record.lifecycle,
                        replacingIDs: projects.filter { $0.relation == .replaces }.map(\.id.uuidString),
                        extendingIDs: projects.filter { $0.relation == .extends }.map(\.id.uuidString),
                        note: record.note, version: String(record.version))
        return try await render(req, context, form, record: record, problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.system(req.parameters.get("system"))
        return try await req.handleForm(Form.self, perform: { form in
            try await service.updateSystem(record, form.service)
        }, onInvalid: { form, problems in
            try await render(req, context, form, record: record, problems: problems)
        }, onConflict: { form in
            try await render(req, context, form, record: record, problems: [FieldProblem("version", .staleEdit)], conflict: true)
                .encodeResponse(status: .conflict, for: req)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .itSystem(.value(record.id))).path(query: "saved=1")
        })
    }

    private func render(_ req: Request, _ context: MunicipalityContext, _ form: Form, record: ITSystemRecord?,
                        problems: [FieldProblem], conflict: Bool = false) async throws -> View {
        let lookup = try await InventoryLookup.load(req.db, municipalityID: context.municipalityID)
        let english = req.language != .de
        let slug = context.municipality.slug
        let (lines, byField) = req.inventoryProblems(problems)
        func choices<C: LabelledChoice>(_ type: C.Type, _ selected: String?) -> [Option] {
            [Option(value: "", label: req.t("inventory.undecided"), selected: (selected ?? "").isEmpty)]
                + C.allCases.map { Option(value: $0.rawValue, label: $0.label(english: english), selected: $0.rawValue == selected) }
        }
        func entries(_ list: [InventoryLookup.Entry], _ selected: [String]?) -> [Option] {
            list.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: (selected ?? []).contains($0.id.uuidString)) }
        }
        var byFieldMapped = byField
        if let error = byField["projectIDs"] ?? byField["projectRelations"] { byFieldMapped["replacingIDs"] = error }
        let heading = record.map { "\(req.t("inventory.editSystem")): \($0.name)" } ?? req.t("inventory.newSystem")
        return try await req.view.render("inventory/system-form", InventorySystemFormPage(
            chrome: context.chrome(req, title: heading, section: "inventory"), heading: heading,
            action: record.map { SiteURL.municipality(slug, .itSystem(.value($0.id), .edit)).path } ?? SiteURL.municipality(slug, .inventory(.newSystem)).path,
            cancelURL: record.map { SiteURL.municipality(slug, .itSystem(.value($0.id))).path } ?? SiteURL.municipality(slug, .inventory(.systems)).path,
            listURL: SiteURL.municipality(slug, .inventory(.systems)).path,
            values: .init(name: form.name ?? "", vendor: form.vendor ?? "", product: form.product ?? "", contractEndsOn: form.contractEndsOn ?? "",
                          interfaces: form.interfaces ?? "", note: form.note ?? "", version: form.version ?? ""),
            departments: entries(lookup.departments, form.departmentIDs),
            hostings: choices(ITHosting.self, form.hosting), dataProtections: choices(DataProtectionRelevance.self, form.dataProtection),
            lifecycles: choices(ITSystemLifecycle.self, form.lifecycle),
            replacing: entries(lookup.projects, form.replacingIDs), extending: entries(lookup.projects, form.extendingIDs),
            problems: lines, fieldErrors: byFieldMapped, conflict: conflict))
    }
}
