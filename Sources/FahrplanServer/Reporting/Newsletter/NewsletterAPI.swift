import FahrplanCore
import Fluent
import Vapor

extension APIURL {
    /// `/api/v1/newsletters/{newsletter}/…`
    enum NewsletterEndpoint: String, FixedPages {
        case show = ""
        case publish, html, txt
    }
}

/// Newsletter issues over JSON, through `NewsletterService`: list (drafts only for the strategy team), create a
/// draft, read (a draft's content assembled now, a published issue's frozen), replace a draft's title, window and
/// editorial (`If-Match` → 412), publish (422 `content` when there is nothing to tell, 422 `state` when already
/// published), and the e-mail renderings as `text/html` and `text/plain`.
struct NewsletterAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.newsletters, use: list)
        endpoints.post(.newsletters, use: create)
        endpoints.get(.newsletter(.key), use: show)
        endpoints.put(.newsletter(.key), use: update)
        endpoints.post(.newsletter(.key, .publish), use: publish)
        endpoints.get(.newsletter(.key, .html), use: html)
        endpoints.get(.newsletter(.key, .txt), use: text)
    }

    private static func service(_ req: Request) async throws -> NewsletterService {
        NewsletterService(db: req.db, context: try await req.municipalityContext())
    }

    /// `?state=draft|published`.
    func list(_ req: Request) async throws -> ListDTO<NewsletterSummaryDTO> {
        var query = APIQuery(req)
        let state = query.choice("state", NewsletterRecord.State.allCases.map(\.rawValue))
        try query.finish()
        let records = try await Self.service(req).list().filter { state == nil || $0.state == state }
        return ListDTO(items: try records.map(NewsletterSummaryDTO.init))
    }

    func show(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        return try await respond(try await service.newsletter(req.parameters.get("newsletter")), service, req)
    }

    func create(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        try service.context.require(service.canWrite)
        let body = try req.content.decode(NewsletterWriteDTO.self)
        var form = body.form
        // Left out: the window starts at the last published issue and ends today, as on the "new" page.
        let suggested = try await service.suggestion().form
        if form.sinceOn == nil { form.sinceOn = suggested.sinceOn }
        if form.issueOn == nil { form.issueOn = suggested.issueOn }
        if form.title == nil { form.title = suggested.title }
        let record = try await service.createDraft(form)
        let response = try await respond(record, service, req, status: .created)
        response.headers.replaceOrAdd(name: .location, value: APIURL.newsletter(.value(record.id)).path)
        return response
    }

    func update(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        try service.context.require(service.canWrite)
        let body = try req.content.decode(NewsletterWriteDTO.self)
        try await VersionHeaders.guarded(req) { try await service.updateDraft(record, body.form, expected: expected) }
        return try await respond(record, service, req)
    }

    func publish(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        try service.context.require(service.canWrite)
        try await VersionHeaders.guarded(req) { try await service.publish(record, expected: expected) }
        return try await respond(record, service, req)
    }

    func html(_ req: Request) async throws -> Response {
        let (service, record, digest) = try await NewsletterWebController.rendered(req)
        let issue = NewsletterRenderings.Issue(municipality: service.context.municipality.name, number: record.number, title: record.title,
                                               since: digest.since, issueOn: digest.issueOn, editorial: record.editorial, digest: digest)
        let response = Response(status: .ok, body: .init(string: NewsletterRenderings.html(issue, language: req.language)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        return response
    }

    func text(_ req: Request) async throws -> Response {
        let (service, record, digest) = try await NewsletterWebController.rendered(req)
        let issue = NewsletterRenderings.Issue(municipality: service.context.municipality.name, number: record.number, title: record.title,
                                               since: digest.since, issueOn: digest.issueOn, editorial: record.editorial, digest: digest)
        let response = Response(status: .ok, body: .init(string: NewsletterRenderings.text(issue, language: req.language)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        return response
    }

    private func respond(_ record: NewsletterRecord, _ service: NewsletterService, _ req: Request, status: HTTPStatus = .ok) async throws -> Response {
        var digest: NewsletterDigest?
        var problems: [FieldProblem] = []
        do { digest = try await service.digest(of: record) } catch let failure as ValidationFailure { problems = failure.problems }
        let dto = try NewsletterDTO(record, digest: digest, problems: problems)
        return try await VersionHeaders.respond(dto, version: record.version, status: status, for: req)
    }
}

/// A draft's fields as the API writes them (create: all optional; update: the whole draft). Unknown fields are
/// ignored, as by every write DTO.
struct NewsletterWriteDTO: Content {
    var title: String?
    var sinceOn: String?
    var issueOn: String?
    var editorial: String?

    var form: NewsletterService.Form { .init(title: title, sinceOn: sinceOn, issueOn: issueOn, editorial: editorial) }
}

struct NewsletterSummaryDTO: Content {
    var id: UUID
    var number: Int
    var title: String
    var sinceOn: String
    var issueOn: String
    var state: String
    var publishedOn: String?
    var version: Int

    init(_ record: NewsletterRecord) throws {
        id = try record.requireID(); number = record.number; title = record.title; sinceOn = record.sinceOn; issueOn = record.issueOn
        state = record.state; publishedOn = record.publishedOn; version = record.version
    }
}

struct NewsletterDTO: Content {
    var id: UUID
    var number: Int
    var title: String
    var sinceOn: String
    var issueOn: String
    var state: String
    var editorial: String?
    /// The editorial as safe HTML (raw HTML shown as text).
    var editorialHtml: String
    var publishedOn: String?
    var publishedBy: String?
    var version: Int
    /// The content: frozen for a published issue, assembled now for a draft; nil while a draft has none.
    var content: NewsletterDigestDTO?
    /// Why a draft cannot be published yet (`content` / `required`): the problems publishing would answer.
    var contentProblems: [String]

    init(_ record: NewsletterRecord, digest: NewsletterDigest?, problems: [FieldProblem]) throws {
        id = try record.requireID(); number = record.number; title = record.title; sinceOn = record.sinceOn; issueOn = record.issueOn
        state = record.state; editorial = record.editorial; editorialHtml = SafeMarkdown.html(record.editorial)
        publishedOn = record.publishedOn; publishedBy = record.publishedByName; version = record.version
        content = digest.map(NewsletterDigestDTO.init)
        contentProblems = problems.map(\.field)
    }
}

struct NewsletterDigestDTO: Content {
    struct ProjectEntry: Content { var projectId: UUID; var code: String; var title: String; var on: String }
    struct MilestoneEntry: Content { var projectId: UUID; var projectCode: String; var projectTitle: String; var milestone: String; var on: String }
    struct TextEntry: Content { var projectId: UUID; var projectCode: String; var projectTitle: String; var reportedOn: String; var text: String }
    struct DateEntry: Content { var on: String; var title: String; var project: String? }

    var milestonesReached: [MilestoneEntry]
    var projectsStarted: [ProjectEntry]
    var projectsFinished: [ProjectEntry]
    var obstacles: [TextEntry]
    var lessonsLearned: [TextEntry]
    var upcoming: [DateEntry]

    init(_ digest: NewsletterDigest) {
        milestonesReached = digest.milestonesReached.map {
            MilestoneEntry(projectId: $0.projectID, projectCode: $0.projectCode, projectTitle: $0.projectTitle, milestone: $0.milestone, on: $0.on.iso)
        }
        projectsStarted = digest.projectsStarted.map { ProjectEntry(projectId: $0.projectID, code: $0.code, title: $0.title, on: $0.on.iso) }
        projectsFinished = digest.projectsFinished.map { ProjectEntry(projectId: $0.projectID, code: $0.code, title: $0.title, on: $0.on.iso) }
        func text(_ entry: NewsletterDigest.TextEntry) -> TextEntry {
            TextEntry(projectId: entry.projectID, projectCode: entry.projectCode, projectTitle: entry.projectTitle,
                      reportedOn: entry.reportedOn.iso, text: entry.text)
        }
        obstacles = digest.obstacles.map(text)
        lessonsLearned = digest.lessonsLearned.map(text)
        upcoming = digest.upcoming.map { DateEntry(on: $0.on.iso, title: $0.title, project: $0.project) }
    }
}
