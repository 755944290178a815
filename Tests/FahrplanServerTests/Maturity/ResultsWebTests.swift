import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The results pages over real HTTP (SQLite, or PostgreSQL with TEST_DATABASE_URL), German and English, with the
/// seeded answers of `ResultsFixtures`: the means shown are the hand-computed ones, groups under k (and the one
/// difference protection withholds) never show a figure or a free text, only their reason.
@Suite("Maturity: results pages", .serialized)
struct ResultsWebTests {
    @Test("the round's summary, radar with the earlier round, bars and distribution per field, trend: the seeded means")
    func summary() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results")
            #expect(page.status == .ok)
            let body = page.body
            #expect(body.contains("<h1>Ergebnisse: Quick-Check 2026</h1>"))
            #expect(body.contains("id=\"mres-responses\">20<"))
            #expect(body.contains("id=\"mres-invited\">40<") && body.contains("id=\"mres-rate\">50 %<"))
            #expect(body.contains("id=\"mres-overall\">2,08 auf der Skala 0 bis 4<"))
            // Radar with the earlier round dashed; its description and table carry the same figures.
            #expect(body.contains("id=\"mres-radar-chart\"") && body.contains("role=\"img\" aria-labelledby=\"mres-radar-chart-title mres-radar-chart-desc\""))
            #expect(body.contains("Runde Quick-Check 2026: Führung 0,95; Technik 3,3; Daten 2."))
            #expect(body.contains("Runde Quick-Check 2025: Führung 0; Technik 2; Daten 1."))
            let radarTable = try #require(ResultsFixtures.section(body, from: "id=\"mres-radar-table\"", to: "</table>"))
            #expect(radarTable.contains("<th scope=\"row\">Führung</th><td class=\"number\">0,95</td><td class=\"number\">0</td><td class=\"number\">+0,95</td>"))
            // Bars and distribution of the first field: s1 = 10 × 0, 6 × 1, 4 × 2.
            #expect(body.contains("id=\"mres-field-1-chart\""))
            let distribution = try #require(ResultsFixtures.section(body, from: "id=\"mres-field-1-table\"", to: "</table>"))
            #expect(distribution.contains("<th scope=\"row\">Es gibt eine Digitale Agenda</th><td class=\"number\">10 (50 %)</td><td class=\"number\">6 (30 %)</td><td class=\"number\">4 (20 %)</td><td class=\"number\">0 (0 %)</td>"))
            #expect(distribution.contains("<strong>0,7</strong>"))
            // Trend: all three rounds, the small one withheld; the change of the overall value.
            let trend = try #require(ResultsFixtures.section(body, from: "id=\"mres-trend-table\"", to: "</table>"))
            #expect(trend.contains("Quick-Check 2025") && trend.contains("Nachbefragung") && trend.contains("nicht gezeigt – zu wenige Antworten"))
            #expect(body.contains("Gegenüber der Runde Quick-Check 2025 hat sich der Gesamtwert um +1,08 verändert."))
            // Free texts of the whole round (20 ≥ k), sorted.
            let texts = try #require(ResultsFixtures.section(body, from: "id=\"mres-text-1\"", to: "</ul>"))
            #expect(texts.contains("<li>Geheimwunsch aus C</li><li>Mehr Laptops A</li><li>Wunsch aus B</li>"))
            // First steps of the two low statements, weakest first, each with its button.
            let steps = try #require(ResultsFixtures.section(body, from: "id=\"mres-first-steps\"", to: "</section>"))
            #expect(steps.contains("Es gibt eine Digitale Agenda") && steps.contains("Die Leitung fragt regelmäßig nach"))
            #expect(!steps.contains("Daten werden geteilt"), "2.0 is not below the middle of the scale")
            #expect(steps.range(of: "Es gibt eine Digitale Agenda")!.lowerBound < steps.range(of: "Die Leitung fragt")!.lowerBound)
            #expect(steps.contains("Als Projektidee übernehmen"))
            #expect(body.contains("id=\"mres-export-answers\"") && body.contains("id=\"mres-export-csv\"") && body.contains("id=\"mres-export-json\""))
            #expect(ResultsWebTests.duplicateIDs(body).isEmpty, "duplicate ids: \(ResultsWebTests.duplicateIDs(body))")

            let english = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results?lang=en")
            #expect(english.status == .ok)
            #expect(english.body.contains("<h1>Results: Quick-Check 2026</h1>"))
            #expect(english.body.contains("id=\"mres-overall\">2.08 on the scale 0 to 4<"))
            #expect(english.body.contains("Turn into a project idea"))

            // A reader (leadership) reads the results, without the answers file and the project buttons.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let read = try await reader.get("/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results")
            #expect(read.status == .ok && read.body.contains("id=\"mres-overall\">2,08"))
            #expect(!read.body.contains("id=\"mres-export-answers\"") && !read.body.contains("Als Projektidee übernehmen"))
        }
    }

    @Test("breakdown by department: A shown, C (4 < 5) and B (difference protection) withheld with their reason, never their size or texts")
    func breakdown() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results?group=department")
            #expect(page.status == .ok)
            let body = page.body
            let (a, b, c) = (seeded.departments[0].name, seeded.departments[1].name, seeded.departments[2].name)
            let table = try #require(ResultsFixtures.section(body, from: "id=\"mres-breakdown-table\"", to: "</table>"))
            #expect(table.contains("<tr class=\"total\"><th scope=\"row\">Gesamt</th><td class=\"number\">20</td><td class=\"number\"><strong>2,08</strong></td>"))
            #expect(table.contains("<th scope=\"row\">\(a)</th><td class=\"number\">10</td><td class=\"number\"><strong>2,17</strong></td><td class=\"number\">+0,08</td><td class=\"number\">0,5</td><td class=\"number\">4</td><td class=\"number\">2</td>"))
            #expect(table.contains("<th scope=\"row\">\(b)</th><td colspan=\"6\" class=\"mres-withheld\">nicht gezeigt – sonst ließe sich eine kleinere Gruppe"))
            #expect(table.contains("<th scope=\"row\">\(c)</th><td colspan=\"6\" class=\"mres-withheld\">nicht gezeigt – weniger als 5 Antworten</td>"))
            // Neither withheld group's size appears anywhere near it.
            for name in [b, c] {
                let row = try #require(ResultsFixtures.section(table, from: "<th scope=\"row\">\(name)</th>", to: "</tr>"))
                #expect(!row.contains(">6<") && !row.contains(">4<"), "\(row)")
            }
            let suppressed = try #require(ResultsFixtures.section(body, from: "id=\"mres-suppressed-list\"", to: "</ul>"))
            #expect(suppressed.contains("\(b): nicht gezeigt – sonst") && suppressed.contains("\(c): nicht gezeigt – weniger als 5 Antworten"))
            // Free texts never by group (a unique text under two groupings would place its writer): only the round's list.
            let breakdownSection = try #require(ResultsFixtures.section(body, from: "id=\"mres-breakdown\"", to: "</section>"))
            for text in ["Mehr Laptops A", "Wunsch aus B", "Geheimwunsch aus C"] {
                #expect(!breakdownSection.contains(text))
                #expect(body.components(separatedBy: text).count == 2, "\(text) once, in the round's list")
            }
            let texts = try #require(ResultsFixtures.section(body, from: "id=\"mres-text-1\"", to: "</ul>"))
            #expect(texts.contains("<li>Geheimwunsch aus C</li><li>Mehr Laptops A</li><li>Wunsch aus B</li>"))

            // Leadership: "ja" has 3, so "nein" would give it away by difference: both withheld, the total stays.
            let leadership = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results?group=leadership&lang=en")
            let lead = try #require(ResultsFixtures.section(leadership.body, from: "id=\"mres-breakdown-table\"", to: "</table>"))
            #expect(lead.contains("<th scope=\"row\">ja</th><td colspan=\"6\" class=\"mres-withheld\">withheld – fewer than 5 responses</td>"))
            #expect(lead.contains("<th scope=\"row\">nein</th><td colspan=\"6\" class=\"mres-withheld\">withheld – otherwise a smaller group"))
            #expect(lead.contains("<th scope=\"row\">Total</th><td class=\"number\">20</td>"))
        }
    }

    @Test("a round with fewer than k responses shows no figures, no free texts and no first steps")
    func smallRound() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.small.uuidString)/results?group=department")
            #expect(page.status == .ok)
            #expect(page.body.contains("id=\"mres-withheld\"") && page.body.contains("weniger als 5 Antworten"))
            #expect(page.body.contains("id=\"mres-responses\">4<"))
            #expect(!page.body.contains("Nur vier") && !page.body.contains("mres-radar-chart") && !page.body.contains("mres-breakdown-table"))
            #expect(!page.body.contains("id=\"mres-first-steps\"") && !page.body.contains("id=\"mres-export-answers\""))
        }
    }

    @Test("the Potenzialcheck's results: ratings with evidence, charts, first steps")
    func assessment() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/maturity/assessments/\(seeded.assessment.uuidString)/results")
            #expect(page.status == .ok)
            let body = page.body
            #expect(body.contains("<h1>Ergebnisse des Potenzialchecks: Workshop Frühjahr</h1>"))
            #expect(body.contains("id=\"mres-overall\">2,17 auf der Skala 0 bis 4<"))
            #expect(body.contains("id=\"mres-rated\">4 von 5<"))
            #expect(body.contains("<th scope=\"row\">Es gibt eine Digitale Agenda</th><td>1 trifft eher nicht zu</td><td>Keine Agenda beschlossen</td>"))
            #expect(body.contains("<th scope=\"row\">Die Leitung fragt regelmäßig nach</th><td>weiß nicht</td><td>–</td>"))
            #expect(body.contains("id=\"mres-radar-chart\"") && body.contains("id=\"mres-field-2-chart\""))
            let steps = try #require(ResultsFixtures.section(body, from: "id=\"mres-first-steps\"", to: "</section>"))
            #expect(steps.contains("Bewertung 1 „trifft eher nicht zu“") && steps.contains("Agenda-Workshop mit der Verwaltungsspitze"))
            #expect(ResultsWebTests.duplicateIDs(body).isEmpty)

            let print = try await team.get("/m/musterstadt/maturity/assessments/\(seeded.assessment.uuidString)/results/print")
            #expect(print.status == .ok && !print.body.contains("class=\"main-nav\"") && !print.body.contains("<form"))
            #expect(print.body.contains("Keine Agenda beschlossen"))
        }
    }

    @Test("the printable page: A4, no navigation, no forms, the same figures")
    func printable() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results/print?group=department")
            #expect(page.status == .ok)
            #expect(!page.body.contains("class=\"main-nav\"") && !page.body.contains("<form") && !page.body.contains("site-header"))
            #expect(page.body.contains("id=\"mres-overall\">2,08 auf der Skala 0 bis 4<") && page.body.contains("mres-radar-chart"))
            #expect(page.body.contains("mres-breakdown-table"))
            let breakdown = try #require(ResultsFixtures.section(page.body, from: "id=\"mres-breakdown\"", to: "</section>"))
            #expect(!breakdown.contains("Mehr Laptops A") && !breakdown.contains("Geheimwunsch aus C"))
        }
    }

    @Test("another municipality's round and assessment are 404, like unknown ones")
    func otherMunicipality() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let client = server.client()
            try await client.login(other.teamEmail)
            for path in ["/m/nachbarstadt/maturity/surveys/\(seeded.round.uuidString)/results",
                         "/m/nachbarstadt/maturity/surveys/\(seeded.round.uuidString)/results/answers.csv",
                         "/m/nachbarstadt/maturity/assessments/\(seeded.assessment.uuidString)/results",
                         "/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.body.contains("Quick-Check 2026"))
            }
        }
    }

    static func duplicateIDs(_ html: String) -> [String] {
        var seen: [String: Int] = [:]
        for match in html.matches(of: /\sid="([^"]+)"/) { seen[String(match.1), default: 0] += 1 }
        return seen.filter { $0.value > 1 }.map(\.key).sorted()
    }
}
