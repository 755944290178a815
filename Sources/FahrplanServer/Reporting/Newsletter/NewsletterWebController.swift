import FahrplanCore
import Fluent
import Vapor

/// The newsletter pages: the issues, a new draft, one issue (preview of a draft, the frozen content of a
/// published one), the draft form, publishing, the e-mail renderings (HTML, text) and the Atom feed.
struct NewsletterWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.newsletters(), use: list)
        pages.get(.newsletters(.new), use: newForm)
        pages.post(.newsletters(.new), use: create)
        pages.get(.newsletters(.feed), use: feed)
        pages.get(.newsletter(.key), use: show)
        pages.get(.newsletter(.key, .edit), use: editForm)
        pages.post(.newsletter(.key, .edit), use: update)
        pages.post(.newsletter(.key, .publish), use: publish)
        pages.get(.newsletter(.key, .html), use: html)
        pages.get(.newsletter(.key, .txt), use: text)
    }

    struct Form: Content {
        var title: String?
        var sinceOn: String?
        var issueOn: String?
        var editorial: String?
        var version: String?

        var service: NewsletterService.Form { .init(title: title, sinceOn: sinceOn, issueOn: issueOn, editorial: editorial) }
    }

    struct VersionForm: Content { var version: String? }

    private static func service(_ req: Request) async throws -> NewsletterService {
        NewsletterService(db: req.db, context: try await req.municipalityContext())
    }

    private static func day(_ iso: String?, _ language: Language) -> String {
        guard let day = iso.flatMap(CalendarDay.init(iso:)) else { return iso ?? "" }
        return language == .de ? day.german : day.iso
    }

    // MARK: list and feed

    func list(_ req: Request) async throws -> View {
        let service = try await Self.service(req)
        let slug = service.context.municipality.slug
        let rows = try await service.list().map { record in
            NewsletterListPage.Row(number: record.number, title: record.title,
                                   url: SiteURL.municipality(slug, .newsletter(.value(record.id))).path,
                                   window: "\(Self.day(record.sinceOn, req.language)) – \(Self.day(record.issueOn, req.language))",
                                   state: req.t("newsletter.state.\(record.state)"), isDraft: !record.isPublished,
                                   publishedOn: Self.day(record.publishedOn, req.language))
        }
        return try await req.view.render("reports/newsletter-list", NewsletterListPage(
            chrome: service.context.chrome(req, title: req.t("newsletter.title"), section: "reports"),
            rows: rows.isEmpty ? nil : rows,
            newURL: service.canWrite ? SiteURL.municipality(slug, .newsletters(.new)).path : nil,
            feedURL: SiteURL.municipality(slug, .newsletters(.feed)).path, canWrite: service.canWrite))
    }

    func feed(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        let context = service.context
        let slug = context.municipality.slug
        let origin = Self.origin(req)
        let published = try await NewsletterService.published(municipalityID: context.municipalityID, on: req.db, limit: 20)
        let entries = published.map { issue in
            (issue: Self.issue(issue, municipality: context.municipality.name), id: issue.id,
             url: origin + SiteURL.municipality(slug, .newsletter(.value(issue.id))).path, updated: issue.publishedAt)
        }
        let xml = NewsletterRenderings.atom(municipality: context.municipality.name,
                                            feedURL: origin + SiteURL.municipality(slug, .newsletters(.feed)).path,
                                            alternateURL: origin + SiteURL.municipality(slug, .newsletters()).path,
                                            issues: entries, language: req.language)
        let response = Response(status: .ok, body: .init(string: xml))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return response
    }

    /// The scheme and host the request came in on (for the feed's absolute links); the path alone when the
    /// host is not plausible.
    static func origin(_ req: Request) -> String {
        guard let host = req.headers.first(name: .host), !host.isEmpty, host.allSatisfy(\.isASCII),
              host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }) else { return "" }
        return (req.isServedOverTLS ? "https://" : "http://") + host
    }

    static func issue(_ published: PublishedNewsletter, municipality: String) -> NewsletterRenderings.Issue {
        .init(municipality: municipality, number: published.number, title: published.title, since: published.sinceOn,
              issueOn: published.issueOn, editorial: published.editorial, digest: published.digest)
    }

    // MARK: one issue

    func show(_ req: Request) async throws -> View {
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        var notice: String?
        if req.query[String.self, at: "saved"] != nil { notice = req.t("newsletter.saved") }
        if req.query[String.self, at: "published"] != nil { notice = req.t("newsletter.publishedDone") }
        return try await renderShow(req, service, record, notice: notice, problems: [])
    }

    private func renderShow(_ req: Request, _ service: NewsletterService, _ record: NewsletterRecord, notice: String?,
                            problems: [FieldProblem]) async throws -> View {
        let slug = service.context.municipality.slug
        let id = try record.requireID()
        func link(_ page: MunicipalityPage.NewsletterPage) -> String { SiteURL.municipality(slug, .newsletter(.value(id), page)).path }
        var content: NewsletterContent?, contentProblem: String?
        do {
            content = NewsletterContent(try await service.digest(of: record), editorial: record.editorial, language: req.language)
        } catch let failure as ValidationFailure {
            contentProblem = req.newsletterProblems(failure.problems).0?.map(\.message).joined(separator: " ")
        }
        let draft = !record.isPublished
        let (lines, _) = req.newsletterProblems(problems)
        return try await req.view.render("reports/newsletter-show", NewsletterShowPage(
            chrome: service.context.chrome(req, title: record.title, section: "reports"), heading: record.title, number: record.number,
            listURL: SiteURL.municipality(slug, .newsletters()).path, notice: notice, isDraft: draft,
            window: "\(Self.day(record.sinceOn, req.language)) – \(Self.day(record.issueOn, req.language))",
            issueDay: Self.day(record.issueOn, req.language),
            publishedOn: record.publishedOn.map { Self.day($0, req.language) }, publishedBy: record.publishedByName,
            content: content, contentProblem: contentProblem, problems: lines,
            editURL: draft && service.canWrite ? link(.edit) : nil,
            publishURL: draft && service.canWrite && content != nil ? link(.publish) : nil,
            htmlURL: content != nil ? link(.html) : nil, txtURL: content != nil ? link(.txt) : nil,
            version: record.version))
    }

    func publish(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        try service.context.require(service.canWrite)
        let form = try req.content.decode(VersionForm.self)
        do {
            try await service.publish(record, expected: form.version.flatMap { Int($0) })
        } catch let failure as ValidationFailure {
            return try await renderShow(req, service, record, notice: nil, problems: failure.problems).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SiteURL.municipality(service.context.municipality.slug, .newsletter(.value(record.id))).path(query: "published=1"),
                            redirectType: .normal)
    }

    func html(_ req: Request) async throws -> Response {
        let (service, record, digest) = try await Self.rendered(req)
        let issue = NewsletterRenderings.Issue(municipality: service.context.municipality.name, number: record.number, title: record.title,
                                               since: digest.since, issueOn: digest.issueOn, editorial: record.editorial, digest: digest)
        return ImportResponses.download(Data(NewsletterRenderings.html(issue, language: req.language).utf8), contentType: "text/html; charset=utf-8",
                                        fileName: "newsletter-\(service.context.municipality.slug)-\(record.number).html")
    }

    func text(_ req: Request) async throws -> Response {
        let (service, record, digest) = try await Self.rendered(req)
        let issue = NewsletterRenderings.Issue(municipality: service.context.municipality.name, number: record.number, title: record.title,
                                               since: digest.since, issueOn: digest.issueOn, editorial: record.editorial, digest: digest)
        let response = Response(status: .ok, body: .init(string: NewsletterRenderings.text(issue, language: req.language)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        return response
    }

    /// The issue and its content; a draft without content is the 422 that says so.
    static func rendered(_ req: Request) async throws -> (NewsletterService, NewsletterRecord, NewsletterDigest) {
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        do {
            return (service, record, try await service.digest(of: record))
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(failure.problems)
        }
    }

    // MARK: the draft form

    func newForm(_ req: Request) async throws -> View {
        let service = try await Self.service(req)
        try service.context.require(service.canWrite)
        let (number, suggested) = try await service.suggestion()
        let draft = try await service.openDraft()
        return try await renderForm(req, service, Form(title: suggested.title, sinceOn: Self.day(suggested.sinceOn, req.language),
                                                       issueOn: Self.day(suggested.issueOn, req.language)),
                                    record: nil, number: number, problems: [], draft: draft)
    }

    func create(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        let number = try await service.nextNumber()
        return try await req.handleForm(Form.self, permission: service.canWrite, perform: { form in
            try await service.createDraft(form.service)
        }, onInvalid: { form, problems in
            try await renderForm(req, service, form, record: nil, number: number, problems: problems, draft: try await service.openDraft())
        }, success: { record in
            SiteURL.municipality(service.context.municipality.slug, .newsletter(.value(record.id))).path(query: "saved=1")
        })
    }

    func editForm(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        try service.context.require(service.canWrite)
        if record.isPublished {
            return req.redirect(to: SiteURL.municipality(service.context.municipality.slug, .newsletter(.value(record.id))).path, redirectType: .normal)
        }
        let form = Form(title: record.title, sinceOn: Self.day(record.sinceOn, req.language), issueOn: Self.day(record.issueOn, req.language),
                        editorial: record.editorial, version: String(record.version))
        return try await renderForm(req, service, form, record: record, number: record.number, problems: [], draft: nil).encodeResponse(for: req)
    }

    func update(_ req: Request) async throws -> Response {
        let service = try await Self.service(req)
        let record = try await service.newsletter(req.parameters.get("newsletter"))
        let slug = service.context.municipality.slug
        return try await req.handleForm(Form.self, permission: service.canWrite, perform: { form in
            try await service.updateDraft(record, form.service, expected: form.version.flatMap { Int($0) })
        }, onInvalid: { form, problems in
            try await renderForm(req, service, form, record: record, number: record.number, problems: problems, draft: nil)
        }, onConflict: { form in
            try await renderForm(req, service, form, record: record, number: record.number, problems: [FieldProblem("version", .staleEdit)], draft: nil)
                .encodeResponse(status: .conflict, for: req)
        }, success: { _ in
            SiteURL.municipality(slug, .newsletter(.value(record.id))).path(query: "saved=1")
        })
    }

    private func renderForm(_ req: Request, _ service: NewsletterService, _ form: Form, record: NewsletterRecord?, number: Int,
                            problems: [FieldProblem], draft: NewsletterRecord?) async throws -> View {
        let slug = service.context.municipality.slug
        let (lines, byField) = req.newsletterProblems(problems)
        let heading = record.map { "\(req.t("newsletter.edit")): \($0.title)" } ?? req.t("newsletter.new")
        return try await req.view.render("reports/newsletter-form", NewsletterFormPage(
            chrome: service.context.chrome(req, title: heading, section: "reports"), heading: heading, number: number,
            action: record.map { SiteURL.municipality(slug, .newsletter(.value($0.id), .edit)).path } ?? SiteURL.municipality(slug, .newsletters(.new)).path,
            cancelURL: record.map { SiteURL.municipality(slug, .newsletter(.value($0.id))).path } ?? SiteURL.municipality(slug, .newsletters()).path,
            listURL: SiteURL.municipality(slug, .newsletters()).path,
            values: .init(title: form.title ?? "", sinceOn: form.sinceOn ?? "", issueOn: form.issueOn ?? "", editorial: form.editorial ?? "",
                          version: form.version ?? ""),
            problems: lines, fieldErrors: byField,
            draftURL: record == nil ? draft.map { SiteURL.municipality(slug, .newsletter(.value($0.id))).path } : nil))
    }
}
