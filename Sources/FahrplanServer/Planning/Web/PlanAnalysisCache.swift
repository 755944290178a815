import FahrplanCore
import Foundation
import Vapor

/// The plan page's analysis of a plan's schedule — every project's reason and every resource's use per period
/// (`RoadmapExplanation`, which holds the period use) — computed once per stored result or manual change instead
/// of on every render: for 500 projects it is most of the page's work.
///
/// An entry belongs to a plan and is valid while both hold:
/// - the stamp is the same: the plan's edit version (raised by a change of the frame, the capacities or the
///   project settings) and its stored result (a new solve stores a new row; a manual start or an imported
///   schedule sets `solvedAt` anew);
/// - the problem and the schedule are equal to the ones the entry was computed for. This catches what the stamp
///   cannot see: a project's costs, effort or status edited in the portfolio, or a new ranking version, change
///   the assembled problem without touching the plan.
/// Bounded: the least recently used plan's entry goes first. `computations` and `reuses` make its effect
/// observable in tests.
actor PlanAnalysisCache {
    struct Stamp: Hashable, Sendable {
        var version: Int
        var resultID: UUID?
        var solvedAt: Date?
        var status: String?

        init(version: Int, resultID: UUID?, solvedAt: Date?, status: String?) {
            self.version = version
            self.resultID = resultID
            self.solvedAt = solvedAt
            self.status = status
        }

        init(plan: RoadmapPlan, result: PlanResult?) {
            version = plan.version
            resultID = result?.id
            solvedAt = result?.solvedAt
            status = result?.status
        }
    }

    private struct Entry: Sendable {
        var stamp: Stamp
        var problem: RoadmapProblem
        var schedule: RoadmapSchedule
        var explanation: RoadmapExplanation
    }

    private let entries: LRUCache<UUID, Entry>
    /// How often an analysis was computed, and how often a stored one was used instead.
    private(set) var computations = 0
    private(set) var reuses = 0

    init(capacity: Int = 32) { entries = LRUCache(capacity: max(1, capacity)) }

    /// The analysis of the plan's outcome: the stored one when still valid, else computed (outside the actor,
    /// so that one plan's computation does not hold up another plan's page) and kept.
    nonisolated func explanation(planID: UUID, stamp: Stamp, problem: RoadmapProblem, schedule: RoadmapSchedule) async -> RoadmapExplanation {
        if let stored = await lookup(planID: planID, stamp: stamp, problem: problem, schedule: schedule) { return stored }
        let explanation = RoadmapExplanation.explain(schedule, in: problem)
        await store(planID: planID, Entry(stamp: stamp, problem: problem, schedule: schedule, explanation: explanation))
        return explanation
    }

    /// Forgets a plan's entry (not needed for correctness: a change shows in the stamp or the problem).
    func forget(planID: UUID) { entries.remove(planID) }

    var count: Int { entries.count }

    private func lookup(planID: UUID, stamp: Stamp, problem: RoadmapProblem, schedule: RoadmapSchedule) -> RoadmapExplanation? {
        guard let entry = entries.value(planID), entry.stamp == stamp, entry.schedule == schedule, entry.problem == problem else { return nil }
        reuses += 1
        return entry.explanation
    }

    private func store(planID: UUID, _ entry: Entry) {
        computations += 1
        entries.store(planID, entry)
    }
}

extension Application {
    private struct PlanAnalysisCacheKey: StorageKey { typealias Value = PlanAnalysisCache }

    /// Set once in `configure`, before the server accepts requests.
    var planAnalysisCache: PlanAnalysisCache {
        get { storage[PlanAnalysisCacheKey.self] ?? PlanAnalysisCache() }
        set { storage[PlanAnalysisCacheKey.self] = newValue }
    }
}
