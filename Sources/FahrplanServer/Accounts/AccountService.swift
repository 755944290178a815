import FahrplanCore
import Fluent
import Vapor

/// Creating accounts, municipalities and roles: shared by the CLI, the demo loader and the admin pages.
struct AccountService {
    var db: any Database
    var hasher: AsyncPasswordHasher
    var passwordPolicy: PasswordPolicy = ShippedPasswordList.policy

    func createUser(email rawEmail: String?, displayName rawName: String?, password: String?, isInstallationAdmin: Bool,
                    actor: CurrentUser? = nil) async throws -> User {
        var check = Validator()
        let email = check.text("email", rawEmail.map(EmailAddress.normalize), required: true, max: 254)
        let name = check.text("displayName", rawName, required: true, max: 200)
        if let email, !EmailAddress.isPlausible(email) { check.add("email", .invalidEmail) }
        for problem in password.map(passwordPolicy.problems) ?? [] { check.add("password", problem) }
        if password == nil { check.add("password", .required) }
        if let email, try await User.query(on: db).filter(\.$email == email).first() != nil { check.add("email", .alreadyTaken) }
        try check.finish()
        let hash = try await hasher.hash(password ?? "")
        let user = User(email: email ?? "", displayName: name ?? "", passwordHash: hash, isInstallationAdmin: isInstallationAdmin)
        try await db.writeTransaction { db in
            try await user.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: nil, actor: actor, action: .create, entityType: "user",
                                        entityID: user.id, label: user.email,
                                        changes: [FieldChange(field: "isInstallationAdmin", old: nil, new: String(isInstallationAdmin))])
        }
        return user
    }

    func createMunicipality(slug rawSlug: String?, name rawName: String?, kind rawKind: String?, actor: CurrentUser? = nil) async throws -> Municipality {
        var check = Validator()
        let name = check.text("name", rawName, required: true, max: 200)
        let slug = check.text("slug", rawSlug ?? name.map(Slug.suggest), required: true, max: Slug.maxLength)
        let kind = check.text("kind", rawKind, required: false, max: 60) ?? "Stadt"
        if let slug, !Slug.isValid(slug) { check.add("slug", .invalidSlug) }
        if let slug, try await Municipality.query(on: db).filter(\.$slug == slug).first() != nil { check.add("slug", .alreadyTaken) }
        try check.finish()
        let municipality = Municipality(slug: slug ?? "", name: name ?? "", kind: kind)
        try await db.writeTransaction { db in
            try await municipality.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipality.id, actor: actor, action: .create,
                                        entityType: "municipality", entityID: municipality.id, label: municipality.name,
                                        changes: [FieldChange(field: "slug", old: nil, new: municipality.slug)])
        }
        return municipality
    }

    /// Gives a person a role in a municipality, or changes it.
    func grant(_ role: MunicipalRole, to user: User, in municipality: Municipality, departmentID: UUID?, actor: CurrentUser?) async throws {
        let userID = try user.requireID(), municipalityID = try municipality.requireID()
        try await db.writeTransaction { db in
            let existing = try await Membership.query(on: db).filter(\.$user.$id == userID).filter(\.$municipality.$id == municipalityID).first()
            let old = existing.map { $0.role + ($0.$department.id.map { " (\($0.uuidString))" } ?? "") }
            let membership = existing ?? Membership(userID: userID, municipalityID: municipalityID, role: role.rawValue)
            membership.role = role.rawValue
            membership.$department.id = role == .departmentLead ? departmentID : nil
            try await membership.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .grantRole,
                                        entityType: "membership", entityID: userID, label: user.email,
                                        changes: [FieldChange(field: "role", old: old, new: role.rawValue + (membership.$department.id.map { " (\($0.uuidString))" } ?? ""))])
        }
    }
}

/// Issues API tokens; the token itself is returned once and only its hash is kept.
public enum APITokens {
    static let prefix = "fpt_"
    /// A new token lives one year unless its owner chooses otherwise.
    public static let defaultLifetimeDays = 365
    static let defaultLifetime: TimeInterval = TimeInterval(defaultLifetimeDays) * 24 * 3600
    /// The longest lifetime one can choose in days; longer than that, "no expiry" says it honestly.
    public static let maxLifetimeDays = 3650

    /// Checks a requested lifetime: nil means no expiry, otherwise 1…`maxLifetimeDays` days.
    static func expiry(days: Int?, from now: Date = Date()) throws -> Date? {
        guard let days else { return nil }
        guard (1...maxLifetimeDays).contains(days) else {
            throw ValidationFailure([FieldProblem("expiresInDays", .outOfRange(min: 1, max: maxLifetimeDays))])
        }
        return now.addingTimeInterval(TimeInterval(days) * 24 * 3600)
    }

    /// Issues a token and records it in the audit trail and the auth event log, in one transaction.
    /// `request` gives the client address for the log (nil from the command line).
    static func issue(for user: User, in municipalityID: UUID, name rawName: String?, scope: APITokenScope = .full,
                      expiresAt: Date?, request: Request?, on db: any Database, actor: CurrentUser?) async throws -> (APIToken, String) {
        var check = Validator()
        let name = check.text("name", rawName, required: true, max: 100)
        try check.finish()
        let userID = try user.requireID()
        let secret = prefix + Secrets.randomToken()
        let token = APIToken(userID: userID, municipalityID: municipalityID, name: name ?? "",
                             tokenHash: Secrets.sha256(secret), tokenPrefix: String(secret.prefix(10)))
        token.scope = scope.rawValue
        token.expiresAt = expiresAt
        try await db.writeTransaction { db in
            try await token.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .createToken,
                                        entityType: "apiToken", entityID: token.id, label: token.name,
                                        changes: [FieldChange(field: "scope", old: nil, new: scope.rawValue),
                                                  FieldChange(field: "expiresAt", old: nil, new: expiresAt.map { ISO8601DateFormatter().string(from: $0) } ?? "never")])
            try await AuthEventLog.record(.tokenCreated, user: user, detail: "\(token.name) (\(token.tokenPrefix)…, \(scope.rawValue))",
                                          request: request, on: db)
        }
        return (token, secret)
    }

    /// Revokes one token of its owner (Mein Konto); a token revoked before stays as it was.
    static func revoke(_ token: APIToken, owner: CurrentUser, request: Request?, on db: any Database) async throws {
        guard token.revokedAt == nil else { return }
        token.revokedAt = Date()
        try await db.writeTransaction { db in
            try await token.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: token.$municipality.id, actor: owner, action: .revokeToken,
                                        entityType: "apiToken", entityID: token.id, label: token.name)
            try await AuthEventLog.record(.tokenRevoked, userID: owner.id, email: owner.email,
                                          detail: "\(token.name) (\(token.tokenPrefix)…)", request: request, on: db)
        }
    }
}
