import FahrplanCore
import Foundation
import NIOConcurrencyHelpers

/// The demo's solves, remembered for the life of the process. The demo is loaded at every start of a test server
/// (hundreds per test run) and its plans are the same every time; the optimizer is deterministic for the same
/// problem and work limit, so the problem's `fahrplan-planning/1` bytes plus the limit identify the answer.
/// Concurrent loads of the same problem share one computation.
final class DemoSolveMemo: Sendable {
    static let shared = DemoSolveMemo()

    private let solves = NIOLockedValueBox<[Data: Task<RoadmapResult, Never>]>([:])
    private let frontiers = NIOLockedValueBox<[Data: Task<[EfficientFrontier.FrontierPoint], Never>]>([:])

    /// How many distinct problems were solved (for tests).
    var solvedCount: Int { solves.withLockedValue { $0.count } }

    func solve(_ problem: RoadmapProblem, options: RoadmapSolverOptions) async -> RoadmapResult {
        let key = Self.key(problem, options)
        let task = solves.withLockedValue { tasks in
            if let known = tasks[key] { return known }
            let created = Task.detached { RoadmapOptimizer.solve(problem, options: options) }
            tasks[key] = created
            return created
        }
        return await task.value
    }

    /// The efficient frontier as the plan's background solve computes it (same factors and work per point).
    func frontier(_ problem: RoadmapProblem, options: RoadmapSolverOptions) async -> [EfficientFrontier.FrontierPoint] {
        let key = Self.key(problem, options)
        let task = frontiers.withLockedValue { tasks in
            if let known = tasks[key] { return known }
            let created = Task.detached {
                PlanFrontierService.compute(problem, options: options, box: PlanSolveJobs.ProgressBox()) ?? []
            }
            tasks[key] = created
            return created
        }
        return await task.value
    }

    private static func key(_ problem: RoadmapProblem, _ options: RoadmapSolverOptions) -> Data {
        var key = PlanningFormat.encodeProblem(problem)
        key.append(contentsOf: Array("\n\(options.workLimit) \(options.timeLimit) \(options.gapTolerance)".utf8))
        return key
    }
}
