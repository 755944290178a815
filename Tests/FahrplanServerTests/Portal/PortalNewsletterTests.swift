import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The portal's newsletter part: the newsletter is written for staff, so the portal shows a published issue only
/// with what concerns public projects, and nothing of it while the strategy team has the part switched off.
@Suite("Portal: published newsletters, restricted to public projects")
struct PortalNewsletterTests {
    @Test("an issue shows the public project's milestone and the editorial, never a non-public project's; the part can be switched off")
    func restrictedToPublicProjects() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: MonitoringAPIFixture.today)
            let s = try await PortalTests.setUp(server)
            try await NewsletterRecord.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).delete()
            try await NewsletterTests.milestone("Öffentlicher Meilenstein", due: "2026-12-01", done: "2026-12-01",
                                                municipalityID: s.municipalityID, projectID: s.publicID, on: server)
            try await NewsletterTests.milestone("GEHEIM-MEILENSTEIN", due: "2026-12-02", done: "2026-12-02",
                                                municipalityID: s.municipalityID, projectID: s.secretID, on: server)
            let api = try await APIConformance(server: server)
            let created = try await api.call(.POST, "/api/v1/newsletters", token: s.team,
                                             json: ["title": "digital.kanal Dezember", "sinceOn": "2026-11-01", "editorial": "Liebe Leserinnen"],
                                             expect: .created)
            let id = try #require(try created.value()["id"]?.string)
            #expect(created.body.contains("GEHEIM-MEILENSTEIN"), "the staff's issue has both projects")
            try await api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", ["newsletter": id], token: s.team,
                               headers: ["If-Match": created.headers.first(name: "ETag") ?? ""], expect: .ok)

            let visitor = server.client()
            let start = try await visitor.get("/p/musterstadt")
            #expect(start.body.contains("digital.kanal Dezember"))
            #expect(start.body.contains("/p/musterstadt/newsletter/1"))
            for path in ["/p/musterstadt/newsletter/1", "/p/musterstadt/newsletter/1?lang=en", "/p/musterstadt/feed.atom"] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(!response.body.contains("GEHEIM-MEILENSTEIN"), "\(path) shows a non-public project's milestone")
                PortalTests.expectClean(response.body, path)
            }
            let issue = try await visitor.get("/p/musterstadt/newsletter/1").body
            #expect(issue.contains("Öffentlicher Meilenstein"))
            #expect(issue.contains("Liebe Leserinnen"))
            #expect(try await visitor.get("/p/musterstadt/newsletter/1?lang=en").body.contains("Milestones reached"))

            // Switched off: no teaser, and the issue is as unknown as any number.
            let settings = try await api.call(.GET, "/api/v1/portal/settings", token: s.team, expect: .ok)
            try await api.call(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": true, "contactEmail": "barrierefrei@musterstadt.example", "statementDate": "2026-01-15",
                "parts": ["vision", "fieldsOfAction", "goals", "kpis", "roadmap"], "publicProjectIDs": [s.publicID.uuidString]],
                headers: ["If-Match": settings.headers.first(name: "ETag") ?? ""], expect: .ok)
            #expect(try await visitor.get("/p/musterstadt").body.contains("digital.kanal Dezember") == false)
            #expect(try await visitor.get("/p/musterstadt/newsletter/1").status == .notFound)
            #expect(try await visitor.get("/p/musterstadt/feed.atom").body.contains("digital.kanal") == false)
        }
    }
}
