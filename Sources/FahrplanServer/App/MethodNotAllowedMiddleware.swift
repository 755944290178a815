import Vapor

/// A known API path asked with a method it does not have gets 405 with an `Allow` header (RFC 9110) as a
/// problem document, instead of the router's 404: the client learns that the path is right and which methods
/// it offers. The methods come from the registered routes, so new routes are covered without extra work.
///
/// Innermost global middleware: it sees the router's "no route" error before the error middleware does.
struct MethodNotAllowedMiddleware: Middleware {
    /// Only the JSON API: web pages keep their HTML 404 page.
    static let prefix = ["api", "v1"]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { abort in
            guard Self.isNotFound(abort) else { throw abort }
            // A 404 from the router (no route: `request.route` is nil), or from a handler whose route only matched
            // because a parameter swallowed a constant of another route (`PATCH /projects/assign` reaching
            // `PATCH /projects/:project`). A handler's 404 for an unknown id on its own path passes through.
            let segments = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard segments.starts(with: Self.prefix) else { throw abort }
            let (pattern, allowed) = Self.mostSpecific(for: segments, in: request.application.routes.all)
            guard let pattern, !allowed.isEmpty, !allowed.contains(request.method.rawValue),
                  request.route.map({ Self.specificity($0.path).lexicographicallyPrecedes(Self.specificity(pattern)) }) ?? true
            else { throw abort }
            return Self.problem(allowed: allowed, request: request)
        }
    }

    static func isNotFound(_ error: any Error) -> Bool {
        if let fahrplan = error as? FahrplanError { return fahrplan.status == .notFound }
        return (error as? any AbortError)?.status == .notFound
    }

    /// The methods registered for a path, in the usual order; HEAD wherever GET is (Vapor answers HEAD with
    /// the GET route). Where several patterns match, the most specific one's (a constant segment beats a
    /// parameter), as the router would choose.
    static func allowedMethods(for segments: [String], in routes: [Route]) -> [String] {
        mostSpecific(for: segments, in: routes).methods
    }

    static func mostSpecific(for segments: [String], in routes: [Route]) -> (pattern: [PathComponent]?, methods: [String]) {
        let matching = routes.filter { matches($0.path, segments) }
        guard let best = matching.max(by: { specificity($0.path).lexicographicallyPrecedes(specificity($1.path)) }) else { return (nil, []) }
        let top = specificity(best.path)
        var methods = Set(matching.filter { specificity($0.path) == top }.map(\.method.rawValue))
        if methods.contains("GET") { methods.insert("HEAD") }
        let order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        return (best.path, methods.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) })
    }

    /// 1 for each constant segment, read left to right, so that comparing two patterns of one path compares
    /// where they first differ.
    static func specificity(_ pattern: [PathComponent]) -> [Int] {
        pattern.map { if case .constant = $0 { 1 } else { 0 } }
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        var index = 0
        for component in pattern {
            switch component {
            case .catchall: return index < segments.count
            case .constant(let value):
                guard index < segments.count, segments[index] == value else { return false }
            case .parameter, .anything:
                guard index < segments.count else { return false }
            }
            index += 1
        }
        return index == segments.count
    }

    static func problem(allowed: [String], request: Request) -> Response {
        let list = allowed.joined(separator: ", ")
        let detail = request.language == .de
            ? "Die Methode \(request.method.rawValue) gibt es für diese Adresse nicht; erlaubt: \(list)."
            : "This address does not support \(request.method.rawValue); allowed: \(list)."
        let response = ProblemDocument.response(.methodNotAllowed, detail: detail, request: request)
        response.headers.replaceOrAdd(name: .allow, value: list)
        return response
    }
}
