import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The calls' part of the OpenAPI conformance tests: every call operation once with success (for
/// `everyOperationSucceeds`), and the bodies `badRequests` sends to the call operations with a body.
enum CallAPIExercise {
    static let collection = "/api/v1/calls"
    static let item = "/api/v1/calls/{call}"

    /// The demo's open call, for path parameters of tests that need an existing call.
    static func openCallID(on server: TestServer) async throws -> String {
        try await CallFixtures.demoCall("2027/2028", on: server).requireID().uuidString
    }

    /// Calls every call operation so that it answers with success and as documented.
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let unit = try await CallFixtures.unitID("33", on: server).uuidString
        let other = try await CallFixtures.unitID("50", on: server).uuidString
        try await api.call(.GET, collection, token: token, expect: .ok)
        try await api.call(.GET, collection, query: "includeArchived=true", token: token, expect: .ok)
        let created = try await api.call(.POST, collection, token: token,
                                         json: ["title": "Projektabfrage API", "message": "Bitte **melden**.", "opensOn": "01.01.2026",
                                                "deadline": "2099-12-31", "departmentIds": [unit, other]], expect: .created)
        let id = try #require(try created.value()["id"]?.string)
        #expect(created.location == "/api/v1/calls/\(id)")
        let withDefaults = try await api.call(.POST, collection, token: token,
                                              json: ["title": "Abfrage für alle Ämter", "opensOn": "2026-01-01", "deadline": "2026-03-31"], expect: .created)
        let offices = try await CallFixtures.officeIDs(on: server)
        #expect(try withDefaults.value()["board"]?["units"]?.array?.count == offices.count)

        try await api.call(.GET, item, ["call": id], token: token, expect: .ok)
        try await api.call(.GET, item, ["call": try await openCallID(on: server)], token: token, expect: .ok)
        try await api.call(.PATCH, item, ["call": id], token: token, json: ["message": NSNull(), "deadline": "30.12.2099"], expect: .ok)
        try await api.call(.POST, item + "/complete", ["call": id], token: token, json: ["departmentId": unit, "note": "Alles gemeldet."], expect: .ok)
        try await api.call(.POST, item + "/incomplete", ["call": id], token: token, json: ["departmentId": unit], expect: .ok)
        try await api.call(.POST, item + "/close", ["call": id], token: token, expect: .ok)
        try await api.call(.POST, item + "/reopen", ["call": id], token: token, expect: .ok)
        try await api.call(.POST, item + "/archive", ["call": id], token: token, expect: .ok)
        try await api.call(.POST, item + "/restore", ["call": id], token: token, expect: .ok)
    }

    /// For `badRequests`: a body with a field of the wrong JSON type and the field's name, and a body with an
    /// id that is not a UUID, per call operation with a body; nil for other operations.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any])? {
        switch template {
        case collection, item: return (["title": 5], "title", ["departmentIds": ["kein-uuid"]])
        case item + "/complete", item + "/incomplete": return (["note": ["nested"]], "note", ["departmentId": "kein-uuid"])
        default: return nil
        }
    }
}
