import Fluent
import Foundation

/// A person with a local account. Roles are per municipality (`Membership`).
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_installation_admin") var isInstallationAdmin: Bool
    /// "de" or "en"; nil follows the browser.
    @OptionalField(key: "preferred_language") var preferredLanguage: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    /// Base32 TOTP secret (see `MFAService`); in force only once `mfaEnabledAt` is set.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "mfa_enabled_at") var mfaEnabledAt: Date?
    /// The last time step whose code was accepted, so that each code is good once.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?

    init() {}

    init(id: UUID? = nil, email: String, displayName: String, passwordHash: String, isInstallationAdmin: Bool = false) {
        self.id = id; self.email = email; self.displayName = displayName
        self.passwordHash = passwordHash; self.isInstallationAdmin = isInstallationAdmin
    }

    var properties: [any AnyProperty] { [_id, _email, _displayName, _passwordHash, _isInstallationAdmin, _preferredLanguage, _createdAt, _disabledAt, _totpSecret, _mfaEnabledAt, _totpLastStep] }
}

/// A person's role in one municipality; department leads also name their department.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "role") var role: String
    @OptionalParent(key: "department_id") var department: Department?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, municipalityID: UUID, role: String, departmentID: UUID? = nil) {
        self.$user.id = userID; self.$municipality.id = municipalityID
        self.role = role; self.$department.id = departmentID
    }

    var properties: [any AnyProperty] { [_id, _user, _municipality, _role, _department, _createdAt] }
}

/// A browser session. The cookie carries a random token; only its hash is stored, so a leaked database
/// does not hand out sessions. Kept in the database so that any server process can serve any request.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, now: Date, expiresAt: Date) {
        self.tokenHash = tokenHash; self.$user.id = userID; self.csrfToken = csrfToken
        self.createdAt = now; self.lastSeenAt = now; self.expiresAt = expiresAt
    }

    var properties: [any AnyProperty] { [_id, _tokenHash, _user, _csrfToken, _createdAt, _lastSeenAt, _expiresAt] }
}

/// The first throttle's table (migration 002, dropped by 018): only its name is still needed, by those migrations.
enum LoginThrottleRecord {
    static let schema = "login_throttles"
}

/// A personal API token, bound to one person and one municipality. Only the hash is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, shown so a person can tell their tokens apart.
    @Field(key: "token_prefix") var tokenPrefix: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// nil: never expires (only when its owner chose so).
    @OptionalField(key: "expires_at") var expiresAt: Date?
    /// `APITokenScope` raw value.
    @Field(key: "scope") var scope: String

    init() {}

    init(userID: UUID, municipalityID: UUID, name: String, tokenHash: String, tokenPrefix: String) {
        self.$user.id = userID; self.$municipality.id = municipalityID; self.name = name
        self.tokenHash = tokenHash; self.tokenPrefix = tokenPrefix; self.scope = APITokenScope.full.rawValue
    }

    var properties: [any AnyProperty] { [_id, _user, _municipality, _name, _tokenHash, _tokenPrefix, _createdAt, _lastUsedAt, _revokedAt, _expiresAt, _scope] }
}

/// What a token may do: everything its owner's role allows, or only read (GET and HEAD).
enum APITokenScope: String, CaseIterable, Sendable {
    case full, readOnly
}
