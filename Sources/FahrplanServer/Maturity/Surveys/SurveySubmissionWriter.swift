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
        /// The round's and its questionnaire's edit versions the answer was checked against (the answer path
        /// keeps what a public link opens for up to a second, `SurveyTargetCache`). When the stored ones differ —
        /// the round was closed early, edited or archived, or its questionnaire edited since — the answer is
        /// `roundChanged`, not stored, and the caller checks it again against the current round. nil: no check.
        var roundVersion: Int? = nil
        var questionnaireVersion: Int? = nil
    }

    enum Outcome: Sendable, Equatable {
        case stored, alreadyReceived, tokenUsed, roundChanged
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
        let changed = try await changedRounds(submissions, on: sql)
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
            if changed.contains(submission.roundID) { outcomes.append(.roundChanged); continue }
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
        // Each stored answer gets the next number of its round (`AddResponseSequence`), so results read only what is new.
        var next: [UUID: Int64] = [:]
        // With the municipality, so that on a database distributed by municipality (Citus) the query reaches its nodes only.
        let municipalities: [any Encodable & Sendable] = Array(Set(stored.map(\.municipalityID)))
        for chunk in Array(Set(stored.map(\.roundID))).chunked(into: 400) {
            let ids: [any Encodable & Sendable] = Array(chunk)
            for row in try await sql.raw("""
                SELECT round_id, MAX(seq) AS top FROM maturity_responses
                WHERE municipality_id IN (\(binds: municipalities)) AND round_id IN (\(binds: ids)) GROUP BY round_id
                """).all() {
                next[try row.decode(column: "round_id", as: UUID.self)] = (try row.decode(column: "top", as: Int64?.self) ?? 0) + 1
            }
        }
        // 9 values a row: well below SQLite's 32,766 binds per statement.
        for chunk in stored.chunked(into: 1_000) {
            var insert = sql.insert(into: MaturityResponseRecord.schema)
                .columns("id", "municipality_id", "round_id", "submission_key", "levels", "groups", "free_texts", "received_on", "seq")
            for row in chunk {
                let seq = next[row.roundID, default: 1]
                next[row.roundID] = seq + 1
                insert = insert.values(SQLBind(UUID()), SQLBind(row.municipalityID), SQLBind(row.roundID), SQLBind(row.submissionKey),
                                       SQLBind(row.levels), row.groups.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                                       row.freeTexts.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null, SQLBind(row.receivedOn),
                                       SQLBind(seq))
            }
            try await insert.run()
        }
        return outcomes
    }

    /// Rounds of the batch whose submissions were checked against versions that are no longer stored (or that
    /// were archived). Read inside the batch's transaction, so a round closed early takes no answer after the
    /// close committed, however long the answer path kept the round.
    static func changedRounds(_ submissions: [Submission], on sql: any SQLDatabase) async throws -> Set<UUID> {
        var expected: [UUID: (round: Int, questionnaire: Int?)] = [:]
        for submission in submissions { if let version = submission.roundVersion { expected[submission.roundID] = (version, submission.questionnaireVersion) } }
        guard !expected.isEmpty else { return [] }
        let ids: [any Encodable & Sendable] = Array(expected.keys)
        let rows = try await sql.raw("""
            SELECT r.id AS id, r.version AS version, CASE WHEN r.archived_at IS NULL THEN 0 ELSE 1 END AS archived, q.version AS questionnaire_version
            FROM maturity_rounds r JOIN maturity_questionnaires q ON q.id = r.questionnaire_id AND q.municipality_id = r.municipality_id
            WHERE r.id IN (\(binds: ids))
            """).all()
        var current: Set<UUID> = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let want = expected[id], try row.decode(column: "archived", as: Int.self) == 0,
                  try row.decode(column: "version", as: Int.self) == want.round else { continue }
            if let questionnaire = want.questionnaire, try row.decode(column: "questionnaire_version", as: Int.self) != questionnaire { continue }
            current.insert(id)
        }
        return Set(expected.keys).subtracting(current)
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
        // Tests see every edit at once; the ones about the cache install their own with a clock that stands still.
        surveyTargets = SurveyTargetCache(lifetime: environment == .testing ? 0 : Double(fahrplanConfiguration.surveyLinkCacheSeconds))
        maturityResultsCaches = MaturityResultsCaches()
    }
}
