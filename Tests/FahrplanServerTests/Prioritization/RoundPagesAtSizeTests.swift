import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Issue 19: the pages of a big round are paged or summarized — small enough for a phone — and still reach every
/// project; the figures come from the round's cache, which a new score or new weights make stale at once.
@Suite("Prioritization pages at size: paging, summaries, the round's cache")
struct RoundPagesAtSizeTests {
    /// Musterstadt's demo (45 projects) plus `extra` projects, and a round over the first `roundProjects` by code,
    /// rated by three raters (`RoundBenchData`, as the benchmark writes it).
    static func bigRound(on server: TestServer, extra: Int = 110, roundProjects: Int = 130) async throws -> RoundBenchDataSummary {
        let municipality = try await Fixtures.musterstadt(on: server)
        let team = try await ResultsRound.context(municipality, Fixtures.strategyTeam, role: .strategyTeam, on: server)
        let department = try await PortfolioFixtures.department("33", on: server).requireID()
        let portfolio = PortfolioService(db: server.db, context: team)
        for number in 1...extra {
            _ = try await portfolio.create(ProjectInput(title: "Testprojekt \(number) Fundbüro", departmentID: department.uuidString))
        }
        return try await RoundBenchData.generate(server.app, slug: "musterstadt", roundProjects: roundProjects, raters: 3, seed: 5)
    }

    /// The codes of the ranking table's rows (not of the figures table).
    static func rankingCodes(_ body: String) -> [String] {
        let pattern = /<th scope="row"><a href="[^"]*"><span class="code">([^<]+)<\/span>/
        return body.matches(of: pattern).map { String($0.output.1) }
    }

    @Test("a 130-project round: ranking, sensitivity and rating pages are paged, every project is reachable, the round page summarizes the scope")
    func paged() async throws {
        try await withServer { server in
            let data = try await Self.bigRound(on: server)
            let path = "/m/musterstadt/prioritization/rounds/\(data.roundID)"
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)

            let first = try await team.get(path + "/ranking")
            #expect(first.status == .ok)
            #expect(first.body.utf8.count < 150_000, "page 1 is \(first.body.utf8.count) bytes")
            #expect(Self.rankingCodes(first.body).count == RankingPaging.pageSize)
            #expect(first.body.contains("Projekte 1–25 von 130"))
            #expect(first.body.contains("Seite 1 von 6"))
            #expect(first.body.contains("role=\"region\" aria-labelledby=\"ranking-caption\" tabindex=\"0\""))
            var seen: [String] = []
            for page in 1...6 {
                let response = try await team.get(path + "/ranking?page=\(page)")
                #expect(response.body.utf8.count < 150_000)
                seen += Self.rankingCodes(response.body)
            }
            #expect(seen.count == 130 && Set(seen).count == 130, "every project once over the pages: \(seen.count)")
            let beyond = try await team.get(path + "/ranking?page=99")
            #expect(Self.rankingCodes(beyond.body) == Array(seen.suffix(5)), "a page past the end shows the last one")

            // A search finds a project on any page, with its rank in the whole ranking.
            let wanted = seen[77]
            let found = try await team.get(path + "/ranking?q=" + wanted)
            #expect(Self.rankingCodes(found.body) == [wanted])
            #expect(found.body.contains("1 von 130 Projekten passen zu „\(wanted)“"))
            #expect(found.body.contains(">78</td>"), "rank 78 of the whole ranking")
            let none = try await team.get(path + "/ranking?q=gibt-es-nicht")
            #expect(none.body.contains("Kein Projekt passt zu „gibt-es-nicht“."))
            #expect(!none.body.contains("Noch keine Reihung") && none.body.contains("Alle Projekte zeigen"))
            // Every project is still in the CSV export.
            let export = try await team.get(path + "/ranking/export")
            #expect(export.body.split(whereSeparator: \.isNewline).count == 131, "a header and 130 projects")

            // Sensitivity: the stability summary counts all 130, the table shows 25 per page.
            let sensitivity = try await team.get(path + "/sensitivity")
            #expect(sensitivity.status == .ok)
            #expect(sensitivity.body.utf8.count < 150_000)
            #expect(sensitivity.body.contains("Stabilität der ersten Plätze"))
            #expect(sensitivity.body.contains("Seite 1 von 6"))
            let lastOutcomes = try await team.get(path + "/sensitivity?page=6")
            #expect(lastOutcomes.body.contains("Seite 6 von 6"))

            // The round page: the municipality's 150+ projects are summarized, not listed as checkboxes.
            let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
            let all = try await Project.query(on: server.db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil).count()
            #expect(all > RoundPageBuilder.scopeListLimit)
            let roundPage = try await team.get(path)
            #expect(roundPage.body.utf8.count < 150_000)
            #expect(!roundPage.body.contains("name=\"projectIDs[]\""))
            #expect(roundPage.body.contains("130 von \(all) Projekten der Kommune sind in der Runde."))
            let full = try await team.get(path + "?scope=all")
            #expect(full.body.components(separatedBy: "name=\"projectIDs[]\"").count - 1 == all, "the full list on request")

            // The rating page: ten projects a page, the unrated ones on their own.
            let rater = server.client()
            try await rater.login(data.raterEmail, password: TestServer.demoPassword)
            let rating = try await rater.get(path + "/rate?filter=open")
            #expect(rating.status == .ok)
            #expect(rating.body.utf8.count < 150_000)
            #expect(rating.body.contains("Seite 1 von 6"), "52 unrated projects in pages of ten")
        }
    }

    @Test("the provisional ranking comes from the round's cache and changes with a new score and new weights")
    func cacheFollowsTheData() async throws {
        try await withServer { server in
            let round = try await ResultsRound.open(on: server, submit: [1])
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let cache = server.app.roundResultsCache
            let loadsBefore = await cache.loads

            let before = try await team.get(round.path + "/ranking")
            #expect(before.body.contains("82,5"))
            let again = try await team.get(round.path + "/ranking")
            #expect(again.body == before.body)
            #expect(await cache.loads == loadsBefore + 1, "the second request reuses the evaluation")

            // Rater 1 (not handed in) gives A's citizen benefit 0 instead of 4: A falls to 57.5 points.
            let stored = try await RoundService(db: server.db, context: round.team).round(round.roundID.uuidString)
            try await RatingService(db: server.db, context: round.raters[0]).save(stored, [
                RatingInput(projectID: round.projects[0].uuidString, criterionKey: "citizenBenefit", score: "0", justification: "Neu bewertet"),
            ], submit: false)
            let after = try await team.get(round.path + "/ranking")
            #expect(!after.body.contains("82,5") && after.body.contains("57,5"), "the new score shows at once")
            #expect(await cache.loads == loadsBefore + 2)

            // New weights change the figures too.
            try await RoundService(db: server.db, context: round.team).setWeights(stored, ["citizenBenefit": "20", "staffRelief": "60", "urgency": "20"])
            let reweighted = try await team.get(round.path + "/ranking")
            #expect(reweighted.body != after.body)
            #expect(await cache.loads == loadsBefore + 3)
        }
    }
}
