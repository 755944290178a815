import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Prioritization results in the browser: ranking, visibility, override, scenarios")
struct PrioritizationResultsWebTests {
    @Test("the official ranking shows the order, the totals, the stacked bars with their text, the explanation and the disputed flag")
    func officialRanking() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let (a, b, c) = (round.codes[0], round.codes[1], round.codes[2])
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get(round.path + "/ranking")
            #expect(page.status == .ok)
            let body = page.body
            #expect(body.contains("Offizielle Reihung, Version 1"))
            #expect(body.contains("Verwaltungsvorstand"))
            // Order and totals.
            let positions = [a, b, c].compactMap { body.resultsOffset(of: "<span class=\"code\">\($0)</span>") }
            #expect(positions.count == 3 && positions == positions.sorted(), "the projects stand in the order A, B, C")
            for total in ["82,5", "60,0", "37,5"] { #expect(body.contains("<td class=\"number\">\(total)</td>"), "total \(total)") }
            // One stacked bar per project, an image with a title and a description that say the figures.
            #expect(body.resultsCount(of: "<svg class=\"ranking-bar\"") == 3)
            #expect(body.contains("role=\"img\" aria-labelledby=\"bar-0-title bar-0-desc\""))
            #expect(body.contains("<title id=\"bar-0-title\">\(a): 82,5 von 100 Punkten</title>"))
            #expect(body.contains("<desc id=\"bar-0-desc\">Punkte je Kriterium: Bürgernutzen 50,0; Entlastung der Beschäftigten 22,5; Dringlichkeit 10,0.</desc>"))
            #expect(body.contains("class=\"crit-0\""))
            #expect(body.contains("<span class=\"swatch crit-1\" aria-hidden=\"true\"></span> Entlastung der Beschäftigten"))
            // The same figures as a table.
            #expect(body.contains(">Punkte je Projekt und Kriterium</caption>"))
            // Why A stands above B, in words.
            #expect(body.resultsText.contains("Liegt vor \(b): +22,5 Punkte, vor allem durch Bürgernutzen (+25,0) und Entlastung der Beschäftigten (+7,5); \(b) ist besser bei Dringlichkeit (−10,0)."))
            // The raters disagree on C's citizen benefit (0 and 4).
            #expect(body.contains("Strittig bei&#58; Bürgernutzen") || body.contains("Strittig bei: Bürgernutzen"))
            #expect(body.resultsCount(of: "class=\"disputed\"") == 1)
            #expect(!body.contains("results."), "every text has a translation")

            // A closed round's ranking is for every member.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let read = try await reader.get(round.path + "/ranking")
            #expect(read.status == .ok)
            #expect(!read.body.contains("/ranking/override"), "only the team overrides")

            // The disputed project's scores, with the raters' names and justifications.
            let detail = try await team.get(round.path + "/projects/\(round.projects[2])")
            #expect(detail.status == .ok)
            #expect(detail.body.contains("Begründung 1 zu citizenBenefit für \(c)"))
            #expect(detail.body.contains("Begründung 2 zu citizenBenefit für \(c)"))
            #expect(detail.body.contains("strittig"))
            #expect(detail.body.contains("0–4"))
            let rater = try await User.query(on: server.db).filter(\.$email == Fixtures.rater).first()
            #expect(detail.body.contains(try #require(rater).displayName))
            let outside = try await team.get(round.path + "/projects/\(UUID())")
            #expect(outside.status == .notFound)

            // The CSV export of the ranking.
            let csv = try await team.get(round.path + "/ranking/export")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: "Content-Disposition")?.hasPrefix("attachment;") == true)
            let lines = csv.body.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            #expect(lines.first?.hasPrefix("Berechneter Rang;Beschlossener Rang;Kennung;Titel;Stufe") == true)
            #expect(lines.count >= 4 && lines[1].hasPrefix("1;;\(a);") && lines[1].contains(";82,50;"))
            #expect(lines.count >= 4 && lines[3].hasPrefix("3;;\(c);"))

            // In English, with the explanation in English too.
            let english = try await team.get(round.path + "/ranking?lang=en")
            #expect(english.body.contains("Official ranking, version 1"))
            #expect(english.body.contains("<td class=\"number\">82.5</td>"))
            #expect(english.body.resultsText.contains("Ahead of \(b): +22.5 points"))
            #expect(english.body.contains("Disputed on"))
        }
    }

    @Test("an open round: a rater who has not handed in gets 403 with the reason, one who has sees the provisional ranking")
    func visibility() async throws {
        try await withServer { server in
            let round = try await ResultsRound.open(on: server, submit: [0])
            let late = server.client()
            try await late.login(Fixtures.departmentLead)
            for path in ["/ranking", "/ranking/export", "/sensitivity", "/scenarios", "/projects/\(round.projects[0])"] {
                let response = try await late.get(round.path + path)
                #expect(response.status == .forbidden, "\(path) answered \(response.status.code)")
                if path == "/ranking" {
                    #expect(response.body.contains("noch nicht abgegeben"))
                    #expect(!response.body.contains(round.codes[0]), "nothing of the ranking shows")
                }
            }
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let refused = try await reader.get(round.path + "/ranking")
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("nur das Strategieteam"))

            let done = server.client()
            try await done.login(Fixtures.rater)
            let provisional = try await done.get(round.path + "/ranking")
            #expect(provisional.status == .ok)
            #expect(provisional.body.contains("Vorläufig:"))
            #expect(!provisional.body.contains("Offizielle Reihung"))
            #expect(provisional.body.resultsCount(of: "<svg class=\"ranking-bar\"") == 3)

            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let teamView = try await team.get(round.path + "/ranking")
            #expect(teamView.status == .ok)
            #expect(!teamView.body.contains("/ranking/override"), "no override before the round is closed")
            let unknownVersion = try await team.get(round.path + "/ranking?version=1")
            #expect(unknownVersion.status == .notFound)
        }
    }

    @Test("an override shows both ranks and records a decision; bad input is refused with 422 and writes nothing")
    func override() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get(round.path + "/ranking")
            #expect(page.body.contains("action=\"\(round.path)/ranking/override\""))
            let before = try await ResultsRound.decisions(on: server).count

            let bad = try await team.post(round.path + "/ranking/override", [
                ("projectID", round.projects[2].uuidString), ("decidedRank", "0"), ("decidedBy", ""), ("decidedOn", "31.02.2026"), ("rationale", "")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Bitte eine Zahl von 1 bis 3."))
            #expect(bad.body.contains("kein gültiges Datum"))
            #expect(bad.body.contains("aria-invalid=\"true\" aria-describedby=\"decidedRank-error\""))
            let unchanged = try await ResultsRound.decisions(on: server).count
            #expect(unchanged == before)

            let done = try await team.post(round.path + "/ranking/override", [
                ("projectID", round.projects[2].uuidString), ("decidedRank", "1"), ("decidedBy", "Stadtrat"),
                ("decidedOn", "15.03.2026"), ("rationale", "Politisch gewollt: erst die Parkausweise.")])
            #expect(done.status == .seeOther)
            #expect(done.location == round.path + "/ranking?overridden=1")
            let decisions = try await ResultsRound.decisions(on: server)
            let override = try #require(decisions.last)
            #expect(override.decisionKind == .overrideRank)
            #expect(override.computedRank == 3 && override.decidedRank == 1)
            #expect(override.decidedOn == "2026-03-15" && override.decidedBy == "Stadtrat")
            #expect(override.$project.id == round.projects[2])

            let after = try await team.get(round.path + "/ranking?overridden=1")
            #expect(after.body.contains("<th scope=\"col\" class=\"number\">Beschlossener Rang</th>"))
            #expect(after.body.contains("<td class=\"number\" data-label=\"Berechneter Rang\">3</td><td class=\"number\" data-label=\"Beschlossener Rang\"><strong>1</strong></td>"),
                    "computed 3 and decided 1 side by side")
            let first = after.body.resultsOffset(of: "<span class=\"code\">\(round.codes[2])</span>")
            let second = after.body.resultsOffset(of: "<span class=\"code\">\(round.codes[0])</span>")
            #expect(first != nil && second != nil && first! < second!, "the decided order is shown")

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            _ = try await reader.get(round.path + "/ranking")
            let refused = try await reader.post(round.path + "/ranking/override", [
                ("projectID", round.projects[1].uuidString), ("decidedRank", "1"), ("decidedBy", "x"), ("rationale", "x")])
            #expect(refused.status == .forbidden)
            let still = try await ResultsRound.decisions(on: server).count
            #expect(still == decisions.count)
        }
    }

    @Test("a scenario that makes a project urgent moves it up with the reason; adopting it makes version 2 and a decision")
    func scenarioAndAdopt() async throws {
        try await withServer { server in
            let round = try await ResultsRound.closed(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let form = try await team.get(round.path + "/scenarios/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("name=\"weights[citizenBenefit]\""))
            #expect(form.body.contains("name=\"urgentProjectIDs[]\" value=\"\(round.projects[2])\""))

            let bad = try await team.post(round.path + "/scenarios", [("name", ""), ("weights[citizenBenefit]", "viel")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Gewicht Bürgernutzen"))
            #expect(bad.body.contains("value=\"viel\""), "the form comes back as typed")
            let none = try await PrioritizationScenario.query(on: server.db).filter(\.$round.$id == round.roundID).count()
            #expect(none == 0)

            let created = try await team.post(round.path + "/scenarios", [
                ("name", "Pandemie"), ("description", "Kontaktarme Verwaltung."), ("weights[urgency]", "40"),
                ("urgentProjectIDs[]", round.projects[2].uuidString)])
            #expect(created.status == .seeOther)
            let scenarioID = try #require(created.location?.firstID(after: round.path + "/scenarios/"))
            let page = try await team.get(round.path + "/scenarios/\(scenarioID)")
            #expect(page.status == .ok)
            let text = page.body.resultsText
            #expect(text.contains("\(round.codes[2]) Digitale Parkausweise 3 1 ↑ 2 Plätze nach oben als dringlich markiert"), "\(text)")
            #expect(text.contains("1 Platz nach unten"))
            #expect(text.contains("Gewicht Dringlichkeit: 20 → 40 Punkte"))
            #expect(text.contains("Als dringlich markiert: \(round.codes[2])"))
            let list = try await team.get(round.path + "/scenarios")
            #expect(list.body.contains("Pandemie"))
            #expect(list.body.contains("1 Gewicht geändert, 1 Projekt dringlich"))

            let refused = try await team.post(round.path + "/scenarios/\(scenarioID)/adopt", [("decidedBy", "Stadtrat"), ("rationale", "")])
            #expect(refused.status == .unprocessableEntity)
            let oneVersion = try await RankingVersion.query(on: server.db).filter(\.$round.$id == round.roundID).count()
            #expect(oneVersion == 1)

            let adopted = try await team.post(round.path + "/scenarios/\(scenarioID)/adopt", [
                ("decidedBy", "Verwaltungsvorstand"), ("decidedOn", "01.04.2026"), ("rationale", "Pandemielage.")])
            #expect(adopted.status == .seeOther)
            #expect(adopted.location == round.path + "/ranking?adopted=1")
            let versions = try await RankingVersion.query(on: server.db).filter(\.$round.$id == round.roundID).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions.last?.$scenario.id?.uuidString == scenarioID)
            let decision = try #require(try await ResultsRound.decisions(on: server).last)
            #expect(decision.decisionKind == .adoptScenario)
            #expect(decision.$scenario.id?.uuidString == scenarioID)

            let ranking = try await team.get(round.path + "/ranking?adopted=1")
            #expect(ranking.body.contains("Offizielle Reihung, Version 2"))
            #expect(ranking.body.contains("Als dringlich markiert (Szenario „Pandemie“)"))
            let first = ranking.body.resultsOffset(of: "<span class=\"code\">\(round.codes[2])</span>")
            let second = ranking.body.resultsOffset(of: "<span class=\"code\">\(round.codes[0])</span>")
            #expect(first != nil && second != nil && first! < second!)
            #expect(ranking.body.contains("href=\"\(round.path)/ranking?version=1\""))
            let old = try await team.get(round.path + "/ranking?version=1")
            let oldFirst = old.body.resultsOffset(of: "<span class=\"code\">\(round.codes[0])</span>")
            let oldLast = old.body.resultsOffset(of: "<span class=\"code\">\(round.codes[2])</span>")
            #expect(oldFirst != nil && oldLast != nil && oldFirst! < oldLast!, "version 1 keeps its order")

            // An adopted scenario stays as it was; archiving takes it off the list.
            let edit = try await team.get(round.path + "/scenarios/\(scenarioID)/edit")
            #expect(edit.status == .forbidden)
            let archived = try await team.post(round.path + "/scenarios/\(scenarioID)/archive", [])
            #expect(archived.status == .seeOther)
            let afterArchive = try await team.get(round.path + "/scenarios")
            #expect(!afterArchive.body.contains(">Pandemie<"))
        }
    }
}
