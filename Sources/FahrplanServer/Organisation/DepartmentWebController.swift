import FahrplanCore
import Fluent
import Vapor

/// The organisation chart in the browser.
struct DepartmentWebController {
    struct Form: Content, VersionedForm {
        var code: String?
        var name: String?
        var level: String?
        var parentID: String?
        var headName: String?
        /// The edit version the form was loaded with (optimistic concurrency).
        var version: Int?
        var input: DepartmentInput { DepartmentInput(code: code, name: name, level: level, parentID: parentID, headName: headName) }
    }

    struct TreePage: Encodable {
        /// One unit with its sub-units; the template nests lists up to four levels (Dezernat → Amt →
        /// Sachgebiet, plus one spare), deeper units are shown at the fourth level.
        final class Node: Encodable {
            var code: String
            var name: String
            var level: String
            var headName: String?
            var url: String
            var archived: Bool
            var children: [Node] = []
            var hasChildren: Bool { !children.isEmpty }

            init(code: String, name: String, level: String, headName: String?, url: String, archived: Bool) {
                self.code = code; self.name = name; self.level = level; self.headName = headName; self.url = url; self.archived = archived
            }

            enum CodingKeys: String, CodingKey { case code, name, level, headName, url, archived, children, hasChildren }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(code, forKey: .code)
                try container.encode(name, forKey: .name)
                try container.encode(level, forKey: .level)
                try container.encodeIfPresent(headName, forKey: .headName)
                try container.encode(url, forKey: .url)
                try container.encode(archived, forKey: .archived)
                try container.encode(children, forKey: .children)
                try container.encode(hasChildren, forKey: .hasChildren)
            }
        }
        var chrome: Chrome
        var roots: [Node]
        var newURL: String?
        var showArchived: Bool
        var toggleArchivedURL: String
    }

    struct FormPage: Encodable {
        var chrome: Chrome
        var heading: String
        var action: String
        var cancelURL: String
        var values: [String: String]
        var levelOptions: [Option]
        var parentOptions: [Option]
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
        var archiveURL: String?
        var restoreURL: String?
        var historyURL: String?
        var version: Int?
        var conflict: ConflictPanel?
    }

    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.departments(), use: list)
        pages.get(.departments(.new), use: newForm)
        pages.post(.departments(), use: create)
        pages.get(.department(.key), use: editForm)
        pages.post(.department(.key), use: update)
        pages.post(.department(.key, .archive)) { try await archive($0, true) }
        pages.post(.department(.key, .restore)) { try await archive($0, false) }
        pages.get(.department(.key, .history), use: history)
    }

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let showArchived = req.query[String.self, at: "archived"] == "1"
        let entries = try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID).tree(includeArchived: showArchived)
        let slug = context.municipality.slug
        // Entries come depth-first, so the last node seen at each depth is the parent of the next one below it.
        var roots: [TreePage.Node] = []
        var path: [TreePage.Node] = []
        for entry in entries {
            let unit = entry.department
            let node = TreePage.Node(code: unit.code, name: unit.name, level: Strings.text("org.level.\(unit.level)", req.language),
                                     headName: unit.headName, url: SiteURL.municipality(slug, .department(.value(unit.id))).path, archived: unit.archivedAt != nil)
            let depth = min(entry.depth, 3, path.count)
            path.removeLast(path.count - depth)
            if let parent = path.last { parent.children.append(node) } else { roots.append(node) }
            path.append(node)
        }
        return try await req.view.render("organisation/list", TreePage(
            chrome: context.chrome(req, title: Strings.text("org.title", req.language), section: "departments"),
            roots: roots, newURL: context.permissions.canManageOrganisation ? SiteURL.municipality(slug, .departments(.new)).path : nil,
            showArchived: showArchived,
            toggleArchivedURL: SiteURL.municipality(slug, .departments()).path + (showArchived ? "" : "?archived=1")))
    }

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageOrganisation)
        return try await render(req, context, unit: nil, form: Form(level: DepartmentLevel.office.rawValue, parentID: req.query[String.self, at: "parent"]), problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(Form.self, perform: { form in
            try await DepartmentService(db: req.db, context: context).save(form.input, into: nil)
        }, onInvalid: { form, problems in
            try await render(req, context, unit: nil, form: form, problems: problems)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .departments()).path
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let unit = try await DepartmentService(db: req.db, context: context).unit(req.parameters.get("department"))
        let form = Form(code: unit.code, name: unit.name, level: unit.level, parentID: unit.$parent.id?.uuidString, headName: unit.headName,
                        version: unit.version)
        return try await render(req, context, unit: unit, form: form, problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = DepartmentService(db: req.db, context: context)
        let unit = try await service.unit(req.parameters.get("department"))
        return try await req.handleForm(Form.self, permission: context.permissions.canManageOrganisation, perform: { form in
            try await service.save(form.input, into: unit, expectedVersion: try FormVersion.required(form.version))
        }, onInvalid: { form, problems in
            try await render(req, context, unit: unit, form: form, problems: problems)
        }, onConflict: { form in
            let current = try await service.unit(req.parameters.get("department"))
            return try await ConflictPanel.refusedEdit(req, form: form, municipalityID: context.municipalityID, entityID: current.requireID(),
                                                       currentVersion: current.version, fields: DepartmentService.auditedFields,
                                                       current: DepartmentService.snapshot(current)) { form, conflict in
                try await render(req, context, unit: current, form: form, problems: FormVersion.staleProblem, conflict: conflict)
            }
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .departments()).path
        })
    }

    func archive(_ req: Request, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = DepartmentService(db: req.db, context: context)
        let unit = try await service.unit(req.parameters.get("department"))
        try await service.setArchived(unit, archived)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .department(.value(unit.id))).path, redirectType: .normal)
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canReadAudit)
        let unit = try await DepartmentService(db: req.db, context: context).unit(req.parameters.get("department"))
        return try await HistoryPage.render(req, context, ids: [try unit.requireID()], label: "\(unit.code) \(unit.name)",
                                            section: "departments", backURL: SiteURL.municipality(context.municipality.slug, .department(.value(unit.id))).path)
    }

    /// Readers see the unit's details in the same form, read-only: the template disables the fields.
    private func render(_ req: Request, _ context: MunicipalityContext, unit: Department?, form: Form, problems: [FieldProblem],
                        conflict: ConflictPanel? = nil) async throws -> View {
        let slug = context.municipality.slug
        let (lines, byField) = req.problemLines(problems)
        let heading = unit.map { "\($0.code) \($0.name)" } ?? Strings.text("org.new", req.language)
        let canManage = context.permissions.canManageOrganisation
        return try await req.view.render("organisation/form", FormPage(
            chrome: context.chrome(req, title: heading, section: "departments"),
            heading: heading,
            action: canManage ? (unit.map { SiteURL.municipality(slug, .department(.value($0.id))).path } ?? SiteURL.municipality(slug, .departments()).path) : "",
            cancelURL: SiteURL.municipality(slug, .departments()).path,
            values: ["code": form.code ?? "", "name": form.name ?? "", "headName": form.headName ?? ""],
            levelOptions: DepartmentLevel.allCases.map { Option(value: $0.rawValue, label: Strings.text("org.level.\($0.rawValue)", req.language), selected: $0.rawValue == form.level) },
            parentOptions: try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID)
                .indentedOptions(selected: form.parentID, excludingSubtreeOf: unit?.id),
            problems: lines, fieldErrors: byField,
            archiveURL: canManage && unit != nil && unit?.archivedAt == nil ? SiteURL.municipality(slug, .department(.value(unit?.id), .archive)).path : nil,
            restoreURL: canManage && unit?.archivedAt != nil ? SiteURL.municipality(slug, .department(.value(unit?.id), .restore)).path : nil,
            historyURL: canManage ? unit.map { SiteURL.municipality(slug, .department(.value($0.id), .history)).path } : nil,
            version: unit == nil ? nil : form.version, conflict: conflict))
    }
}
