import FahrplanCore
import Fluent
import Vapor

/// The signed-in person's own settings: language, password, personal API tokens.
struct AccountController {
    struct LanguageForm: Content { var language: String? }
    struct PasswordForm: Content { var currentPassword: String?; var newPassword: String? }
    struct TokenForm: Content { var name: String?; var municipality: String?; var expiresInDays: String?; var scope: String? }

    struct AccountPage: Encodable {
        struct TokenRow: Encodable {
            var name: String
            var prefix: String
            var municipality: String
            var created: String
            var lastUsed: String
            var revoked: Bool
            var revokeURL: String
            var scope: String
            var expires: String
            var expired: Bool
        }
        struct MembershipRow: Encodable {
            var municipality: String
            var url: String
            var role: String
        }
        var chrome: Chrome
        var languageOptions: [Option]
        var tokens: [TokenRow]
        var municipalityOptions: [Option]
        var expiryOptions: [Option]
        var scopeOptions: [Option]
        var memberships: [MembershipRow]
        var newToken: String?
        var mfaEnabled: Bool
        var message: String?
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
    }

    func register(on routes: any RoutesBuilder) {
        let pages = routes.sitePages
        pages.get(.account()) { try await render($0, newToken: nil, message: nil, problems: []) }
        pages.post(.account(.language), use: setLanguage)
        pages.post(.account(.password), use: changePassword)
        pages.post(.account(.tokens), use: createToken)
        pages.post(.revokeToken(.key), use: revokeToken)
    }

    func setLanguage(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(LanguageForm.self)
        let language = form.language.flatMap(Language.init(rawValue:))
        guard form.language == nil || form.language == "" || language != nil else {
            throw FahrplanError.invalid([FieldProblem("language", .invalidChoice)])
        }
        guard let record = try await User.find(user.id, on: req.db) else { throw FahrplanError.notFound }
        record.preferredLanguage = language?.rawValue
        try await record.save(on: req.db)
        let response = req.redirect(to: SiteURL.account().path, redirectType: .normal)
        if let language {
            response.cookies[Language.cookieName] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", isSecure: req.isServedOverTLS, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    func changePassword(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        guard let record = try await User.find(user.id, on: req.db) else { throw FahrplanError.notFound }
        guard try await req.password.async.verify(form.currentPassword ?? "", created: record.passwordHash) else {
            return try await render(req, newToken: nil, message: nil, problems: [FieldProblem("currentPassword", .invalidChoice)], passwordWrong: true)
                .response(.unprocessableEntity, for: req)
        }
        let newPassword = form.newPassword ?? ""
        let problems = req.passwordPolicy.problems(newPassword)
        guard problems.isEmpty else {
            return try await render(req, newToken: nil, message: nil, problems: problems.map { FieldProblem("newPassword", $0) })
                .response(.unprocessableEntity, for: req)
        }
        record.passwordHash = try await req.password.async.hash(newPassword)
        try await req.db.writeTransaction { db in
            try await record.save(on: db)
            // Other browsers signed in with the old password lose their sessions, and tokens made with it
            // are revoked: whoever learned the old password must not keep a way in.
            try await CredentialRevocation.revokeAll(userID: user.id, keepingSession: user.sessionID, on: db)
            try await AuditTrail.record(on: db, municipalityID: nil, actor: user, action: .update, entityType: "user",
                                        entityID: user.id, label: user.email, changes: [FieldChange(field: "password", old: "•••", new: "•••")])
            try await AuthEventLog.record(.passwordChanged, user: record, request: req, on: db)
        }
        return try await render(req, newToken: nil, message: req.t("account.passwordChanged"), problems: []).encodeResponse(for: req)
    }

    func createToken(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TokenForm.self)
        let memberships = try await reachableMunicipalities(req, user)
        guard let municipality = memberships.first(where: { $0.id?.uuidString == form.municipality }), let municipalityID = municipality.id else {
            return try await render(req, newToken: nil, message: nil, problems: [FieldProblem("municipality", .invalidChoice)]).response(.unprocessableEntity, for: req)
        }
        do {
            guard let scope = APITokenScope(rawValue: form.scope ?? APITokenScope.full.rawValue) else {
                throw ValidationFailure([FieldProblem("scope", .invalidChoice)])
            }
            // "never" is the explicit choice of no expiry; an empty or missing field means the default year.
            let rawDays = CleanText.normalize(form.expiresInDays, multiline: false) ?? String(APITokens.defaultLifetimeDays)
            var days: Int?
            if rawDays != "never" {
                guard let parsed = Int(rawDays) else { throw ValidationFailure([FieldProblem("expiresInDays", .notANumber)]) }
                days = parsed
            }
            guard let owner = try await User.find(user.id, on: req.db) else { throw FahrplanError.notFound }
            let (_, secret) = try await APITokens.issue(for: owner, in: municipalityID, name: form.name, scope: scope,
                                                        expiresAt: try APITokens.expiry(days: days), request: req, on: req.db, actor: user)
            return try await render(req, newToken: secret, message: nil, problems: []).encodeResponse(for: req)
        } catch let failure as ValidationFailure {
            return try await render(req, newToken: nil, message: nil, problems: failure.problems).response(.unprocessableEntity, for: req)
        }
    }

    func revokeToken(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("token").flatMap(UUID.init(uuidString:)),
              let token = try await APIToken.query(on: req.db).filter(\.$id == id).filter(\.$user.$id == user.id).first()
        else { throw FahrplanError.notFound }
        try await APITokens.revoke(token, owner: user, request: req, on: req.db)
        return req.redirect(to: SiteURL.account().path, redirectType: .normal)
    }

    private func reachableMunicipalities(_ req: Request, _ user: CurrentUser) async throws -> [Municipality] {
        if user.isInstallationAdmin {
            return try await Municipality.query(on: req.db).filter(\.$archivedAt == nil).sort(\.$name).all()
        }
        let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == user.id).with(\.$municipality).all()
        return memberships.map(\.municipality).filter { $0.archivedAt == nil }.sorted { $0.name < $1.name }
    }

    private func render(_ req: Request, newToken: String?, message: String?, problems: [FieldProblem], passwordWrong: Bool = false) async throws -> View {
        let user = try req.requireUser()
        let preferred = try await User.find(user.id, on: req.db)?.preferredLanguage
        let municipalities = try await reachableMunicipalities(req, user)
        let names = Dictionary(municipalities.compactMap { m in m.id.map { ($0, m.name) } }, uniquingKeysWith: { a, _ in a })
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == user.id).sort(\.$createdAt, .descending).all()
        let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == user.id).with(\.$municipality).all()
        var (lines, byField) = req.problemLines(problems)
        if passwordWrong {
            lines = [ProblemLine(field: Strings.fieldLabel("currentPassword", req.language), message: req.t("account.passwordWrong"))]
            byField["currentPassword"] = req.t("account.passwordWrong")
        }
        let page = AccountPage(
            chrome: Chrome(request: req, title: req.t("account.title")),
            languageOptions: [Option(value: "", label: req.t("account.languageBrowser"), selected: preferred == nil),
                              Option(value: "de", label: "Deutsch", selected: preferred == "de"),
                              Option(value: "en", label: "English", selected: preferred == "en")],
            tokens: tokens.map { token in
                AccountPage.TokenRow(name: token.name, prefix: token.tokenPrefix, municipality: names[token.$municipality.id] ?? "–",
                                     created: req.formatted(token.createdAt), lastUsed: req.formatted(token.lastUsedAt),
                                     revoked: token.revokedAt != nil, revokeURL: SiteURL.revokeToken(.value(token.id)).path,
                                     scope: req.t("tokens.scope.\(token.scope)"),
                                     expires: token.expiresAt.map { req.formatted($0) } ?? req.t("tokens.noExpiry"),
                                     expired: token.expiresAt.map { $0 <= Date() } ?? false)
            },
            municipalityOptions: municipalities.map { Option(value: $0.id?.uuidString ?? "", label: $0.name, selected: false) },
            expiryOptions: ["30", "90", String(APITokens.defaultLifetimeDays), "730", "never"].map {
                Option(value: $0, label: req.t("tokens.expiry.\($0 == String(APITokens.defaultLifetimeDays) ? "default" : $0)"),
                       selected: $0 == String(APITokens.defaultLifetimeDays))
            },
            scopeOptions: APITokenScope.allCases.map { Option(value: $0.rawValue, label: req.t("tokens.scope.\($0.rawValue)"), selected: $0 == .full) },
            memberships: memberships.map { .init(municipality: $0.municipality.name, url: SiteURL.municipality($0.municipality.slug).path, role: req.t("role.\($0.role)")) },
            newToken: newToken, mfaEnabled: user.mfaEnabled, message: message, problems: lines, fieldErrors: byField)
        return try await req.view.render("account", page)
    }
}
