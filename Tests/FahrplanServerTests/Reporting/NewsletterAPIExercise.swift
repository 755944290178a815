import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The newsletter API's part of the OpenAPI conformance test: every operation once with success, each answer held
/// against openapi.json; ids and wrong-type bodies for the body checks.
enum NewsletterAPIExercise {
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let created = try await api.call(.POST, "/api/v1/newsletters", token: token,
                                         json: ["title": "Konformität", "sinceOn": "2026-01-01", "editorial": "**Neu:** der Newsletter."], expect: .created)
        let id = try #require(try created.value()["id"]?.string)
        let p = ["newsletter": id]
        try await api.call(.GET, "/api/v1/newsletters", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/newsletters", query: "state=draft", token: token, expect: .ok)
        let read = try await api.call(.GET, "/api/v1/newsletters/{newsletter}", p, token: token, expect: .ok)
        let changed = try await api.call(.PUT, "/api/v1/newsletters/{newsletter}", p, token: token,
                                         json: ["title": "Konformität 2", "sinceOn": "2026-01-01", "issueOn": "2026-02-01", "editorial": "Text"],
                                         headers: ["If-Match": read.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.GET, "/api/v1/newsletters/{newsletter}/html", p, token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/newsletters/{newsletter}/txt", p, token: token, expect: .ok)
        try await api.call(.POST, "/api/v1/newsletters/{newsletter}/publish", p, token: token,
                           headers: ["If-Match": changed.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.GET, "/api/v1/newsletters", query: "state=published", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/newsletters", query: "state=verschickt", token: token, expect: .unprocessableEntity)
    }

    /// A draft of Musterstadt for the body checks.
    static func ids(on server: TestServer) async throws -> [String: String] {
        let municipality = try await Fixtures.musterstadt(on: server)
        let record = NewsletterRecord()
        record.id = UUID(); record.$municipality.id = try municipality.requireID(); record.number = 900; record.title = "Körper"
        record.sinceOn = "2026-01-01"; record.issueOn = "2026-02-01"; record.editorial = "Text"; record.state = "draft"; record.version = 1
        try await record.create(on: server.db)
        return ["newsletter": try record.requireID().uuidString]
    }

    /// Bodies of the newsletter writes with a field of the wrong JSON type, and the field the 400 must name.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case "/api/v1/newsletters", "/api/v1/newsletters/{newsletter}": return (["editorial": ["nested"]], "editorial", nil)
        default: return nil
        }
    }
}
