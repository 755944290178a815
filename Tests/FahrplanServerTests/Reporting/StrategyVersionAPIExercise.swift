import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The strategy versions' part of the OpenAPI conformance test: every operation once with success, each answer held
/// against openapi.json (since-last both before any version and after one).
enum StrategyVersionAPIExercise {
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let ids = try await DemoIDs.load(on: server)
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        try await StrategyVersionRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await api.call(.GET, "/api/v1/strategy-versions/since-last", token: token, expect: .ok)
        let first = try await api.call(.POST, "/api/v1/strategy-versions", token: token, json: [
            "name": "Konformität 1", "adoptedOn": "2025-03-01", "adoptedBy": "Rat der Stadt", "note": "Test"], expect: .created)
        let firstID = try #require(try first.value()["id"]?.string)
        try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": ids.goal], token: token,
                           json: ["title": "Konformitätsziel"], expect: .ok)
        let second = try await api.call(.POST, "/api/v1/strategy-versions", token: token,
                                        json: ["name": "Konformität 2", "adoptedOn": "2025-04-01"], expect: .created)
        let secondID = try #require(try second.value()["id"]?.string)
        try await api.call(.GET, "/api/v1/strategy-versions", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/strategy-versions/{version}", ["version": firstID], token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(firstID)&to=\(secondID)", token: token, expect: .ok)
        try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": ids.goal], token: token,
                           json: ["title": "Konformitätsziel, geändert"], expect: .ok)
        try await api.call(.GET, "/api/v1/strategy-versions/since-last", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(firstID)&to=\(firstID)", token: token, expect: .unprocessableEntity)
    }
}

extension StrategyVersionAPIExercise {
    /// A body whose `name` has the wrong type, for the conformance test's 400 check.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        template == "/api/v1/strategy-versions" ? (["name": ["nested"], "adoptedOn": "2025-01-01"], "name", nil) : nil
    }
}
