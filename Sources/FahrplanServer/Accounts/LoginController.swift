import FahrplanCore
import Fluent
import Vapor

/// Log in and out. Failures are answered the same way whether or not the account exists, and wrong passwords
/// slow down further attempts per login name, per client address and for the whole installation
/// (`LoginThrottlePolicy`, stored by `LoginThrottleStore`).
struct LoginController {
    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginPage: Encodable {
        var chrome: Chrome
        var email: String
        var next: String
        var error: String?
        var notice: String?
    }

    /// Verified against when the account does not exist, so that the answer takes as long as for one that does.
    static let dummyHash: String = (try? Bcrypt.hash(Secrets.randomToken(), cost: 12)) ?? ""

    func register(on routes: any RoutesBuilder) {
        let pages = routes.sitePages
        pages.get(.login, use: form)
        pages.post(.login, use: login)
        pages.post(.logout, use: logout)
    }

    func form(_ req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: Self.safeNext(req.query[String.self, at: "next"]), redirectType: .normal) }
        let notice = req.query[String.self, at: "expired"] == "1" ? req.t("login.expired") : nil
        return try await render(req, email: "", next: req.query[String.self, at: "next"] ?? "", error: nil, notice: notice, status: .ok)
    }

    func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = EmailAddress.normalize(form.email ?? "")
        let loginKey = LoginThrottleStore.loginKey(email)
        let throttle = LoginThrottleStore(req)
        let now = throttle.now()
        let clientAddress = req.clientAddress
        let recent = try await throttle.recentFailures(loginKey: loginKey, clientAddress: clientAddress, now: now)
        // A browser in which this account's owner logged in before is not held by the per-name lock.
        let device = try await DeviceCookies.trusted(for: email, on: req, now: now)
        // Refused before the password is checked, with the same answer for every name: the wait says
        // nothing about whether the account exists, and costs the server no hashing.
        if let block = throttle.policy.block(recent, now: now, exemptFromAccountLock: device != nil) {
            let response = try await render(req, email: email, next: form.next ?? "", error: req.t("login.throttled"), notice: nil, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(block.retryAfter(now: now)))
            return response
        }
        let user = email.isEmpty ? nil : try await User.query(on: req.db).filter(\.$email == email).first()
        let password = form.password ?? ""
        // An account whose invitation is not accepted yet has no password: checked against the dummy hash too.
        let usable = user.map(\.hasUsablePassword) ?? false
        let matches = try await req.password.async.verify(password, created: usable ? user?.passwordHash ?? Self.dummyHash : Self.dummyHash)
        guard let user, usable, matches, user.disabledAt == nil, !password.isEmpty else {
            try await recordFailure(req, email: email, user: user, now: now)
            if let device { try await DeviceCookies.recordFailure(device, on: req.db) }
            return try await render(req, email: email, next: form.next ?? "", error: req.t("login.failed"), notice: nil, status: .unauthorized)
        }
        // With a second factor the session waits for the code (Accounts/MFA); so does resetting the throttle.
        if let pending = try await MFALoginController.interpose(user, next: Self.safeNext(form.next), on: req) { return pending }
        try await throttle.clear(loginKey: loginKey)
        return try await Self.completeLogin(user, next: Self.safeNext(form.next), on: req)
    }

    /// Starts the session once every factor has been checked.
    static func completeLogin(_ user: User, next: String, on req: Request) async throws -> Response {
        let response = req.redirect(to: next, redirectType: .normal)
        try await BrowserSessions.start(for: user, on: req, response: response)
        try await DeviceCookies.issue(for: user, on: req, response: response)
        try await AuditTrail.record(on: req.db, municipalityID: nil, actor: req.currentUser, action: .login,
                                    entityType: "user", entityID: user.id, label: user.email)
        try await AuthEventLog.record(.loginSucceeded, user: user, request: req, on: req.db)
        try await BrowserSessions.removeStale(on: req.db)
        let throttle = LoginThrottleStore(req)
        try await throttle.removeStale(now: throttle.now())
        response.cookies[CSRFMiddleware.cookieName(for: req)] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                                                                                 isSecure: req.isServedOverTLS, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    func logout(_ req: Request) async throws -> Response {
        let response = req.redirect(to: SiteURL.home.path, redirectType: .normal)
        if let user = req.currentUser {
            try await AuditTrail.record(on: req.db, municipalityID: nil, actor: user, action: .logout,
                                        entityType: "user", entityID: user.id, label: user.email)
        }
        try await BrowserSessions.end(on: req, response: response)
        return response
    }

    /// Every failure is its own row (no read-modify-write), so parallel attempts are all counted. The event
    /// log gets each failure, and a "locked" entry when a failure starts a lock — not each refused attempt,
    /// which an attacker could repeat without end. (This attempt was let through, so no level was locked.)
    private func recordFailure(_ req: Request, email: String, user: User?, now: Date) async throws {
        let throttle = LoginThrottleStore(req)
        let clientAddress = req.clientAddress
        let loginKey = LoginThrottleStore.loginKey(email)
        try await throttle.recordFailure(loginKey: loginKey, clientAddress: clientAddress, at: now)
        let reason = user == nil ? "unknown login name" : user?.disabledAt != nil ? "account disabled" : "wrong password"
        try await AuthEventLog.record(.loginFailed, userID: user?.id, email: email, detail: reason, request: req, on: req.db)
        let after = try await throttle.recentFailures(loginKey: loginKey, clientAddress: clientAddress, now: now)
        for block in throttle.policy.blocks(after, now: now) {
            try await AuthEventLog.record(.loginLocked, userID: block.level == .account ? user?.id : nil, email: email,
                                          detail: "\(block.level.rawValue) limit reached, \(block.retryAfter(now: now)) s",
                                          request: req, on: req.db)
        }
        req.logger.notice("login failed", metadata: ["client": .string(clientAddress)])
    }

    /// Only same-site paths are followed after login; anything else could send a person to a phishing page.
    /// `SafeRedirect` reads the target the way the browser will.
    static func safeNext(_ raw: String?) -> String {
        SafeRedirect.sitePath(raw) ?? SiteURL.home.path
    }

    private func render(_ req: Request, email: String, next: String, error: String?, notice: String?, status: HTTPStatus) async throws -> Response {
        let page = LoginPage(chrome: Chrome(request: req, title: req.t("login.title")), email: email, next: next, error: error, notice: notice)
        return try await req.view.render("login", page).response(status, for: req)
    }
}
