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

    static func load(_ round: PrioritizationRound, criteria: [RoundCriterion], frameVersion: Int, today: String,
                     on db: any Database) async throws -> RoundDataStamp {
        let roundID = try round.requireID()
        var stamp = RoundDataStamp(
            roundID: roundID, roundVersion: round.version,
            settings: [round.status, round.aggregation, round.weighting, String(round.topN), String(round.legalDeadlineFirst),
                       String(round.inheritUrgency), round.missingPolicy ?? "", round.openedAt.map { String($0.timeIntervalSince1970) } ?? "",
                       round.closedAt.map { String($0.timeIntervalSince1970) } ?? ""],
            criteria: criteria.map { "\($0.id?.uuidString ?? "")|\($0.key)|\($0.weight)|\($0.position)|\($0.name)|\($0.levels)|\($0.source)|\($0.direction)" },
            frameVersion: frameVersion, today: today, ratings: 0, ratingsChangedAt: nil, projects: 0, versions: 0, decisions: 0)
        guard let sql = db as? any SQLDatabase else { return stamp }
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM ratings WHERE round_id = \(bind: roundID)) AS ratings,
                   (SELECT MAX(updated_at) FROM ratings WHERE round_id = \(bind: roundID)) AS changed,
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

/// A round's evaluation (every score aggregated, the profiles' facts, the derived criteria) and what the result
/// pages compute from it — provisional ranking, the ranking of a scenario's changes, the sensitivity figures —
/// kept per round while its `RoundDataStamp` is unchanged. For a 500-project round rated by 10 raters, reading
/// and aggregating 30,000 scores was most of each page's time; now a page reads the stamp and reuses the rest.
/// A closed round's stamp no longer changes (its scores and scope are fixed), so its figures are computed once.
/// Per application (`app.roundResultsCache`), bounded: the least recently used round goes first.
actor RoundResultsCache {
    private struct Entry: Sendable {
        var stamp: RoundDataStamp
        var evaluation: RoundEvaluation
        var memo: [String: any Sendable]
    }

    private let entries: LRUCache<UUID, Entry>
    /// How often an evaluation was loaded from the database, and how often a kept one was used.
    private(set) var loads = 0
    private(set) var reuses = 0

    init(capacity: Int = 16) { entries = LRUCache(capacity: max(1, capacity)) }

    /// The round's evaluation as the data stands: the kept one when the stamp is unchanged, else loaded and kept.
    nonisolated func evaluation(_ round: PrioritizationRound, context: MunicipalityContext, on db: any Database) async throws
        -> (RoundEvaluation, RoundDataStamp) {
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$position).sort(\.$key).all()
        let stamp = try await RoundDataStamp.load(round, criteria: criteria, frameVersion: context.municipality.frameVersion,
                                                  today: context.calendar.today.iso, on: db)
        if let kept = await lookup(stamp) { return (kept, stamp) }
        let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
        await store(stamp, evaluation)
        return (evaluation, stamp)
    }

    /// A value computed from the evaluation of `stamp` (e.g. "ranking|provisional"), computed once per stamp.
    nonisolated func value<T: Sendable>(_ stamp: RoundDataStamp, _ key: String, compute: @Sendable () throws -> T) async throws -> T {
        try await value(stamp, key, computeAsync: { try compute() })
    }

    /// The same, for a computation that runs elsewhere (the Monte-Carlo run goes to the thread pool).
    nonisolated func value<T: Sendable>(_ stamp: RoundDataStamp, _ key: String, computeAsync: @Sendable () async throws -> T) async throws -> T {
        if let kept = await memo(stamp, key) as? T { return kept }
        let value = try await computeAsync()
        await keep(stamp, key, value)
        return value
    }

    var count: Int { entries.count }

    private func current(_ stamp: RoundDataStamp) -> Entry? {
        guard let entry = entries.value(stamp.roundID), entry.stamp == stamp else { return nil }
        return entry
    }

    private func lookup(_ stamp: RoundDataStamp) -> RoundEvaluation? {
        guard let entry = current(stamp) else { return nil }
        reuses += 1
        return entry.evaluation
    }

    private func store(_ stamp: RoundDataStamp, _ evaluation: RoundEvaluation) {
        loads += 1
        entries.store(stamp.roundID, Entry(stamp: stamp, evaluation: evaluation, memo: [:]))
    }

    private func memo(_ stamp: RoundDataStamp, _ key: String) -> (any Sendable)? { current(stamp)?.memo[key] }

    private func keep(_ stamp: RoundDataStamp, _ key: String, _ value: any Sendable) {
        guard var entry = current(stamp) else { return }
        // A round's memo stays small: a few rankings and sensitivity runs; the oldest keys go first beyond 16.
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
