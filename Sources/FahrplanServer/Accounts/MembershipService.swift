import FahrplanCore
import Fluent
import Vapor

/// Who has which role in a municipality: inviting people (`Invitations`), changing and removing roles. Shared by the members page and the API.
struct MembershipService {
    var db: any Database
    var hasher: AsyncPasswordHasher
    var context: MunicipalityContext

    func members() async throws -> [Membership] {
        try await Membership.query(on: db).filter(\.$municipality.$id == context.municipalityID).with(\.$user).all()
            .sorted { ($0.role, $0.user.displayName) < ($1.role, $1.user.displayName) }
    }

    /// Invites a person by e-mail. Never grants a role nor sets a password: the person does that by accepting
    /// the invitation. The answer is the same whether or not the address has an account anywhere.
    func invite(email rawEmail: String?, displayName: String?, role rawRole: String?, departmentID: String?,
                request: Request?) async throws -> (Invitation, secret: String) {
        try context.require(context.permissions.canManageMembers)
        let role = try parseRole(rawRole)
        let department = try await resolveDepartment(departmentID)
        return try await Invitations.issue(email: rawEmail, displayName: displayName, role: role, departmentID: department,
                                           in: context.municipality, actor: context.user, request: request, on: db)
    }

    func openInvitations() async throws -> [Invitation] {
        try await Invitations.open(in: context.municipalityID, on: db)
    }

    func renewInvitation(_ rawID: String?, request: Request?) async throws -> (Invitation, secret: String) {
        try context.require(context.permissions.canManageMembers)
        let invitation = try await Invitations.findOpen(rawID, in: context.municipalityID, on: db)
        return (invitation, try await Invitations.renew(invitation, actor: context.user, request: request, on: db))
    }

    func withdrawInvitation(_ rawID: String?) async throws {
        try context.require(context.permissions.canManageMembers)
        let invitation = try await Invitations.findOpen(rawID, in: context.municipalityID, on: db)
        try await Invitations.withdraw(invitation, actor: context.user, on: db)
    }

    func change(userID: String?, role rawRole: String?, departmentID: String?) async throws -> Membership {
        try context.require(context.permissions.canManageMembers)
        let membership = try await find(userID)
        let role = try parseRole(rawRole)
        if membership.role == MunicipalRole.strategyTeam.rawValue, role != .strategyTeam { try await ensureNotLastTeamMember() }
        let department = try await resolveDepartment(departmentID)
        try await AccountService(db: db, hasher: hasher).grant(role, to: membership.user, in: context.municipality,
                                                               departmentID: department, actor: context.user)
        return try await find(userID)
    }

    /// Removes the role and revokes the person's API tokens for this municipality.
    func remove(userID: String?) async throws {
        try context.require(context.permissions.canManageMembers)
        let membership = try await find(userID)
        let user = membership.user
        if membership.role == MunicipalRole.strategyTeam.rawValue { try await ensureNotLastTeamMember() }
        try await db.writeTransaction { db in
            try await membership.delete(on: db)
            try await APIToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$municipality.$id == context.municipalityID)
                .filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .revokeRole,
                                        entityType: "membership", entityID: user.id, label: user.email,
                                        changes: [FieldChange(field: "role", old: membership.role, new: nil)])
        }
    }

    func find(_ rawUserID: String?) async throws -> Membership {
        guard let userID = rawUserID.flatMap(UUID.init(uuidString:)),
              let membership = try await Membership.query(on: db).filter(\.$user.$id == userID)
                .filter(\.$municipality.$id == context.municipalityID).with(\.$user).first()
        else { throw FahrplanError.notFound }
        return membership
    }

    private func parseRole(_ raw: String?) throws -> MunicipalRole {
        guard let role = MunicipalRole(rawValue: raw ?? "") else { throw ValidationFailure([FieldProblem("role", .invalidChoice)]) }
        return role
    }

    private func ensureNotLastTeamMember() async throws {
        let team = try await Membership.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$role == MunicipalRole.strategyTeam.rawValue).count()
        if team <= 1 { throw FahrplanError.lastStrategyTeamMember }
    }

    private func resolveDepartment(_ raw: String?) async throws -> UUID? {
        guard let raw = CleanText.normalize(raw, multiline: false) else { return nil }
        guard let id = UUID(uuidString: raw),
              try await Department.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first() != nil
        else { throw ValidationFailure([FieldProblem("departmentID", .unknownReference)]) }
        return id
    }
}
