import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The inventory API's part of the OpenAPI conformance test: every operation once with success, each answer held
/// against openapi.json.
enum InventoryAPIExercise {
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let ids = try await DemoIDs.load(on: server)
        let municipality = try await Fixtures.musterstadt(on: server)
        let project = try #require(try await Project.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
            .filter(\.$archivedAt == nil).sort(\.$code).first())
        let projectID = try project.requireID().uuidString

        let model = try await api.call(.GET, "/api/v1/inventory/maturity-model", token: token, expect: .ok)
        var body = try #require(try JSONSerialization.jsonObject(with: Data(model.body.utf8)) as? [String: Any])
        body.removeValue(forKey: "version")
        try await api.call(.PUT, "/api/v1/inventory/maturity-model", token: token, json: body,
                           headers: ["If-Match": model.headers.first(name: "ETag") ?? ""], expect: .ok)

        let system = try await api.call(.POST, "/api/v1/inventory/systems", token: token, json: [
            "name": "Konformitäts-E-Akte", "vendor": "Hersteller", "product": "Produkt", "hosting": "cloud", "contractEndsOn": "2028-12-31",
            "interfaces": ["Finanzverfahren"], "dataProtection": "personalData", "lifecycle": "replace", "note": "Test",
            "departmentIds": [ids.unit], "projects": [["projectId": projectID, "relation": "replaces"]]], expect: .created)
        let systemID = try #require(try system.value()["id"]?.string)
        let s = ["system": systemID]
        try await api.call(.GET, "/api/v1/inventory/systems", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/inventory/systems", query: "q=akte&lifecycle=replace&department=\(ids.unit)&project=\(projectID)&includeArchived=true",
                           token: token, expect: .ok)
        let read = try await api.call(.GET, "/api/v1/inventory/systems/{system}", s, token: token, expect: .ok)
        let changed = try await api.call(.PUT, "/api/v1/inventory/systems/{system}", s, token: token,
                                         json: ["name": "Konformitäts-E-Akte", "lifecycle": "keep", "departmentIds": [ids.unit]],
                                         headers: ["If-Match": read.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.POST, "/api/v1/inventory/systems/{system}/archive", s, token: token,
                           headers: ["If-Match": changed.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.POST, "/api/v1/inventory/systems/{system}/restore", s, token: token, expect: .ok)

        let service = try await api.call(.POST, "/api/v1/inventory/services", token: token, json: [
            "name": "Konformitäts-Leistung", "leikaKey": "99050012104000", "ozgId": "10085", "departmentId": ids.unit, "casesPerYear": 1200,
            "projectId": projectID, "note": "Test",
            "assessments": [["criterion": "antrag", "level": 3, "assessedOn": "2025-01-10", "note": "Formular online"]]], expect: .created)
        let serviceID = try #require(try service.value()["id"]?.string)
        let v = ["service": serviceID]
        try await api.call(.GET, "/api/v1/inventory/services", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/inventory/services", query: "q=konform&level=unknown&department=\(ids.unit)&project=\(projectID)&includeArchived=true",
                           token: token, expect: .ok)
        let readService = try await api.call(.GET, "/api/v1/inventory/services/{service}", v, token: token, expect: .ok)
        try await api.call(.PUT, "/api/v1/inventory/services/{service}", v, token: token,
                           json: ["name": "Konformitäts-Leistung", "departmentId": ids.unit,
                                  "assessments": [["criterion": "nachweise", "level": 2, "assessedOn": "2025-02-01"],
                                                  ["criterion": "bescheid", "level": 1, "assessedOn": "2025-02-01"]]],
                           headers: ["If-Match": readService.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.POST, "/api/v1/inventory/services/{service}/archive", v, token: token, expect: .ok)
        try await api.call(.POST, "/api/v1/inventory/services/{service}/restore", v, token: token, expect: .ok)

        try await api.call(.GET, "/api/v1/inventory/overview", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/inventory/systems/export", query: "format=json", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/inventory/services/export", query: "format=json", token: token, expect: .ok)
        try await api.call(.POST, "/api/v1/inventory/systems/import", query: "dryRun=true", token: token,
                           json: ["csv": "Name;Hersteller\nKonformitäts-Import;X\n"], expect: .ok)
        try await api.call(.POST, "/api/v1/inventory/services/import", token: token,
                           json: ["csv": "Leistung;Fallzahl pro Jahr\nKonformitäts-Import-Leistung;12\n"], expect: .ok)
    }
}
