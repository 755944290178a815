import FahrplanCore
import Fluent
import Vapor

/// The second step of a login for accounts with a second factor: after the correct password the browser
/// gets a pending-login cookie (five minutes, bound to the account, no session yet) and a page asking for
/// the code from the app or a recovery code.
struct MFALoginController {
    static let cookieName = "fp_mfa"
    static let lifetime: TimeInterval = 5 * 60
    static let path = SiteURL.loginCode.path

    struct CodeForm: Content { var code: String? }

    struct CodePage: Encodable {
        var chrome: Chrome
        var error: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.sitePages.get(.loginCode, use: form)
        routes.sitePages.post(.loginCode, use: submit)
    }

    /// Called by the login once the password was right: for an account with a second factor, answers with
    /// the pending step instead of a session; nil for an account without one.
    static func interpose(_ user: User, next: String, on req: Request) async throws -> Response? {
        guard user.mfaEnabledAt != nil else { return nil }
        let token = Secrets.randomToken()
        try await MFALoginChallenge.query(on: req.db).filter(\.$expiresAt < Date()).delete()
        try await MFALoginChallenge(tokenHash: Secrets.sha256(token), userID: user.requireID(), next: next,
                                    expiresAt: Date().addingTimeInterval(lifetime)).create(on: req.db)
        let response = req.redirect(to: path, redirectType: .normal)
        response.cookies[cookieName] = cookie(token, on: req, maxAge: Int(lifetime))
        return response
    }

    func form(_ req: Request) async throws -> Response {
        guard try await pending(req) != nil else { return Self.restart(req) }
        return try await render(req, error: nil, status: .ok)
    }

    func submit(_ req: Request) async throws -> Response {
        guard let (challenge, user) = try await pending(req) else { return Self.restart(req) }
        var throttle = MFAThrottle(email: user.email, on: req)
        throttle.device = try await DeviceCookies.trusted(for: user.email, on: req)
        if let retryAfter = try await throttle.blockedFor() {
            let response = try await render(req, error: req.t("login.throttled"), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
            return response
        }
        let code = try req.content.decode(CodeForm.self).code ?? ""
        let outcome = try await MFAService(req).verify(user, input: code)
        guard outcome != .wrong else {
            try await throttle.recordFailure()
            req.logger.notice("second-factor code wrong", metadata: ["client": .string(req.clientAddress)])
            return try await render(req, error: Strings.problem(FieldProblem("totpCode", .wrongCode), req.language), status: .unauthorized)
        }
        try await challenge.delete(on: req.db)
        try await CredentialRevocation.resetLoginThrottle(email: user.email, on: req.db)
        let response = try await LoginController.completeLogin(user, next: challenge.next, on: req)
        response.cookies[Self.cookieName] = Self.cookie("", on: req, maxAge: 0)
        if outcome == .recoveryCode, try await MFAService(req).unusedRecoveryCodes(userID: user.requireID()) <= 2 {
            // Few codes left: the account page offers new ones.
            return Self.redirecting(response, to: MFASetupController.path + "?lowCodes=1", on: req)
        }
        return response
    }

    /// The challenge of this browser and its person, when it is still valid.
    private func pending(_ req: Request) async throws -> (MFALoginChallenge, User)? {
        guard let token = req.cookies[Self.cookieName]?.string, !token.isEmpty,
              let challenge = try await MFALoginChallenge.query(on: req.db).filter(\.$tokenHash == Secrets.sha256(token))
                .with(\.$user).first(),
              challenge.expiresAt > Date(), challenge.user.disabledAt == nil
        else { return nil }
        return (challenge, challenge.user)
    }

    private static func restart(_ req: Request) -> Response {
        let response = req.redirect(to: SiteURL.login.path(query: "expired=1"), redirectType: .normal)
        response.cookies[cookieName] = cookie("", on: req, maxAge: 0)
        return response
    }

    private static func redirecting(_ response: Response, to path: String, on req: Request) -> Response {
        response.headers.replaceOrAdd(name: .location, value: path)
        return response
    }

    private func render(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        try await req.view.render("login-code", CodePage(chrome: Chrome(request: req, title: req.t("mfa.loginTitle")), error: error))
            .response(status, for: req)
    }

    static func cookie(_ value: String, on req: Request, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: maxAge == 0 ? Date(timeIntervalSince1970: 0) : nil, maxAge: maxAge,
                          path: SiteURL.login.path, isSecure: req.isServedOverTLS, isHTTPOnly: true, sameSite: .strict)
    }
}

/// Wrong codes count as failed logins of the login name, in the same store and under the same policy as wrong
/// passwords (`LoginThrottleStore`), so knowing the password does not buy unlimited guesses at the code.
struct MFAThrottle {
    var email: String
    var req: Request

    /// A device cookie of this account presented in the login step: exempts from the per-name lock, and
    /// wrong codes count against it too (`DeviceCookieRules`). Not set outside the login.
    var device: DeviceCookie?

    init(email: String, on req: Request) { self.email = email; self.req = req }

    private var store: LoginThrottleStore { LoginThrottleStore(req) }
    private var loginKey: String { LoginThrottleStore.loginKey(EmailAddress.normalize(email)) }

    /// Seconds to wait when the login name, the client address or the installation is currently slowed down.
    func blockedFor() async throws -> Int? {
        let store = self.store
        let now = store.now()
        let recent = try await store.recentFailures(loginKey: loginKey, clientAddress: req.clientAddress, now: now)
        return store.policy.block(recent, now: now, exemptFromAccountLock: device != nil)?.retryAfter(now: now)
    }

    func recordFailure() async throws {
        let store = self.store
        try await store.recordFailure(loginKey: loginKey, clientAddress: req.clientAddress, at: store.now())
        if let device { try await DeviceCookies.recordFailure(device, on: req.db) }
    }
}
