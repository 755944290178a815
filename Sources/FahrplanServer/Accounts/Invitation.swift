import FahrplanCore
import Fluent
import Vapor

/// An invitation to a role in one municipality. The person opens the link, proves they may use the account
/// (a new password for an account without one; the current password and a new one otherwise) and only
/// then becomes a member. Until then the invitation is the pending membership.
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    /// The address as it was invited; kept with the invitation so that the list needs no join.
    @Field(key: "email") var email: String
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: String
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// SHA-256 of the secret in the link; the secret itself is shown once and never stored.
    @Field(key: "token_hash") var tokenHash: String
    /// Who invited; nil from the command line.
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(municipalityID: UUID, email: String, userID: UUID, role: String, departmentID: UUID?, tokenHash: String,
         createdBy: UUID?, now: Date) {
        self.$municipality.id = municipalityID; self.email = email; self.$user.id = userID
        self.role = role; self.departmentID = departmentID; self.tokenHash = tokenHash
        self.createdBy = createdBy; self.createdAt = now; self.expiresAt = now.addingTimeInterval(Invitations.lifetime)
    }

    func isOpen(at now: Date = Date()) -> Bool { acceptedAt == nil && revokedAt == nil && expiresAt > now }

    var properties: [any AnyProperty] { [_id, _municipality, _email, _user, _role, _departmentID, _tokenHash, _createdBy, _createdAt, _expiresAt, _acceptedAt, _revokedAt] }
}

extension User {
    /// Stored instead of a bcrypt hash for an account made by an invitation: no password verifies against it
    /// (it is not a hash at all), so the account cannot be used until the invitation is accepted.
    static let unusablePasswordHash = "!invitation-pending"

    var hasUsablePassword: Bool { !passwordHash.hasPrefix("!") }
}

/// Issuing, renewing and withdrawing invitations; shared by the members page, the API and the CLI.
enum Invitations {
    /// An invitation is good for seven days.
    static let lifetime: TimeInterval = 7 * 24 * 3600
    static let secretPrefix = "inv_"

    /// The link to hand to the person: absolute when `FAHRPLAN_PUBLIC_URL` is set, else a site path.
    static func link(_ secret: String) -> String {
        let base = (Environment.get("FAHRPLAN_PUBLIC_URL") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        return base + SiteURL.invitation(.value(secret)).path
    }

    /// A new invitation for `email` to `role`. An account is made when there is none (with a password no one
    /// knows); an existing account is not touched. The answer is the same either way: the caller learns
    /// nothing about the account's existence or its other memberships. An open invitation of the same person
    /// to this municipality is replaced.
    static func issue(email rawEmail: String?, displayName rawName: String?, role: MunicipalRole, departmentID: UUID?,
                      in municipality: Municipality, actor: CurrentUser?, request: Request?, on db: any Database) async throws -> (Invitation, String) {
        var check = Validator()
        let email = check.text("email", rawEmail.map(EmailAddress.normalize), required: true, max: 254)
        let name = check.text("displayName", rawName, required: false, max: 200)
        if let email, !EmailAddress.isPlausible(email) { check.add("email", .invalidEmail) }
        try check.finish()
        let address = email ?? ""
        let municipalityID = try municipality.requireID()
        let now = Date()
        let secret = secretPrefix + Secrets.randomToken()
        let issued = try await db.writeTransaction { db -> Invitation in
            let user: User
            if let existing = try await User.query(on: db).filter(\.$email == address).first() {
                user = existing
                if try await Membership.query(on: db).filter(\.$user.$id == existing.requireID())
                    .filter(\.$municipality.$id == municipalityID).first() != nil {
                    throw ValidationFailure([FieldProblem("email", .alreadyTaken)])
                }
            } else {
                // The name is only a first guess for a new account; an existing account keeps its own.
                let fallback = String(address.split(separator: "@").first ?? Substring(address))
                user = User(email: address, displayName: name ?? fallback, passwordHash: User.unusablePasswordHash)
                try await user.create(on: db)
                try await AuditTrail.record(on: db, municipalityID: nil, actor: actor, action: .create, entityType: "user",
                                            entityID: user.id, label: user.email,
                                            changes: [FieldChange(field: "isInstallationAdmin", old: nil, new: "false")])
            }
            let userID = try user.requireID()
            try await Invitation.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$user.$id == userID)
                .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
            let invitation = Invitation(municipalityID: municipalityID, email: address, userID: userID, role: role.rawValue,
                                        departmentID: role == .departmentLead ? departmentID : nil,
                                        tokenHash: Secrets.sha256(secret), createdBy: actor?.id, now: now)
            try await invitation.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: "invitation",
                                        entityID: invitation.id, label: address,
                                        changes: [FieldChange(field: "role", old: nil, new: role.rawValue)])
            try await AuthEventLog.record(.invitationCreated, userID: userID, email: address,
                                          detail: "\(municipality.slug): \(role.rawValue)", request: request, on: db)
            return invitation
        }
        return (issued, secret)
    }

    /// The open invitations of a municipality, newest first.
    static func open(in municipalityID: UUID, on db: any Database) async throws -> [Invitation] {
        try await Invitation.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date())
            .sort(\.$createdAt, .descending).all()
    }

    /// One open invitation of this municipality, or 404.
    static func findOpen(_ rawID: String?, in municipalityID: UUID, on db: any Database) async throws -> Invitation {
        guard let id = rawID.flatMap(UUID.init(uuidString:)),
              let invitation = try await Invitation.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == municipalityID).first(),
              invitation.isOpen()
        else { throw FahrplanError.notFound }
        return invitation
    }

    /// A new secret and a fresh expiry for an open invitation; the old link stops working.
    static func renew(_ invitation: Invitation, actor: CurrentUser?, request: Request?, on db: any Database) async throws -> String {
        let secret = secretPrefix + Secrets.randomToken()
        let now = Date()
        invitation.tokenHash = Secrets.sha256(secret)
        invitation.expiresAt = now.addingTimeInterval(lifetime)
        try await db.writeTransaction { db in
            try await invitation.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: invitation.$municipality.id, actor: actor, action: .update,
                                        entityType: "invitation", entityID: invitation.id, label: invitation.email,
                                        changes: [FieldChange(field: "expiresAt", old: nil, new: ISO8601DateFormatter().string(from: invitation.expiresAt))])
            try await AuthEventLog.record(.invitationCreated, userID: invitation.$user.id, email: invitation.email,
                                          detail: "renewed: \(invitation.role)", request: request, on: db)
        }
        return secret
    }

    static func withdraw(_ invitation: Invitation, actor: CurrentUser?, on db: any Database) async throws {
        invitation.revokedAt = Date()
        try await db.writeTransaction { db in
            try await invitation.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: invitation.$municipality.id, actor: actor, action: .delete,
                                        entityType: "invitation", entityID: invitation.id, label: invitation.email,
                                        changes: [FieldChange(field: "role", old: invitation.role, new: nil)])
        }
    }
}
