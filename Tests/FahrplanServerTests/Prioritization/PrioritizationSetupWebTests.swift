import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Prioritization set-up: rounds, weights, rating and closing in the browser")
struct PrioritizationSetupWebTests {
    let base = SetupFixtures.base

    @Test("the team creates a round; weights that sum to 0 or are negative are refused; a round without raters does not open")
    func createWeightsOpen() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let catalog = try await SetupFixtures.catalog(team, on: server)
            let overview = try await team.get(base)
            #expect(overview.status == .ok)
            #expect(overview.body.contains("href=\"\(base)/rounds/new\""))
            #expect(overview.body.contains("href=\"/m/musterstadt/decisions\""))
            let form = try await team.get(base + "/rounds/new")
            #expect(form.status == .ok)
            for row in catalog { #expect(form.body.contains("value=\"\(try row.requireID())\" checked")) }

            let refused = try await team.post(base + "/rounds", [("title", ""), ("topN", "0")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("id=\"title-error\"") && refused.body.contains("id=\"topN-error\""))

            let id = try await SetupFixtures.createRound(team, projects: try await SetupFixtures.projectIDs(3, on: server))
            let page = try await team.get("\(base)/rounds/\(id)?created=1")
            #expect(page.status == .ok)
            #expect(page.body.contains("Priorisierung Test 2029"))
            #expect(page.body.contains("Entwurf"))
            #expect(page.body.contains("Die Runde wurde angelegt."))
            let criteria = try await SetupFixtures.roundCriteria(id, on: server)
            #expect(criteria.count == catalog.count)
            for row in criteria { #expect(page.body.contains("name=\"weights[\(row.key)]\"")) }
            let listed = try await team.get(base)
            #expect(listed.body.contains("Priorisierung Test 2029"))

            // All zero: refused as a whole; one negative: refused at its row; nothing changes.
            let before = criteria.map(\.weight)
            let zero = try await team.post("\(base)/rounds/\(id)/weights", criteria.map { ("weights[\($0.key)]", "0") })
            #expect(zero.status == .unprocessableEntity)
            #expect(zero.body.contains("Die Gewichte ergeben zusammen 0"))
            let negative = try await team.post("\(base)/rounds/\(id)/weights",
                                               criteria.enumerated().map { ("weights[\($1.key)]", $0 == 0 ? "-5" : "10") })
            #expect(negative.status == .unprocessableEntity)
            #expect(negative.body.contains("id=\"weight-\(criteria[0].key)-error\""))
            #expect(negative.body.contains("Negative Werte sind nicht zulässig."))
            #expect(negative.body.contains("value=\"-5\""), "the typed value is shown again")
            let unchanged = try await SetupFixtures.roundCriteria(id, on: server)
            #expect(unchanged.map(\.weight) == before)

            // Points in German decimals; the page shows each share of 100 %.
            let weights = criteria.enumerated().map { ("weights[\($1.key)]", $0 == 0 ? "30" : ($0 == 1 ? "10,5" : "0")) }
            let saved = try await team.post("\(base)/rounds/\(id)/weights", weights)
            #expect(saved.status == .seeOther)
            let stored = try await SetupFixtures.roundCriteria(id, on: server)
            #expect(stored[0].weight == 30 && stored[1].weight == 10.5)
            let weighted = try await team.get("\(base)/rounds/\(id)")
            #expect(weighted.body.contains("74,1 %"), "30 of 40.5 points")

            // Opening needs raters when a criterion is rated.
            let noRaters = try await team.post("\(base)/rounds/\(id)/open", [])
            #expect(noRaters.status == .unprocessableEntity)
            #expect(noRaters.body.contains("Die Runde braucht mindestens eine bewertende Person."))
            let draft = try await SetupFixtures.round(id, on: server)
            #expect(draft.roundStatus == .draft)

            let rater = try await SetupFixtures.userID(Fixtures.rater, on: server)
            let projects = try await SetupFixtures.projectIDs(2, on: server)
            let scope = try await team.post("\(base)/rounds/\(id)/scope", projects.map { ("projectIDs[]", $0.uuidString) } + [("raterIDs[]", rater.uuidString)])
            #expect(scope.status == .seeOther)
            let noProjects = try await team.post("\(base)/rounds/\(id)/scope", [("raterIDs[]", rater.uuidString)])
            #expect(noProjects.status == .unprocessableEntity)
            #expect(noProjects.body.contains("Die Runde braucht mindestens ein Projekt."))
            let opened = try await team.post("\(base)/rounds/\(id)/open", [])
            #expect(opened.status == .seeOther)
            let open = try await SetupFixtures.round(id, on: server)
            #expect(open.roundStatus == .rating)
            let page2 = try await team.get("\(base)/rounds/\(id)")
            #expect(page2.body.contains("Frank Oltmanns"))
            #expect(page2.body.contains("0 von \(2 * criteria.filter { $0.criterion.source == .rating }.count) bewertet"))
            #expect(page2.body.contains("action=\"\(base)/rounds/\(id)/close\""))

            // Settings keep what was typed when refused.
            let badSettings = try await team.post("\(base)/rounds/\(id)", [("title", "Neu"), ("aggregation", "mode"), ("topN", "5")])
            #expect(badSettings.status == .unprocessableEntity)
            #expect(badSettings.body.contains("value=\"Neu\""))
            let goodSettings = try await team.post("\(base)/rounds/\(id)", [("title", "Neu 2029"), ("aggregation", "median"), ("topN", "5")])
            #expect(goodSettings.status == .seeOther)
            let renamed = try await SetupFixtures.round(id, on: server)
            #expect(renamed.title == "Neu 2029" && renamed.aggregationMethod == .median && !renamed.legalDeadlineFirst)
        }
    }

    @Test("a rater rates; a score outside the scale is refused; nobody else's scores show before submitting; submitted scores are read-only")
    func rating() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            _ = try await SetupFixtures.catalog(team, on: server)
            let projects = try await SetupFixtures.projectIDs(12, on: server)
            let id = try await SetupFixtures.openRound(team, keys: ["citizenBenefit", "staffRelief", "legal"], projects: projects,
                                                       raters: [Fixtures.rater, Fixtures.strategyTeam], on: server)
            let rate = "\(base)/rounds/\(id)/rate"

            // The team's own scores, with a justification the other rater must not see.
            let secret = "Teamgeheimnis-4711"
            let teamSaved = try await team.post(rate, SetupFixtures.score(projects[0], "citizenBenefit", "4", secret)
                + SetupFixtures.score(projects[0], "staffRelief", "1", secret) + [("intent", "save")])
            #expect(teamSaved.status == .seeOther)

            let rater = server.client()
            try await rater.login(Fixtures.rater)
            let overview = try await rater.get(base)
            #expect(overview.body.contains("href=\"\(rate)\""), "the overview links the rater's open task")
            let form = try await rater.get(rate)
            #expect(form.status == .ok)
            #expect(!form.body.contains(secret))
            #expect(form.body.contains("Seite 1 von 2"), "twelve projects in pages of ten")
            #expect(form.body.contains("<legend><span class=\"code\">"))
            #expect(form.body.contains("name=\"score[]\""))
            #expect(form.body.contains("aus dem Steckbrief"), "the legal obligation is derived, read-only")
            #expect(!form.body.contains("value=\"legal\""), "derived criteria are not rated")
            let anchor = try #require(DefaultCriteriaCatalog.criteria(english: false).first { $0.key == "citizenBenefit" }?.levels.last?.description)
            #expect(form.body.contains(SetupFixtures.html(anchor)), "the anchors are at hand")
            let secondPage = try await rater.get(rate + "?page=2")
            #expect(secondPage.body.contains("Seite 2 von 2"))

            // Out of scale: refused, named by project and criterion, nothing stored.
            let bad = try await rater.post(rate, SetupFixtures.score(projects[0], "citizenBenefit", "7") + SetupFixtures.score(projects[0], "staffRelief", "2")
                + [("intent", "save")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Bitte eine Zahl von 0 bis 4."))
            #expect(bad.body.contains("aria-invalid=\"true\" aria-describedby=\"r-\(projects[0].uuidString)-citizenBenefit-score-error\""))
            let raterID = try await SetupFixtures.userID(Fixtures.rater, on: server)
            let none = try await Rating.query(on: server.db).filter(\.$round.$id == id).filter(\.$rater.$id == raterID).count()
            #expect(none == 0)

            let good = try await rater.post(rate, SetupFixtures.score(projects[0], "citizenBenefit", "3", "Viele sparen Wege")
                + SetupFixtures.score(projects[0], "staffRelief", "2", "") + SetupFixtures.score(projects[1], "citizenBenefit", "", "")
                + [("intent", "save"), ("page", "1"), ("filter", "all")])
            #expect(good.status == .seeOther)
            #expect(good.location == rate + "?saved=1")
            let saved = try await rater.get(good.location ?? rate)
            #expect(saved.body.contains("Ihre Bewertungen wurden gespeichert."))
            #expect(saved.body.contains("value=\"Viele sparen Wege\""))
            #expect(saved.body.contains("2 von 24 bewertet"))
            let open = try await rater.get(rate + "?filter=open")
            #expect(open.body.contains("Noch nicht vollständig bewertet (11)"))

            // Results stay hidden until the rater has submitted.
            let roundPage = try await rater.get("\(base)/rounds/\(id)")
            #expect(!roundPage.body.contains(secret))
            #expect(!roundPage.body.contains("/ranking\""), "no ranking link before submitting")
            #expect(!roundPage.body.contains("name=\"weights["), "raters do not get the team's forms")

            // Submit: save-and-submit leads to the confirmation, which says what is missing.
            let toConfirm = try await rater.post(rate, SetupFixtures.score(projects[1], "citizenBenefit", "1") + [("intent", "submit")])
            #expect(toConfirm.status == .seeOther)
            #expect(toConfirm.location == rate + "/submit")
            let confirm = try await rater.get(rate + "/submit")
            #expect(confirm.body.contains("3 von 24 bewertet"))
            #expect(confirm.body.contains("21 Bewertungen fehlen noch"))
            let submitted = try await rater.post(rate + "/submit", [])
            #expect(submitted.status == .seeOther)
            let entry = try await RoundRater.query(on: server.db).filter(\.$round.$id == id).filter(\.$user.$id == raterID).first()
            #expect(entry?.submittedAt != nil)
            let readOnly = try await rater.get(rate)
            #expect(readOnly.body.contains("Sie haben Ihre Bewertungen abgegeben"))
            #expect(!readOnly.body.contains("name=\"score[]\""))
            #expect(readOnly.body.contains("3 – "), "own scores shown as text")
            let again = try await rater.post(rate, SetupFixtures.score(projects[2], "citizenBenefit", "1") + [("intent", "save")])
            #expect(again.status == .conflict)
            let count = try await Rating.query(on: server.db).filter(\.$round.$id == id).filter(\.$rater.$id == raterID).count()
            #expect(count == 3)

            // Permissions: a reader is no rater; the team member who is no rater of another round is refused too.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let readerRate = try await reader.get(rate)
            #expect(readerRate.status == .forbidden)
            let readerPost = try await reader.post(rate, SetupFixtures.score(projects[0], "citizenBenefit", "1"))
            #expect(readerPost.status == .forbidden)
            let readerRound = try await reader.get("\(base)/rounds/\(id)")
            #expect(readerRound.status == .ok)
            #expect(!readerRound.body.contains("action=\"\(base)/rounds/\(id)/close\""))
            let readerWeights = try await reader.post("\(base)/rounds/\(id)/weights", [("weights[citizenBenefit]", "1")])
            #expect(readerWeights.status == .forbidden)
            let readerNew = try await reader.get(base + "/rounds/new")
            #expect(readerNew.status == .forbidden)
        }
    }

    @Test("closing with missing ratings asks what to do; closing works and leads to the ranking; a closed round refuses every change")
    func closing() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            _ = try await SetupFixtures.catalog(team, on: server)
            let projects = try await SetupFixtures.projectIDs(2, on: server)
            let id = try await SetupFixtures.openRound(team, keys: ["citizenBenefit", "staffRelief"], projects: projects,
                                                       raters: [Fixtures.rater, Fixtures.strategyTeam], on: server)
            let round = "\(base)/rounds/\(id)"
            let saved = try await team.post(round + "/rate", SetupFixtures.score(projects[0], "citizenBenefit", "4") + SetupFixtures.score(projects[0], "staffRelief", "3"))
            #expect(saved.status == .seeOther)

            let page = try await team.get(round)
            #expect(page.body.contains("Es fehlen 2 Werte"))
            #expect(page.body.contains("name=\"missingPolicy\""))

            let decision = [("decidedBy", "Verwaltungsvorstand"), ("decidedOn", "01.12.2028"), ("rationale", "Beschluss der Reihung.")]
            let asks = try await team.post(round + "/close", decision)
            #expect(asks.status == .unprocessableEntity)
            #expect(asks.body.contains("Es fehlen noch 2 Werte"))
            #expect(asks.body.contains("id=\"missingPolicy-exclude\""))
            #expect(asks.body.contains("value=\"Beschluss der Reihung.\"") || asks.body.contains(">Beschluss der Reihung.</textarea>"))
            let noRationale = try await team.post(round + "/close", [("missingPolicy", "exclude"), ("decidedBy", "Verwaltungsvorstand")])
            #expect(noRationale.status == .unprocessableEntity)
            #expect(noRationale.body.contains("id=\"rationale-error\""))
            let badPolicy = try await team.post(round + "/close", [("missingPolicy", "invent")] + decision)
            #expect(badPolicy.status == .unprocessableEntity)
            let stillOpen = try await SetupFixtures.round(id, on: server)
            #expect(stillOpen.roundStatus == .rating)

            let closed = try await team.post(round + "/close", [("missingPolicy", "exclude")] + decision)
            #expect(closed.status == .seeOther)
            #expect(closed.location == round + "/ranking")
            let stored = try await SetupFixtures.round(id, on: server)
            #expect(stored.roundStatus == .closed && stored.missingPolicy == "exclude")
            let decisions = try await Decision.query(on: server.db).filter(\.$round.$id == id).all()
            #expect(decisions.count == 1)
            #expect(decisions.first?.decidedBy == "Verwaltungsvorstand")

            // Closed: the page says so and offers no forms; every change is refused with the reason.
            let closedPage = try await team.get(round)
            #expect(closedPage.body.contains("Diese Runde wurde am"))
            #expect(!closedPage.body.contains("name=\"weights["))
            #expect(!closedPage.body.contains("action=\"\(round)/close\""))
            let attempts: [(String, [(String, String)])] = [
                (round + "/weights", [("weights[citizenBenefit]", "5"), ("weights[staffRelief]", "5")]),
                (round, [("title", "Umbenannt"), ("aggregation", "mean"), ("topN", "3")]),
                (round + "/scope", projects.map { ("projectIDs[]", $0.uuidString) }),
                (round + "/open", []),
                (round + "/close", [("missingPolicy", "exclude")] + decision),
                (round + "/rate", SetupFixtures.score(projects[1], "citizenBenefit", "1")),
                (round + "/ahp", [("a[]", "citizenBenefit"), ("b[]", "staffRelief"), ("value[]", "3")]),
            ]
            for (path, fields) in attempts {
                let response = try await team.post(path, fields)
                #expect([409, 422].contains(response.status.code), "POST \(path) answered \(response.status.code)")
                #expect(response.body.contains("abgeschlossen"), "POST \(path) does not say why")
            }
            let after = try await SetupFixtures.round(id, on: server)
            #expect(after.title == stored.title)
            let ratings = try await Rating.query(on: server.db).filter(\.$round.$id == id).count()
            #expect(ratings == 2)
        }
    }

    @Test("the pages speak English")
    func english() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            _ = try await SetupFixtures.catalog(team, on: server)
            let projects = try await SetupFixtures.projectIDs(2, on: server)
            let id = try await SetupFixtures.openRound(team, keys: ["citizenBenefit", "staffRelief"], projects: projects,
                                                       raters: [Fixtures.strategyTeam], on: server)
            for (path, text) in [(base, "Prioritization rounds"), ("\(base)/rounds/\(id)", "Close the round"),
                                 ("\(base)/rounds/\(id)/rate", "Not fully rated yet"), ("\(base)/rounds/\(id)/ahp", "Your comparisons"),
                                 ("\(base)/rounds/new", "Create round")] {
                let page = try await team.get(path + "?lang=en")
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains(text), "\(path) lacks “\(text)”")
                #expect(!page.body.contains("prio."), "\(path) shows a missing text key")
            }
        }
    }
}
