import FahrplanCore
import Fluent
import Vapor

/// "Mein Konto → Zweiter Faktor": set up, renew recovery codes, switch off.
struct MFASetupController {
    static let path = SiteURL.account(.mfa).path

    struct CodeForm: Content { var code: String? }
    struct DisableForm: Content { var code: String?; var password: String? }

    struct SetupPage: Encodable {
        var chrome: Chrome
        var enabled: Bool
        var required: Bool
        /// Shown while setting up: the secret in groups of four, and the URI for apps that take one.
        var secret: String?
        var uri: String?
        /// The URI as a QR code (inline SVG drawn here, no script).
        var qrSVG: String?
        var recoveryCodes: [String]?
        var unusedCodes: Int
        var enabledAt: String?
        var message: String?
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
    }

    func register(on routes: any RoutesBuilder) {
        let pages = routes.sitePages
        pages.get(.account(.mfa)) { req in
            let notice = req.query[String.self, at: "lowCodes"] == "1" ? req.t("mfa.lowCodes") : nil
            return try await render(req, message: notice, problems: [])
        }
        pages.post(.account(.mfaConfirm), use: confirm)
        pages.post(.account(.mfaRecoveryCodes), use: renewCodes)
        pages.post(.account(.mfaDisable), use: disable)
    }

    func confirm(_ req: Request) async throws -> Response {
        let user = try await record(req)
        let code = try req.content.decode(CodeForm.self).code ?? ""
        guard let codes = try await MFAService(req).confirm(user, code: code) else {
            return try await render(req, message: nil, problems: [FieldProblem("totpCode", .wrongCode)]).response(.unprocessableEntity, for: req)
        }
        return try await render(req, message: req.t("mfa.enabled"), problems: [], recoveryCodes: codes).encodeResponse(for: req)
    }

    func renewCodes(_ req: Request) async throws -> Response {
        let user = try await record(req)
        guard user.mfaEnabledAt != nil else { return req.redirect(to: Self.path, redirectType: .normal) }
        let codes = try await MFAService(req).renewRecoveryCodes(user)
        return try await render(req, message: req.t("mfa.codesRenewed"), problems: [], recoveryCodes: codes).encodeResponse(for: req)
    }

    /// Needs a current code or the password, so an unattended browser is not enough; refused while the
    /// person's municipality or admin status requires the second factor.
    func disable(_ req: Request) async throws -> Response {
        let user = try await record(req)
        guard user.mfaEnabledAt != nil else { return req.redirect(to: Self.path, redirectType: .normal) }
        let service = MFAService(req)
        if try await service.isRequired(user) {
            return try await render(req, message: nil, problems: [], refusal: req.t("mfa.disableRequired")).response(.conflict, for: req)
        }
        let form = try req.content.decode(DisableForm.self)
        var proven = false
        if let password = form.password, !password.isEmpty {
            proven = try await req.password.async.verify(password, created: user.passwordHash)
            if !proven {
                return try await render(req, message: nil, problems: [FieldProblem("password", .wrongPassword)]).response(.unprocessableEntity, for: req)
            }
        } else if let code = form.code, !code.isEmpty {
            proven = try await service.verify(user, input: code) != .wrong
        }
        guard proven else {
            return try await render(req, message: nil, problems: [FieldProblem("totpCode", .wrongCode)]).response(.unprocessableEntity, for: req)
        }
        try await service.disable(user)
        return try await render(req, message: req.t("mfa.disabled"), problems: []).encodeResponse(for: req)
    }

    private func record(_ req: Request) async throws -> User {
        let current = try req.requireUser()
        guard let user = try await User.find(current.id, on: req.db) else { throw FahrplanError.notFound }
        return user
    }

    func render(_ req: Request, message: String?, problems: [FieldProblem], recoveryCodes: [String]? = nil,
                        refusal: String? = nil) async throws -> View {
        let user = try await record(req)
        let service = MFAService(req)
        let userID = try user.requireID()
        var secret: String?, uri: String?, qrSVG: String?
        if user.mfaEnabledAt == nil {
            let bytes = try await service.pendingSecret(for: user)
            secret = Self.grouped(Base32.encode(bytes))
            let address = MFAService.provisioningURI(secret: bytes, email: user.email)
            uri = address
            qrSVG = try? QRCode(text: address).svg(scale: 4, title: req.t("mfa.qrLabel"))
        }
        var (lines, byField) = req.problemLines(problems)
        if let refusal { lines = [ProblemLine(field: req.t("mfa.title"), message: refusal)] }
        let page = SetupPage(
            chrome: Chrome(request: req, title: req.t("mfa.title")),
            enabled: user.mfaEnabledAt != nil, required: try await service.isRequired(user),
            secret: secret, uri: uri, qrSVG: qrSVG, recoveryCodes: recoveryCodes,
            unusedCodes: try await service.unusedRecoveryCodes(userID: userID),
            enabledAt: user.mfaEnabledAt.map { req.formatted($0) },
            message: message, problems: lines, fieldErrors: byField)
        return try await req.view.render("account-mfa", page)
    }

    /// "JBSW Y3DP …": easier to type from the screen into an app.
    static func grouped(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { start in
            let from = secret.index(secret.startIndex, offsetBy: start)
            return String(secret[from..<(secret.index(from, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
    }
}

/// Sends a signed-in person who must have a second factor but has none to the set-up page; only that page,
/// the language setting and logging out stay open until it is done. API tokens are a separate credential
/// and are not affected.
struct MFAEnforcementMiddleware: AsyncMiddleware {
    static let open: Set<String> = Set([SiteURL.logout, .login, .loginCode, .account(.mfa), .account(.mfaConfirm), .account(.language)]
        .map(\.path))

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let user = request.currentUser, user.sessionID != nil, !user.mfaEnabled, user.mustUseSecondFactor,
              !Self.open.contains(request.url.path)
        else { return try await next.respond(to: request) }
        return request.redirect(to: MFASetupController.path, redirectType: .normal)
    }
}

/// The strategy team's switch that requires a second factor of every member of the municipality.
struct MFARequirementController {
    struct Form: Content { var requiresMFA: String? }

    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.post(.members(.mfaRequirement), use: set)
    }

    func set(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        guard context.permissions.canManageMembers else { throw FahrplanError.forbidden }
        let user = try req.requireUser()
        let requires = try req.content.decode(Form.self).requiresMFA == "true"
        // Requiring it without having it would lock the team member out of everything but the set-up.
        if requires, !user.mfaEnabled {
            return try await MFASetupController().render(req, message: nil, problems: [], refusal: req.t("mfa.requireOwnFirst"))
                .response(.conflict, for: req)
        }
        let municipality = context.municipality
        if municipality.requiresMFA != requires {
            let old = String(municipality.requiresMFA)
            municipality.requiresMFA = requires
            try await req.db.writeTransaction { db in
                try await municipality.save(on: db)
                try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: user, action: .update,
                                            entityType: "municipality", entityID: context.municipalityID, label: municipality.name,
                                            changes: [FieldChange(field: "requiresMFA", old: old, new: String(requires))])
            }
        }
        return req.redirect(to: SiteURL.municipality(municipality.slug, .members()).path, redirectType: .normal)
    }
}
