import FahrplanCore
import Fluent
import Vapor

/// The decision log (Entscheidungsprotokoll) over JSON: filterable, exportable, and decisions to start or
/// defer a project. Adopting rankings and overriding ranks write their records through the round operations.
struct DecisionAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.decisions(), use: list)
        endpoints.get(.decisions(.export), use: export)
        endpoints.post(.project(.key, .decisions), use: decide)
    }

    private func decisions(_ req: Request, _ context: MunicipalityContext) async throws -> [Decision] {
        // Read as documented (APIQuery): the shared filter below would take a blank value for "all".
        var query = APIQuery(req)
        var filter = DecisionFilter()
        filter.kind = query.choice("kind", DecisionKind.allCases.map(\.rawValue))
        filter.project = query.uuid("project")?.uuidString
        filter.round = query.uuid("round")?.uuidString
        for name in ["from", "to"] {
            guard let raw = query.raw(name) else { continue }
            guard CalendarDay(parsing: raw.trimmingCharacters(in: .whitespaces)) != nil else { query.add(name, .invalidDate); continue }
            if name == "from" { filter.from = raw } else { filter.to = raw }
        }
        try query.finish()
        return try await PrioritizationFieldNames.translating { try await DecisionLog(db: req.db, context: context).decisions(filter) }
    }

    func list(_ req: Request) async throws -> ListDTO<DecisionDTO> {
        let context = try await req.municipalityContext()
        return ListDTO(items: try await DecisionDTO.list(try await decisions(req, context), on: req.db))
    }

    /// The log as a spreadsheet (`format=csv`, the default: German Excel opens it with a double click) or as JSON.
    func export(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        let format = query.choice("format", ["csv", "json"]) ?? "csv"
        try query.finish()
        let decisions = try await decisions(req, context)
        if format == "json" {
            let response = try await ListDTO(items: try await DecisionDTO.list(decisions, on: req.db)).encodeResponse(for: req)
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"entscheidungen.json\"")
            return response
        }
        let csv = try await DecisionLog(db: req.db, context: context).csv(decisions) { RankingWords.kind($0, .de) }
        return ImportResponses.download(csv, contentType: "text/csv; charset=utf-8", fileName: "entscheidungen.csv")
    }

    /// Starting (approved) or deferring a project, with its decision record; the status moves with it.
    func decide(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let project = try await PortfolioService(db: req.db, context: context).project(req.parameters.get("project"))
        let body = try req.content.decode(ProjectDecisionWriteDTO.self)
        try context.require(context.permissions.canManagePrioritization)
        let decision = try await PrioritizationFieldNames.translating {
            guard let raw = body.kind else { throw ValidationFailure([FieldProblem("kind", .required)]) }
            guard let kind = DecisionKind(rawValue: raw), DecisionKind.manual.contains(kind) else {
                throw ValidationFailure([FieldProblem("kind", .invalidChoice)])
            }
            return try await DecisionService(db: req.db, context: context).decide(project, kind: kind, body.input, basisRoundID: body.roundId)
        }
        let dto = try await DecisionDTO.list([decision], on: req.db)[0]
        return try await .created(dto, at: APIURL.decisions().path(query: "project=\(try project.requireID())"), for: req)
    }
}
