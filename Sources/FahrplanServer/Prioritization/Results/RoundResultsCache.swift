import FahrplanCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// What a round's figures depend on, read in two small queries instead of the round's every score: the round's
/// settings and criteria (with weights), the number of scores and the time of the latest one (a new, changed or
/// deleted score changes one of them: every write sets `updated_at`, a deletion lowers the count), the scope's size,
/// the official versions and decisions (closing, adopting, overriding), and the municipality's `frame_version`
/// (raised by every audited change of a project's profile or the economic settings the derived criteria use).
/// This is the round's "ratings version": equal stamps mean equal inputs.
struct RoundDataStamp: Hashable, Sendable {
    var roundID: UUID
    var roundVersion: Int
    var settings: [String]
    var criteria: [String]
    var frameVersion: Int
    var today: String
    var ratings: Int
    var ratingsChangedAt: Double?
    var projects: Int
    var versions: Int
    var decisions: Int

    /// `ratings: false` leaves the scores out (their count and latest change stay 0): the stamp of what the
    /// profile-derived figures depend on, which a new score does not change.
    static func load(_ round: PrioritizationRound, criteria: [RoundCriterion], frameVersion: Int, today: String,
                     ratings: Bool = true, on db: any Database) async throws -> RoundDataStamp {
        let roundID = try round.requireID()
        var stamp = RoundDataStamp(
            roundID: roundID, roundVersion: round.version,
            settings: [round.status, round.aggregation, round.weighting, String(round.topN), String(round.legalDeadlineFirst),
                       String(round.inheritUrgency), round.missingPolicy ?? "", round.openedAt.map { String($0.timeIntervalSince1970) } ?? "",
                       round.closedAt.map { String($0.timeIntervalSince1970) } ?? ""],
            criteria: criteria.map { "\($0.id?.uuidString ?? "")|\($0.key)|\($0.weight)|\($0.position)|\($0.name)|\($0.levels)|\($0.source)|\($0.direction)" },
            frameVersion: frameVersion, today: today, ratings: 0, ratingsChangedAt: nil, projects: 0, versions: 0, decisions: 0)
        guard let sql = db as? any SQLDatabase else { return stamp }
        // COUNT and MAX read the index (round_id, updated_at) of migration 033 only; before it they read all of the
        // round's 30,000 score rows from the table on every request (a third to two fifths of the ranking's and
        // the sensitivity page's time under load).
        let scores: SQLQueryString = ratings ? """
            (SELECT COUNT(*) FROM ratings WHERE round_id = \(bind: roundID)) AS ratings,
                   (SELECT MAX(updated_at) FROM ratings WHERE round_id = \(bind: roundID)) AS changed,
            """ : "0 AS ratings, NULL AS changed,"
        let row = try await sql.raw("""
            SELECT \(scores)
                   (SELECT COUNT(*) FROM round_projects WHERE round_id = \(bind: roundID)) AS projects,
                   (SELECT COUNT(*) FROM ranking_versions WHERE round_id = \(bind: roundID)) AS versions,
                   (SELECT COUNT(*) FROM decisions WHERE round_id = \(bind: roundID)) AS decisions
            """).first()
        guard let row else { return stamp }
        stamp.ratings = try row.decode(column: "ratings", as: Int.self)
        stamp.ratingsChangedAt = try row.decode(column: "changed", as: Date?.self)?.timeIntervalSince1970
        stamp.projects = try row.decode(column: "projects", as: Int.self)
        stamp.versions = try row.decode(column: "versions", as: Int.self)
        stamp.decisions = try row.decode(column: "decisions", as: Int.self)
        return stamp
    }
}

/// A round's evaluation (every score aggregated, the profiles' facts, the derived criteria) and what the pages
/// compute from it — provisional ranking, the ranking of a scenario's changes, the sensitivity figures, the
/// raters' progress — kept per round while its `RoundDataStamp` is unchanged. For a 500-project round rated by
/// 10 raters, reading and aggregating 30,000 scores was most of each page's time; now a page reads the stamp and
/// reuses the rest. A closed round's stamp no longer changes (its scores and scope are fixed), so its figures are
/// computed once. Per application (`app.roundResultsCache`), bounded: the least recently used round goes first.
///
/// Concurrent requests that miss wait for one computation (16 connections on a cold round used to load the
/// 30,000 scores 16 times at once: seconds per request and 150 MB more resident memory). The rater's page uses
/// `profileEvaluation`, which leaves the scores out and is therefore not made stale by every saved score.
actor RoundResultsCache {
    private struct Entry: Sendable {
        var stamp: RoundDataStamp
        /// Loaded on the first request that needs it; the memo can hold values (progress) without it.
        var evaluation: RoundEvaluation?
        var memo: [String: any Sendable]
    }

    private struct Fragment: @unchecked Sendable {
        // Only Sendable values are put in (`fragment` takes a Sendable T).
        var value: Any
    }

    private struct Work: Hashable, Sendable {
        var stamp: RoundDataStamp
        var key: String
    }

    private let entries: LRUCache<UUID, Entry>
    /// Parts of pages rendered from a round's data (a page of the ranking, a rater's page of projects), keyed by the
    /// stamp they were rendered from: a stale one is never found again and ages out. About 50 KB each.
    private let fragments: LRUCache<Work, Fragment>
    /// Rounds' evaluations without scores (profile facts and derived criteria), keyed by the stamp without scores.
    private let profiles: LRUCache<UUID, Entry>
    private var running: [Work: Task<any Sendable, any Error>] = [:]
    /// How often a round's evaluation (with its scores) was loaded from the database, and how often a kept one was used.
    private(set) var loads = 0
    private(set) var reuses = 0

    /// `capacity` rounds: 16 were too few for an installation of many municipalities — at 1,000 municipalities with
    /// requests spread over 40 of them (benchmarks/scale-http.sh, session 28) the round and ranking pages recomputed
    /// the evaluation on most requests (127 -> 45 req/s against 10 municipalities). A round of 100 projects and 3
    /// raters keeps well under a megabyte. The rendered fragments (about 50 KB each) stay bounded at 256.
    init(capacity: Int = 64, fragmentCapacity: Int = 256) {
        entries = LRUCache(capacity: max(1, capacity))
        fragments = LRUCache(capacity: max(1, fragmentCapacity))
        profiles = LRUCache(capacity: max(1, capacity))
    }

    /// The round's current stamp: its criteria and one small query. `criteria`: the round's criteria when the caller
    /// has just read them (in the order of `RoundService.criteria(of:)`), so that they are not read twice.
    nonisolated func stamp(_ round: PrioritizationRound, context: MunicipalityContext, ratings: Bool = true,
                           criteria known: [RoundCriterion]? = nil, on db: any Database) async throws -> RoundDataStamp {
        let criteria: [RoundCriterion]
        if let known { criteria = known } else { criteria = try await RoundService.criteria(of: round, on: db) }
        return try await RoundDataStamp.load(round, criteria: criteria, frameVersion: context.municipality.frameVersion,
                                             today: context.calendar.today.iso, ratings: ratings, on: db)
    }

    /// The round's evaluation as the data stand: the kept one when the stamp is unchanged, else loaded and kept.
    nonisolated func evaluation(_ round: PrioritizationRound, context: MunicipalityContext, on db: any Database) async throws
        -> (RoundEvaluation, RoundDataStamp) {
        let stamp = try await stamp(round, context: context, on: db)
        return (try await evaluation(round, stamp: stamp, context: context, on: db), stamp)
    }

    nonisolated func evaluation(_ round: PrioritizationRound, stamp: RoundDataStamp, context: MunicipalityContext, on db: any Database) async throws -> RoundEvaluation {
        if let kept = await lookup(stamp, profile: false) { return kept }
        let calendar = context.calendar
        let loaded = try await shared(stamp, "evaluation") { [weak self] in
            await self?.counted()
            return try await RoundEvaluation.load(round, on: db, calendar: calendar)
        }
        await store(stamp, loaded, profile: false)
        return loaded
    }

    /// The round's projects with their profile facts and derived criteria, without reading a single score: what
    /// the rater's page shows beside the form. Stale only when settings, criteria, scope or profiles change.
    nonisolated func profileEvaluation(_ round: PrioritizationRound, context: MunicipalityContext, on db: any Database) async throws -> RoundEvaluation {
        let stamp = try await stamp(round, context: context, ratings: false, on: db)
        if let kept = await lookup(stamp, profile: true) { return kept }
        let calendar = context.calendar
        let loaded = try await shared(stamp, "profile") { try await RoundEvaluation.load(round, on: db, calendar: calendar, ratings: false) }
        await store(stamp, loaded, profile: true)
        return loaded
    }

    /// A value computed from the data of `stamp` (e.g. "provisional|false"), computed once per stamp.
    nonisolated func value<T: Sendable>(_ stamp: RoundDataStamp, _ key: String, compute: @escaping @Sendable () throws -> T) async throws -> T {
        try await value(stamp, key, computeAsync: { try compute() })
    }

    /// The same, for a computation that awaits (the Monte-Carlo run goes to the thread pool, progress is a query).
    nonisolated func value<T: Sendable>(_ stamp: RoundDataStamp, _ key: String, computeAsync: @escaping @Sendable () async throws -> T) async throws -> T {
        if let entry = await memo(stamp, key), let kept = entry as? T { return kept }
        let value = try await shared(stamp, key, computeAsync)
        await keep(stamp, key, value)
        return value
    }

    /// A part of a page computed (and rendered) once per stamp and key, kept apart from the round's memo so that
    /// many pages and raters do not push out the round's rankings.
    nonisolated func fragment<T: Sendable>(_ stamp: RoundDataStamp, _ key: String, compute: @escaping @Sendable () async throws -> T) async throws -> T {
        let work = Work(stamp: stamp, key: key)
        // Unwrapped before the cast: a missing entry cast to an optional T would be "found".
        if let entry = fragments.value(work), let kept = entry.value as? T { return kept }
        let value = try await shared(stamp, "fragment|" + key, compute)
        fragments.store(work, Fragment(value: value))
        return value
    }

    var count: Int { entries.count }

    /// One computation per stamp and key at a time; whoever asks meanwhile waits for it.
    private nonisolated func shared<T: Sendable>(_ stamp: RoundDataStamp, _ key: String, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = await start(Work(stamp: stamp, key: key)) { try await work() }
        let result = try await task.value
        guard let typed = result as? T else { return try await work() }
        return typed
    }

    private func start(_ work: Work, _ body: @escaping @Sendable () async throws -> any Sendable) -> Task<any Sendable, any Error> {
        if let task = running[work] { return task }
        let task = Task.detached { try await body() }
        running[work] = task
        Task { [weak self] in
            _ = try? await task.value
            await self?.finished(work)
        }
        return task
    }

    private func finished(_ work: Work) { running[work] = nil }

    private func counted() { loads += 1 }

    private func current(_ stamp: RoundDataStamp, profile: Bool) -> Entry? {
        guard let entry = (profile ? profiles : entries).value(stamp.roundID), entry.stamp == stamp else { return nil }
        return entry
    }

    private func lookup(_ stamp: RoundDataStamp, profile: Bool) -> RoundEvaluation? {
        guard let evaluation = current(stamp, profile: profile)?.evaluation else { return nil }
        reuses += 1
        return evaluation
    }

    private func store(_ stamp: RoundDataStamp, _ evaluation: RoundEvaluation, profile: Bool) {
        var entry = current(stamp, profile: profile) ?? Entry(stamp: stamp, evaluation: nil, memo: [:])
        guard entry.evaluation == nil else { return }
        entry.evaluation = evaluation
        (profile ? profiles : entries).store(stamp.roundID, entry)
    }

    private func memo(_ stamp: RoundDataStamp, _ key: String) -> (any Sendable)? { current(stamp, profile: false)?.memo[key] }

    private func keep(_ stamp: RoundDataStamp, _ key: String, _ value: any Sendable) {
        // The stamp was read by this request, so it is the round's current one: it replaces an older entry.
        var entry = current(stamp, profile: false) ?? Entry(stamp: stamp, evaluation: nil, memo: [:])
        // A round's memo stays small: a few rankings, sensitivity runs and counts; beyond 16 it starts afresh.
        if entry.memo.count >= 16 { entry.memo = [:] }
        entry.memo[key] = value
        entries.store(stamp.roundID, entry)
    }
}

extension Application {
    private struct RoundResultsCacheKey: StorageKey { typealias Value = RoundResultsCache }

    /// Set once in `configure`, before the server accepts requests.
    var roundResultsCache: RoundResultsCache {
        get { storage[RoundResultsCacheKey.self] ?? RoundResultsCache() }
        set { storage[RoundResultsCacheKey.self] = newValue }
    }
}
