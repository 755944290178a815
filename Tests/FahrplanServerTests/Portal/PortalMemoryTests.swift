@testable import FahrplanServer
import Foundation
import Testing

/// With `FAHRPLAN_PORTAL_REVALIDATE` above 0 (production), a page whose head and rendering are remembered is answered
/// on the event loop without a task or a database read (`PortalPublicController.fromMemory`). Over real HTTP, on a
/// clock the test moves: the same bytes and validators as the full path, per language and page; a page that is not
/// there is never answered from memory; a change shows once the head is read again.
@Suite("Portal: pages answered from memory")
struct PortalMemoryTests {
    @Test("remembered pages: same body, tag and 304; per language and project; 404 stays 404; a change shows after the revalidation")
    func fromMemory() async throws {
        try await withServer { server in
            let s = try await PortalTests.setUp(server)
            let clock = PortalHeadCacheTests.Clock()
            let cache = PortalCache(headSeconds: 60, now: { clock.now() })
            server.app.portalCache = cache
            let visitor = server.client()

            #expect(cache.remembered(slug: "musterstadt", key: "start|de") == nil)
            let first = try await visitor.get("/p/musterstadt")
            #expect(first.status == .ok)
            let tag = try #require(first.headers.first(name: "ETag"))
            let remembered = try #require(cache.remembered(slug: "musterstadt", key: "start|de"))
            #expect(remembered.eTag == tag)

            let second = try await visitor.get("/p/musterstadt")
            #expect(second.status == .ok)
            #expect(second.body == first.body)
            #expect(second.headers.first(name: "ETag") == tag)
            #expect(second.headers.first(name: "Cache-Control") == first.headers.first(name: "Cache-Control"))
            #expect(second.headers.first(name: "Content-Language") == "de")
            #expect(second.headers.first(name: "Set-Cookie") == nil)
            let notModified = try await visitor.get("/p/musterstadt", headers: ["If-None-Match": tag])
            #expect(notModified.status == .notModified)
            #expect(notModified.body.isEmpty)

            let english = try await visitor.get("/p/musterstadt?lang=en")
            #expect(english.status == .ok)
            #expect(english.headers.first(name: "Content-Language") == "en")
            #expect(english.headers.first(name: "ETag") != tag)
            let englishAgain = try await visitor.get("/p/musterstadt?lang=en")
            #expect(englishAgain.body == english.body)
            // The language is read from the raw address: other parameters, case and percent-encoding as before.
            #expect(try await visitor.get("/p/musterstadt?x=1&lang=EN").headers.first(name: "Content-Language") == "en")
            #expect(try await visitor.get("/p/musterstadt?lang=%65n").headers.first(name: "Content-Language") == "en")
            #expect(try await visitor.get("/p/musterstadt?lang=fr").headers.first(name: "Content-Language") == "de")
            #expect(try await visitor.get("/p/musterstadt?language=en").headers.first(name: "Content-Language") == "de")

            let projectPath = "/p/musterstadt/projects/\(s.publicID.uuidString)"
            let project = try await visitor.get(projectPath)
            #expect(project.status == .ok)
            #expect(cache.remembered(slug: "musterstadt", key: "project|\(s.publicID.uuidString)|de") != nil)
            #expect(try await visitor.get(projectPath).body == project.body)

            // Not public: the full path's 404 every time, never remembered as a page.
            let secretPath = "/p/musterstadt/projects/\(s.secretID.uuidString)"
            for _ in 0..<2 { #expect(try await visitor.get(secretPath).status == .notFound) }
            #expect(cache.remembered(slug: "musterstadt", key: "project|\(s.secretID.uuidString)|de")?.eTag.isEmpty ?? true)

            // Nothing public any more: within the revalidation the remembered page stays; after it the change shows.
            let hide = try await visitor.api(.PUT, "/api/v1/portal/settings", token: s.team, json: [
                "published": true, "contactEmail": "barrierefrei@musterstadt.example", "statementDate": "2026-01-15",
                "publicProjectIDs": [String]()])
            #expect(hide.status == .ok)
            #expect(try await visitor.get("/p/musterstadt").headers.first(name: "ETag") == tag)
            clock.advance(seconds: 61)
            let changed = try await visitor.get("/p/musterstadt")
            #expect(changed.status == .ok)
            #expect(changed.headers.first(name: "ETag") != tag)
            #expect(!changed.body.contains("Öffentliches"))
            #expect(try await visitor.get(projectPath).status == .notFound)
        }
    }
}
