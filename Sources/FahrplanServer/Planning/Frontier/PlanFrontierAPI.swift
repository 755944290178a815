import FahrplanCore
import Foundation
import Vapor

/// `GET /api/v1/plans/{plan}/frontier`: the plan's efficient frontier as its last solve computed it. `state` says
/// whether it belongs to the plan as it is now (`current`), to an earlier state (`outdated`: renewed by the next
/// solve) or was not computed yet (`none`, no points).
struct PlanFrontierDTO: Content {
    struct Point: Content {
        var factor: Double
        var totalBudget: Double
        /// 0 when no schedule is feasible at this budget.
        var objective: Double
        var bound: Double
        var status: String
        var selected: Int
        var isCurrent: Bool
    }

    var state: String
    var computedAt: Date?
    var points: [Point]

    init(_ frontier: PlanFrontierService.Frontier?) {
        state = frontier.map { $0.isStale ? "outdated" : "current" } ?? "none"
        computedAt = frontier?.computedAt
        points = (frontier?.points ?? []).map {
            Point(factor: $0.factor, totalBudget: $0.totalBudget, objective: $0.objective, bound: $0.bound, status: $0.status,
                  selected: $0.selected, isCurrent: $0.isCurrent)
        }
    }
}

enum PlanFrontierAPI {
    @Sendable static func frontier(_ req: Request) async throws -> PlanFrontierDTO {
        let context = try await req.municipalityContext()
        let plan = try await PlanService(db: req.db, context: context).plan(req.parameters.get("plan"))
        let problem = PlanProblemBuilder.build(try await PlanData.load(plan, on: req.db)).problem
        return PlanFrontierDTO(try await PlanFrontierService(db: req.db, context: context).frontier(for: plan, problem: problem))
    }
}
