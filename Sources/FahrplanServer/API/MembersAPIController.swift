import FahrplanCore
import Fluent
import Vapor

struct MemberDTO: Content {
    var userId: UUID
    var email: String
    var displayName: String
    var role: String
    var departmentId: UUID?

    init(_ membership: Membership) throws {
        userId = try membership.user.requireID()
        email = membership.user.email
        displayName = membership.user.displayName
        role = membership.role
        departmentId = membership.$department.id
    }
}

/// The answer to adding a member: the membership, and for a new account its first password (shown once).
struct MemberAddedDTO: Content {
    var member: MemberDTO
    var initialPassword: String?
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
        let members = api.grouped("members")
        members.get(use: list)
        members.post(use: add)
        members.patch(":user", use: change)
        members.delete(":user", use: remove)
    }

    func list(_ req: Request) async throws -> ListDTO<MemberDTO> {
        let context = try await req.municipalityContext()
        return ListDTO(items: try await service(req, context).members().map(MemberDTO.init))
    }

    func add(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(MemberWriteDTO.self)
        let service = service(req, context)
        let added = try await APIFieldNames.translating {
            try await service.add(email: body.email, displayName: body.displayName, role: body.role, departmentID: body.departmentId)
        }
        let (user, password): (User, String?) = switch added {
        case .granted(let user): (user, nil)
        case .created(let user, let password): (user, password)
        }
        let membership = try await service.find(user.requireID().uuidString)
        let response = try await MemberAddedDTO(member: MemberDTO(membership), initialPassword: password).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/members/\(try user.requireID())")
        return response
    }

    func change(_ req: Request) async throws -> MemberDTO {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(MemberWriteDTO.self)
        let service = service(req, context)
        let membership = try await APIFieldNames.translating {
            try await service.change(userID: req.parameters.get("user"), role: body.role, departmentID: body.departmentId)
        }
        return try MemberDTO(membership)
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
