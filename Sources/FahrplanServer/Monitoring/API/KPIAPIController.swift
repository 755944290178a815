import FahrplanCore
import Fluent
import Vapor

/// KPIs and their measurements over JSON, through `KPIService`: whoever may edit the goal defines its KPIs,
/// the KPI's owner may also measure; a measurement in another unit or dated in the future, a day measured twice
/// or a day in a locked period is refused with 422 naming the field, and a batch (JSON list or CSV file) is
/// stored all or nothing. KPIs are not deleted over the API (the service has no deletion).
struct KPIAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.monitoring(.kpis), use: list)
        endpoints.post(.monitoring(.kpis), use: create)
        endpoints.get(.monitoring(.kpi(.key)), use: show)
        endpoints.put(.monitoring(.kpi(.key)), use: update)
        endpoints.get(.monitoring(.kpiMeasurements(.key)), use: measurements)
        endpoints.post(.monitoring(.kpiMeasurements(.key)), use: addMeasurements)
    }

    /// `?goal=<id>`: only that goal's KPIs.
    func list(_ req: Request) async throws -> ListDTO<KPIDTO> {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        let goal = query.uuid("goal")
        try query.finish()
        let service = KPIService(db: req.db, context: context)
        let kpis = try await service.kpis(goalID: goal)
        let ids = kpis.compactMap(\.id)
        let rows = ids.isEmpty ? [] : try await KPIMeasurementRecord.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$kpi.$id ~~ ids).all()
        var byKPI: [UUID: [KPIMeasurement]] = [:]
        for row in rows { if let m = row.measurement { byKPI[row.$kpi.id, default: []].append(m) } }
        let today = context.calendar.today
        return ListDTO(items: try kpis.map { try KPIDTO($0, measurements: byKPI[$0.id ?? UUID()] ?? [], today: today) })
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame || context.role == .departmentLead)
        let body = try req.content.decode(KPIWriteDTO.self)
        let kpi = try await MonitoringAPI.translating { try await KPIService(db: req.db, context: context).create(body.form(version: nil)) }
        return try await MonitoringAPI.created(try KPIDTO(kpi, measurements: [], today: context.calendar.today),
                                               at: APIURL.monitoring(.kpi(.value(kpi.id))).path, version: kpi.version, for: req)
    }

    func show(_ req: Request) async throws -> Response {
        let (context, service, kpi) = try await Self.load(req)
        return try await Self.respond(kpi, service: service, context: context, for: req)
    }

    /// Replaces the definition; with `If-Match` only if nobody changed it since (412 otherwise).
    func update(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let (context, service, kpi) = try await Self.load(req)
        try context.require(service.canManage(goal: try await service.goal(of: kpi)))
        let body = try req.content.decode(KPIWriteDTO.self)
        try await VersionHeaders.guarded(req) {
            try await MonitoringAPI.translating { try await service.update(kpi, body.form(version: expected)) }
        }
        return try await Self.respond(kpi, service: service, context: context, for: req)
    }

    func measurements(_ req: Request) async throws -> ListDTO<KPIMeasurementDTO> {
        let (_, service, kpi) = try await Self.load(req)
        return ListDTO(items: try await service.measurements(of: kpi).compactMap(KPIMeasurementDTO.init))
    }

    /// JSON (`{"measurements": [...]}`) or a CSV file (`text/csv`, the columns of the web upload: Datum;Wert;Notiz).
    func addMeasurements(_ req: Request) async throws -> Response {
        let (_, service, kpi) = try await Self.load(req)
        let type = req.headers.contentType.map { "\($0.type)/\($0.subType)".lowercased() }
        let added: Int
        if type == "application/json" {
            let body = try req.content.decode(KPIMeasurementsWriteDTO.self)
            added = try await MonitoringAPI.translating {
                try await service.addMeasurements(to: kpi, (body.measurements ?? []).map(\.input), source: .api).count
            }
        } else if type == nil || ImportAPIController.fileTypes.contains(type!) {
            let bytes = req.body.data.map { Array($0.readableBytesView) } ?? []
            added = try await MonitoringAPI.translating { try await service.importCSV(into: kpi, bytes: bytes) }
        } else {
            throw Abort(.unsupportedMediaType)
        }
        let all = try await service.measurements(of: kpi).compactMap(KPIMeasurementDTO.init)
        return try await KPIMeasurementsAddedDTO(added: added, measurements: all).encodeResponse(status: .created, for: req)
    }

    private static func load(_ req: Request) async throws -> (MunicipalityContext, KPIService, KPIRecord) {
        let context = try await req.municipalityContext()
        let service = KPIService(db: req.db, context: context)
        return (context, service, try await service.kpi(req.parameters.get("kpi")))
    }

    private static func respond(_ kpi: KPIRecord, service: KPIService, context: MunicipalityContext, for req: Request) async throws -> Response {
        let measurements = try await service.measurements(of: kpi).compactMap(\.measurement)
        return try await VersionHeaders.respond(try KPIDTO(kpi, measurements: measurements, today: context.calendar.today),
                                                version: kpi.version, for: req)
    }
}
