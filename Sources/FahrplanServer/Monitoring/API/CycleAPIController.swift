import FahrplanCore
import Fluent
import Vapor

/// Update cycles, period locks and what is due over JSON, through `UpdateCycleService`: cycles, locks and the
/// late list belong to the strategy team (403 for others); everybody may read the cycles, the locks and what
/// they owe themselves. A cycle without an owner rule, or with `namedPerson` and nobody named, is 422.
struct CycleAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.monitoring(.updateCycles), use: list)
        endpoints.post(.monitoring(.updateCycles), use: create)
        endpoints.get(.monitoring(.updateCycle(.key)), use: show)
        endpoints.put(.monitoring(.updateCycle(.key)), use: update)
        endpoints.delete(.monitoring(.updateCycle(.key)), use: delete)
        endpoints.get(.monitoring(.locks), use: locks)
        endpoints.post(.monitoring(.locks), use: lock)
        endpoints.delete(.monitoring(.lock(.key)), use: unlock)
        endpoints.get(.monitoring(.due), use: due)
    }

    func list(_ req: Request) async throws -> ListDTO<UpdateCycleDTO> {
        let context = try await req.municipalityContext()
        return ListDTO(items: try await UpdateCycleService(req, context: context).cycles().map(UpdateCycleDTO.init))
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageUpdateCycles)
        let body = try req.content.decode(UpdateCycleWriteDTO.self)
        let row = try await MonitoringAPI.translating { try await UpdateCycleService(req, context: context).save(body.input) }
        return try await MonitoringAPI.created(try UpdateCycleDTO(row), at: APIURL.monitoring(.updateCycle(.value(row.id))).path, for: req)
    }

    func show(_ req: Request) async throws -> UpdateCycleDTO {
        let context = try await req.municipalityContext()
        return try UpdateCycleDTO(try await UpdateCycleService(req, context: context).cycle(req.parameters.get("cycle")))
    }

    func update(_ req: Request) async throws -> UpdateCycleDTO {
        let context = try await req.municipalityContext()
        let service = UpdateCycleService(req, context: context)
        let row = try await service.cycle(req.parameters.get("cycle"))
        try context.require(context.permissions.canManageUpdateCycles)
        let body = try req.content.decode(UpdateCycleWriteDTO.self)
        return try UpdateCycleDTO(try await MonitoringAPI.translating { try await service.save(body.input, existing: row) })
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        let context = try await req.municipalityContext()
        let service = UpdateCycleService(req, context: context)
        try await service.delete(try await service.cycle(req.parameters.get("cycle")))
        return .noContent
    }

    func locks(_ req: Request) async throws -> ListDTO<PeriodLockDTO> {
        let context = try await req.municipalityContext()
        return ListDTO(items: try await UpdateCycleService(req, context: context).locks().map(PeriodLockDTO.init))
    }

    func lock(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageUpdateCycles)
        let body = try req.content.decode(PeriodLockWriteDTO.self)
        let row = try await MonitoringAPI.translating {
            try await UpdateCycleService(req, context: context).lock(kind: body.subjectKind, day: body.day)
        }
        return try await MonitoringAPI.created(try PeriodLockDTO(row), at: APIURL.monitoring(.lock(.value(row.id))).path, for: req)
    }

    func unlock(_ req: Request) async throws -> HTTPStatus {
        let context = try await req.municipalityContext()
        let service = UpdateCycleService(req, context: context)
        try await service.unlock(try await service.lockRow(req.parameters.get("lock")))
        return .noContent
    }

    /// `?scope=mine` (default): what the token's person owes, done items last. `?scope=late`: every late item,
    /// grouped by owner, the most overdue first (strategy team only).
    func due(_ req: Request) async throws -> ListDTO<DueItemDTO> {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        let scope = query.choice("scope", ["mine", "late"]) ?? "mine"
        try query.finish()
        let service = UpdateCycleService(req, context: context)
        if scope == "late" {
            return ListDTO(items: try await service.lateList().flatMap { group in
                group.items.map { DueItemDTO($0, ownerName: group.owner?.displayName) }
            })
        }
        let me = context.user.displayName
        return ListDTO(items: try await service.dueForMe().map { DueItemDTO($0, ownerName: me) })
    }
}
