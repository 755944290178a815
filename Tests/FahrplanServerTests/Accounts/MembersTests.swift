@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Members and roles")
struct MembersTests {
    @Test("the strategy team adds a new person: an invitation link shown once, no password; the person sets their own and is a member")
    func addNewPerson() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            try await team.get("/m/musterstadt/members")
            let page = try await team.post("/m/musterstadt/members", [("email", "neu@musterstadt.example"), ("displayName", "Nora Neu"), ("role", "rater")])
            #expect(page.status == .ok)
            #expect(!page.body.contains("initial-password"))
            let link = try #require(page.body.components(separatedBy: "id=\"invitation-link\">").dropFirst().first?.components(separatedBy: "<").first)
            let path = try InvitationTests.path(of: link)
            let user = try #require(try await User.query(on: server.db).filter(\.$email == "neu@musterstadt.example").first())
            #expect(user.displayName == "Nora Neu")
            try await #expect(Membership.query(on: server.db).filter(\.$user.$id == user.requireID()).count() == 0)
            let newcomer = server.client()
            let accepted = try await InvitationTests.accept(path, new: "Nora-Neu-Fahrplan-2026", in: newcomer)
            #expect(accepted.status == .seeOther)
            try await #expect(newcomer.get("/m/musterstadt").status == .ok)
            try await #expect(server.client().login("neu@musterstadt.example", password: "Nora-Neu-Fahrplan-2026").status == .seeOther)
            let grant = try await AuditEvent.query(on: server.db).filter(\.$action == "grantRole").filter(\.$entityLabel == "neu@musterstadt.example").count()
            #expect(grant == 1)
            let membership = try #require(try await Membership.query(on: server.db).filter(\.$user.$id == user.requireID()).first())
            #expect(membership.role == "rater")
        }
    }

    @Test("the last strategy team member cannot be removed, others can; removal revokes their tokens")
    func removal() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            try await team.get("/m/musterstadt/members")
            let reader = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first())
            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            try await #expect(team.post("/m/musterstadt/members/\(try reader.requireID())/remove", []).status == .seeOther)
            try await #expect(server.client().api(.GET, "/api/v1/goals", token: token).status == .unauthorized)
            let stillMember = try await Membership.query(on: server.db).filter(\.$user.$id == reader.requireID()).count()
            #expect(stillMember == 0)
            let revoked = try await APIToken.query(on: server.db).filter(\.$user.$id == reader.requireID()).filter(\.$revokedAt == nil).count()
            #expect(revoked == 0)

            let teamMembers = try await Membership.query(on: server.db).filter(\.$role == "strategyTeam").with(\.$user).all()
            for member in teamMembers where member.user.email != Fixtures.strategyTeam {
                try await #expect(team.post("/m/musterstadt/members/\(member.user.requireID())", [("role", "reader")]).status == .seeOther)
            }
            let last = try #require(teamMembers.first { $0.user.email == Fixtures.strategyTeam })
            let refused = try await team.post("/m/musterstadt/members/\(try last.user.requireID())/remove", [])
            #expect(refused.status == .conflict)
            try await #expect(Membership.query(on: server.db).filter(\.$role == "strategyTeam").count() == 1)
        }
    }

    @Test("behind a TLS proxy the session cookie is Secure")
    func secureCookie() async throws {
        try await withServer { server in
            let browser = server.client()
            browser.extraHeaders.add(name: "X-Forwarded-Proto", value: "https")
            // `get` does not add `extraHeaders`: without the header the form's CSRF cookie would have the plain name.
            try await browser.get("/login", headers: ["X-Forwarded-Proto": "https"])
            let response = try await browser.post("/login", [("email", Fixtures.reader), ("password", TestServer.demoPassword)])
            // Over HTTPS the session cookie has the __Host- name (BrowserSessions.cookieName(for:)).
            let cookie = try #require(response.headers[canonicalForm: "Set-Cookie"].first { $0.hasPrefix("__Host-fp_session=") })
            #expect(cookie.contains("Secure"))
        }
    }
}
