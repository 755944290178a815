import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The committee report over real HTTP (SQLite, and PostgreSQL with TEST_DATABASE_URL): what the API, the page,
/// the print view and the DOCX say for a period; bad periods named by field; hostile text escaped; every member reads.
@Suite("Committee report: API, page, print view, DOCX")
struct CommitteeReportTests {
    typealias F = CommitteeReportFixture

    static func fields(_ response: TestResponse) throws -> [String] {
        try response.value()["errors"]?.array?.compactMap { $0["field"]?.string } ?? []
    }

    @Test("the API groups the period's projects by field: implemented, in progress with lights, planned; KPIs, budget, decisions, obstacles")
    func apiReport() async throws {
        try await withServer { server in
            let f = try await F.make(server)
            let api = try await APIConformance(server: server)
            let report = try await api.call(.GET, "/api/v1/reports/committee", query: F.period, token: f.reader, expect: .ok).value()
            #expect(report["period"]?["from"]?.string == "2026-01-01")
            #expect(report["period"]?["to"]?.string == "2026-12-06")
            let fieldID = try f.field.requireID().uuidString
            let section = try #require(report["sections"]?.array?.first { $0["fieldId"]?.string == fieldID })
            #expect(section["implemented"]?.array?.map { $0["code"]?.string } == [f.completed.code])
            #expect(section["implemented"]?.array?.first?["completedOn"]?.string == "2026-03-10")
            let running = try #require(section["inProgress"]?.array?.first { $0["code"]?.string == f.running.code })
            #expect(running["report"]?["reportedOn"]?.string == "2026-11-02")
            #expect(running["report"]?["overall"]?.string == "red")
            #expect(running["report"]?["schedule"]?["reason"]?.string == "Verzug bei der Vergabe")
            #expect(running["report"]?["percentComplete"] == .number(60))
            #expect(running["milestonesReached"]?.array?.map { $0["title"]?.string } == ["Ausschreibung"])
            #expect(running["nextMilestone"]?["title"]?.string == "Pilotbetrieb")
            #expect(running["spentCents"] == .number(4_500_000))
            #expect(section["planned"]?.array?.map { $0["code"]?.string }.contains(f.approved.code) == true)
            let all = (report["sections"]?.array ?? []).flatMap { s in ["implemented", "inProgress", "planned"].flatMap { s[$0]?.array ?? [] } }
            #expect(!all.contains { $0["code"]?.string == f.idea.code }, "an idea is not in the report")

            let kpi = try #require(report["kpis"]?.array?.first { $0["id"]?.string == f.kpiID.uuidString })
            // 35 of 10 → 60: 50 %; at the start (20): 20 %; +30 points; the 2027 value is after the period.
            #expect(kpi["progress"] == .number(0.5))
            #expect(kpi["progressAtStart"] == .number(0.2))
            #expect(abs((kpi["changePoints"]?.number ?? 0) - 30) < 0.0001)
            #expect(kpi["latestOn"]?.string == "2026-09-30")
            #expect(kpi["measurementsInPeriod"] == .number(1))

            #expect(report["decisions"]?.array?.first?["summary"]?.string == "Start beschlossen " + F.hostile)
            #expect(report["decisions"]?.array?.first?["projectCode"]?.string == f.running.code)
            let obstacle = try #require(report["obstacles"]?.array?.first { $0["projectCode"]?.string == f.running.code })
            #expect(obstacle["text"]?.string == "Fachkräfte fehlen " + F.hostile)
            #expect(obstacle["light"]?.string == "red")
            #expect((report["budget"]?["total"]?["projectsWithSpent"]?.number ?? 0) >= 1)

            // A past period: the project completed in March was still running at the end of 2025.
            let past = try await api.call(.GET, "/api/v1/reports/committee", query: "from=2025-01-01&to=2025-12-31", token: f.team, expect: .ok).value()
            let pastSection = try #require(past["sections"]?.array?.first { $0["fieldId"]?.string == fieldID })
            #expect(pastSection["inProgress"]?.array?.contains { $0["code"]?.string == f.completed.code } == true)
            #expect(past["decisions"]?.array?.isEmpty == true)
            #expect(past["obstacles"]?.array?.first { $0["projectCode"]?.string == f.running.code }?["text"]?.string == "Altes Hindernis")

            // No period: this year up to today.
            let current = try await api.call(.GET, "/api/v1/reports/committee", token: f.reader, expect: .ok).value()
            #expect(current["period"]?["from"]?.string == "2026-01-01" && current["period"]?["to"]?.string == "2026-12-06")
        }
    }

    @Test("a period ending before it starts, a day that is none, a repeated or unknown parameter: 422 naming it, on the API and the page")
    func badPeriods() async throws {
        try await withServer { server in
            let f = try await F.make(server)
            let api = try await APIConformance(server: server)
            let backwards = try await api.call(.GET, "/api/v1/reports/committee", query: "from=2026-06-30&to=2026-01-01", token: f.team,
                                               expect: .unprocessableEntity)
            #expect(try Self.fields(backwards) == ["to"])
            #expect(try Self.fields(try await api.call(.GET, "/api/v1/reports/committee", query: "from=gestern", token: f.team,
                                                       expect: .unprocessableEntity)) == ["from"])
            #expect(try Self.fields(try await api.call(.GET, "/api/v1/reports/committee", query: "format=pdf", token: f.team,
                                                       expect: .unprocessableEntity)) == ["format"])
            #expect(try Self.fields(try await api.call(.GET, "/api/v1/reports/committee", query: "from=2026-01-01&from=2026-02-01", token: f.team,
                                                       expect: .unprocessableEntity)) == ["from"])

            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let german = try await browser.get("/m/musterstadt/reports/committee?from=30.06.2026&to=01.01.2026")
            #expect(german.status == .unprocessableEntity)
            #expect(german.body.contains("Bis (Datum)"))
            #expect(german.body.contains("Das Ende liegt vor dem Beginn."))
            #expect(german.body.contains("id=\"to-error\""))
            #expect(!german.body.contains("report-docx-link"), "no report for a bad period")
            let english = try await browser.get("/m/musterstadt/reports/committee?from=2026-06-30&to=2026-01-01&lang=en")
            #expect(english.status == .unprocessableEntity)
            #expect(english.body.contains("To (date)"))
            #expect(english.body.contains("The end lies before the start."))
            let docx = try await browser.get("/m/musterstadt/reports/committee/docx?from=kein-datum")
            #expect(docx.status == .unprocessableEntity)
            #expect(docx.body.contains("id=\"from-error\""))
        }
    }

    @Test("the page and the print view show the report with hostile text escaped; the print view has no navigation and links its A4 styles")
    func pageAndPrint() async throws {
        try await withServer { server in
            let f = try await F.make(server)
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let hub = try await browser.get("/m/musterstadt/reports")
            #expect(hub.status == .ok)
            #expect(hub.body.contains("href=\"/m/musterstadt/reports/committee\""))
            #expect(hub.body.contains("href=\"/m/musterstadt/newsletter\"") && hub.body.contains("href=\"/m/musterstadt/versions\""))
            #expect(hub.body.contains("aria-current=\"page\">Berichte<"))

            let page = try await browser.get("/m/musterstadt/reports/committee?" + F.period)
            #expect(page.status == .ok)
            for text in [f.completed.code, f.running.code, f.approved.code, "Online-Anträge (Bericht)", "Umgesetzt", "In Umsetzung",
                         "Als Nächstes geplant", "Verzug bei der Vergabe", "01.01.2026 – 06.12.2026", "committee-rollup-chart"] {
                #expect(page.body.contains(text), "page lacks \(text)")
            }
            #expect(!page.body.contains(f.idea.code + " "), "an idea is not listed")
            #expect(!page.body.contains("<script>alert(1)"), "hostile text reaches the page unescaped")
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.body.contains("href=\"/m/musterstadt/reports/committee/docx?from=2026-01-01&amp;to=2026-12-06\"")
                    || page.body.contains("href=\"/m/musterstadt/reports/committee/docx?from=2026-01-01&to=2026-12-06\""))

            let print = try await browser.get("/m/musterstadt/reports/committee/print?" + F.period)
            #expect(print.status == .ok)
            #expect(print.body.contains("/static/report-print.css"))
            #expect(!print.body.contains("class=\"main-nav\""))
            #expect(print.body.contains("Musterstadt"))
            #expect(print.body.contains(f.running.code))
            #expect(!print.body.contains("<script>alert(1)"))
            let css = try await browser.get("/static/report-print.css")
            #expect(css.status == .ok)
            #expect(css.body.contains("size: A4") && css.body.contains("counter(page)"))

            let english = try await browser.get("/m/musterstadt/reports/committee?" + F.period + "&lang=en")
            #expect(english.body.contains("Report to the digitalisation committee"))
            #expect(english.body.contains("2026-01-01 – 2026-12-06"))
        }
    }

    @Test("the DOCX (page and API) unzips, carries the report's text with hostile text escaped, and is named by slug and period")
    func docx() async throws {
        try await withServer { server in
            let f = try await F.make(server)
            let (status, headers, data) = try await F.bytes(server, "/api/v1/reports/committee?format=docx&" + F.period, token: f.reader)
            #expect(status == .ok)
            #expect(headers.first(name: "Content-Type") == CommitteeReportService.docxContentType)
            #expect(headers.first(name: "Content-Disposition") == "attachment; filename=\"ausschussbericht-musterstadt-2026-01-01-bis-2026-12-06.docx\"")
            #expect(data.prefix(2) == Data("PK".utf8))
            let xml = try F.documentXML(data)
            for text in ["Bericht an den Digitalisierungsausschuss", f.running.code, f.completed.code, "Online-Anträge (Bericht)",
                         "Digitalisierungsausschuss", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"] {
                #expect(xml.contains(text), "document.xml lacks \(text)")
            }
            #expect(!xml.contains("<script>"))

            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let page = try await browser.get("/m/musterstadt/reports/committee/docx?" + F.period + "&lang=en")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: "Content-Disposition") == "attachment; filename=\"committee-report-musterstadt-2026-01-01-to-2026-12-06.docx\"")
        }
    }
}
