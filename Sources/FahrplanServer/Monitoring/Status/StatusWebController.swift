import FahrplanCore
import Fluent
import Vapor

/// The project status page (`/m/:municipality/projects/:project/status`): the latest status report, earlier
/// reports, milestones, the monitoring owner, and the forms that add to them. Members read; who writes is
/// `ProjectStatusService`'s decision. A refused form comes back as 422 on the same page with the input kept.
struct StatusWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.project(.key, .status), use: show)
        pages.post(.project(.key, .statusReports), use: createReport)
        pages.post(.project(.key, .monitoringOwner), use: setOwner)
        pages.post(.project(.key, .milestones), use: createMilestone)
        pages.get(.milestone(project: .key, .key, .edit), use: editMilestone)
        pages.post(.milestone(project: .key, .key, .edit), use: updateMilestone)
    }

    struct ReportForm: Content {
        var reportedOn: String?
        var schedule: String?
        var scheduleReason: String?
        var budget: String?
        var budgetReason: String?
        var scope: String?
        var scopeReason: String?
        var percentComplete: String?
        var achieved: String?
        var obstacles: String?
        var nextSteps: String?
        var lessonsLearned: String?
        var spentToDate: String?

        var input: StatusReportInput {
            StatusReportInput(reportedOn: reportedOn, schedule: schedule, scheduleReason: scheduleReason, budget: budget,
                              budgetReason: budgetReason, scope: scope, scopeReason: scopeReason, percentComplete: percentComplete,
                              achieved: achieved, obstacles: obstacles, nextSteps: nextSteps, lessonsLearned: lessonsLearned,
                              spentToDate: spentToDate)
        }
    }

    /// A milestone as posted; the edit form also carries its version and the values it was opened with
    /// (`base…`), which the conflict panel sets against what is stored now.
    struct MilestoneForm: Content, VersionedForm {
        var title: String?
        var dueOn: String?
        var doneOn: String?
        var ownerUserID: String?
        var note: String?
        var version: Int?
        var baseTitle: String?
        var baseDueOn: String?
        var baseDoneOn: String?
        var baseOwnerUserID: String?
        var baseNote: String?

        var input: MilestoneInput { MilestoneInput(title: title, dueOn: dueOn, doneOn: doneOn, ownerUserID: ownerUserID, note: note) }
    }

    struct OwnerForm: Content {
        var ownerUserID: String?
    }

    // MARK: status page

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = ProjectStatusService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let notice = ["report": "status.reportSaved", "milestone": "milestone.saved", "owner": "status.ownerSaved"]
            .first { req.query[String.self, at: "saved"] == $0.key }.map { req.t($0.value) }
        return try await StatusPageBuilder(req: req, context: context, service: service).page(project, notice: notice)
    }

    func createReport(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = ProjectStatusService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let allowed = service.canWrite(project, ownerID: try await service.ownerID(of: project))
        return try await req.handleForm(ReportForm.self, permission: allowed, perform: { form in
            try await service.createReport(project, form.input)
        }, onInvalid: { form, problems in
            try await StatusPageBuilder(req: req, context: context, service: service).page(project, notice: nil, problems: problems,
                                                                                          report: form)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id), .status)).path(query: "saved=report")
        })
    }

    func setOwner(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = ProjectStatusService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        return try await req.handleForm(OwnerForm.self, permission: service.canChooseOwner(project), perform: { form in
            do {
                try await service.setOwner(project, form.ownerUserID)
            } catch let failure as ValidationFailure {
                // The owner select is not the milestone form's owner field, which shares the service's field name.
                throw ValidationFailure(failure.problems.map { FieldProblem($0.field == "ownerUserID" ? "monitoringOwner" : $0.field, $0.kind) })
            }
        }, onInvalid: { _, problems in
            try await StatusPageBuilder(req: req, context: context, service: service).page(project, notice: nil, problems: problems)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id), .status)).path(query: "saved=owner")
        })
    }

    // MARK: milestones

    func createMilestone(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = ProjectStatusService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let allowed = service.canWrite(project, ownerID: try await service.ownerID(of: project))
        return try await req.handleForm(MilestoneForm.self, permission: allowed, perform: { form in
            try await service.createMilestone(project, form.input)
        }, onInvalid: { form, problems in
            try await StatusPageBuilder(req: req, context: context, service: service).page(project, notice: nil, problems: problems,
                                                                                          milestone: form)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id), .status)).path(query: "saved=milestone") + "#milestones"
        })
    }

    func editMilestone(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = ProjectStatusService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let row = try await service.milestone(req.parameters.get("milestone"), of: project)
        try context.require(service.canWrite(project, ownerID: try await service.ownerID(of: project)))
        var form = Self.form(row.value, req.language)
        form.version = row.version
        (form.baseTitle, form.baseDueOn, form.baseDoneOn, form.baseOwnerUserID, form.baseNote) =
            (form.title, form.dueOn, form.doneOn, form.ownerUserID, form.note)
        return try await renderMilestoneForm(req, context, service, project, row, form, problems: [])
    }

    func updateMilestone(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = ProjectStatusService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let row = try await service.milestone(req.parameters.get("milestone"), of: project)
        let allowed = service.canWrite(project, ownerID: try await service.ownerID(of: project))
        return try await req.handleForm(MilestoneForm.self, permission: allowed, perform: { form in
            try await service.updateMilestone(project, row, form.input, expectedVersion: form.version)
        }, onInvalid: { form, problems in
            try await renderMilestoneForm(req, context, service, project, row, form, problems: problems)
        }, onConflict: { form in
            // Reloaded: the row above still holds what this request read before the other save won.
            let current = try await service.milestone(req.parameters.get("milestone"), of: project)
            var form = form
            let conflict = try await Self.conflict(req, service: service, project: project, current: current, form: form)
            form.version = current.version
            return try await renderMilestoneForm(req, context, service, project, current, form, problems: FormVersion.staleProblem,
                                                 conflict: conflict).encodeResponse(status: .conflict, for: req)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .project(.value(project.id), .status)).path(query: "saved=milestone") + "#milestones"
        })
    }

    static func form(_ milestone: Milestone, _ language: Language) -> MilestoneForm {
        MilestoneForm(title: milestone.title, dueOn: StatusDisplay.input(milestone.dueOn, language),
                      doneOn: StatusDisplay.input(milestone.doneOn, language), ownerUserID: milestone.ownerUserID?.uuidString,
                      note: milestone.note)
    }

    /// The fields someone else changed since the form was opened: the opened values (posted along) against the
    /// stored ones, with who saved the milestone last (from the project's audit trail).
    static func conflict(_ req: Request, service: ProjectStatusService, project: Project, current: ProjectMilestone,
                         form: MilestoneForm) async throws -> ConflictPanel {
        let names = Dictionary(try await service.members().map { ($0.id.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        let now = Self.form(current.value, req.language)
        let pairs: [(String, String?, String?)] = [
            ("title", form.baseTitle, now.title), ("dueOn", form.baseDueOn, now.dueOn), ("doneOn", form.baseDoneOn, now.doneOn),
            ("ownerUserID", form.baseOwnerUserID.map { names[$0] ?? $0 }, now.ownerUserID.map { names[$0] ?? $0 }),
            ("note", form.baseNote, now.note),
        ]
        func shown(_ value: String?) -> String { (value?.isEmpty ?? true) ? "–" : value! }
        let events = try await AuditEvent.query(on: req.db).filter(\.$municipality.$id == service.context.municipalityID)
            .filter(\.$entityID == project.requireID()).sort(\.$occurredAt, .descending).limit(50).all()
        let titles = Set([current.title, form.baseTitle].compactMap { $0 })
        let latest = events.first { event in
            AuditTrail.changes(of: event).contains { change in titles.contains { change.field.hasPrefix("milestone.\($0).") } }
        }
        let by = latest?.actorName ?? "–"
        let at = latest.map { req.formatted($0.occurredAt) } ?? "–"
        let rows = pairs.filter { shown($0.1) != shown($0.2) }.map {
            ConflictPanel.Row(field: Strings.fieldLabel($0.0, req.language), before: shown($0.1), now: shown($0.2), by: by, at: at)
        }
        return ConflictPanel(rows: rows, savedBy: latest?.actorName, savedAt: latest.map { req.formatted($0.occurredAt) })
    }

    private func renderMilestoneForm(_ req: Request, _ context: MunicipalityContext, _ service: ProjectStatusService, _ project: Project,
                                     _ row: ProjectMilestone, _ form: MilestoneForm, problems: [FieldProblem],
                                     conflict: ConflictPanel? = nil) async throws -> View {
        let slug = context.municipality.slug
        let (lines, byField) = req.problemLines(problems, labels: StatusDisplay.labels(req))
        let members = try await service.members()
        return try await req.view.render("monitoring/milestone-form", MilestoneFormPage(
            chrome: context.chrome(req, title: "\(req.t("milestone.edit")): \(row.title)", section: "projects"),
            heading: "\(req.t("milestone.edit")): \(row.title)", projectTitle: project.label,
            statusURL: SiteURL.municipality(slug, .project(.value(project.id), .status)).path,
            action: SiteURL.municipality(slug, .milestone(project: .value(project.id), .value(row.id))).path,
            values: .init(title: form.title ?? "", dueOn: form.dueOn ?? "", doneOn: form.doneOn ?? "", note: form.note ?? "",
                          version: form.version.map(String.init) ?? "", baseTitle: form.baseTitle ?? "", baseDueOn: form.baseDueOn ?? "",
                          baseDoneOn: form.baseDoneOn ?? "", baseOwnerUserID: form.baseOwnerUserID ?? "", baseNote: form.baseNote ?? ""),
            owners: StatusPageBuilder.ownerOptions(members, selected: form.ownerUserID, none: req.t("status.noOwner")),
            problems: lines, fieldErrors: byField, conflict: conflict))
    }
}
