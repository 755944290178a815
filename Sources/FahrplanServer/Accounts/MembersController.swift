import FahrplanCore
import Fluent
import Vapor

/// Who has which role in a municipality; managed by the strategy team.
struct MembersController {
    struct AddForm: Content { var email: String?; var displayName: String?; var role: String?; var departmentID: String? }
    struct ChangeForm: Content { var role: String?; var departmentID: String? }

    struct MembersPage: Encodable {
        struct Row: Encodable {
            var displayName: String
            /// Empty unless the viewer is on the strategy team.
            var email: String
            var role: String
            var roleOptions: [Option]
            var departmentOptions: [Option]
            var department: String?
            var changeURL: String
            var removeURL: String
            var fieldID: String
        }
        var chrome: Chrome
        var rows: [Row]
        var canManage: Bool
        var addURL: String
        var roleOptions: [Option]
        var departmentOptions: [Option]
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
        var email: String
        var displayName: String
        var invitations: [InvitationRow]
        /// The link of an invitation just made or renewed, shown once.
        var issued: IssuedInvitation?
        /// The municipality requires a second factor of its members (`MFARequirementController`).
        var requiresMFA: Bool = false
        var requirementURL: String = ""
    }

    struct InvitationRow: Encodable {
        var email: String
        var role: String
        var expires: String
        var renewURL: String
        var withdrawURL: String
    }

    /// An invitation just made or renewed: its link is shown once, to pass on to the person.
    struct IssuedInvitation: Encodable {
        var email: String
        var url: String
        var expires: String
    }

    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.members()) { try await render($0, problems: [], email: "") }
        pages.post(.members(), use: add)
        pages.post(.member(.key), use: change)
        pages.post(.member(.key, .remove), use: remove)
        pages.post(.invitation(.key, .renew), use: renew)
        pages.post(.invitation(.key, .withdraw), use: withdraw)
    }

    func add(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let form = try req.content.decode(AddForm.self)
        do {
            let (invitation, secret) = try await service(req, context).invite(email: form.email, displayName: form.displayName, role: form.role,
                                                                              departmentID: form.departmentID, request: req)
            return try await render(req, problems: [], email: "", issued: issued(req, invitation, secret)).encodeResponse(for: req)
        } catch let failure as ValidationFailure {
            let email = EmailAddress.normalize(form.email ?? "")
            let notice = failure.problems.contains(FieldProblem("email", .alreadyTaken)) ? req.t("members.already") : nil
            return try await render(req, problems: failure.problems, email: email, displayName: form.displayName ?? "", notice: notice)
                .response(.unprocessableEntity, for: req)
        }
    }

    func renew(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let (invitation, secret) = try await service(req, context).renewInvitation(req.parameters.get("invitation"), request: req)
        return try await render(req, problems: [], email: "", issued: issued(req, invitation, secret)).encodeResponse(for: req)
    }

    func withdraw(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try await service(req, context).withdrawInvitation(req.parameters.get("invitation"))
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .members()).path, redirectType: .normal)
    }

    private func issued(_ req: Request, _ invitation: Invitation, _ secret: String) -> IssuedInvitation {
        IssuedInvitation(email: invitation.email, url: Self.absolute(Invitations.link(secret), req), expires: req.formatted(invitation.expiresAt))
    }

    /// Without `FAHRPLAN_PUBLIC_URL`, the link is completed with the host the page was asked for.
    static func absolute(_ link: String, _ req: Request) -> String {
        guard link.hasPrefix("/"), let host = req.headers.first(name: .host) else { return link }
        return (req.isServedOverTLS ? "https://" : "http://") + host + link
    }

    func change(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let form = try req.content.decode(ChangeForm.self)
        _ = try await service(req, context).change(userID: req.parameters.get("user"), role: form.role, departmentID: form.departmentID)
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .members()).path, redirectType: .normal)
    }

    func remove(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try await service(req, context).remove(userID: req.parameters.get("user"))
        return req.redirect(to: SiteURL.municipality(context.municipality.slug, .members()).path, redirectType: .normal)
    }

    private func service(_ req: Request, _ context: MunicipalityContext) -> MembershipService {
        MembershipService(db: req.db, hasher: req.password.async, context: context)
    }

    private func render(_ req: Request, problems: [FieldProblem], email: String, displayName: String = "", notice: String? = nil,
                        issued: IssuedInvitation? = nil) async throws -> View {
        let context = try await req.municipalityContext()
        let slug = context.municipality.slug
        let memberships = try await service(req, context).members()
        let directory = DepartmentDirectory(db: req.db, municipalityID: context.municipalityID)
        let units = try await directory.tree()
        let unitNames = Dictionary(units.compactMap { e in e.department.id.map { ($0, "\(e.department.code) \(e.department.name)") } }, uniquingKeysWith: { a, _ in a })
        func roleOptions(_ selected: String?) -> [Option] {
            MunicipalRole.allCases.reversed().map { Option(value: $0.rawValue, label: req.t("role.\($0.rawValue)"), selected: $0.rawValue == selected) }
        }
        var rows: [MembersPage.Row] = []
        for membership in memberships {
            let userID = membership.user.id?.uuidString ?? ""
            rows.append(.init(displayName: membership.user.displayName, email: context.permissions.canManageMembers ? membership.user.email : "", role: req.t("role.\(membership.role)"),
                              roleOptions: roleOptions(membership.role),
                              departmentOptions: try await directory.indentedOptions(selected: membership.$department.id?.uuidString),
                              department: membership.$department.id.flatMap { unitNames[$0] },
                              changeURL: SiteURL.municipality(slug, .member(.value(membership.user.id))).path,
                              removeURL: SiteURL.municipality(slug, .member(.value(membership.user.id), .remove)).path,
                              fieldID: String(userID.prefix(8))))
        }
        let invitations = context.permissions.canManageMembers ? try await service(req, context).openInvitations() : []
        let invitationRows = invitations.map { invitation in
            InvitationRow(email: invitation.email, role: req.t("role.\(invitation.role)"), expires: req.formatted(invitation.expiresAt),
                                 renewURL: SiteURL.municipality(slug, .invitation(.value(invitation.id), .renew)).path,
                                 withdrawURL: SiteURL.municipality(slug, .invitation(.value(invitation.id), .withdraw)).path)
        }
        var (lines, byField) = req.problemLines(problems)
        if let notice {
            lines = [ProblemLine(field: Strings.fieldLabel("email", req.language), message: notice)]
            byField["email"] = notice
        }
        return try await req.view.render("members", MembersPage(
            chrome: context.chrome(req, title: req.t("members.title"), section: "members"),
            rows: rows, canManage: context.permissions.canManageMembers, addURL: SiteURL.municipality(slug, .members()).path,
            roleOptions: roleOptions(MunicipalRole.reader.rawValue),
            departmentOptions: try await directory.indentedOptions(selected: nil),
            problems: lines, fieldErrors: byField, email: email, displayName: displayName,
            invitations: invitationRows, issued: issued,
            requiresMFA: context.municipality.requiresMFA, requirementURL: SiteURL.municipality(slug, .members(.mfaRequirement)).path))
    }
}
