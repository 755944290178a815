import FahrplanCore
import Fluent
import Vapor

/// Import and export of the project list over the API. `POST /api/v1/projects/import` takes the CSV file as
/// the body (`text/csv`, `application/octet-stream` …) or as JSON (`{"csv": "…", "fileName": "…"}`);
/// `?dryRun=true` only checks. `GET /api/v1/projects/export?format=json|csv` returns every active project.
struct ImportAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        let upload = endpoints.on(.POST, .projects(.import), body: .collect(maxSize: "25mb"), use: importProjects)
        // Named so that a refused body's message can say the limit.
        upload.userInfo[BodyLimits.routeKey] = ImportWebController.maxUploadBytes
        endpoints.get(.projects(.export), use: export)
    }

    struct JSONBody: Decodable {
        var csv: String
        var fileName: String?
    }

    /// Media types a CSV file arrives with: browsers and tools label `.csv` files in many ways.
    static let fileTypes: Set<String> = ["text/csv", "text/plain", "application/csv", "text/comma-separated-values",
                                         "application/octet-stream", "application/vnd.ms-excel", "text/x-csv"]

    func importProjects(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        var query = APIQuery(req)
        let dryRun = query.bool("dryRun") ?? false
        var fileName = ImportResponses.cleanFileName(query.raw("fileName"), fallback: "API")
        try query.finish()
        let bytes: Data
        let type = req.headers.contentType.map { "\($0.type)/\($0.subType)".lowercased() }
        if type == "application/json" {
            let body = try req.content.decode(JSONBody.self)
            bytes = Data(body.csv.utf8)
            fileName = ImportResponses.cleanFileName(body.fileName, fallback: fileName)
        } else if type == nil || Self.fileTypes.contains(type!) {
            bytes = req.body.data.map { Data(buffer: $0) } ?? Data()
        } else {
            throw Abort(.unsupportedMediaType)
        }
        let sheet = ProjectSpreadsheet.read(bytes: bytes, currentYear: context.calendar.today.year)
        let de = req.language == .de
        if sheet.isUnreadable {
            let errors = sheet.problems.filter { $0.severity == .error }
            return ImportResponses.problem(ImportResponses.status(for: errors),
                                           detail: de ? "Die Datei kann nicht importiert werden." : "The file cannot be imported.",
                                           problems: errors, request: req)
        }
        let plan = try await PortfolioImport(db: req.db, context: context, actor: context.user).run(sheet, fileName: fileName, dryRun: dryRun)
        if plan.hasErrors && !dryRun {
            let errors = plan.problems.filter { $0.severity == .error }
            let detail = de ? "Die Datei enthält \(errors.count) Fehler; es wurde nichts gespeichert."
                            : "The file has \(errors.count) errors; nothing was saved."
            return ImportResponses.problem(.unprocessableEntity, detail: detail, problems: errors, request: req)
        }
        let report = ImportReportDTO(plan, dryRun: dryRun, committed: !dryRun && !plan.hasErrors, language: req.language)
        return try await report.encodeResponse(status: .ok, for: req)
    }

    func export(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        let format = query.choice("format", PortfolioExport.Format.allCases.map(\.rawValue)).flatMap(PortfolioExport.Format.init(rawValue:)) ?? .json
        try query.finish()
        let records = try await PortfolioExport(db: req.db, municipalityID: context.municipalityID).records()
        return ImportResponses.download(try format.data(records), contentType: format.contentType,
                                        fileName: PortfolioExport.fileName(slug: context.municipality.slug, format: format.rawValue, on: context.calendar.today))
    }
}
