import FahrplanCore
import Fluent
import Vapor

struct MemberDTO: Content {
    var userId: UUID
    /// Only for the strategy team; other roles see names.
    var email: String?
    var displayName: String
    var role: String
    var departmentId: UUID?

    init(_ membership: Membership, showEmail: Bool) throws {
        userId = try membership.user.requireID()
        email = showEmail ? membership.user.email : nil
        displayName = membership.user.displayName
        role = membership.role
        departmentId = membership.$department.id
    }
}

/// An open invitation; `url` (with the secret) only in the answer that created or renewed it.
struct InvitationDTO: Content {
    var id: UUID
    var email: String
    var role: String
    var departmentId: UUID?
    var url: String?
    var expiresAt: Date

    init(_ invitation: Invitation, secret: String?) throws {
        id = try invitation.requireID(); email = invitation.email; role = invitation.role
        departmentId = invitation.departmentID; url = secret.map(Invitations.link); expiresAt = invitation.expiresAt
    }
}

/// The answer to adding a person: the invitation, the same for a new and an existing account.
struct InvitationIssuedDTO: Content {
    var invitation: InvitationDTO
}

struct MembersListDTO: Content {
    var items: [MemberDTO]
    /// Open invitations; empty for everyone but the strategy team.
    var invitations: [InvitationDTO]
}

struct MemberWriteDTO: Content {
    var email: String?
    var displayName: String?
    var role: String?
    var departmentId: String?
}

/// Members and roles of the token's municipality over JSON; the same rules as the members page.
struct MembersAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.members, use: list)
        endpoints.post(.members, use: add)
        endpoints.patch(.member(.key), use: change)
        endpoints.delete(.member(.key), use: remove)
        endpoints.delete(.invitation(.key), use: withdraw)
        endpoints.post(.invitation(.key, .renew), use: renew)
    }

    func list(_ req: Request) async throws -> MembersListDTO {
        let context = try await req.municipalityContext()
        let service = service(req, context)
        let team = context.permissions.canManageMembers
        return MembersListDTO(items: try await service.members().map { try MemberDTO($0, showEmail: team) },
                              invitations: team ? try await service.openInvitations().map { try InvitationDTO($0, secret: nil) } : [])
    }

    func add(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(MemberWriteDTO.self)
        let service = service(req, context)
        let (invitation, secret) = try await APIFieldNames.translating {
            try await service.invite(email: body.email, displayName: body.displayName, role: body.role, departmentID: body.departmentId, request: req)
        }
        return try await InvitationIssuedDTO(invitation: InvitationDTO(invitation, secret: secret)).encodeResponse(status: .created, for: req)
    }

    func renew(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let (invitation, secret) = try await service(req, context).renewInvitation(req.parameters.get("invitation"), request: req)
        return try await InvitationIssuedDTO(invitation: InvitationDTO(invitation, secret: secret)).encodeResponse(status: .created, for: req)
    }

    func withdraw(_ req: Request) async throws -> HTTPStatus {
        let context = try await req.municipalityContext()
        try await service(req, context).withdrawInvitation(req.parameters.get("invitation"))
        return .noContent
    }

    func change(_ req: Request) async throws -> MemberDTO {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(MemberWriteDTO.self)
        let service = service(req, context)
        let membership = try await APIFieldNames.translating {
            try await service.change(userID: req.parameters.get("user"), role: body.role, departmentID: body.departmentId)
        }
        return try MemberDTO(membership, showEmail: true)
    }

    func remove(_ req: Request) async throws -> HTTPStatus {
        let context = try await req.municipalityContext()
        try await service(req, context).remove(userID: req.parameters.get("user"))
        return .noContent
    }

    private func service(_ req: Request, _ context: MunicipalityContext) -> MembershipService {
        MembershipService(db: req.db, hasher: req.password.async, context: context)
    }
}
