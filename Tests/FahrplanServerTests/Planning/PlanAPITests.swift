import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Roadmap plans over the API")
struct PlanAPITests {
    @Test("a whole journey: every planning operation answers as documented")
    func journey() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await PlanningAPIExercise.everyOperation(api, token: team, server: server)
            let mine = api.document.operations.filter { $0.contains(" /api/v1/plans") }
            #expect(mine.count == 21, "\(mine.sorted())")
            let missing = mine.subtracting(api.succeeded).sorted()
            #expect(missing.isEmpty, "planning operations never exercised successfully: \(missing)")
        }
    }

    @Test("solving a small plan gives the known optimum: B is mandatory, one of A or C fits beside it, C needs A")
    func knownResult() async throws {
        try await withServer { server in
            let (api, team, fixture, plan) = try await Self.plan(server)
            try await api.call(.POST, "/api/v1/plans/{plan}/solve", ["plan": plan], token: team, expect: .accepted)
            try await PlanningAPIExercise.waitForSolve(api, plan: plan, token: team, server: server)
            let result = try await api.call(.GET, "/api/v1/plans/{plan}/result", ["plan": plan], token: team, expect: .ok).value()
            #expect(result["status"]?.string == "optimal")
            #expect(abs((result["objective"]?.number ?? 0) - 1.9) < 1e-9)
            let projects = result["projects"]?.array ?? []
            let byCode = Dictionary(projects.compactMap { p in p["code"]?.string.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
            #expect(byCode["PLAN-B"]?["start"]?.number != nil, "the mandatory project is scheduled")
            #expect(byCode["PLAN-B"]?["mandatory"] == .bool(true))
            #expect(byCode["PLAN-C"]?["outcome"]?.string == "leftOut")
            #expect(byCode["PLAN-A"]?["start"]?.number != nil)
            #expect(byCode["PLAN-C"]?["reason"]?.string?.isEmpty == false)
            let budget = try #require(result["periodUse"]?.array?.first { $0["kind"]?.string == "budget" })
            #expect(budget["used"] == .array([.number(100), .number(100)]))
            // Stored: one result row and two starts.
            let planID = try #require(UUID(uuidString: plan))
            #expect(try await PlanStart.query(on: server.db).filter(\.$plan.$id == planID).count() == 2)
            _ = fixture
        }
    }

    @Test("a manual start that breaks rules is stored as manual and its violations are named")
    func manualChange() async throws {
        try await withServer { server in
            let (api, team, fixture, plan) = try await Self.plan(server)
            try await api.call(.POST, "/api/v1/plans/{plan}/solve", ["plan": plan], token: team, expect: .accepted)
            try await PlanningAPIExercise.waitForSolve(api, plan: plan, token: team, server: server)
            let changed = try await api.call(.POST, "/api/v1/plans/{plan}/starts", ["plan": plan], token: team,
                                             json: ["projectId": fixture.projects["C"]!.uuidString, "start": 0], expect: .ok).value()
            let violations = changed["violations"]?.array ?? []
            #expect(!violations.isEmpty)
            #expect(violations.contains { ($0["projects"]?.array ?? []).contains(.string("PLAN-C")) })
            let result = try await api.call(.GET, "/api/v1/plans/{plan}/result", ["plan": plan], token: team, expect: .ok).value()
            #expect(result["status"]?.string == "manual")
            #expect(result["violations"]?.array?.isEmpty == false)
            let c = result["projects"]?.array?.first { $0["code"]?.string == "PLAN-C" }
            #expect(c?["manual"] == .bool(true))
            #expect(c?["start"] == .number(0))
            // A start outside the horizon is refused with the field named.
            let fields = try OpenAPIConformanceTests.fields(try await api.call(.POST, "/api/v1/plans/{plan}/starts", ["plan": plan], token: team,
                                                                                json: ["projectId": fixture.projects["C"]!.uuidString, "start": 9],
                                                                                expect: .unprocessableEntity))
            #expect(fields == ["start"])
        }
    }

    @Test("a scenario copies the plan with its settings; doubling the budget adds C; compare names what moved")
    func scenarioAndCompare() async throws {
        try await withServer { server in
            let (api, team, fixture, plan) = try await Self.plan(server)
            try await api.call(.POST, "/api/v1/plans/{plan}/solve", ["plan": plan], token: team, expect: .accepted)
            try await PlanningAPIExercise.waitForSolve(api, plan: plan, token: team, server: server)
            let scenario = try await api.call(.POST, "/api/v1/plans/{plan}/scenarios", ["plan": plan], token: team,
                                              json: ["name": "Mehr Geld", "note": "Haushalt +100 %", "budgetPercent": 100,
                                                     "addedFte": [fixture.department.uuidString: 1]], expect: .created).value()
            let scenarioID = try #require(scenario["id"]?.string)
            #expect(scenario["basePlanId"]?.string == plan)
            let capacities = try await api.call(.GET, "/api/v1/plans/{plan}/capacities", ["plan": scenarioID], token: team, expect: .ok).value()
            #expect(capacities["budgetLines"]?.array?.first?["amounts"] == .array([.number(200), .number(200)]))
            #expect(capacities["staff"]?.array?.first?["fte"] == .array([.number(2), .number(2)]))
            let settings = try await api.call(.GET, "/api/v1/plans/{plan}/projects", ["plan": scenarioID], token: team, expect: .ok).value()
            #expect(settings["items"]?.array?.filter { $0["included"] == .bool(true) }.count == 3, "the copy keeps the base's exclusions")

            try await api.call(.POST, "/api/v1/plans/{plan}/solve", ["plan": scenarioID], token: team, expect: .accepted)
            try await PlanningAPIExercise.waitForSolve(api, plan: scenarioID, token: team, server: server)
            let result = try await api.call(.GET, "/api/v1/plans/{plan}/result", ["plan": scenarioID], token: team, expect: .ok).value()
            #expect(abs((result["objective"]?.number ?? 0) - 2.9) < 1e-9, "A and B in 2027, C in 2028")

            let comparison = try await api.call(.GET, "/api/v1/plans/{plan}/compare", ["plan": plan], query: "with=\(scenarioID)",
                                                token: team, expect: .ok).value()
            let c = comparison["changes"]?.array?.first { $0["code"]?.string == "PLAN-C" }
            #expect(c?["change"]?.string == "added")
            #expect(c?["otherStart"]?.string == "2028")
            #expect(comparison["other"]?["budgetCapacity"]?.number == 400)
        }
    }

    @Test("export as fahrplan-planning/1 decodes to the plan's problem; the exported schedule re-imports without violations")
    func exportRoundTrip() async throws {
        try await withServer { server in
            let (api, team, _, plan) = try await Self.plan(server)
            let exported = try await api.call(.GET, "/api/v1/plans/{plan}/export", ["plan": plan], token: team, expect: .ok)
            let problem = try PlanningFormat.decodeProblem(Data(exported.body.utf8))
            #expect(problem.periods == ["2027", "2028"])
            #expect(problem.projects.map(\.id).sorted() == ["PLAN-A", "PLAN-B", "PLAN-C"])
            #expect(problem.projects.first { $0.id == "PLAN-C" }?.after == ["PLAN-A"])
            #expect(problem.projects.first { $0.id == "PLAN-B" }?.mandatory == true)
            // No schedule yet: nothing to export.
            try await api.call(.GET, "/api/v1/plans/{plan}/solution", ["plan": plan], token: team, expect: .notFound)

            try await api.call(.POST, "/api/v1/plans/{plan}/solve", ["plan": plan], token: team, expect: .accepted)
            try await PlanningAPIExercise.waitForSolve(api, plan: plan, token: team, server: server)
            let before = try await api.call(.GET, "/api/v1/plans/{plan}/result", ["plan": plan], token: team, expect: .ok).value()
            let solution = try await api.call(.GET, "/api/v1/plans/{plan}/solution", ["plan": plan], token: team, expect: .ok)
            let schedule = try PlanningFormat.decodeSchedule(Data(solution.body.utf8), for: problem)
            #expect(schedule.starts.count == 2)
            let imported = try await api.call(.POST, "/api/v1/plans/{plan}/import", ["plan": plan], token: team,
                                              rawBody: Data(solution.body.utf8), expect: .ok).value()
            #expect(imported["violations"] == .array([]))
            let after = try await api.call(.GET, "/api/v1/plans/{plan}/result", ["plan": plan], token: team, expect: .ok).value()
            #expect(after["status"]?.string == "manual")
            #expect(after["objective"] == before["objective"])
            // An unknown project in the file is refused and changes nothing.
            let bad = #"{"format":"fahrplan-plan/1","objective":1,"schedule":[{"id":"NOPE","start":0}]}"#
            try await api.call(.POST, "/api/v1/plans/{plan}/import", ["plan": plan], token: team, rawBody: Data(bad.utf8), expect: .unprocessableEntity)
        }
    }

    @Test("bad input names the field and stores nothing: one bad cell refuses the whole capacity matrix")
    func badInput() async throws {
        try await withServer { server in
            let (api, team, fixture, plan) = try await Self.plan(server)
            let p = ["plan": plan]
            var fields = try OpenAPIConformanceTests.fields(try await api.call(.POST, "/api/v1/plans", token: team,
                json: ["name": "", "periodLength": "decade", "firstYear": 1900, "periodCount": 0, "discount": 1.5], expect: .unprocessableEntity))
            #expect(Set(fields) == ["name", "periodLength", "firstYear", "periodCount", "discount"])
            let bad = fixture.capacities(budget: [500, -1], fte: [1, 1, 1])
            fields = try OpenAPIConformanceTests.fields(try await api.call(.PUT, "/api/v1/plans/{plan}/capacities", p, token: team, json: bad,
                                                                            expect: .unprocessableEntity))
            #expect(Set(fields) == ["budgetLines[0].amounts[1]", "staff[0].fte"])
            let stored = try await api.call(.GET, "/api/v1/plans/{plan}/capacities", p, token: team, expect: .ok).value()
            #expect(stored["budgetLines"]?.array?.first?["amounts"] == .array([.number(100), .number(100)]), "the old matrix is kept whole")
            fields = try OpenAPIConformanceTests.fields(try await api.call(.POST, "/api/v1/plans", token: team,
                json: ["name": "X", "periodLength": "year", "firstYear": 2027, "periodCount": 2, "roundId": UUID().uuidString], expect: .unprocessableEntity))
            #expect(fields == ["roundId"])
        }
    }

    @Test("readers and department leads read plans but may not change them; another municipality's plan is 404")
    func permissionsAndIsolation() async throws {
        try await withServer { server in
            let (api, _, _, plan) = try await Self.plan(server)
            let p = ["plan": plan]
            for email in [Fixtures.reader, Fixtures.departmentLead] {
                let token = try await Fixtures.token(for: email, on: server)
                try await api.call(.GET, "/api/v1/plans/{plan}", p, token: token, expect: .ok)
                try await api.call(.GET, "/api/v1/plans/{plan}/result", p, token: token, expect: .ok)
                try await api.call(.POST, "/api/v1/plans", token: token, json: ["name": "X", "periodLength": "year", "firstYear": 2027, "periodCount": 1],
                                   expect: .forbidden)
                try await api.call(.POST, "/api/v1/plans/{plan}/solve", p, token: token, expect: .forbidden)
                try await api.call(.PUT, "/api/v1/plans/{plan}/capacities", p, token: token, json: ["budgetLines": [], "staff": []], expect: .forbidden)
            }
            let other = try await Fixtures.otherMunicipality(on: server)
            let foreign = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            try await api.call(.GET, "/api/v1/plans/{plan}", p, token: foreign, expect: .notFound)
            try await api.call(.GET, "/api/v1/plans/{plan}/result", p, token: foreign, expect: .notFound)
            try await api.call(.POST, "/api/v1/plans/{plan}/solve", p, token: foreign, expect: .notFound)
            let list = try await api.call(.GET, "/api/v1/plans", token: foreign, expect: .ok).value()
            #expect(list["items"] == .array([]))
        }
    }

    /// A plan over A, B and C: 2027 and 2028, discount 0.9, 100 € per year, 1 FTE for "PL".
    static func plan(_ server: TestServer) async throws -> (APIConformance, String, PlanningFixture, String) {
        let api = try await APIConformance(server: server)
        let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
        let fixture = try await PlanningFixture.make(server)
        let created = try await api.call(.POST, "/api/v1/plans", token: team,
                                         json: ["name": "Prüfplan", "periodLength": "year", "firstYear": 2027, "periodCount": 2, "discount": 0.9],
                                         expect: .created)
        let plan = try #require(try created.value()["id"]?.string)
        try await api.call(.PUT, "/api/v1/plans/{plan}/capacities", ["plan": plan], token: team, json: fixture.capacities(), expect: .ok)
        try await api.call(.PUT, "/api/v1/plans/{plan}/projects", ["plan": plan], token: team, json: ["projects": fixture.onlyMine], expect: .ok)
        return (api, team, fixture, plan)
    }
}
