import FahrplanCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The solves running in this process, one per plan at most. A solve runs on the thread pool, never on an event
/// loop, so the server keeps answering while it searches; the page and the API read its progress from here.
/// Kept in memory on purpose: a restart forgets a running solve, and the stored result stays the last finished one.
actor PlanSolveJobs {
    enum State: String, Sendable, Codable {
        case running, finished, failed
    }

    struct Status: Sendable {
        var state: State
        var progress: RoadmapProgress
        var startedAt: Date
        var message: String?
    }

    /// Written from the solver's thread without hopping onto the actor for every report.
    final class ProgressBox: @unchecked Sendable {
        private let lock = NIOLock()
        private var value = RoadmapProgress(objective: nil, bound: nil, nodes: 0, fractionDone: 0)
        func set(_ progress: RoadmapProgress) { lock.withLock { value = progress } }
        func get() -> RoadmapProgress { lock.withLock { value } }
    }

    private struct Job {
        var box: ProgressBox
        var state: State
        var startedAt: Date
        var message: String?
    }

    private var jobs: [UUID: Job] = [:]

    /// Registers a new solve of the plan; false when one is already running.
    func begin(_ planID: UUID, box: ProgressBox) -> Bool {
        if jobs[planID]?.state == .running { return false }
        jobs[planID] = Job(box: box, state: .running, startedAt: Date())
        return true
    }

    func finish(_ planID: UUID, failure: String? = nil) {
        jobs[planID]?.state = failure == nil ? .finished : .failed
        jobs[planID]?.message = failure
    }

    func status(_ planID: UUID) -> Status? {
        jobs[planID].map { Status(state: $0.state, progress: $0.box.get(), startedAt: $0.startedAt, message: $0.message) }
    }

    /// Waits (without blocking a thread) until the plan has no running solve; for tests and shutdown.
    func waitUntilIdle(_ planID: UUID) async {
        while jobs[planID]?.state == .running { try? await Task.sleep(nanoseconds: 20_000_000) }
    }
}

extension Application {
    private struct PlanSolveJobsKey: StorageKey { typealias Value = PlanSolveJobs }

    /// Set once in `configure`, before the server accepts requests.
    var planSolveJobs: PlanSolveJobs {
        get { storage[PlanSolveJobsKey.self] ?? PlanSolveJobs() }
        set { storage[PlanSolveJobsKey.self] = newValue }
    }
}
