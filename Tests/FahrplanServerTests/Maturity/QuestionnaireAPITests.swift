import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The questionnaire API over HTTP (SQLite, or PostgreSQL with TEST_DATABASE_URL): copy and import, the document
/// as GET gives it, PUT in place and — once answers exist — as a new version with the old one unchanged, 412 on a
/// stale `If-Match`, problems by path, permissions.
@Suite("Maturity: questionnaire API", .serialized)
struct QuestionnaireAPITests {
    static let list = "/api/v1/maturity/questionnaires"

    static func fields(_ response: TestResponse) -> [String] {
        (((try? response.jsonObject())?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
    }

    @Test("copy, import with problems by path, PUT in place, PUT with answers makes version 2, stale If-Match is 412, readers may not write")
    func versioning() async throws {
        try await withServer { server in
            try await QuestionnaireWebTests.clearQuestionnaires(server)
            let client = server.client()
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)

            #expect(try await client.api(.POST, Self.list, token: reader, json: ["copyStandard": true]).status == .forbidden)
            let copied = try await client.api(.POST, Self.list, token: team, json: ["copyStandard": true])
            #expect(copied.status == .created)
            let id = try #require(try copied.jsonObject()["id"] as? String)
            #expect(copied.location == "\(Self.list)/\(id)")
            let twice = try await client.api(.POST, Self.list, token: team, json: ["copyStandard": true])
            #expect(twice.status == .unprocessableEntity && (Self.fields(twice)) == ["key"])

            // A bad document: every problem by its path under `document`, nothing stored.
            var bad = try JSONSerialization.jsonObject(with: try QuestionnaireService.standard().encoded()) as! [String: Any]
            bad["key"] = "eigener"
            var fields = bad["fields"] as! [[String: Any]]
            var statements = fields[0]["statements"] as! [[String: Any]]
            statements[1]["text"] = ""
            fields[0]["statements"] = statements
            fields[1]["statements"] = [[String: Any]]()
            bad["fields"] = fields
            let before = try await QuestionnaireRecord.query(on: server.db).count()
            let refused = try await client.api(.POST, Self.list, token: team, json: ["document": bad])
            #expect(refused.status == .unprocessableEntity)
            #expect(Self.fields(refused) == ["document.fields[0].statements[1].text", "document.fields[1].statements"])
            let missing = try await client.api(.POST, Self.list, token: team, json: ["document": ["format": "fahrplan-questionnaire/1", "key": "x"]])
            #expect(missing.status == .unprocessableEntity && (Self.fields(missing)).first?.hasPrefix("document.") == true)
            #expect(try await QuestionnaireRecord.query(on: server.db).count() == before)

            // GET gives the document with its ETag; PUT without answers changes it in place.
            let shown = try await client.api(.GET, "\(Self.list)/\(id)", token: reader)
            #expect(shown.status == .ok && shown.headers.first(name: "ETag") == "\"1\"")
            var document = try shown.jsonObject()
            #expect(document["format"] as? String == "fahrplan-questionnaire/1")
            document["title"] = "Fragebogen 2027"
            let put = try await client.send(.PUT, "\(Self.list)/\(id)", headers: ["Authorization": "Bearer \(team)", "Content-Type": "application/json",
                                                                                  "If-Match": "\"1\""],
                                            body: try JSONSerialization.data(withJSONObject: document), useCookies: false)
            #expect(put.status == .ok && put.headers.first(name: "ETag") == "\"2\"")
            #expect(try put.jsonObject()["outcome"] as? String == "editedInPlace")
            let stale = try await client.send(.PUT, "\(Self.list)/\(id)", headers: ["Authorization": "Bearer \(team)", "Content-Type": "application/json",
                                                                                    "If-Match": "\"1\""],
                                              body: try JSONSerialization.data(withJSONObject: document), useCookies: false)
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.api(.PUT, "\(Self.list)/\(id)", token: reader, json: document).status == .forbidden)

            // Answers exist: the change is the next version, the answered one stays as it was.
            let assessment = try await client.api(.POST, "/api/v1/maturity/assessments", token: team,
                                                  json: ["questionnaireId": id, "title": "Workshop", "assessedOn": "2026-11-30"])
            #expect(assessment.status == .created)
            let stored = try #require(try await QuestionnaireRecord.find(UUID(uuidString: id), on: server.db))
            var changed = document
            var changedFields = changed["fields"] as! [[String: Any]]
            var changedStatements = changedFields[0]["statements"] as! [[String: Any]]
            changedStatements[0]["text"] = "Die Digitalstrategie ist beschlossen."
            changedFields[0]["statements"] = changedStatements
            changed["fields"] = changedFields
            let versioned = try await client.send(.PUT, "\(Self.list)/\(id)", headers: ["Authorization": "Bearer \(team)", "Content-Type": "application/json",
                                                                                        "If-Match": "\"2\""],
                                                  body: try JSONSerialization.data(withJSONObject: changed), useCookies: false)
            #expect(versioned.status == .ok)
            let saved = try versioned.jsonObject()
            #expect(saved["outcome"] as? String == "newVersion")
            let next = try #require((saved["questionnaire"] as? [String: Any])?["id"] as? String)
            #expect(next != id && versioned.location == "\(Self.list)/\(next)")
            #expect((saved["questionnaire"] as? [String: Any])?["questionnaireVersion"] as? Int == 2)
            let old = try #require(try await QuestionnaireRecord.find(UUID(uuidString: id), on: server.db))
            #expect(old.document == stored.document && old.version == stored.version)
            let listed = try await client.api(.GET, Self.list, token: reader)
            let items = (try listed.jsonObject()["items"] as? [[String: Any]]) ?? []
            #expect(items.compactMap { $0["id"] as? String }.contains(next) && items.count >= 2)
        }
    }
}
