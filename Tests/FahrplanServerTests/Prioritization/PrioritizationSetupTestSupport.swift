import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Shared set-up of the prioritization set-up tests: the catalog, rounds created through the web form, ids
/// of people and criteria, and the text of a page as Leaf escapes it.
enum SetupFixtures {
    static let base = "/m/musterstadt/prioritization"

    static func userID(_ email: String, on server: TestServer) async throws -> UUID {
        let found = try await User.query(on: server.db).filter(\.$email == email).first()
        return try #require(found).requireID()
    }

    /// Musterstadt's active catalog, loaded from Fahrplan's defaults when the demo has none.
    static func catalog(_ team: TestClient, on server: TestServer) async throws -> [CatalogCriterion] {
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        func rows() async throws -> [CatalogCriterion] {
            try await CatalogCriterion.query(on: server.db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
                .sort(\.$position).all()
        }
        if try await rows().isEmpty {
            let loaded = try await team.post(base + "/criteria/defaults", [])
            #expect(loaded.status == .seeOther)
        }
        return try await rows()
    }

    static func criterionID(_ key: String, on server: TestServer) async throws -> UUID {
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        let found = try await CatalogCriterion.query(on: server.db).filter(\.$municipality.$id == municipalityID).filter(\.$key == key).first()
        return try #require(found).requireID()
    }

    /// Projects of Musterstadt by code, the first `count` of them.
    static func projectIDs(_ count: Int, on server: TestServer) async throws -> [UUID] {
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        return try await Project.query(on: server.db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).range(..<count).all().map { try $0.requireID() }
    }

    /// Creates a round through the web form as the strategy team; returns its id.
    static func createRound(_ team: TestClient, title: String = "Priorisierung Test 2029", criteria: [UUID] = [], projects: [UUID] = [],
                            raters: [UUID] = [], extra: [(String, String)] = []) async throws -> UUID {
        let fields = [("title", title), ("description", "Testrunde"), ("aggregation", "mean"), ("topN", "3"),
                      ("legalDeadlineFirst", "true"), ("inheritUrgency", "true")]
            + criteria.map { ("criterionIDs[]", $0.uuidString) } + projects.map { ("projectIDs[]", $0.uuidString) }
            + raters.map { ("raterIDs[]", $0.uuidString) } + extra
        let response = try await team.post(base + "/rounds", fields)
        #expect(response.status == .seeOther, "\(response.body.prefix(3000))")
        let id = try #require(response.location?.firstID(after: base + "/rounds/"))
        return try #require(UUID(uuidString: id))
    }

    static func round(_ id: UUID, on server: TestServer) async throws -> PrioritizationRound {
        try #require(try await PrioritizationRound.find(id, on: server.db))
    }

    static func roundCriteria(_ id: UUID, on server: TestServer) async throws -> [RoundCriterion] {
        try await RoundCriterion.query(on: server.db).filter(\.$round.$id == id).sort(\.$position).all()
    }

    /// A round with the given rating criteria and projects, the rater and the team as raters, opened.
    static func openRound(_ team: TestClient, keys: [String], projects: [UUID], raters: [String], on server: TestServer) async throws -> UUID {
        var criteria: [UUID] = []
        for key in keys { criteria.append(try await criterionID(key, on: server)) }
        var people: [UUID] = []
        for email in raters { people.append(try await userID(email, on: server)) }
        let id = try await createRound(team, criteria: criteria, projects: projects, raters: people)
        let opened = try await team.post(base + "/rounds/\(id)/open", [])
        #expect(opened.status == .seeOther, "\(opened.body.prefix(3000))")
        return id
    }

    /// The form fields of one score.
    static func score(_ project: UUID, _ key: String, _ score: String, _ justification: String = "") -> [(String, String)] {
        [("projectID[]", project.uuidString), ("criterionKey[]", key), ("score[]", score), ("justification[]", justification)]
    }

    /// The text as Leaf escapes it into a page.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
