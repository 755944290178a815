import FahrplanCore
import Fluent
import Vapor

/// The installation's start page and the installation administrators' municipality management.
struct HomeController {
    struct HomePage: Encodable {
        struct Entry: Encodable { var name: String; var kind: String; var url: String; var mine: Bool }
        var chrome: Chrome
        var municipalities: [Entry]
    }

    struct AdminPage: Encodable {
        struct Row: Encodable { var name: String; var slug: String; var url: String; var created: String }
        var chrome: Chrome
        var rows: [Row]
        var values: [String: String]
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
    }

    struct CreateForm: Content { var name: String?; var slug: String?; var kind: String?; var firstLead: String? }

    func register(public routes: any RoutesBuilder, signedIn: any RoutesBuilder) {
        routes.sitePages.get(.home, use: home)
        let admin = signedIn.sitePages
        admin.get(.admin(.municipalities)) { try await renderAdmin($0, values: [:], problems: []) }
        admin.post(.admin(.municipalities), use: create)
        AdminAccountsController().register(signedIn: signedIn)
        AuthEventsController().register(signedIn: signedIn)
    }

    /// Lists the installation's municipalities. Their names are public (a citizen may look for their
    /// town's strategy); what is inside needs a role there.
    func home(_ req: Request) async throws -> View {
        let municipalities = try await Municipality.query(on: req.db).filter(\.$archivedAt == nil).sort(\.$name).all()
        var mine: Set<UUID> = []
        if let user = req.currentUser {
            mine = Set(try await Membership.query(on: req.db).filter(\.$user.$id == user.id).all().map(\.$municipality.id))
        }
        return try await req.view.render("home", HomePage(
            chrome: Chrome(request: req, title: req.t("nav.home")),
            municipalities: municipalities.map { .init(name: $0.name, kind: $0.kind, url: SiteURL.municipality($0.slug).path,
                                                       mine: $0.id.map { mine.contains($0) } ?? false) }))
    }

    func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await req.handleForm(CreateForm.self, permission: user.isInstallationAdmin, perform: { form -> Municipality in
            let accounts = AccountService(db: req.db, hasher: req.password.async)
            var lead: User?
            if let email = CleanText.normalize(form.firstLead, multiline: false) {
                lead = try await User.query(on: req.db).filter(\.$email == EmailAddress.normalize(email)).first()
                if lead == nil { throw ValidationFailure([FieldProblem("firstLead", .unknownReference)]) }
            }
            let municipality = try await accounts.createMunicipality(slug: CleanText.normalize(form.slug, multiline: false), name: form.name, kind: form.kind, actor: user)
            if let lead { try await accounts.grant(.strategyTeam, to: lead, in: municipality, departmentID: nil, actor: user) }
            return municipality
        }, onInvalid: { form, problems in
            let values = ["name": form.name ?? "", "slug": form.slug ?? "", "kind": form.kind ?? "", "firstLead": form.firstLead ?? ""]
            return try await renderAdmin(req, values: values, problems: problems)
        }, success: { municipality in
            SiteURL.municipality(municipality.slug).path
        })
    }

    private func renderAdmin(_ req: Request, values: [String: String], problems: [FieldProblem]) async throws -> View {
        guard try req.requireUser().isInstallationAdmin else { throw FahrplanError.forbidden }
        let municipalities = try await Municipality.query(on: req.db).sort(\.$name).all()
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("admin", AdminPage(
            chrome: Chrome(request: req, title: req.t("admin.title")),
            rows: municipalities.map { .init(name: $0.name, slug: $0.slug, url: SiteURL.municipality($0.slug).path, created: req.formatted($0.createdAt)) },
            values: values, problems: lines, fieldErrors: byField))
    }
}
