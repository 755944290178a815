import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The public transparency portal over real HTTP (SQLite, and PostgreSQL with TEST_DATABASE_URL): nothing that is
/// not marked public appears in page, feed or API; every "not there" is the same 404; conditional requests; the
/// strategy team's settings page and API with their problems by field.
@Suite("Portal: public pages, feed, API, settings")
struct PortalTests {
    static let hostile = "<script>alert('NICHT-OEFFENTLICH')</script>&\"GEHEIM-PROJEKT"
    static let publicTitle = "Öffentliches <b>Projekt</b> & Co"

    struct Setup {
        var municipalityID: UUID
        var publicID: UUID
        var secretID: UUID
        var team: String
    }

    /// Musterstadt with one public project (a title with markup) and one that is not public (a hostile title).
    static func setUp(_ server: TestServer, publish: Bool = true) async throws -> Setup {
        let municipality = try await Fixtures.musterstadt(on: server)
        let municipalityID = try municipality.requireID()
        let projects = try await Project.query(on: server.db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).limit(2).all()
        try #require(projects.count == 2)
        projects[0].title = publicTitle
        projects[1].title = hostile
        projects[1].summary = hostile
        for project in projects { try await project.save(on: server.db) }
        let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
        if publish {
            let client = server.client()
            let response = try await client.api(.PUT, "/api/v1/portal/settings", token: team, json: [
                "published": true, "contactEmail": "barrierefrei@musterstadt.example", "statementDate": "2026-01-15",
                "publicProjectIDs": [projects[0].id!.uuidString]])
            #expect(response.status == .ok, "\(response.body)")
        }
        return Setup(municipalityID: municipalityID, publicID: projects[0].id!, secretID: projects[1].id!, team: team)
    }

    static func expectClean(_ text: String, _ place: String) {
        #expect(!text.contains("NICHT-OEFFENTLICH"), "\(place) shows the non-public project")
        #expect(!text.contains("GEHEIM-PROJEKT"), "\(place) shows the non-public project")
        #expect(!text.contains(Fixtures.OtherMunicipality.marker), "\(place) shows another municipality")
        #expect(!text.contains("<script"), "\(place) carries a script")
    }

    @Test("only public projects appear in page, list, feed and API; the rest is the same 404 as an unknown id")
    func onlyPublic() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            _ = try await Fixtures.otherMunicipality(on: server)
            let visitor = server.client()
            let start = try await visitor.get("/p/musterstadt")
            #expect(start.status == .ok)
            #expect(start.body.contains("Öffentliches &lt;b&gt;Projekt&lt;/b&gt; &amp; Co"))
            #expect(start.headers.first(name: "Set-Cookie") == nil)
            #expect(start.headers.first(name: "Cache-Control") == "public, max-age=60")
            #expect(!start.body.contains("<script"))
            Self.expectClean(start.body, "start page")
            for path in ["/p/musterstadt/projects", "/p/musterstadt/projects/\(s.publicID.uuidString)", "/p/musterstadt/barrierefreiheit",
                         "/p/musterstadt/feed.atom", "/api/v1/public/musterstadt", "/p/musterstadt?lang=en", "/p/musterstadt/feed.atom?lang=en"] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.first(name: "Set-Cookie") == nil, "\(path)")
                Self.expectClean(response.body, path)
            }
            let api = try await visitor.get("/api/v1/public/musterstadt").jsonObject()
            let ids = (api["projects"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(ids == [s.publicID.uuidString])
            let feed = try await visitor.get("/p/musterstadt/feed.atom")
            #expect(feed.headers.first(name: "Content-Type")?.hasPrefix("application/atom+xml") == true)
            #expect(feed.body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))

            // The 404 page links its own address in the other language; apart from that address, every "not there"
            // is the same page, so a secret id cannot be told from an unknown one.
            func notThere(_ path: String) async throws -> (status: HTTPResponseStatus, cookie: String?, body: String) {
                let response = try await visitor.get(path)
                return (response.status, response.headers.first(name: "Set-Cookie"),
                        response.body.replacingOccurrences(of: path, with: "{path}"))
            }
            let unknown = try await notThere("/p/musterstadt/projects/\(UUID().uuidString)")
            let secret = try await notThere("/p/musterstadt/projects/\(s.secretID.uuidString)")
            let malformed = try await notThere("/p/musterstadt/projects/nonsense")
            let noTown = try await notThere("/p/gibt-es-nicht")
            for response in [unknown, secret, malformed, noTown] {
                #expect(response.status == .notFound)
                #expect(response.cookie == nil)
                Self.expectClean(response.body, "404")
            }
            #expect(unknown.body.contains("{path}?lang=en"))
            #expect(unknown.body == secret.body)
            #expect(unknown.body == noTown.body)
            #expect(unknown.body == malformed.body)
            // No newsletter published: its number is as unknown as any id.
            let noIssue = try await notThere("/p/musterstadt/newsletter/1")
            #expect(noIssue.status == .notFound)
            #expect(noIssue.body == unknown.body)
        }
    }

    @Test("unpublished or archived: 404 everywhere; publishing and marking change the entity tag")
    func publicationAndValidators() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server, publish: false)
            let visitor = server.client()
            #expect(try await visitor.get("/p/musterstadt").status == .notFound)
            #expect(try await visitor.get("/api/v1/public/musterstadt").status == .notFound)
            #expect(try await visitor.get("/p/musterstadt/feed.atom").status == .notFound)

            let put = try await visitor.api(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": true, "contactEmail": "barrierefrei@musterstadt.example", "statementDate": "2026-01-15"])
            #expect(put.status == .ok)
            let first = try await visitor.get("/p/musterstadt")
            #expect(first.status == .ok)
            let tag = try #require(first.headers.first(name: "ETag"))
            #expect(tag.hasPrefix("\"") && !tag.hasPrefix("W/"))
            #expect(!first.body.contains("Öffentliches"))
            let again = try await visitor.get("/p/musterstadt", headers: ["If-None-Match": tag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            if let modified = first.headers.first(name: "Last-Modified") {
                let since = try await visitor.get("/p/musterstadt", headers: ["If-Modified-Since": modified])
                #expect(since.status == .notModified)
            }

            // Marking a project public is visible at once: new tag, the project on the page.
            let mark = try await visitor.api(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": true, "contactEmail": "barrierefrei@musterstadt.example", "statementDate": "2026-01-15",
                "publicProjectIDs": [s.publicID.uuidString]])
            #expect(mark.status == .ok)
            let second = try await visitor.get("/p/musterstadt", headers: ["If-None-Match": tag])
            #expect(second.status == .ok)
            #expect(second.headers.first(name: "ETag") != tag)
            #expect(second.body.contains("Öffentliches"))
            // A project renamed through the service (audited) changes the page too.
            let context = try await Self.teamContext(server)
            _ = context
            // Archived municipality: 404 like an unknown one.
            let municipality = try await Fixtures.musterstadt(on: server)
            municipality.archivedAt = Date()
            try await municipality.save(on: server.db)
            #expect(try await visitor.get("/p/musterstadt").status == .notFound)
            #expect(try await visitor.get("/api/v1/public/musterstadt").status == .notFound)
        }
    }

    static func teamContext(_ server: TestServer) async throws -> MunicipalityContext {
        let municipality = try await Fixtures.musterstadt(on: server)
        let user = try await User.query(on: server.db).filter(\.$email == Fixtures.strategyTeam).first()!
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
    }

    @Test("settings: strategy team only; problems named by field, nothing half-written; stale version 412; audit trail")
    func settings() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server, publish: false)
            let api = server.client()
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            #expect(try await api.api(.GET, "/api/v1/portal/settings", token: reader).status == .forbidden)
            #expect(try await api.api(.GET, "/api/v1/portal/settings", token: nil).status == .unauthorized)
            let bad = try await api.api(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": true, "contactEmail": "kein-mail", "statementDate": "31.02.2026", "conformance": "meistens",
                "publicProjectIDs": [s.publicID.uuidString]])
            #expect(bad.status == .unprocessableEntity)
            let fields = Set(((try bad.jsonObject()["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["contactEmail", "statementDate", "conformance"])
            let unchanged = try await api.api(.GET, "/api/v1/portal/settings", token: s.team).jsonObject()
            #expect(unchanged["published"] as? Bool == false)
            #expect((unchanged["publicProjectIDs"] as? [String]) == [])
            let foreign = try await Fixtures.otherMunicipality(on: server)
            let otherProject = UUID()
            _ = foreign
            let unknownIDs = try await api.api(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": false, "publicProjectIDs": [otherProject.uuidString, "x"]])
            #expect(unknownIDs.status == .unprocessableEntity)

            let saved = try await api.api(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": false, "intro": "Hallo", "parts": ["vision", "roadmap"]])
            #expect(saved.status == .ok)
            let etag = try #require(saved.headers.first(name: "ETag"))
            var stale = HTTPHeaders()
            stale.add(name: "If-Match", value: "\"999\"")
            stale.add(name: "Authorization", value: "Bearer \(s.team)")
            stale.add(name: "Content-Type", value: "application/json")
            let conflict = try await api.send(.PUT, "/api/v1/portal/settings", headers: stale,
                                              body: Data(#"{"published": false, "intro": "Anders"}"#.utf8), useCookies: false)
            #expect(conflict.status == .preconditionFailed)
            #expect(etag == "\"1\"")
            let events = try await AuditEvent.query(on: server.db).filter(\.$municipality.$id == s.municipalityID)
                .filter(\.$entityType == "portalSettings").all()
            #expect(events.count == 1)

            // The web page: strategy team sees the form and the project list; the reader gets 403.
            let web = server.client()
            _ = try await web.login(Fixtures.strategyTeam)
            let page = try await web.get("/m/musterstadt/portal")
            #expect(page.status == .ok)
            #expect(page.body.contains("name=\"checked[]\""))
            let posted = try await web.post("/m/musterstadt/portal/projects", [("shown[]", s.publicID.uuidString), ("checked[]", s.publicID.uuidString)])
            #expect(posted.status == .seeOther)
            let after = try await api.api(.GET, "/api/v1/portal/settings", token: s.team).jsonObject()
            #expect((after["publicProjectIDs"] as? [String]) == [s.publicID.uuidString])
            let invalid = try await web.post("/m/musterstadt/portal", [("published", "on"), ("statementDate", "morgen")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("id=\"statementDate-error\""))
            let readerClient = server.client()
            _ = try await readerClient.login(Fixtures.reader)
            #expect(try await readerClient.get("/m/musterstadt/portal").status == .forbidden)
        }
    }
}
