import FahrplanCore
import Fluent
import Vapor

/// Calls for projects in the browser: the list, the form, the call page with the completion board and
/// the department lead's own answer, the team's actions, and the reminder texts.
struct CallWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.calls(), use: list)
        pages.get(.calls(.new), use: newForm)
        pages.post(.calls(), use: create)
        pages.get(.call(.key), use: detail)
        pages.get(.call(.key, .edit), use: editForm)
        pages.post(.call(.key), use: update)
        pages.post(.call(.key, .close)) { try await setClosed($0, true) }
        pages.post(.call(.key, .reopen)) { try await setClosed($0, false) }
        pages.post(.call(.key, .archive)) { try await setArchived($0, true) }
        pages.post(.call(.key, .restore)) { try await setArchived($0, false) }
        pages.post(.call(.key, .complete)) { try await setComplete($0, true) }
        pages.post(.call(.key, .incomplete)) { try await setComplete($0, false) }
        pages.get(.call(.key, .reminder), use: reminder)
        pages.get(.call(.key, .history), use: history)
    }

    // MARK: list

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let includeArchived = req.query[String.self, at: "archived"] == "1"
        let service = CallService(db: req.db, context: context)
        let today = context.calendar.today
        let calls = try await service.calls(includeArchived: includeArchived).sorted { a, b in
            let (ra, rb) = (a.phase(on: today).listRank, b.phase(on: today).listRank)
            if ra != rb { return ra < rb }
            // Closed calls newest first, the others by the nearest deadline.
            return ra == CallPhase.closed.listRank ? a.deadline > b.deadline : a.deadline < b.deadline
        }
        let loader = CallBoardLoader(db: req.db, municipalityID: context.municipalityID)
        let progress = try await loader.progress(of: calls.compactMap(\.id))
        let lang = req.language
        let isLead = context.role == .departmentLead
        var ownStates: [UUID: String] = [:]
        if isLead {
            for call in calls {
                let board = try await loader.load(call).board
                let own = board.rows.filter { context.permissions.ownDepartmentIDs.contains($0.unit.id.uuidString) }
                guard !own.isEmpty, let id = call.id else { continue }
                ownStates[id] = own.map { (own.count > 1 ? "\($0.unit.code): " : "") + CallDisplay.state($0.state, lang) }.joined(separator: ", ")
            }
        }
        let slug = context.municipality.slug
        let rows = calls.map { call in
            let phase = call.phase(on: today)
            let counts = call.id.flatMap { progress[$0] } ?? (0, 0)
            return CallListPage.Row(
                title: call.title, url: SiteURL.municipality(slug, .call(.value(call.id))).path, phaseLabel: CallDisplay.phase(phase, lang),
                phaseClass: CallDisplay.phaseClass(phase), opensOn: CallDisplay.day(call.opensOnDay, lang),
                deadline: CallDisplay.day(call.deadlineDay, lang),
                progress: CallDisplay.progress(asked: counts.asked, complete: counts.complete, lang),
                archived: call.archivedAt != nil, own: call.id.flatMap { ownStates[$0] })
        }
        return try await req.view.render("calls/list", CallListPage(
            chrome: context.chrome(req, title: req.t("calls.title"), section: "calls"),
            rows: rows.isEmpty ? nil : rows, newURL: context.permissions.canManagePortfolio ? SiteURL.municipality(slug, .calls(.new)).path : nil,
            archived: includeArchived,
            toggleArchivedURL: SiteURL.municipality(slug, .calls()).path + (includeArchived ? "" : "?archived=1"),
            showOwn: isLead))
    }

    // MARK: form

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        var form = CallForm()
        let today = context.calendar.today
        form.opensOn = today.german
        form.departmentIDs = try await CallService(db: req.db, context: context).defaultDepartmentIDs().map(\.uuidString)
        return try await renderForm(req, context, call: nil, form: form, problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(CallForm.self, permission: context.permissions.canManagePortfolio, perform: { form in
            try await CallService(db: req.db, context: context).create(form.input)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, call: nil, form: form, problems: problems)
        }, success: { call in
            SiteURL.municipality(context.municipality.slug, .call(.value(call.id))).path + "?created=1"
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        try context.require(context.permissions.canManagePortfolio && call.archivedAt == nil)
        let asked = try await service.recipients(of: call).map(\.$department.id)
        return try await renderForm(req, context, call: call, form: CallForm(call, departmentIDs: asked), problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        return try await req.handleForm(CallForm.self, permission: context.permissions.canManagePortfolio && call.archivedAt == nil, perform: { form in
            try await service.update(call, form.input)
        }, onInvalid: { form, problems in
            // Show the form with what was typed, not with what is stored.
            let fresh = try await service.call(req.parameters.get("call"))
            return try await renderForm(req, context, call: fresh, form: form, problems: problems)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .call(.value(call.id))).path + "?saved=1"
        })
    }

    private func renderForm(_ req: Request, _ context: MunicipalityContext, call: CallForProjects?, form: CallForm, problems: [FieldProblem]) async throws -> View {
        let slug = context.municipality.slug
        let selected = Set(form.departmentIDs ?? [])
        let entries = try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID).tree(includeArchived: true)
        // Archived units only appear while they are still asked, so they can be taken off.
        let options = entries.filter { $0.department.archivedAt == nil || selected.contains($0.department.id?.uuidString ?? "") }.map { entry in
            Option(value: entry.department.id?.uuidString ?? "",
                   label: String(repeating: "\u{00A0}\u{00A0}", count: entry.depth) + "\(entry.department.code) \(entry.department.name)",
                   selected: selected.contains(entry.department.id?.uuidString ?? ""))
        }
        let (lines, byField) = req.problemLines(problems)
        let heading = call.map { "\(req.t("calls.edit")): \($0.title)" } ?? req.t("calls.new")
        return try await req.view.render("calls/form", CallFormPage(
            chrome: context.chrome(req, title: heading, section: "calls"), heading: heading,
            action: call.map { SiteURL.municipality(slug, .call(.value($0.id))).path } ?? SiteURL.municipality(slug, .calls()).path,
            cancelURL: call.map { SiteURL.municipality(slug, .call(.value($0.id))).path } ?? SiteURL.municipality(slug, .calls()).path,
            values: .init(title: form.title ?? "", message: form.message ?? "", opensOn: form.opensOn ?? "", deadline: form.deadline ?? ""),
            problems: lines, fieldErrors: byField, departmentOptions: options))
    }

    // MARK: call page and actions

    func detail(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let call = try await CallService(db: req.db, context: context).call(req.parameters.get("call"))
        var notice: String?
        if req.query[String.self, at: "created"] != nil { notice = req.t("calls.created") }
        if req.query[String.self, at: "saved"] != nil { notice = req.t("strategy.saved") }
        let page = try await CallPageBuilder(req: req, context: context).detail(call, notice: notice, problems: [])
        return try await req.view.render("calls/detail", page)
    }

    func setClosed(_ req: Request, _ closed: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        try await service.setClosed(call, closed)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .call(.value(call.id))).path, redirectType: .normal)
    }

    func setArchived(_ req: Request, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        try await service.setArchived(call, archived)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .call(.value(call.id))).path, redirectType: .normal)
    }

    func setComplete(_ req: Request, _ complete: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        return try await req.handleForm(CompletionForm.self, perform: { form in
            try await service.setComplete(call, departmentID: form.departmentID, complete: complete, note: form.note)
        }, onInvalid: { _, problems in
            let page = try await CallPageBuilder(req: req, context: context).detail(call, notice: nil, problems: problems)
            return try await req.view.render("calls/detail", page)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .call(.value(call.id))).path
        })
    }

    func reminder(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let call = try await CallService(db: req.db, context: context).call(req.parameters.get("call"))
        try context.require(context.permissions.canManagePortfolio)
        let scope = CallBoard<UUID>.Filter(rawValue: req.query[String.self, at: "scope"] ?? "") ?? .missing
        let page = try await CallPageBuilder(req: req, context: context).reminder(call, scope: scope == .all ? .missing : scope)
        return try await req.view.render("calls/reminder", page)
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let call = try await CallService(db: req.db, context: context).call(req.parameters.get("call"))
        try context.require(context.permissions.canReadAudit)
        return try await HistoryPage.render(req, context, ids: [try call.requireID()], label: call.title, section: "calls",
                                            backURL: SiteURL.municipality(context.municipality.slug, .call(.value(call.id))).path)
    }
}
