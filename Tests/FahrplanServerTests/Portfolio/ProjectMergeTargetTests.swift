import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Merging asks one service method for the target (`PortfolioService.merge(_:intoTargetID:note:)`), so the merge
/// form and `POST /api/v1/projects/{project}/merge` name the same problem: no target is `required`, a target that
/// is not a project of this municipality (unknown, or another municipality's) is `unknownReference`.
@Suite("Project merge: web and API name the same target problem")
struct ProjectMergeTargetTests {
    static let kinds: [FieldProblem.Kind] = [.required, .unknownReference]

    /// The kind whose message the merge form shows under its target field.
    static func webKind(_ response: TestResponse) throws -> FieldProblem.Kind? {
        let marker = "id=\"target-error\">"
        let start = try #require(response.body.range(of: marker), "no target error in the page")
        let message = response.body[start.upperBound...].prefix { $0 != "<" }
        return kinds.first { Strings.problem(FieldProblem("target", $0), .de) == String(message) }
    }

    /// The kind the API names for `targetId` (its only field problem).
    static func apiKind(_ response: TestResponse) throws -> FieldProblem.Kind? {
        let errors = try response.value()["errors"]?.array ?? []
        #expect(errors.compactMap { $0["field"]?.string } == ["targetId"])
        let code = errors.first?["code"]?.string
        return kinds.first { $0.code == code }
    }

    @Test("a missing target is required and an unknown or foreign one an unknown reference, on both sides; nothing is merged")
    func sameProblemOnBothSides() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let absorbed = try await PortfolioFixtures.project("P-0034", on: server)
            let absorbedID = try absorbed.requireID().uuidString
            let other = try await Fixtures.otherMunicipality(on: server)
            let foreign = try await ProjectAPIExercise.otherProject(other, title: "Fremdes Projekt \(Fixtures.OtherMunicipality.marker)", on: server)

            let cases: [(target: String?, expected: FieldProblem.Kind)] = [
                (nil, .required),
                (UUID().uuidString, .unknownReference),
                (try foreign.requireID().uuidString, .unknownReference),
            ]
            for (target, expected) in cases {
                let web = try await browser.post("/m/musterstadt/projects/\(absorbedID)/merge",
                                                 [("target", target ?? ""), ("note", "Doppelt")])
                #expect(web.status == .unprocessableEntity)
                #expect(try Self.webKind(web) == expected, "web, target \(target ?? "missing")")

                let body: [String: Any] = target.map { ["targetId": $0, "note": "Doppelt"] } ?? ["note": "Doppelt"]
                let json = try await api.call(.POST, ProjectAPIExercise.item + "/merge", ["project": absorbedID], token: team,
                                              json: body, expect: .unprocessableEntity)
                #expect(try Self.apiKind(json) == expected, "API, target \(target ?? "missing")")
            }
            let stored = try await Project.find(absorbed.requireID(), on: server.db)
            #expect(stored?.archivedAt == nil && stored?.$mergedInto.id == nil)
            let foreignStored = try await Project.find(foreign.requireID(), on: server.db)
            #expect(foreignStored?.archivedAt == nil)
        }
    }
}
