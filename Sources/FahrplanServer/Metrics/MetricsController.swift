import Vapor

/// `GET /metrics`: the process's metrics in Prometheus text format, for those `MetricsAccess` admits.
///
/// Off (neither variable set) and refused by address it answers 404, as if there were no such page; with a token
/// configured, a missing or wrong one gets 401. No session, no CSRF: a scraper is no browser.
struct MetricsController {
    let access: MetricsAccess
    /// The token's SHA-256, so that comparing takes the same time whatever the length of what was sent.
    private let tokenDigest: String?

    init(access: MetricsAccess) {
        self.access = access
        tokenDigest = access.token.map(Secrets.sha256)
    }

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func register(on routes: any RoutesBuilder) {
        routes.sitePages.get(.metrics) { req -> Response in try answer(req) }
    }

    func answer(_ req: Request) throws -> Response {
        guard access.isEnabled else { throw Abort(.notFound) }
        let forwarded = req.headers.first(name: .xForwardedFor) != nil || req.headers.first(name: "Forwarded") != nil
        guard access.admits(peer: req.remoteAddress?.ipAddress, forwarded: forwarded) else { throw Abort(.notFound) }
        if let tokenDigest {
            guard let sent = req.headers.bearerAuthorization?.token,
                  Secrets.constantTimeEquals(Secrets.sha256(sent), tokenDigest) else {
                var headers = HTTPHeaders()
                headers.add(name: .wwwAuthenticate, value: "Bearer realm=\"metrics\"")
                headers.add(name: .contentType, value: "text/plain; charset=utf-8")
                return Response(status: .unauthorized, headers: headers, body: .init(string: "unauthorized\n"))
            }
        }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: Self.contentType)
        return Response(status: .ok, headers: headers, body: .init(buffer: FahrplanMetrics.exposition()))
    }
}
