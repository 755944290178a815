import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Second factor (TOTP) and recovery codes")
struct MFATests {
    /// The text of the element with `id` in a page, e.g. the secret on the set-up page.
    static func text(of id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"")?.upperBound, let close = html[start...].range(of: ">")?.upperBound,
              let end = html[close...].range(of: "<")?.lowerBound else { return nil }
        return String(html[close..<end])
    }

    static func recoveryCodes(in html: String) -> [String] {
        guard let list = html.components(separatedBy: "id=\"recovery-codes\"").dropFirst().first?.components(separatedBy: "</ul>").first else { return [] }
        return list.components(separatedBy: "<code>").dropFirst().compactMap { $0.components(separatedBy: "</code>").first }
    }

    static func events(_ kind: AuthEventKind, on server: TestServer) async throws -> Int {
        try await AuthEvent.query(on: server.db).filter(\.$kind == kind.rawValue).count()
    }

    @Test("set up on the page, then a login needs the code: a wrong one is refused and counted, the right one works once")
    func enrolAndLogin() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.departmentLead)
            let setup = try await browser.get("/account/mfa")
            #expect(setup.status == .ok)
            let secretText = try #require(Self.text(of: "mfa-secret", in: setup.body))
            let secret = try #require(Base32.decode(secretText))
            #expect(secret.count == 20)
            let uri = try #require(Self.text(of: "mfa-uri", in: setup.body))
            #expect(uri.hasPrefix("otpauth://totp/Fahrplan:fachdienst@musterstadt.example?secret=\(secretText.replacingOccurrences(of: " ", with: ""))&amp;issuer=Fahrplan"))
            // The same address as a QR code, drawn on the server.
            let qr = try QRCode(text: uri.replacingOccurrences(of: "&amp;", with: "&")).svg(scale: 4, title: "QR-Code für die Authenticator-App")
            #expect(setup.body.contains(qr))
            // Not in force before it is confirmed with a code.
            let wrongConfirm = try await browser.post("/account/mfa/confirm", [("code", "000000")])
            #expect(wrongConfirm.status == .unprocessableEntity)
            #expect(wrongConfirm.body.contains("Der Code stimmt nicht"))
            let code = TOTP(secret: secret).code(at: server.app.mfaClock.now())
            let confirmed = try await browser.post("/account/mfa/confirm", [("code", code)])
            #expect(confirmed.status == .ok)
            #expect(Self.recoveryCodes(in: confirmed.body).count == 10)
            #expect(try await RecoveryCode.query(on: server.db).count() == 10)
            #expect(try await Self.events(.mfaEnabled, on: server) == 1)
            try await browser.post("/logout", [])

            // The password alone gives no session, only the code step.
            try await browser.get("/login")
            let password = try await browser.post("/login", [("email", Fixtures.departmentLead), ("password", TestServer.demoPassword)])
            #expect(password.status == .seeOther)
            #expect(password.location == "/login/code")
            #expect(browser.cookies[BrowserSessions.cookieName] == nil)
            #expect(try await browser.get("/account").status == .seeOther)
            let page = try await browser.get("/login/code")
            #expect(page.status == .ok)
            let wrong = try await browser.post("/login/code", [("code", "123456")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("Der Code stimmt nicht"))
            let key = LoginThrottleStore.loginKey(Fixtures.departmentLead)
            #expect(try await LoginFailure.query(on: server.db).filter(\.$loginKey == key).count() == 1)
            #expect(try await Self.events(.mfaFailed, on: server) == 1)

            let fresh = try await MFATestSupport.freshCode(for: Fixtures.departmentLead, on: server)
            let right = try await browser.post("/login/code", [("code", fresh)])
            #expect(right.status == .seeOther)
            #expect(right.location == "/")
            #expect(try await browser.get("/account").status == .ok)
            #expect(try await LoginFailure.query(on: server.db).filter(\.$loginKey == key).count() == 0)
            try await browser.post("/logout", [])

            // The same code again (same step) is refused, though it is still within the window.
            try await browser.get("/login")
            _ = try await browser.post("/login", [("email", Fixtures.departmentLead), ("password", TestServer.demoPassword)])
            let replay = try await browser.post("/login/code", [("code", fresh)])
            #expect(replay.status == .unauthorized)
            #expect(browser.cookies[BrowserSessions.cookieName] == nil)
        }
    }

    @Test("the code step lasts five minutes and belongs to one browser")
    func pendingStepExpires() async throws {
        try await withServer { server in
            try await MFATestSupport.enroll(Fixtures.rater, on: server)
            let browser = server.client()
            try await browser.get("/login")
            _ = try await browser.post("/login", [("email", Fixtures.rater), ("password", TestServer.demoPassword)])
            let challenge = try #require(try await MFALoginChallenge.query(on: server.db).first())
            #expect(abs(challenge.expiresAt.timeIntervalSinceNow - 300) < 60)
            // Another browser without the pending-step cookie gets nowhere with a right code.
            let other = server.client()
            try await other.get("/login")
            let stranger = try await other.post("/login/code", [("code", try await MFATestSupport.freshCode(for: Fixtures.rater, on: server))])
            #expect(stranger.location == "/login?expired=1")
            #expect(other.cookies[BrowserSessions.cookieName] == nil)
            // Past its five minutes, the step is over even with a right code.
            challenge.expiresAt = Date().addingTimeInterval(-1)
            try await challenge.save(on: server.db)
            let late = try await browser.post("/login/code", [("code", try await MFATestSupport.freshCode(for: Fixtures.rater, on: server))])
            #expect(late.location == "/login?expired=1")
            #expect(browser.cookies[BrowserSessions.cookieName] == nil)
            #expect(browser.cookies[MFALoginController.cookieName] == nil)
        }
    }

    @Test("wrong codes feed the login throttle: after five, even the right code waits")
    func wrongCodesThrottle() async throws {
        try await withServer { server in
            try await MFATestSupport.enroll(Fixtures.rater, on: server)
            let browser = server.client()
            try await browser.get("/login")
            _ = try await browser.post("/login", [("email", Fixtures.rater), ("password", TestServer.demoPassword)])
            for _ in 1...5 {
                #expect(try await browser.post("/login/code", [("code", "999999")]).status == .unauthorized)
            }
            let code = try await MFATestSupport.freshCode(for: Fixtures.rater, on: server)
            let blocked = try await browser.post("/login/code", [("code", code)])
            #expect(blocked.status == .tooManyRequests)
            // The password form is slowed down for this login name too.
            let again = try await server.client().login(Fixtures.rater)
            #expect(again.status == .tooManyRequests)
        }
    }

    @Test("a recovery code works once")
    func recoveryCodeOnce() async throws {
        try await withServer { server in
            let codes = try await MFATestSupport.enroll(Fixtures.reader, on: server)
            for (attempt, expected) in [(1, true), (2, false)] {
                let browser = server.client()
                try await browser.get("/login")
                _ = try await browser.post("/login", [("email", Fixtures.reader), ("password", TestServer.demoPassword)])
                let response = try await browser.post("/login/code", [("code", codes[0].uppercased())])
                #expect((response.status == .seeOther) == expected, "attempt \(attempt)")
            }
            #expect(try await Self.events(.recoveryCodeUsed, on: server) == 1)
            #expect(try await RecoveryCode.query(on: server.db).filter(\.$usedAt == nil).count() == 9)
            // With few codes left, the login ends on the set-up page, which suggests new ones.
            for code in codes[1...7] {
                let browser = server.client()
                try await browser.get("/login")
                _ = try await browser.post("/login", [("email", Fixtures.reader), ("password", TestServer.demoPassword)])
                let response = try await browser.post("/login/code", [("code", code)])
                #expect(response.location == (code == codes[7] ? "/account/mfa?lowCodes=1" : "/"))
                if code == codes[7] {
                    let page = try await browser.get(response.location ?? "")
                    #expect(page.body.contains("nur noch wenige Wiederherstellungscodes"))
                    #expect(Self.text(of: "unused-codes", in: page.body) == "2")
                }
            }
        }
    }

    @Test("new recovery codes replace the old ones")
    func renewCodes() async throws {
        try await withServer { server in
            let old = try await MFATestSupport.enroll(Fixtures.reader, on: server)
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let renewed = try await browser.post("/account/mfa/recovery-codes", [])
            let codes = Self.recoveryCodes(in: renewed.body)
            #expect(codes.count == 10)
            #expect(Set(codes).isDisjoint(with: old))
            #expect(try await Self.events(.recoveryCodesRenewed, on: server) == 1)
            try await browser.post("/logout", [])
            try await browser.get("/login")
            _ = try await browser.post("/login", [("email", Fixtures.reader), ("password", TestServer.demoPassword)])
            #expect(try await browser.post("/login/code", [("code", old[0])]).status == .unauthorized)
            #expect(try await browser.post("/login/code", [("code", codes[0])]).status == .seeOther)
        }
    }

    @Test("an installation admin without a second factor can open only the set-up, language and logout")
    func adminForcedToSetUp() async throws {
        try await withServer { server in
            let browser = server.client()
            let login = try await browser.login(Fixtures.admin, enrollIfRequired: false)
            #expect(login.status == .seeOther)
            for path in ["/", "/m/musterstadt", "/account", "/admin/municipalities"] {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.location == "/account/mfa", "\(path)")
            }
            #expect(try await browser.post("/account/tokens", [("name", "x")]).location == "/account/mfa")
            let setup = try await browser.get("/account/mfa")
            #expect(setup.status == .ok)
            #expect(setup.body.contains("id=\"mfa-required\""))
            #expect(try await browser.post("/account/language", [("language", "en")]).location == "/account")
            let secret = try #require(Self.text(of: "mfa-secret", in: setup.body).flatMap(Base32.decode))
            let confirmed = try await browser.post("/account/mfa/confirm", [("code", TOTP(secret: secret).code(at: server.app.mfaClock.now()))])
            #expect(confirmed.status == .ok)
            #expect(try await browser.get("/m/musterstadt").status == .ok)
            // It cannot be switched off while it is required.
            let disable = try await browser.post("/account/mfa/disable", [("password", TestServer.demoPassword)])
            #expect(disable.status == .conflict)
            #expect(try await MFATestSupport.user(Fixtures.admin, on: server)?.mfaEnabledAt != nil)
            // Logging out stays open to everyone.
            #expect(try await browser.post("/logout", []).status == .seeOther)
        }
    }

    @Test("the strategy team can require the second factor of its members; API tokens keep working")
    func municipalityRequirement() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            try await team.get("/m/musterstadt/members")
            // Requiring it without having it would lock the team member out.
            let refused = try await team.post("/m/musterstadt/members/mfa-requirement", [("requiresMFA", "true")])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("zuerst Ihren eigenen zweiten Faktor"))
            try await MFATestSupport.enroll(Fixtures.strategyTeam, on: server)
            try await team.get("/m/musterstadt/members")
            let set = try await team.post("/m/musterstadt/members/mfa-requirement", [("requiresMFA", "true")])
            #expect(set.status == .seeOther)
            #expect(try await Fixtures.musterstadt(on: server).requiresMFA)
            let members = try await team.get("/m/musterstadt/members")
            #expect(members.body.contains("Für alle Mitglieder verpflichtend"))

            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            let reader = server.client()
            try await reader.login(Fixtures.reader, enrollIfRequired: false)
            let blocked = try await reader.get("/m/musterstadt/goals")
            #expect(blocked.location == "/account/mfa")
            #expect(try await reader.api(.GET, "/api/v1/goals", token: token).status == .ok)

            // Members of the requiring municipality cannot switch it off either.
            try await MFATestSupport.enroll(Fixtures.reader, on: server)
            #expect(try await reader.get("/m/musterstadt/goals").status == .ok)
            try await reader.get("/account/mfa")
            #expect(try await reader.post("/account/mfa/disable", [("password", TestServer.demoPassword)]).status == .conflict)

            try await team.get("/m/musterstadt/members")
            #expect(try await team.post("/m/musterstadt/members/mfa-requirement", [("requiresMFA", "false")]).status == .seeOther)
            #expect(try await Fixtures.musterstadt(on: server).requiresMFA == false)
            // A reader may not change it.
            #expect(try await reader.post("/m/musterstadt/members/mfa-requirement", [("requiresMFA", "false")]).status == .forbidden)
        }
    }

    @Test("switching off needs the password or a current code")
    func disable() async throws {
        try await withServer { server in
            try await MFATestSupport.enroll(Fixtures.reader, on: server)
            let secret = try #require(try await MFATestSupport.user(Fixtures.reader, on: server)?.totpSecret)
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            try await browser.get("/account/mfa")
            let wrongPassword = try await browser.post("/account/mfa/disable", [("password", "falsch-falsch-falsch")])
            #expect(wrongPassword.status == .unprocessableEntity)
            #expect(wrongPassword.body.contains("Das Passwort stimmt nicht"))
            let nothing = try await browser.post("/account/mfa/disable", [])
            #expect(nothing.status == .unprocessableEntity)
            let code = try await MFATestSupport.freshCode(for: Fixtures.reader, on: server)
            let done = try await browser.post("/account/mfa/disable", [("code", code)])
            #expect(done.status == .ok)
            let user = try #require(try await MFATestSupport.user(Fixtures.reader, on: server))
            // The page offers a set-up again, with a new secret; the old one is gone.
            #expect(user.mfaEnabledAt == nil && user.totpSecret != secret)
            #expect(done.body.contains("id=\"confirm-form\""))
            #expect(try await RecoveryCode.query(on: server.db).count() == 0)
            #expect(try await Self.events(.mfaDisabled, on: server) == 1)
            try await browser.post("/logout", [])
            #expect(try await browser.login(Fixtures.reader).location == "/")
        }
    }

    @Test("the command line removes a lost second factor; a required one is set up again at the next login")
    func commandLineReset() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.admin)
            #expect(try await browser.get("/m/musterstadt").status == .ok)
            try await Operations.resetSecondFactor(server.app, email: Fixtures.admin)
            #expect(try await browser.get("/m/musterstadt").location?.hasPrefix("/login") == true)
            #expect(try await RecoveryCode.query(on: server.db).count() == 0)
            let again = server.client()
            let login = try await again.login(Fixtures.admin, enrollIfRequired: false)
            #expect(login.location == "/")
            #expect(try await again.get("/m/musterstadt").location == "/account/mfa")
            await #expect(throws: AppConfiguration.Problem.self) {
                try await Operations.resetSecondFactor(server.app, email: "niemand@musterstadt.example")
            }
        }
    }
}

@Suite("Password policy where passwords are set")
struct PasswordPolicyServerTests {
    static let cases: [(String, String)] = [
        ("kurz-1234ab", "Mindestens 12 Zeichen"),
        ("qwerty123456", "häufig verwendeten"),
        (String(repeating: "x", count: 73), "Höchstens 72 Byte"),
    ]

    @Test("the password form refuses short, common and over-long passwords and takes a good one")
    func webForm() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            try await browser.get("/account")
            for (password, message) in Self.cases {
                let response = try await browser.post("/account/password", [("currentPassword", TestServer.demoPassword), ("newPassword", password)])
                #expect(response.status == .unprocessableEntity, "\(password)")
                #expect(response.body.contains(message), "\(password)")
            }
            let good = try await browser.post("/account/password", [("currentPassword", TestServer.demoPassword), ("newPassword", "Fahrplan für Musterstadt")])
            #expect(good.status == .ok)
            #expect(good.body.contains("Das Passwort wurde geändert"))
        }
    }

    @Test("the command line (user create, user password) applies the same policy")
    func commandLine() async throws {
        try await withServer { server in
            for (index, (password, _)) in Self.cases.enumerated() {
                await #expect(throws: (any Error).self) {
                    try await Operations.createUser(server.app, email: "neu\(index)@musterstadt.example", displayName: "Neu", password: password, isInstallationAdmin: false)
                }
                await #expect(throws: AppConfiguration.Problem.self) {
                    _ = try await Operations.resetPassword(server.app, email: Fixtures.reader, password: password)
                }
            }
            #expect(try await User.query(on: server.db).all().filter { $0.email.hasPrefix("neu") }.isEmpty)
            do {
                _ = try await Operations.resetPassword(server.app, email: Fixtures.reader, password: "qwerty123456")
            } catch let problem as AppConfiguration.Problem {
                #expect(problem.description.contains("commonly used"))
            }
            try await Operations.createUser(server.app, email: "neu@musterstadt.example", displayName: "Neu", password: "Fahrplan für Musterstadt", isInstallationAdmin: false)
            #expect(try await Operations.resetPassword(server.app, email: Fixtures.reader, password: "Noch ein gutes Passwort") == "Noch ein gutes Passwort")
            // A generated password passes too.
            #expect(try await Operations.resetPassword(server.app, email: Fixtures.reader, password: nil).count == 16)
        }
    }

    @Test("the application loads the shipped list once and shares it with requests")
    func shippedList() async throws {
        try await withServer(demo: false) { server in
            #expect(server.app.passwordPolicy.commonPasswords.count >= 10_000)
            #expect(server.app.passwordPolicy.problems("Password1234") == [.commonPassword])
        }
    }
}
