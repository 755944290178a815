import FahrplanCore
import Fluent
import Vapor

/// The KPI pages: the list (all, or a goal's with `?goal=`), the definition form, one KPI with its chart, table,
/// measurement form and CSV upload, and the roll-up goal → field of action → strategy.
struct KPIWebController {
    static let maxUploadBytes = 2 * 1_048_576

    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.kpis(), use: list)
        pages.get(.kpis(.new), use: newForm)
        pages.post(.kpis(.new), use: create)
        pages.get(.kpis(.rollup), use: rollup)
        pages.get(.kpi(.key), use: show)
        pages.get(.kpi(.key, .edit), use: editForm)
        pages.post(.kpi(.key, .edit), use: update)
        pages.post(.kpi(.key, .measurements), use: addMeasurement)
        let upload = pages.on(.POST, .kpi(.key, .upload), body: .collect(maxSize: "3mb"), use: upload)
        upload.userInfo[BodyLimits.routeKey] = Self.maxUploadBytes + 64 * 1024
    }

    struct DefinitionForm: Content {
        var name: String?
        var unit: String?
        var direction: String?
        var baselineValue: String?
        var baselineOn: String?
        var targetValue: String?
        var targetOn: String?
        var cadence: String?
        var goalID: String?
        var projectID: String?
        var ownerID: String?
        var version: String?

        var service: KPIService.Form {
            KPIService.Form(input: KPIInput(name: name, unit: unit, direction: direction, baseline: baselineValue, baselineOn: baselineOn,
                                            target: targetValue, targetOn: targetOn, cadence: cadence),
                            goalID: goalID, projectID: projectID, ownerID: ownerID, version: version.flatMap { Int($0) })
        }
    }

    struct MeasurementForm: Content {
        var measuredOn: String?
        var value: String?
        var unit: String?
        var note: String?

        var input: KPIMeasurementInput { KPIMeasurementInput(measuredOn: measuredOn, value: value, unit: unit, note: note) }
    }

    /// A file, or its text pasted (as the project import accepts it).
    struct UploadForm: Content {
        var file: File?
        var content: String?
    }

    // MARK: list and roll-up

    func list(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        let goalFilter = req.query[String.self, at: "goal"].flatMap(UUID.init(uuidString:))
        let overview = try await KPIOverview.load(db: req.db, municipalityID: context.municipalityID, today: context.calendar.today)
        let english = req.language != .de
        let slug = context.municipality.slug
        let items = overview.items.filter { goalFilter == nil || $0.goalID == goalFilter }
        let rows = items.map { item in
            KPIListPage.Row(name: item.name, url: SiteURL.municipality(slug, .kpi(.value(item.id))).path,
                            goal: overview.goalTitles[item.goalID] ?? "", unit: item.unit,
                            latest: item.progress.map { "\(KPIDisplay.number($0.latest.value, english: english)) (\(KPIDisplay.day($0.latest.measuredOn, english: english)))" } ?? "–",
                            progress: KPIDisplay.progress(item.progress, english: english),
                            trend: item.trend.map { req.t($0.onTrack ? "kpi.onTrack" : "kpi.offTrack") } ?? "–",
                            stale: item.staleness.isStale ? KPIDisplay.staleNote(item.staleness, english: english) : nil)
        }
        let goals = try await service.goals()
        let canManageAny = goals.contains { service.canManage(goal: $0) }
        let heading = goalFilter.flatMap { overview.goalTitles[$0] }.map { "\(req.t("kpi.title")): \($0)" } ?? req.t("kpi.title")
        return try await req.view.render("monitoring/kpis", KPIListPage(
            chrome: context.chrome(req, title: heading, section: "kpis"), heading: heading,
            newURL: canManageAny ? SiteURL.municipality(slug, .kpis(.new)).path(query: goalFilter.map { "goal=\($0.uuidString)" } ?? "") : nil,
            rollupURL: SiteURL.municipality(slug, .kpis(.rollup)).path, rows: rows.isEmpty ? nil : rows, canManageAny: canManageAny))
    }

    func rollup(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let overview = try await KPIOverview.load(db: req.db, municipalityID: context.municipalityID, today: context.calendar.today)
        let english = req.language != .de
        let slug = context.municipality.slug
        func line(_ node: KPIRollup.Node, url: String?) -> KPIRollupPage.Line {
            KPIRollupPage.Line(name: node.name, url: url, progress: node.progress.map { KPIRollup.percent($0, english: english) } ?? "–",
                               explanation: node.explanation(english: english))
        }
        let fields = overview.rollup.fields.map { field in
            KPIRollupPage.Field(line: line(field.node, url: nil), goals: field.goals.map { goal in
                line(goal.node, url: SiteURL.municipality(slug, .kpis()).path(query: "goal=\(goal.node.id)"))
            })
        }
        var strategy = line(overview.rollup.strategy, url: nil)
        strategy.name = req.t("kpi.strategy")
        return try await req.view.render("monitoring/kpi-rollup", KPIRollupPage(
            chrome: context.chrome(req, title: req.t("kpi.rollup"), section: "kpis"),
            listURL: SiteURL.municipality(slug, .kpis()).path, strategy: strategy, fields: fields))
    }

    // MARK: definition

    func newForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        var form = DefinitionForm()
        form.goalID = req.query[String.self, at: "goal"]
        form.direction = KPIDirection.increase.rawValue
        form.cadence = KPICadence.default.rawValue
        return try await renderForm(req, context, form, kpi: nil, problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        return try await req.handleForm(DefinitionForm.self, perform: { form in
            try await service.create(form.service)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, form, kpi: nil, problems: problems)
        }, success: { kpi in
            SiteURL.municipality(context.municipality.slug, .kpi(.value(kpi.id))).path(query: "saved=1")
        })
    }

    func editForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        let kpi = try await service.kpi(req.parameters.get("kpi"))
        try context.require(service.canManage(goal: try await service.goal(of: kpi)))
        let english = req.language != .de
        let form = DefinitionForm(name: kpi.name, unit: kpi.unit, direction: kpi.direction,
                                  baselineValue: KPIDisplay.inputNumber(kpi.baseline, english: english), baselineOn: kpi.definition.baselineOn.german,
                                  targetValue: KPIDisplay.inputNumber(kpi.target, english: english), targetOn: kpi.definition.targetOn.german,
                                  cadence: kpi.cadence, goalID: kpi.$goal.id.uuidString, projectID: kpi.$project.id?.uuidString,
                                  ownerID: kpi.$owner.id?.uuidString, version: String(kpi.version))
        return try await renderForm(req, context, form, kpi: kpi, problems: [])
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        let kpi = try await service.kpi(req.parameters.get("kpi"))
        return try await req.handleForm(DefinitionForm.self, perform: { form in
            try await service.update(kpi, form.service)
        }, onInvalid: { form, problems in
            try await renderForm(req, context, form, kpi: kpi, problems: problems)
        }, onConflict: { form in
            try await renderForm(req, context, form, kpi: kpi, problems: [FieldProblem("version", .staleEdit)]).encodeResponse(status: .conflict, for: req)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .kpi(.value(kpi.id))).path(query: "saved=1")
        })
    }

    private func renderForm(_ req: Request, _ context: MunicipalityContext, _ form: DefinitionForm, kpi: KPIRecord?,
                            problems: [FieldProblem]) async throws -> View {
        let service = KPIService(db: req.db, context: context)
        let slug = context.municipality.slug
        let (lines, byField) = req.problemLines(problems)
        let goals = try await service.goals().filter { service.canManage(goal: $0) || $0.id?.uuidString == form.goalID }
        try context.require(!goals.isEmpty)
        let members = try await service.members()
        let projects = try await service.projects()
        return try await req.view.render("monitoring/kpi-form", KPIFormPage(
            chrome: context.chrome(req, title: req.t(kpi == nil ? "kpi.new" : "kpi.edit"), section: "kpis"),
            heading: kpi.map { "\(req.t("kpi.edit")): \($0.name)" } ?? req.t("kpi.new"),
            action: kpi.map { SiteURL.municipality(slug, .kpi(.value($0.id), .edit)).path } ?? SiteURL.municipality(slug, .kpis(.new)).path,
            cancelURL: kpi.map { SiteURL.municipality(slug, .kpi(.value($0.id))).path } ?? SiteURL.municipality(slug, .kpis()).path,
            values: .init(name: form.name ?? "", unit: form.unit ?? "", baseline: form.baselineValue ?? "", baselineOn: form.baselineOn ?? "",
                          target: form.targetValue ?? "", targetOn: form.targetOn ?? "", version: form.version ?? ""),
            goals: [Option(value: "", label: req.t("kpi.chooseGoal"), selected: (form.goalID ?? "").isEmpty)]
                + goals.map { Option(value: $0.id!.uuidString, label: [$0.code, $0.title].compactMap { $0 }.joined(separator: " "), selected: $0.id?.uuidString == form.goalID) },
            directions: KPIDirection.allCases.map { Option(value: $0.rawValue, label: req.t("kpi.direction.\($0.rawValue)"), selected: $0.rawValue == form.direction) },
            cadences: KPICadence.allCases.map { Option(value: $0.rawValue, label: req.t("kpi.cadence.\($0.rawValue)"), selected: $0.rawValue == form.cadence) },
            owners: [Option(value: "", label: req.t("kpi.noOwner"), selected: (form.ownerID ?? "").isEmpty)]
                + members.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == form.ownerID) },
            projects: [Option(value: "", label: req.t("kpi.noProject"), selected: (form.projectID ?? "").isEmpty)]
                + projects.map { Option(value: $0.id!.uuidString, label: "\($0.code) \($0.title)", selected: $0.id?.uuidString == form.projectID) },
            problems: lines, fieldErrors: byField))
    }

    // MARK: one KPI and its measurements

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        let kpi = try await service.kpi(req.parameters.get("kpi"))
        let notice = req.query[String.self, at: "saved"] != nil ? req.t("kpi.saved")
            : req.query[String.self, at: "uploaded"] != nil ? req.t("kpi.uploaded") : nil
        return try await KPIPageBuilder(req: req, context: context, service: service)
            .detail(kpi, values: .init(), problems: [], notice: notice)
    }

    func addMeasurement(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        let kpi = try await service.kpi(req.parameters.get("kpi"))
        return try await req.handleForm(MeasurementForm.self, perform: { form in
            try await service.addMeasurement(to: kpi, form.input, source: .hand)
        }, onInvalid: { form, problems in
            try await KPIPageBuilder(req: req, context: context, service: service).detail(
                kpi, values: .init(measuredOn: form.measuredOn ?? "", value: form.value ?? "", unit: form.unit ?? "", note: form.note ?? ""),
                problems: problems, notice: nil)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .kpi(.value(kpi.id))).path(query: "saved=1")
        })
    }

    func upload(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        let kpi = try await service.kpi(req.parameters.get("kpi"))
        return try await req.handleForm(UploadForm.self, perform: { form in
            if let file = form.file, file.data.readableBytes > 0 {
                return try await service.importCSV(into: kpi, bytes: Array(file.data.readableBytesView))
            }
            guard let content = form.content, !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationFailure([FieldProblem("csv", .required)])
            }
            return try await service.importCSV(into: kpi, bytes: Array(content.utf8))
        }, onInvalid: { _, problems in
            try await KPIPageBuilder(req: req, context: context, service: service).detail(kpi, values: .init(), problems: problems, notice: nil)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .kpi(.value(kpi.id))).path(query: "uploaded=1")
        })
    }
}
