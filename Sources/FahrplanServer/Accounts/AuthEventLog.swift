import Fluent
import Vapor

/// What happened around signing in, kept apart from the audit trail: these events belong to the
/// installation (a login is in no municipality), carry the client address, and are read by the
/// installation administrators when they look for an attack.
enum AuthEventKind: String, Codable, CaseIterable, Sendable {
    case loginSucceeded, loginFailed, loginLocked
    case passwordChanged, passwordReset
    case invitationCreated, invitationAccepted
    case mfaEnabled, mfaDisabled, mfaFailed, recoveryCodeUsed, recoveryCodesRenewed
    case tokenCreated, tokenRevoked
    case accountDisabled, accountEnabled
}

final class AuthEvent: Model, @unchecked Sendable {
    static let schema = "auth_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "kind") var kind: String
    /// The account concerned, when there is one (a failed login for an unknown name has none).
    @OptionalField(key: "user_id") var userID: UUID?
    /// The login name as typed or the account's address; kept when the account is gone.
    @Field(key: "email") var email: String
    @Field(key: "client_address") var clientAddress: String
    /// Short free text, e.g. the token's name or the reason of a lock.
    @Field(key: "detail") var detail: String

    init() {}

    init(kind: AuthEventKind, userID: UUID?, email: String, clientAddress: String, detail: String, at date: Date) {
        self.kind = kind.rawValue; self.userID = userID; self.email = email
        self.clientAddress = clientAddress; self.detail = detail; self.occurredAt = date
    }

    var properties: [any AnyProperty] { [_id, _occurredAt, _kind, _userID, _email, _clientAddress, _detail] }
}

enum AuthEventLog {
    /// Records one event. `request` gives the client address (see `Request.clientAddress`); the CLI passes nil.
    static func record(_ kind: AuthEventKind, userID: UUID?, email: String, detail: String = "",
                       request: Request?, on db: any Database) async throws {
        let event = AuthEvent(kind: kind, userID: userID, email: String(email.prefix(254)),
                              clientAddress: request?.clientAddress ?? "cli", detail: String(detail.prefix(200)), at: Date())
        try await event.create(on: db)
    }

    static func record(_ kind: AuthEventKind, user: User, detail: String = "", request: Request?, on db: any Database) async throws {
        try await record(kind, userID: user.id, email: user.email, detail: detail, request: request, on: db)
    }
}

extension Request {
    /// The address of the client as far as this server can tell: the peer, or — only when the peer is a
    /// proxy named in `FAHRPLAN_TRUSTED_PROXIES` — the address that proxy put in `X-Forwarded-For`.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.fahrplanConfiguration.trustedProxies
        guard trusted.contains(peer), let forwarded = headers.first(name: "X-Forwarded-For") else { return peer }
        // The right-most address not added by one of our own proxies is the one we can trust.
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last(where: { !trusted.contains($0) }) ?? hops.first ?? peer
    }
}
