import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Demo: Musterstadt's roadmap and its budget scenario")
struct DemoPlanningTests {
    @Test("the demo has a solved plan on the 2026 ranking that keeps every capacity, and a −20 % scenario that drops or delays projects")
    func demoPlan() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let plans = try await RoadmapPlan.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).all()
            let demo = DemoMunicipality.musterstadtPlan
            let base = try #require(plans.first { $0.name == demo.name })
            let scenario = try #require(plans.first { $0.name == demo.scenario.name })
            #expect(scenario.$basePlan.id == base.id)
            #expect(base.$round.id != nil, "the plan is valued by the closed 2026 round")
            #expect(base.periodLabels.first == "2027-H1" && base.periodLabels.count == 8)

            let team = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            let service = PlanResultService(db: server.db, context: team)
            let baseOutcome = try await service.outcome(base)
            let scenarioOutcome = try await service.outcome(scenario)
            for outcome in [baseOutcome, scenarioOutcome] {
                // Solved (proven optimal or the best within the demo's work limit), never infeasible.
                #expect([RoadmapSolveStatus.optimal.rawValue, RoadmapSolveStatus.limitReached.rawValue].contains(outcome.result?.status ?? ""),
                        "\(outcome.data.name): \(outcome.conflicts.map(\.message))")
                #expect(outcome.violations.isEmpty, "\(outcome.violations.map(\.message))")
                // The efficient frontier is there and current, as after a solve in the app.
                let plan = outcome.data.planID == base.id ? base : scenario
                let frontier = try await PlanFrontierService(db: server.db, context: team).frontier(for: plan, problem: outcome.problem)
                #expect(frontier?.points.count == EfficientFrontier.defaultFactors.count && frontier?.isStale == false,
                        "\(outcome.data.name): frontier \(frontier.map { "\($0.points.count) points, stale \($0.isStale)" } ?? "missing")")
            }
            // Credible: the IT service is the bottleneck, most projects are in, and not all start at once.
            let problem = baseOutcome.problem
            let schedule = baseOutcome.schedule
            #expect(schedule.starts.count >= 12, "\(schedule.starts.count) of \(problem.projects.count) projects scheduled")
            #expect(Set(schedule.starts.values).count >= 3, "starts spread over the periods")
            let itUse = CapacityChartInput.make(problem: problem, schedule: schedule).series.first { $0.id == "IT" }
            #expect(itUse.map { $0.used.max() ?? 0 }.map { $0 >= 3 } == true, "IT is well used: \(itUse?.used ?? [])")
            // The budget cut changes the plan: something drops or starts later, and the value falls.
            let moved = schedule.starts.filter { code, start in (scenarioOutcome.schedule.starts[code] ?? Int.max) > start }
            #expect(!moved.isEmpty)
            #expect(scenarioOutcome.objective < baseOutcome.objective)
            let lines = try await PlanBudgetLine.query(on: server.db).filter(\.$plan.$id == scenario.requireID()).sort(\.$position).all()
            #expect(lines.first?.amountList.first == Double(demo.lines[0].amounts[0]) * 0.8)
        }
    }
}
