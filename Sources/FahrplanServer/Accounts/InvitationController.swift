import FahrplanCore
import Fluent
import SQLKit
import Vapor

/// The page behind an invitation link (no login needed). One form for everyone: a new password twice, and
/// the current password for whoever already has an account. Whoever accepts an existing account's invitation
/// must know its current password, and afterwards only the new password works: every session and token of
/// the account ends, so no credential that another municipality once saw survives.
struct InvitationController {
    struct AcceptForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var newPasswordRepeat: String?
        /// A code from the authenticator app or a recovery code; asked of everyone, needed for an account with a second factor.
        var code: String?
    }

    struct InvitationPage: Encodable {
        var chrome: Chrome
        var email: String
        var municipality: String
        var role: String
        var expires: String
        var action: String
        var error: String?
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
        /// Set when the link is not (or no longer) good; the page then only says so.
        var gone: String?
    }

    func register(on routes: any RoutesBuilder) {
        routes.sitePages.get(.invitation(.key), use: show)
        routes.sitePages.post(.invitation(.key), use: accept)
    }

    func show(_ req: Request) async throws -> Response {
        switch try await lookup(req) {
        case .failure(let response): return response
        case .success(let found): return try await render(req, found, status: .ok)
        }
    }

    func accept(_ req: Request) async throws -> Response {
        let found: Found
        switch try await lookup(req) {
        case .failure(let response): return response
        case .success(let value): found = value
        }
        let form = try req.content.decode(AcceptForm.self)
        let user = found.user
        let newPassword = form.newPassword ?? ""
        var problems = req.passwordPolicy.problems(newPassword).map { FieldProblem("newPassword", $0) }
        if problems.isEmpty, newPassword != (form.newPasswordRepeat ?? "") { problems.append(FieldProblem("newPasswordRepeat", .passwordsDiffer)) }
        guard problems.isEmpty else { return try await render(req, found, problems: problems, status: .unprocessableEntity) }

        // The current password is checked like a login: throttled per name and address, counted when wrong.
        let throttle = LoginThrottleStore(req)
        let loginKey = LoginThrottleStore.loginKey(user.email)
        let now = Date()
        let recent = try await throttle.recentFailures(loginKey: loginKey, clientAddress: req.clientAddress, now: now)
        if let block = throttle.policy.block(recent, now: now) {
            let response = try await render(req, found, error: req.t("login.throttled"), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(block.retryAfter(now: now)))
            return response
        }
        let current = form.currentPassword ?? ""
        // An account without a password is checked against the dummy hash, so both take the same time.
        let verified = try await req.password.async.verify(current, created: user.hasUsablePassword ? user.passwordHash : LoginController.dummyHash)
        guard user.disabledAt == nil, !user.hasUsablePassword || (verified && !current.isEmpty) else {
            try await throttle.recordFailure(loginKey: loginKey, clientAddress: req.clientAddress, at: now)
            try await AuthEventLog.record(.loginFailed, userID: user.id, email: user.email,
                                          detail: user.disabledAt != nil ? "account disabled (invitation)" : "wrong password (invitation)",
                                          request: req, on: req.db)
            return try await render(req, found, error: req.t("invitations.failed"), status: .unauthorized)
        }

        // An account with a second factor is changed only with its code too: a password alone (phished, say) must
        // not be enough to replace it and end the owner's sessions through a municipality's invitation.
        let secondFactor = user.hasUsablePassword && user.mfaEnabledAt != nil
        if secondFactor {
            let codeThrottle = MFAThrottle(email: user.email, on: req)
            if let retryAfter = try await codeThrottle.blockedFor() {
                let response = try await render(req, found, error: req.t("login.throttled"), status: .tooManyRequests)
                response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
                return response
            }
            guard try await MFAService(req).verify(user, input: form.code ?? "") != .wrong else {
                try await codeThrottle.recordFailure()
                return try await render(req, found, error: req.t("invitations.failed"), status: .unauthorized)
            }
        }

        let hash = try await req.password.async.hash(newPassword)
        let invitation = found.invitation
        let userID = try user.requireID()
        let accepted = try await req.db.writeTransaction { db -> Bool in
            // Claimed with a conditional update, so that two parallel answers cannot both use the link.
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            let claimed = try await sql.update(Invitation.schema).set("accepted_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(invitation.requireID())).where("token_hash", .equal, SQLBind(invitation.tokenHash))
                .where("accepted_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, SQLBind(now))
                .returning("id").all()
            guard !claimed.isEmpty else { return false }
            user.passwordHash = hash
            try await user.save(on: db)
            try await CredentialRevocation.revokeAll(userID: userID, on: db)
            try await CredentialRevocation.resetLoginThrottle(email: user.email, on: db)
            let role = MunicipalRole(rawValue: invitation.role) ?? .reader
            try await AccountService(db: db, hasher: req.password.async)
                .grant(role, to: user, in: found.municipality, departmentID: invitation.departmentID, actor: nil)
            try await AuditTrail.record(on: db, municipalityID: found.municipality.id, actor: nil, action: .update, entityType: "invitation",
                                        entityID: invitation.id, label: invitation.email,
                                        changes: [FieldChange(field: "acceptedAt", old: nil, new: ISO8601DateFormatter().string(from: now))])
            try await AuthEventLog.record(.invitationAccepted, user: user, detail: "\(found.municipality.slug): \(invitation.role)", request: req, on: db)
            return true
        }
        guard accepted else { return try await gone(req, status: .gone) }
        let target = SiteURL.municipality(found.municipality.slug).path
        // Both factors were checked above; a second factor that was not (an account without a usable password
        // cannot have set one up) is still asked for at the login.
        if user.mfaEnabledAt != nil, !secondFactor {
            return req.redirect(to: SiteURL.login.path(query: "next=" + target), redirectType: .normal)
        }
        return try await LoginController.completeLogin(user, next: target, on: req)
    }

    private struct Found {
        var invitation: Invitation
        var user: User
        var municipality: Municipality
    }

    private enum Lookup {
        case success(Found)
        case failure(Response)
    }

    /// The open invitation behind the link, or the one page for every link that is not good (any more).
    private func lookup(_ req: Request) async throws -> Lookup {
        let secret = req.parameters.get("secret") ?? ""
        guard secret.hasPrefix(Invitations.secretPrefix), secret.count < 200,
              let invitation = try await Invitation.query(on: req.db).filter(\.$tokenHash == Secrets.sha256(secret))
                .with(\.$user).with(\.$municipality).first()
        // Unknown, renewed-away and used links get the same answer: a guessed secret learns nothing more.
        else { return .failure(try await gone(req, status: .gone)) }
        guard invitation.isOpen() else { return .failure(try await gone(req, status: .gone)) }
        return .success(Found(invitation: invitation, user: invitation.user, municipality: invitation.municipality))
    }

    private func gone(_ req: Request, status: HTTPStatus) async throws -> Response {
        let page = InvitationPage(chrome: Chrome(request: req, title: req.t("invitations.title")), email: "", municipality: "", role: "",
                                  expires: "", action: "", fieldErrors: [:], gone: req.t("invitations.gone"))
        return try await req.view.render("invitation", page).response(status, for: req)
    }

    private func render(_ req: Request, _ found: Found, error: String? = nil, problems: [FieldProblem] = [],
                        status: HTTPStatus) async throws -> Response {
        let (lines, byField) = req.problemLines(problems)
        let page = InvitationPage(chrome: Chrome(request: req, title: req.t("invitations.title")), email: found.invitation.email,
                                  municipality: found.municipality.name, role: req.t("role.\(found.invitation.role)"),
                                  expires: req.formatted(found.invitation.expiresAt), action: req.url.path, error: error,
                                  problems: lines, fieldErrors: byField)
        return try await req.view.render("invitation", page).response(status, for: req)
    }
}
