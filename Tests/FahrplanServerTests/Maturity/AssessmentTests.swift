import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// Potenzialchecks over HTTP (SQLite, or PostgreSQL with TEST_DATABASE_URL): create, rate in parts with evidence
/// and "weiß nicht", a value off the scale named by its statement with nothing stored, progress, the response the
/// results use, the API's ratings with 422 by index and 412 on a stale `If-Match`, who may do what.
@Suite("Maturity: Potenzialcheck", .serialized)
struct AssessmentTests {
    static let base = QuestionnaireWebTests.base

    static func ratingCount(_ server: TestServer) async throws -> Int { try await MaturityAssessmentRatingRecord.query(on: server.db).count() }

    @Test("create, partial ratings with evidence and don't know, off-scale value refused naming the statement, progress and response")
    func rateOnTheWeb() async throws {
        try await withServer { server in
            try await QuestionnaireWebTests.clearQuestionnaires(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let record = try await QuestionnaireWebTests.copyStandard(team, server)
            let standard = try record.questionnaire()
            let total = standard.statements.count

            try await team.get(Self.base + "/assessments/new?questionnaire=\(try record.requireID())")
            let created = try await team.post(Self.base + "/assessments/new", [("questionnaireID", record.id!.uuidString), ("title", "Workshop Herbst"),
                                                                              ("assessedOn", "30.11.2026"), ("participants", "Strategieteam, Personalrat"), ("note", "")])
            #expect(created.status == .seeOther && created.location?.hasSuffix("/ratings") == true)
            let assessment = try #require(try await MaturityAssessmentRecord.query(on: server.db).first())
            let page = Self.base + "/assessments/\(try assessment.requireID())"

            let form = try await team.get(page + "/ratings")
            let first = standard.statements[0], second = standard.statements[1], third = standard.statements[2]
            #expect(form.status == .ok && form.body.contains("0 von \(total) bewertet") && form.body.contains("name=\"r.\(first.key)\""))
            #expect(form.body.contains("<details><summary>Worum geht es"))

            // A value off the scale: 422 naming the statement's text, nothing stored.
            let off = try await team.post(page + "/ratings", [("r.\(first.key)", "3"), ("r.\(second.key)", "9"), ("e.\(first.key)", "Beschluss")])
            #expect(off.status == .unprocessableEntity)
            #expect(off.body.contains("id=\"r-\(second.key)-error\"") && off.body.contains("„\(second.text)“"))
            #expect(try await Self.ratingCount(server) == 0)

            // A partial save: one level with evidence, one "weiß nicht", one evidence only.
            let saved = try await team.post(page + "/ratings", [("r.\(first.key)", "3"), ("e.\(first.key)", "Ratsbeschluss vom März"),
                                                                ("r.\(second.key)", "dontKnow"), ("r.\(third.key)", ""), ("e.\(third.key)", "Noch offen")])
            #expect(saved.status == .seeOther)
            let shown = try await team.get(page)
            #expect(shown.body.contains("2 von \(total) bewertet") && shown.body.contains("Ratsbeschluss vom März") && shown.body.contains("3 – trifft eher zu"))
            #expect(shown.body.contains("href=\"\(page)/results\""))
            let stored = try await MaturityAssessmentRatingRecord.query(on: server.db).all()
            #expect(stored.count == 3 && stored.first { $0.statementKey == first.key }?.level == 3)
            #expect(stored.first { $0.statementKey == second.key }?.dontKnow == true)

            // The response helper R computes results with: level index by position, don't know, skipped.
            let context = try await PrioritizationFixtures.context(try await Fixtures.musterstadt(on: server), email: Fixtures.strategyTeam, on: server.db)
            let reloaded = try #require(try await MaturityAssessmentRecord.find(assessment.id, on: server.db))
            let (questionnaire, response) = try await AssessmentService(db: server.db, context: context).response(for: reloaded)
            #expect(questionnaire == standard && response.levels.count == total)
            #expect(response.levels[0] == 3 && response.levels[1] == MaturityResponse.dontKnowCode && response.levels[2] == MaturityResponse.skippedCode)

            // A stale rating form (version of before the save) is refused with 409.
            let stale = try await team.post(page + "/ratings", [("version", String(assessment.version)), ("r.\(first.key)", "1")])
            #expect(stale.status == .conflict && stale.body.contains("id=\"edit-conflict\""))
            #expect(try await MaturityAssessmentRatingRecord.query(on: server.db).filter(\.$statementKey == first.key).first()?.level == 3)

            // Members read, only the strategy team rates.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let read = try await reader.get(page)
            #expect(read.status == .ok && !read.body.contains("id=\"rate-assessment\""))
            #expect(try await reader.get(page + "/ratings").status == .forbidden)
            #expect(try await reader.post(page + "/ratings", [("version", String(reloaded.version)), ("r.\(first.key)", "0")]).status == .forbidden)
            #expect(try await reader.get(Self.base + "/assessments").body.contains("Workshop Herbst"))
            #expect(try await MaturityAssessmentRatingRecord.query(on: server.db).filter(\.$statementKey == first.key).first()?.level == 3)
        }
    }

    @Test("API: create, ratings off the scale or unknown are 422 by index with nothing stored, saved ratings, 412 on a stale If-Match")
    func rateOverTheAPI() async throws {
        try await withServer { server in
            try await QuestionnaireWebTests.clearQuestionnaires(server)
            let client = server.client()
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let copied = try await client.api(.POST, QuestionnaireAPITests.list, token: team, json: ["copyStandard": true])
            let questionnaire = try #require(try copied.jsonObject()["id"] as? String)
            let standard = try QuestionnaireService.standard()
            let body: [String: Any] = ["questionnaireId": questionnaire, "title": "Workshop", "assessedOn": "2026-11-30"]
            #expect(try await client.api(.POST, "/api/v1/maturity/assessments", token: reader, json: body).status == .forbidden)
            let invalid = try await client.api(.POST, "/api/v1/maturity/assessments", token: team,
                                               json: ["questionnaireId": UUID().uuidString, "assessedOn": "morgen"])
            #expect(invalid.status == .unprocessableEntity && Set(QuestionnaireAPITests.fields(invalid)) == ["questionnaireId", "title", "assessedOn"])
            let created = try await client.api(.POST, "/api/v1/maturity/assessments", token: team, json: body)
            #expect(created.status == .created && created.headers.first(name: "ETag") == "\"1\"")
            let id = try #require(try created.jsonObject()["id"] as? String)
            let ratings = "/api/v1/maturity/assessments/\(id)/ratings"
            let k = standard.statements.map(\.key)

            let off = try await client.api(.PUT, ratings, token: team, json: ["ratings": [
                ["statementKey": k[0], "level": 2], ["statementKey": k[1], "level": 7], ["statementKey": "gibt-es-nicht", "level": 1],
                ["statementKey": k[2], "level": 1, "dontKnow": true], ["statementKey": k[0], "level": 1]]])
            #expect(off.status == .unprocessableEntity)
            #expect(Set(QuestionnaireAPITests.fields(off)) == ["ratings[3].level", "ratings[4].statementKey"])
            let unknown = try await client.api(.PUT, ratings, token: team, json: ["ratings": [["statementKey": k[0], "level": 2],
                                                                                           ["statementKey": k[1], "level": 7],
                                                                                           ["statementKey": "gibt-es-nicht", "level": 1]]])
            #expect(Set(QuestionnaireAPITests.fields(unknown)) == ["ratings[1].level", "ratings[2].statementKey"])
            #expect(try await Self.ratingCount(server) == 0)

            let saved = try await client.send(.PUT, ratings, headers: ["Authorization": "Bearer \(team)", "Content-Type": "application/json", "If-Match": "\"1\""],
                                              body: try JSONSerialization.data(withJSONObject: ["ratings": [
                                                  ["statementKey": k[0], "level": 4, "evidence": "Digitalstrategie beschlossen"],
                                                  ["statementKey": k[1], "dontKnow": true]]]), useCookies: false)
            #expect(saved.status == .ok && saved.headers.first(name: "ETag") == "\"2\"")
            let detail = try saved.jsonObject()
            #expect(detail["rated"] as? Int == 2 && detail["statementCount"] as? Int == standard.statements.count)
            #expect((detail["ratings"] as? [[String: Any]])?.first?["evidence"] as? String == "Digitalstrategie beschlossen")
            let stale = try await client.send(.PUT, ratings, headers: ["Authorization": "Bearer \(team)", "Content-Type": "application/json", "If-Match": "\"1\""],
                                              body: try JSONSerialization.data(withJSONObject: ["ratings": [["statementKey": k[0], "level": 0]]]), useCookies: false)
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.api(.PUT, ratings, token: reader, json: ["ratings": [["statementKey": k[0], "level": 0]]]).status == .forbidden)
            #expect(try await MaturityAssessmentRatingRecord.query(on: server.db).filter(\.$statementKey == k[0]).first()?.level == 4)
            let listed = try await client.api(.GET, "/api/v1/maturity/assessments", token: reader)
            #expect(((try? listed.jsonObject())?["items"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["rated"] as? Int == 2)
        }
    }
}
