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
        var createdAccount: CreatedAccount?
    }

    /// A new account made from the members page: its first password is shown once, to pass on in person.
    struct CreatedAccount: Encodable {
        var email: String
        var password: String
    }

    func register(on municipality: any RoutesBuilder) {
        let members = municipality.grouped("members")
        members.get { try await render($0, problems: [], email: "") }
        members.post(use: add)
        members.post(":user", use: change)
        members.post(":user", "remove", use: remove)
    }

    func add(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageMembers)
        let form = try req.content.decode(AddForm.self)
        let email = EmailAddress.normalize(form.email ?? "")
        guard let role = MunicipalRole(rawValue: form.role ?? "") else {
            return try await render(req, problems: [FieldProblem("role", .invalidChoice)], email: email).response(.unprocessableEntity, for: req)
        }
        let accounts = AccountService(db: req.db, hasher: req.password.async)
        let department = try await resolveDepartment(req, context, form.departmentID)
        if let user = try await User.query(on: req.db).filter(\.$email == email).first() {
            try await accounts.grant(role, to: user, in: context.municipality, departmentID: department, actor: context.user)
            return req.redirect(to: SitePath.members(context.municipality.slug), redirectType: .normal)
        }
        guard CleanText.normalize(form.displayName, multiline: false) != nil else {
            return try await render(req, problems: [FieldProblem("email", .unknownReference)], email: email, notice: req.t("members.noAccount")).response(.unprocessableEntity, for: req)
        }
        let password = Secrets.readablePassword()
        do {
            let user = try await accounts.createUser(email: email, displayName: form.displayName, password: password,
                                                     isInstallationAdmin: false, actor: context.user)
            try await accounts.grant(role, to: user, in: context.municipality, departmentID: department, actor: context.user)
        } catch let failure as ValidationFailure {
            return try await render(req, problems: failure.problems, email: email, displayName: form.displayName ?? "").response(.unprocessableEntity, for: req)
        }
        return try await render(req, problems: [], email: "", created: CreatedAccount(email: email, password: password)).encodeResponse(for: req)
    }

    func change(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageMembers)
        let (membership, user) = try await find(req, context)
        let form = try req.content.decode(ChangeForm.self)
        guard let role = MunicipalRole(rawValue: form.role ?? "") else { throw FahrplanError.invalid([FieldProblem("role", .invalidChoice)]) }
        if membership.role == MunicipalRole.strategyTeam.rawValue, role != .strategyTeam { try await ensureNotLastTeamMember(req, context) }
        let department = try await resolveDepartment(req, context, form.departmentID)
        try await AccountService(db: req.db, hasher: req.password.async).grant(role, to: user, in: context.municipality, departmentID: department, actor: context.user)
        return req.redirect(to: SitePath.members(context.municipality.slug), redirectType: .normal)
    }

    func remove(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManageMembers)
        let (membership, user) = try await find(req, context)
        if membership.role == MunicipalRole.strategyTeam.rawValue { try await ensureNotLastTeamMember(req, context) }
        try await req.db.transaction { db in
            try await membership.delete(on: db)
            try await APIToken.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$municipality.$id == context.municipalityID)
                .set(\.$revokedAt, to: Date()).filter(\.$revokedAt == nil).update()
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .revokeRole,
                                        entityType: "membership", entityID: user.id, label: user.email,
                                        changes: [FieldChange(field: "role", old: membership.role, new: nil)])
        }
        return req.redirect(to: SitePath.members(context.municipality.slug), redirectType: .normal)
    }

    private func find(_ req: Request, _ context: MunicipalityContext) async throws -> (Membership, User) {
        guard let userID = req.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let membership = try await Membership.query(on: req.db).filter(\.$user.$id == userID)
                .filter(\.$municipality.$id == context.municipalityID).with(\.$user).first()
        else { throw FahrplanError.notFound }
        return (membership, membership.user)
    }

    private func ensureNotLastTeamMember(_ req: Request, _ context: MunicipalityContext) async throws {
        let team = try await Membership.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$role == MunicipalRole.strategyTeam.rawValue).count()
        if team <= 1 { throw FahrplanError.conflict(req.t("members.lastTeam")) }
    }

    private func resolveDepartment(_ req: Request, _ context: MunicipalityContext, _ raw: String?) async throws -> UUID? {
        guard let raw = CleanText.normalize(raw, multiline: false) else { return nil }
        return try await DepartmentService(db: req.db, context: context).unit(raw).requireID()
    }

    private func render(_ req: Request, problems: [FieldProblem], email: String, displayName: String = "", notice: String? = nil,
                        created: CreatedAccount? = nil) async throws -> View {
        let context = try await req.municipalityContext()
        let slug = context.municipality.slug
        let memberships = try await Membership.query(on: req.db).filter(\.$municipality.$id == context.municipalityID).with(\.$user).all()
            .sorted { ($0.role, $0.user.displayName) < ($1.role, $1.user.displayName) }
        let directory = DepartmentDirectory(db: req.db, municipalityID: context.municipalityID)
        let units = try await directory.tree()
        let unitNames = Dictionary(units.compactMap { e in e.department.id.map { ($0, "\(e.department.code) \(e.department.name)") } }, uniquingKeysWith: { a, _ in a })
        func roleOptions(_ selected: String?) -> [Option] {
            MunicipalRole.allCases.reversed().map { Option(value: $0.rawValue, label: req.t("role.\($0.rawValue)"), selected: $0.rawValue == selected) }
        }
        var rows: [MembersPage.Row] = []
        for membership in memberships {
            let userID = membership.user.id?.uuidString ?? ""
            rows.append(.init(displayName: membership.user.displayName, email: membership.user.email, role: req.t("role.\(membership.role)"),
                              roleOptions: roleOptions(membership.role),
                              departmentOptions: try await directory.indentedOptions(selected: membership.$department.id?.uuidString),
                              department: membership.$department.id.flatMap { unitNames[$0] },
                              changeURL: SitePath.members(slug) + "/\(userID)", removeURL: SitePath.members(slug) + "/\(userID)/remove",
                              fieldID: String(userID.prefix(8))))
        }
        var (lines, byField) = req.problemLines(problems)
        if let notice { lines = [ProblemLine(field: Strings.fieldLabel("email", req.language), message: notice)]; byField["email"] = notice }
        return try await req.view.render("members", MembersPage(
            chrome: context.chrome(req, title: req.t("members.title"), section: "members"),
            rows: rows, canManage: context.permissions.canManageMembers, addURL: SitePath.members(slug),
            roleOptions: roleOptions(MunicipalRole.reader.rawValue),
            departmentOptions: try await directory.indentedOptions(selected: nil),
            problems: lines, fieldErrors: byField, email: email, displayName: displayName, createdAccount: created))
    }
}
