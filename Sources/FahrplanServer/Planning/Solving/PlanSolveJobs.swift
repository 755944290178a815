import FahrplanCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The solves running in this process, one per plan at most. A solve runs on the thread pool, never on an event
/// loop, so the server keeps answering while it searches; the page and the API read its progress from here.
/// Kept in memory on purpose: a restart forgets a running solve, and the stored result stays the last finished one.
/// When the application shuts down, `shutdown()` asks every running solve to stop and waits for it, so no job
/// reaches for the database after it is gone.
actor PlanSolveJobs {
    enum State: String, Sendable, Codable {
        case running, finished, failed
    }

    /// Why a solve ended without storing (all of) its work.
    enum Failure: String, Sendable {
        /// The plan was changed while the solve ran; its result would have overwritten that change.
        case planChanged
        /// The application shut down while the solve ran.
        case cancelled
        /// Anything else (logged).
        case failed

        func message(_ language: Language) -> String {
            switch (self, language) {
            case (.planChanged, .de): "Der Plan wurde während der Berechnung geändert – bitte neu berechnen."
            case (.planChanged, .en): "The plan was changed while it was being optimized – please optimize it again."
            case (.cancelled, .de): "Die Berechnung wurde abgebrochen, weil der Server beendet wurde – bitte neu berechnen."
            case (.cancelled, .en): "The optimization was cancelled because the server shut down – please optimize again."
            case (.failed, .de): "Die Berechnung ist fehlgeschlagen."
            case (.failed, .en): "The optimization failed."
            }
        }
    }

    /// What the job is doing: the plan's own solve, then the efficient frontier one budget level after another.
    enum Stage: Sendable, Equatable {
        case solving
        case frontier(done: Int, of: Int)

        func label(_ language: Language) -> String {
            switch (self, language) {
            case (.solving, .de): "Optimierung"
            case (.solving, .en): "Optimization"
            case (.frontier(let done, let total), .de): "Effizienzgrenze \(done)/\(total)"
            case (.frontier(let done, let total), .en): "Efficient frontier \(done)/\(total)"
            }
        }
    }

    struct Status: Sendable {
        var state: State
        var progress: RoadmapProgress
        var startedAt: Date
        var failure: Failure? = nil
        var stage: Stage = .solving

        func message(_ language: Language) -> String? { failure?.message(language) }
    }

    /// Written from the solver's thread without hopping onto the actor for every report; also carries the
    /// request to stop, which the solver polls.
    final class ProgressBox: @unchecked Sendable {
        private let lock = NIOLock()
        private var value = RoadmapProgress(objective: nil, bound: nil, nodes: 0, fractionDone: 0)
        private var currentStage = Stage.solving
        private var cancelled = false
        func set(_ progress: RoadmapProgress) { lock.withLock { value = progress } }
        func get() -> RoadmapProgress { lock.withLock { value } }
        func set(stage: Stage) { lock.withLock { currentStage = stage } }
        var stage: Stage { lock.withLock { currentStage } }
        func cancel() { lock.withLock { cancelled = true } }
        var isCancelled: Bool { lock.withLock { cancelled } }
    }

    private struct Job {
        var box: ProgressBox
        var state: State
        var startedAt: Date
        var failure: Failure?
        var task: Task<Void, Never>?
    }

    private var jobs: [UUID: Job] = [:]
    private var closed = false

    /// Registers a new solve of the plan and starts `work` for it; false when one is already running (the caller
    /// joins it) or the application is shutting down (then the plan's status says so).
    func begin(_ planID: UUID, box: ProgressBox, work: @escaping @Sendable () async -> Void) -> Bool {
        if jobs[planID]?.state == .running { return false }
        if closed {
            jobs[planID] = Job(box: box, state: .failed, startedAt: Date(), failure: .cancelled)
            return false
        }
        // Created inside the actor, so that `shutdown()` always finds the task of every running job.
        jobs[planID] = Job(box: box, state: .running, startedAt: Date(), task: Task.detached { await work() })
        return true
    }

    func finish(_ planID: UUID, failure: Failure? = nil) {
        jobs[planID]?.state = failure == nil ? .finished : .failed
        jobs[planID]?.failure = failure
    }

    func status(_ planID: UUID) -> Status? {
        jobs[planID].map { Status(state: $0.state, progress: $0.box.get(), startedAt: $0.startedAt, failure: $0.failure, stage: $0.box.stage) }
    }

    /// Waits (without blocking a thread) until the plan has no running solve; for tests.
    func waitUntilIdle(_ planID: UUID) async {
        while jobs[planID]?.state == .running { try? await Task.sleep(nanoseconds: 20_000_000) }
    }

    /// Refuses new solves, asks every running one to stop (the optimizer polls the box and returns its best
    /// schedule so far, which the job then does not store) and waits until each has ended.
    func shutdown() async {
        closed = true
        let running = jobs.values.filter { $0.state == .running }
        for job in running {
            job.box.cancel()
            job.task?.cancel()
        }
        for job in running { await job.task?.value }
    }
}

/// Stops the running solves before the application's database and thread pool go away.
struct CancelPlanSolves: LifecycleHandler {
    let jobs: PlanSolveJobs

    func shutdownAsync(_ application: Application) async {
        await jobs.shutdown()
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
