import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Two people open the same edit form; the first saves, the second's save (based on the older version) is refused
/// with 409, shows their own input and the first person's change, loses nothing, and succeeds when sent again.
@Suite("Edit conflicts in the browser")
struct EditConflictWebTests {
    /// One kind of editable item: where its form is, what it posts, and how to read a field back.
    struct Scenario {
        var editPath: String
        var postPath: String
        /// The complete form as loaded (without version and CSRF token).
        var fields: [(String, String)]
        var firstField: String
        var secondField: String
        var stored: @Sendable (TestServer) async throws -> [String: String]
    }

    static func replacing(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        var result = fields.map { pair in (pair.0, changes[pair.0] ?? pair.1) }
        for (name, value) in changes where !fields.contains(where: { $0.0 == name }) { result.append((name, value)) }
        return result
    }

    func run(_ server: TestServer, _ scenario: Scenario) async throws {
        let first = server.client(), second = server.client()
        try await first.login(Fixtures.strategyTeam)
        try await second.login(Fixtures.strategyTeam)
        let formA = try await first.get(scenario.editPath)
        let formB = try await second.get(scenario.editPath)
        #expect(formA.status == .ok && formB.status == .ok)
        let loadedVersion = try #require(second.formVersion)
        #expect(first.formVersion == loadedVersion)

        let firstValue = "Erste Fassung Alpha \(UUID().uuidString.prefix(6))"
        let secondValue = "Zweite Fassung Beta \(UUID().uuidString.prefix(6))"
        let saved = try await first.post(scenario.postPath, Self.replacing(scenario.fields, [scenario.firstField: firstValue]))
        #expect(saved.status == .seeOther, "first save: \(saved.status) \(saved.body.prefix(2000))")

        let refused = try await second.post(scenario.postPath, Self.replacing(scenario.fields, [scenario.secondField: secondValue]))
        #expect(refused.status == .conflict)
        #expect(refused.body.contains(secondValue), "the second person's input is kept")
        #expect(refused.body.contains(firstValue), "the first person's change is shown")
        #expect(refused.body.contains("Inzwischen geändert"))
        #expect(refused.body.contains("Inzwischen hat jemand anderes diesen Eintrag gespeichert"))
        #expect(refused.body.contains(Fixtures.strategyTeam), "who saved it is named")
        let newVersion = try #require(second.formVersion)
        #expect(Int(newVersion) == Int(loadedVersion).map { $0 + 1 }, "the refused form carries the current version")

        var stored = try await scenario.stored(server)
        #expect(stored[scenario.firstField] == firstValue, "the first save is kept")
        #expect(stored[scenario.secondField] != secondValue, "the stale save wrote nothing")

        // Merged by hand and sent again with the version of the refused page: now it is saved.
        let merged = Self.replacing(scenario.fields, [scenario.firstField: firstValue, scenario.secondField: secondValue])
        let retried = try await second.post(scenario.postPath, merged)
        #expect(retried.status == .seeOther, "retry: \(retried.status) \(retried.body.prefix(2000))")
        stored = try await scenario.stored(server)
        #expect(stored[scenario.firstField] == firstValue)
        #expect(stored[scenario.secondField] == secondValue)

        // The first person's form is stale now too: the same old version is refused again.
        let stale = try await first.post(scenario.postPath, Self.replacing(scenario.fields, [scenario.firstField: "Dritte"]))
        #expect(stale.status == .conflict)
        #expect(stale.body.contains(secondValue))
    }

    @Test("project profile: the second of two saves from the same version is refused, shows both, loses nothing")
    func project() async throws {
        try await withServer { server in
            let project = try await PortfolioFixtures.project("P-0005", on: server)
            let id = try project.requireID()
            let details = try await ProjectDetails.load(project, on: server.db)
            try await run(server, Scenario(
                editPath: "/m/musterstadt/projects/\(id)/edit", postPath: "/m/musterstadt/projects/\(id)",
                fields: ConcurrencyFixtures.projectFields(project, details), firstField: "title", secondField: "summary",
                stored: { server in
                    let row = try #require(try await Project.find(id, on: server.db))
                    return ["title": row.title, "summary": row.summary ?? ""]
                }))
        }
    }

    @Test("strategy goal: a stale save is refused with 409 and the other person's change beside it")
    func goal() async throws {
        try await withServer { server in
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let id = try goal.requireID()
            try await run(server, Scenario(
                editPath: "/m/musterstadt/goals/\(id)/edit", postPath: "/m/musterstadt/goals/\(id)",
                fields: [("code", goal.code ?? ""), ("title", goal.title), ("description", goal.description ?? ""),
                         ("targetStatement", goal.targetStatement ?? ""), ("targetYear", goal.targetYear.map(String.init) ?? ""),
                         ("parentID", goal.$parent.id?.uuidString ?? ""),
                         ("responsibleDepartmentID", goal.$responsibleDepartment.id?.uuidString ?? "")],
                firstField: "title", secondField: "description",
                stored: { server in
                    let row = try #require(try await StrategyElement.find(id, on: server.db))
                    return ["title": row.title, "description": row.description ?? ""]
                }))
        }
    }

    @Test("the vision: a stale save is refused with 409 and the other person's change beside it")
    func vision() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let id = try municipality.requireID()
            try await run(server, Scenario(
                editPath: "/m/musterstadt/vision/edit", postPath: "/m/musterstadt/vision",
                fields: [("visionTitle", municipality.visionTitle), ("vision", municipality.vision)],
                firstField: "visionTitle", secondField: "vision",
                stored: { server in
                    let row = try #require(try await Municipality.find(id, on: server.db))
                    return ["visionTitle": row.visionTitle, "vision": row.vision]
                }))
        }
    }

    @Test("organisational unit: a stale save is refused with 409 and the other person's change beside it")
    func unit() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let unit = try #require(try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
                .filter(\.$archivedAt == nil).sort(\.$code).first())
            let id = try unit.requireID()
            try await run(server, Scenario(
                editPath: "/m/musterstadt/departments/\(id)", postPath: "/m/musterstadt/departments/\(id)",
                fields: [("code", unit.code), ("name", unit.name), ("level", unit.level),
                         ("parentID", unit.$parent.id?.uuidString ?? ""), ("headName", unit.headName ?? "")],
                firstField: "name", secondField: "headName",
                stored: { server in
                    let row = try #require(try await Department.find(id, on: server.db))
                    return ["name": row.name, "headName": row.headName ?? ""]
                }))
        }
    }

    @Test("criterion: a stale save is refused with 409 and the other person's change beside it")
    func criterion() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let row = try #require(try await CatalogCriterion.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
                .filter(\.$archivedAt == nil).sort(\.$position).first())
            let id = try row.requireID()
            try await run(server, Scenario(
                editPath: "/m/musterstadt/prioritization/criteria/\(id)/edit", postPath: "/m/musterstadt/prioritization/criteria/\(id)",
                fields: ConcurrencyFixtures.criterionFields(row), firstField: "name", secondField: "description",
                stored: { server in
                    let stored = try #require(try await CatalogCriterion.find(id, on: server.db))
                    return ["name": stored.name, "description": stored.description]
                }))
        }
    }

    @Test("round settings: a stale save is refused with 409 and the other person's change beside it")
    func round() async throws {
        try await withServer { server in
            let round = try await ConcurrencyFixtures.openRound(on: server)
            let id = try round.requireID()
            try await run(server, Scenario(
                editPath: "/m/musterstadt/prioritization/rounds/\(id)", postPath: "/m/musterstadt/prioritization/rounds/\(id)",
                fields: ConcurrencyFixtures.roundFields(round), firstField: "title", secondField: "description",
                stored: { server in
                    let stored = try #require(try await PrioritizationRound.find(id, on: server.db))
                    return ["title": stored.title, "description": stored.description]
                }))
        }
    }

    @Test("the refused form speaks English when asked to")
    func english() async throws {
        try await withServer { server in
            let first = server.client(), second = server.client()
            try await first.login(Fixtures.strategyTeam)
            try await second.login(Fixtures.strategyTeam)
            let municipality = try await Fixtures.musterstadt(on: server)
            try await first.get("/m/musterstadt/vision/edit")
            try await second.get("/m/musterstadt/vision/edit")
            #expect(try await first.post("/m/musterstadt/vision", [("visionTitle", "First"), ("vision", municipality.vision)]).status == .seeOther)
            let refused = try await second.post("/m/musterstadt/vision?lang=en", [("visionTitle", "Second"), ("vision", municipality.vision)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Changed in the meantime"))
            #expect(refused.body.contains("Someone else saved this item in the meantime"))
            #expect(refused.body.contains("When you opened the form"))
            #expect(!refused.body.contains("conflict."), "a text key without translation")
        }
    }

    @Test("someone who may not edit gets 403 for a post without version, not a question about the version")
    func forbiddenBeforeVersion() async throws {
        try await withServer { server in
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let project = try await PortfolioFixtures.project("P-0005", on: server)
            let unit = try #require(try await Department.query(on: server.db).sort(\.$code).first())
            try await reader.get("/m/musterstadt/goals")
            for path in ["/m/musterstadt/goals/\(try goal.requireID())", "/m/musterstadt/projects/\(try project.requireID())",
                         "/m/musterstadt/departments/\(try unit.requireID())", "/m/musterstadt/vision"] {
                let response = try await reader.post(path, [("title", "Vom Lesen"), ("name", "Vom Lesen"), ("vision", "Vom Lesen")])
                #expect(response.status == .forbidden, "\(path): \(response.status)")
            }
            #expect(try await StrategyElement.find(goal.requireID(), on: server.db)?.title == goal.title)
        }
    }

    @Test("an edit form posted without its version is refused and changes nothing")
    func versionRequired() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let id = try goal.requireID()
            try await browser.get("/m/musterstadt/goals/\(id)/edit")
            // A page without an edit form: the client then posts no version, like a hand-made request.
            try await browser.get("/m/musterstadt/goals")
            #expect(browser.formVersion == nil)
            let response = try await browser.post("/m/musterstadt/goals/\(id)", [
                ("title", "Ohne Version"), ("targetStatement", goal.targetStatement ?? "x"),
                ("parentID", goal.$parent.id?.uuidString ?? ""),
            ])
            #expect(response.status == .unprocessableEntity)
            let stored = try #require(try await StrategyElement.find(id, on: server.db))
            #expect(stored.title == goal.title)
        }
    }
}
