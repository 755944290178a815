import FahrplanCore
import Fluent
import Vapor

/// Results over JSON, through `MaturityResultsService` like the pages: `GET /api/v1/maturity/surveys/{id}/results`
/// (`?group=<grouping question key>`, strict: an unknown key or a repeated parameter is 422 naming `group`),
/// `GET /api/v1/maturity/assessments/{id}/results`, and `POST /api/v1/maturity/first-steps/project` (strategy
/// team): 201 with the new project idea, 200 with the existing one when the first step already became a project.
struct MaturityResultsAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.maturityResults(.surveyResults(.key)), use: survey)
        endpoints.get(.maturityResults(.assessmentResults(.key)), use: assessment)
        endpoints.post(.maturityResults(.firstStepProject), use: firstStepProject)
    }

    static let renamed = APIFieldNames.renamed.merging(["sourceID": "sourceId"]) { a, _ in a }

    func survey(_ req: Request) async throws -> MaturityResultsDTO {
        let context = try await req.municipalityContext()
        let service = MaturityResultsService(req: req, context: context)
        let round = try await service.load.round(req.parameters.get("survey"))
        let loaded = try await service.load.load(round)
        var query = APIQuery(req)
        let group = query.choice("group", loaded.questionnaire.grouping.map(\.key))
        try query.finish()
        let outcome = try await service.results(loaded, groupingKey: group)
        return MaturityResultsDTO.make(outcome, trend: try await service.trend(outcome), links: try await service.projectLinks())
    }

    func assessment(_ req: Request) async throws -> MaturityResultsDTO {
        let context = try await req.municipalityContext()
        let service = MaturityResultsService(req: req, context: context)
        let record = try await service.load.assessmentRecord(req.parameters.get("assessment"))
        let current = try await service.results(record)
        return MaturityResultsDTO.make(current, trend: try await service.assessmentTrend(key: current.loaded.questionnaire.key),
                                       links: try await service.projectLinks())
    }

    func firstStepProject(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePortfolio)
        let body = try req.content.decode(FirstStepProjectWrite.self)
        let outcome = try await APIFieldNames.translating(using: Self.renamed) {
            try await FirstStepProjects(db: req.db, context: context).create(body.input)
        }
        let dto = FirstStepProjectDTO(projectId: outcome.projectID, code: outcome.code, title: outcome.title, created: outcome.created)
        let response = try await dto.encodeResponse(status: outcome.created ? .created : .ok, for: req)
        response.headers.replaceOrAdd(name: .location, value: APIURL.project(.value(outcome.projectID)).path)
        return response
    }
}
