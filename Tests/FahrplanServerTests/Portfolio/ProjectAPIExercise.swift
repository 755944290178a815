import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The portfolio's part of the OpenAPI conformance tests: every project operation once with success (for
/// `everyOperationSucceeds`), and the bodies `badRequests` sends to the project operations.
enum ProjectAPIExercise {
    static let collection = "/api/v1/projects"
    static let item = "/api/v1/projects/{project}"

    /// Demo ids the project operations need.
    struct IDs {
        var unit: String
        var otherUnit: String
        var goal: String
        var program: String
        /// An active demo project (P-0004 with dependents).
        var project: String

        static func load(on server: TestServer) async throws -> IDs {
            IDs(unit: try await PortfolioFixtures.department("33", on: server).requireID().uuidString,
                otherUnit: try await PortfolioFixtures.department("51", on: server).requireID().uuidString,
                goal: try await PortfolioFixtures.element("Z1.1", on: server).requireID().uuidString,
                program: try await Fixtures.firstElement(.program, on: server).requireID().uuidString,
                project: try await PortfolioFixtures.project("P-0004", on: server).requireID().uuidString)
        }
    }

    /// A complete, valid profile.
    static func profile(title: String, unit: String, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "title": title, "summary": "Kurz gesagt: \(title)", "departmentId": unit, "kind": "onlineService",
            "beneficiaries": ["citizens"], "hoursSavedPerYear": 1200, "startOn": "2027-01-01", "endOn": "2027-12-31",
            "tags": ["OZG", "Online"],
            "costs": [["year": 2027, "oneOffCents": 1_250_050, "runningCents": 100_000]],
            "effort": [["departmentId": unit, "year": 2027, "fteHundredths": 50]],
        ]
        for (key, value) in extra { body[key] = value }
        return body
    }

    /// Calls every project operation so that it answers with success and as documented.
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let ids = try await IDs.load(on: server)
        try await api.call(.GET, collection, token: token, expect: .ok)
        try await api.call(.GET, collection, query: "q=online&status=idea&kind=onlineService&department=\(ids.unit)&element=\(ids.goal)"
                           + "&costMin=0&costMax=1.000.000&includeArchived=true&sort=cost&page=1&pageSize=500", token: token, expect: .ok)
        let created = try await api.call(.POST, collection, token: token, json: profile(title: "Online-Terminbuchung Kfz-Zulassung", unit: ids.unit,
                                                                                        extra: ["strategyElementIds": [ids.goal], "dependencyIds": [ids.project]]),
                                         expect: .created)
        let id = try #require(try created.value()["id"]?.string)
        #expect(created.location == "/api/v1/projects/\(id)")
        let second = try await api.call(.POST, collection, token: token, json: ["title": "Terminbuchung online für die Kfz-Zulassung", "departmentId": ids.otherUnit],
                                        expect: .created)
        let secondID = try #require(try second.value()["id"]?.string)

        try await api.call(.GET, item, ["project": id], token: token, expect: .ok)
        try await api.call(.GET, item, ["project": ids.project], token: token, expect: .ok)
        try await api.call(.PATCH, item, ["project": id], token: token, json: ["summary": NSNull(), "risks": "Lieferverzug"], expect: .ok)
        try await api.call(.POST, item + "/status", ["project": id], token: token, json: ["status": "submitted"], expect: .ok)
        try await api.call(.POST, item + "/archive", ["project": id], token: token, expect: .ok)
        try await api.call(.POST, item + "/restore", ["project": id], token: token, expect: .ok)
        try await api.call(.GET, item + "/similar", ["project": id], query: "limit=3", token: token, expect: .ok)
        try await api.call(.POST, collection + "/similar", query: "limit=3", token: token,
                           json: ["title": "Kfz-Zulassung online buchen", "tags": ["Kfz"]], expect: .ok)
        try await api.call(.GET, collection + "/duplicates", query: "limit=10", token: token, expect: .ok)
        try await api.call(.POST, collection + "/assign", token: token, json: ["projectIds": [id, secondID], "elementId": ids.program], expect: .ok)
        try await api.call(.POST, item + "/merge", ["project": secondID], token: token, json: ["targetId": id, "note": "Doppelt gemeldet"], expect: .ok)
        try await api.call(.GET, item + "/history", ["project": id], token: token, expect: .ok)
    }

    /// For `badRequests`: a body with a field of the wrong JSON type and the field's name, and a body with an
    /// id that is not a UUID (nil where the operation takes no id), per project operation with a body.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case collection, item: return (["title": 5], "title", ["departmentId": "kein-uuid"])
        case item + "/status": return (["status": 5], "status", nil)
        case item + "/merge": return (["targetId": 5], "targetId", ["targetId": "kein-uuid"])
        case collection + "/assign": return (["projectIds": "alle"], "projectIds", ["elementId": "kein-uuid"])
        case collection + "/similar": return (["title": ["nested"]], "title", nil)
        default: return nil
        }
    }
}
