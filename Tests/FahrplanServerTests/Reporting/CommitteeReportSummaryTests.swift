import FahrplanCore
@testable import FahrplanServer
import AsyncHTTPClient
import Fluent
import Foundation
import Testing

/// The committee's summary over HTTP (SQLite, and PostgreSQL with TEST_DATABASE_URL): projects in progress counted
/// by light, only those needing attention listed, `?detail=full` lists every one; the strategy versions adopted
/// in the period on the page, the print view, the API and the DOCX.
@Suite("Committee report: summary, full listing, strategy versions")
struct CommitteeReportSummaryTests {
    typealias F = CommitteeReportFixture

    /// A fifth project, in implementation and green before and within the period: it needs no attention.
    static func greenProject(_ server: TestServer, _ f: F) async throws -> Project {
        let db = server.db
        let project = try #require(try await Project.query(on: db).filter(\.$municipality.$id == f.municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil).sort(\.$code).range(4..<5).first())
        project.status = ProjectStatus.inProgress.rawValue
        try await project.save(on: db)
        try await ProjectStrategyLink.query(on: db).filter(\.$project.$id == project.requireID()).delete()
        try await ProjectStrategyLink(municipalityID: f.municipalityID, projectID: project.requireID(), elementID: f.field.requireID()).create(on: db)
        for (day, obstacle) in [("2025-11-01", nil as String?), ("2026-10-01", "Kleines Hindernis im Grünen")] {
            try await ProjectStatusReport(municipalityID: f.municipalityID, projectID: project.requireID(), report: StatusReport(
                reportedOn: CalendarDay(iso: day)!, schedule: StatusLight(.green), budget: StatusLight(.green), scope: StatusLight(.green),
                percentComplete: 40, obstacles: obstacle)).create(on: db)
        }
        return project
    }

    /// The bytes of a page download with the browser's cookies (the test client reads bodies as text).
    static func download(_ server: TestServer, _ browser: TestClient, _ path: String) async throws -> Data {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.headers.add(name: "Cookie", value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        let response = try await server.http.execute(request, timeout: .seconds(120))
        try #require(response.status == .ok)
        var body = try await response.body.collect(upTo: 50 * 1024 * 1024)
        return body.readData(length: body.readableBytes) ?? Data()
    }

    @Test("summary: counts by light, the red project listed, the green one counted with a link to the full listing; full lists both")
    func summaryAndFull() async throws {
        try await withServer { server in
            let f = try await F.make(server)
            let green = try await Self.greenProject(server, f)
            let browser = server.client()
            try await browser.login(Fixtures.reader)

            let page = try await browser.get("/m/musterstadt/reports/committee?" + F.period)
            #expect(page.status == .ok)
            // The demo's other projects in implementation under this field have no status report: counted as such.
            #expect(page.body.contains(" in Umsetzung: "), "counts line")
            #expect(page.body.contains(" ohne Statusbericht"))
            #expect(page.body.contains("1 grün") && page.body.contains("1 rot"))
            #expect(page.body.contains(f.running.code + " "), "the red project is listed")
            #expect(page.body.contains("Verzug bei der Vergabe"))
            #expect(!page.body.contains(green.code + " " + green.title), "the green project is only counted")
            #expect(page.body.contains(" weitere Projekte in Umsetzung ohne Handlungsbedarf"))
            #expect(page.body.contains("href=\"/m/musterstadt/reports/committee?from=2026-01-01&amp;to=2026-12-06&amp;detail=full#field-1\""))
            #expect(!page.body.contains("Kleines Hindernis im Grünen"), "the green project's obstacle is counted, not listed")
            #expect(page.body.contains("1 weitere Hindernisse"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains("<script>alert(1)"))

            let full = try await browser.get("/m/musterstadt/reports/committee?" + F.period + "&detail=full")
            #expect(full.status == .ok)
            #expect(full.body.contains(green.code + " " + green.title) && full.body.contains(f.running.code + " "))
            #expect(full.body.contains("Kleines Hindernis im Grünen"))
            #expect(!full.body.contains("weitere Projekte in Umsetzung"))
            #expect(full.body.contains("id=\"report-summary-link\""))
            #expect(full.body.contains("href=\"/m/musterstadt/reports/committee/docx?from=2026-01-01&amp;to=2026-12-06&amp;detail=full\""))

            let print = try await browser.get("/m/musterstadt/reports/committee/print?" + F.period)
            #expect(print.status == .ok && !print.body.contains(green.code + " " + green.title))
            let printFull = try await browser.get("/m/musterstadt/reports/committee/print?" + F.period + "&detail=full")
            #expect(printFull.body.contains(green.code + " " + green.title))

            let english = try await browser.get("/m/musterstadt/reports/committee?" + F.period + "&lang=en")
            #expect(english.body.contains(" in progress: ") && english.body.contains(" further projects in progress needing no attention"))

            // The API keeps every project, says which need attention, and counts by light.
            let api = try await APIConformance(server: server)
            let report = try await api.call(.GET, "/api/v1/reports/committee", query: F.period, token: f.reader, expect: .ok).value()
            let section = try #require(report["sections"]?.array?.first { $0["fieldId"]?.string == (try? f.field.requireID().uuidString) })
            #expect(section["lights"]?["green"] == .number(1) && section["lights"]?["red"] == .number(1))
            #expect(section["lights"]?["needingAttention"] == .number(1))
            let rows = section["inProgress"]?.array ?? []
            #expect(rows.first { $0["code"]?.string == green.code }?["needsAttention"] == .bool(false))
            #expect(rows.first { $0["code"]?.string == f.running.code }?["needsAttention"] == .bool(true))

            // DOCX: summary by default, full on request.
            let docx = try await Self.download(server, browser, "/m/musterstadt/reports/committee/docx?" + F.period)
            let summaryXML = try F.documentXML(docx)
            #expect(summaryXML.contains(f.running.code) && !summaryXML.contains(green.title))
            let fullXML = try F.documentXML(try await Self.download(server, browser, "/m/musterstadt/reports/committee/docx?" + F.period + "&detail=full"))
            #expect(fullXML.contains(green.title))
        }
    }

    @Test("strategy versions adopted in the period: page, print view, API and DOCX; one outside the period is not named")
    func versions() async throws {
        try await withServer { server in
            let f = try await F.make(server)
            let api = try await APIConformance(server: server)
            for (name, day) in [("Fortschreibung im Zeitraum <b>", "2026-03-15"), ("Alte Fassung", "2025-06-01")] {
                try await api.call(.POST, "/api/v1/strategy-versions", token: f.team,
                                   json: ["name": name, "adoptedOn": day, "adoptedBy": "Rat der Stadt"], expect: .created)
            }
            let report = try await api.call(.GET, "/api/v1/reports/committee", query: F.period, token: f.reader, expect: .ok).value()
            let versions = report["versions"]?.array ?? []
            #expect(versions.map { $0["name"]?.string } == ["Fortschreibung im Zeitraum <b>"])
            #expect(versions.first?["adoptedOn"]?.string == "2026-03-15" && versions.first?["adoptedBy"]?.string == "Rat der Stadt")
            let past = try await api.call(.GET, "/api/v1/reports/committee", query: "from=2025-01-01&to=2025-12-31", token: f.reader,
                                          expect: .ok).value()
            #expect(past["versions"]?.array?.map { $0["name"]?.string } == ["Alte Fassung"])

            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let page = try await browser.get("/m/musterstadt/reports/committee?" + F.period)
            #expect(page.body.contains("Im Zeitraum beschlossene Strategieversionen"))
            #expect(page.body.contains("Fortschreibung im Zeitraum &lt;b&gt;") && !page.body.contains("Alte Fassung"))
            #expect(page.body.contains("<time datetime=\"2026-03-15\">15.03.2026</time>"))
            let print = try await browser.get("/m/musterstadt/reports/committee/print?" + F.period + "&lang=en")
            #expect(print.body.contains("Strategy versions adopted in the period") && print.body.contains("Fortschreibung im Zeitraum"))
            let xml = try F.documentXML(try await Self.download(server, browser, "/m/musterstadt/reports/committee/docx?" + F.period))
            #expect(xml.contains("Fortschreibung im Zeitraum &lt;b&gt;") && !xml.contains("Alte Fassung"))
            let empty = try await browser.get("/m/musterstadt/reports/committee?from=2024-01-01&to=2024-12-31&lang=de")
            #expect(empty.body.contains("Keine Strategieversion in diesem Zeitraum beschlossen."))
        }
    }
}
