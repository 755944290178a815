import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NIOHTTP1
import Testing

/// Newsletter issues over real HTTP (SQLite, and PostgreSQL with TEST_DATABASE_URL): a draft collects what is new
/// since the last issue, editors add their text, publishing freezes the content; no content, bad windows and
/// stale edits refused; hostile text escaped in the page, the mail HTML and the Atom feed.
@Suite("Newsletter: drafts, publishing, renderings")
struct NewsletterTests {
    /// `<script>`, quotes, an ampersand, a CDATA end and control characters, as someone might type into a report.
    static let hostile = "<script>alert(\"x\")</script> & ]]> 'q' \u{0001}\u{0008}\u{FFFF} Ende"

    /// The same without control characters, which forms refuse (`controlCharacters`).
    static let markup = "<script>alert(\"x\")</script> & ]]> 'q' Ende"

    struct Setup {
        var api: APIConformance
        var team: String
        var reader: String
        var municipalityID: UUID
        var projectID: UUID
    }

    /// 6 December 2026; Musterstadt without newsletters; its running project reached a milestone on 1 December and
    /// reported a (hostile) obstacle today (the newest report of the window).
    static func setUp(_ server: TestServer) async throws -> Setup {
        server.app.municipalCalendar = .fixed(at: MonitoringAPIFixture.today)
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        try await NewsletterRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        let project = try await MonitoringAPIExercise.runningProject(on: server)
        let projectID = try project.requireID()
        try await milestone("Pilot im Bürgeramt", due: "2026-12-01", done: "2026-12-01", municipalityID: municipalityID, projectID: projectID, on: server)
        try await ProjectStatusReport(municipalityID: municipalityID, projectID: projectID, report: StatusReport(
            reportedOn: CalendarDay(iso: "2026-12-06")!, schedule: StatusLight(.yellow, reason: "Lieferung"), budget: StatusLight(.green),
            scope: StatusLight(.green), percentComplete: 40, obstacles: hostile, lessonsLearned: "Früh mit dem Personalrat sprechen."))
            .create(on: server.db)
        return Setup(api: try await APIConformance(server: server), team: try await Fixtures.token(for: Fixtures.strategyTeam, on: server),
                     reader: try await Fixtures.token(for: Fixtures.reader, on: server), municipalityID: municipalityID, projectID: projectID)
    }

    static func milestone(_ title: String, due: String, done: String?, municipalityID: UUID, projectID: UUID, on server: TestServer) async throws {
        let row = ProjectMilestone()
        row.id = UUID(); row.$municipality.id = municipalityID; row.$project.id = projectID
        row.title = title; row.dueOn = due; row.doneOn = done; row.createdOn = "2026-01-01"; row.version = 1
        try await row.create(on: server.db)
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        try response.value()["errors"]?.array?.compactMap { $0["field"]?.string } ?? []
    }

    @Test("a draft collects the news since the last issue; publishing freezes it; a published issue is not edited again; audit trail")
    func draftPublishFreeze() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let created = try await s.api.call(.POST, "/api/v1/newsletters", token: s.team,
                                               json: ["sinceOn": "2026-11-01", "editorial": "**Hallo** zusammen <b>roh</b>"], expect: .created)
            let draft = try created.value()
            let id = try #require(draft["id"]?.string)
            #expect(created.location == "/api/v1/newsletters/\(id)")
            #expect(draft["number"] == .number(1))
            #expect(draft["state"] == .string("draft"))
            #expect(draft["issueOn"] == .string("2026-12-06"))
            #expect(draft["content"]?["milestonesReached"]?.array?.contains { $0["milestone"]?.string == "Pilot im Bürgeramt" } == true)
            #expect(draft["content"]?["obstacles"]?.array?.contains { $0["text"]?.string?.contains("<script>") == true } == true)
            #expect(draft["editorialHtml"]?.string?.contains("<strong>Hallo</strong>") == true)
            #expect(draft["editorialHtml"]?.string?.contains("<b>") == false)
            let p = ["newsletter": id]

            // Drafts are the strategy team's: a reader neither lists nor reads them, nor writes.
            let readerList = try await s.api.call(.GET, "/api/v1/newsletters", token: s.reader, expect: .ok).value()
            #expect(readerList["items"]?.array?.isEmpty == true)
            try await s.api.call(.GET, "/api/v1/newsletters/{newsletter}", p, token: s.reader, expect: .notFound)
            try await s.api.call(.POST, "/api/v1/newsletters", token: s.reader, json: ["title": "Nein"], expect: .forbidden)

            // Stale edit: 412, nothing changed.
            try await s.api.call(.PUT, "/api/v1/newsletters/{newsletter}", p, token: s.team,
                                 json: ["title": "Alt", "sinceOn": "2026-11-01", "issueOn": "2026-12-06"], headers: ["If-Match": "\"7\""],
                                 expect: .preconditionFailed)
            let changed = try await s.api.call(.PUT, "/api/v1/newsletters/{newsletter}", p, token: s.team,
                                               json: ["title": "digital.kanal Dezember", "sinceOn": "2026-11-01", "issueOn": "2026-12-06",
                                                      "editorial": "**Hallo** zusammen <b>roh</b>"],
                                               headers: ["If-Match": created.headers.first(name: "ETag") ?? ""], expect: .ok)
            #expect(changed.headers.first(name: "ETag") == "\"2\"")

            // Renderings: text in 72 columns, the HTML escapes everything people typed.
            let text = try await s.api.call(.GET, "/api/v1/newsletters/{newsletter}/txt", p, token: s.team, expect: .ok).body
            let long = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.count > 72 }
            #expect(long.isEmpty, "lines over 72: \(long)")
            // Wrapped: the words may stand on two lines.
            #expect(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("Pilot im Bürgeramt"))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
            let html = try await s.api.call(.GET, "/api/v1/newsletters/{newsletter}/html", p, token: s.team, expect: .ok).body
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt;"))
            #expect(html.contains("&lt;b&gt;roh"))
            #expect(html.contains("style=\""))
            #expect(!html.contains("<style") && !html.contains("<link") && !html.contains("<img"))
            #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0xFFFF })

            let published = try await s.api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", p, token: s.team,
                                                 headers: ["If-Match": "\"2\""], expect: .ok).value()
            #expect(published["state"] == .string("published"))
            #expect(published["publishedOn"] == .string("2026-12-06"))
            let reached = published["content"]?["milestonesReached"]?.array?.count

            // Frozen: a milestone reached later in the window does not enter the published issue.
            try await Self.milestone("Nachzügler", due: "2026-12-03", done: "2026-12-03", municipalityID: s.municipalityID, projectID: s.projectID, on: server)
            let read = try await s.api.call(.GET, "/api/v1/newsletters/{newsletter}", p, token: s.reader, expect: .ok).value()
            #expect(read["content"]?["milestonesReached"]?.array?.count == reached)
            #expect(read["content"]?["milestonesReached"]?.array?.contains { $0["milestone"]?.string == "Nachzügler" } == false)

            // Not edited again, not published twice.
            let edit = try await s.api.call(.PUT, "/api/v1/newsletters/{newsletter}", p, token: s.team,
                                            json: ["title": "Später", "sinceOn": "2026-11-01", "issueOn": "2026-12-06"], expect: .unprocessableEntity)
            #expect(try Self.fields(edit) == ["state"])
            try await s.api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", p, token: s.team, expect: .unprocessableEntity)
            try await s.api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", p, token: s.reader, expect: .forbidden)

            let events = try await AuditEvent.query(on: server.db).filter(\.$entityType == "newsletter").all()
            #expect(events.map(\.action).sorted() == ["create", "update", "update"])
            #expect(try await s.api.call(.GET, "/api/v1/newsletters", token: s.reader, expect: .ok).value()["items"]?.array?.count == 1)

            // The next draft starts where this one ended.
            let next = try await s.api.call(.POST, "/api/v1/newsletters", token: s.team, json: ["editorial": "Kurz"], expect: .created).value()
            #expect(next["number"] == .number(2))
            #expect(next["sinceOn"] == .string("2026-12-06"))
        }
    }

    @Test("a newsletter without content is refused naming `content` and nothing is written; an issue day before the start names `issueOn`")
    func noContent() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let empty = try await s.api.call(.POST, "/api/v1/newsletters", token: s.team,
                                             json: ["title": "Leer", "sinceOn": "2019-01-01", "issueOn": "2019-01-31"], expect: .created).value()
            #expect(empty["content"] == nil || empty["content"] == .null)
            #expect(empty["contentProblems"] == .array([.string("content")]))
            let p = ["newsletter": try #require(empty["id"]?.string)]
            let refused = try await s.api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", p, token: s.team, expect: .unprocessableEntity)
            #expect(try Self.fields(refused) == ["content"])
            try await s.api.call(.GET, "/api/v1/newsletters/{newsletter}/txt", p, token: s.team, expect: .unprocessableEntity)
            let stored = try #require(try await NewsletterRecord.find(UUID(uuidString: p["newsletter"]!), on: server.db))
            #expect(stored.state == "draft" && stored.version == 1 && stored.digestJSON == nil)

            let backwards = try await s.api.call(.POST, "/api/v1/newsletters", token: s.team,
                                                 json: ["title": "Rückwärts", "sinceOn": "2026-12-01", "issueOn": "2026-11-01"], expect: .unprocessableEntity)
            #expect(try Self.fields(backwards) == ["issueOn"])
            let blank = try await s.api.call(.POST, "/api/v1/newsletters", token: s.team,
                                             json: ["title": " ", "sinceOn": "kein Tag", "issueOn": "2026-11-01"], expect: .unprocessableEntity)
            #expect(try Self.fields(blank) == ["title", "sinceOn"])

            // The page says what to do, in German.
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let page = try await browser.get("/m/musterstadt/newsletter/\(p["newsletter"]!)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Diese Ausgabe hat keinen Inhalt"))
            #expect(!page.body.contains("id=\"publish-newsletter\""))
            let publish = try await browser.post("/m/musterstadt/newsletter/\(p["newsletter"]!)/publish", [("version", "1")])
            #expect(publish.status == .unprocessableEntity)
            #expect(publish.body.contains("Diese Ausgabe hat keinen Inhalt"))
        }
    }

    @Test("pages: new draft through the form, preview, publish; hostile text escaped on the page, in the mail HTML and in a well-formed Atom feed")
    func pagesAndFeed() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            #expect(try await browser.get("/m/musterstadt/newsletter").status == .ok)
            let form = try await browser.get("/m/musterstadt/newsletter/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("value=\"06.12.2026\""))
            let bad = try await browser.post("/m/musterstadt/newsletter/new", [("title", ""), ("sinceOn", "01.11.2026"), ("issueOn", "06.12.2026")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("id=\"title-error\""))
            let title = "Dezember <img src=x onerror=alert(1)> & Co"
            let created = try await browser.post("/m/musterstadt/newsletter/new", [("title", title), ("sinceOn", "01.11.2026"),
                                                                                  ("issueOn", "06.12.2026"), ("editorial", Self.markup)])
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            let show = try await browser.get(location)
            #expect(show.status == .ok)
            #expect(!show.body.contains("<script>alert") && !show.body.contains("<img src=x"))
            #expect(show.body.contains("Pilot im Bürgeramt"))
            #expect(show.body.contains("id=\"publish-newsletter\""))
            let path = String(location.split(separator: "?").first ?? "")
            let download = try await browser.get(path + "/html")
            #expect(download.headers.first(name: "Content-Disposition")?.hasPrefix("attachment") == true)
            #expect(!download.body.contains("<script>") && !download.body.contains("<img"))
            let published = try await browser.post(path + "/publish", [])
            #expect(published.status == .seeOther)
            let after = try await browser.get(path)
            #expect(after.body.contains("nicht mehr bearbeitet"))
            #expect(!after.body.contains("id=\"edit-newsletter\""))
            #expect(try await browser.get(path + "/edit").status == .seeOther)

            let feed = try await browser.get("/m/musterstadt/newsletter/feed.atom")
            #expect(feed.status == .ok)
            #expect(feed.headers.first(name: "Content-Type")?.hasPrefix("application/atom+xml") == true)
            #expect(!feed.body.contains("<script>") && !feed.body.contains("<img"))
            let parser = XMLParser(data: Data(feed.body.utf8))
            #expect(parser.parse(), "the feed is not well-formed XML: \(String(describing: parser.parserError))")
            #expect(feed.body.contains("Dezember &lt;img src=x onerror=alert(1)&gt; &amp; Co"))

            // Readers see the published issue and the feed, not the form.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            #expect(try await reader.get(path).status == .ok)
            #expect(try await reader.get("/m/musterstadt/newsletter/new").status == .forbidden)
            #expect(try await reader.get("/m/musterstadt/newsletter/feed.atom").status == .ok)
            _ = s
        }
    }

    @Test("the portal's reads: the latest published issue and the list, published only and per municipality")
    func portalReads() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            #expect(try await NewsletterService.latestPublished(municipalityID: s.municipalityID, on: server.db) == nil)
            for number in 1...2 {
                let id = try #require(try await s.api.call(.POST, "/api/v1/newsletters", token: s.team, json: ["editorial": "Ausgabe \(number) <i>x</i>"],
                                                           expect: .created).value()["id"]?.string)
                try await s.api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", ["newsletter": id], token: s.team, expect: .ok)
            }
            try await s.api.call(.POST, "/api/v1/newsletters", token: s.team, json: ["editorial": "Entwurf"], expect: .created)
            let latest = try #require(try await NewsletterService.latestPublished(municipalityID: s.municipalityID, on: server.db))
            #expect(latest.number == 2)
            #expect(latest.editorialHTML.contains("&lt;i&gt;x"))
            #expect(latest.publishedOn.iso == "2026-12-06")
            #expect(try await NewsletterService.published(municipalityID: s.municipalityID, on: server.db).map(\.number) == [2, 1])
            #expect(try await NewsletterService.published(municipalityID: s.municipalityID, number: 1, on: server.db)?.number == 1)
            #expect(try await NewsletterService.published(municipalityID: s.municipalityID, number: 3, on: server.db) == nil)
            let other = try await Fixtures.otherMunicipality(on: server)
            #expect(try await NewsletterService.published(municipalityID: other.municipality.requireID(), on: server.db).isEmpty)
        }
    }
}
