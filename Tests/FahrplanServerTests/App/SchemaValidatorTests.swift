import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("The API schema validator")
struct SchemaValidatorTests {
    static let schemas = try! JSONValue.parse("""
    {"components": {"schemas": {
      "Thing": {"type": "object", "additionalProperties": false, "required": ["id", "n"],
                "properties": {"id": {"type": "string", "format": "uuid"}, "n": {"type": "integer", "minimum": 1, "maximum": 3},
                               "name": {"type": ["string", "null"], "minLength": 2, "maxLength": 3},
                               "when": {"type": "string", "format": "date-time"},
                               "tags": {"type": "array", "items": {"enum": ["a", "b"]}},
                               "ok": {"type": "boolean"},
                               "child": {"$ref": "#/components/schemas/Thing"}}},
      "Open": {"type": "object", "additionalProperties": {"type": "number"}},
      "Both": {"allOf": [{"$ref": "#/components/schemas/Open"}, {"required": ["x"]}]},
      "Fancy": {"type": "string", "pattern": "^a"}
    }}}
    """)

    func errors(_ json: String, _ name: String = "Thing") throws -> [String] {
        let validator = SchemaValidator(root: Self.schemas)
        return validator.validate(try JSONValue.parse(json), against: .object(["$ref": .string("#/components/schemas/\(name)")]))
    }

    @Test("accepts values that match")
    func accepts() throws {
        let id = UUID().uuidString
        #expect(try errors(#"{"id": "\#(id)", "n": 2}"#) == [])
        #expect(try errors(#"{"id": "\#(id)", "n": 3, "name": null, "when": "2026-03-01T09:30:00Z", "tags": ["a", "b"], "ok": false,"#
                           + #" "child": {"id": "\#(id.lowercased())", "n": 1, "name": "äöü"}}"#) == [])
        #expect(try errors(#"{"when": 1.5, "x": 2}"#, "Open") == [])
        #expect(try errors(#"{"x": 2.0}"#, "Both") == [])
    }

    @Test("rejects every kind of mismatch", arguments: [
        (#"{"id": "X", "n": 2}"#, "not a valid uuid"),
        (#"{"n": 2}"#, "required property \"id\""),
        (#"{"id": "ID", "n": 2, "secret": 1}"#, "undocumented property \"secret\""),
        (#"{"id": "ID", "n": "2"}"#, "expected integer"),
        (#"{"id": "ID", "n": 2.5}"#, "expected integer"),
        (#"{"id": "ID", "n": true}"#, "expected integer"),
        (#"{"id": "ID", "n": 0}"#, "less than"),
        (#"{"id": "ID", "n": 4}"#, "greater than"),
        (#"{"id": "ID", "n": 1, "name": "a"}"#, "shorter than 2"),
        (#"{"id": "ID", "n": 1, "name": "abcd"}"#, "longer than 3"),
        (#"{"id": "ID", "n": 1, "name": 5}"#, "expected null or string"),
        (#"{"id": "ID", "n": 1, "when": 796000000.5}"#, "expected string"),
        (#"{"id": "ID", "n": 1, "when": "1. März 2026"}"#, "not a valid date-time"),
        (#"{"id": "ID", "n": 1, "tags": ["c"]}"#, "$.tags[0]"),
        (#"{"id": "ID", "n": 1, "ok": 1}"#, "expected boolean"),
        (#"{"id": "ID", "n": 1, "child": {"id": "ID"}}"#, "$.child: required property \"n\""),
        (#"[]"#, "expected object"),
        (#"null"#, "expected object"),
    ])
    func rejects(json: String, expected: String) throws {
        let found = try errors(json.replacingOccurrences(of: "\"ID\"", with: "\"\(UUID().uuidString)\""))
        #expect(found.contains { $0.contains(expected) }, "\(json): \(found)")
    }

    @Test("refuses schema keywords it does not check, and broken references")
    func unsupported() throws {
        #expect(try errors(#""abc""#, "Fancy").contains { $0.contains("unsupported schema keyword \"pattern\"") })
        #expect(try errors(#"{}"#, "Missing").contains { $0.contains("unresolvable $ref") })
        #expect(try errors(#"{"y": "no"}"#, "Both").count == 2)
    }

    @Test("rejects real API answers that differ from the document: extra field, wrong type, undocumented status or content type")
    func rejectsWrongAnswers() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await DemoIDs.load(on: server)
            let template = "/api/v1/goals/{element}"
            let real = try await api.call(.GET, template, ["element": ids.goal], token: team, expect: .ok)
            #expect(api.document.problems(with: real, .GET, template) == [])

            func answer(_ body: String, status: HTTPResponseStatus = .ok, contentType: String = "application/json; charset=utf-8",
                        headers: HTTPHeaders = [:]) -> TestResponse {
                var all = headers
                all.replaceOrAdd(name: "Content-Type", value: contentType)
                return TestResponse(status: status, headers: all, body: body)
            }
            let object = try real.jsonObject()
            func encoded(_ change: (inout [String: Any]) -> Void) throws -> String {
                var copy = object
                change(&copy)
                return String(decoding: try JSONSerialization.data(withJSONObject: copy), as: UTF8.self)
            }
            let wrong: [(String, TestResponse, HTTPMethod, String)] = [
                ("extra field", answer(try encoded { $0["internalNote"] = "geheim" }), .GET, template),
                ("title as number", answer(try encoded { $0["title"] = 42 }), .GET, template),
                ("date as a number", answer(try encoded { $0["createdAt"] = 796_000_000.0 }), .GET, template),
                ("missing id", answer(try encoded { $0["id"] = nil }), .GET, template),
                ("kind not in enum", answer(try encoded { $0["kind"] = "projects" }), .GET, template),
                ("id not a uuid", answer(try encoded { $0["id"] = "42" }), .GET, template),
                ("year out of range", answer(try encoded { $0["targetYear"] = 1999 }), .GET, template),
                ("undocumented status", answer(real.body, status: .accepted), .GET, template),
                ("undocumented status 409", answer(real.body, status: .conflict, contentType: "application/problem+json"), .GET, template),
                ("undocumented content type", answer(real.body, contentType: "text/html"), .GET, template),
                ("error as plain JSON", answer(#"{"error": true, "reason": "Not Found"}"#, status: .notFound), .GET, template),
                ("problem with extra field", answer(#"{"type": "t", "title": "Not Found", "status": 404, "detail": "d", "instance": "/", "reason": "x"}"#,
                                                    status: .notFound, contentType: "application/problem+json"), .GET, template),
                ("not JSON", answer("<html></html>"), .GET, template),
                ("201 without Location", answer(real.body, status: .created), .POST, "/api/v1/goals"),
                ("undocumented operation", real, .DELETE, template),
            ]
            for (what, response, method, path) in wrong {
                let problems = api.document.problems(with: response, method, path)
                #expect(!problems.isEmpty, "accepted a wrong answer: \(what)")
            }
        }
    }
}
