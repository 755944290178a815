import FahrplanCore
import Fluent
import Vapor

/// A browser in which the account's owner completed a login. Only the SHA-256 of the cookie's secret is stored.
final class DeviceCookie: Model, @unchecked Sendable {
    static let schema = "device_cookies"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_used_at") var lastUsedAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    /// Wrong passwords or codes presented with this cookie; at `DeviceCookieRules.failureLimit` it is revoked.
    @Field(key: "failures") var failures: Int

    init() {}

    init(tokenHash: String, userID: UUID, now: Date) {
        self.tokenHash = tokenHash; self.$user.id = userID
        self.createdAt = now; self.lastUsedAt = now
        self.expiresAt = now.addingTimeInterval(DeviceCookieRules.lifetime); self.failures = 0
    }

    var properties: [any AnyProperty] { [_id, _tokenHash, _user, _createdAt, _lastUsedAt, _expiresAt, _failures] }
}

/// Issues and checks device cookies (`DeviceCookieRules`): a login attempt from a browser in which the typed
/// account's owner logged in before is not held by the per-name lock, so an attacker failing the name over and
/// over cannot lock the owner out of their own browser.
enum DeviceCookies {
    static let cookieName = "fp_device"

    /// Over HTTPS `__Host-fp_device`, like the session cookie: it cannot be planted from a sibling subdomain.
    static func cookieName(for request: Request) -> String {
        request.isServedOverTLS ? "__Host-" + cookieName : cookieName
    }

    /// The device cookie this request presents, when it is on record (valid or not is for the rules to say).
    static func presented(on req: Request) async throws -> DeviceCookie? {
        guard let token = req.cookies[cookieName(for: req)]?.string, !token.isEmpty else { return nil }
        return try await DeviceCookie.query(on: req.db).filter(\.$tokenHash == Secrets.sha256(token)).first()
    }

    /// The presented cookie when it exempts an attempt at `email` from the per-name lock.
    static func trusted(for email: String, on req: Request, now: Date = Date()) async throws -> DeviceCookie? {
        guard let device = try await presented(on: req) else { return nil }
        let account = email.isEmpty ? nil
            : try await User.query(on: req.db).filter(\.$email == EmailAddress.normalize(email)).first()
        let exempt = DeviceCookieRules.exemptsFromAccountLock(cookieUserID: device.$user.id, typedAccountID: account?.id,
                                                              cookieExpiresAt: device.expiresAt,
                                                              cookieFailures: device.failures, now: now)
        return exempt ? device : nil
    }

    /// Counts a failure against the device; revokes the cookie once it has used up its failures, so a stolen
    /// device cookie does not buy unlimited guesses.
    static func recordFailure(_ device: DeviceCookie, on db: any Database) async throws {
        device.failures += 1
        if DeviceCookieRules.isExhausted(failures: device.failures) {
            try await device.delete(on: db)
        } else {
            try await device.save(on: db)
        }
    }

    /// After a complete login: keeps this browser's cookie for the account (fresh failures, new use time) or
    /// issues a new one.
    static func issue(for user: User, on req: Request, response: Response, now: Date = Date()) async throws {
        let userID = try user.requireID()
        if let device = try await presented(on: req), device.$user.id == userID, device.expiresAt > now {
            device.lastUsedAt = now; device.failures = 0
            try await device.save(on: req.db)
            return
        }
        let token = Secrets.randomToken()
        try await DeviceCookie(tokenHash: Secrets.sha256(token), userID: userID, now: now).create(on: req.db)
        try await DeviceCookie.query(on: req.db).filter(\.$expiresAt < now).delete()
        response.cookies[cookieName(for: req)] = HTTPCookies.Value(
            string: token, maxAge: Int(DeviceCookieRules.lifetime), path: "/",
            isSecure: req.isServedOverTLS, isHTTPOnly: true, sameSite: .lax)
    }

    static func revokeAll(userID: UUID, on db: any Database) async throws {
        try await DeviceCookie.query(on: db).filter(\.$user.$id == userID).delete()
    }
}
