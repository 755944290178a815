import FahrplanCore
import Fluent
import Vapor

/// The inventory's overview (levels today, by department, over time: SVG charts with tables), the CSV import
/// and export; registers the maturity model, system and service pages too.
struct InventoryWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.inventory(), use: overview)
        pages.get(.inventory(.exportSystems)) { try await export($0, .systems) }
        pages.get(.inventory(.exportServices)) { try await export($0, .services) }
        pages.get(.inventory(.import), use: importForm)
        let upload = pages.on(.POST, .inventory(.import), body: .collect(maxSize: "6mb"), use: importFile)
        upload.userInfo[BodyLimits.routeKey] = InventoryService.maxImportBytes + 64 * 1024
        InventoryModelWeb().register(on: routes)
        InventorySystemsWeb().register(on: routes)
        InventoryServicesWeb().register(on: routes)
    }

    // MARK: overview

    func overview(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        let data = try await InventoryOverviewData.load(service)
        let language = req.language, english = language != .de
        let say = ChartWording(language: language)
        func row(_ label: String, _ counts: LevelCounts) -> InventoryCharts.Row {
            InventoryCharts.Row(label: label, counts: counts.counts, unknown: counts.unknown)
        }
        let total = row(say("Alle Leistungen", "All services"), data.today.total)
        let departmentRows = data.departments.compactMap { entry in
            data.today.byDepartment[entry.id?.uuidString].map { row(entry.id == nil ? req.t("inventory.noDepartment") : entry.label, $0) }
        }
        let historyRows = data.history.enumerated().map { index, snapshot in
            row(index == data.history.count - 1 ? say("heute", "today") + " (\(english ? snapshot.day.iso : snapshot.day.german))"
                                                : (english ? snapshot.day.iso : snapshot.day.german), snapshot.total)
        }
        let levelsTable = InventoryCharts.table(id: "inventory-levels-table", caption: say("Leistungen je Reifegrad, heute", "Services per level, today"),
                                                rowHeader: say("Leistungen", "Services"), rows: [total], total: nil, model: data.model, language: language)
        let online = data.today.total.onlineShare.map { share in
            let level = data.model.level(data.model.onlineFrom).map { "\($0.number) \($0.label(english: english))" } ?? String(data.model.onlineFrom)
            return "\(Int((share * 100).rounded())) % – \(req.t("inventory.onlineShareNote")) \(level)"
        }
        let lifecycle = ([ITSystemLifecycle.keep, .replace, .retire] as [ITSystemLifecycle?] + [nil]).compactMap { choice -> Fact? in
            guard let count = data.systemsByLifecycle[choice], count > 0 else { return nil }
            return Fact(label: choice?.label(english: english) ?? req.t("inventory.undecided"), value: String(count))
        }
        return try await req.view.render("inventory/overview", InventoryOverviewPage(
            chrome: context.chrome(req, title: req.t("inventory.title"), section: "inventory"),
            links: InventoryLinks(slug: context.municipality.slug, service: service),
            serviceCount: data.serviceCount, systemCount: data.systemCount,
            levelsChart: InventoryCharts.levelsSVG(id: "inventory-levels-chart", model: data.model, counts: total, language: language),
            levelsTable: levelsTable,
            departmentChart: departmentRows.isEmpty ? nil : InventoryCharts.stackedSVG(
                id: "inventory-departments-chart", title: say("Reifegrad der Leistungen je Fachdienst", "Service levels per department"),
                rows: departmentRows, model: data.model, language: language),
            departmentTable: departmentRows.isEmpty ? nil : InventoryCharts.table(
                id: "inventory-departments-table", caption: say("Leistungen je Fachdienst und Reifegrad", "Services per department and level"),
                rowHeader: say("Fachdienst", "Department"), rows: departmentRows, total: total, model: data.model, language: language),
            historyChart: data.serviceCount == 0 ? nil : InventoryCharts.stackedSVG(
                id: "inventory-history-chart", title: say("Reifegrad der Leistungen über die Zeit", "Service levels over time"),
                rows: historyRows, model: data.model, language: language),
            historyTable: data.serviceCount == 0 ? nil : InventoryCharts.table(
                id: "inventory-history-table", caption: say("Leistungen je Reifegrad zum Stichtag", "Services per level at each day"),
                rowHeader: say("Stichtag", "Day"), rows: historyRows, total: nil, model: data.model, language: language),
            onlineShare: online, lifecycle: lifecycle, modelName: data.model.key))
    }

    // MARK: export and import

    func export(_ req: Request, _ kind: InventoryService.SheetKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let csv = try await InventoryService(db: req.db, context: context).exportCSV(kind)
        return ImportResponses.download(Data(csv.utf8), contentType: "text/csv; charset=utf-8",
                                        fileName: InventoryService.exportFileName(kind, slug: context.municipality.slug, on: context.calendar.today))
    }

    struct ImportForm: Content {
        var kind: String?
        var file: File?
        var content: String?
        var dryRun: String?
    }

    func importForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        try context.require(service.canManage)
        return try await renderImport(req, context, kind: req.query[String.self, at: "kind"] ?? "systems", dryRun: false, content: "",
                                      outcome: nil, fieldErrors: [:])
    }

    func importFile(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = InventoryService(db: req.db, context: context)
        try context.require(service.canManage)
        let form = try req.content.decode(ImportForm.self)
        let kind = InventoryService.SheetKind(rawValue: form.kind ?? "") ?? .systems
        let dryRun = form.dryRun != nil
        var bytes: [UInt8] = []
        if let file = form.file, file.data.readableBytes > 0 { bytes = Array(file.data.readableBytesView) }
        else if let content = form.content, !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { bytes = Array(content.utf8) }
        if bytes.isEmpty {
            return try await renderImport(req, context, kind: kind.rawValue, dryRun: dryRun, content: "", outcome: nil,
                                          fieldErrors: ["file": Strings.problem(FieldProblem("file", .required), req.language)])
                .response(.unprocessableEntity, for: req)
        }
        let outcome = try await service.importCSV(kind, bytes: bytes, dryRun: dryRun)
        let view = try await renderImport(req, context, kind: kind.rawValue, dryRun: dryRun, content: form.file == nil ? (form.content ?? "") : "",
                                          outcome: outcome, fieldErrors: [:])
        return try await view.response(outcome.problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    private func renderImport(_ req: Request, _ context: MunicipalityContext, kind: String, dryRun: Bool, content: String,
                              outcome: InventoryService.ImportOutcome?, fieldErrors: [String: String]) async throws -> View {
        let service = InventoryService(db: req.db, context: context)
        let de = req.language == .de
        var result: String?, summary: String?
        if let outcome {
            result = req.t(!outcome.problems.isEmpty ? "inventory.importFailed" : outcome.dryRun ? "inventory.importChecked" : "inventory.importDone")
            if outcome.problems.isEmpty {
                summary = de ? "\(outcome.rows) Zeilen: \(outcome.created) neu, \(outcome.updated) geändert, \(outcome.unchanged) unverändert"
                             : "\(outcome.rows) rows: \(outcome.created) new, \(outcome.updated) updated, \(outcome.unchanged) unchanged"
            }
        }
        let problems = outcome?.problems.prefix(ImportReportDTO.listLimit).map { problem in
            InventoryImportPage.ProblemRow(row: problem.row.map(String.init) ?? "–", column: problem.column ?? "–", value: problem.value ?? "",
                                           message: ImportMessages.message(problem, req.language))
        }
        return try await req.view.render("inventory/import", InventoryImportPage(
            chrome: context.chrome(req, title: req.t("inventory.import"), section: "inventory"),
            links: InventoryLinks(slug: context.municipality.slug, service: service),
            action: SiteURL.municipality(context.municipality.slug, .inventory(.import)).path,
            kinds: InventoryService.SheetKind.allCases.map {
                Option(value: $0.rawValue, label: req.t($0 == .systems ? "inventory.systems" : "inventory.services"), selected: $0.rawValue == kind)
            },
            dryRun: dryRun, content: content, result: result, summary: summary, failed: !(outcome?.problems.isEmpty ?? true),
            problems: (problems?.isEmpty ?? true) ? nil : problems, fieldErrors: fieldErrors))
    }

    /// The model as the model page shows it (kept here for callers of the former location).
    static func json(_ model: MaturityModel) -> String { InventoryModelWeb.json(model) }
}
