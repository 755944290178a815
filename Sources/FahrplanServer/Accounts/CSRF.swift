import Vapor

/// Protects every state-changing browser request with a token that a foreign site cannot read.
/// Signed-in: the token stored with the session. Anonymous (the login form): a random value in a
/// SameSite=Strict cookie that the form must repeat (double submit).
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"
    static let cookieName = "fp_csrf"
    /// `__Host-fp_csrf` over HTTPS, for the same reason as the session cookie (`BrowserSessions.cookieName(for:)`).
    static func cookieName(for request: Request) -> String {
        request.isServedOverTLS ? "__Host-" + cookieName : cookieName
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var newAnonymousToken: String?
        let cookieName = Self.cookieName(for: request)
        if request.currentUser == nil, request.cookies[cookieName]?.string.isEmpty ?? true {
            newAnonymousToken = Secrets.randomToken()
        }
        request.csrfToken = request.currentUser?.csrfToken
            ?? request.cookies[cookieName]?.string ?? newAnonymousToken ?? ""

        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            if request.sessionExpired, request.currentUser == nil, request.url.path != SiteURL.login.path {
                return request.redirect(to: SiteURL.login.path(query: "expired=1"), redirectType: .normal)
            }
            // Middleware runs before the route collects the body: a form that arrives in several TCP chunks
            // would otherwise look as if it had no token. Routes that accept more (uploads) say so in
            // `Route.userInfo[BodyLimits.routeKey]`.
            if request.body.data == nil, request.headers.first(name: "X-CSRF-Token") == nil {
                _ = try await request.body.collect(max: BodyLimits.limit(for: request)).get()
            }
            let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? request.headers.first(name: "X-CSRF-Token")
            let expected = request.currentUser?.csrfToken ?? request.cookies[cookieName]?.string
            guard let sent, let expected, !expected.isEmpty, Secrets.constantTimeEquals(sent, expected) else {
                throw FahrplanError.csrf
            }
        }
        let response = try await next.respond(to: request)
        if let newAnonymousToken {
            response.cookies[cookieName] = HTTPCookies.Value(
                string: newAnonymousToken, maxAge: 24 * 3600, path: "/",
                isSecure: request.isServedOverTLS, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }
}

extension Request {
    private struct CSRFTokenKey: StorageKey { typealias Value = String }
    var csrfToken: String {
        get { storage[CSRFTokenKey.self] ?? "" }
        set { storage[CSRFTokenKey.self] = newValue }
    }
}
