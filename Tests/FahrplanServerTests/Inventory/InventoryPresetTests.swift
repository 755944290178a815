import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The maturity model presets (OZG 0–4 and the 0–7 successor) on the model page and through the API (SQLite, and
/// PostgreSQL with TEST_DATABASE_URL): a preview before applying, a model lacking a level that a service is rated
/// on now is refused naming the service (nothing changes), a renamed level is shown, old assessments stay and are
/// marked when their level left the model.
@Suite("Inventory: maturity model presets", .serialized)
struct InventoryPresetTests {
    static let model = "/m/musterstadt/inventory/model"

    static func body(_ model: MaturityModel) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as? [String: Any])
    }

    @Test("the core: a dropped level in use is refused, a renamed one reported, other criteria ignored")
    func impact() {
        let ratings = [MaturityModelChange.Rating(service: "Hundesteuer", criterionKey: "antrag", level: 6),
                       MaturityModelChange.Rating(service: "Gewerbe", criterionKey: "bescheid", level: 4),
                       MaturityModelChange.Rating(service: "Anmeldung", criterionKey: "antrag", level: 4),
                       MaturityModelChange.Rating(service: "Alt", criterionKey: "weg", level: 7)]
        let down = MaturityModelChange.impact(from: .ozg2025, to: .ozg, current: ratings)
        #expect(!down.isSafe)
        #expect(down.missing.map(\.level) == [6] && down.missing[0].services == ["Hundesteuer"])
        #expect(down.renamed.map(\.level) == [4] && down.renamed[0].services == ["Anmeldung", "Gewerbe"])
        let up = MaturityModelChange.impact(from: .ozg, to: .ozg2025, current: ratings.filter { $0.level <= 4 })
        #expect(up.isSafe && up.renamed.map(\.level) == [4])
        #expect(MaturityModelPreset.allCases.allSatisfy { (try? $0.model.validated()) != nil })
        #expect(MaturityModel.ozg2025.levels.map(\.number) == Array(0...7) && MaturityModel.ozg2025.criteria == MaturityModel.ozg.criteria)
        #expect(MaturityModelPreset.matching(.ozg2025) == .ozg2025)
    }

    @Test("preview, apply with confirmation, refusal naming the services, API 422 level_in_use, history marked")
    func presets() async throws {
        try await withServer { server in
            let s = try await InventoryAPITests.setUp(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)

            // The page offers both presets; the preview of 0–7 shows its levels and that level 4 changes its name.
            try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Gewerbeanmeldung", "assessments": [InventoryAPITests.rating("antrag", 4, "2025-03-01")]], expect: .created)
            let page = try await team.get(Self.model)
            #expect(page.status == .ok && page.body.contains("id=\"preset-ozg-2025\"") && page.body.contains("OZG-Reifegradmodell 2.0 (0–7)"))
            let preview = try await team.get(Self.model + "?preset=ozg-2025")
            #expect(preview.status == .ok && preview.body.contains("id=\"preset-preview\"") && preview.body.contains("Ende-zu-Ende digital"))
            #expect(preview.body.contains("id=\"preset-renamed\"") && preview.body.contains("Gewerbeanmeldung") && preview.body.contains("id=\"preset-apply\""))
            // Posting the preset without the preview's confirmation only shows the preview.
            let unconfirmed = try await team.post(Self.model, [("preset", "ozg-2025"), ("version", "0")])
            #expect(unconfirmed.status == .ok && unconfirmed.body.contains("id=\"preset-preview\""))
            #expect(try await InventorySettingsRecord.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).count() == 0)
            let unknown = try await team.post(Self.model, [("preset", "ozg-1999"), ("version", "0"), ("confirm", "1")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.contains("error-summary"))
            let applied = try await team.post(Self.model, [("preset", "ozg-2025"), ("version", "0"), ("confirm", "1")])
            #expect(applied.status == .seeOther && applied.location == Self.model + "?saved=1", "\(applied.body.prefix(600))")
            let now = try await s.api.call(.GET, "/api/v1/inventory/maturity-model", token: s.reader, expect: .ok).value()
            #expect(now["key"]?.string == "ozg-2025" && now["levels"]?.array?.count == 8)

            // A service rated 6: going back to 0–4 is refused on the page and in the API, naming it; nothing changes.
            let rated = try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Hundesteuer", "assessments": [InventoryAPITests.rating("antrag", 6, "2026-01-10"),
                                                       InventoryAPITests.rating("nachweise", 6, "2026-01-10")]], expect: .created).value()
            let serviceID = try #require(rated["id"]?.string)
            let back = try await team.get(Self.model + "?preset=ozg-2017")
            #expect(back.body.contains("id=\"preset-missing\"") && back.body.contains("Hundesteuer") && !back.body.contains("id=\"preset-apply\""))
            let refused = try await team.post(Self.model, [("preset", "ozg-2017"), ("version", "1"), ("confirm", "1")])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Hundesteuer") && refused.body.contains("error-summary"))
            let etag = try await s.api.call(.GET, "/api/v1/inventory/maturity-model", token: s.team, expect: .ok).headers.first(name: "ETag") ?? ""
            let api = try await s.api.call(.PUT, "/api/v1/inventory/maturity-model", token: s.team, json: try Self.body(.ozg),
                                           headers: ["If-Match": etag], expect: .unprocessableEntity).value()
            let errors = api["errors"]?.array ?? []
            #expect(errors.count == 1 && errors.first?["code"]?.string == "level_in_use" && errors.first?["field"]?.string == "levels")
            #expect(errors.first?["problem"]?.string?.contains("Hundesteuer") == true && errors.first?["count"] == .number(1))
            #expect(try await s.api.call(.GET, "/api/v1/inventory/maturity-model", token: s.team, expect: .ok).value()["key"]?.string == "ozg-2025")

            // Rated again on a level both models have, the change goes through; the old 6 stays in the history, marked.
            let current = try await s.api.call(.GET, "/api/v1/inventory/services/{service}", ["service": serviceID], token: s.team, expect: .ok)
            try await s.api.call(.PUT, "/api/v1/inventory/services/{service}", ["service": serviceID], token: s.team, json: [
                "name": "Hundesteuer", "assessments": [InventoryAPITests.rating("antrag", 4, "2026-02-01"),
                                                       InventoryAPITests.rating("nachweise", 3, "2026-02-01")]],
                                 headers: ["If-Match": current.headers.first(name: "ETag") ?? ""], expect: .ok)
            try await s.api.call(.PUT, "/api/v1/inventory/maturity-model", token: s.team, json: try Self.body(.ozg),
                                 headers: ["If-Match": etag], expect: .ok)
            let history = try await team.get("/m/musterstadt/inventory/services/\(serviceID)")
            #expect(history.status == .ok && history.body.contains("6 (nicht im Modell)"))
            // Readers see the model but no presets; they cannot apply one.
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let read = try await reader.get(Self.model + "?preset=ozg-2025")
            #expect(read.status == .ok && !read.body.contains("id=\"model-presets\"") && !read.body.contains("id=\"preset-preview\""))
            let forbidden = try await reader.post(Self.model, [("preset", "ozg-2025"), ("confirm", "1")])
            #expect(forbidden.status == .forbidden)
        }
    }
}
