import Vapor

/// One structured log line per request: method, path, status and duration.
struct RequestLogMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        return next.respond(to: request).always { result in
            switch result {
            case .success(let response): log(request, status: Int(response.status.code), start: start)
            case .failure: log(request, status: 500, start: start)
            }
        }
    }

    /// The secret of an invitation link is a credential: it stays out of the log, like tokens and passwords. So
    /// is a survey token: an invitation token in the log next to a time would undo the survey's anonymity.
    static func loggable(_ path: String) -> String {
        if path.hasPrefix("/invitations/") { return "/invitations/…" }
        if path.hasPrefix("/q/") { return "/q/…" }
        if path.hasPrefix("/api/v1/surveys/") { return "/api/v1/surveys/…" + (path.hasSuffix("/responses") ? "/responses" : "") }
        return path
    }

    private func log(_ request: Request, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        request.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(Self.loggable(request.url.path)),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible((milliseconds * 100).rounded() / 100),
        ])
    }
}

/// Serves the files under `/static/` and passes every other request on untouched: `FileMiddleware` alone decodes
/// and checks every path against the disk, which was a few percent of each cached portal request.
struct StaticFilesMiddleware: Middleware {
    let files: FileMiddleware

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        request.url.string.hasPrefix("/static/") ? files.respond(to: request, chainingTo: next) : next.respond(to: request)
    }
}

/// Headers that make the pages harder to abuse: no framing, no sniffing, no external resources.
/// Registered outside `FahrplanErrorMiddleware` (configure.swift), so error pages get them too: every error
/// thrown anywhere inside — routing's 404, a body over the limit (413), the CSRF check (403), the API's
/// 401 — has become a response by the time it passes here.
struct SecurityHeadersMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in Self.secure(response, request) }
    }

    private static func secure(_ response: Response, _ request: Request) -> Response {
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        // Static files may be cached; an error for a missing one may not.
        let cacheableStatic = request.url.string.hasPrefix("/static/") && (response.status == .ok || response.status == .notModified)
        if response.headers.first(name: .cacheControl) == nil, !cacheableStatic {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
