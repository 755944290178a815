import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Device cookies over real HTTP: an attacker failing a login name locks out only browsers in which the
/// owner never logged in.
@Suite("Device cookies over HTTP")
struct DeviceCookieTests {
    /// A pause far longer than any test run, so the lock cannot end by itself during the test.
    static func lockingPolicy(_ server: TestServer) {
        server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 5, baseDelay: 3_600, maxDelay: 7_200,
                                                       addressLimit: 1_000, installationLimit: 1_000)
    }

    /// The owner's browser: logged in once (so it holds a device cookie), then logged out.
    static func ownerBrowser(_ server: TestServer, _ email: String) async throws -> TestClient {
        let owner = server.client()
        #expect(try await owner.login(email).status == .seeOther)
        #expect(owner.cookies[DeviceCookies.cookieName] != nil)
        try await owner.get("/")
        #expect(try await owner.post("/logout", []).status == .seeOther)
        try await owner.get("/login")
        return owner
    }

    /// 40 wrong passwords for `email` from browsers that never logged in.
    static func hammer(_ server: TestServer, _ email: String) async throws {
        let attacker = server.client()
        try await attacker.get("/login")
        for _ in 0..<40 {
            let status = try await attacker.post("/login", [("email", email), ("password", "falsch-falsch")]).status
            #expect(status == .unauthorized || status == .tooManyRequests)
        }
        #expect(attacker.cookies[DeviceCookies.cookieName] == nil)
    }

    static func attempt(_ browser: TestClient, _ email: String, _ password: String = TestServer.demoPassword) async throws -> TestResponse {
        try await browser.post("/login", [("email", email), ("password", password)])
    }

    @Test("The owner's browser still gets in while the name is locked; a fresh browser waits (429)")
    func ownerGetsIn() async throws {
        try await withServer { server in
            Self.lockingPolicy(server)
            let owner = try await Self.ownerBrowser(server, Fixtures.reader)
            try await Self.hammer(server, Fixtures.reader)
            let fresh = server.client()
            try await fresh.get("/login")
            #expect(try await Self.attempt(fresh, Fixtures.reader).status == .tooManyRequests)
            #expect(try await Self.attempt(owner, Fixtures.reader).status == .seeOther)
            // Stored as a hash only.
            let stored = try await DeviceCookie.query(on: server.db).all()
            #expect(!stored.isEmpty && stored.allSatisfy { $0.tokenHash.count == 64 })
            #expect(!stored.contains { $0.tokenHash == owner.cookies[DeviceCookies.cookieName] })
        }
    }

    @Test("A device cookie of another account does not exempt")
    func otherAccount() async throws {
        try await withServer { server in
            Self.lockingPolicy(server)
            let raterBrowser = try await Self.ownerBrowser(server, Fixtures.rater)
            try await Self.hammer(server, Fixtures.reader)
            #expect(try await Self.attempt(raterBrowser, Fixtures.reader).status == .tooManyRequests)
        }
    }

    @Test("A password reset revokes the device cookies")
    func revokedByReset() async throws {
        try await withServer { server in
            Self.lockingPolicy(server)
            let owner = try await Self.ownerBrowser(server, Fixtures.reader)
            let password = try await Operations.resetPassword(server.app, email: Fixtures.reader, password: nil)
            #expect(try await DeviceCookie.query(on: server.db).count() == 0)
            try await Self.hammer(server, Fixtures.reader)
            #expect(try await Self.attempt(owner, Fixtures.reader, password).status == .tooManyRequests)
        }
    }

    @Test("Wrong passwords from a device are limited: after 10 its cookie no longer exempts")
    func deviceFailuresLimited() async throws {
        try await withServer { server in
            Self.lockingPolicy(server)
            let owner = try await Self.ownerBrowser(server, Fixtures.reader)
            for _ in 0..<DeviceCookieRules.failureLimit {
                #expect(try await Self.attempt(owner, Fixtures.reader, "falsch-falsch").status == .unauthorized)
            }
            #expect(try await DeviceCookie.query(on: server.db).count() == 0)
            #expect(try await Self.attempt(owner, Fixtures.reader).status == .tooManyRequests)
        }
    }

    @Test("With a second factor: the owner's browser passes both steps while the name is locked")
    func secondFactor() async throws {
        try await withServer { server in
            Self.lockingPolicy(server)
            _ = try await MFATestSupport.enroll(Fixtures.departmentLead, on: server)
            let owner = server.client()
            try await owner.get("/login")
            #expect(try await Self.attempt(owner, Fixtures.departmentLead).location == "/login/code")
            try await owner.get("/login/code")
            let code = try await MFATestSupport.freshCode(for: Fixtures.departmentLead, on: server)
            #expect(try await owner.post("/login/code", [("code", code)]).status == .seeOther)
            #expect(owner.cookies[DeviceCookies.cookieName] != nil)
            try await owner.get("/")
            try await owner.post("/logout", [])
            try await owner.get("/login")

            try await Self.hammer(server, Fixtures.departmentLead)
            let fresh = server.client()
            try await fresh.get("/login")
            #expect(try await Self.attempt(fresh, Fixtures.departmentLead).status == .tooManyRequests)
            #expect(try await Self.attempt(owner, Fixtures.departmentLead).location == "/login/code")
            try await owner.get("/login/code")
            let again = try await MFATestSupport.freshCode(for: Fixtures.departmentLead, on: server)
            #expect(try await owner.post("/login/code", [("code", again)]).status == .seeOther)
            #expect(owner.cookies[BrowserSessions.cookieName] != nil)
        }
    }
}
