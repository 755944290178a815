@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Login, sessions and CSRF")
struct LoginTests {
    @Test("logging in changes the session id, and logout ends the session")
    func loginAndLogout() async throws {
        try await withServer { server in
            // setup
            let browser = server.client()
            try await browser.get("/login")
            browser.setCookie(BrowserSessions.cookieName, "attacker-fixed-session")
            // act
            let response = try await browser.post("/login", [("email", Fixtures.strategyTeam), ("password", TestServer.demoPassword)])
            // check
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(response.headers.first(name: "Set-Cookie").map { _ in response.headers[canonicalForm: "Set-Cookie"].first { $0.hasPrefix("fp_session=") } } ?? nil)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("attacker-fixed-session"))
            let overview = try await browser.get("/m/musterstadt")
            #expect(overview.status == .ok)
            #expect(overview.body.contains("Musterstadt"))

            let logout = try await browser.post("/logout", [])
            #expect(logout.status == .seeOther)
            let sessions = try await UserSession.query(on: server.db).count()
            #expect(sessions == 0)
            let after = try await browser.get("/m/musterstadt")
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix("/login") == true)
        }
    }

    @Test("a wrong password and an unknown account get the same answer")
    func genericFailure() async throws {
        try await withServer { server in
            let wrongPassword = try await server.client().login(Fixtures.strategyTeam, password: "falsch-falsch")
            let unknownAccount = try await server.client().login("niemand@musterstadt.example", password: "falsch-falsch")
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownAccount.status == .unauthorized)
            #expect(wrongPassword.body.contains("E-Mail-Adresse oder Passwort stimmen nicht"))
            func message(_ body: String) -> String? { body.components(separatedBy: "error-summary").dropFirst().first?.components(separatedBy: "</div>").first }
            #expect(message(wrongPassword.body) == message(unknownAccount.body))
        }
    }

    @Test("after five wrong passwords in a row the login name is slowed down, whether or not it exists")
    func throttle() async throws {
        try await withServer { server in
            for email in [Fixtures.reader, "gibt-es-nicht@musterstadt.example"] {
                let browser = server.client()
                for _ in 1...5 {
                    let attempt = try await browser.login(email, password: "falsch-falsch")
                    #expect(attempt.status == .unauthorized)
                }
                let blocked = try await browser.login(email, password: "falsch-falsch")
                #expect(blocked.status == .tooManyRequests)
                #expect(blocked.headers.first(name: "Retry-After") != nil)
                if email == Fixtures.reader {
                    // Even the right password waits until the pause is over.
                    let right = try await browser.login(email)
                    #expect(right.status == .tooManyRequests)
                }
            }
        }
    }

    @Test("a form without a valid CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let path = "/m/musterstadt/goals/\(try goal.requireID())"
            let missing = try await browser.post(path, [("title", "Gekapert"), ("targetStatement", "x"), ("parentID", goal.$parent.id!.uuidString)], csrf: "")
            #expect(missing.status == .forbidden)
            #expect(missing.body.contains("Formular ist abgelaufen"))
            let forged = try await browser.post(path, [("title", "Gekapert"), ("targetStatement", "x"), ("parentID", goal.$parent.id!.uuidString)], csrf: "forged")
            #expect(forged.status == .forbidden)
            let stored = try await StrategyElement.find(goal.id, on: server.db)
            #expect(stored?.title == goal.title)
        }
    }

    @Test("an expired session sends the person to the login with a notice")
    func expiredSession() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let stale = browser.cookies[BrowserSessions.cookieName]
            try await UserSession.query(on: server.db).set(\.$expiresAt, to: Date().addingTimeInterval(-60)).update()
            let page = try await browser.get("/m/musterstadt")
            #expect(page.status == .seeOther)
            #expect(page.location?.contains("expired=1") == true)
            // That answer cleared the cookie; a form left open since before the expiry still sends it.
            browser.setCookie(BrowserSessions.cookieName, stale)
            let post = try await browser.post("/m/musterstadt/vision", [("vision", "Neu")])
            #expect(post.status == .seeOther)
            #expect(post.location == "/login?expired=1")
            let login = try await browser.get("/login?expired=1")
            #expect(login.body.contains("Sitzung ist abgelaufen"))
            let municipality = try await Fixtures.musterstadt(on: server)
            #expect(municipality.vision != "Neu")
        }
    }

    @Test("only same-site targets are followed after login")
    func openRedirect() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.get("/login")
            let response = try await browser.post("/login", [("email", Fixtures.reader), ("password", TestServer.demoPassword), ("next", "//evil.example/phish")])
            #expect(response.location == "/")
        }
    }

    @Test("tab, newline and backslash tricks in next= do not lead off the site (GET when signed in, and POST)")
    func openRedirectTricks() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            // The finding: the browser drops the tab, so "/\t/evil.example" would mean "//evil.example".
            for query in ["/%09/evil.example", "/%0A/evil.example", "/%0D/evil.example", "/%5Cevil.example",
                          "%20//evil.example", "https://evil.example", "/%00/evil.example"] {
                let response = try await browser.get("/login?next=\(query)")
                #expect(response.status == .seeOther)
                #expect(response.location == "/", "next=\(query) → \(response.location ?? "nil")")
            }
            #expect(try await browser.get("/login?next=/m/musterstadt%3Fx%3D1").location == "/m/musterstadt?x=1")

            for next in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", " //evil.example"] {
                let anonymous = server.client()
                try await anonymous.get("/login")
                let response = try await anonymous.post("/login", [("email", Fixtures.reader), ("password", TestServer.demoPassword), ("next", next)])
                #expect(response.status == .seeOther)
                #expect(response.location == "/", "next=\(next.debugDescription)")
            }
        }
    }
}
