import FahrplanCore
import Foundation
import Vapor

/// The strategy team's portal page, `/m/:municipality/portal`: the settings form (publish, parts, accessibility
/// statement) and the list of projects with an "öffentlich" box each, 50 per page, filterable. Everyone else 403.
struct PortalSettingsController {
    static let pageSize = 50

    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.portalSettings(), use: show)
        pages.post(.portalSettings(), use: save)
        pages.post(.portalSettings(.projects), use: saveProjects)
    }

    struct SettingsForm: Content {
        var published: String?
        var intro: String?
        var parts: [String]?
        var contactEmail: String?
        var contactPhone: String?
        var contactAddress: String?
        var statementDate: String?
        var conformance: String?
        var knownLimitations: String?
        var enforcementBody: String?
        var version: String?

        var input: PortalSettingsInput {
            PortalSettingsInput(published: published == "on" || published == "true", intro: intro,
                                parts: Set((parts ?? []).compactMap(PortalPart.init(rawValue:))), contactEmail: contactEmail,
                                contactPhone: contactPhone, contactAddress: contactAddress, statementDate: statementDate,
                                conformance: conformance, knownLimitations: knownLimitations, enforcementBody: enforcementBody)
        }
    }

    struct ProjectsForm: Content {
        var shown: [String]?
        var checked: [String]?
        var q: String?
        var only: String?
        var page: String?
    }

    func show(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let record = try await PortalService(db: req.db, context: context).settings()
        let notice = req.query[String.self, at: "saved"] != nil ? req.t("portal.settings.saved")
            : req.query[String.self, at: "projectsSaved"] != nil ? req.t("portal.settings.projectsSaved") : nil
        let form = SettingsForm(
            published: record?.published == true ? "on" : nil, intro: record?.intro,
            parts: (record?.parts ?? Set(PortalPart.allCases)).map(\.rawValue), contactEmail: record?.contactEmail,
            contactPhone: record?.contactPhone, contactAddress: record?.contactAddress,
            statementDate: record?.statementDate.flatMap(CalendarDay.init(iso:)).map(\.german), conformance: record?.conformance,
            knownLimitations: record?.knownLimitations, enforcementBody: record?.enforcementBody, version: String(record?.version ?? 0))
        return try await render(req, context, form: form, published: record?.published ?? false, notice: notice, problems: [])
    }

    func save(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let service = PortalService(db: req.db, context: context)
        return try await req.handleForm(SettingsForm.self, permission: context.permissions.canEditFrame, perform: { form in
            let expected = form.version.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            do {
                return try await service.save(form.input, expected: expected)
            } catch is StaleEdit {
                throw ValidationFailure([FieldProblem("version", .staleEdit)])
            }
        }, onInvalid: { form, problems in
            let record = try await service.settings()
            var shown = form
            if problems.contains(where: { $0.field == "version" }) { shown.version = String(record?.version ?? 0) }
            return try await render(req, context, form: shown, published: record?.published ?? false, notice: nil, problems: problems)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .portalSettings()).path(query: "saved=1")
        })
    }

    func saveProjects(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let form = try req.content.decode(ProjectsForm.self)
        let shown = (form.shown ?? []).compactMap(UUID.init(uuidString:))
        let checked = Set((form.checked ?? []).compactMap(UUID.init(uuidString:)))
        try await PortalService(db: req.db, context: context).setPublic(shown: shown, checked: checked)
        var query = ["projectsSaved=1"]
        if let q = form.q, !q.isEmpty { query.append("q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        if form.only == "on" { query.append("only=on") }
        if let page = form.page.flatMap(Int.init), page > 1 { query.append("page=\(page)") }
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .portalSettings()).path(query: query.joined(separator: "&")) + "#projects",
                            redirectType: .normal)
    }

    private func render(_ req: Request, _ context: MunicipalityContext, form: SettingsForm, published: Bool, notice: String?,
                        problems: [FieldProblem]) async throws -> View {
        let language = req.language
        let slug = context.municipality.slug
        let lines = problems.isEmpty ? nil : problems.map {
            ProblemLine(field: Strings.text($0.field == "version" ? "portal.settings.title" : "portal.field.\($0.field)", language),
                        message: Strings.problem($0, language))
        }
        var byField: [String: String] = [:]
        for problem in problems where byField[problem.field] == nil { byField[problem.field] = Strings.problem(problem, language) }
        let search = req.query[String.self, at: "q"]
        let onlyPublic = req.query[String.self, at: "only"] == "on"
        let requestedPage = max(1, req.query[Int.self, at: "page"] ?? 1)
        let service = PortalService(db: req.db, context: context)
        var listing = try await service.list(search: search, onlyPublic: onlyPublic, page: requestedPage, pageSize: Self.pageSize)
        let pages = max(1, (listing.total + Self.pageSize - 1) / Self.pageSize)
        let page = min(requestedPage, pages)
        if page != requestedPage { listing = try await service.list(search: search, onlyPublic: onlyPublic, page: page, pageSize: Self.pageSize) }
        let publicCount = try await service.publicProjectIDs().count
        let base = SiteURL.municipality(slug, .portalSettings()).path
        func pageURL(_ number: Int) -> String {
            var query = ["page=\(number)"]
            if let search, !search.isEmpty { query.append("q=" + (search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
            if onlyPublic { query.append("only=on") }
            return base + "?" + query.joined(separator: "&") + "#projects"
        }
        let chosen = Set(form.parts ?? [])
        let view = PortalSettingsView(
            chrome: context.chrome(req, title: req.t("portal.settings.title"), section: "portal"), notice: notice, problems: lines,
            fieldErrors: byField, action: base, projectsAction: SiteURL.municipality(slug, .portalSettings(.projects)).path,
            form: form, publishedChecked: form.published == "on" || form.published == "true",
            parts: PortalPart.allCases.map { PortalSettingsView.Choice(value: $0.rawValue, label: Strings.text("portal.part.\($0.rawValue)", language),
                                                                       checked: chosen.contains($0.rawValue)) },
            conformances: PortalConformance.allCases.map { PortalSettingsView.Choice(value: $0.rawValue, label: Strings.text("portal.conformance.\($0.rawValue)", language),
                                                                                     checked: (form.conformance ?? "partial") == $0.rawValue) },
            publicURL: published ? SiteURL.portal(slug).path : nil, publicAddress: SiteURL.portal(slug).path,
            search: search ?? "", onlyPublic: onlyPublic, publicCount: publicCount, total: listing.total,
            projects: listing.rows.isEmpty ? nil : listing.rows.map { PortalSettingsView.ProjectRow(id: $0.id.uuidString, code: $0.code, title: $0.title,
                                                                       status: $0.status.label(english: language == .en), isPublic: $0.isPublic) },
            page: page, pageText: "\(Strings.text("portal.page", language)) \(page) / \(pages)",
            previousURL: page > 1 ? pageURL(page - 1) : nil, nextURL: page < pages ? pageURL(page + 1) : nil)
        return try await req.view.render("portal/settings", view)
    }
}

struct PortalSettingsView: Encodable {
    struct Choice: Encodable { var value: String; var label: String; var checked: Bool }
    struct ProjectRow: Encodable { var id: String; var code: String; var title: String; var status: String; var isPublic: Bool }
    var chrome: Chrome
    var notice: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var action: String
    var projectsAction: String
    var form: PortalSettingsController.SettingsForm
    var publishedChecked: Bool
    var parts: [Choice]
    var conformances: [Choice]
    var publicURL: String?
    var publicAddress: String
    var search: String
    var onlyPublic: Bool
    var publicCount: Int
    var total: Int
    var projects: [ProjectRow]?
    var page: Int
    var pageText: String
    var previousURL: String?
    var nextURL: String?
}
