import FahrplanCore
import Fluent
import Vapor

/// Log in and out. Failures are answered the same way whether or not the account exists, and after five
/// wrong passwords in a row for a login name, attempts for that name are slowed down.
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
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    func form(_ req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: safeNext(req.query[String.self, at: "next"]), redirectType: .normal) }
        let notice = req.query[String.self, at: "expired"] == "1" ? req.t("login.expired") : nil
        return try await render(req, email: "", next: req.query[String.self, at: "next"] ?? "", error: nil, notice: notice, status: .ok)
    }

    func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = EmailAddress.normalize(form.email ?? "")
        let loginKey = Secrets.sha256("login:" + email)
        let now = Date()
        let record = try await LoginThrottleRecord.query(on: req.db).filter(\.$loginKey == loginKey).first()
        if let record, let until = req.application.loginThrottle.blockedUntil(failures: record.failures, lastFailure: record.lastFailureAt), until > now {
            let response = try await render(req, email: email, next: form.next ?? "", error: req.t("login.throttled"), notice: nil, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(until.timeIntervalSince(now).rounded(.up))))
            return response
        }
        let user = email.isEmpty ? nil : try await User.query(on: req.db).filter(\.$email == email).first()
        let password = form.password ?? ""
        let matches = try await req.password.async.verify(password, created: user?.passwordHash ?? Self.dummyHash)
        guard let user, matches, user.disabledAt == nil, !password.isEmpty else {
            try await recordFailure(req, loginKey: loginKey, existing: record, user: user)
            return try await render(req, email: email, next: form.next ?? "", error: req.t("login.failed"), notice: nil, status: .unauthorized)
        }
        // With a second factor the session waits for the code (Accounts/MFA); so does resetting the throttle.
        if let pending = try await MFALoginController.interpose(user, next: safeNext(form.next), on: req) { return pending }
        if let record { try await record.delete(on: req.db) }
        return try await Self.completeLogin(user, next: safeNext(form.next), on: req)
    }

    /// Starts the session once every factor has been checked.
    static func completeLogin(_ user: User, next: String, on req: Request) async throws -> Response {
        let response = req.redirect(to: next, redirectType: .normal)
        try await BrowserSessions.start(for: user, on: req, response: response)
        try await AuditTrail.record(on: req.db, municipalityID: nil, actor: req.currentUser, action: .login,
                                    entityType: "user", entityID: user.id, label: user.email)
        try await BrowserSessions.removeStale(on: req.db)
        response.cookies[CSRFMiddleware.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isHTTPOnly: true, sameSite: .strict)
        return response
    }

    func logout(_ req: Request) async throws -> Response {
        let response = req.redirect(to: SitePath.home, redirectType: .normal)
        if let user = req.currentUser {
            try await AuditTrail.record(on: req.db, municipalityID: nil, actor: user, action: .logout,
                                        entityType: "user", entityID: user.id, label: user.email)
        }
        try await BrowserSessions.end(on: req, response: response)
        return response
    }

    private func recordFailure(_ req: Request, loginKey: String, existing: LoginThrottleRecord?, user: User?) async throws {
        let record = existing ?? LoginThrottleRecord(loginKey: loginKey, failures: 0, lastFailureAt: Date())
        record.failures += 1
        record.lastFailureAt = Date()
        try await record.save(on: req.db)
        req.logger.notice("login failed", metadata: ["failures": "\(record.failures)"])
    }

    /// Only same-site paths are followed after login; anything else could send a person to a phishing page.
    private func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), raw.count < 500 else { return SitePath.home }
        return raw
    }

    private func render(_ req: Request, email: String, next: String, error: String?, notice: String?, status: HTTPStatus) async throws -> Response {
        let page = LoginPage(chrome: Chrome(request: req, title: req.t("login.title")), email: email, next: next, error: error, notice: notice)
        return try await req.view.render("login", page).response(status, for: req)
    }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottlePolicy }

    /// How logins slow down after wrong passwords; a setting so that tests on a loaded machine can use
    /// a pause longer than their slowest request.
    public var loginThrottle: LoginThrottlePolicy {
        get { storage[LoginThrottleKey.self] ?? LoginThrottlePolicy() }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}
