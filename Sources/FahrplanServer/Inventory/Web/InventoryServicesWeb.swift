import FahrplanCore
import Fluent
import Vapor

/// The administrative service pages: the list with its filter, one service with its levels and assessment
/// history, the form (master data and one rating per criterion), archive/restore, history.
struct InventoryServicesWeb {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.inventory(.services), use: list)
        pages.get(.inventory(.newService), use: newForm)
        pages.post(.inventory(.newService), use: create)
        pages.get(.administrativeService(.key), use: show)
        pages.get(.administrativeService(.key, .edit), use: editForm)
        pages.post(.administrativeService(.key, .edit), use: update)
        pages.post(.administrativeService(.key, .archive)) { try await setArchived($0, true) }
        pages.post(.administrativeService(.key, .restore)) { try await setArchived($0, false) }
        pages.get(.administrativeService(.key, .history), use: history)
    }

    struct Form: Content {
        var name: String?
        var leikaKey: String?
        var ozgID: String?
        var departmentID: String?
        var casesPerYear: String?
        var projectID: String?
        var note: String?
        /// One entry per criterion of the model, in its order: the level chosen (blank: not assessed) and the day.
        var criterion: [String]?
        var level: [String]?
        var assessedOn: [String]?
        var version: String?

        /// Only ratings that differ from the criterion's current level become assessments, so saving the form
        /// unchanged adds nothing to the history.
        func service(current: [String: Int]) -> InventoryService.ServiceForm {
            var assessments: [MaturityAssessmentInput] = []
            for (index, key) in (criterion ?? []).enumerated() {
                let level = index < (self.level ?? []).count ? self.level![index] : ""
                guard !level.isEmpty, Int(level) != current[key] else { continue }
                assessments.append(MaturityAssessmentInput(criterion: key, level: level,
                                                           assessedOn: index < (assessedOn ?? []).count ? assessedOn![index] : nil))
            }
            return InventoryService.ServiceForm(
                input: AdministrativeServiceInput(name: name, leikaKey: leikaKey, ozgID: ozgID, departmentID: departmentID,
                                                  casesPerYear: casesPerYear, projectID: projectID, assessments: assessments),
                note: note, version: version.flatMap { Int($0) })
        }
    }

    /// "3 Online-Leistung"; a number the model lacks (an old assessment after a model change) as "6 (not in the model)".
    static func levelText(_ model: MaturityModel, _ level: Int?, english: Bool, unknown: String, notInModel: String? = nil) -> String {
        guard let level else { return unknown }
        return model.level(level).map { "\($0.number) \($0.label(english: english))" } ?? (notInModel.map { "\(level) (\($0))" } ?? String(level))
    }

    // MARK: list

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let model = try await service.maturityModel()
        let lookup = try await InventoryLookup.load(req.db, municipalityID: context.municipalityID)
        let text = CleanText.normalize(req.query[String.self, at: "q"], multiline: false)
        let department = req.query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
        let project = req.query[String.self, at: "project"].flatMap(UUID.init(uuidString:))
        let level = req.query[String.self, at: "level"].flatMap { $0.isEmpty ? nil : $0 }
        let includeArchived = req.query[String.self, at: "archived"] == "1"
        let listed = try await InventoryFilters.services(service, .init(text: text, departmentID: department, projectID: project, level: level,
                                                                          includeArchived: includeArchived), model: model)
        let english = req.language != .de
        let slug = context.municipality.slug
        let today = context.calendar.today
        let unknown = req.t("inventory.unknown")
        let rows = listed.map { item in
            let levels = model.criterionLevels(item.assessments, on: today)
            return InventoryServiceListPage.Row(
                name: item.record.name, url: SiteURL.municipality(slug, .administrativeService(.value(item.record.id))).path,
                department: lookup.department(id: item.record.$department.id)?.code ?? "",
                cases: item.record.casesPerYear.map { PortfolioDisplay.whole(Int64($0), req.language) } ?? "",
                overall: Self.levelText(model, item.overall.level, english: english, unknown: unknown),
                criteria: model.criteria.map { levels[$0.key].map(String.init) ?? "–" },
                project: lookup.project(id: item.record.$project.id)?.code ?? "", archived: item.record.archivedAt != nil)
        }
        let filter = InventoryServiceListPage.Filter(
            text: text ?? "",
            departments: [Option(value: "", label: req.t("inventory.all"), selected: department == nil)]
                + lookup.departments.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: $0.id == department) },
            levels: [Option(value: "", label: req.t("inventory.all"), selected: level == nil)]
                + model.levels.map { Option(value: String($0.number), label: "\($0.number) \($0.label(english: english))", selected: String($0.number) == level) }
                + [Option(value: "unknown", label: unknown, selected: level == "unknown")],
            projects: [Option(value: "", label: req.t("inventory.all"), selected: project == nil)]
                + lookup.projects.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: $0.id == project) },
            includeArchived: includeArchived, resetURL: SiteURL.municipality(slug, .inventory(.services)).path)
        return try await req.view.render("inventory/services", InventoryServiceListPage(
            chrome: context.chrome(req, title: req.t("inventory.services"), section: "inventory"),
            links: InventoryLinks(slug: slug, service: service), filter: filter,
            criteria: model.criteria.map { $0.name(english: english) }, rows: rows.isEmpty ? nil : rows, count: rows.count))
    }

    // MARK: one service

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.service(req.parameters.get("service"))
        let id = try record.requireID()
        let model = try await service.maturityModel()
        let lookup = try await InventoryLookup.load(req.db, municipalityID: context.municipalityID)
        let english = req.language != .de
        let slug = context.municipality.slug
        let unknown = req.t("inventory.notAssessed")
        let assessments = try await service.assessments([id])[id] ?? []
        let today = context.calendar.today
        let levels = model.criterionLevels(assessments, on: today)
        var facts: [Fact] = []
        func add(_ key: String, _ value: String?, url: String? = nil) {
            if let value, !value.isEmpty { facts.append(Fact(label: req.t("inventory.field.\(key)"), value: value, url: url)) }
        }
        add("leikaKey", record.leikaKey); add("ozgID", record.ozgID)
        add("departmentID", lookup.departmentLabel(record.$department.id))
        add("casesPerYear", record.casesPerYear.map { PortfolioDisplay.whole(Int64($0), req.language) })
        add("projectID", lookup.projectLabel(record.$project.id),
            url: record.$project.id.map { SiteURL.municipality(slug, .project(.value($0))).path })
        add("note", record.note)
        if let projectID = record.$project.id {
            let systems = try await ITSystemProjectRecord.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
                .filter(\.$project.$id == projectID).all()
            for link in systems {
                if let system = try await ITSystemRecord.query(on: req.db).filter(\.$id == link.$system.id).filter(\.$archivedAt == nil).first() {
                    facts.append(Fact(label: req.t("inventory.linkedSystems"), value: system.name,
                                      url: SiteURL.municipality(slug, .itSystem(.value(system.id))).path))
                }
            }
        }
        let criteria = model.criteria.map { criterion in
            Fact(label: criterion.name(english: english), value: Self.levelText(model, levels[criterion.key], english: english, unknown: unknown))
        }
        let history = try await service.assessmentRecords(of: record).map { row in
            InventoryItemPage.AssessmentRow(
                criterion: model.criterion(row.criterionKey)?.name(english: english) ?? row.criterionKey,
                level: Self.levelText(model, row.level, english: english, unknown: unknown, notInModel: req.t("inventory.levelNotInModel")),
                day: CalendarDay(iso: row.assessedOn).map { english ? $0.iso : $0.german } ?? row.assessedOn,
                note: row.note ?? "", recordedBy: row.recordedByName ?? "")
        }
        let canEdit = service.canEdit(service: record)
        func link(_ page: MunicipalityPage.AdministrativeServicePage) -> String { SiteURL.municipality(slug, .administrativeService(.value(id), page)).path }
        return try await req.view.render("inventory/item", InventoryItemPage(
            chrome: context.chrome(req, title: record.name, section: "inventory"), links: InventoryLinks(slug: slug, service: service),
            heading: record.name, notice: req.query[String.self, at: "saved"] != nil ? req.t("inventory.saved") : nil,
            archived: record.archivedAt != nil, facts: facts, criteria: criteria,
            overall: Self.levelText(model, model.overall(assessments, on: today).level, english: english, unknown: req.t("inventory.unknown")),
            assessments: history.isEmpty ? nil : history,
            editURL: canEdit && record.archivedAt == nil ? link(.edit) : nil,
            archiveURL: canEdit && record.archivedAt == nil ? link(.archive) : nil,
            restoreURL: canEdit && record.archivedAt != nil ? link(.restore) : nil,
            historyURL: link(.history), listURL: SiteURL.municipality(slug, .inventory(.services)).path,
            listLabel: req.t("inventory.services"), version: record.version))
    }

    func history(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.service(req.parameters.get("service"))
        try context.require(context.permissions.canReadAudit || service.canEdit(service: record))
        return try await HistoryPage.render(req, context, ids: [try record.requireID()], label: record.name, section: "inventory",
                                            backURL: SiteURL.municipality(context.municipality.slug, .administrativeService(.value(record.id))).path)
    }

    func setArchived(_ req: Request, _ archived: Bool) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.service(req.parameters.get("service"))
        let form = try req.content.decode(InventorySystemsWeb.VersionForm.self)
        try await service.setServiceArchived(record, archived, expected: form.version.flatMap { Int($0) })
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .administrativeService(.value(record.id))).path, redirectType: .normal)
    }

    // MARK: form

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(InventoryService(db: req.db, context: context).canCreate)
        return try await render(req, context, Form(), record: nil, current: [:], problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        return try await req.handleForm(Form.self, permission: service.canCreate, perform: { form in
            try await service.createService(form.service(current: [:]))
        }, onInvalid: { form, problems in
            try await render(req, context, form, record: nil, current: [:], problems: problems)
        }, success: { record in
            SiteURL.municipality(context.municipality.slug, .administrativeService(.value(record.id))).path(query: "saved=1")
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.service(req.parameters.get("service"))
        try context.require(service.canEdit(service: record))
        let current = try await currentLevels(service, record)
        let model = try await service.maturityModel()
        let form = Form(name: record.name, leikaKey: record.leikaKey, ozgID: record.ozgID, departmentID: record.$department.id?.uuidString,
                        casesPerYear: record.casesPerYear.map(String.init), projectID: record.$project.id?.uuidString, note: record.note,
                        criterion: model.criteria.map(\.key), level: model.criteria.map { current[$0.key].map(String.init) ?? "" },
                        assessedOn: nil, version: String(record.version))
        return try await render(req, context, form, record: record, current: current, problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let record = try await service.service(req.parameters.get("service"))
        let current = try await currentLevels(service, record)
        return try await req.handleForm(Form.self, perform: { form in
            try await service.updateService(record, form.service(current: current))
        }, onInvalid: { form, problems in
            try await render(req, context, form, record: record, current: current, problems: problems)
        }, onConflict: { form in
            try await render(req, context, form, record: record, current: current, problems: [FieldProblem("version", .staleEdit)], conflict: true)
                .encodeResponse(status: .conflict, for: req)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .administrativeService(.value(record.id))).path(query: "saved=1")
        })
    }

    private func currentLevels(_ service: InventoryService, _ record: AdministrativeServiceRecord) async throws -> [String: Int] {
        let id = try record.requireID()
        return try await service.maturityModel().criterionLevels(try await service.assessments([id])[id] ?? [], on: service.context.calendar.today)
    }

    private func render(_ req: Request, _ context: MunicipalityContext, _ form: Form, record: AdministrativeServiceRecord?,
                        current: [String: Int], problems: [FieldProblem], conflict: Bool = false) async throws -> View {
        let service = InventoryService(db: req.db, context: context)
        let model = try await service.maturityModel()
        let lookup = try await InventoryLookup.load(req.db, municipalityID: context.municipalityID)
        let english = req.language != .de
        let slug = context.municipality.slug
        let today = context.calendar.today
        // Problems of the submitted ratings name `assessments[i]`; i counts only the ratings that were sent on.
        let sent = form.service(current: current).input.assessments.compactMap(\.criterion)
        let names = sent.map { key in model.criterion(key)?.name(english: english) ?? key }
        let (lines, byField) = req.inventoryProblems(problems, criterionNames: names)
        let rows = model.criteria.enumerated().map { index, criterion in
            let chosen = index < (form.level ?? []).count ? form.level![index] : ""
            let day = index < (form.assessedOn ?? []).count ? form.assessedOn![index] : today.german
            let errors = problems.filter { problem in
                guard let position = sent.firstIndex(of: criterion.key) else { return false }
                return problem.field.hasPrefix("assessments[\(position)]")
            }
            return InventoryServiceFormPage.CriterionRow(
                key: criterion.key, name: criterion.name(english: english), index: index,
                levels: [Option(value: "", label: req.t("inventory.notAssessed"), selected: chosen.isEmpty)]
                    + model.levels.map { Option(value: String($0.number), label: "\($0.number) \($0.label(english: english))", selected: String($0.number) == chosen) },
                day: day, current: InventoryServicesWeb.levelText(model, current[criterion.key], english: english, unknown: req.t("inventory.notAssessed")),
                error: errors.first.map { Strings.problem($0, req.language) })
        }
        let heading = record.map { "\(req.t("inventory.editService")): \($0.name)" } ?? req.t("inventory.newService")
        return try await req.view.render("inventory/service-form", InventoryServiceFormPage(
            chrome: context.chrome(req, title: heading, section: "inventory"), heading: heading,
            action: record.map { SiteURL.municipality(slug, .administrativeService(.value($0.id), .edit)).path } ?? SiteURL.municipality(slug, .inventory(.newService)).path,
            cancelURL: record.map { SiteURL.municipality(slug, .administrativeService(.value($0.id))).path } ?? SiteURL.municipality(slug, .inventory(.services)).path,
            listURL: SiteURL.municipality(slug, .inventory(.services)).path,
            values: .init(name: form.name ?? "", leikaKey: form.leikaKey ?? "", ozgID: form.ozgID ?? "", casesPerYear: form.casesPerYear ?? "",
                          note: form.note ?? "", version: form.version ?? ""),
            departments: [Option(value: "", label: req.t("inventory.noDepartment"), selected: (form.departmentID ?? "").isEmpty)]
                + lookup.departments.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: $0.id.uuidString == form.departmentID) },
            projects: [Option(value: "", label: "–", selected: (form.projectID ?? "").isEmpty)]
                + lookup.projects.map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.name)", selected: $0.id.uuidString == form.projectID) },
            criteria: rows, problems: lines, fieldErrors: byField, conflict: conflict))
    }
}
