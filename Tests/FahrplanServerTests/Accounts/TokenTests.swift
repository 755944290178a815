import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import SQLKit
import Testing

/// API tokens end with the credentials they were made with, expire, and can be limited to reading.
@Suite("API tokens: revocation, expiry, read-only scope")
struct TokenTests {
    static func events(_ kind: AuthEventKind, on server: TestServer) async throws -> [AuthEvent] {
        try await AuthEvent.query(on: server.db).filter(\.$kind == kind.rawValue).all()
    }

    static func token(_ secret: String, on server: TestServer) async throws -> APIToken {
        try #require(try await APIToken.query(on: server.db).filter(\.$tokenHash == Secrets.sha256(secret)).first())
    }

    @Test("changing the password under Mein Konto revokes the tokens and other sessions, and keeps the current session")
    func passwordChangeRevokesTokens() async throws {
        try await withServer { server in
            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: token).status == .ok)
            let other = server.client()
            try await other.login(Fixtures.reader)
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            try await browser.get("/account")
            let changed = try await browser.post("/account/password", [("currentPassword", TestServer.demoPassword),
                                                                        ("newPassword", "ein-ganz-neues-Passwort-42")])
            #expect(changed.status == .ok)
            let refused = try await server.client().api(.GET, "/api/v1/me", token: token)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
            try await #expect(other.get("/account").status == .seeOther)
            try await #expect(browser.get("/account").status == .ok)
            let logged = try await Self.events(.passwordChanged, on: server)
            #expect(logged.map(\.email) == [Fixtures.reader])
        }
    }

    @Test("removing a membership revokes the tokens for that municipality only")
    func membershipRemovalRevokesThatMunicipality() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            try await Operations.grantRole(server.app, email: Fixtures.reader, municipalitySlug: other.municipality.slug, role: .reader, departmentCode: nil)
            let here = try await Fixtures.token(for: Fixtures.reader, on: server)
            let there = try await Fixtures.token(for: Fixtures.reader, on: server, slug: other.municipality.slug)
            let reader = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first())
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await #expect(server.client().api(.DELETE, "/api/v1/members/\(reader.requireID())", token: team).status == .noContent)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: here).status == .unauthorized)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: there).status == .ok)
        }
    }

    @Test("an expired token is refused with 401; /api/v1/me names the token's scope and expiry")
    func expiry() async throws {
        try await withServer { server in
            let secret = try await Operations.createToken(server.app, email: Fixtures.reader, municipalitySlug: "musterstadt", name: "Ablauf", expiresInDays: 30)
            let token = try await Self.token(secret, on: server)
            let expiresAt = try #require(token.expiresAt)
            #expect(abs(expiresAt.timeIntervalSinceNow - 30 * 24 * 3600) < 3600)
            let me = try await server.client().api(.GET, "/api/v1/me", token: secret)
            #expect(me.status == .ok)
            let described = try #require(try me.jsonObject()["token"] as? [String: Any])
            #expect(described["scope"] as? String == "full")
            #expect(described["name"] as? String == "Ablauf")
            #expect(described["expiresAt"] is String)

            token.expiresAt = Date().addingTimeInterval(-1)
            try await token.save(on: server.db)
            let refused = try await server.client().api(.GET, "/api/v1/me", token: secret)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)

            // The default is one year; "no expiry" only when asked for.
            let yearly = try await Self.token(try await Operations.createToken(server.app, email: Fixtures.reader, municipalitySlug: "musterstadt", name: "Jahr"), on: server)
            #expect(abs((yearly.expiresAt ?? .distantPast).timeIntervalSinceNow - 365 * 24 * 3600) < 3600)
            let forever = try await Operations.createToken(server.app, email: Fixtures.reader, municipalitySlug: "musterstadt", name: "Immer", expiresInDays: nil)
            #expect(try await Self.token(forever, on: server).expiresAt == nil)
            let unlimited = try await server.client().api(.GET, "/api/v1/me", token: forever)
            #expect(unlimited.status == .ok)
            #expect((try unlimited.jsonObject()["token"] as? [String: Any])?["expiresAt"] == nil)
            for days in [0, -3, APITokens.maxLifetimeDays + 1] {
                await #expect(throws: AppConfiguration.Problem.self) {
                    _ = try await Operations.createToken(server.app, email: Fixtures.reader, municipalitySlug: "musterstadt", name: "x", expiresInDays: days)
                }
            }
        }
    }

    @Test("migration 016 gives tokens made before it full access and one year from the migration")
    func migrationOfExistingTokens() async throws {
        try await withServer { server in
            let secret = try await Fixtures.token(for: Fixtures.reader, on: server)
            // Back to the schema before 016, with the token still there, and forward again, on one connection as
            // a migrating process would. (Raw SQL: Fluent's SQLite driver skips dropping columns.)
            try await server.db.withConnection { db in
                let sql = try #require(db as? any SQLDatabase)
                try await sql.raw("ALTER TABLE api_tokens DROP COLUMN scope").run()
                try await sql.raw("ALTER TABLE api_tokens DROP COLUMN expires_at").run()
                try await AddTokenExpiryAndScope().prepare(on: db)
            }
            let token = try await Self.token(secret, on: server)
            #expect(token.scope == APITokenScope.full.rawValue)
            #expect(abs((token.expiresAt ?? .distantPast).timeIntervalSinceNow - 365 * 24 * 3600) < 3600)
            try await #expect(server.client().api(.POST, "/api/v1/principles", token: Fixtures.token(for: Fixtures.strategyTeam, on: server),
                                                  json: ["title": "Nach der Migration"]).status == .created)
            try await #expect(server.client().api(.GET, "/api/v1/me", token: secret).status == .ok)
        }
    }

    @Test("a read-only token reads, and every other method is refused with 403 saying the token is read-only")
    func readOnly() async throws {
        try await withServer { server in
            let secret = try await Operations.createToken(server.app, email: Fixtures.strategyTeam, municipalitySlug: "musterstadt",
                                                          name: "Lesen", readOnly: true)
            let client = server.client()
            try await #expect(client.api(.GET, "/api/v1/goals", token: secret).status == .ok)
            try await #expect(client.api(.HEAD, "/api/v1/goals", token: secret).status == .ok)
            let me = try await client.api(.GET, "/api/v1/me", token: secret)
            #expect((try me.jsonObject()["token"] as? [String: Any])?["scope"] as? String == "readOnly")
            let before = try await StrategyElement.query(on: server.db).count()
            let goal = try await Fixtures.firstElement(.goal, on: server)
            for (method, path) in [(HTTPMethod.POST, "/api/v1/goals"), (.PATCH, "/api/v1/goals/\(try goal.requireID())"),
                                   (.POST, "/api/v1/projects/similar"), (.DELETE, "/api/v1/members/\(UUID())"), (.PUT, "/api/v1/vision")] {
                let refused = try await client.api(method, path, token: secret, json: ["title": "Neu", "vision": "x"])
                #expect(refused.status == .forbidden, "\(method) \(path)")
                #expect(refused.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
                let detail = try refused.jsonObject()["detail"] as? String ?? ""
                #expect(detail.contains("nur lesen") || detail.contains("read-only"), "\(detail)")
            }
            #expect(try await StrategyElement.query(on: server.db).count() == before)
            // The same person with a full token may write.
            let full = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await #expect(client.api(.POST, "/api/v1/principles", token: full, json: ["title": "Neu"]).status == .created)
        }
    }

    @Test("Mein Konto creates tokens with the chosen lifetime and scope, lists both, names bad choices, and logs creating and revoking")
    func accountPage() async throws {
        try await withServer { server in
            let musterstadt = try await Fixtures.musterstadt(on: server).requireID().uuidString
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            try await browser.get("/account")
            let made = try await browser.post("/account/tokens", [("name", "Auswertung"), ("municipality", musterstadt),
                                                                  ("scope", "readOnly"), ("expiresInDays", "30")])
            #expect(made.status == .ok)
            let secret = try #require(made.body.range(of: "<code id=\"new-token\">").map { made.body[$0.upperBound...].prefix { $0 != "<" } }.map(String.init))
            let token = try await Self.token(secret, on: server)
            #expect(token.scope == "readOnly")
            #expect(abs((token.expiresAt ?? .distantPast).timeIntervalSinceNow - 30 * 24 * 3600) < 3600)
            let page = try await browser.get("/account")
            #expect(page.body.contains("nur lesen"))
            #expect(page.body.contains("<select id=\"expiresInDays\" name=\"expiresInDays\">"))

            let never = try await browser.post("/account/tokens", [("name", "Dauer"), ("municipality", musterstadt), ("expiresInDays", "never")])
            #expect(never.status == .ok)
            let lasting = try #require(try await APIToken.query(on: server.db).filter(\.$name == "Dauer").first())
            #expect(lasting.expiresAt == nil && lasting.scope == "full")
            try await #expect(browser.get("/account").body.contains("unbegrenzt"))

            for (field, value) in [("expiresInDays", "0"), ("expiresInDays", "viele"), ("expiresInDays", "3651"), ("scope", "admin")] {
                let refused = try await browser.post("/account/tokens", [("name", "Falsch"), ("municipality", musterstadt), (field, value)])
                #expect(refused.status == .unprocessableEntity, "\(field)=\(value)")
                #expect(refused.body.contains("id=\"\(field)-error\""), "\(field)=\(value)")
            }
            #expect(try await APIToken.query(on: server.db).filter(\.$name == "Falsch").count() == 0)

            try await #expect(browser.post("/account/tokens/\(token.requireID())/revoke", []).status == .seeOther)
            try await #expect(server.client().api(.GET, "/api/v1/goals", token: secret).status == .unauthorized)
            #expect(try await Self.events(.tokenCreated, on: server).filter { $0.email == Fixtures.reader }.count == 2)
            let revoked = try await Self.events(.tokenRevoked, on: server)
            #expect(revoked.count == 1 && revoked.first?.detail.hasPrefix("Auswertung") == true)
            #expect(revoked.first?.clientAddress == "127.0.0.1")
        }
    }
}
