import FahrplanCore
import Fluent
import SQLKit
import Vapor

/// Disabling and enabling accounts; shared by the installation administrators' page and the command line.
enum AccountStatus {
    /// Why an account cannot be disabled; said to the person who tried.
    enum Refusal: Error, Equatable {
        /// Nobody disables their own account: it would lock them out mid-action.
        case ownAccount
        /// Someone must remain who can reach the admin pages.
        case lastInstallationAdmin

        var key: String { self == .ownAccount ? "accounts.refusedSelf" : "accounts.refusedLastAdmin" }
    }

    /// Disables the account and, in the same transaction, ends its sessions and revokes its tokens: a disabled
    /// account must not keep a way in until its credentials happen to expire.
    static func disable(_ user: User, actor: CurrentUser?, request: Request?, on db: any Database) async throws {
        let userID = try user.requireID()
        if actor?.id == userID { throw Refusal.ownAccount }
        guard user.disabledAt == nil else { return }
        try await db.writeTransaction { db in
            if user.isInstallationAdmin {
                let enabledAdmins = try await User.query(on: db).filter(\.$isInstallationAdmin == true).filter(\.$disabledAt == nil).count()
                if enabledAdmins <= 1 { throw Refusal.lastInstallationAdmin }
            }
            user.disabledAt = Date()
            try await user.save(on: db)
            try await CredentialRevocation.revokeAll(userID: userID, on: db)
            try await AuditTrail.record(on: db, municipalityID: nil, actor: actor, action: .update, entityType: "user", entityID: userID,
                                        label: user.email, changes: [FieldChange(field: "disabled", old: "false", new: "true")])
            try await AuthEventLog.record(.accountDisabled, user: user, detail: actor.map { "by \($0.email)" } ?? "command line",
                                          request: request, on: db)
        }
    }

    /// Enables the account again. Its old sessions and tokens stay ended; the person signs in anew.
    static func enable(_ user: User, actor: CurrentUser?, request: Request?, on db: any Database) async throws {
        guard user.disabledAt != nil else { return }
        try await db.writeTransaction { db in
            user.disabledAt = nil
            try await user.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: nil, actor: actor, action: .update, entityType: "user", entityID: user.id,
                                        label: user.email, changes: [FieldChange(field: "disabled", old: "true", new: "false")])
            try await AuthEventLog.record(.accountEnabled, user: user, detail: actor.map { "by \($0.email)" } ?? "command line",
                                          request: request, on: db)
        }
    }
}

/// `/admin/accounts`: every account of the installation with its municipalities, state and last login, for the
/// installation administrators.
struct AdminAccountsController {
    static let path = SiteURL.admin(.accounts).path

    struct StatusForm: Content { var user: String? }

    struct Page: Encodable {
        struct Row: Encodable {
            var id: String
            var email: String
            var name: String
            var isAdmin: Bool
            var municipalities: String
            var disabled: Bool
            var disabledAt: String
            var lastLogin: String
            var isSelf: Bool
        }
        var chrome: Chrome
        var rows: [Row]
        var message: String?
        var problems: [ProblemLine]?
    }

    func register(signedIn: any RoutesBuilder) {
        let pages = signedIn.sitePages
        pages.get(.admin(.accounts)) { try await render($0, message: nil, problem: nil) }
        // The account is named in the form, not the path: these routes belong to no municipality.
        pages.post(.admin(.disableAccount)) { try await change($0, disable: true) }
        pages.post(.admin(.enableAccount)) { try await change($0, disable: false) }
    }

    private func change(_ req: Request, disable: Bool) async throws -> Response {
        let admin = try req.requireUser()
        guard admin.isInstallationAdmin else { throw FahrplanError.forbidden }
        let form = try req.content.decode(StatusForm.self)
        guard let id = form.user.flatMap(UUID.init(uuidString:)), let user = try await User.find(id, on: req.db) else {
            throw FahrplanError.notFound
        }
        do {
            if disable {
                try await AccountStatus.disable(user, actor: admin, request: req, on: req.db)
            } else {
                try await AccountStatus.enable(user, actor: admin, request: req, on: req.db)
            }
        } catch let refusal as AccountStatus.Refusal {
            return try await render(req, message: nil, problem: req.t(refusal.key)).response(.conflict, for: req)
        }
        let message = req.t(disable ? "accounts.disabledMessage" : "accounts.enabledMessage").replacingOccurrences(of: "{email}", with: user.email)
        return try await render(req, message: message, problem: nil).encodeResponse(for: req)
    }

    private func render(_ req: Request, message: String?, problem: String?) async throws -> View {
        let admin = try req.requireUser()
        guard admin.isInstallationAdmin else { throw FahrplanError.forbidden }
        let users = try await User.query(on: req.db).sort(\.$email).all()
        let memberships = try await Membership.query(on: req.db).with(\.$municipality).all()
        var names: [UUID: [String]] = [:]
        for membership in memberships { names[membership.$user.id, default: []].append(membership.municipality.name) }
        let lastLogins = try await lastLogins(on: req.db)
        let rows = users.map { user in
            Page.Row(id: user.id?.uuidString ?? "", email: user.email, name: user.displayName, isAdmin: user.isInstallationAdmin,
                     municipalities: (names[user.id ?? UUID()] ?? []).sorted().joined(separator: ", "),
                     disabled: user.disabledAt != nil, disabledAt: req.formatted(user.disabledAt),
                     lastLogin: user.id.flatMap { lastLogins[$0] }.map { req.formatted($0) } ?? req.t("accounts.neverSignedIn"),
                     isSelf: user.id == admin.id)
        }
        return try await req.view.render("admin-accounts", Page(
            chrome: Chrome(request: req, title: req.t("accounts.title")), rows: rows, message: message,
            problems: problem.map { [ProblemLine(field: req.t("accounts.title"), message: $0)] }))
    }

    /// The last successful login of each account, from the auth event log (kept as long as the log is).
    private func lastLogins(on db: any Database) async throws -> [UUID: Date] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().column("user_id").column(SQLFunction("MAX", args: SQLColumn("occurred_at")), as: "last")
            .from(AuthEvent.schema).where("kind", .equal, AuthEventKind.loginSucceeded.rawValue)
            .where("user_id", .isNot, SQLLiteral.null).groupBy("user_id").all()
        var result: [UUID: Date] = [:]
        for row in rows {
            if let id = try? row.decode(column: "user_id", as: UUID.self), let last = try? row.decode(column: "last", as: Date.self) {
                result[id] = last
            }
        }
        return result
    }
}
