import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Three projects with known costs in Musterstadt, and the ids a plan over them needs.
struct PlanningFixture {
    var projects: [String: UUID]
    var department: UUID
    var others: [UUID]

    /// A, B and C cost 100 € each in 2027 (one year); C needs A; B is a legal obligation (mandatory).
    /// A also needs 1 FTE of the department "PL".
    static func make(_ server: TestServer) async throws -> PlanningFixture {
        let municipality = try await Fixtures.musterstadt(on: server)
        let municipalityID = try municipality.requireID()
        let department = Department()
        department.$municipality.id = municipalityID
        department.code = "PL"
        department.name = "Planungsamt"
        department.level = "office"
        try await department.create(on: server.db)
        var ids: [String: UUID] = [:]
        for (code, legal) in [("A", false), ("B", true), ("C", false)] {
            let project = Project(municipalityID: municipalityID, code: "PLAN-\(code)")
            project.title = "Planprojekt \(code)"
            project.status = ProjectStatus.prioritized.rawValue
            project.legalObligation = legal
            project.searchText = project.title.lowercased()
            try await project.create(on: server.db)
            let id = try project.requireID()
            ids[code] = id
            let cost = ProjectCost()
            cost.$municipality.id = municipalityID
            cost.$project.id = id
            cost.year = 2027
            cost.oneOffCents = 10_000
            cost.runningCents = 0
            try await cost.create(on: server.db)
        }
        let effort = ProjectEffort()
        effort.$municipality.id = municipalityID
        effort.$project.id = ids["A"]!
        effort.$department.id = try department.requireID()
        effort.year = 2027
        effort.fteHundredths = 100
        try await effort.create(on: server.db)
        let dependency = ProjectDependency()
        dependency.$municipality.id = municipalityID
        dependency.$project.id = ids["C"]!
        dependency.$dependsOn.id = ids["A"]!
        try await dependency.create(on: server.db)
        let mine = Set(ids.values)
        let others = try await Project.query(on: server.db).filter(\.$municipality.$id == municipalityID).all().compactMap(\.id).filter { !mine.contains($0) }
        return PlanningFixture(projects: ids, department: try department.requireID(), others: others)
    }

    /// Settings that leave every other project of the demo out, so the plan holds A, B and C only.
    var onlyMine: [[String: Any]] { others.map { ["projectId": $0.uuidString, "included": false] } }

    func capacities(budget: [Any] = [100, 100], fte: [Any] = [1, 1]) -> [String: Any] {
        ["budgetLines": [["label": "Haushalt investiv", "kind": "investive", "amounts": budget]],
         "staff": [["departmentId": department.uuidString, "fte": fte]]]
    }
}

/// Every planning operation through the API, each answer held against openapi.json.
enum PlanningAPIExercise {
    struct Journey {
        var plan: String
        var scenario: String
        var fixture: PlanningFixture
    }

    /// Waits for the plan's background solve however long the busy machine needs (no wall-clock deadline),
    /// then checks that the API reports it finished.
    static func waitForSolve(_ api: APIConformance, plan: String, token: String, server: TestServer) async throws {
        await server.app.planSolveJobs.waitUntilIdle(try #require(UUID(uuidString: plan)))
        let status = try await api.call(.GET, "/api/v1/plans/{plan}/solve", ["plan": plan], token: token, expect: .ok)
        #expect(try status.value()["state"]?.string == "finished", "solve of \(plan) did not finish")
    }

    @discardableResult
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws -> Journey {
        let fixture = try await PlanningFixture.make(server)
        let created = try await api.call(.POST, "/api/v1/plans", token: token,
                                         json: ["name": "Fahrplan 2027/28", "periodLength": "year", "firstYear": 2027, "periodCount": 2, "discount": 0.9],
                                         expect: .created)
        let plan = try #require(try created.value()["id"]?.string)
        let p = ["plan": plan]
        try await api.call(.GET, "/api/v1/plans", token: token, expect: .ok)
        let shown = try await api.call(.GET, "/api/v1/plans/{plan}", p, token: token, expect: .ok)
        try await api.call(.PATCH, "/api/v1/plans/{plan}", p, token: token, json: ["scenarioNote": "Basis"],
                           headers: ["If-Match": shown.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.PUT, "/api/v1/plans/{plan}/capacities", p, token: token, json: fixture.capacities(), expect: .ok)
        try await api.call(.GET, "/api/v1/plans/{plan}/capacities", p, token: token, expect: .ok)
        try await api.call(.PUT, "/api/v1/plans/{plan}/projects", p, token: token, json: ["projects": fixture.onlyMine], expect: .ok)
        try await api.call(.GET, "/api/v1/plans/{plan}/projects", p, token: token, expect: .ok)
        try await api.call(.POST, "/api/v1/plans/{plan}/solve", p, token: token, expect: .accepted)
        try await waitForSolve(api, plan: plan, token: token, server: server)
        try await api.call(.GET, "/api/v1/plans/{plan}/result", p, token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/plans/{plan}/frontier", p, token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/plans/{plan}/explanations", p, token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/plans/{plan}/export", p, token: token, expect: .ok)
        let solution = try await api.call(.GET, "/api/v1/plans/{plan}/solution", p, token: token, expect: .ok)

        let scenario = try await api.call(.POST, "/api/v1/plans/{plan}/scenarios", p, token: token,
                                          json: ["name": "Haushalt +100 %", "note": "Haushalt +100 %", "budgetPercent": 100], expect: .created)
        let scenarioID = try #require(try scenario.value()["id"]?.string)
        try await api.call(.GET, "/api/v1/plans/{plan}/scenarios", p, token: token, expect: .ok)
        try await api.call(.POST, "/api/v1/plans/{plan}/solve", ["plan": scenarioID], token: token, expect: .accepted)
        try await waitForSolve(api, plan: scenarioID, token: token, server: server)
        try await api.call(.GET, "/api/v1/plans/{plan}/compare", p, query: "with=\(scenarioID)", token: token, expect: .ok)

        try await api.call(.POST, "/api/v1/plans/{plan}/import", p, token: token, rawBody: Data(solution.body.utf8), expect: .ok)
        try await api.call(.POST, "/api/v1/plans/{plan}/starts", p, token: token,
                           json: ["projectId": fixture.projects["C"]!.uuidString, "start": 0], expect: .ok)
        let archivable = try await api.call(.POST, "/api/v1/plans", token: token,
                                            json: ["name": "Entwurf", "periodLength": "halfYear", "firstYear": 2027, "periodCount": 4], expect: .created)
        try await api.call(.POST, "/api/v1/plans/{plan}/archive", ["plan": try #require(try archivable.value()["id"]?.string)], token: token, expect: .ok)
        return Journey(plan: plan, scenario: scenarioID, fixture: fixture)
    }
}

extension PlanningAPIExercise {
    /// A plan of Musterstadt made through the service, for tests that need an existing id.
    static func planID(on server: TestServer) async throws -> String {
        let municipality = try await Fixtures.musterstadt(on: server)
        let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        let plan = try await PlanService(db: server.db, context: context)
            .create(PlanInput(name: "Prüfplan", periodLength: "year", firstYear: "2027", periodCount: "2", discount: .number(1),
                              roundID: nil, scenarioNote: nil))
        return try plan.requireID().uuidString
    }
}

extension PlanningAPIExercise {
    /// A body of the wrong JSON type per planning operation, and the field the 400 names. Ids are read as text
    /// and checked against the municipality (422), so there is no malformed-id case.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        let plan = "/api/v1/plans/{plan}"
        switch template {
        case "/api/v1/plans", plan: return (["name": 5], "name", nil)
        case plan + "/capacities": return (["budgetLines": "alle"], "budgetLines", nil)
        case plan + "/projects": return (["projects": "alle"], "projects", nil)
        case plan + "/starts": return (["start": "eins"], "start", nil)
        case plan + "/scenarios": return (["budgetPercent": "viel"], "budgetPercent", nil)
        case plan + "/import": return (["format": 5], "format", nil)
        default: return nil
        }
    }
}
