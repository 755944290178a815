import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The login throttle over real HTTP: parallel failures, the three levels, decay and reset.
@Suite("Login throttle over HTTP")
struct LoginThrottleHTTPTests {
    static func failures(_ email: String, on server: TestServer) async throws -> Int {
        try await LoginFailure.query(on: server.db).filter(\.$loginKey == LoginThrottleStore.loginKey(email)).count()
    }

    static func events(_ kind: AuthEventKind, on server: TestServer) async throws -> [AuthEvent] {
        try await AuthEvent.query(on: server.db).filter(\.$kind == kind.rawValue).all()
    }

    /// A fresh browser that has fetched the login form (for its CSRF cookie), optionally behind a proxy.
    static func browser(_ server: TestServer, forwardedFor: String? = nil) async throws -> TestClient {
        let browser = server.client()
        var headers: HTTPHeaders = [:]
        if let forwardedFor { headers.add(name: "X-Forwarded-For", value: forwardedFor); browser.extraHeaders = headers }
        try await browser.get("/login", headers: headers)
        return browser
    }

    static func attempt(_ browser: TestClient, _ email: String, _ password: String = "falsch-falsch") async throws -> TestResponse {
        try await browser.post("/login", [("email", email), ("password", password)])
    }

    @Test("40 parallel wrong passwords: no server error, all 40 counted, then the right password waits (429)")
    func parallelFailures() async throws {
        try await withServer { server in
            // The lock starts exactly at the 40th failure, so none of the parallel attempts is refused early
            // and the count can be compared exactly; the pause is far longer than any test run.
            server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 40, baseDelay: 3_600, maxDelay: 7_200,
                                                           addressLimit: 1_000, installationLimit: 1_000)
            var browsers: [TestClient] = []
            for _ in 0..<40 { browsers.append(try await Self.browser(server)) }
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for browser in browsers {
                    group.addTask { try await Self.attempt(browser, Fixtures.reader).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.count == 40)
            #expect(statuses.allSatisfy { $0 == 401 }, "\(statuses)")
            #expect(try await Self.failures(Fixtures.reader, on: server) == 40)
            #expect(try await Self.events(.loginFailed, on: server).count == 40)
            // Parallel failures may each see the lock begin; at least one says so, none is lost.
            let locked = try await Self.events(.loginLocked, on: server)
            #expect((1...40).contains(locked.count))
            #expect(locked.allSatisfy { $0.detail.hasPrefix("account limit reached") && $0.email == Fixtures.reader })

            let right = try await Self.attempt(try await Self.browser(server), Fixtures.reader, TestServer.demoPassword)
            #expect(right.status == .tooManyRequests)
            let retryAfter = try #require(right.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect(retryAfter == 3_600)
            #expect(try await UserSession.query(on: server.db).count() == 0)
        }
    }

    @Test("one client address trips its own ceiling over many names; another address behind the trusted proxy does not")
    func addressLimit() async throws {
        try await withServer { server in
            server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 100, addressLimit: 3, addressWindow: 3_600, installationLimit: 0)
            server.app.fahrplanConfiguration.trustedProxies = ["127.0.0.1"]
            let attacker = try await Self.browser(server, forwardedFor: "203.0.113.7")
            for index in 1...3 {
                #expect(try await Self.attempt(attacker, "name\(index)@musterstadt.example").status == .unauthorized)
            }
            let blocked = try await Self.attempt(attacker, Fixtures.reader, TestServer.demoPassword)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: "Retry-After") != nil)
            // A client that puts its own X-Forwarded-For in front does not escape: the proxy appends the
            // real address last, and that one counts.
            let spoofing = try await Self.browser(server, forwardedFor: "198.51.100.1, 203.0.113.7")
            #expect(try await Self.attempt(spoofing, Fixtures.reader, TestServer.demoPassword).status == .tooManyRequests)
            let colleague = try await Self.browser(server, forwardedFor: "203.0.113.8")
            #expect(try await Self.attempt(colleague, Fixtures.reader, TestServer.demoPassword).status == .seeOther)
            let locked = try await Self.events(.loginLocked, on: server)
            #expect(locked.map(\.clientAddress) == ["203.0.113.7"])
            #expect(locked.first?.detail.contains("address") == true)
            let succeeded = try await Self.events(.loginSucceeded, on: server)
            #expect(succeeded.map(\.clientAddress) == ["203.0.113.8"])
        }
    }

    @Test("password spraying from many addresses trips the installation-wide ceiling")
    func installationLimit() async throws {
        try await withServer { server in
            server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 100, addressLimit: 0, installationLimit: 4, installationWindow: 3_600)
            server.app.fahrplanConfiguration.trustedProxies = ["127.0.0.1"]
            for index in 1...4 {
                let sprayer = try await Self.browser(server, forwardedFor: "198.51.100.\(index)")
                #expect(try await Self.attempt(sprayer, "user\(index)@musterstadt.example", "Sommer2026!").status == .unauthorized)
            }
            let anyone = try await Self.browser(server, forwardedFor: "192.0.2.50")
            let refused = try await Self.attempt(anyone, Fixtures.reader, TestServer.demoPassword)
            #expect(refused.status == .tooManyRequests)
            let locked = try await Self.events(.loginLocked, on: server)
            #expect(locked.count == 1)
            #expect(locked.first?.detail.hasPrefix("installation limit reached") == true)
        }
    }

    @Test("failures decay: once they are older than the window, the owner gets in")
    func decay() async throws {
        try await withServer { server in
            server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 3, baseDelay: 3_600, maxDelay: 3_600, failureWindow: 7_200)
            let browser = try await Self.browser(server)
            for _ in 1...3 { _ = try await Self.attempt(browser, Fixtures.reader) }
            #expect(try await Self.attempt(browser, Fixtures.reader, TestServer.demoPassword).status == .tooManyRequests)
            // Instead of waiting, the throttle's clock moves on: the quiet period has passed.
            server.app.loginThrottleClock.advance(by: 7_201)
            #expect(try await Self.attempt(browser, Fixtures.reader, TestServer.demoPassword).status == .seeOther)
            #expect(try await Self.failures(Fixtures.reader, on: server) == 0)
        }
    }

    @Test("an invitation or an administrator's reset (resetLoginThrottle) lets the owner in at once")
    func reset() async throws {
        try await withServer { server in
            server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 2, baseDelay: 3_600)
            let browser = try await Self.browser(server)
            for _ in 1...2 { _ = try await Self.attempt(browser, Fixtures.reader) }
            #expect(try await Self.attempt(browser, Fixtures.reader, TestServer.demoPassword).status == .tooManyRequests)
            try await CredentialRevocation.resetLoginThrottle(email: Fixtures.reader.uppercased(), on: server.db)
            #expect(try await Self.failures(Fixtures.reader, on: server) == 0)
            #expect(try await Self.attempt(browser, Fixtures.reader, TestServer.demoPassword).status == .seeOther)
        }
    }

    @Test("a locked unknown name and a locked real one get the same answer")
    func lockedAnswersAlike() async throws {
        try await withServer { server in
            server.app.loginThrottle = LoginThrottlePolicy(freeAttempts: 2, baseDelay: 3_600, maxDelay: 3_600)
            var bodies: [String] = []
            for email in [Fixtures.reader, "niemand@musterstadt.example"] {
                let browser = try await Self.browser(server)
                for _ in 1...2 { #expect(try await Self.attempt(browser, email).status == .unauthorized) }
                let locked = try await Self.attempt(browser, email)
                #expect(locked.status == .tooManyRequests)
                // Counted from the last failure, on a clock that stands still.
                #expect(locked.headers.first(name: "Retry-After") == "3600")
                bodies.append(locked.body.components(separatedBy: "error-summary").dropFirst().first?.components(separatedBy: "</div>").first ?? "")
            }
            #expect(!bodies[0].isEmpty)
            #expect(bodies[0] == bodies[1])
        }
    }

    @Test("FAHRPLAN_LOGIN_* settings: each overrides one default, 0 switches a ceiling off, a bad value stops start-up")
    func settings() throws {
        let policy = try AppConfiguration.parseLoginThrottle([
            "FAHRPLAN_LOGIN_FREE_ATTEMPTS": "8", "FAHRPLAN_LOGIN_MAX_PAUSE": "600", "FAHRPLAN_LOGIN_FAILURE_WINDOW": "7200",
            "FAHRPLAN_LOGIN_ADDRESS_LIMIT": "0", "FAHRPLAN_LOGIN_ADDRESS_WINDOW": "120",
            "FAHRPLAN_LOGIN_INSTALLATION_LIMIT": " 50 ", "FAHRPLAN_LOGIN_INSTALLATION_WINDOW": "30",
        ])
        #expect(policy == LoginThrottlePolicy(freeAttempts: 8, maxDelay: 600, failureWindow: 7_200, addressLimit: 0, addressWindow: 120,
                                              installationLimit: 50, installationWindow: 30))
        #expect(try AppConfiguration.parseLoginThrottle([:]) == LoginThrottlePolicy())
        for (name, value) in [("FAHRPLAN_LOGIN_ADDRESS_LIMIT", "-1"), ("FAHRPLAN_LOGIN_FREE_ATTEMPTS", "0"), ("FAHRPLAN_LOGIN_MAX_PAUSE", "15m")] {
            #expect { try AppConfiguration.parseLoginThrottle([name: value]) } throws: { error in
                String(describing: error).contains(name)
            }
        }
        let configuration = try AppConfiguration.fromEnvironment(["FAHRPLAN_LOGIN_INSTALLATION_LIMIT": "7"], workingDirectory: "/tmp")
        #expect(configuration.loginThrottle.installationLimit == 7)
    }
}
