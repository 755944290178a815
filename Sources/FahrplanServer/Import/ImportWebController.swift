import FahrplanCore
import Fluent
import Vapor

/// Import and export of the project list in the browser: upload (file or pasted cells) → preview with the
/// validation report → confirm; the preview is stored as a `StagedImport` row, so the confirming request
/// may reach any server process. Only the strategy team imports; every member may export.
struct ImportWebController {
    /// Vapor collects upload bodies up to this size; the file itself may have `SpreadsheetText.defaultMaxBytes`
    /// (the rest is room for the multipart envelope), and anything larger is refused with 413.
    static let maxUploadBytes = 25 * 1_048_576
    /// Previews not confirmed within a day are removed on the next upload.
    static let stagedLifetime: TimeInterval = 24 * 3600

    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.projects(.import), use: form)
        let upload = pages.on(.POST, .projects(.import), body: .collect(maxSize: "25mb"), use: upload)
        upload.userInfo[BodyLimits.routeKey] = Self.maxUploadBytes
        pages.get(.projects(.importTemplate), use: template)
        pages.get(.stagedImport(.key), use: preview)
        pages.post(.stagedImport(.key), use: confirm)
        pages.get(.projects(.export), use: export)
    }

    // MARK: - Upload

    func form(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        var notice: String?
        if let created = req.query[Int.self, at: "created"], let updated = req.query[Int.self, at: "updated"],
           let unchanged = req.query[Int.self, at: "unchanged"] {
            notice = created + updated == 0 ? req.t("import.nothing")
                : "\(req.t("import.done")): \(created) \(req.t("import.created")), \(updated) \(req.t("import.updated")), \(unchanged) \(req.t("import.unchanged"))."
        }
        return try await renderForm(req, context, problems: [], notice: notice, content: "")
    }

    struct UploadForm: Content {
        var file: File?
        var content: String?
    }

    func upload(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        let upload = try req.content.decode(UploadForm.self)
        let bytes: Data
        let fileName: String
        if let file = upload.file, file.data.readableBytes > 0 {
            bytes = Data(buffer: file.data)
            fileName = ImportResponses.cleanFileName(file.filename, fallback: "import.csv")
        } else if let content = upload.content, !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            bytes = Data(content.utf8)
            fileName = req.language == .de ? "eingefügte Tabelle" : "pasted table"
        } else {
            let line = ImportProblemLine(row: nil, column: nil, value: nil, message: req.t("import.noFile"), severity: "error",
                                         severityLabel: req.t("import.severity.error"))
            return try await renderForm(req, context, problems: [line], notice: nil, content: "").response(.unprocessableEntity, for: req)
        }
        let sheet = ProjectSpreadsheet.read(bytes: bytes, currentYear: context.calendar.today.year)
        guard !sheet.isUnreadable, let text = sheet.text else {
            let lines = sheet.problems.map { ImportProblemLine($0, req) }
            return try await renderForm(req, context, problems: lines, notice: nil, content: upload.file == nil ? upload.content ?? "" : "")
                .response(ImportResponses.status(for: sheet.problems), for: req)
        }
        try await StagedImport.query(on: req.db).filter(\.$createdAt < Date().addingTimeInterval(-Self.stagedLifetime)).delete()
        let staged = StagedImport()
        staged.$municipality.id = context.municipalityID
        staged.$user.id = context.user.id
        staged.fileName = fileName
        staged.content = text
        try await staged.create(on: req.db)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .stagedImport(.value(staged.id))).path, redirectType: .normal)
    }

    private func renderForm(_ req: Request, _ context: MunicipalityContext, problems: [ImportProblemLine], notice: String?,
                            content: String) async throws -> View {
        let slug = context.municipality.slug
        return try await req.view.render("projects/import", ImportFormPage(
            chrome: context.chrome(req, title: req.t("import.title"), section: "projects"),
            listURL: SiteURL.municipality(slug, .projects()).path, action: SiteURL.municipality(slug, .projects(.import)).path, templateURL: SiteURL.municipality(slug, .projects(.importTemplate)).path,
            problems: problems.isEmpty ? nil : problems, notice: notice, content: content))
    }

    // MARK: - Preview and confirmation

    private func staged(_ req: Request, _ context: MunicipalityContext) async throws -> StagedImport {
        try context.require(context.permissions.canManagePortfolio)
        return try await context.find(StagedImport.self, req.parameters.get("staged"), on: req.db, municipalityKey: \.$municipality.$id)
    }

    func preview(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let staged = try await staged(req, context)
        let plan = try await PortfolioImport(db: req.db, context: context, actor: context.user)
            .plan(ProjectSpreadsheet.read(text: staged.content, currentYear: context.calendar.today.year), fileName: staged.fileName)
        return try await renderPreview(req, context, staged, plan)
    }

    func confirm(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let staged = try await staged(req, context)
        let plan = try await PortfolioImport(db: req.db, context: context, actor: context.user)
            .run(ProjectSpreadsheet.read(text: staged.content, currentYear: context.calendar.today.year), fileName: staged.fileName, dryRun: false)
        if plan.hasErrors {
            // The portfolio changed since the preview (or the file always had errors): show the new report.
            return try await renderPreview(req, context, staged, plan).response(.unprocessableEntity, for: req)
        }
        try await staged.delete(on: req.db)
        let query = "?created=\(plan.created)&updated=\(plan.updated)&unchanged=\(plan.unchanged)"
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .projects(.import)).path + query, redirectType: .normal)
    }

    private func renderPreview(_ req: Request, _ context: MunicipalityContext, _ staged: StagedImport, _ plan: PortfolioImport.Plan) async throws -> View {
        let slug = context.municipality.slug
        let shown = plan.problems.prefix(ImportReportDTO.listLimit).map { ImportProblemLine($0, req) }
        return try await req.view.render("projects/import-preview", ImportPreviewPage(
            chrome: context.chrome(req, title: req.t("import.preview"), section: "projects"),
            listURL: SiteURL.municipality(slug, .projects()).path, importURL: SiteURL.municipality(slug, .projects(.import)).path,
            confirmURL: plan.hasErrors ? nil : SiteURL.municipality(slug, .stagedImport(.value(staged.id))).path,
            fileName: staged.fileName, rows: plan.rowCount, created: plan.created, updated: plan.updated, unchanged: plan.unchanged,
            errorCount: plan.errorCount, warningCount: plan.problems.count - plan.errorCount,
            problems: shown.isEmpty ? nil : Array(shown), more: plan.problems.count > shown.count ? plan.problems.count - shown.count : nil))
    }

    // MARK: - Downloads

    func template(_ req: Request) async throws -> Response {
        _ = try await req.municipalityContext()
        return ImportResponses.download(ProjectSpreadsheet.template(), contentType: "text/csv; charset=utf-8",
                                        fileName: "fahrplan-projekte-vorlage.csv")
    }

    func export(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        guard let format = PortfolioExport.Format(rawValue: req.query[String.self, at: "format"] ?? "csv") else {
            throw FahrplanError.badRequest(req.language == .de ? "Format: csv oder json." : "Format: csv or json.")
        }
        let records = try await PortfolioExport(db: req.db, municipalityID: context.municipalityID).records()
        return ImportResponses.download(try format.data(records), contentType: format.contentType,
                                        fileName: PortfolioExport.fileName(slug: context.municipality.slug, format: format.rawValue, on: context.calendar.today))
    }
}

// MARK: - Pages

struct ImportProblemLine: Encodable {
    var row: String?
    var column: String?
    var value: String?
    var message: String
    var severity: String
    var severityLabel: String
}

extension ImportProblemLine {
    init(_ problem: ImportProblem, _ req: Request) {
        self.init(row: problem.row.map(String.init), column: problem.column, value: problem.value,
                  message: ImportMessages.message(problem, req.language), severity: problem.severity.rawValue,
                  severityLabel: req.t("import.severity.\(problem.severity.rawValue)"))
    }
}

struct ImportFormPage: Encodable {
    var chrome: Chrome
    var listURL: String
    var action: String
    var templateURL: String
    var problems: [ImportProblemLine]?
    var notice: String?
    var content: String
}

struct ImportPreviewPage: Encodable {
    var chrome: Chrome
    var listURL: String
    var importURL: String
    var confirmURL: String?
    var fileName: String
    var rows: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var errorCount: Int
    var warningCount: Int
    var problems: [ImportProblemLine]?
    var more: Int?
}
