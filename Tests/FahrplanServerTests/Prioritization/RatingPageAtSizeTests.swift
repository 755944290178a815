import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Issue 19: the rater's page of a big round reads no more than it shows — counts and the "unrated only" filter
/// in indexed queries, the own scores of the page's projects — and a save from one page keeps the others' scores;
/// concurrent requests on a cold round load its evaluation once.
@Suite("Prioritization: the rating page of a big round, the round's cache under concurrent requests")
struct RatingPageAtSizeTests {
    static func legendCodes(_ body: String) -> [String] {
        body.matches(of: /<legend><span class="code">([^<]+)<\/span>/).map { String($0.output.1) }
    }

    @Test("a 130-project round: pages of ten, the unrated ones by query, a save from a later page keeps the other pages' scores")
    func pagedRating() async throws {
        try await withServer { server in
            let data = try await RoundPagesAtSizeTests.bigRound(on: server)
            let path = "/m/musterstadt/prioritization/rounds/\(data.roundID)/rate"
            let rater = server.client()
            try await rater.login(data.raterEmail, password: TestServer.demoPassword)
            let criteria = try await RoundCriterion.query(on: server.db).filter(\.$round.$id == data.roundID).all()
                .filter { $0.criterion.source == .rating }
            let scope = try await RoundProject.query(on: server.db).filter(\.$round.$id == data.roundID).all().map(\.$project.id)
            let codes = try await Project.query(on: server.db).filter(\.$id ~~ scope).all().map(\.code).sorted()
            // Rater 1 scored the first 60 % by code on every criterion: 78 complete, 52 open.
            let all = try await rater.get(path)
            #expect(all.status == .ok)
            #expect(all.body.utf8.count < 150_000)
            #expect(all.body.contains("Alle (130)") || all.body.contains("(130)"))
            #expect(all.body.contains("(52)"), "52 projects not fully rated")
            #expect(all.body.contains("Seite 1 von 13"))
            #expect(all.body.contains("\(78 * criteria.count) von \(130 * criteria.count) bewertet"))
            #expect(Self.legendCodes(all.body) == Array(codes.prefix(10)))
            #expect(all.body.contains("href=\"#scale-\(criteria[0].key)\""), "each score links to its scale's anchors")

            let open = try await rater.get(path + "?filter=open")
            #expect(open.body.contains("Seite 1 von 6"))
            #expect(Self.legendCodes(open.body) == Array(codes.dropFirst(78).prefix(10)))
            let last = try await rater.get(path + "?filter=open&page=99")
            #expect(Self.legendCodes(last.body) == Array(codes.suffix(2)), "a page past the end shows the last one")

            // Rate the first project of the open list's second page completely, from that page.
            let secondPage = try await rater.get(path + "?filter=open&page=2")
            let target = try #require(Self.legendCodes(secondPage.body).first)
            #expect(target == codes[88])
            let projectID = try #require(try await Project.query(on: server.db).filter(\.$code == target).filter(\.$id ~~ scope).first()?.requireID())
            var form: [(String, String)] = [("intent", "save"), ("page", "2"), ("filter", "open")]
            for criterion in criteria { form += SetupFixtures.score(projectID, criterion.key, "2", "von Seite 2") }
            let saved = try await rater.post(path, form)
            #expect(saved.status == .seeOther)
            #expect(saved.location == path + "?saved=1&filter=open&page=2")
            let raterID = try await SetupFixtures.userID(data.raterEmail, on: server)
            let stored = try await Rating.query(on: server.db).filter(\.$round.$id == data.roundID).filter(\.$rater.$id == raterID).count()
            #expect(stored == (78 + 1) * criteria.count, "the other pages' scores are kept")
            let after = try await rater.get(path + "?filter=open")
            #expect(after.body.contains("(51)"))
            #expect(!Self.legendCodes(after.body).contains(target))
            let firstPage = try await rater.get(path)
            #expect(firstPage.body.contains("\(criteria.count) von \(criteria.count) Kriterien bewertet"))
            #expect(firstPage.body.contains("\(79 * criteria.count) von \(130 * criteria.count) bewertet"))

            // In English, the rendered projects too.
            let english = try await rater.get(path + "?lang=en")
            #expect(english.body.contains("Page 1 of 13"))
            #expect(english.body.contains("Levels explained:"))
        }
    }

    @Test("concurrent requests on a cold round load its evaluation once")
    func singleFlight() async throws {
        try await withServer { server in
            let round = try await ResultsRound.open(on: server, submit: [1])
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let cache = server.app.roundResultsCache
            let before = await cache.loads
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 { group.addTask { try await team.get(round.path + "/ranking").body } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(bodies).count == 1)
            #expect(await cache.loads == before + 1)
        }
    }
}
