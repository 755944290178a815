import Foundation

/// The efficient frontier: the best portfolio value reachable for budgets scaled up or down, so a council can see
/// what another 10 % of money buys. Every `.budget` resource's capacity is multiplied by the factor; staff stays.
public enum EfficientFrontier {
    public enum Status: String, Sendable, Equatable, Codable {
        case optimal
        /// The solver's limit ended the search: `objective` is reachable, `bound` is what might be.
        case limitReached
        /// No feasible schedule at this budget (mandatory projects do not fit).
        case infeasible
    }

    public struct FrontierPoint: Sendable, Equatable {
        public var factor: Double
        /// Sum of all budget capacities over all periods at this factor, in euros.
        public var totalBudget: Double
        public var objective: Double
        public var bound: Double
        public var status: Status
        /// Projects selected at this budget.
        public var selected: Int

        public init(factor: Double, totalBudget: Double, objective: Double, bound: Double, status: Status, selected: Int) {
            self.factor = factor
            self.totalBudget = totalBudget
            self.objective = objective
            self.bound = bound
            self.status = status
            self.selected = selected
        }
    }

    /// The factors a frontier chart usually shows: 50 % to 150 % of the budget in steps of 10 %.
    public static let defaultFactors: [Double] = stride(from: 0.5, through: 1.5001, by: 0.1).map { ($0 * 10).rounded() / 10 }

    /// One point per factor, in the order given. Points are solved independently (deterministic for the same input);
    /// the progress and cancellation hooks of `options` are passed to each solve.
    public static func compute(_ problem: RoadmapProblem, budgetFactors: [Double], options: RoadmapSolverOptions) -> [FrontierPoint] {
        budgetFactors.map { factor in
            var scaled = problem
            for index in scaled.resources.indices where scaled.resources[index].kind == .budget {
                scaled.resources[index].capacity = scaled.resources[index].capacity.map { $0 * factor }
            }
            let total = scaled.resources.filter { $0.kind == .budget }.reduce(0) { $0 + $1.capacity.reduce(0, +) }
            switch RoadmapOptimizer.solve(scaled, options: options) {
            case .infeasible:
                return FrontierPoint(factor: factor, totalBudget: total, objective: 0, bound: 0, status: .infeasible, selected: 0)
            case .solved(let solution):
                return FrontierPoint(factor: factor, totalBudget: total, objective: solution.objective, bound: solution.bound,
                                     status: solution.status == .optimal ? .optimal : .limitReached,
                                     selected: solution.schedule.starts.count)
            }
        }
    }
}
