import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The questionnaire and Potenzialcheck API's part of the OpenAPI conformance tests: every operation once with
/// success (each answer held against openapi.json), the ids `badRequests` needs, and its bodies of the wrong JSON type.
enum QuestionnaireAPIExercise {
    static let questionnaires = "/api/v1/maturity/questionnaires"
    static let assessments = "/api/v1/maturity/assessments"

    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        try await QuestionnaireWebTests.clearQuestionnaires(server)
        try await api.call(.GET, questionnaires, token: token, expect: .ok)
        try await api.call(.GET, questionnaires, query: "includeArchived=true", token: token, expect: .ok)
        let copied = try await api.call(.POST, questionnaires, token: token, json: ["copyStandard": true], expect: .created)
        let q = ["questionnaire": try #require(try copied.value()["id"]?.string)]
        var document = try JSONSerialization.jsonObject(with: try QuestionnaireService.standard().encoded()) as? [String: Any] ?? [:]
        document["key"] = "eigener-fragebogen"
        try await api.call(.POST, questionnaires, token: token, json: ["document": document], expect: .created)
        let shown = try await api.call(.GET, questionnaires + "/{questionnaire}", q, token: token, expect: .ok)
        var edited = try shown.value().object ?? [:]
        edited["title"] = .string("Geänderter Titel")
        try await api.call(.PUT, questionnaires + "/{questionnaire}", q, token: token, json: JSONSerialization.jsonObject(with: Data(JSONValue.object(edited).jsonText.utf8)),
                           headers: ["If-Match": shown.headers.first(name: "ETag") ?? ""], expect: .ok)

        try await api.call(.GET, assessments, token: token, expect: .ok)
        let created = try await api.call(.POST, assessments, token: token,
                                         json: ["questionnaireId": q["questionnaire"]!, "title": "Workshop", "assessedOn": "2026-11-30",
                                                "participants": "Strategieteam", "note": "Erster Durchgang"], expect: .created)
        let a = ["assessment": try #require(try created.value()["id"]?.string)]
        let assessment = try await api.call(.GET, assessments + "/{assessment}", a, token: token, expect: .ok)
        let key = try QuestionnaireService.standard().statements[0].key
        try await api.call(.PUT, assessments + "/{assessment}/ratings", a, token: token,
                           json: ["ratings": [["statementKey": key, "level": 3, "evidence": "Ratsbeschluss 2025"]]],
                           headers: ["If-Match": assessment.headers.first(name: "ETag") ?? ""], expect: .ok)
    }

    /// A questionnaire and a Potenzialcheck of Musterstadt for `badRequests`.
    static func ids(on server: TestServer) async throws -> [String: String] {
        let municipality = try await Fixtures.musterstadt(on: server)
        let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        try await QuestionnaireWebTests.clearQuestionnaires(server)
        let record = try await QuestionnaireService(db: server.db, context: context).copyStandard()
        let assessment = try await AssessmentService(db: server.db, context: context).create(
            .init(questionnaireID: record.id?.uuidString, title: "Prüfung", assessedOn: "01.12.2026"))
        return ["questionnaire": try record.requireID().uuidString, "assessment": try assessment.requireID().uuidString]
    }

    /// A body of the wrong JSON type per operation, and the field the 400 names.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case questionnaires: return (["copyStandard": "ja"], "copyStandard", nil)
        case questionnaires + "/{questionnaire}": return (["title": 5], "title", nil)
        case assessments: return (["title": 5], "title", ["questionnaireId": "kein-uuid"])
        case assessments + "/{assessment}/ratings": return (["ratings": "alle"], "ratings", nil)
        default: return nil
        }
    }
}
