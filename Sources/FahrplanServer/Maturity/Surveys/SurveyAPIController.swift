import FahrplanCore
import Fluent
import Vapor

/// Survey rounds over JSON (`/api/v1/maturity/surveys…`, with an API token) and the public form and submission
/// (`/api/v1/surveys/{token}…`, without one). The work is done by `SurveyService` and `SurveyAnswering`, so the
/// API follows the rules of the pages.
struct SurveyAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.surveys, use: list)
        endpoints.post(.surveys, use: create)
        endpoints.get(.survey(.key), use: show)
        endpoints.put(.survey(.key), use: update)
        endpoints.post(.survey(.key, .close), use: close)
        endpoints.post(.survey(.key, .invitations), use: invitations)
    }

    func registerPublic(on routes: any RoutesBuilder) {
        let endpoints = routes.apiEndpoints
        endpoints.get(.publicSurvey(.key), use: publicForm)
        endpoints.post(.publicSurvey(.key, .responses), use: publicSubmit)
    }

    // MARK: management

    func list(_ req: Request) async throws -> ListDTO<SurveyRoundDTO> {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let rounds = try await service.rounds()
        let counts = try await service.counts(of: rounds.compactMap(\.id))
        let today = context.calendar.today
        return ListDTO(items: try rounds.map { try SurveyRoundDTO($0, counts: $0.id.flatMap { counts[$0] } ?? .init(), today: today) })
    }

    func show(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let round = try await SurveyService(db: req.db, context: context).round(req.parameters.get("survey"))
        return try await respond(round, context: context, req: req)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let body = try req.content.decode(SurveyRoundWriteDTO.self)
        let round = try await APIFieldNames.translating(using: SurveyFieldNames.renamed) {
            try await SurveyService(db: req.db, context: context).create(body.input)
        }
        let response = try await respond(round, context: context, req: req, status: .created)
        response.headers.replaceOrAdd(name: .location, value: APIURL.survey(.value(try round.requireID())).path)
        return response
    }

    /// A full replacement of the editable fields; with `If-Match` only while the round still has that version (412).
    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        let expected = try VersionHeaders.expected(req)
        let body = try req.content.decode(SurveyRoundWriteDTO.self)
        try await VersionHeaders.guarded(req) {
            try await APIFieldNames.translating(using: SurveyFieldNames.renamed) {
                try await service.update(round, body.input, expectedVersion: expected)
                req.application.surveyTargets.removeAll()
            }
        }
        return try await respond(round, context: context, req: req)
    }

    func close(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        let expected = try VersionHeaders.expected(req)
        try await VersionHeaders.guarded(req) { try await service.close(round, expectedVersion: expected) }
        req.application.surveyTargets.removeAll()
        return try await respond(round, context: context, req: req)
    }

    /// Makes invitation tokens; the answer is the only place they ever appear.
    func invitations(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = SurveyService(db: req.db, context: context)
        let round = try await service.round(req.parameters.get("survey"))
        try context.require(context.permissions.canEditFrame)
        let body = try req.content.decode(SurveyInvitationsWriteDTO.self)
        let tokens = try await APIFieldNames.translating {
            try await service.makeInvitations(round, count: body.count.map(String.init))
        }
        return try await SurveyInvitationsDTO(tokens: tokens.map { .init(token: $0, path: SiteURL.publicSurvey(.value($0)).path) })
            .encodeResponse(status: .created, for: req)
    }

    private func respond(_ round: MaturityRoundRecord, context: MunicipalityContext, req: Request, status: HTTPStatus = .ok) async throws -> Response {
        let id = try round.requireID()
        let counts = try await SurveyService(db: req.db, context: context).counts(of: [id])[id] ?? .init()
        return try await VersionHeaders.respond(try SurveyRoundDTO(round, counts: counts, today: context.calendar.today), version: round.version,
                                                status: status, for: req)
    }

    // MARK: public

    func publicForm(_ req: Request) async throws -> Response {
        guard let target = try await SurveyAnswering(req: req).target(req.parameters.get("token")) else { throw FahrplanError.notFound }
        let response = try await PublicSurveyDTO(target, today: req.application.municipalCalendar.today).encodeResponse(for: req)
        response.headers.remove(name: .setCookie)
        return response
    }

    func publicSubmit(_ req: Request) async throws -> Response {
        let answering = SurveyAnswering(req: req)
        guard let target = try await answering.target(req.parameters.get("token")) else {
            if case .rateLimited(let wait) = answering.unknownTokenAttempt() { return limited(req, wait) }
            throw FahrplanError.notFound
        }
        let body = try req.content.decode(PublicSurveyResponseWriteDTO.self)
        let (input, problems) = body.input
        let de = req.language == .de
        switch try await answering.submit(target, input: input, submissionKey: body.submissionKey, problems: problems) {
        case .stored:
            return try await PublicSurveyReceiptDTO(status: "received").encodeResponse(status: .created, for: req)
        case .alreadyReceived:
            return try await PublicSurveyReceiptDTO(status: "alreadyReceived").encodeResponse(status: .ok, for: req)
        case .tokenUsed:
            return ProblemDocument.response(.conflict, detail: Strings.text("survey.usedText", req.language), request: req)
        case .closed:
            return ProblemDocument.response(.gone, detail: Strings.text("survey.closedText", req.language), request: req)
        case .notOpenYet(let day):
            return ProblemDocument.response(.gone, detail: de ? "Diese Umfrage beginnt erst am \(day.german)." : "This survey opens on \(day.iso).", request: req)
        case .rateLimited(let wait):
            return limited(req, wait)
        case .invalid(let problems):
            throw FahrplanError.invalid(problems)
        }
    }

    private func limited(_ req: Request, _ wait: Int) -> Response {
        let detail = Strings.text("survey.limitedText", req.language) + " " + Strings.text("survey.limitedWait", req.language).replacingOccurrences(of: "{s}", with: String(wait))
        let response = ProblemDocument.response(.tooManyRequests, detail: detail, request: req)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
        return response
    }
}
