import FahrplanCore
import Fluent
import Vapor

/// Calls for projects over JSON. The work is done by `CallService`, so the API follows the rules of the
/// web UI (who may do what, validation, one transaction with the audit event).
struct CallAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.calls, use: list)
        endpoints.post(.calls, use: create)
        endpoints.get(.call(.key), use: show)
        endpoints.patch(.call(.key), use: update)
        endpoints.post(.call(.key, .close)) { try await setClosed($0, true) }
        endpoints.post(.call(.key, .reopen)) { try await setClosed($0, false) }
        endpoints.post(.call(.key, .archive)) { try await setArchived($0, true) }
        endpoints.post(.call(.key, .restore)) { try await setArchived($0, false) }
        endpoints.post(.call(.key, .complete)) { try await setComplete($0, true) }
        endpoints.post(.call(.key, .incomplete)) { try await setComplete($0, false) }
    }

    func list(_ req: Request) async throws -> ListDTO<CallSummaryDTO> {
        let context = try await req.municipalityContext()
        let includeArchived = try APIQuery.includeArchived(req)
        let today = context.calendar.today
        let calls = try await CallService(db: req.db, context: context).calls(includeArchived: includeArchived)
            .sorted { ($0.phase(on: today).listRank, $0.deadline) < ($1.phase(on: today).listRank, $1.deadline) }
        let progress = try await CallBoardLoader(db: req.db, municipalityID: context.municipalityID).progress(of: calls.compactMap(\.id))
        return ListDTO(items: try calls.map { call in
            let counts = call.id.flatMap { progress[$0] } ?? (0, 0)
            return CallSummaryDTO(id: try call.requireID(), title: call.title, opensOn: call.opensOn, deadline: call.deadline,
                                  phase: call.phase(on: today).rawValue, deadlinePassed: call.deadlinePassed(on: today),
                                  archived: call.archivedAt != nil, asked: counts.asked, complete: counts.complete)
        })
    }

    func show(_ req: Request) async throws -> CallDTO {
        let context = try await req.municipalityContext()
        let call = try await CallService(db: req.db, context: context).call(req.parameters.get("call"))
        return try await CallDTO.load(call, context: context, on: req.db)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        try context.require(context.permissions.canManagePortfolio)
        let body = try req.content.decode(CallWriteDTO.self)
        let defaults = try await service.defaultDepartmentIDs()
        let call = try await CallFieldNames.translating {
            try await service.create(body.input(over: nil, asked: [], defaults: defaults))
        }
        let response = try await CallDTO.load(call, context: context, on: req.db).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.call(.value(try call.requireID())).path)
        return response
    }

    func update(_ req: Request) async throws -> CallDTO {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        try context.require(context.permissions.canManagePortfolio && call.archivedAt == nil)
        let body = try req.content.decode(CallWriteDTO.self)
        let asked = try await service.recipients(of: call).map(\.$department.id)
        try await CallFieldNames.translating { try await service.update(call, body.input(over: call, asked: asked, defaults: [])) }
        return try await CallDTO.load(call, context: context, on: req.db)
    }

    func setClosed(_ req: Request, _ closed: Bool) async throws -> CallDTO {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        try await service.setClosed(call, closed)
        return try await CallDTO.load(call, context: context, on: req.db)
    }

    func setArchived(_ req: Request, _ archived: Bool) async throws -> CallDTO {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        try await service.setArchived(call, archived)
        return try await CallDTO.load(call, context: context, on: req.db)
    }

    func setComplete(_ req: Request, _ complete: Bool) async throws -> CallDTO {
        let context = try await req.municipalityContext()
        let service = CallService(db: req.db, context: context)
        let call = try await service.call(req.parameters.get("call"))
        let body = try req.content.decode(CallCompletionWriteDTO.self)
        try await CallFieldNames.translating {
            try await service.setComplete(call, departmentID: body.departmentId?.uuidString, complete: complete, note: body.note)
        }
        return try await CallDTO.load(call, context: context, on: req.db)
    }
}
