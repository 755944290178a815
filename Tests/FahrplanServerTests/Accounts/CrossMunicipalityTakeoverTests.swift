@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Issue 13, finding 1: one municipality could set the password of an address and keep it when another
/// municipality later gave that account a role. Adding a person now hands out a single-use invitation; an
/// existing account is taken over only by someone who knows its current password and holds the link.
@Suite("Invitations close the cross-municipality account takeover")
struct CrossMunicipalityTakeoverTests {
    static let victim = "kaemmerei@nachbarstadt.example"
    static let musterstadtsPassword = "Musterstadt-kennt-es-2026"
    static let ownPassword = "Nur-die-Kaemmerei-weiss-es-7"

    /// The path of the link in an invitation answer (absolute when `FAHRPLAN_PUBLIC_URL` is set).
    static func linkPath(_ response: TestResponse) throws -> String {
        let body = try response.jsonObject()
        let url = try #require((body["invitation"] as? [String: Any])?["url"] as? String, "no url in \(response.body)")
        let range = try #require(url.range(of: "/invitations/"), "unexpected link \(url)")
        return String(url[range.lowerBound...])
    }

    /// The keys of an invitation answer, nested ones as "invitation.id".
    static func shape(_ response: TestResponse) throws -> Set<String> {
        var keys = Set<String>()
        for (key, value) in try response.jsonObject() {
            keys.insert(key)
            if let nested = value as? [String: Any] { for inner in nested.keys { keys.insert("\(key).\(inner)") } }
        }
        return keys
    }

    static func expectGone(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .gone, "\(response.status): \(response.body.prefix(200))", sourceLocation: sourceLocation)
    }

    static func accept(_ browser: TestClient, _ link: String, current: String = "", new: String) async throws -> TestResponse {
        try await browser.get(link)
        return try await browser.post(link, [("currentPassword", current), ("newPassword", new), ("newPasswordRepeat", new)])
    }

    @Test("the attack of the finding: the password one municipality set never opens another municipality, and dies when the real person accepts")
    func attack() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let api = server.client()

            // Musterstadt adds the neighbour's address: an invitation, no password.
            let added = try await api.api(.POST, "/api/v1/members", token: muster,
                                          json: ["email": Self.victim, "displayName": "Kämmerei", "role": "strategyTeam"])
            #expect(added.status == .created, "\(added.body)")
            #expect(!added.body.lowercased().contains("password"))
            let musterLink = try Self.linkPath(added)
            #expect(try await Membership.query(on: server.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                .filter(User.self, \.$email == Self.victim).count() == 0, "a role before the invitation was accepted")

            // The account is brand new, so Musterstadt's team may set its password through its own link.
            let attacker = server.client()
            let taken = try await Self.accept(attacker, musterLink, new: Self.musterstadtsPassword)
            #expect(taken.status == .seeOther, "\(taken.body)")
            #expect(taken.location == "/m/musterstadt")
            try await #expect(attacker.get("/m/musterstadt").status == .ok)
            let attackerToken = try await Fixtures.token(for: Self.victim, on: server)
            try await #expect(api.api(.GET, "/api/v1/goals", token: attackerToken).status == .ok)

            // Nachbarstadt adds the same address: the answer looks exactly like one for a never-seen address.
            let existing = try await api.api(.POST, "/api/v1/members", token: nachbar, json: ["email": Self.victim, "role": "strategyTeam"])
            let unseen = try await api.api(.POST, "/api/v1/members", token: nachbar, json: ["email": "neu@nachbarstadt.example", "role": "strategyTeam"])
            #expect(existing.status == .created, "\(existing.body)")
            #expect(unseen.status == .created)
            #expect(try Self.shape(existing) == Self.shape(unseen))
            for leak in ["musterstadt", "Musterstadt", "Kämmerei", "password"] { #expect(!existing.body.contains(leak), "\(leak)") }
            let nachbarLink = try Self.linkPath(existing)

            // Still no way into Nachbarstadt for whoever holds Musterstadt's password.
            let intoNeighbour = try await attacker.get("/m/nachbarstadt")
            #expect(intoNeighbour.status == .notFound || intoNeighbour.status == .forbidden, "\(intoNeighbour.status)")
            let viaLogin = server.client()
            try await viaLogin.login(Self.victim, password: Self.musterstadtsPassword)
            let again = try await viaLogin.get("/m/nachbarstadt")
            #expect(again.status == .notFound || again.status == .forbidden)
            #expect(try await Membership.query(on: server.db).filter(\.$municipality.$id == other.municipality.requireID())
                .join(User.self, on: \Membership.$user.$id == \User.$id).filter(User.self, \.$email == Self.victim).count() == 0)

            // The real person accepts Nachbarstadt's link with the current password and a new one of their own.
            let person = server.client()
            let joined = try await Self.accept(person, nachbarLink, current: Self.musterstadtsPassword, new: Self.ownPassword)
            #expect(joined.status == .seeOther, "\(joined.body)")
            #expect(joined.location == "/m/nachbarstadt")
            try await #expect(person.get("/m/nachbarstadt").status == .ok)

            // Everything Musterstadt's team ever held is dead: password, sessions, token, its link.
            let oldSession = try await attacker.get("/m/musterstadt")
            #expect(oldSession.status != .ok, "the old session still works")
            let oldLogin = try await viaLogin.get("/m/musterstadt")
            #expect(oldLogin.status != .ok, "the second old session still works")
            try await #expect(api.api(.GET, "/api/v1/goals", token: attackerToken).status == .unauthorized)
            let oldPassword = server.client()
            try await oldPassword.get("/login")
            let refused = try await oldPassword.post("/login", [("email", Self.victim), ("password", Self.musterstadtsPassword)])
            #expect(refused.status == .unauthorized)
            Self.expectGone(try await server.client().get(musterLink))
            let fresh = server.client()
            try await #expect(fresh.login(Self.victim, password: Self.ownPassword).status == .seeOther)
        }
    }

    @Test("without the current password nobody takes over an existing account through a new invitation")
    func noTakeoverWithoutCurrentPassword() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let invited = try await server.client().api(.POST, "/api/v1/members", token: nachbar, json: ["email": Fixtures.reader, "role": "strategyTeam"])
            #expect(invited.status == .created)
            let link = try Self.linkPath(invited)
            let before = try #require(try await MFATestSupport.user(Fixtures.reader, on: server)).passwordHash

            let team = server.client()
            for current in ["", "geraten-und-falsch-1234"] {
                let response = try await Self.accept(team, link, current: current, new: "Uebernommen-von-Nachbarstadt-1")
                #expect(response.status != .seeOther, "taken over with current password '\(current)'")
                #expect(response.status.code >= 400)
                #expect(!response.body.contains(TestServer.demoPassword))
            }
            #expect(try #require(try await MFATestSupport.user(Fixtures.reader, on: server)).passwordHash == before)
            #expect(try await Membership.query(on: server.db).filter(\.$municipality.$id == other.municipality.requireID())
                .join(User.self, on: \Membership.$user.$id == \User.$id).filter(User.self, \.$email == Fixtures.reader).count() == 0)
            // Each wrong current password counts as a failed login for the address.
            let failures = try await LoginFailure.query(on: server.db).filter(\.$loginKey == LoginThrottleStore.loginKey(Fixtures.reader)).count()
            #expect(failures == 2)
            // The person's own password still works, and the link is still good for them.
            try await #expect(server.client().login(Fixtures.reader).status == .seeOther)
            try await #expect(server.client().get(link).status == .ok)
        }
    }

    @Test("an invitation is good once; a second answer and a second visit get 410")
    func singleUse() async throws {
        try await withServer { server in
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let invited = try await server.client().api(.POST, "/api/v1/members", token: muster, json: ["email": "einmal@musterstadt.example", "role": "reader"])
            let link = try Self.linkPath(invited)
            // A second browser has the form open when the first one accepts.
            let second = server.client()
            try await #expect(second.get(link).status == .ok)
            let first = server.client()
            try await #expect(Self.accept(first, link, new: "Einmal-und-nie-wieder-1").status == .seeOther)
            Self.expectGone(try await second.post(link, [("currentPassword", ""), ("newPassword", "Zweimal-versucht-22"), ("newPasswordRepeat", "Zweimal-versucht-22")]))
            Self.expectGone(try await second.get(link))
            Self.expectGone(try await first.get(link))
            try await #expect(server.client().login("einmal@musterstadt.example", password: "Einmal-und-nie-wieder-1").status == .seeOther)
            // Unknown secrets get the same page.
            Self.expectGone(try await server.client().get("/invitations/inv_unbekannt"))
        }
    }

    @Test("an expired invitation is refused and no longer listed")
    func expiry() async throws {
        try await withServer { server in
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let client = server.client()
            let invited = try await client.api(.POST, "/api/v1/members", token: muster, json: ["email": "spaet@musterstadt.example", "role": "reader"])
            let link = try Self.linkPath(invited)
            let invitation = try #require(try await Invitation.query(on: server.db).filter(\.$email == "spaet@musterstadt.example").first())
            let expiresAt = invitation.expiresAt.timeIntervalSinceNow
            #expect(expiresAt > 6.9 * 24 * 3600 && expiresAt <= 7 * 24 * 3600)
            let browser = server.client()
            try await #expect(browser.get(link).status == .ok)
            invitation.expiresAt = Date().addingTimeInterval(-60)
            try await invitation.save(on: server.db)
            Self.expectGone(try await browser.post(link, [("currentPassword", ""), ("newPassword", "Zu-spaet-gekommen-1"), ("newPasswordRepeat", "Zu-spaet-gekommen-1")]))
            Self.expectGone(try await browser.get(link))
            let list = try await client.api(.GET, "/api/v1/members", token: muster)
            #expect(!list.body.contains("spaet@musterstadt.example"))
            #expect(try await Membership.query(on: server.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                .filter(User.self, \.$email == "spaet@musterstadt.example").count() == 0)
        }
    }

    @Test("renewing gives a new link and kills the old one; withdrawing kills the link; adding again replaces the open invitation")
    func renewWithdrawReplace() async throws {
        try await withServer { server in
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let client = server.client()
            let invited = try await client.api(.POST, "/api/v1/members", token: muster, json: ["email": "offen@musterstadt.example", "role": "rater"])
            let id = try #require((try invited.jsonObject()["invitation"] as? [String: Any])?["id"] as? String)
            let first = try Self.linkPath(invited)
            let listed = try await client.api(.GET, "/api/v1/members", token: muster)
            #expect((try listed.jsonObject()["invitations"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
            #expect(!listed.body.contains("/invitations/inv_"), "the list repeats a secret")

            let renewed = try await client.api(.POST, "/api/v1/invitations/\(id)/renew", token: muster)
            #expect(renewed.status == .created || renewed.status == .ok, "\(renewed.body)")
            let second = try Self.linkPath(renewed)
            #expect(second != first)
            Self.expectGone(try await server.client().get(first))
            try await #expect(server.client().get(second).status == .ok)

            let replaced = try await client.api(.POST, "/api/v1/members", token: muster, json: ["email": "offen@musterstadt.example", "role": "reader"])
            #expect(replaced.status == .created)
            let third = try Self.linkPath(replaced)
            Self.expectGone(try await server.client().get(second))
            let open = try await Invitation.query(on: server.db).filter(\.$email == "offen@musterstadt.example")
                .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).count()
            #expect(open == 1)

            let thirdID = try #require((try replaced.jsonObject()["invitation"] as? [String: Any])?["id"] as? String)
            try await #expect(client.api(.DELETE, "/api/v1/invitations/\(thirdID)", token: muster).status == .noContent)
            Self.expectGone(try await server.client().get(third))
            let after = try await client.api(.GET, "/api/v1/members", token: muster)
            #expect(!after.body.contains("offen@musterstadt.example"))
            // Another municipality's team cannot touch this municipality's invitations.
            let other = try await Fixtures.otherMunicipality(on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let foreign = try await client.api(.POST, "/api/v1/members", token: muster, json: ["email": "fremd@musterstadt.example", "role": "reader"])
            let foreignID = try #require((try foreign.jsonObject()["invitation"] as? [String: Any])?["id"] as? String)
            try await #expect(client.api(.DELETE, "/api/v1/invitations/\(foreignID)", token: nachbar).status == .notFound)
            try await #expect(client.api(.POST, "/api/v1/invitations/\(foreignID)/renew", token: nachbar).status == .notFound)
            try await #expect(server.client().get(try Self.linkPath(foreign)).status == .ok)
        }
    }

    @Test("an account made by an invitation and not yet accepted answers at login like an unknown name")
    func pendingAccountAtLogin() async throws {
        try await withServer { server in
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await server.client().api(.POST, "/api/v1/members", token: muster, json: ["email": "wartet@musterstadt.example", "role": "reader"])
            func attempt(_ email: String) async throws -> TestResponse {
                let browser = server.client()
                try await browser.get("/login")
                return try await browser.post("/login", [("email", email), ("password", "irgendein-Passwort-1")])
            }
            let pending = try await attempt("wartet@musterstadt.example")
            let unknown = try await attempt("gibtsnicht@musterstadt.example")
            #expect(pending.status == .unauthorized)
            #expect(pending.status == unknown.status)
            #expect(pending.body.replacingOccurrences(of: "wartet@", with: "gibtsnicht@")
                .replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression)
                    == unknown.body.replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: "", options: .regularExpression))
        }
    }

    @Test("readers, raters and department leads see no e-mail addresses, in the API or on the members page; the team does")
    func emailsOnlyForTheTeam() async throws {
        try await withServer { server in
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let client = server.client()
            try await client.api(.POST, "/api/v1/members", token: muster, json: ["email": "eingeladen@musterstadt.example", "role": "reader"])
            let teamList = try await client.api(.GET, "/api/v1/members", token: muster)
            #expect(teamList.body.contains(Fixtures.rater))
            #expect(teamList.body.contains("eingeladen@musterstadt.example"))
            for email in [Fixtures.reader, Fixtures.rater, Fixtures.departmentLead] {
                let token = try await Fixtures.token(for: email, on: server)
                let list = try await client.api(.GET, "/api/v1/members", token: token)
                #expect(list.status == .ok)
                #expect(!list.body.contains("@"), "\(email) sees addresses: \(list.body.prefix(300))")
                let items = try #require(try list.jsonObject()["items"] as? [[String: Any]])
                #expect(items.count >= 4)
                #expect(items.allSatisfy { $0["email"] == nil && $0["displayName"] != nil })
                let browser = server.client()
                try await browser.login(email)
                let page = try await browser.get("/m/musterstadt/members")
                #expect(page.status == .ok)
                for shown in [Fixtures.strategyTeam, Fixtures.reader, Fixtures.rater, Fixtures.departmentLead, "eingeladen@musterstadt.example"]
                    where shown != email {
                    #expect(!page.body.contains(shown), "\(email) sees \(shown) on the members page")
                }
            }
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/members")
            #expect(page.body.contains(Fixtures.rater))
            #expect(page.body.contains("eingeladen@musterstadt.example"))
        }
    }

    @Test("an account with a second factor is not changed by an invitation without a valid code: the password alone is not enough")
    func secondFactorRequired() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            if try await MFATestSupport.user(Fixtures.admin, on: server)?.mfaEnabledAt == nil { try await MFATestSupport.enroll(Fixtures.admin, on: server) }
            let signedIn = server.client()
            try await #expect(signedIn.login(Fixtures.admin).status == .seeOther)
            let before = try #require(try await MFATestSupport.user(Fixtures.admin, on: server)).passwordHash
            let invited = try await server.client().api(.POST, "/api/v1/members", token: nachbar, json: ["email": Fixtures.admin, "role": "reader"])
            let link = try Self.linkPath(invited)

            // Someone who knows only the password (phished) cannot replace it or end the owner's sessions.
            let attacker = server.client()
            for code in ["", "000000"] {
                try await attacker.get(link)
                let refused = try await attacker.post(link, [("currentPassword", TestServer.demoPassword), ("code", code),
                                                             ("newPassword", Self.ownPassword), ("newPasswordRepeat", Self.ownPassword)])
                #expect(refused.status == .unauthorized, "code '\(code)': \(refused.status)")
            }
            #expect(try #require(try await MFATestSupport.user(Fixtures.admin, on: server)).passwordHash == before)
            try await #expect(signedIn.get("/account").status == .ok)
            #expect(try await Membership.query(on: server.db).filter(\.$municipality.$id == other.municipality.requireID())
                .join(User.self, on: \Membership.$user.$id == \User.$id).filter(User.self, \.$email == Fixtures.admin).count() == 0)

            // With password and code the owner accepts, and is signed in; the earlier session ends.
            let owner = server.client()
            try await owner.get(link)
            let accepted = try await owner.post(link, [("currentPassword", TestServer.demoPassword),
                                                       ("code", try await MFATestSupport.freshCode(for: Fixtures.admin, on: server)),
                                                       ("newPassword", Self.ownPassword), ("newPasswordRepeat", Self.ownPassword)])
            #expect(accepted.status == .seeOther, "\(accepted.body.prefix(300))")
            #expect(accepted.location == "/m/nachbarstadt")
            try await #expect(owner.get("/m/nachbarstadt").status == .ok)
            #expect(try await signedIn.get("/account").status != .ok)
            let full = server.client()
            try await #expect(full.login(Fixtures.admin, password: Self.ownPassword).status == .seeOther)
        }
    }

    @Test("installation admins invite from the command line: the link is printed once and works like one from the members page")
    func commandLineInvitation() async throws {
        try await withServer { server in
            let (link, expiresAt) = try await Operations.invite(server.app, email: "Per.CLI@musterstadt.example", municipalitySlug: "musterstadt",
                                                                role: .departmentLead, departmentCode: "33", displayName: "Per Kommandozeile")
            #expect(expiresAt.timeIntervalSinceNow > 6.9 * 24 * 3600)
            let path = String(link[try #require(link.range(of: "/invitations/")).lowerBound...])
            let browser = server.client()
            try await #expect(Self.accept(browser, path, new: Self.ownPassword).status == .seeOther)
            let user = try #require(try await MFATestSupport.user("per.cli@musterstadt.example", on: server))
            #expect(user.displayName == "Per Kommandozeile")
            let membership = try #require(try await Membership.query(on: server.db).filter(\.$user.$id == user.requireID()).first())
            #expect(membership.role == "departmentLead")
            #expect(membership.$department.id == (try await PortfolioFixtures.department("33", on: server).id))
            // Mistakes are named, and nothing is issued.
            for (slug, code) in [("gibtsnicht", nil), ("musterstadt", "X-unbekannt")] as [(String, String?)] {
                do {
                    _ = try await Operations.invite(server.app, email: "fehler@musterstadt.example", municipalitySlug: slug, role: .reader, departmentCode: code)
                    Issue.record("no error for \(slug) \(code ?? "")")
                } catch {
                    #expect(Operations.describe(error).contains(code ?? slug))
                }
            }
            #expect(try await User.query(on: server.db).filter(\.$email == "fehler@musterstadt.example").count() == 0)
            do {
                _ = try await Operations.invite(server.app, email: "kein-at-zeichen", municipalitySlug: "musterstadt", role: .reader, departmentCode: nil)
                Issue.record("an implausible address was invited")
            } catch {
                #expect(Operations.describe(error).hasPrefix("email:"))
            }
        }
    }
}
