@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Sign-in events page for installation administrators")
struct AuthEventsPageTests {
    static func rows(_ body: String, _ kind: AuthEventKind) -> Int {
        body.components(separatedBy: "auth-event-\(kind.rawValue)\"").count - 1
    }

    @Test("an installation admin sees login events with the client address, filters them by kind and e-mail, and pages")
    func adminSeesEvents() async throws {
        try await withServer { server in
            server.app.fahrplanConfiguration.trustedProxies = ["127.0.0.1"]
            let attacker = server.client()
            let proxied: HTTPHeaders = ["X-Forwarded-For": "203.0.113.9"]
            attacker.extraHeaders = proxied
            try await attacker.get("/login", headers: proxied)
            #expect(try await attacker.post("/login", [("email", Fixtures.reader), ("password", "falsch-falsch")]).status == .unauthorized)

            let admin = server.client()
            try await admin.login(Fixtures.admin)
            let adminPage = try await admin.get("/admin/municipalities")
            #expect(adminPage.body.contains("href=\"/admin/auth-events\""))

            let page = try await admin.get("/admin/auth-events")
            #expect(page.status == .ok)
            #expect(page.body.contains("Anmeldeereignisse"))
            #expect(Self.rows(page.body, .loginFailed) == 1)
            #expect(page.body.contains("Anmeldung fehlgeschlagen"))
            #expect(page.body.contains("<code>203.0.113.9</code>"))
            #expect(page.body.contains(Fixtures.reader))
            #expect(Self.rows(page.body, .loginSucceeded) >= 1)

            let english = try await admin.get("/admin/auth-events?lang=en")
            #expect(english.body.contains("Login failed"))

            let onlySucceeded = try await admin.get("/admin/auth-events?kind=loginSucceeded")
            #expect(Self.rows(onlySucceeded.body, .loginFailed) == 0)
            #expect(Self.rows(onlySucceeded.body, .loginSucceeded) >= 1)
            let byEmail = try await admin.get("/admin/auth-events?email=LESEN%40musterstadt")
            #expect(Self.rows(byEmail.body, .loginFailed) == 1)
            #expect(Self.rows(byEmail.body, .loginSucceeded) == 0)

            for index in 0..<60 {
                try await AuthEvent(kind: .loginFailed, userID: nil, email: "spray\(index)@example.org", clientAddress: "198.51.100.1",
                                    detail: "", at: Date().addingTimeInterval(-Double(index) - 60)).create(on: server.db)
            }
            let first = try await admin.get("/admin/auth-events?kind=loginFailed&email=spray")
            #expect(Self.rows(first.body, .loginFailed) == AuthEventsController.pageSize)
            #expect(first.body.contains("spray0@example.org"))
            #expect(first.body.contains("href=\"/admin/auth-events?kind=loginFailed&amp;email=spray&amp;page=2\""))
            let second = try await admin.get("/admin/auth-events?kind=loginFailed&email=spray&page=2")
            #expect(Self.rows(second.body, .loginFailed) == 10)
            #expect(second.body.contains("spray59@example.org"))
            #expect(!second.body.contains("spray0@example.org"))
        }
    }

    @Test("a wrong kind or page is named, not ignored")
    func badFilter() async throws {
        try await withServer { server in
            let admin = server.client()
            try await admin.login(Fixtures.admin)
            let kind = try await admin.get("/admin/auth-events?kind=everything")
            #expect(kind.status == .unprocessableEntity)
            #expect(kind.body.contains("Art des Ereignisses"))
            let page = try await admin.get("/admin/auth-events?page=0")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Seite"))
        }
    }

    @Test("a strategy team member gets 403, a visitor is sent to the login")
    func onlyInstallationAdmins() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let refused = try await team.get("/admin/auth-events")
            #expect(refused.status == .forbidden)
            #expect(!refused.body.contains("auth-event-"))
            let visitor = try await server.client().get("/admin/auth-events")
            #expect(visitor.status == .seeOther)
            #expect(visitor.location?.hasPrefix("/login") == true)
        }
    }

    @Test("every kind of event has a German and an English label")
    func labels() {
        for kind in AuthEventKind.allCases {
            let label = Strings.table["authEvents.kind.\(kind.rawValue)"]
            #expect(label != nil, "\(kind)")
            #expect(label?.0 != label?.1, "\(kind)")
        }
    }
}
