import Fluent
import Foundation

/// One of a person's single-use recovery codes, for when the authenticator app is lost. Only a hash is kept.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "mfa_recovery_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(userID: UUID, codeHash: String, createdAt: Date) {
        self.$user.id = userID; self.codeHash = codeHash; self.createdAt = createdAt
    }

    var properties: [any AnyProperty] { [_id, _user, _codeHash, _createdAt, _usedAt] }
}

/// The step between a correct password and the second factor: the browser holds a random token (only its
/// hash is stored here), good for a few minutes and for one person, and no session exists yet.
final class MFALoginChallenge: Model, @unchecked Sendable {
    static let schema = "mfa_login_challenges"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    /// Where to go after the login, already checked to be a same-site path.
    @Field(key: "next") var next: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, next: String, expiresAt: Date) {
        self.tokenHash = tokenHash; self.$user.id = userID; self.next = next; self.expiresAt = expiresAt
    }

    var properties: [any AnyProperty] { [_id, _tokenHash, _user, _next, _expiresAt] }
}
