import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Quick-Check: JSON API and the group-commit writer")
struct SurveyAPITests {
    @Test("management: create 201 with ETag, PUT with a stale If-Match 412, k only upward 422, invitations once, close")
    func management() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let questionnaire = try await SurveyFixtures.storeQuestionnaire(context: context, on: server.db)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let client = server.client()
            let invalid = try await client.api(.POST, "/api/v1/maturity/surveys", token: token,
                                               json: ["questionnaireId": "nope", "title": "X", "opensOn": "2026-01-01", "closesOn": "2026-02-01", "access": "public", "minimumGroupSize": 2])
            #expect(invalid.status == .unprocessableEntity)
            let fields = try #require(invalid.jsonObject()["errors"] as? [[String: Any]]).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["questionnaireId", "minimumGroupSize"])

            let created = try await client.api(.POST, "/api/v1/maturity/surveys", token: token,
                                               json: ["questionnaireId": questionnaire.uuidString, "title": "Einladungsrunde", "opensOn": "2020-01-01",
                                                      "closesOn": "2099-12-31", "access": "invitation"])
            #expect(created.status == .created)
            #expect(created.headers.first(name: "ETag") == "\"1\"")
            let body = try created.jsonObject()
            let id = try #require(body["id"] as? String)
            #expect(body["phase"] as? String == "open" && body["minimumGroupSize"] as? Int == 5 && body["publicPath"] == nil)
            #expect(created.location == "/api/v1/maturity/surveys/\(id)")

            let replacement: [String: Any] = ["questionnaireId": questionnaire.uuidString, "title": "Einladungsrunde 2026", "opensOn": "2020-01-01",
                                              "closesOn": "2099-12-31", "minimumGroupSize": 7]
            var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "If-Match": "\"1\""]
            let put = try await client.send(.PUT, "/api/v1/maturity/surveys/\(id)", headers: headers,
                                            body: try JSONSerialization.data(withJSONObject: replacement), useCookies: false)
            #expect(put.status == .ok)
            #expect(put.headers.first(name: "ETag") == "\"2\"")
            let stale = try await client.send(.PUT, "/api/v1/maturity/surveys/\(id)", headers: headers,
                                              body: try JSONSerialization.data(withJSONObject: replacement), useCookies: false)
            #expect(stale.status == .preconditionFailed)
            headers.replaceOrAdd(name: "If-Match", value: "\"2\"")
            var lowered = replacement
            lowered["minimumGroupSize"] = 5
            let refused = try await client.send(.PUT, "/api/v1/maturity/surveys/\(id)", headers: headers,
                                                body: try JSONSerialization.data(withJSONObject: lowered), useCookies: false)
            #expect(refused.status == .unprocessableEntity)

            let invitations = try await client.api(.POST, "/api/v1/maturity/surveys/\(id)/invitations", token: token, json: ["count": 3])
            #expect(invitations.status == .created)
            let tokens = try #require(invitations.jsonObject()["tokens"] as? [[String: Any]])
            #expect(tokens.count == 3)
            let first = try #require(tokens.first?["token"] as? String)
            #expect(tokens.first?["path"] as? String == "/q/\(first)")

            let form = try await client.api(.GET, "/api/v1/surveys/\(first)", token: nil)
            #expect(form.status == .ok)
            #expect(form.headers["Set-Cookie"].isEmpty)
            let round = try #require(form.jsonObject()["round"] as? [String: Any])
            #expect(round["phase"] as? String == "open" && round["invitationUsed"] as? Bool == false)

            let sent = try await client.api(.POST, "/api/v1/surveys/\(first)/responses", token: nil, json: SurveyFixtures.jsonAnswer(key: SurveyFixtures.key()))
            #expect(sent.status == .created)
            #expect(try sent.jsonObject()["status"] as? String == "received")
            let reused = try await client.api(.POST, "/api/v1/surveys/\(first)/responses", token: nil, json: SurveyFixtures.jsonAnswer(key: SurveyFixtures.key()))
            #expect(reused.status == .conflict)

            let list = try await client.api(.GET, "/api/v1/maturity/surveys", token: token)
            let item = try #require((list.jsonObject()["items"] as? [[String: Any]])?.first { $0["id"] as? String == id })
            #expect(item["responses"] as? Int == 1 && item["invitations"] as? Int == 3 && item["invitationsUsed"] as? Int == 1 && item["invitedCount"] as? Int == 3)

            let closed = try await client.api(.POST, "/api/v1/maturity/surveys/\(id)/close", token: token)
            #expect(closed.status == .ok)
            #expect(try closed.jsonObject()["phase"] as? String == "closed")
            let late = try await client.api(.POST, "/api/v1/surveys/\(try #require(tokens.last?["token"] as? String))/responses", token: nil,
                                            json: SurveyFixtures.jsonAnswer(key: SurveyFixtures.key()))
            #expect(late.status == .gone)

            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            #expect(try await client.api(.POST, "/api/v1/maturity/surveys/\(id)/invitations", token: reader, json: ["count": 1]).status == .forbidden)
        }
    }

    @Test("public submission: 201, 200 already received, 404, 422 naming ratings.<key> with nothing stored")
    func publicSubmission() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let token = try #require(round.token)
            let client = server.client()
            let key = SurveyFixtures.key()
            #expect(try await client.api(.POST, "/api/v1/surveys/\(token)/responses", token: nil, json: SurveyFixtures.jsonAnswer(key: key)).status == .created)
            let again = try await client.api(.POST, "/api/v1/surveys/\(token)/responses", token: nil, json: SurveyFixtures.jsonAnswer(key: key))
            #expect(again.status == .ok)
            #expect(try again.jsonObject()["status"] as? String == "alreadyReceived")
            #expect(try await client.api(.POST, "/api/v1/surveys/unbekannterLink1234/responses", token: nil, json: SurveyFixtures.jsonAnswer(key: key)).status == .notFound)

            var bad = SurveyFixtures.jsonAnswer(key: SurveyFixtures.key(), f1: 5)
            bad["ratings"] = ["f1": 5, "f2": "vielleicht", "gibtsnicht": 1]
            let refused = try await client.api(.POST, "/api/v1/surveys/\(token)/responses", token: nil, json: bad)
            #expect(refused.status == .unprocessableEntity)
            let errors = try #require(refused.jsonObject()["errors"] as? [[String: Any]])
            #expect(Set(errors.compactMap { $0["field"] as? String }) == ["ratings.f1", "ratings.f2", "ratings.gibtsnicht"])
            #expect(errors.first { $0["field"] as? String == "ratings.f1" }?["code"] as? String == "out_of_range")
            var keyless = SurveyFixtures.jsonAnswer(key: "")
            keyless["submissionKey"] = nil
            let missing = try await client.api(.POST, "/api/v1/surveys/\(token)/responses", token: nil, json: keyless)
            #expect(missing.status == .unprocessableEntity)
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 1)
        }
    }

    @Test("many answers at once through the writer: each stored exactly once, duplicates and a reused token counted once")
    func concurrentSubmissions() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let invitationRound = try await SurveyFixtures.round(context: context, access: .invitation, questionnaireID: round.questionnaireID, on: server.db)
            let stored = try #require(try await MaturityRoundRecord.find(invitationRound.id, on: server.db))
            let invitation = try #require(try await SurveyService(db: server.db, context: context).makeInvitations(stored, count: "1").first)
            let token = try #require(round.token)
            let unique = (0..<60).map { _ in SurveyFixtures.key() }
            let repeated = SurveyFixtures.key()
            // 60 distinct answers, the same answer 10 times, and one invitation token sent 8 times with different keys.
            var requests: [(String, String)] = unique.map { (token, $0) } + Array(repeating: (token, repeated), count: 10)
            requests += (0..<8).map { _ in (invitation, SurveyFixtures.key()) }
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPResponseStatus).self) { group in
                for (target, key) in requests.shuffled() {
                    group.addTask {
                        let response = try await server.client().api(.POST, "/api/v1/surveys/\(target)/responses", token: nil,
                                                                      json: SurveyFixtures.jsonAnswer(key: key))
                        return (target, response.status)
                    }
                }
                var collected: [(String, HTTPResponseStatus)] = []
                for try await status in group { collected.append(status) }
                return collected
            }
            let publicStatuses = statuses.filter { $0.0 == token }.map(\.1)
            let invitationStatuses = statuses.filter { $0.0 == invitation }.map(\.1)
            #expect(publicStatuses.filter { $0 == .created }.count == 61)
            #expect(publicStatuses.filter { $0 == .ok }.count == 9)
            #expect(invitationStatuses.filter { $0 == .created }.count == 1)
            #expect(invitationStatuses.filter { $0 == .conflict }.count == 7)
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 61)
            #expect(try await SurveyFixtures.responseCount(invitationRound.id, on: server) == 1)
            let keys = try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == round.id).all().map(\.submissionKey)
            #expect(Set(keys) == Set(unique + [repeated]))
            let (batches, _) = server.app.surveySubmissionWriter.statistics
            #expect(batches >= 1 && batches <= requests.count)
        }
    }

    static func outcome(_ body: @Sendable () async throws -> SurveySubmissionWriter.Outcome) async -> Result<SurveySubmissionWriter.Outcome, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    @Test("a batch with a row the database refuses still stores the others (each retried alone)")
    func failingRowDoesNotSinkBatch() async throws {
        try await withServer { server in
            let context = try await SurveyFixtures.teamContext(on: server)
            let round = try await SurveyFixtures.round(context: context, on: server.db)
            let writer = SurveySubmissionWriter(database: { server.app.db }, logger: server.app.logger)
            @Sendable func submission(_ key: String, round roundID: UUID) -> SurveySubmissionWriter.Submission {
                .init(municipalityID: context.municipalityID, roundID: roundID, submissionKey: key, levels: "012", groups: nil, freeTexts: nil,
                      receivedOn: "2026-01-01", invitationHash: nil)
            }
            // A round that does not exist violates the foreign key (SQLite with foreign_keys=ON, PostgreSQL always).
            try await DatabaseSetup.prepareConnections(on: server.app)
            let good = (0..<5).map { _ in SurveyFixtures.key() }
            let results = await withTaskGroup(of: Result<SurveySubmissionWriter.Outcome, any Error>.self) { group in
                for key in good { group.addTask { await Self.outcome { try await writer.submit(submission(key, round: round.id)) } } }
                group.addTask { await Self.outcome { try await writer.submit(submission(SurveyFixtures.key(), round: UUID())) } }
                var all: [Result<SurveySubmissionWriter.Outcome, any Error>] = []
                for await result in group { all.append(result) }
                return all
            }
            #expect(results.filter { if case .success(.stored) = $0 { true } else { false } }.count == 5)
            #expect(results.filter { if case .failure = $0 { true } else { false } }.count == 1)
            #expect(try await SurveyFixtures.responseCount(round.id, on: server) == 5)
        }
    }
}

