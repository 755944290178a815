import FahrplanCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The write path of Quick-Check answers: one writer per application commits every answer that is waiting in ONE
/// transaction and only then answers each waiting request with its own outcome.
///
/// Why: on SQLite (WAL, synchronous=FULL) each commit syncs the disk, so requests that commit alone reach a few
/// dozen per second; the issue asks for 500 per second, each durable when acknowledged. While one batch commits,
/// the next requests queue; the following batch takes all of them, so the cost of a sync is shared by everybody
/// who arrived during the previous one (group commit). On PostgreSQL the same path saves round trips.
///
/// Rules of a batch (`apply`): a submission key already stored for the round, or seen earlier in the same batch,
/// is "already received" and counted once; an invitation token is claimed with a conditional
/// `UPDATE … SET used = true WHERE used = false`, so of two answers with the same token — in one batch, in two,
/// or in two processes — exactly one is stored; the rows are inserted with one statement. Answers are validated
/// before they get here; should the batch still fail (a key inserted by another process in between, a lost
/// connection), every answer is retried in its own transaction, so one bad row cannot sink the others.
final class SurveySubmissionWriter: Sendable {
    struct Submission: Sendable {
        var municipalityID: UUID
        var roundID: UUID
        var submissionKey: String
        var levels: String
        var groups: String?
        var freeTexts: String?
        var receivedOn: String
        /// SHA-256 of the invitation token the answer came with; nil on a public link.
        var invitationHash: String?
    }

    enum Outcome: Sendable, Equatable {
        case stored, alreadyReceived, tokenUsed
    }

    private struct Waiting: Sendable {
        var submission: Submission
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
        var writing = false
        var batches = 0
        var largestBatch = 0
    }

    /// Large enough for any burst one process sees; a bound keeps one transaction's statement sizes sane.
    static let maximumBatch = 2_000

    private let state = NIOLockedValueBox(State())
    private let database: @Sendable () -> any Database
    private let logger: Logger

    init(database: @escaping @Sendable () -> any Database, logger: Logger) {
        self.database = database; self.logger = logger
    }

    /// Batches written so far and the largest, for tests and the benchmark's log.
    var statistics: (batches: Int, largest: Int) { state.withLockedValue { ($0.batches, $0.largestBatch) } }

    /// Queues the answer and returns once the transaction holding it has committed (or failed).
    func submit(_ submission: Submission) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLockedValue { state -> Bool in
                state.waiting.append(Waiting(submission: submission, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if start { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLockedValue { state -> [Waiting] in
                guard !state.waiting.isEmpty else {
                    state.writing = false
                    return []
                }
                let batch = Array(state.waiting.prefix(Self.maximumBatch))
                state.waiting.removeFirst(batch.count)
                state.batches += 1
                state.largestBatch = max(state.largestBatch, batch.count)
                return batch
            }
            guard !batch.isEmpty else { return }
            let outcomes = await write(batch.map(\.submission))
            for (waiting, outcome) in zip(batch, outcomes) {
                waiting.continuation.resume(with: outcome)
            }
        }
    }

    private func write(_ submissions: [Submission]) async -> [Result<Outcome, any Error>] {
        let db = database()
        do {
            return try await db.writeTransaction { db in try await Self.apply(submissions, on: db) }.map { .success($0) }
        } catch {
            guard submissions.count > 1 else { return [.failure(error)] }
            logger.warning("survey batch failed, retrying its answers one by one", metadata: ["count": "\(submissions.count)", "error": "\(String(reflecting: error))"])
            var results: [Result<Outcome, any Error>] = []
            for submission in submissions {
                do {
                    let outcome = try await db.writeTransaction { db in try await Self.apply([submission], on: db) }
                    results.append(.success(outcome[0]))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// Writes a batch inside the caller's transaction and returns each submission's outcome, in order.
    static func apply(_ submissions: [Submission], on db: any Database) async throws -> [Outcome] {
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.badRequest("SQL database required") }
        var seen: Set<String> = []
        for (roundID, group) in Dictionary(grouping: submissions, by: \.roundID) {
            for chunk in Array(Set(group.map(\.submissionKey))).chunked(into: 500) {
                let rows = try await sql.select().column("submission_key").from(MaturityResponseRecord.schema)
                    .where("round_id", .equal, SQLBind(roundID)).where("submission_key", .in, SQLBind.group(Array(chunk))).all()
                for row in rows { seen.insert("\(roundID.uuidString) \(try row.decode(column: "submission_key", as: String.self))") }
            }
        }
        var outcomes: [Outcome] = []
        var stored: [Submission] = []
        for submission in submissions {
            let key = "\(submission.roundID.uuidString) \(submission.submissionKey)"
            if seen.contains(key) { outcomes.append(.alreadyReceived); continue }
            if let hash = submission.invitationHash {
                let claimed = try await sql.update(MaturityInvitationRecord.schema).set("used", to: SQLBind(true))
                    .where("token_hash", .equal, SQLBind(hash)).where("round_id", .equal, SQLBind(submission.roundID))
                    .where("used", .equal, SQLBind(false)).returning("id").all()
                if claimed.isEmpty { outcomes.append(.tokenUsed); continue }
            }
            seen.insert(key)
            stored.append(submission)
            outcomes.append(.stored)
        }
        // 8 values a row: well below SQLite's 32,766 binds per statement.
        for chunk in stored.chunked(into: 1_000) {
            var insert = sql.insert(into: MaturityResponseRecord.schema)
                .columns("id", "municipality_id", "round_id", "submission_key", "levels", "groups", "free_texts", "received_on")
            for row in chunk {
                insert = insert.values(SQLBind(UUID()), SQLBind(row.municipalityID), SQLBind(row.roundID), SQLBind(row.submissionKey),
                                       SQLBind(row.levels), row.groups.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                                       row.freeTexts.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null, SQLBind(row.receivedOn))
            }
            try await insert.run()
        }
        return outcomes
    }
}

/// How many answers an address may send into a round (`SurveyRateLimit`, `FAHRPLAN_SURVEY_RATE_LIMIT` and
/// `FAHRPLAN_SURVEY_RATE_WINDOW`), counted in memory.
final class SurveyRateLimiter: Sendable {
    private let counter: NIOLockedValueBox<SlidingWindowCounter>

    init(policy: SurveyRateLimit) { counter = NIOLockedValueBox(SlidingWindowCounter(policy: policy)) }

    func attempt(address: String, scope: String, now: Date = Date()) -> SlidingWindowCounter.Decision {
        counter.withLockedValue { $0.attempt("\(address) \(scope)", now: now.timeIntervalSince1970) }
    }
}

extension Application {
    private struct SurveyWriterKey: StorageKey { typealias Value = SurveySubmissionWriter }
    private struct SurveyLimiterKey: StorageKey { typealias Value = SurveyRateLimiter }

    /// Set once in `configure` (before any request), so requests only read it.
    var surveySubmissionWriter: SurveySubmissionWriter {
        get {
            guard let writer = storage[SurveyWriterKey.self] else { fatalError("configure() sets the survey writer") }
            return writer
        }
        set { storage[SurveyWriterKey.self] = newValue }
    }

    var surveyRateLimiter: SurveyRateLimiter {
        get {
            guard let limiter = storage[SurveyLimiterKey.self] else { fatalError("configure() sets the survey rate limiter") }
            return limiter
        }
        set { storage[SurveyLimiterKey.self] = newValue }
    }

    /// The survey's write path and rate limit, made once per application.
    func configureSurveys(limit: SurveyRateLimit) {
        let databases = self.databases
        let group = eventLoopGroup
        let logger = self.logger
        surveySubmissionWriter = SurveySubmissionWriter(database: { databases.database(logger: logger, on: group.any())! }, logger: logger)
        surveyRateLimiter = SurveyRateLimiter(policy: limit)
        surveyQuestionnaires = SurveyQuestionnaireCache()
        maturityResultsCaches = MaturityResultsCaches()
    }
}
