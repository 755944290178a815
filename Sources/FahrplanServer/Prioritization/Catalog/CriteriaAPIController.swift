import FahrplanCore
import Fluent
import Vapor

/// The criteria catalog (Kriterienkatalog) over JSON. Rounds copy criteria, so changes here never reach a
/// round that already exists.
struct CriteriaAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.criteria(), use: list)
        endpoints.post(.criteria(), use: create)
        endpoints.post(.criteria(.defaults), use: loadDefaults)
        endpoints.get(.criterion(.key), use: show)
        endpoints.patch(.criterion(.key), use: update)
        endpoints.post(.criterion(.key, .archive)) { try await archive($0, true) }
        endpoints.post(.criterion(.key, .restore)) { try await archive($0, false) }
    }

    func list(_ req: Request) async throws -> ListDTO<CriterionDTO> {
        let context = try await req.municipalityContext()
        let includeArchived = try APIQuery.includeArchived(req)
        let rows = try await CriteriaCatalogService(db: req.db, context: context).criteria(includeArchived: includeArchived)
        return ListDTO(items: try rows.map(CriterionDTO.init))
    }

    func show(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let row = try await CriteriaCatalogService(db: req.db, context: context).criterion(req.parameters.get("criterion"))
        return try await VersionHeaders.respond(try CriterionDTO(row), version: row.version, for: req)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePrioritization)
        let body = try req.content.decode(CriterionWriteDTO.self)
        let row = try await PrioritizationFieldNames.translating {
            try await CriteriaCatalogService(db: req.db, context: context).create(body.input(over: nil))
        }
        return VersionHeaders.tagged(try await .created(try CriterionDTO(row), at: APIURL.criterion(.value(try row.requireID())).path, for: req), row.version)
    }

    /// `If-Match` makes the change conditional on the version the client has seen (412 otherwise).
    func update(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let context = try await req.municipalityContext()
        let service = CriteriaCatalogService(db: req.db, context: context)
        let row = try await service.criterion(req.parameters.get("criterion"))
        try context.require(context.permissions.canManagePrioritization)
        let body = try req.content.decode(CriterionWriteDTO.self)
        try await VersionHeaders.guarded(req) {
            try await PrioritizationFieldNames.translating { try await service.update(row, body.input(over: row), expectedVersion: expected) }
        }
        return try await VersionHeaders.respond(try CriterionDTO(row), version: row.version, for: req)
    }

    /// Loads Fahrplan's default catalog in the request's language into an empty catalog; a catalog that has
    /// criteria is left alone (`loaded` is then 0).
    func loadDefaults(_ req: Request) async throws -> CriterionDefaultsDTO {
        let context = try await req.municipalityContext()
        let service = CriteriaCatalogService(db: req.db, context: context)
        let loaded = try await service.loadDefaults(english: req.language == .en)
        return CriterionDefaultsDTO(loaded: loaded, items: try await service.criteria().map(CriterionDTO.init))
    }

    func archive(_ req: Request, _ archived: Bool) async throws -> CriterionDTO {
        let context = try await req.municipalityContext()
        let service = CriteriaCatalogService(db: req.db, context: context)
        let row = try await service.criterion(req.parameters.get("criterion"))
        try await service.setArchived(row, archived)
        return try CriterionDTO(row)
    }
}
