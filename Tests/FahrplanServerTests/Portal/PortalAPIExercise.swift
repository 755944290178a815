import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The portal API's part of the OpenAPI conformance test: the settings read and written (with the public projects),
/// then the public data read without a token; each answer held against openapi.json.
enum PortalAPIExercise {
    static let settings = "/api/v1/portal/settings"

    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let municipality = try await Fixtures.musterstadt(on: server)
        let project = try #require(try await Project.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
            .filter(\.$archivedAt == nil).sort(\.$code).first())
        let read = try await api.call(.GET, settings, token: token, expect: .ok)
        try await api.call(.PUT, settings, token: token, json: [
            "published": true, "intro": "Willkommen", "parts": ["vision", "fieldsOfAction", "goals", "kpis", "roadmap"],
            "contactEmail": "barrierefrei@musterstadt.example", "contactPhone": "+49 1234 5678", "contactAddress": "Marktplatz 1",
            "statementDate": "2026-01-15", "conformance": "partial", "knownLimitations": "Keine", "enforcementBody": "Landesstelle",
            "publicProjectIDs": [try project.requireID().uuidString]],
            headers: ["If-Match": read.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.GET, "/api/v1/public/{slug}", ["slug": "musterstadt"], token: nil, expect: .ok)
        try await api.call(.GET, "/api/v1/public/{slug}", ["slug": "musterstadt"], query: "lang=en", token: nil, expect: .ok)
        try await api.call(.GET, "/api/v1/public/{slug}", ["slug": "gibt-es-nicht"], token: nil, expect: .notFound)
    }

    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        template == settings ? (["published": "ja"], "published", nil) : nil
    }
}

/// The exercise on its own, so a portal answer that leaves the document shows up without the whole conformance run.
@Suite("Portal API: the conformance exercise on its own")
struct PortalAPIExerciseTests {
    @Test("every portal operation once, each answer held against openapi.json")
    func exercise() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await PortalAPIExercise.everyOperation(api, token: team, server: server)
        }
    }
}
