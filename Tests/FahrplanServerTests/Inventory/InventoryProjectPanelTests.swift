import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The inventory panel on a project's page (SQLite, and PostgreSQL with TEST_DATABASE_URL): the systems the project
/// replaces or extends and the services whose maturity it raises, linked to their pages, for every reader; an
/// empty state; archived items left out; another municipality's items never shown.
@Suite("Inventory: the panel on a project's page", .serialized)
struct InventoryProjectPanelTests {
    @Test("systems with relation and plan, services with today's level, links, empty state, archived left out")
    func panel() async throws {
        try await withServer { server in
            let s = try await InventoryAPITests.setUp(server)
            let projects = try await Project.query(on: server.db).filter(\.$municipality.$id == s.municipalityID)
                .filter(\.$archivedAt == nil).sort(\.$code).limit(2).all()
            let project = try #require(projects.first), other = try #require(projects.last)
            let projectID = try project.requireID().uuidString
            let system = try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.team, json: [
                "name": "Altes Einwohnerverfahren", "lifecycle": "replace",
                "projects": [["projectId": projectID, "relation": "replaces"]]], expect: .created).value()
            try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.team, json: [
                "name": "Bürgerportal", "lifecycle": "keep", "projects": [["projectId": projectID, "relation": "extends"]]], expect: .created)
            let archived = try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.team, json: [
                "name": "Abgeschaltetes System", "projects": [["projectId": projectID]]], expect: .created).value()
            try await s.api.call(.POST, "/api/v1/inventory/systems/{system}/archive", ["system": archived["id"]?.string ?? ""], token: s.team, expect: .ok)
            let service = try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Wohnsitzanmeldung", "departmentId": s.ids.unit, "projectId": projectID,
                "assessments": [InventoryAPITests.rating("antrag", 3, "2025-03-01"), InventoryAPITests.rating("nachweise", 2, "2025-03-01"),
                                InventoryAPITests.rating("bescheid", 3, "2025-03-01")]], expect: .created).value()
            try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Hundesteuer", "projectId": projectID, "assessments": [InventoryAPITests.rating("antrag", 2, "2025-05-01")]],
                                 expect: .created)

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let page = try await reader.get("/m/musterstadt/projects/\(projectID)")
            #expect(page.status == .ok && page.body.contains("id=\"inventory-links\""))
            #expect(page.body.contains("IT-Systeme und Verwaltungsleistungen") && !page.body.contains("id=\"inventory-links-empty\""))
            let systemURL = "/m/musterstadt/inventory/systems/\(system["id"]?.string ?? "")"
            #expect(page.body.contains("<a href=\"\(systemURL)\">Altes Einwohnerverfahren</a>"))
            #expect(page.body.contains("löst ab") && page.body.contains("erweitert") && page.body.contains("Bürgerportal"))
            #expect(!page.body.contains("Abgeschaltetes System"))
            let serviceURL = "/m/musterstadt/inventory/services/\(service["id"]?.string ?? "")"
            #expect(page.body.contains("<a href=\"\(serviceURL)\">Wohnsitzanmeldung</a>"))
            // The overall level is the lowest criterion (2); a service with unrated criteria is "unknown".
            #expect(page.body.contains("2 Formular-Assistent") && page.body.contains("unbekannt"))
            let english = try await reader.get("/m/musterstadt/projects/\(projectID)?lang=en")
            #expect(english.body.contains("IT systems and administrative services") && english.body.contains("replaces"))

            let empty = try await reader.get("/m/musterstadt/projects/\(try other.requireID().uuidString)")
            #expect(empty.status == .ok && empty.body.contains("id=\"inventory-links-empty\"") && !empty.body.contains("Wohnsitzanmeldung"))

            // The API gives the same links through the inventory's filters.
            let systems = try await s.api.call(.GET, "/api/v1/inventory/systems", query: "project=\(projectID)", token: s.reader, expect: .ok).value()
            #expect(systems["items"]?.array?.map { $0["name"]?.string ?? "" } == ["Altes Einwohnerverfahren", "Bürgerportal"])
            let services = try await s.api.call(.GET, "/api/v1/inventory/services", query: "project=\(projectID)", token: s.reader, expect: .ok).value()
            #expect(services["items"]?.array?.count == 2)
        }
    }
}
