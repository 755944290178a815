import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// A plan over the fixture's three projects, capacities for both years, solved and stored (no background job).
struct SolvedPlanFixture {
    var fixture: PlanningFixture
    var context: MunicipalityContext
    var planID: UUID
    var url: String

    static func make(_ server: TestServer, name: String = "Seitenplan") async throws -> SolvedPlanFixture {
        let fixture = try await PlanningFixture.make(server)
        let municipality = try await Fixtures.musterstadt(on: server)
        let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        let service = PlanService(db: server.db, context: context)
        let plan = try await service.create(PlanInput(name: name, periodLength: "year", firstYear: "2027", periodCount: "2",
                                                      discount: .number(0.9), roundID: nil, scenarioNote: nil))
        try await service.saveCapacities(plan, capacities(fixture, budget: 100), expectedVersion: nil)
        try await service.saveSettings(plan, fixture.others.map { ProjectSettingInput(projectID: $0.uuidString, included: false) })
        let built = PlanProblemBuilder.build(try await PlanData.load(plan, on: server.db))
        try await PlanResultService.store(RoadmapOptimizer.solve(built.problem), built: built, planID: plan.requireID(), planName: plan.name,
                                          municipalityID: context.municipalityID, actor: context.user, on: server.db)
        let id = try plan.requireID()
        return SolvedPlanFixture(fixture: fixture, context: context, planID: id, url: "/m/musterstadt/plans/\(id.uuidString)")
    }

    static func capacities(_ fixture: PlanningFixture, budget: Double) -> CapacitiesInput {
        CapacitiesInput(lines: [.init(label: "Haushalt investiv", kind: "investive", fundingSource: nil, eligibleProjectIDs: [],
                                      amounts: [.number(budget), .number(budget)])],
                        staff: [.init(departmentID: fixture.department.uuidString, fte: [.number(1), .number(1)])])
    }

    func plan(on server: TestServer) async throws -> RoadmapPlan { try #require(try await RoadmapPlan.find(planID, on: server.db)) }
}

@Suite("The plan page's analysis is computed once per result or change")
struct PlanPageCacheTests {
    @Test("a second render reuses the analysis; a manual start, a capacity change and a project edited elsewhere each compute it anew")
    func reuseAndInvalidation() async throws {
        try await withServer { server in
            let solved = try await SolvedPlanFixture.make(server)
            let cache = server.app.planAnalysisCache
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)

            let first = try await client.get(solved.url)
            #expect(first.status == .ok)
            #expect(first.body.contains("plan-row-PLAN-A"))
            #expect(await cache.computations == 1)
            let second = try await client.get(solved.url)
            #expect(await cache.computations == 1, "the second render computed the analysis again")
            #expect(await cache.reuses == 1)
            #expect(second.body.contains("id=\"plan-use\""))
            #expect(first.body.components(separatedBy: "plan-row-").count == second.body.components(separatedBy: "plan-row-").count)

            // A manual start: a new stamp (and schedule), so a new analysis that sees the change.
            let changed = try await client.post(solved.url + "/starts", [("projectId", solved.fixture.projects["A"]!.uuidString), ("start", "")])
            #expect(changed.status == .seeOther)
            let afterStart = try await client.get(solved.url)
            #expect(await cache.computations == 2)
            #expect(afterStart.body.contains("plan-row-PLAN-A\" class=\"plan-leftOut\""), "the page shows the analysis of the changed schedule")

            // Capacities raise the plan's version.
            try await PlanService(db: server.db, context: solved.context)
                .saveCapacities(try await solved.plan(on: server), SolvedPlanFixture.capacities(solved.fixture, budget: 50), expectedVersion: nil)
            _ = try await client.get(solved.url)
            #expect(await cache.computations == 3)
            _ = try await client.get(solved.url)
            #expect(await cache.computations == 3)

            // A project's costs edited in the portfolio: the plan's stamp is unchanged, its problem is not.
            let cost = try #require(try await ProjectCost.query(on: server.db).filter(\.$project.$id == solved.fixture.projects["B"]!).first())
            cost.oneOffCents = 4_000
            try await cost.save(on: server.db)
            _ = try await client.get(solved.url)
            #expect(await cache.computations == 4)
            #expect(await cache.reuses == 2)
        }
    }

    @Test("the cache keeps at most its capacity of plans, dropping the least recently used")
    func bounded() async throws {
        let cache = PlanAnalysisCache(capacity: 2)
        let problem = RoadmapProblem(periods: ["2027"], discount: 1, resources: [],
                                     projects: [.init(id: "P", value: 1, duration: 1)])
        func outcomeStub() -> (RoadmapProblem, RoadmapSchedule) { (problem, RoadmapSchedule(starts: ["P": 0])) }
        let plans = [UUID(), UUID(), UUID()]
        let stamp = PlanAnalysisCache.Stamp(version: 1, resultID: nil, solvedAt: nil, status: nil)
        for plan in plans { _ = await cache.explanation(planID: plan, stamp: stamp, problem: problem, schedule: outcomeStub().1) }
        #expect(await cache.count == 2)
        #expect(await cache.computations == 3)
        _ = await cache.explanation(planID: plans[2], stamp: stamp, problem: problem, schedule: outcomeStub().1)
        #expect(await cache.reuses == 1)
        _ = await cache.explanation(planID: plans[0], stamp: stamp, problem: problem, schedule: outcomeStub().1)
        #expect(await cache.computations == 4, "the oldest plan's entry was dropped")
    }
}
