import FahrplanCore
import Vapor

/// Turns every error into an answer a person can act on: a problem document (RFC 9457) under `/api/`,
/// an HTML page everywhere else. Internal details go to the log, never to the client.
///
/// The global middlewares are `Middleware`, not `AsyncMiddleware`: an async middleware starts a task for every
/// request, and the cached portal page cost less than the eight tasks around it. Only an error starts one here.
struct FahrplanErrorMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            request.eventLoop.makeFutureWithTask { await self.response(for: error, request) }
        }
    }

    private func response(for error: any Error, _ request: Request) async -> Response {
        let (status, detail, problems) = describe(error, request)
        if status.code >= 500 {
            request.logger.report(error: error)
        }
        if request.url.path.hasPrefix("/api/") {
            return problemResponse(status: status, detail: detail, problems: problems, request: request)
        }
        return await htmlResponse(status: status, detail: detail, problems: problems, request: request)
    }

    private func describe(_ error: any Error, _ request: Request) -> (HTTPResponseStatus, String, [FieldProblem]) {
        let language = request.language
        switch error {
        case let fahrplan as FahrplanError:
            if case .invalid(let problems) = fahrplan { return (fahrplan.status, fahrplan.message(language), problems) }
            return (fahrplan.status, fahrplan.message(language), [])
        case let failure as ValidationFailure:
            return (.unprocessableEntity, Strings.text("errors.summary", language), failure.problems)
        case let decoding as DecodingError:
            return (.badRequest, describeDecoding(decoding, language), [])
        case is any EditConflictError:
            // A button (archive, restore) that names the version it was shown with, after someone else saved:
            // forms render their conflict panel themselves; everything else is told plainly instead of a 500.
            return (.conflict, language == .de
                ? "Inzwischen geändert: jemand hat dies gespeichert, seit Sie die Seite geöffnet haben. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."
                : "Changed in the meantime: someone saved this since you opened the page. Please reload the page and try again.", [])
        case let abort as any AbortError:
            switch abort.status {
            case .notFound: return (.notFound, Strings.text("errors.notFound", language), [])
            case .forbidden: return (.forbidden, Strings.text("errors.forbidden", language), [])
            case .unauthorized: return (.unauthorized, FahrplanError.unauthorized.message(language), [])
            case .payloadTooLarge:
                // Upload routes declare their limit; saying it helps more than "too large".
                let megabytes = (request.route?.userInfo[BodyLimits.routeKey] as? Int).map { $0 / 1_048_576 }
                return (.payloadTooLarge, language == .de ? "Die Anfrage ist zu groß" + (megabytes.map { " (höchstens \($0) MB)" } ?? "") + "."
                                                          : "The request is too large" + (megabytes.map { " (at most \($0) MB)" } ?? "") + ".", [])
            case .unsupportedMediaType: return (.unsupportedMediaType, language == .de ? "Dieses Format wird nicht unterstützt." : "This content type is not supported.", [])
            default:
                if abort.status.code < 500 { return (abort.status, abort.reason, []) }
                return (abort.status, Strings.text("errors.server", language), [])
            }
        default:
            return (.internalServerError, Strings.text("errors.server", language), [])
        }
    }

    private func describeDecoding(_ error: DecodingError, _ language: Language) -> String {
        let de = language == .de
        switch error {
        case .keyNotFound(let key, _): return de ? "Das Feld „\(key.stringValue)“ fehlt." : "The field \"\(key.stringValue)\" is missing."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return de ? "Das Feld „\(path)“ hat den falschen Typ." : "The field \"\(path)\" has the wrong type."
        case .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            if path.isEmpty { return de ? "Der Inhalt ist kein gültiges JSON oder kein gültiges UTF-8." : "The body is not valid JSON or not valid UTF-8." }
            return de ? "Das Feld „\(path)“ ist ungültig." : "The field \"\(path)\" is invalid."
        @unknown default: return Strings.text("errors.badRequest", language)
        }
    }

    private func problemResponse(status: HTTPResponseStatus, detail: String, problems: [FieldProblem], request: Request) -> Response {
        let response = ProblemDocument.response(status, detail: detail, errors: problems.isEmpty ? nil : problems.map {
            ProblemDocument.FieldError(field: $0.field, problem: Strings.problem($0, request.language), code: $0.kind.code,
                                       count: { if case .missingRatings(let count) = $0.kind { count } else { nil } }($0))
        }, request: request)
        if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
        return response
    }

    private func htmlResponse(status: HTTPResponseStatus, detail: String, problems: [FieldProblem], request: Request) async -> Response {
        let context = ErrorPage(chrome: Chrome(request: request, title: Strings.text("errors.title", request.language)),
                                status: Int(status.code), detail: detail,
                                problems: problems.isEmpty ? nil : problems.map { ProblemLine(field: Strings.fieldLabel($0.field, request.language), message: Strings.problem($0, request.language)) })
        do {
            let response = try await request.view.render("error", context).encodeResponse(for: request)
            response.status = status
            return response
        } catch {
            let response = Response(status: status, body: .init(string: detail))
            response.headers.contentType = .plainText
            return response
        }
    }
}

/// RFC 9457 problem details, with one entry per invalid field.
struct ProblemDocument: Codable, Sendable {
    /// A problem answer for `request`: the document with this status's title and the request's path, as
    /// `application/problem+json`. The one place such answers are built (error middleware, import reports,
    /// read-only tokens, 405).
    static func response(_ status: HTTPResponseStatus, detail: String, errors: [FieldError]? = nil, request: Request) -> Response {
        let document = ProblemDocument(type: "about:blank", title: status.reasonPhrase, status: Int(status.code), detail: detail,
                                       instance: request.url.path, errors: errors)
        let response = Response(status: status)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        response.body = .init(data: (try? JSONEncoder().encode(document)) ?? Data())
        return response
    }

    struct FieldError: Codable, Sendable {
        var field: String
        var problem: String
        /// The kind of problem for programs (`FieldProblem.Kind.code`), e.g. `required`, `missing_ratings`.
        var code: String?
        /// How many, where the kind counts something (`missing_ratings`).
        var count: Int?
    }
    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String
    var errors: [FieldError]?
}

struct ProblemLine: Encodable {
    var field: String
    var message: String
}

struct ErrorPage: Encodable {
    var chrome: Chrome
    var status: Int
    var detail: String
    var problems: [ProblemLine]?
}
