import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Installation administrators disable and enable accounts on /admin/accounts and on the command line.
@Suite("Accounts: disable and enable")
struct AccountAdminTests {
    static func user(_ email: String, on server: TestServer) async throws -> User {
        try #require(try await User.query(on: server.db).filter(\.$email == email).first())
    }

    static func sessions(of email: String, on server: TestServer) async throws -> Int {
        try await UserSession.query(on: server.db).filter(\.$user.$id == user(email, on: server).requireID()).count()
    }

    @Test("disabling an account ends its sessions and tokens at once and keeps it out; enabling lets it sign in anew")
    func disableAndEnable() async throws {
        try await withServer { server in
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            let admin = server.client()
            try await admin.login(Fixtures.admin)
            let list = try await admin.get("/admin/accounts")
            #expect(list.status == .ok)
            #expect(list.body.contains(Fixtures.reader) && list.body.contains("Musterstadt"))
            // The reader signed in just now: the last login is known.
            let readerID = try await Self.user(Fixtures.reader, on: server).requireID().uuidString
            let row = try #require(list.body.range(of: "id=\"account-\(readerID)\"").map { String(list.body[$0.upperBound...]).components(separatedBy: "</tr>").first ?? "" })
            #expect(!row.contains(Strings.text("accounts.neverSignedIn", .de)), "\(row)")
            #expect(try await Self.sessions(of: Fixtures.reader, on: server) == 1)

            let disabled = try await admin.post("/admin/accounts/disable", [("user", readerID)])
            #expect(disabled.status == .ok)
            #expect(disabled.body.contains("ist gesperrt"))
            #expect(try await Self.sessions(of: Fixtures.reader, on: server) == 0)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            try await #expect(reader.get("/account").status == .seeOther)
            try await #expect(server.client().login(Fixtures.reader).status != .seeOther)
            #expect(try await Self.user(Fixtures.reader, on: server).disabledAt != nil)
            let logged = try await AuthEvent.query(on: server.db).filter(\.$kind == AuthEventKind.accountDisabled.rawValue).all()
            #expect(logged.map(\.email) == [Fixtures.reader] && logged.first?.detail == "by \(Fixtures.admin)")
            let audited = try await InstallationAuditEvent.query(on: server.db).filter(\.$entityType == "user").filter(\.$entityLabel == Fixtures.reader).count()
            #expect(audited >= 1)

            try await #expect(admin.post("/admin/accounts/enable", [("user", readerID)]).status == .ok)
            #expect(try await Self.user(Fixtures.reader, on: server).disabledAt == nil)
            try await #expect(server.client().login(Fixtures.reader).status == .seeOther)
            // What was ended stays ended.
            try await #expect(server.client().api(.GET, "/api/v1/me", token: token).status == .unauthorized)
            #expect(try await AuthEvent.query(on: server.db).filter(\.$kind == AuthEventKind.accountEnabled.rawValue).count() == 1)
        }
    }

    @Test("only installation administrators see the account list and change accounts, and only with the CSRF token")
    func onlyAdmins() async throws {
        try await withServer { server in
            let readerID = try await Self.user(Fixtures.reader, on: server).requireID().uuidString
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            try await #expect(team.get("/admin/accounts").status == .forbidden)
            try await #expect(team.post("/admin/accounts/disable", [("user", readerID)]).status == .forbidden)
            try await #expect(server.client().get("/admin/accounts").status == .seeOther)
            let admin = server.client()
            try await admin.login(Fixtures.admin)
            try await admin.get("/admin/accounts")
            try await #expect(admin.post("/admin/accounts/disable", [("user", readerID)], csrf: "").status == .forbidden)
            try await #expect(admin.post("/admin/accounts/disable", [("user", UUID().uuidString)]).status == .notFound)
            #expect(try await Self.user(Fixtures.reader, on: server).disabledAt == nil)
            try await #expect(admin.get("/admin/municipalities").body.contains("href=\"/admin/accounts\""))
        }
    }

    @Test("an administrator cannot disable their own account, nor anyone the last enabled installation administrator")
    func selfAndLastAdmin() async throws {
        try await withServer { server in
            let admin = server.client()
            try await admin.login(Fixtures.admin)
            try await admin.get("/admin/accounts")
            let adminID = try await Self.user(Fixtures.admin, on: server).requireID().uuidString
            let refused = try await admin.post("/admin/accounts/disable", [("user", adminID)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains(Strings.text("accounts.refusedSelf", .de)))
            #expect(try await Self.user(Fixtures.admin, on: server).disabledAt == nil)

            // From the command line there is no "self": the demo admin is the only one, and stays enabled.
            await #expect(throws: AppConfiguration.Problem.self) {
                try await Operations.setAccountDisabled(server.app, email: Fixtures.admin, disabled: true)
            }
            #expect(try await Self.user(Fixtures.admin, on: server).disabledAt == nil)
            try await Operations.createUser(server.app, email: "zweite@fahrplan.example", displayName: "Zweite Admin",
                                            password: "ein-langes-Admin-Passwort-7", isInstallationAdmin: true)
            try await Operations.setAccountDisabled(server.app, email: "zweite@fahrplan.example", disabled: true)
            await #expect(throws: AppConfiguration.Problem.self) {
                try await Operations.setAccountDisabled(server.app, email: Fixtures.admin, disabled: true)
            }
            try await Operations.setAccountDisabled(server.app, email: "zweite@fahrplan.example", disabled: false)
            try await Operations.setAccountDisabled(server.app, email: Fixtures.admin, disabled: true)
            #expect(try await Self.user(Fixtures.admin, on: server).disabledAt != nil)
            #expect(try await Self.sessions(of: Fixtures.admin, on: server) == 0)
            await #expect(throws: AppConfiguration.Problem.self) {
                try await Operations.setAccountDisabled(server.app, email: "niemand@fahrplan.example", disabled: true)
            }
            let viaCLI = try await AuthEvent.query(on: server.db).filter(\.$kind == AuthEventKind.accountDisabled.rawValue).all()
            #expect(viaCLI.allSatisfy { $0.clientAddress == "cli" && $0.detail == "command line" } && viaCLI.count == 2)
        }
    }
}
