import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing

/// The background solve: it never overwrites a change made while it ran, and a shutdown stops it. Solvers that
/// wait for the test's signal make every interleaving explicit; nothing depends on how fast the machine is.
@Suite("Plan solve jobs: lost updates and shutdown")
struct PlanSolveJobTests {
    /// A plan over the fixture's three projects with capacities, unsolved.
    static func plan(_ server: TestServer) async throws -> (PlanningFixture, MunicipalityContext, RoadmapPlan) {
        let fixture = try await PlanningFixture.make(server)
        let municipality = try await Fixtures.musterstadt(on: server)
        let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        let service = PlanService(db: server.db, context: context)
        let plan = try await service.create(PlanInput(name: "Jobplan", periodLength: "year", firstYear: "2027", periodCount: "2",
                                                      discount: .number(0.9), roundID: nil, scenarioNote: nil))
        try await service.saveCapacities(plan, capacities(fixture, budget: 100), expectedVersion: nil)
        try await service.saveSettings(plan, fixture.others.map { ProjectSettingInput(projectID: $0.uuidString, included: false) })
        return (fixture, context, try #require(try await RoadmapPlan.find(plan.requireID(), on: server.db)))
    }

    static func capacities(_ fixture: PlanningFixture, budget: Double) -> CapacitiesInput {
        CapacitiesInput(lines: [.init(label: "Haushalt investiv", kind: "investive", fundingSource: nil, eligibleProjectIDs: [],
                                      amounts: [.number(budget), .number(budget)])],
                        staff: [.init(departmentID: fixture.department.uuidString, fte: [.number(1), .number(1)])])
    }

    static func store(_ plan: RoadmapPlan, context: MunicipalityContext, expected: PlanSolveStamp?, on db: any Database) async throws {
        let built = PlanProblemBuilder.build(try await PlanData.load(plan, on: db))
        let result = RoadmapOptimizer.solve(built.problem, options: RoadmapSolverOptions(workLimit: 200_000))
        try await PlanResultService.store(result, built: built, planID: plan.requireID(), planName: plan.name,
                                          municipalityID: context.municipalityID, actor: context.user, expected: expected, on: db)
    }

    @Test("a result is stored only while the plan is as it was when the solve started; any change in between refuses it")
    func storeChecksTheStamp() async throws {
        try await withServer { server in
            let (fixture, context, plan) = try await Self.plan(server)
            let planID = try plan.requireID()
            let db = server.db
            // The normal path: nothing changed, the result is stored.
            let first = try #require(try await PlanSolveStamp.read(planID: planID, on: db))
            try await Self.store(plan, context: context, expected: first, on: db)
            #expect(try await PlanResult.query(on: db).filter(\.$plan.$id == planID).first()?.status == "optimal")
            #expect(try await PlanStart.query(on: db).filter(\.$plan.$id == planID).count() == 2)

            let service = PlanService(db: db, context: context)
            let results = PlanResultService(db: db, context: context)
            func fresh() async throws -> RoadmapPlan { try #require(try await RoadmapPlan.find(planID, on: db)) }
            let changes: [(String, () async throws -> Void)] = [
                ("manual start", { _ = try await results.setStart(try await fresh(), projectID: fixture.projects["C"]!.uuidString, start: 1) }),
                ("imported schedule", {
                    _ = try await results.importSchedule(try await fresh(), Data(#"{"format":"fahrplan-plan/1","objective":0,"schedule":[]}"#.utf8))
                }),
                ("capacities", { try await service.saveCapacities(try await fresh(), Self.capacities(fixture, budget: 300), expectedVersion: nil) }),
                ("project settings", {
                    try await service.saveSettings(try await fresh(), [ProjectSettingInput(projectID: fixture.projects["A"]!.uuidString,
                                                                                            included: true, mandatory: true)])
                }),
                ("plan frame", {
                    try await service.update(try await fresh(), PlanInput(name: "Jobplan neu", periodLength: "year", firstYear: "2027",
                                                                          periodCount: "2", discount: .number(0.8), roundID: nil,
                                                                          scenarioNote: nil), expectedVersion: nil)
                }),
            ]
            for (name, change) in changes {
                let stamp = try #require(try await PlanSolveStamp.read(planID: planID, on: db))
                try await change()
                let changed = try #require(try await PlanSolveStamp.read(planID: planID, on: db))
                #expect(changed != stamp, "\(name) changes the stamp")
                await #expect(throws: PlanChangedDuringSolve.self, "\(name) made while solving refuses the result") {
                    try await Self.store(try await fresh(), context: context, expected: stamp, on: db)
                }
                #expect(try await PlanSolveStamp.read(planID: planID, on: db) == changed, "nothing written after \(name)")
            }
            // With the current stamp, storing works again.
            let current = try #require(try await PlanSolveStamp.read(planID: planID, on: db))
            try await Self.store(try await fresh(), context: context, expected: current, on: db)
            #expect(try await PlanResult.query(on: db).filter(\.$plan.$id == planID).first()?.status != "manual")
        }
    }

    @Test("a change saved while the background solve runs survives; the job ends failed and says why on the page and in the API")
    func jobRefusesAfterAChange() async throws {
        try await withServer { server in
            let (fixture, context, plan) = try await Self.plan(server)
            let planID = try plan.requireID()
            let gate = SolverGate()
            let status = try await PlanResultService(db: server.db, context: context)
                .startSolve(plan, app: server.app, options: RoadmapSolverOptions(workLimit: 200_000)) { problem, options in
                    gate.waitUntilOpen()
                    return RoadmapOptimizer.solve(problem, options: options)
                }
            #expect(status.state == .running)
            // While the solver waits: a manual start.
            let results = PlanResultService(db: server.db, context: context)
            _ = try await results.setStart(plan, projectID: fixture.projects["A"]!.uuidString, start: 1)
            gate.open()
            await server.app.planSolveJobs.waitUntilIdle(planID)
            let ended = try #require(await server.app.planSolveJobs.status(planID))
            #expect(ended.state == .failed)
            #expect(ended.failure == .planChanged)
            let starts = try await PlanStart.query(on: server.db).filter(\.$plan.$id == planID).all()
            #expect(starts.count == 1 && starts.first?.manual == true && starts.first?.startPeriod == 1, "the manual start is kept")
            #expect(try await PlanFrontier.query(on: server.db).filter(\.$plan.$id == planID).count() == 0, "no frontier either")

            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let p = ["plan": planID.uuidString]
            let german = try await api.call(.GET, "/api/v1/plans/{plan}/solve", p, token: team, expect: .ok).value()
            #expect(german["state"]?.string == "failed")
            #expect(german["message"]?.string == "Der Plan wurde während der Berechnung geändert – bitte neu berechnen.")
            let english = try await api.call(.GET, "/api/v1/plans/{plan}/solve", p, token: team, headers: ["Accept-Language": "en"], expect: .ok).value()
            #expect(english["message"]?.string == "The plan was changed while it was being optimized – please optimize it again.")
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let page = try await client.get("/m/musterstadt/plans/\(planID.uuidString)")
            #expect(page.body.contains("Der Plan wurde während der Berechnung geändert – bitte neu berechnen."))
        }
    }

    @Test("shutting down cancels a running solve and waits for it; nothing is stored and no new solve starts")
    func shutdownCancels() async throws {
        try await withServer { server in
            let (_, context, plan) = try await Self.plan(server)
            let planID = try plan.requireID()
            // A solver that only ends when asked to stop: without the cancellation, shutdown would never return.
            _ = try await PlanResultService(db: server.db, context: context).startSolve(plan, app: server.app) { problem, options in
                while options.isCancelled?() != true { usleep(1_000) }
                return RoadmapOptimizer.solve(problem, options: RoadmapSolverOptions(workLimit: 1))
            }
            await CancelPlanSolves(jobs: server.app.planSolveJobs).shutdownAsync(server.app)
            let ended = try #require(await server.app.planSolveJobs.status(planID))
            #expect(ended.state == .failed)
            #expect(ended.failure == .cancelled)
            #expect(try await PlanResult.query(on: server.db).filter(\.$plan.$id == planID).count() == 0)
            let refused = try await PlanResultService(db: server.db, context: context).startSolve(plan, app: server.app)
            #expect(refused.state == .failed && refused.failure == .cancelled)
        }
    }
}

extension PlanSolveJobTests {
    @Test("after the solve, the job computes the efficient frontier: 11 budget levels, the plan's own marked; a change marks it outdated")
    func frontier() async throws {
        try await withServer { server in
            let (fixture, context, plan) = try await Self.plan(server)
            let planID = try plan.requireID()
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let p = ["plan": planID.uuidString]
            let none = try await api.call(.GET, "/api/v1/plans/{plan}/frontier", p, token: team, expect: .ok).value()
            #expect(none["state"]?.string == "none")
            #expect(none["points"]?.array?.isEmpty == true)
            _ = try await PlanResultService(db: server.db, context: context).startSolve(plan, app: server.app)
            await server.app.planSolveJobs.waitUntilIdle(planID)
            #expect(await server.app.planSolveJobs.status(planID)?.state == .finished)
            let current = try await api.call(.GET, "/api/v1/plans/{plan}/frontier", p, token: team, expect: .ok).value()
            #expect(current["state"]?.string == "current")
            let points = current["points"]?.array ?? []
            #expect(points.count == EfficientFrontier.defaultFactors.count)
            #expect(points.filter { $0["isCurrent"] == .bool(true) }.count == 1)
            // At the plan's budget (100 € a year) the optimum is 1.9 (B and A); at half of it mandatory B does not fit.
            let atPlan = try #require(points.first { $0["isCurrent"] == .bool(true) })
            #expect(abs((atPlan["objective"]?.number ?? 0) - 1.9) < 1e-9)
            #expect(points.first?["status"]?.string == "infeasible")
            let section = PlanFrontierSection.html(try await PlanFrontierService(db: server.db, context: context)
                .frontier(for: plan, problem: PlanProblemBuilder.build(try await PlanData.load(plan, on: server.db)).problem), language: .de)
            #expect(section.contains("id=\"plan-frontier\"") && section.contains("<svg") && !section.contains("frontier-stale"))
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let page = try await client.get("/m/musterstadt/plans/\(planID.uuidString)")
            #expect(page.body.contains("id=\"plan-frontier\"") && page.body.contains("id=\"frontier\""))
            try await PlanService(db: server.db, context: context)
                .saveCapacities(plan, Self.capacities(fixture, budget: 300), expectedVersion: nil)
            let outdated = try await api.call(.GET, "/api/v1/plans/{plan}/frontier", p, token: team, expect: .ok).value()
            #expect(outdated["state"]?.string == "outdated")
        }
    }

    @Test("the application's own shutdown (configure registers the handler) stops a registered job instead of hanging")
    func applicationShutdownStopsJobs() async throws {
        let (database, cleanup) = try await TestDatabase.make()
        let app = try await Operations.makeApplication(configuration: TestDatabase.configuration(database), environment: .testing, passwordCost: 4)
        let jobs = app.planSolveJobs
        let planID = UUID()
        let box = PlanSolveJobs.ProgressBox()
        // A job that only ends when asked to stop.
        let started = await jobs.begin(planID, box: box) {
            while !box.isCancelled { try? await Task.sleep(nanoseconds: 1_000_000) }
            await jobs.finish(planID, failure: .cancelled)
        }
        #expect(started)
        try await app.asyncShutdown()
        await cleanup()
        #expect(box.isCancelled)
        let ended = try #require(await jobs.status(planID))
        #expect(ended.state == .failed && ended.failure == .cancelled)
    }
}

/// A one-way signal between the test and a solver running on the thread pool.
private final class SolverGate: Sendable {
    private let state = NIOLockedValueBox(false)
    var isOpen: Bool { state.withLockedValue { $0 } }
    func open() { state.withLockedValue { $0 = true } }
    /// Blocks the calling (thread-pool) thread until opened.
    func waitUntilOpen() { while !isOpen { usleep(1_000) } }
}
