import FahrplanCore
import Fluent
import NIOCore
import NIOPosix
import Vapor

/// The application type the command line passes around without importing Vapor (whose option wrappers
/// would clash with swift-argument-parser's).
public typealias FahrplanApplication = Application

/// The operations the command line offers, as one public surface over the server's internals.
public enum Operations {
    /// Runs Swift concurrency on SwiftNIO's event loops instead of its own thread pool (as Vapor's project template
    /// does) when `FAHRPLAN_CONCURRENCY_ON_EVENT_LOOPS=1`. Off by default: measured on the same release binary (session
    /// 28, 2,000 projects, wrk -c16), the event loops gave 5–10 % more requests per second on most pages but a worse
    /// tail — p99 of the strategy overview 174 against 117 ms, of a ranking search 172 against 107 ms, and the
    /// sensitivity page 3.4 s against 109 ms (its requests, waiting on the round cache's actor, queued behind other
    /// connections' work on one loop) — and the cached portal page gained nothing (session 27). Must run first, on
    /// the main thread, before any task exists (the executable's entry point).
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        guard ProcessInfo.processInfo.environment["FAHRPLAN_CONCURRENCY_ON_EVENT_LOOPS"] == "1" else { return false }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Opens the database configured by the environment, migrates unless told not to, runs `body`, and
    /// always shuts down.
    public static func withApplication(migrate: Bool, _ body: @Sendable (Application) async throws -> Void) async throws {
        let configuration = try AppConfiguration.fromEnvironment()
        let app = try await makeApplication(configuration: configuration)
        do {
            if migrate { try await Operations.migrate(app) }
            try await body(app)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Makes and configures an application for `configuration`; the caller shuts it down.
    public static func makeApplication(configuration: AppConfiguration, environment: Environment? = nil,
                                       passwordCost: Int = 12) async throws -> Application {
        let envName = ProcessInfo.processInfo.environment["FAHRPLAN_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "production"
        guard ["production", "development", "testing"].contains(envName) else {
            throw AppConfiguration.Problem(description: "FAHRPLAN_ENV must be production, development or testing (got \(envName)).")
        }
        var env = environment ?? Environment(name: envName, arguments: ["fahrplan"])
        env.arguments = ["fahrplan"]
        let app = try await Application.make(env)
        do {
            try await configure(app, configuration: configuration, passwordCost: passwordCost)
            try await DatabaseSetup.prepareConnections(on: app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Migrates; when several processes start at once, the losers of the race find the schema done
    /// by the winner on their next try instead of failing.
    public static func migrate(_ app: Application) async throws {
        var attempt = 0
        while true {
            do {
                try await app.autoMigrate()
                return
            } catch {
                attempt += 1
                if attempt >= 5 { throw error }
                app.logger.warning("migration attempt \(attempt) failed, retrying: \(String(reflecting: error))")
                try await Task.sleep(for: .milliseconds(500 * attempt))
            }
        }
    }

    /// Serves until the process is told to stop (SIGINT/SIGTERM).
    public static func serve(_ app: Application, hostname: String, port: Int) async throws {
        app.environment.arguments = ["fahrplan", "serve", "--hostname", hostname, "--port", String(port)]
        try await app.execute()
    }

    /// Checks that a municipality (and unit) exist before anything is created, so a failing command
    /// leaves nothing half-done.
    public static func checkRoleTarget(_ app: Application, municipalitySlug: String, departmentCode: String?) async throws {
        let municipality = try await requireMunicipality(app, municipalitySlug)
        if let departmentCode, try await Department.query(on: app.db).filter(\.$municipality.$id == municipality.requireID())
            .filter(\.$code == departmentCode).first() == nil {
            throw AppConfiguration.Problem(description: "No unit with the code \(departmentCode) in \(municipalitySlug).")
        }
    }

    public static func createUser(_ app: Application, email: String, displayName: String, password: String,
                                  isInstallationAdmin: Bool) async throws {
        _ = try await AccountService(db: app.db, hasher: app.password.async, passwordPolicy: app.passwordPolicy)
            .createUser(email: email, displayName: displayName, password: password, isInstallationAdmin: isInstallationAdmin)
    }

    public static func grantRole(_ app: Application, email: String, municipalitySlug: String, role: MunicipalRole, departmentCode: String?) async throws {
        guard let user = try await User.query(on: app.db).filter(\.$email == EmailAddress.normalize(email)).first() else {
            throw AppConfiguration.Problem(description: "No account with the e-mail address \(email).")
        }
        let municipality = try await requireMunicipality(app, municipalitySlug)
        var departmentID: UUID?
        if let departmentCode {
            guard let unit = try await Department.query(on: app.db).filter(\.$municipality.$id == municipality.requireID())
                .filter(\.$code == departmentCode).first() else {
                throw AppConfiguration.Problem(description: "No unit with the code \(departmentCode) in \(municipalitySlug).")
            }
            departmentID = unit.id
        }
        try await AccountService(db: app.db, hasher: app.password.async).grant(role, to: user, in: municipality, departmentID: departmentID, actor: nil)
    }

    /// Invites an address to a role, exactly like the members page does (an account without a password is
    /// made when there is none); returns the one-time link (absolute with `FAHRPLAN_PUBLIC_URL`) and its expiry.
    public static func invite(_ app: Application, email: String, municipalitySlug: String, role: MunicipalRole,
                              departmentCode: String?, displayName: String? = nil) async throws -> (link: String, expiresAt: Date) {
        let municipality = try await requireMunicipality(app, municipalitySlug)
        var departmentID: UUID?
        if let departmentCode {
            guard let unit = try await Department.query(on: app.db).filter(\.$municipality.$id == municipality.requireID())
                .filter(\.$code == departmentCode).first() else {
                throw AppConfiguration.Problem(description: "No unit with the code \(departmentCode) in \(municipalitySlug).")
            }
            departmentID = unit.id
        }
        let (invitation, secret) = try await Invitations.issue(email: email, displayName: displayName, role: role, departmentID: departmentID,
                                                               in: municipality, actor: nil, request: nil, on: app.db)
        return (Invitations.link(secret), invitation.expiresAt)
    }

    /// Sets a new password and ends the account's sessions; returns the password (generated when nil).
    public static func resetPassword(_ app: Application, email: String, password: String?) async throws -> String {
        guard let user = try await User.query(on: app.db).filter(\.$email == EmailAddress.normalize(email)).first() else {
            throw AppConfiguration.Problem(description: "No account with the e-mail address \(email).")
        }
        let chosen = password ?? Secrets.readablePassword()
        let problems = app.passwordPolicy.problems(chosen)
        guard problems.isEmpty else {
            throw AppConfiguration.Problem(description: "password: " + problems.map { Strings.problem(FieldProblem("password", $0), .en) }.joined(separator: " "))
        }
        user.passwordHash = try await app.password.async.hash(chosen)
        try await app.db.writeTransaction { db in
            try await user.save(on: db)
            // Whoever knew the old password may have made tokens with it: they go with the sessions.
            try await CredentialRevocation.revokeAll(userID: user.requireID(), on: db)
            try await CredentialRevocation.resetLoginThrottle(email: user.email, on: db)
            try await AuditTrail.record(on: db, municipalityID: nil, actor: nil, action: .update, entityType: "user",
                                        entityID: user.id, label: user.email, changes: [FieldChange(field: "password", old: "•••", new: "•••")])
            try await AuthEventLog.record(.passwordReset, user: user, detail: "command line", request: nil, on: db)
        }
        return chosen
    }

    /// Disables (or enables) an account; disabling ends its sessions and revokes its tokens at once.
    public static func setAccountDisabled(_ app: Application, email: String, disabled: Bool) async throws {
        guard let user = try await User.query(on: app.db).filter(\.$email == EmailAddress.normalize(email)).first() else {
            throw AppConfiguration.Problem(description: "No account with the e-mail address \(email).")
        }
        do {
            if disabled {
                try await AccountStatus.disable(user, actor: nil, request: nil, on: app.db)
            } else {
                try await AccountStatus.enable(user, actor: nil, request: nil, on: app.db)
            }
        } catch AccountStatus.Refusal.lastInstallationAdmin {
            throw AppConfiguration.Problem(description: "\(email) is the last enabled installation administrator and cannot be disabled.")
        }
    }

    public static func createMunicipality(_ app: Application, slug: String, name: String, kind: String?) async throws {
        _ = try await AccountService(db: app.db, hasher: app.password.async).createMunicipality(slug: slug, name: name, kind: kind)
    }

    /// Issues a personal API token and returns it; it cannot be shown again later. `expiresInDays` nil: no expiry.
    public static func createToken(_ app: Application, email: String, municipalitySlug: String, name: String,
                                   readOnly: Bool = false, expiresInDays: Int? = APITokens.defaultLifetimeDays) async throws -> String {
        guard let user = try await User.query(on: app.db).filter(\.$email == EmailAddress.normalize(email)).first() else {
            throw AppConfiguration.Problem(description: "No account with the e-mail address \(email).")
        }
        let municipality = try await requireMunicipality(app, municipalitySlug)
        let isMember = try await Membership.query(on: app.db).filter(\.$user.$id == user.requireID())
            .filter(\.$municipality.$id == municipality.requireID()).first() != nil
        guard isMember || user.isInstallationAdmin else {
            throw AppConfiguration.Problem(description: "\(email) has no role in \(municipalitySlug); grant one first.")
        }
        let expiresAt: Date?
        do { expiresAt = try APITokens.expiry(days: expiresInDays) } catch {
            throw AppConfiguration.Problem(description: "--expires-in-days must be between 1 and \(APITokens.maxLifetimeDays) (or use --no-expiry).")
        }
        return try await APITokens.issue(for: user, in: municipality.requireID(), name: name, scope: readOnly ? .readOnly : .full,
                                         expiresAt: expiresAt, request: nil, on: app.db, actor: nil).1
    }

    public static func loadDemo(_ app: Application, password: String?) async throws -> DemoLoader.Result {
        try await DemoLoader.load(on: app, password: password)
    }

    /// A readable message for errors the CLI reports, naming the field and the problem.
    public static func describe(_ error: any Error) -> String {
        if let failure = error as? ValidationFailure {
            return failure.problems.map { "\($0.field): \(Strings.problem($0, .en))" }.joined(separator: "\n")
        }
        if let problem = error as? AppConfiguration.Problem { return problem.description }
        // Driver errors (e.g. PostgreSQL's) hide their cause from `description`; the reflection shows it.
        return String(reflecting: error)
    }

    private static func requireMunicipality(_ app: Application, _ slug: String) async throws -> Municipality {
        guard let municipality = try await Municipality.query(on: app.db).filter(\.$slug == slug).first() else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        return municipality
    }
}
