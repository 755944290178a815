import FahrplanCore
import Fluent
import Foundation

/// A plan's efficient frontier as its last solve computed it (one row per plan): the best portfolio value per
/// budget level. `problemDigest` names the problem it was computed for, so a page can tell a frontier that no
/// longer matches the plan (capacities, settings or project data changed since) and mark it as outdated.
final class PlanFrontier: Model, @unchecked Sendable {
    static let schema = "plan_frontiers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "plan_id") var plan: RoadmapPlan
    /// SHA-256 (hex) of the problem in `fahrplan-planning/1`.
    @Field(key: "problem_digest") var problemDigest: String
    /// The points as JSON (`[PlanFrontierPoint]`), in the order of the budget factors.
    @Field(key: "points") var points: String
    @Field(key: "computed_at") var computedAt: Date

    init() {}

    var pointList: [PlanFrontierPoint] { PlanJSON.decode([PlanFrontierPoint].self, points) ?? [] }

    var properties: [any AnyProperty] { [_id, _municipality, _plan, _problemDigest, _points, _computedAt] }
}

/// One stored budget level of the frontier.
struct PlanFrontierPoint: Codable, Sendable, Equatable {
    var factor: Double
    var totalBudget: Double
    var objective: Double
    var bound: Double
    /// `optimal`, `limitReached` or `infeasible` (`EfficientFrontier.Status`).
    var status: String
    var selected: Int

    init(_ point: EfficientFrontier.FrontierPoint) {
        factor = point.factor
        totalBudget = point.totalBudget
        objective = point.objective
        bound = point.bound
        status = point.status.rawValue
        selected = point.selected
    }

    var core: EfficientFrontier.FrontierPoint {
        .init(factor: factor, totalBudget: totalBudget, objective: objective, bound: bound,
              status: EfficientFrontier.Status(rawValue: status) ?? .limitReached, selected: selected)
    }

    /// The budget level of the plan as it is.
    var isCurrent: Bool { abs(factor - 1) < 1e-9 }
}
