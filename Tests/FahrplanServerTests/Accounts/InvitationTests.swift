@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// Adding a person hands out an invitation; no municipality can set, learn or reset a password that works
/// for an account holding a role elsewhere (issue 13, finding 1).
@Suite("Invitations")
struct InvitationTests {
    static let victim = "kaemmerei@nachbarstadt.example"
    static let musterstadtPassword = "Muster-Kaemmerei-Plan-2026"
    static let realPassword = "Nachbar-Haushalt-Sonne-77"

    /// The site path of the link in an API answer (absolute when FAHRPLAN_PUBLIC_URL is set).
    static func path(of url: String?) throws -> String {
        let url = try #require(url)
        let range = try #require(url.range(of: "/invitations/"))
        return String(url[range.lowerBound...])
    }

    static func invite(_ email: String, role: String, token: String, on server: TestServer) async throws -> (TestResponse, [String: Any]) {
        let response = try await server.client().api(.POST, "/api/v1/members", token: token, json: ["email": email, "role": role])
        return (response, try response.jsonObject()["invitation"] as? [String: Any] ?? [:])
    }

    /// Opens the link in a fresh browser and answers its form.
    @discardableResult
    static func accept(_ path: String, current: String = "", new: String, repeat again: String? = nil, in browser: TestClient) async throws -> TestResponse {
        try await browser.get(path)
        // A page without a form (a dead link) has no CSRF field; the anonymous cookie carries the token.
        return try await browser.post(path, [("currentPassword", current), ("newPassword", new), ("newPasswordRepeat", again ?? new)],
                                      csrf: browser.csrf ?? browser.cookies[CSRFMiddleware.cookieName])
    }

    @Test("the cross-municipality takeover: a second municipality's invitation ends every credential the first one ever saw")
    func crossMunicipalityTakeover() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let muster = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")

            // Musterstadt adds the neighbour's treasury: an invitation, no password.
            let (first, firstInvitation) = try await Self.invite(Self.victim, role: "strategyTeam", token: muster, on: server)
            #expect(first.status == .created)
            #expect(!first.body.lowercased().contains("password"))
            let musterLink = try Self.path(of: firstInvitation["url"] as? String)
            // A brand-new account: Musterstadt's team may set its password with its own link.
            let attacker = server.client()
            let accepted = try await Self.accept(musterLink, new: Self.musterstadtPassword, in: attacker)
            #expect(accepted.status == .seeOther)
            #expect(accepted.location == "/m/musterstadt")
            let keptToken = try await Fixtures.token(for: Self.victim, on: server)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: keptToken).status == .ok)

            // Nachbarstadt adds the same address: the answer looks exactly like the one for a never-seen address.
            let (second, secondInvitation) = try await Self.invite(Self.victim, role: "strategyTeam", token: nachbar, on: server)
            let (fresh, freshInvitation) = try await Self.invite("neu@nachbarstadt.example", role: "strategyTeam", token: nachbar, on: server)
            #expect(second.status == .created && fresh.status == .created)
            #expect(Set(try second.jsonObject().keys) == Set(try fresh.jsonObject().keys))
            #expect(Set(secondInvitation.keys) == Set(freshInvitation.keys))
            #expect(Set(secondInvitation.keys) == ["id", "email", "role", "url", "expiresAt"])
            #expect(!second.body.contains("musterstadt") && !second.body.lowercased().contains("password"))
            let list = try await server.client().api(.GET, "/api/v1/members", token: nachbar).jsonObject()
            let memberEmails = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
            #expect(!memberEmails.contains(Self.victim))
            let pending = (list["invitations"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
            #expect(pending.contains(Self.victim))

            // Musterstadt's team, signed in as the account, gets nothing of Nachbarstadt.
            let peek = try await attacker.get("/m/nachbarstadt")
            #expect(peek.status == .notFound || peek.status == .forbidden)
            #expect(!peek.body.contains(Fixtures.OtherMunicipality.marker))

            // The real person accepts with the current password and a new one.
            let person = server.client()
            let joined = try await Self.accept(try Self.path(of: secondInvitation["url"] as? String), current: Self.musterstadtPassword,
                                               new: Self.realPassword, in: person)
            #expect(joined.status == .seeOther)
            #expect(joined.location == "/m/nachbarstadt")
            try await #expect(person.get("/m/nachbarstadt").status == .ok)

            // Nothing Musterstadt's team ever saw works any more.
            try await #expect(server.client().login(Self.victim, password: Self.musterstadtPassword).status == .unauthorized)
            let oldSession = try await attacker.get("/m/musterstadt")
            #expect(oldSession.status == .seeOther)
            #expect(oldSession.location?.hasPrefix("/login") == true)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: keptToken).status == .unauthorized)
            try await #expect(server.client().get(musterLink).status == .gone)
            try await #expect(server.client().login(Self.victim, password: Self.realPassword).status == .seeOther)
            let events = try await AuthEvent.query(on: server.db).filter(\.$kind == AuthEventKind.invitationAccepted.rawValue).count()
            #expect(events == 2)
        }
    }

    @Test("without the current password, an invitation cannot take over an existing account")
    func noTakeoverWithoutCurrentPassword() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let (response, invitation) = try await Self.invite(Fixtures.rater, role: "strategyTeam", token: nachbar, on: server)
            #expect(response.status == .created)
            let link = try Self.path(of: invitation["url"] as? String)
            let browser = server.client()
            let blank = try await Self.accept(link, new: Self.realPassword, in: browser)
            #expect(blank.status == .unauthorized)
            let wrong = try await Self.accept(link, current: "geraten-geraten-123", new: Self.realPassword, in: browser)
            #expect(wrong.status == .unauthorized)
            // Same generic message both times; counted like failed logins for that address; nothing changed.
            #expect(wrong.body.contains("Die Einladung konnte nicht angenommen werden"))
            let failures = try await LoginFailure.query(on: server.db).filter(\.$loginKey == LoginThrottleStore.loginKey(Fixtures.rater)).count()
            #expect(failures == 2)
            try await #expect(server.client().login(Fixtures.rater).status == .seeOther)
            try await #expect(server.client().login(Fixtures.rater, password: Self.realPassword).status == .unauthorized)
            let rater = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.rater).first())
            let memberships = try await Membership.query(on: server.db).filter(\.$user.$id == rater.requireID())
                .filter(\.$municipality.$id == other.municipality.requireID()).count()
            #expect(memberships == 0)
            // The link is still good for the real person.
            try await #expect(server.client().get(link).status == .ok)
        }
    }

    @Test("a new account has no password until the invitation is accepted, and the new password must satisfy the policy")
    func pendingAccount() async throws {
        try await withServer { server in
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let (_, invitation) = try await Self.invite("neu@musterstadt.example", role: "reader", token: team, on: server)
            let user = try #require(try await User.query(on: server.db).filter(\.$email == "neu@musterstadt.example").first())
            #expect(!user.hasUsablePassword)
            try await #expect(server.client().login("neu@musterstadt.example", password: "").status == .unauthorized)
            try await #expect(server.client().login("neu@musterstadt.example", password: User.unusablePasswordHash).status == .unauthorized)
            let members = try await Membership.query(on: server.db).filter(\.$user.$id == user.requireID()).count()
            #expect(members == 0)
            let link = try Self.path(of: invitation["url"] as? String)
            let browser = server.client()
            let common = try await Self.accept(link, new: "kurz", in: browser)
            #expect(common.status == .unprocessableEntity)
            let differ = try await Self.accept(link, new: Self.realPassword, repeat: Self.realPassword + "x", in: browser)
            #expect(differ.status == .unprocessableEntity)
            #expect(differ.body.contains("Die beiden Passwörter stimmen nicht überein."))
            try await #expect(Self.accept(link, new: Self.realPassword, in: browser).status == .seeOther)
            try await #expect(browser.get("/m/musterstadt").status == .ok)
        }
    }

    @Test("a link is good once, expires, dies when withdrawn or renewed; unknown links get the same 410 page")
    func lifecycle() async throws {
        try await withServer { server in
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            // Single use.
            let (_, once) = try await Self.invite("einmal@musterstadt.example", role: "reader", token: team, on: server)
            let onceLink = try Self.path(of: once["url"] as? String)
            try await #expect(Self.accept(onceLink, new: Self.realPassword, in: server.client()).status == .seeOther)
            try await #expect(server.client().get(onceLink).status == .gone)
            try await #expect(Self.accept(onceLink, new: "Noch-ein-Versuch-4711", in: server.client()).status == .gone)
            try await #expect(server.client().login("einmal@musterstadt.example", password: "Noch-ein-Versuch-4711").status == .unauthorized)

            // Expiry.
            let (_, late) = try await Self.invite("spaet@musterstadt.example", role: "reader", token: team, on: server)
            let lateRow = try #require(try await Invitation.find(UUID(uuidString: late["id"] as? String ?? ""), on: server.db))
            lateRow.expiresAt = Date().addingTimeInterval(-60)
            try await lateRow.save(on: server.db)
            let lateLink = try Self.path(of: late["url"] as? String)
            let expired = try await server.client().get(lateLink)
            #expect(expired.status == .gone)
            #expect(!expired.body.contains("spaet@musterstadt.example"))
            try await #expect(Self.accept(lateLink, new: Self.realPassword, in: server.client()).status == .gone)

            // Withdraw (API).
            let (_, withdrawn) = try await Self.invite("weg@musterstadt.example", role: "reader", token: team, on: server)
            let withdrawnID = try #require(withdrawn["id"] as? String)
            try await #expect(server.client().api(.DELETE, "/api/v1/invitations/\(withdrawnID)", token: team).status == .noContent)
            try await #expect(server.client().get(try Self.path(of: withdrawn["url"] as? String)).status == .gone)
            try await #expect(server.client().api(.DELETE, "/api/v1/invitations/\(withdrawnID)", token: team).status == .notFound)

            // Renew (API): the old link is dead, the new one works.
            let (_, renewed) = try await Self.invite("neu@musterstadt.example", role: "rater", token: team, on: server)
            let renewedID = try #require(renewed["id"] as? String)
            let renewal = try await server.client().api(.POST, "/api/v1/invitations/\(renewedID)/renew", token: team)
            #expect(renewal.status == .created)
            let newLink = try Self.path(of: (renewal.jsonObject()["invitation"] as? [String: Any])?["url"] as? String)
            try await #expect(server.client().get(try Self.path(of: renewed["url"] as? String)).status == .gone)
            try await #expect(Self.accept(newLink, new: Self.realPassword, in: server.client()).status == .seeOther)

            // Another municipality cannot touch this municipality's invitations.
            let other = try await Fixtures.otherMunicipality(on: server)
            let nachbar = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let (_, mine) = try await Self.invite("zwei@musterstadt.example", role: "reader", token: team, on: server)
            let mineID = try #require(mine["id"] as? String)
            try await #expect(server.client().api(.DELETE, "/api/v1/invitations/\(mineID)", token: nachbar).status == .notFound)
            try await #expect(server.client().api(.POST, "/api/v1/invitations/\(mineID)/renew", token: nachbar).status == .notFound)
            try await #expect(server.client().get(try Self.path(of: mine["url"] as? String)).status == .ok)

            // Unknown links.
            try await #expect(server.client().get("/invitations/inv_unbekannt").status == .gone)
            try await #expect(server.client().get("/invitations/irgendwas").status == .gone)
        }
    }

    @Test("the secret of an invitation link stays out of the request log")
    func secretNotLogged() {
        #expect(RequestLogMiddleware.loggable("/invitations/inv_geheim123") == "/invitations/…")
        #expect(RequestLogMiddleware.loggable("/m/musterstadt/members") == "/m/musterstadt/members")
    }

    @Test("adding an address with an open invitation replaces it; a member here is told so")
    func replaceAndAlreadyMember() async throws {
        try await withServer { server in
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let (_, first) = try await Self.invite("neu@musterstadt.example", role: "reader", token: team, on: server)
            let (_, second) = try await Self.invite("neu@musterstadt.example", role: "rater", token: team, on: server)
            try await #expect(server.client().get(try Self.path(of: first["url"] as? String)).status == .gone)
            try await #expect(server.client().get(try Self.path(of: second["url"] as? String)).status == .ok)
            let open = try await server.client().api(.GET, "/api/v1/members", token: team).jsonObject()["invitations"] as? [[String: Any]] ?? []
            #expect(open.filter { $0["email"] as? String == "neu@musterstadt.example" }.count == 1)
            let already = try await server.client().api(.POST, "/api/v1/members", token: team, json: ["email": Fixtures.rater, "role": "reader"])
            #expect(already.status == .unprocessableEntity)
        }
    }

    @Test("the members page: invitations with renew and withdraw, the link shown once; e-mail addresses only for the strategy team")
    func membersPage() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            try await team.get("/m/musterstadt/members")
            let added = try await team.post("/m/musterstadt/members", [("email", "neu@musterstadt.example"), ("displayName", "Nora Neu"), ("role", "rater")])
            #expect(added.status == .ok)
            let link = try #require(added.body.components(separatedBy: "id=\"invitation-link\">").dropFirst().first?.components(separatedBy: "<").first)
            let page = try await team.get("/m/musterstadt/members")
            #expect(page.body.contains("neu@musterstadt.example"))
            #expect(page.body.contains(Fixtures.reader), "the strategy team sees the members' addresses")
            #expect(!page.body.contains("invitation-link"))
            let row = try #require(try await Invitation.query(on: server.db).filter(\.$email == "neu@musterstadt.example").first())
            let renewed = try await team.post("/m/musterstadt/members/invitations/\(try row.requireID())/renew", [])
            #expect(renewed.status == .ok)
            let newLink = try #require(renewed.body.components(separatedBy: "id=\"invitation-link\">").dropFirst().first?.components(separatedBy: "<").first)
            #expect(newLink != link)
            try await #expect(server.client().get(try Self.path(of: link)).status == .gone)
            try await team.get("/m/musterstadt/members")
            try await #expect(team.post("/m/musterstadt/members/invitations/\(try row.requireID())/withdraw", []).status == .seeOther)
            try await #expect(server.client().get(try Self.path(of: newLink)).status == .gone)
            #expect(try await team.get("/m/musterstadt/members").body.contains("no-invitations"))

            for email in [Fixtures.reader, Fixtures.rater, Fixtures.departmentLead] {
                let browser = server.client()
                try await browser.login(email)
                let members = try await browser.get("/m/musterstadt/members")
                #expect(members.status == .ok)
                for someone in [Fixtures.strategyTeam, Fixtures.reader, Fixtures.rater, Fixtures.departmentLead] where someone != email {
                    #expect(!members.body.contains(someone))
                }
                let token = try await Fixtures.token(for: email, on: server)
                let list = try await browser.api(.GET, "/api/v1/members", token: token)
                #expect(list.status == .ok)
                #expect(!list.body.contains("@"))
                #expect((try list.jsonObject()["invitations"] as? [Any])?.isEmpty == true)
            }
            let teamToken = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await #expect(server.client().api(.GET, "/api/v1/members", token: teamToken).body.contains(Fixtures.reader))
        }
    }
}
