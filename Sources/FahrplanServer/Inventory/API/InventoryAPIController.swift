import FahrplanCore
import Fluent
import Vapor

/// The inventory over JSON, through `InventoryService`: IT systems and administrative services (list with
/// filters, get, create, replace with `If-Match` → 412, archive, restore), the overview, the maturity model, and
/// CSV import (all rows or none; `?dryRun=true` only checks; problems by row and column) and export.
struct InventoryAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.inventory(.overview), use: overview)
        endpoints.get(.inventory(.maturityModel), use: maturityModel)
        endpoints.put(.inventory(.maturityModel), use: saveMaturityModel)
        endpoints.get(.inventory(.systems()), use: listSystems)
        endpoints.post(.inventory(.systems()), use: createSystem)
        endpoints.get(.inventory(.system(.key)), use: showSystem)
        endpoints.put(.inventory(.system(.key)), use: updateSystem)
        endpoints.post(.inventory(.system(.key, .archive))) { try await archiveSystem($0, true) }
        endpoints.post(.inventory(.system(.key, .restore))) { try await archiveSystem($0, false) }
        endpoints.get(.inventory(.services()), use: listServices)
        endpoints.post(.inventory(.services()), use: createService)
        endpoints.get(.inventory(.service(.key)), use: showService)
        endpoints.put(.inventory(.service(.key)), use: updateService)
        endpoints.post(.inventory(.service(.key, .archive))) { try await archiveService($0, true) }
        endpoints.post(.inventory(.service(.key, .restore))) { try await archiveService($0, false) }
        for kind in InventoryService.SheetKind.allCases {
            let collection: InventoryAPIEndpoint = kind == .systems ? .systems(.import) : .services(.import)
            let upload = endpoints.on(.POST, .inventory(collection), body: .collect(maxSize: "6mb")) { try await importCSV($0, kind) }
            upload.userInfo[BodyLimits.routeKey] = InventoryService.maxImportBytes
            endpoints.get(.inventory(kind == .systems ? .systems(.export) : .services(.export))) { try await exportCSV($0, kind) }
        }
    }

    /// The validation names fields as the forms do; the JSON spells some of them differently.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(failure.problems.map { FieldProblem(apiName($0.field), $0.kind) })
        }
    }

    static func apiName(_ field: String) -> String {
        for (from, to) in [("departmentIDs", "departmentIds"), ("departmentID", "departmentId"), ("projectID", "projectId"), ("ozgID", "ozgId")]
        where field == from || field.hasPrefix(from + "[") {
            return to + field.dropFirst(from.count)
        }
        for (from, to) in [("projectIDs[", ".projectId"), ("projectRelations[", ".relation")] where field.hasPrefix(from) {
            return "projects[" + field.dropFirst(from.count) + to
        }
        return field
    }

    private static func service(_ req: Request) async throws -> InventoryService {
        InventoryService(db: req.db, context: try await req.municipalityContext())
    }

    // MARK: overview and model

    func overview(_ req: Request) async throws -> InventoryOverviewDTO {
        var query = APIQuery(req)
        try query.finish()
        return InventoryOverviewDTO(try await InventoryOverviewData.load(try await Self.service(req)), english: req.language != .de)
    }

    struct MaturityModelDTO: Content {
        var key: String
        var levels: [MaturityLevel]
        var criteria: [MaturityCriterion]
        var onlineFrom: Int
        /// 0 while the municipality uses the default (OZG) model without having saved one.
        var version: Int?
    }

    func maturityModel(_ req: Request) async throws -> Response {
        let (model, version) = try await Self.service(req).modelSettings()
        return try await VersionHeaders.respond(MaturityModelDTO(key: model.key, levels: model.levels, criteria: model.criteria,
                                                                 onlineFrom: model.onlineFrom, version: version), version: version, for: req)
    }

    func saveMaturityModel(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        try service.context.require(service.canManage)
        let body = try req.content.decode(MaturityModelDTO.self)
        let model = MaturityModel(key: body.key, levels: body.levels, criteria: body.criteria, onlineFrom: body.onlineFrom)
        do {
            try await VersionHeaders.guarded(req) { try await Self.translating { try await service.saveModel(model, expected: expected) } }
        } catch let refusal as InventoryService.ModelLevelsInUse {
            // One entry per dropped level, naming the services rated on it (code `level_in_use`).
            let errors = InventoryModelWeb.refusalLines(refusal.missing, req).enumerated().map { index, line in
                ProblemDocument.FieldError(field: "levels", problem: "\(line.field): \(line.message)", code: "level_in_use",
                                           count: refusal.missing[index].services.count)
            }
            return ProblemDocument.response(.unprocessableEntity, detail: req.t("inventory.presetMissing"), errors: errors, request: req)
        }
        return try await maturityModel(req)
    }

    // MARK: IT systems

    /// `?q=` name, vendor or product contains; `?department=`, `?project=` ids; `?lifecycle=`; `?includeArchived=true`.
    func listSystems(_ req: Request) async throws -> ListDTO<ITSystemDTO> {
        var query = APIQuery(req)
        let text = query.text("q")
        let department = query.uuid("department"), project = query.uuid("project")
        let lifecycle = query.choice("lifecycle", ITSystemLifecycle.allCases.map(\.rawValue))
        let includeArchived = query.bool("includeArchived") ?? false
        try query.finish()
        let service = try await Self.service(req)
        let filter = InventoryFilters.System(text: text, departmentID: department, projectID: project,
                                             lifecycle: lifecycle.flatMap(ITSystemLifecycle.init(rawValue:)), includeArchived: includeArchived)
        let listed = try await InventoryFilters.systems(service, filter)
        let lookup = try await InventoryLookup.load(req.db, municipalityID: service.context.municipalityID)
        return ListDTO(items: try listed.map { try ITSystemDTO($0.record, departments: $0.departments, projects: $0.projects, lookup: lookup) })
    }

    func showSystem(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        return try await respond(try await service.system(req.parameters.get("system")), service, req)
    }

    func createSystem(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        try service.context.require(service.canCreate)
        let body = try req.content.decode(ITSystemWriteDTO.self)
        let record = try await Self.translating { try await service.createSystem(body.form(version: nil)) }
        let response = try await respond(record, service, req, status: .created)
        response.headers.replaceOrAdd(name: .location, value: APIURL.inventory(.system(.value(record.id))).path)
        return response
    }

    func updateSystem(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        let record = try await service.system(req.parameters.get("system"))
        try service.context.require(try await service.canEdit(system: record))
        let body = try req.content.decode(ITSystemWriteDTO.self)
        try await VersionHeaders.guarded(req) { try await Self.translating { try await service.updateSystem(record, body.form(version: expected)) } }
        return try await respond(record, service, req)
    }

    func archiveSystem(_ req: Request, _ archived: Bool) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        let record = try await service.system(req.parameters.get("system"))
        try await VersionHeaders.guarded(req) { try await Self.translating { try await service.setSystemArchived(record, archived, expected: expected) } }
        return try await respond(record, service, req)
    }

    private func respond(_ record: ITSystemRecord, _ service: InventoryService, _ req: Request, status: HTTPStatus = .ok) async throws -> Response {
        let id = try record.requireID()
        let lookup = try await InventoryLookup.load(req.db, municipalityID: service.context.municipalityID)
        let dto = try ITSystemDTO(record, departments: try await service.systemDepartments([id])[id] ?? [],
                                  projects: try await service.systemProjects([id])[id] ?? [], lookup: lookup)
        return try await VersionHeaders.respond(dto, version: record.version, status: status, for: req)
    }

    // MARK: administrative services

    /// `?q=` name contains; `?department=`, `?project=` ids; `?level=` overall level today (`unknown` for services
    /// with an unassessed criterion); `?includeArchived=true`.
    func listServices(_ req: Request) async throws -> ListDTO<AdministrativeServiceDTO> {
        var query = APIQuery(req)
        let text = query.text("q")
        let department = query.uuid("department"), project = query.uuid("project")
        let level = query.raw("level")
        let includeArchived = query.bool("includeArchived") ?? false
        let service = try await Self.service(req)
        let model = try await service.maturityModel()
        if let level, level != "unknown", Int(level).flatMap(model.level) == nil { query.add("level", .invalidChoice) }
        try query.finish()
        let filter = InventoryFilters.Service(text: text, departmentID: department, projectID: project, level: level, includeArchived: includeArchived)
        let today = service.context.calendar.today
        let english = req.language != .de
        return ListDTO(items: try await InventoryFilters.services(service, filter, model: model).map {
            try AdministrativeServiceDTO($0.record, assessments: $0.assessments, model: model, today: today, english: english)
        })
    }

    func showService(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        return try await respond(try await service.service(req.parameters.get("service")), service, req)
    }

    func createService(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        try service.context.require(service.canCreate)
        let body = try req.content.decode(AdministrativeServiceWriteDTO.self)
        let record = try await Self.translating { try await service.createService(body.form(version: nil)) }
        let response = try await respond(record, service, req, status: .created)
        response.headers.replaceOrAdd(name: .location, value: APIURL.inventory(.service(.value(record.id))).path)
        return response
    }

    func updateService(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        let record = try await service.service(req.parameters.get("service"))
        try service.context.require(service.canEdit(service: record))
        let body = try req.content.decode(AdministrativeServiceWriteDTO.self)
        try await VersionHeaders.guarded(req) { try await Self.translating { try await service.updateService(record, body.form(version: expected)) } }
        return try await respond(record, service, req)
    }

    func archiveService(_ req: Request, _ archived: Bool) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        let record = try await service.service(req.parameters.get("service"))
        try await VersionHeaders.guarded(req) { try await Self.translating { try await service.setServiceArchived(record, archived, expected: expected) } }
        return try await respond(record, service, req)
    }

    private func respond(_ record: AdministrativeServiceRecord, _ service: InventoryService, _ req: Request,
                         status: HTTPStatus = .ok) async throws -> Response {
        let id = try record.requireID()
        let dto = try AdministrativeServiceDTO(record, assessments: try await service.assessments([id])[id] ?? [],
                                               model: try await service.maturityModel(), today: service.context.calendar.today,
                                               english: req.language != .de)
        return try await VersionHeaders.respond(dto, version: record.version, status: status, for: req)
    }

    // MARK: CSV

    func importCSV(_ req: Request, _ kind: InventoryService.SheetKind) async throws -> Response {
        let service = try await Self.service(req)
        try service.context.require(service.canManage)
        var query = APIQuery(req)
        let dryRun = query.bool("dryRun") ?? false
        try query.finish()
        let bytes: [UInt8]
        let type = req.headers.contentType.map { "\($0.type)/\($0.subType)".lowercased() }
        if type == "application/json" {
            bytes = Array(try req.content.decode(ImportAPIController.JSONBody.self).csv.utf8)
        } else if type == nil || ImportAPIController.fileTypes.contains(type!) {
            bytes = req.body.data.map { Array($0.readableBytesView) } ?? []
        } else {
            throw Abort(.unsupportedMediaType)
        }
        let outcome = try await service.importCSV(kind, bytes: bytes, dryRun: dryRun)
        // An unreadable file (no body, no header, a missing column) is refused even in a dry run, as the projects'
        // import does: there is no row to report on.
        if !outcome.problems.isEmpty && (!dryRun || outcome.isUnreadable) {
            let de = req.language == .de
            let detail = outcome.isUnreadable
                ? (de ? "Die Datei kann nicht importiert werden." : "The file cannot be imported.")
                : (de ? "Die Datei enthält \(outcome.problems.count) Fehler; es wurde nichts gespeichert."
                      : "The file has \(outcome.problems.count) errors; nothing was saved.")
            return ImportResponses.problem(ImportResponses.status(for: outcome.problems), detail: detail, problems: outcome.problems, request: req)
        }
        return try await InventoryImportReportDTO(outcome, language: req.language).encodeResponse(status: .ok, for: req)
    }

    /// `?format=csv` (default: the import's columns) or `json` (the items as the list returns them).
    func exportCSV(_ req: Request, _ kind: InventoryService.SheetKind) async throws -> Response {
        var query = APIQuery(req)
        let format = query.choice("format", ["csv", "json"]) ?? "csv"
        try query.finish()
        let service = try await Self.service(req)
        if format == "json" {
            if kind == .systems {
                let lookup = try await InventoryLookup.load(req.db, municipalityID: service.context.municipalityID)
                return try await ListDTO(items: try await InventoryFilters.systems(service, .init()).map {
                    try ITSystemDTO($0.record, departments: $0.departments, projects: $0.projects, lookup: lookup)
                }).encodeResponse(for: req)
            }
            let model = try await service.maturityModel()
            let today = service.context.calendar.today, english = req.language != .de
            return try await ListDTO(items: try await InventoryFilters.services(service, .init(), model: model).map {
                try AdministrativeServiceDTO($0.record, assessments: $0.assessments, model: model, today: today, english: english)
            }).encodeResponse(for: req)
        }
        let csv = try await service.exportCSV(kind)
        return ImportResponses.download(Data(csv.utf8), contentType: "text/csv; charset=utf-8",
                                        fileName: InventoryService.exportFileName(kind, slug: service.context.municipality.slug,
                                                                                  on: service.context.calendar.today))
    }
}
