import FahrplanCore
import Fluent
import Vapor

/// The strategy frame, the organisation and the audit trail over JSON. Same rules as the web UI: the
/// work is done by the same services.
struct StrategyAPIController {
    func register(on routes: any RoutesBuilder) {
        let api = routes.apiEndpoints
        api.get(.me, use: me)
        api.get(.municipality, use: municipality)
        api.put(.vision, use: updateVision)
        for kind in StrategyElementKind.allCases {
            api.get(.elements(kind)) { try await list($0, kind) }
            api.post(.elements(kind)) { try await create($0, kind) }
            api.get(.element(kind, .key)) { try await show($0, kind) }
            api.patch(.element(kind, .key)) { try await update($0, kind) }
            api.post(.element(kind, .key, .archive)) { try await archive($0, kind, true) }
            api.post(.element(kind, .key, .restore)) { try await archive($0, kind, false) }
            api.get(.element(kind, .key, .history)) { try await history($0, kind) }
        }
        api.get(.departments, use: listDepartments)
        api.post(.departments, use: createDepartment)
        api.get(.department(.key), use: showDepartment)
        api.patch(.department(.key), use: updateDepartment)
        api.post(.department(.key, .archive)) { try await archiveDepartment($0, true) }
        api.post(.department(.key, .restore)) { try await archiveDepartment($0, false) }
        api.get(.auditEvents, use: auditEvents)
    }

    func me(_ req: Request) async throws -> MeDTO {
        let context = try await req.municipalityContext()
        return MeDTO(id: context.user.id, email: context.user.email, displayName: context.user.displayName,
                     municipality: context.municipality.slug, role: context.role?.rawValue,
                     token: req.apiToken.map { MeTokenDTO(name: $0.name, scope: $0.scope.rawValue, expiresAt: $0.expiresAt) })
    }

    /// The `ETag` is the vision's edit version: the vision is the only part of the municipality written here.
    func municipality(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await VersionHeaders.respond(try dto(context.municipality), version: context.municipality.visionVersion, for: req)
    }

    /// A full replacement of the vision: it needs `If-Match` (428 without, 412 when stale).
    func updateVision(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let body = try req.content.decode(VisionDTO.self)
        // Bad input is named first (422); only a valid replacement is asked for its precondition.
        _ = try StrategyService.checkedVision(title: body.visionTitle, text: body.vision)
        let expected = try VersionHeaders.expected(req, required: true)
        try await VersionHeaders.guarded(req) {
            try await StrategyService(db: req.db, context: context).updateVision(title: body.visionTitle, text: body.vision, expectedVersion: expected)
        }
        return try await VersionHeaders.respond(try dto(context.municipality), version: context.municipality.visionVersion, for: req)
    }

    func list(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let includeArchived = try APIQuery.includeArchived(req)
        let body = try await req.application.renderedCache.value(for: context.cacheKey("api", kind.rawValue, String(includeArchived))) {
            let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
            let list = ListDTO(items: snapshot.elements(of: kind, includeArchived: includeArchived).map(ElementDTO.init))
            var buffer = ByteBuffer()
            var headers = HTTPHeaders()
            try ContentConfiguration.global.requireEncoder(for: .json).encode(list, to: &buffer, headers: &headers)
            return buffer
        }
        let response = Response(status: .ok, body: .init(buffer: body))
        response.headers.contentType = .json
        return response
    }

    func show(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let element = try await StrategyService(db: req.db, context: context).element(kind, id: req.parameters.get("element"))
        return try await VersionHeaders.respond(try ElementDTO(element), version: element.version, for: req)
    }

    func create(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(ElementWriteDTO.self)
        let element = try await APIFieldNames.translating {
            try await StrategyService(db: req.db, context: context).create(kind, body.input(over: nil))
        }
        let response = try await VersionHeaders.respond(try ElementDTO(element), version: element.version, status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.element(kind, .value(try element.requireID())).path)
        return response
    }

    /// `If-Match` makes the change conditional on the version the client has seen (412 otherwise).
    func update(_ req: Request, _ kind: StrategyElementKind) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        let body = try req.content.decode(ElementWriteDTO.self)
        try await VersionHeaders.guarded(req) {
            try await APIFieldNames.translating { try await service.update(element, body.input(over: element), expectedVersion: expected) }
        }
        return try await VersionHeaders.respond(try ElementDTO(element), version: element.version, for: req)
    }

    func archive(_ req: Request, _ kind: StrategyElementKind, _ archived: Bool) async throws -> ElementDTO {
        let context = try await req.municipalityContext()
        let service = StrategyService(db: req.db, context: context)
        let element = try await service.element(kind, id: req.parameters.get("element"))
        try await service.setArchived(element, archived)
        return try ElementDTO(element)
    }

    func history(_ req: Request, _ kind: StrategyElementKind) async throws -> ListDTO<AuditEventDTO> {
        let context = try await req.municipalityContext()
        let element = try await StrategyService(db: req.db, context: context).element(kind, id: req.parameters.get("element"))
        try context.require(context.permissions.canReadAudit
                            || context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString))
        let events = try await AuditQuery(db: req.db, municipalityID: context.municipalityID).events(entityID: element.requireID())
        return ListDTO(items: try events.map(AuditEventDTO.init))
    }

    func listDepartments(_ req: Request) async throws -> ListDTO<DepartmentDTO> {
        let context = try await req.municipalityContext()
        let includeArchived = try APIQuery.includeArchived(req)
        let entries = try await DepartmentDirectory(db: req.db, municipalityID: context.municipalityID).tree(includeArchived: includeArchived)
        return ListDTO(items: try entries.map { try DepartmentDTO($0.department) })
    }

    func showDepartment(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let unit = try await DepartmentService(db: req.db, context: context).unit(req.parameters.get("department"))
        return try await VersionHeaders.respond(try DepartmentDTO(unit), version: unit.version, for: req)
    }

    func createDepartment(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(DepartmentWriteDTO.self)
        let unit = try await APIFieldNames.translating {
            try await DepartmentService(db: req.db, context: context).save(body.input(over: nil), into: nil)
        }
        let response = try await VersionHeaders.respond(try DepartmentDTO(unit), version: unit.version, status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.department(.value(try unit.requireID())).path)
        return response
    }

    /// `If-Match` makes the change conditional on the version the client has seen (412 otherwise).
    func updateDepartment(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let context = try await req.municipalityContext()
        let service = DepartmentService(db: req.db, context: context)
        let unit = try await service.unit(req.parameters.get("department"))
        let body = try req.content.decode(DepartmentWriteDTO.self)
        let saved = try await VersionHeaders.guarded(req) {
            try await APIFieldNames.translating { try await service.save(body.input(over: unit), into: unit, expectedVersion: expected) }
        }
        return try await VersionHeaders.respond(try DepartmentDTO(saved), version: saved.version, for: req)
    }

    func archiveDepartment(_ req: Request, _ archived: Bool) async throws -> DepartmentDTO {
        let context = try await req.municipalityContext()
        let service = DepartmentService(db: req.db, context: context)
        let unit = try await service.unit(req.parameters.get("department"))
        try await service.setArchived(unit, archived)
        return try DepartmentDTO(unit)
    }

    func auditEvents(_ req: Request) async throws -> ListDTO<AuditEventDTO> {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canReadAudit)
        var query = APIQuery(req)
        let entityID = query.uuid("entityId")
        let limit = query.integer("limit", 1...1000) ?? AuditQuery.pageSize
        try query.finish()
        let events = try await AuditQuery(db: req.db, municipalityID: context.municipalityID).events(entityID: entityID, limit: limit)
        return ListDTO(items: try events.map(AuditEventDTO.init))
    }

    private func dto(_ municipality: Municipality) throws -> MunicipalityDTO {
        MunicipalityDTO(id: try municipality.requireID(), slug: municipality.slug, name: municipality.name,
                        kind: municipality.kind, visionTitle: municipality.visionTitle, vision: municipality.vision)
    }
}
