import ArgumentParser
import FahrplanCore
import FahrplanServer
import Foundation
import Logging

/// The entry point: moves Swift concurrency onto the event loops when asked to (`Operations.runConcurrencyOnEventLoops`),
/// before the command line is parsed and any task exists.
@main
enum Entrypoint {
    static func main() async {
        Operations.runConcurrencyOnEventLoops()
        await Fahrplan.main()
    }
}

struct Fahrplan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fahrplan",
        abstract: "Fahrplan – the digital strategy of your municipality. Database: DATABASE_URL (default ./fahrplan.sqlite).",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, TenantCommand.self, TokenCommand.self,
                      ImportCommand.self, ExportCommand.self, AHPCommand.self, PlanCommand.self, BackupCommand.self, RestoreCommand.self,
                      BenchDataCommand.self, RemindersCommand.self, InventoryCommand.self, ReportCommand.self])
}

/// Opens the configured database, runs `body`, and always shuts the application down.
func withApplication(migrate: Bool = true, _ body: @escaping @Sendable (FahrplanApplication) async throws -> Void) async throws {
    try LogSetup.bootstrapOnce()
    do {
        try await Operations.withApplication(migrate: migrate, body)
    } catch {
        throw CLIError(message: Operations.describe(error))
    }
}

struct CLIError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve Fahrplan over HTTP.")
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the demo municipality Musterstadt (when not there yet) and print its logins.") var demo = false
    @Flag(help: "Do not migrate the database on start.") var noMigrate = false

    func run() async throws {
        try await withApplication(migrate: !noMigrate) { app in
            if demo { try await DemoCommandOutput.load(app) }
            try await Operations.serve(app, hostname: hostname, port: port)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")
    func run() async throws {
        try await withApplication { _ in print("Database is up to date.") }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo municipality Musterstadt into the configured database.",
        discussion: "With --municipalities N: generate N municipalities scale-0001 … (benchmarks; logins team@scale-0001.example, "
            + "rater01@…, reader@…, password FAHRPLAN_DEMO_PASSWORD or generated) instead. Existing ones are skipped.")
    @Option(help: "Generate this many municipalities instead of Musterstadt.") var municipalities: Int?
    @Option(help: "Projects per generated municipality.") var projects = 200
    @Option(help: "Projects in each generated municipality's prioritization round (default: up to 100).") var roundProjects: Int?
    @Option(help: "Raters of each round.") var raters = 3
    @Option(help: "Municipalities written at the same time (PostgreSQL).") var jobs = 4
    @Option(help: "Seed of the generator.") var seed = 19

    func validate() throws {
        guard municipalities.map({ $0 >= 1 }) ?? true, projects >= 0, (roundProjects ?? 0) >= 0, raters >= 1, jobs >= 1, seed >= 0 else {
            throw ValidationError("--municipalities, --raters and --jobs must be at least 1; counts must not be negative.")
        }
    }

    func run() async throws {
        guard let municipalities else {
            return try await withApplication { app in try await DemoCommandOutput.load(app) }
        }
        let given = ProcessInfo.processInfo.environment["FAHRPLAN_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? String((0..<16).map { _ in "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".randomElement()! })
        let options = ScaleGenerator.Options(municipalities: municipalities, projects: projects, roundProjects: roundProjects, raters: raters,
                                             seed: UInt64(seed), jobs: jobs, password: password)
        try await withApplication { app in
            FileHandle.standardOutput.write(Data(("Generating \(municipalities) municipalities × \(options.projects) projects, rounds of "
                + "\(options.roundProjects) projects with \(options.raters) raters, up to \(options.jobs) at a time …\n").utf8))
            let summary = try await ScaleGenerator.run(app, options: options) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            for line in summary.lines { print(line) }
            print("Logins: \(ScaleGenerator.Options.teamEmail(slug: options.slug(1))) (strategy team), "
                  + "\(ScaleGenerator.Options.raterEmail(slug: options.slug(1), 1)) (rater), \(ScaleGenerator.Options.readerEmail(slug: options.slug(1))) (reader) …")
            print(given == nil ? "Password of all generated logins (shown once): \(password)" : "Password of all generated logins: FAHRPLAN_DEMO_PASSWORD")
        }
    }
}

enum DemoCommandOutput {
    static func load(_ app: FahrplanApplication) async throws {
        let password = ProcessInfo.processInfo.environment["FAHRPLAN_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let result = try await Operations.loadDemo(app, password: password)
        guard result.created else {
            print("Demo municipality Musterstadt is already there; its logins keep their passwords.")
            return
        }
        var lines = ["", "Demo municipality Musterstadt loaded. Logins (one per role):"]
        for login in result.logins { lines.append("  \(login.email.padding(toLength: 38, withPad: " ", startingAt: 0)) \(login.role)") }
        lines.append(result.passwordWasGenerated
            ? "Password for all demo logins (generated, shown once): \(result.password)"
            : "Password for all demo logins: the value of FAHRPLAN_DEMO_PASSWORD")
        lines.append("")
        // Unbuffered: `serve --demo` keeps running, and the logins must show up at once.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.",
                                                    subcommands: [Create.self, Invite.self, Grant.self, Password.self, MFAReset.self, Disable.self, Enable.self])

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an existing account a role in a municipality (or change it).")
        @Option(help: "Account e-mail.") var email: String
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Role: strategyTeam, departmentLead, rater, reader.") var role: MunicipalRole
        @Option(help: "Unit code for department leads.") var department: String?

        func run() async throws {
            try await withApplication { app in
                try await Operations.grantRole(app, email: email, municipalitySlug: tenant, role: role, departmentCode: department)
                print("\(email) is now \(role.rawValue) in \(tenant).")
            }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite an address to a role; prints a one-time link (valid 7 days) with which the person sets their own password.",
            discussion: "An existing account must give its current password when accepting; accepting ends all its sessions and tokens. "
                + "The link is absolute when FAHRPLAN_PUBLIC_URL is set.")
        @Option(help: "E-mail address of the person.") var email: String
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "Role: strategyTeam, departmentLead, rater, reader.") var role: MunicipalRole
        @Option(help: "Unit code for department leads.") var department: String?
        @Option(help: "Display name, used only when the address has no account yet.") var name: String?

        func run() async throws {
            try await withApplication { app in
                let (link, expiresAt) = try await Operations.invite(app, email: email, municipalitySlug: tenant, role: role,
                                                                    departmentCode: department, displayName: name)
                print("Invitation for \(email) as \(role.rawValue) in \(tenant), valid until \(ISO8601DateFormatter().string(from: expiresAt)) (shown once):")
                print(link)
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password (FAHRPLAN_PASSWORD, or generated and printed once); ends the account's sessions.")
        @Option(help: "Account e-mail.") var email: String

        func run() async throws {
            let given = ProcessInfo.processInfo.environment["FAHRPLAN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            try await withApplication { app in
                let chosen = try await Operations.resetPassword(app, email: email, password: given)
                print("Password of \(email) changed." + (given == nil ? " New password (shown once): \(chosen)" : ""))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it cannot sign in, its sessions end and its API tokens are revoked at once.")
        @Option(help: "Account e-mail.") var email: String

        func run() async throws {
            try await withApplication { app in
                try await Operations.setAccountDisabled(app, email: email, disabled: true)
                print("Account \(email) disabled; its sessions and tokens have been ended.")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again (it signs in anew and makes new tokens).")
        @Option(help: "Account e-mail.") var email: String

        func run() async throws {
            try await withApplication { app in
                try await Operations.setAccountDisabled(app, email: email, disabled: false)
                print("Account \(email) enabled.")
            }
        }
    }

    struct MFAReset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mfa-reset",
            abstract: "Remove an account's second factor (lost phone and recovery codes); ends its sessions. If it is required, the person sets it up again at the next login.")
        @Option(help: "Account e-mail.") var email: String

        func run() async throws {
            try await withApplication { app in
                try await Operations.resetSecondFactor(app, email: email)
                print("Second factor of \(email) removed.")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; with --tenant and --role also give it a role there.")
        @Option(help: "E-mail address (the login).") var email: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Password (at least 12 characters, at most 72 bytes, not a common one); read from FAHRPLAN_PASSWORD when omitted, generated when that is unset.") var password: String?
        @Flag(help: "Make the account an installation administrator.") var admin = false
        @Option(help: "Municipality slug for a role.") var tenant: String?
        @Option(help: "Role: strategyTeam, departmentLead, rater, reader.") var role: MunicipalRole?
        @Option(help: "Unit code for department leads.") var department: String?

        func run() async throws {
            let given = password ?? ProcessInfo.processInfo.environment["FAHRPLAN_PASSWORD"]
            let chosen = given ?? String((0..<16).map { _ in "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".randomElement()! })
            if role != nil || department != nil, tenant == nil {
                throw ValidationError("--role and --department need --tenant.")
            }
            try await withApplication { app in
                if let tenant { try await Operations.checkRoleTarget(app, municipalitySlug: tenant, departmentCode: department) }
                try await Operations.createUser(app, email: email, displayName: name, password: chosen, isInstallationAdmin: admin)
                if let tenant {
                    try await Operations.grantRole(app, email: email, municipalitySlug: tenant, role: role ?? .reader, departmentCode: department)
                }
                print("Account \(email) created." + (given == nil ? " Password (shown once): \(chosen)" : ""))
            }
        }
    }
}

extension MunicipalRole: ExpressibleByArgument {}

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tenant", abstract: "Manage municipalities (tenants).", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a municipality.")
        @Option(help: "URL name, e.g. bad-muenstereifel.") var slug: String
        @Option(help: "Name, e.g. \"Bad Münstereifel\".") var name: String
        @Option(help: "Kind: Stadt, Gemeinde, Landkreis …") var kind: String?

        func run() async throws {
            try await withApplication { app in
                try await Operations.createMunicipality(app, slug: slug, name: name, kind: kind)
                print("Municipality \(slug) created.")
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage personal API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token and print it (alone on stdout).")
        @Option(help: "Account e-mail.") var email: String
        @Option(help: "Municipality slug.") var tenant: String
        @Option(help: "A name to recognise the token by.") var name: String = "CLI"
        @Option(help: "Days until the token expires (1…3650).") var expiresInDays: Int = APITokens.defaultLifetimeDays
        @Flag(help: "The token never expires (instead of --expires-in-days).") var noExpiry = false
        @Flag(help: "The token may only read (GET, HEAD); anything else is refused with 403.") var readOnly = false

        func validate() throws {
            guard (1...APITokens.maxLifetimeDays).contains(expiresInDays) else {
                throw ValidationError("--expires-in-days must be between 1 and \(APITokens.maxLifetimeDays).")
            }
        }

        func run() async throws {
            try await withApplication { app in
                print(try await Operations.createToken(app, email: email, municipalitySlug: tenant, name: name,
                                                       readOnly: readOnly, expiresInDays: noExpiry ? nil : expiresInDays))
            }
        }
    }
}
