import FahrplanCore
import Fluent
import Vapor

/// The project portfolio over JSON: list and search, profiles, status workflow, archive, merge, history,
/// duplicate candidates and bundling. The work is done by the services of the web UI, so the API follows
/// the same rules (who may do what, validation, one transaction with the audit event).
struct ProjectAPIController {
    static let maxPageSize = 500

    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.projects(), use: list)
        endpoints.post(.projects(), use: create)
        endpoints.post(.projects(.similar), use: similarToDraft)
        endpoints.get(.projects(.duplicates), use: duplicates)
        endpoints.post(.projects(.assign), use: assign)
        endpoints.get(.project(.key), use: show)
        endpoints.patch(.project(.key), use: update)
        endpoints.post(.project(.key, .status), use: changeStatus)
        endpoints.post(.project(.key, .archive)) { try await archive($0, true) }
        endpoints.post(.project(.key, .restore)) { try await archive($0, false) }
        endpoints.post(.project(.key, .merge), use: merge)
        endpoints.get(.project(.key, .history), use: history)
        endpoints.get(.project(.key, .similar), use: similar)
    }

    // MARK: list

    func list(_ req: Request) async throws -> ProjectPageDTO {
        let context = try await req.municipalityContext()
        let (filter, pageSize) = try Self.filter(from: req)
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let page = try await PortfolioListing(db: req.db, context: context, snapshot: snapshot).page(filter, pageSize: pageSize)
        return ProjectPageDTO(items: try await ProjectSummaryDTO.list(page.projects, context: context, on: req.db),
                              total: page.total, page: page.page, pageCount: page.pageCount)
    }

    /// Page numbers beyond this are refused: no portfolio comes near it, and the document names a bound.
    static let maxPage = 1_000_000

    /// The web list's filters and the page size from the query string. The web ignores a value it cannot
    /// use; an API client is told (422 naming the parameter), so a typo does not silently widen the result.
    static func filter(from req: Request) throws -> (PortfolioFilter, pageSize: Int) {
        var query = APIQuery(req)
        var filter = PortfolioFilter()
        filter.q = query.text("q")
        filter.department = query.uuid("department")?.uuidString
        filter.element = query.uuid("element")?.uuidString
        filter.status = query.choice("status", ProjectStatus.allCases.map(\.rawValue))
        filter.kind = query.choice("kind", ProjectKind.allCases.map(\.rawValue))
        filter.sort = query.choice("sort", PortfolioFilter.sorts)
        filter.page = query.integer("page", 1...Self.maxPage)
        if query.bool("includeArchived") == true { filter.archived = "1" }
        let pageSize = query.integer("pageSize", 1...Self.maxPageSize) ?? PortfolioFilter.pageSize
        for name in ["costMin", "costMax"] {
            // As documented: a plain amount in euros, `.` or `,` before at most two decimals.
            guard let value = query.raw(name) else { continue }
            if APIQuery.isPlainAmount(value), (try? LocaleNumber.cents(value)) != nil {
                if name == "costMin" { filter.costMin = value } else { filter.costMax = value }
            } else {
                query.add(name, .notADecimal)
            }
        }
        try query.finish()
        return (filter, pageSize)
    }

    // MARK: profile

    func show(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let project = try await PortfolioService(db: req.db, context: context).project(req.parameters.get("project"))
        return try await VersionHeaders.respond(try await ProjectDTO.load(project, on: req.db), version: project.version, for: req)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        // As the web's "new profile" page: the strategy team and department leads submit profiles.
        try context.require(context.permissions.canManagePortfolio || context.role == .departmentLead)
        let body = try req.content.decode(ProjectWriteDTO.self)
        let callID: UUID? = if case .value(let id) = body.callId { id } else { nil }
        let project = try await ProjectFieldNames.translating {
            try await PortfolioService(db: req.db, context: context).create(body.input(over: nil, details: nil), callID: callID)
        }
        let response = try await ProjectDTO.load(project, on: req.db).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.project(.value(try project.requireID())).path)
        return VersionHeaders.tagged(response, project.version)
    }

    /// `If-Match` makes the change conditional on the version the client has seen (412 otherwise); without it
    /// a PATCH changes just the fields it names, as before.
    func update(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        // As the web's edit form: only who may edit the project, and never an archived one (restore it first).
        try context.require(context.permissions.canEditProject(departmentID: project.$department.id?.uuidString) && project.archivedAt == nil)
        let body = try req.content.decode(ProjectWriteDTO.self)
        let details = try await ProjectDetails.load(project, on: req.db)
        try await VersionHeaders.guarded(req) {
            try await ProjectFieldNames.translating {
                try await service.update(project, body.input(over: project, details: details), expectedVersion: expected)
            }
        }
        return try await VersionHeaders.respond(try await ProjectDTO.load(project, on: req.db), version: project.version, for: req)
    }

    // MARK: workflow

    func changeStatus(_ req: Request) async throws -> ProjectDTO {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let body = try req.content.decode(ProjectStatusWriteDTO.self)
        guard project.archivedAt == nil else { throw FahrplanError.forbidden }
        try await ProjectFieldNames.translating {
            guard let target = body.status.flatMap(ProjectStatus.init(rawValue:)) else {
                throw ValidationFailure([FieldProblem("status", body.status == nil ? .required : .invalidChoice)])
            }
            try await service.transition(project, to: target, reason: body.reason)
        }
        return try await ProjectDTO.load(project, on: req.db)
    }

    func archive(_ req: Request, _ archived: Bool) async throws -> ProjectDTO {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        try await service.setArchived(project, archived)
        return try await ProjectDTO.load(project, on: req.db)
    }

    /// The project in the path is absorbed into `targetId`; the answer is the surviving project.
    func merge(_ req: Request) async throws -> ProjectDTO {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let body = try req.content.decode(ProjectMergeWriteDTO.self)
        let survivor = try await ProjectFieldNames.translating {
            try await service.merge(project, intoTargetID: body.targetId?.uuidString, note: body.note)
        }
        return try await ProjectDTO.load(survivor, on: req.db)
    }

    /// The project's audit events and those of the projects merged into it, newest first — as the web history.
    func history(_ req: Request) async throws -> ListDTO<AuditEventDTO> {
        let context = try await req.municipalityContext()
        let service = PortfolioService(db: req.db, context: context)
        let project = try await service.project(req.parameters.get("project"))
        let events = try await AuditQuery(db: req.db, municipalityID: context.municipalityID)
            .events(entityIDs: try await service.historyItemIDs(of: project))
        return ListDTO(items: try events.map(AuditEventDTO.init))
    }

    // MARK: duplicates and bundling

    func similar(_ req: Request) async throws -> ListDTO<SimilarProjectDTO> {
        let context = try await req.municipalityContext()
        let project = try await PortfolioService(db: req.db, context: context).project(req.parameters.get("project"))
        let matches = try await PortfolioSimilarity(req: req, context: context)
            .matches(for: SimilarityIndexCache.document(project), limit: try Self.limit(req, default: 5, max: 50), excluding: [try project.requireID()])
        return ListDTO(items: try await similarItems(matches, context, req))
    }

    func similarToDraft(_ req: Request) async throws -> ListDTO<SimilarProjectDTO> {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(ProjectDraftTextDTO.self)
        // A fresh id: the draft is not stored, so it can match every project.
        let document = SimilarityIndex<UUID>.Document(id: UUID(), title: body.title ?? "", summary: body.summary ?? "",
                                                      description: body.description ?? "", tags: body.tags ?? [])
        let matches = try await PortfolioSimilarity(req: req, context: context).matches(for: document, limit: try Self.limit(req, default: 5, max: 50))
        return ListDTO(items: try await similarItems(matches, context, req))
    }

    func duplicates(_ req: Request) async throws -> ListDTO<DuplicatePairDTO> {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        let pairs = try await PortfolioSimilarity(req: req, context: context).pairs(limit: try Self.limit(req, default: 100, max: 1000))
        let summaries = try await summaries(Array(Set(pairs.flatMap { [$0.a, $0.b] })), context, req)
        return ListDTO(items: pairs.compactMap { pair in
            guard let first = summaries[pair.a], let second = summaries[pair.b] else { return nil }
            return DuplicatePairDTO(first: first, second: second, score: pair.score)
        })
    }

    func assign(_ req: Request) async throws -> ProjectAssignResultDTO {
        let context = try await req.municipalityContext()
        let body = try req.content.decode(ProjectAssignWriteDTO.self)
        let count = try await ProjectFieldNames.translating {
            try await PortfolioService(db: req.db, context: context)
                .assign(projectIDs: (body.projectIds ?? []).map(\.uuidString), to: body.elementId?.uuidString)
        }
        return ProjectAssignResultDTO(assigned: count)
    }

    // MARK: helpers

    private func similarItems(_ matches: [SimilarityIndex<UUID>.Match], _ context: MunicipalityContext, _ req: Request) async throws -> [SimilarProjectDTO] {
        let summaries = try await summaries(matches.map(\.id), context, req)
        return matches.compactMap { match in summaries[match.id].map { SimilarProjectDTO(project: $0, score: min(1, max(0, match.score))) } }
    }

    private func summaries(_ ids: [UUID], _ context: MunicipalityContext, _ req: Request) async throws -> [UUID: ProjectSummaryDTO] {
        guard !ids.isEmpty else { return [:] }
        let projects = try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID).filter(\.$id ~~ ids).summaries()
        let items = try await ProjectSummaryDTO.list(projects, context: context, on: req.db)
        return Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `?limit=` within 1…max as documented; anything else is refused (422).
    static func limit(_ req: Request, default value: Int, max: Int) throws -> Int {
        var query = APIQuery(req)
        let limit = query.integer("limit", 1...max) ?? value
        try query.finish()
        return limit
    }
}
