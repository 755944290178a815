import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Prioritization results in the browser: sensitivity and the decision log")
struct PrioritizationResultsDecisionTests {
    /// The Monte-Carlo table of a sensitivity page, to compare two runs.
    private func monteCarloTable(_ body: String) -> String? {
        guard let start = body.range(of: "<table class=\"data montecarlo\">"), let end = body.range(of: "</table>", range: start.upperBound..<body.endIndex)
        else { return nil }
        return String(body[start.lowerBound..<end.upperBound])
    }

    @Test("the sensitivity page shows the stable ranges and the probabilities, the same figures for the same seed, and refuses bad settings")
    func sensitivity() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let stored = try await RoundService(db: server.db, context: round.team).round(round.roundID.uuidString)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get(round.path + "/sensitivity")
            #expect(page.status == .ok)
            let body = page.body
            #expect(body.contains("Stabile Bereiche der Gewichte"))
            #expect(body.resultsCount(of: "<svg class=\"range-bar\"") >= 3 + 3, "a range bar per criterion and a rank bar per project")
            for name in ["Bürgernutzen", "Entlastung der Beschäftigten", "Dringlichkeit"] { #expect(body.contains("<th scope=\"row\">\(name)</th>")) }
            #expect(body.contains("<strong class=\"seed\">\(stored.seed)</strong>"), "the seed is said, so the figures can be reproduced")
            #expect(body.contains("<strong>2.000</strong>"), "2,000 samples by default")
            let table = try #require(monteCarloTable(body))
            for code in round.codes { #expect(table.contains(code)) }
            #expect(table.contains(" %</td>"))
            // A is far ahead: always in the top 2.
            #expect(table.contains("<span class=\"code\">\(round.codes[0])</span> Online-Terminbuchung Bürgeramt</a></th><td class=\"number\">100,0 %</td>"))
            #expect(!body.contains("results."), "every text has a translation")

            let again = try await team.get(round.path + "/sensitivity")
            #expect(monteCarloTable(again.body) == table, "the same seed gives the same figures")
            let more = try await team.get(round.path + "/sensitivity?samples=5000&concentration=20")
            #expect(more.status == .ok)
            #expect(more.body.contains("<strong>5.000</strong>"))

            for query in ["samples=0", "samples=20001", "samples=viele", "concentration=-1", "concentration=abc"] {
                let refused = try await team.get(round.path + "/sensitivity?\(query)")
                #expect(refused.status == .unprocessableEntity, "\(query) answered \(refused.status.code)")
                #expect(refused.body.contains("error-summary"))
            }
            let english = try await team.get(round.path + "/sensitivity?lang=en")
            #expect(english.body.contains("Stable ranges of the weights"))
            #expect(english.body.contains("100.0%"))
        }
    }

    @Test("the decision log filters, exports a German spreadsheet with hostile text neutralised, refuses bad dates, and links from the project")
    func decisionLog() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let project = round.projects[0]
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let form = try await team.get("/m/musterstadt/decisions?project=\(project)")
            #expect(form.status == .ok)
            #expect(form.body.contains("id=\"record\""))
            #expect(form.body.contains("<option value=\"\(project)\" selected>"))

            let before = try await ResultsRound.decisions(on: server).count
            let bad = try await team.post("/m/musterstadt/decisions", [("projectID", UUID().uuidString), ("decisionKind", "overrideRank"), ("decidedBy", ""), ("rationale", "")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Dieser Eintrag existiert nicht (mehr)."))
            #expect(bad.body.contains("Diese Auswahl ist nicht möglich."))
            let unchanged = try await ResultsRound.decisions(on: server).count
            #expect(unchanged == before)
            let unknownBasis = try await team.post("/m/musterstadt/decisions", [
                ("projectID", project.uuidString), ("roundID", UUID().uuidString), ("decisionKind", "deferProject"),
                ("decidedBy", "Stadtrat"), ("rationale", "Grundlage fehlt")])
            #expect(unknownBasis.status == .unprocessableEntity)
            #expect(unknownBasis.body.contains("id=\"roundID-error\""))
            let stillUnchanged = try await ResultsRound.decisions(on: server).count
            #expect(stillUnchanged == before)

            let recorded = try await team.post("/m/musterstadt/decisions", [
                ("projectID", project.uuidString), ("decisionKind", "deferProject"), ("decidedBy", "Stadtrat <b>fett</b>"),
                ("decidedOn", "10.04.2026"), ("rationale", "=HYPERLINK(\"http://boese.example\";\"Klick\")")])
            #expect(recorded.status == .seeOther)
            #expect(recorded.location == "/m/musterstadt/decisions?project=\(project)&recorded=1")
            let stored = try #require(try await Project.find(project, on: server.db))
            #expect(stored.projectStatus == .deferred)

            let all = try await team.get("/m/musterstadt/decisions?round=&kind=")
            #expect(all.status == .ok)
            #expect(all.body.contains("Stadtrat &lt;b&gt;fett&lt;/b&gt;"), "text from people is escaped")
            #expect(all.body.contains("Zurückgestellt") && all.body.contains("Reihung beschlossen"))

            let byKind = try await team.get("/m/musterstadt/decisions?kind=deferProject")
            #expect(byKind.body.contains("<td>Zurückgestellt</td>") && !byKind.body.contains("<td>Reihung beschlossen</td>"))
            let byRound = try await team.get("/m/musterstadt/decisions?round=\(round.roundID)")
            #expect(byRound.body.contains("<td>Reihung beschlossen</td>") && !byRound.body.contains("<td>Zurückgestellt</td>"))
            let roundFromApril = try await team.get("/m/musterstadt/decisions?from=01.04.2026&round=\(round.roundID)")
            #expect(!roundFromApril.body.contains("<td>Reihung beschlossen</td>"))
            let roundUntilMarch = try await team.get("/m/musterstadt/decisions?to=31.03.2026&round=\(round.roundID)")
            #expect(roundUntilMarch.body.contains("<td>Reihung beschlossen</td>"))
            let projectFromApril = try await team.get("/m/musterstadt/decisions?from=01.04.2026&to=2026-04-30&project=\(project)")
            #expect(projectFromApril.body.contains("<td>Zurückgestellt</td>"))
            let projectUntilMarch = try await team.get("/m/musterstadt/decisions?to=31.03.2026&project=\(project)")
            #expect(!projectUntilMarch.body.contains("<td>Zurückgestellt</td>"))
            #expect(projectUntilMarch.body.contains("0 Entscheidungen"))

            for query in ["from=31.02.2026", "to=morgen", "kind=erfunden", "round=keine-id"] {
                let refused = try await team.get("/m/musterstadt/decisions?\(query)")
                #expect(refused.status == .unprocessableEntity, "\(query) answered \(refused.status.code)")
                #expect(refused.body.contains("error-summary"))
            }
            let refusedExport = try await team.get("/m/musterstadt/decisions/export?from=31.02.2026")
            #expect(refusedExport.status == .unprocessableEntity)
            #expect(refusedExport.body.contains("kein gültiges Datum"))

            let export = try await team.get("/m/musterstadt/decisions/export?kind=deferProject&project=\(project)")
            #expect(export.status == .ok)
            #expect(export.headers.first(name: "Content-Disposition") == "attachment; filename=\"entscheidungen-musterstadt.csv\"")
            #expect(export.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(export.body.hasPrefix("\u{FEFF}"))
            let lines = export.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == DecisionLog.csvHeader.joined(separator: ";"))
            #expect(lines.count == 2)
            let row = lines.count > 1 ? lines[1] : ""
            #expect(row.hasPrefix("2026-04-10;Zurückgestellt;"))
            #expect(row.contains("\"'=HYPERLINK(\"\"http://boese.example\"\";\"\"Klick\"\")\""), "the formula is neutralised: \(row)")
            #expect(row.contains(round.codes[0]))

            // The project's profile lists its decisions and links to the filtered log.
            let profile = try await team.get("/m/musterstadt/projects/\(project)")
            #expect(profile.status == .ok)
            #expect(profile.body.contains("<h2 id=\"decisions-heading\">Entscheidungen</h2>"))
            #expect(profile.body.contains("href=\"/m/musterstadt/decisions?project=\(project)\""))
            #expect(profile.body.contains("Zurückgestellt"))

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let readable = try await reader.get("/m/musterstadt/decisions")
            #expect(readable.status == .ok)
            #expect(!readable.body.contains("id=\"record\""), "only the team records decisions")
            let refused = try await reader.post("/m/musterstadt/decisions", [("projectID", project.uuidString), ("decisionKind", "startProject"),
                                                                              ("decidedBy", "x"), ("rationale", "x")])
            #expect(refused.status == .forbidden)
        }
    }
}
