import Fluent
import Vapor

/// Browser sessions: a random token in an HttpOnly cookie, looked up by its hash in the database on every
/// request, so any server process can continue a session another one started.
struct BrowserSessions: Sendable {
    /// The name over plain HTTP (development). Over HTTPS the cookie is `__Host-fp_session`: browsers accept
    /// that name only with Secure, Path=/ and no Domain, so neither a sibling subdomain nor a plain-HTTP
    /// response can plant or overwrite it (session fixation by cookie tossing).
    static let cookieName = "fp_session"

    /// The name for this request's scheme; only that one is read, so a planted plain-name cookie is ignored
    /// on HTTPS.
    static func cookieName(for request: Request) -> String {
        request.isServedOverTLS ? "__Host-" + cookieName : cookieName
    }
    static let idleLifetime: TimeInterval = 8 * 3600
    static let absoluteLifetime: TimeInterval = 7 * 24 * 3600
    /// Refreshing `last_seen_at` on every request would turn every page view into a write.
    static let touchInterval: TimeInterval = 5 * 60

    /// Starts a new session for `user`; any session the browser had is ended first, so the id changes at login.
    static func start(for user: User, on request: Request, response: Response) async throws {
        if let token = request.cookies[cookieName(for: request)]?.string {
            try await UserSession.query(on: request.db).filter(\.$tokenHash == Secrets.sha256(token)).delete()
        }
        let token = Secrets.randomToken()
        let now = Date()
        let session = UserSession(tokenHash: Secrets.sha256(token), userID: try user.requireID(),
                                  csrfToken: Secrets.randomToken(), now: now,
                                  expiresAt: now.addingTimeInterval(idleLifetime))
        try await session.save(on: request.db)
        response.cookies[cookieName(for: request)] = cookie(token, on: request, maxAge: Int(absoluteLifetime))
        request.currentUser = CurrentUser(user, sessionID: session.id, csrfToken: session.csrfToken)
    }

    struct SessionRow {
        var id: UUID
        var csrfToken: String
        var createdAt: Date
        var lastSeenAt: Date
        var expiresAt: Date
        /// A municipality of the person requires a second factor.
        var secondFactorRequired: Bool
    }

    /// The session and its person in one query: this runs on every browser request.
    static func lookup(tokenHash: String, on db: any Database) async throws -> (SessionRow, User)? {
        guard let match = try await CredentialLookup.find(
            in: UserSession.schema, hash: tokenHash, columns: ["id", "csrf_token", "created_at", "last_seen_at", "expires_at"],
            withSecondFactorRequirement: true, on: db)
        else { return nil }
        let session = SessionRow(id: try match.value("id", as: UUID.self),
                                 csrfToken: try match.value("csrf_token", as: String.self),
                                 createdAt: try match.value("created_at", as: Date.self),
                                 lastSeenAt: try match.value("last_seen_at", as: Date.self),
                                 expiresAt: try match.value("expires_at", as: Date.self),
                                 secondFactorRequired: try match.value("mfa_required", as: Int.self) != 0)
        return (session, match.user)
    }

    /// Expired sessions are swept at each login, so no scheduler is needed.
    static func removeStale(on db: any Database) async throws {
        try await UserSession.query(on: db).filter(\.$expiresAt < Date()).delete()
    }

    static func end(on request: Request, response: Response) async throws {
        if let token = request.cookies[cookieName(for: request)]?.string {
            try await UserSession.query(on: request.db).filter(\.$tokenHash == Secrets.sha256(token)).delete()
        }
        response.cookies[cookieName(for: request)] = cookie("", on: request, maxAge: 0)
    }

    static func cookie(_ value: String, on request: Request, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: maxAge == 0 ? Date(timeIntervalSince1970: 0) : nil, maxAge: maxAge,
                          path: "/", isSecure: request.isServedOverTLS, isHTTPOnly: true, sameSite: .lax)
    }
}

struct SessionAuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var hadExpiredSession = false
        let cookieName = BrowserSessions.cookieName(for: request)
        if let token = request.cookies[cookieName]?.string, !token.isEmpty {
            let now = Date()
            if let found = try await BrowserSessions.lookup(tokenHash: Secrets.sha256(token), on: request.db) {
                let (session, user) = found
                let tooOld = session.createdAt.addingTimeInterval(BrowserSessions.absoluteLifetime) < now
                if session.expiresAt < now || tooOld || user.disabledAt != nil {
                    try await UserSession.query(on: request.db).filter(\.$id == session.id).delete()
                    hadExpiredSession = true
                } else {
                    if now.timeIntervalSince(session.lastSeenAt) > BrowserSessions.touchInterval {
                        try await UserSession.query(on: request.db).filter(\.$id == session.id)
                            .set(\.$lastSeenAt, to: now).set(\.$expiresAt, to: now.addingTimeInterval(BrowserSessions.idleLifetime)).update()
                    }
                    var current = CurrentUser(user, sessionID: session.id, csrfToken: session.csrfToken)
                    current.mfaRequiredByMunicipality = session.secondFactorRequired
                    request.currentUser = current
                }
            } else {
                hadExpiredSession = true
            }
        }
        request.sessionExpired = hadExpiredSession
        let response = try await next.respond(to: request)
        if hadExpiredSession, request.currentUser == nil,
           response.cookies[cookieName] == nil {
            response.cookies[cookieName] = BrowserSessions.cookie("", on: request, maxAge: 0)
        }
        return response
    }
}

extension Request {
    /// TLS is usually terminated by a reverse proxy; it says so in X-Forwarded-Proto. A client that lies
    /// about it only gets cookies its own plain-HTTP requests will not carry.
    var isServedOverTLS: Bool {
        application.fahrplanConfiguration.secureCookies
            || headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
            || url.scheme == "https"
    }

    private struct SessionExpiredKey: StorageKey { typealias Value = Bool }
    /// The browser sent a session cookie that is no longer valid (expired, logged out elsewhere).
    var sessionExpired: Bool {
        get { storage[SessionExpiredKey.self] ?? false }
        set { storage[SessionExpiredKey.self] = newValue }
    }
}

/// Pages that need a signed-in person send everyone else to the login, and come back afterwards.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            var target = request.url.path
            if let query = request.url.query, !query.isEmpty { target += "?" + query }
            let reason = request.sessionExpired ? "&expired=1" : ""
            let next = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return request.redirect(to: SiteURL.login.path(query: "next=\(next)\(reason)"), redirectType: .normal)
        }
        return try await next.respond(to: request)
    }
}
