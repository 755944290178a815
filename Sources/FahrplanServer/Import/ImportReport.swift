import FahrplanCore
import Foundation
import Vapor

/// The report of an import as the API returns it (and the web preview shows it): counts, and every problem
/// with its row, column, value, a stable code and a message in the request's language.
struct ImportReportDTO: Content {
    struct Problem: Content {
        var row: Int?
        var column: String?
        var value: String?
        var code: String
        var severity: String
        var message: String
    }

    var fileName: String
    var dryRun: Bool
    var committed: Bool
    var rows: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var errorCount: Int
    var warningCount: Int
    /// The first `ImportReportDTO.listLimit` errors, in file order.
    var errors: [Problem]
    var warnings: [Problem]

    /// A report of 10,000 bad rows would be megabytes; the counts say how many there are in all.
    static let listLimit = 1_000

    init(_ plan: PortfolioImport.Plan, dryRun: Bool, committed: Bool, language: Language) {
        fileName = plan.fileName
        self.dryRun = dryRun
        self.committed = committed
        rows = plan.rowCount
        created = plan.created
        updated = plan.updated
        unchanged = plan.unchanged
        let errors = plan.problems.filter { $0.severity == .error }
        let warnings = plan.problems.filter { $0.severity == .warning }
        errorCount = errors.count
        warningCount = warnings.count
        self.errors = errors.prefix(Self.listLimit).map { Self.problem($0, language) }
        self.warnings = warnings.prefix(Self.listLimit).map { Self.problem($0, language) }
    }

    static func problem(_ problem: ImportProblem, _ language: Language) -> Problem {
        Problem(row: problem.row, column: problem.column, value: problem.value, code: problem.code,
                severity: problem.severity.rawValue, message: ImportMessages.message(problem, language))
    }
}

/// Answers the import routes build themselves: problem documents whose entries name cells, not fields.
enum ImportResponses {
    /// RFC 9457 problem details with one entry per problem ("Zeile 14, Spalte Beginn").
    static func problem(_ status: HTTPResponseStatus, detail: String, problems: [ImportProblem], request: Request) -> Response {
        let language = request.language
        return ProblemDocument.response(status, detail: detail, errors: problems.isEmpty ? nil : problems.prefix(ImportReportDTO.listLimit).map {
            let location = ImportMessages.location($0, language)
            return ProblemDocument.FieldError(field: location.isEmpty ? (language == .de ? "Datei" : "file") : location,
                                              problem: ImportMessages.message($0, language))
        }, request: request)
    }

    /// The status for a file that cannot be read at all: 413 when it is too large, 422 otherwise.
    static func status(for problems: [ImportProblem]) -> HTTPResponseStatus {
        problems.contains {
            if case .file(.tooLarge) = $0.kind { return true }
            return false
        } ? .payloadTooLarge : .unprocessableEntity
    }

    /// The summary line: "3 neu, 2 geändert, 40 unverändert".
    static func summary(_ plan: PortfolioImport.Plan, _ language: Language) -> String {
        language == .de ? "\(plan.created) neu, \(plan.updated) geändert, \(plan.unchanged) unverändert"
                        : "\(plan.created) new, \(plan.updated) updated, \(plan.unchanged) unchanged"
    }

    /// A download with a file name.
    static func download(_ data: Data, contentType: String, fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return response
    }

    /// A file name as uploaded, without folders and characters that have no place in a status history.
    static func cleanFileName(_ raw: String?, fallback: String) -> String {
        let name = (raw ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }.prefix(120))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? fallback : clean
    }
}
