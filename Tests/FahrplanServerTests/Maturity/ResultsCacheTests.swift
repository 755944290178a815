import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The results are computed once per state of a round and then looked up (`MaturityResultsCaches`); these tests
/// show that nothing stale is ever served: a new answer (through the real write path, `SurveySubmissionWriter`),
/// a raised k and a new department each change what the page and the API show at once. SQLite, or PostgreSQL with
/// TEST_DATABASE_URL. No timing is measured here (benchmarks/maturity-results-http.sh does that).
@Suite("Maturity: cached results stay current", .serialized)
struct ResultsCacheTests {
    /// One more answer for the seeded main round through the survey write path: s1..s5 rated 4, department A,
    /// leadership "nein", the free text `text`.
    static func answer(_ server: TestServer, _ seeded: ResultsFixtures.Seeded, text: String?) async throws {
        let submission = SurveySubmissionWriter.Submission(
            municipalityID: seeded.context.municipalityID, roundID: seeded.round, submissionKey: UUID().uuidString,
            levels: MaturityResponseCoding.encode([4, 4, 4, 4, 4]),
            groups: MaturityResponseCoding.encodeOptionals([seeded.departments[0].id!.uuidString, "nein"]),
            freeTexts: MaturityResponseCoding.encodeOptionals([text]), receivedOn: "2026-03-20", invitationHash: nil)
        #expect(try await server.app.surveySubmissionWriter.submit(submission) == .stored)
    }

    static func getJSON(_ server: TestServer, _ path: String, token: String) async throws -> JSONValue {
        let response = try await server.client().api(.GET, path, token: token)
        #expect(response.status == .ok, "\(path): \(response.status)")
        return try JSONValue.parse(response.body)
    }

    @Test("a new answer changes page, API and breakdown at once; an unchanged round is served from the cache")
    func newAnswerInvalidates() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let caches = server.app.maturityResultsCaches
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let page = "/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results"
            let api = "/api/v1/maturity/surveys/\(seeded.round.uuidString)/results"

            let first = try await team.get(page)
            #expect(first.status == .ok && first.body.contains("id=\"mres-responses\">20<"))
            #expect(first.body.contains("id=\"mres-overall\">2,08 auf der Skala 0 bis 4<"))
            let missesAfterFirst = caches.totals.statistics.misses
            let again = try await team.get(page)
            #expect(again.body.contains("id=\"mres-responses\">20<"))
            #expect(caches.totals.statistics.misses == missesAfterFirst, "the unchanged round was computed again")
            #expect(caches.totals.statistics.hits > 0)
            let breakdownBefore = try await Self.getJSON(server, api + "?group=department", token: token)
            #expect(breakdownBefore["responseCount"] == .number(20))

            try await Self.answer(server, seeded, text: "Neu nach dem ersten Abruf")

            let after = try await team.get(page)
            #expect(after.body.contains("id=\"mres-responses\">21<"), "the page still shows the old count")
            #expect(!after.body.contains("id=\"mres-overall\">2,08 "))
            #expect(after.body.contains("Neu nach dem ersten Abruf"))
            let json = try await Self.getJSON(server, api, token: token)
            #expect(json["responseCount"] == .number(21))
            let s1 = try #require(json["results"]?["statements"]?.array?.first)
            #expect(s1["counts"] == .array([.number(10), .number(6), .number(4), .number(0), .number(1)]))
            #expect(json["freeTexts"]?.array?.first?["answers"]?.array?.contains(.string("Neu nach dem ersten Abruf")) == true)
            // The breakdown: A now has 11 answers, its s1 count of level 4 is 1.
            let breakdown = try await Self.getJSON(server, api + "?group=department", token: token)
            let groupA = try #require(breakdown["breakdown"]?["groups"]?.array?.first { $0["option"] == .string(seeded.departments[0].id!.uuidString) })
            #expect(groupA["results"]?["responseCount"] == .number(11))
            #expect(groupA["results"]?["statements"]?.array?.first?["counts"] == .array([.number(10), .number(0), .number(0), .number(0), .number(1)]))
            // The trend of the other round that shows this one also sees the new count.
            let earlier = try await Self.getJSON(server, "/api/v1/maturity/surveys/\(seeded.earlier.uuidString)/results", token: token)
            #expect(earlier["trend"]?.array?.first { $0["id"] == .string(seeded.round.uuidString) }?["responseCount"] == .number(21))
        }
    }

    @Test("a raised k and a new department are never hidden by the cache")
    func roundAndDepartmentChanges() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let api = "/api/v1/maturity/surveys/\(seeded.round.uuidString)/results"
            let before = try await Self.getJSON(server, api + "?group=department", token: token)
            #expect(before["shown"] == .bool(true) && before["minimumGroupSize"] == .number(5))
            let groupsBefore = before["breakdown"]?["groups"]?.array?.count ?? 0

            // k raised above the 20 answers: everything withheld at once.
            let round = try #require(try await MaturityRoundRecord.find(seeded.round, on: server.db))
            round.minimumGroupSize = 25
            round.version += 1
            try await round.update(on: server.db)
            let raised = try await Self.getJSON(server, api, token: token)
            #expect(raised["shown"] == .bool(false) && raised["results"] == nil && raised["freeTexts"] == nil)

            // Back to 10, and a new department: it is listed (withheld, no answers), A (10) is shown, B and C not.
            round.minimumGroupSize = 10
            round.version += 1
            try await round.update(on: server.db)
            let unit = Department(municipalityID: seeded.context.municipalityID, code: "99", name: "Neue Einheit", level: "office",
                                  parentID: nil, headName: nil)
            try await unit.create(on: server.db)
            let after = try await Self.getJSON(server, api + "?group=department", token: token)
            let groups = try #require(after["breakdown"]?["groups"]?.array)
            #expect(groups.count == groupsBefore + 1)
            #expect(groups.first { $0["label"] == .string("Neue Einheit") }?["shown"] == .bool(false))
            let shown = groups.filter { $0["shown"] == .bool(true) }.compactMap { $0["option"]?.string }
            #expect(shown == [seeded.departments[0].id!.uuidString])
        }
    }

    @Test("identical free texts are listed once with their count; the first-step buttons share one form")
    func compactPage() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            try await Self.answer(server, seeded, text: "Wunsch aus B")
            try await Self.answer(server, seeded, text: "Wunsch aus B")
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let path = "/m/musterstadt/maturity/surveys/\(seeded.round.uuidString)/results"
            let body = try await team.get(path).body
            let texts = try #require(ResultsFixtures.section(body, from: "id=\"mres-text-1\"", to: "</ul>"))
            #expect(texts.contains("<li>Geheimwunsch aus C</li><li>Mehr Laptops A</li><li>Wunsch aus B <span class=\"muted\">(3-mal)</span></li>"))
            let steps = try #require(ResultsFixtures.section(body, from: "id=\"mres-first-steps\"", to: "</section>"))
            #expect(steps.components(separatedBy: "<form").count == 2, "one form for all first steps")
            #expect(steps.components(separatedBy: "<select").count == 2, "the unit list once")
            #expect(steps.contains("form=\"mres-step-form\" name=\"step\" value=\"0 s1\""))

            // The button's value names the step; the form's unit leads the new project idea.
            let unit = seeded.departments[2]
            let created = try await team.post("/m/musterstadt/maturity/first-steps/project",
                                              [("sourceKind", "survey"), ("sourceID", seeded.round.uuidString), ("departmentID", unit.id!.uuidString),
                                               ("step", "1 s1")])
            #expect(created.status == .seeOther)
            let project = try #require(try await Project.query(on: server.db).filter(\.$title == "Zuständigkeit benennen").first())
            #expect(project.$department.id == unit.id)
        }
    }

    @Test("the cache keeps at most its capacity, the least recently used goes first")
    func boundedLRU() {
        let cache = LRUCache<String, Int>(capacity: 2)
        cache.store("a", 1)
        cache.store("b", 2)
        #expect(cache.value("a") == 1)
        cache.store("c", 3)
        #expect(cache.count == 2 && cache.value("b") == nil && cache.value("a") == 1 && cache.value("c") == 3)
        let none = LRUCache<String, Int>(capacity: 0)
        none.store("a", 1)
        #expect(none.value("a") == nil && none.count == 0)
    }
}
