import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The survey API's part of the OpenAPI conformance tests: every operation once with success (each answer held
/// against openapi.json), the ids `badRequests` needs, and its bodies of the wrong JSON type.
enum SurveyAPIExercise {
    static let surveys = "/api/v1/maturity/surveys"
    static let publicSurveys = "/api/v1/surveys"

    /// Rounds are made from a questionnaire of their own (the small fixture one, whose answers `SurveyFixtures.jsonAnswer`
    /// fits), so the exercise does not depend on which questionnaires other exercises left active or archived.
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let context = try await SurveyFixtures.teamContext(on: server)
        let questionnaire = try await SurveyFixtures.storeQuestionnaire(context: context, on: server.db).uuidString

        try await api.call(.GET, surveys, token: token, expect: .ok)
        let created = try await api.call(.POST, surveys, token: token,
                                         json: ["questionnaireId": questionnaire, "title": "Konformitäts-Quick-Check", "opensOn": "2020-01-01",
                                                "closesOn": "2099-12-31", "access": "public", "invitedCount": 200, "minimumGroupSize": 5],
                                         expect: .created)
        let s = ["survey": try #require(try created.value()["id"]?.string)]
        let publicPath = try #require(try created.value()["publicPath"]?.string)
        let publicToken = try #require(publicPath.split(separator: "/").last.map(String.init))

        let shown = try await api.call(.GET, surveys + "/{survey}", s, token: token, expect: .ok)
        try await api.call(.PUT, surveys + "/{survey}", s, token: token,
                           json: ["questionnaireId": questionnaire, "title": "Konformitäts-Quick-Check 2026", "opensOn": "2020-01-01",
                                  "closesOn": "2099-12-31", "invitedCount": 250, "minimumGroupSize": 6],
                           headers: ["If-Match": shown.headers.first(name: "ETag") ?? ""], expect: .ok)

        let t = ["token": publicToken]
        try await api.call(.GET, publicSurveys + "/{token}", t, token: nil, expect: .ok)
        try await api.call(.POST, publicSurveys + "/{token}/responses", t, token: nil,
                           json: SurveyFixtures.jsonAnswer(key: SurveyFixtures.key()), expect: .created)

        // Invitations exist only for invitation rounds (a public round answers 422 `count`).
        let invitationRound = try await api.call(.POST, surveys, token: token,
                                                 json: ["questionnaireId": questionnaire, "title": "Konformitäts-Einladungsrunde", "opensOn": "2020-01-01",
                                                        "closesOn": "2099-12-31", "access": "invitation"], expect: .created)
        let i = ["survey": try #require(try invitationRound.value()["id"]?.string)]
        try await api.call(.POST, surveys + "/{survey}/invitations", i, token: token, json: ["count": 2], expect: .created)

        try await api.call(.POST, surveys + "/{survey}/close", s, token: token, expect: .ok)
    }

    /// A public round of Musterstadt and its answer token, for `badRequests`.
    static func ids(on server: TestServer) async throws -> [String: String] {
        let context = try await SurveyFixtures.teamContext(on: server)
        let round = try await SurveyFixtures.round(context: context, title: "Prüfrunde", on: server.db)
        return ["survey": round.id.uuidString, "token": try #require(round.token)]
    }

    /// A body of the wrong JSON type per operation, and the field the 400 names. Ids in these bodies are read as
    /// text and checked by the service (422), so no body has a malformed id that is a 400.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case surveys: return (["title": 5], "title", nil)
        case surveys + "/{survey}": return (["minimumGroupSize": "fünf"], "minimumGroupSize", nil)
        case surveys + "/{survey}/invitations": return (["count": "drei"], "count", nil)
        case publicSurveys + "/{token}/responses": return (["submissionKey": 5], "submissionKey", nil)
        default: return nil
        }
    }
}

/// The exercise on its own, so a survey answer that leaves the document shows up without the whole conformance run.
@Suite("Quick-Check API: the conformance exercise on its own")
struct SurveyAPIExerciseTests {
    @Test("every survey operation succeeds as documented; the bad bodies are 400 naming their field")
    func exercise() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await SurveyAPIExercise.everyOperation(api, token: team, server: server)
            let survey = api.document.operations.filter { $0.contains("/surveys") && !$0.contains("/results") }
            #expect(survey.count == 8)
            #expect(survey.subtracting(api.succeeded).isEmpty, "never exercised: \(survey.subtracting(api.succeeded).sorted())")

            let ids = try await SurveyAPIExercise.ids(on: server)
            for operation in survey.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPMethod(rawValue: parts[0])
                guard api.document.operation(method, parts[1])?["requestBody"] != nil else { continue }
                let bad = try #require(SurveyAPIExercise.badBodies(parts[1]), "no bad body for \(operation)")
                let response = try await api.call(method, parts[1], ids, token: team, json: bad.wrongType, expect: .badRequest)
                #expect(response.body.contains(bad.field))
            }
        }
    }
}
