import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Results of Quick-Check rounds and Potenzialchecks for the pages, the exports and the API: one place that
/// applies the anonymity promise (the core's `MaturityBreakdown`: k from the round, difference protection), so no
/// caller can show a figure the rule withholds.
struct MaturityResultsService {
    var db: any Database
    var context: MunicipalityContext
    var caches: MaturityResultsCaches = .none

    var load: MaturityResultsLoad { MaturityResultsLoad(db: db, context: context, caches: caches) }

    /// A breakdown with the labels people read: department names instead of the ids the answers store.
    struct LabeledBreakdown: Sendable {
        var question: GroupingQuestion
        var breakdown: MaturityBreakdown
        /// Option (as stored) → label.
        var labels: [String: String]

        func label(_ option: String) -> String { labels[option] ?? option }
    }

    /// One round's results. `total` is suppressed when the round has fewer than k responses.
    struct RoundResults: Sendable {
        var loaded: LoadedRound
        var total: MaturityGroupOutcome
        var breakdown: LabeledBreakdown?
        /// The total's free texts per question, sorted (never in order of arrival); empty when the total is withheld.
        var freeTexts: [[String]]

        var results: MaturityResults? { total.results }
        var responseCount: Int { loaded.responseCount }
    }

    /// A round in the trend: its results when shown, else nil (fewer than k responses).
    struct TrendPoint: Sendable {
        var round: MaturityRoundRecord
        var id: UUID
        var responseCount: Int
        var results: MaturityResults?
    }

    // MARK: rounds

    /// The round's results, with the breakdown by one grouping question when `groupingKey` names one.
    /// An unknown key is the field problem `group` (`invalidChoice`).
    func results(_ round: MaturityRoundRecord, groupingKey: String? = nil) async throws -> RoundResults {
        let loaded = try await load.load(round)
        return try await results(loaded, groupingKey: groupingKey)
    }

    /// Computed once per round state (`MaturityResultsCaches`): later requests for the same responses, k and
    /// questionnaire only look the figures up; a new answer changes the state and so computes afresh.
    func results(_ loaded: LoadedRound, groupingKey: String? = nil) async throws -> RoundResults {
        let questionnaire = loaded.questionnaire
        var question: (position: Int, question: GroupingQuestion)?
        if let groupingKey {
            guard let position = questionnaire.grouping.firstIndex(where: { $0.key == groupingKey }) else {
                throw ValidationFailure([FieldProblem("group", .invalidChoice)])
            }
            question = (position, questionnaire.grouping[position])
        }
        let computed = try await computed(loaded)
        guard let (position, groupingQuestion) = question else {
            return RoundResults(loaded: loaded, total: computed.total, breakdown: nil, freeTexts: computed.freeTexts)
        }
        let (options, labels) = try await options(for: groupingQuestion, chosen: position < computed.chosen.count ? computed.chosen[position] : [])
        let key = BreakdownKey(state: loaded.state, groupingKey: groupingQuestion.key, options: options)
        let breakdown: MaturityBreakdown
        if let hit = caches.breakdowns.value(key) {
            breakdown = hit
        } else {
            // The aggregate applies the k rule and difference protection to its group sizes, as MaturityBreakdown.compute
            // does to the responses; free texts are shown with the total only, never per group, so it gives none.
            let kept = try await aggregate(loaded)
            var fresh = kept.aggregate.breakdown(questionnaire, groupingKey: groupingQuestion.key, options: options,
                                                 anonymity: loaded.anonymity, invited: loaded.invited)
            fresh.total = computed.total
            var state = loaded.state
            state.responses = kept.aggregate.responseCount
            caches.breakdowns.store(BreakdownKey(state: state, groupingKey: key.groupingKey, options: key.options), fresh)
            breakdown = fresh
        }
        return RoundResults(loaded: loaded, total: computed.total,
                            breakdown: LabeledBreakdown(question: groupingQuestion, breakdown: breakdown, labels: labels),
                            freeTexts: computed.freeTexts)
    }

    /// The round's total, its sorted free texts and the options its answers chose, for this state of the round.
    func computed(_ loaded: LoadedRound) async throws -> ComputedRound {
        if let hit = caches.totals.value(loaded.state) { return hit }
        let aggregate = try await self.aggregate(loaded).aggregate
        let total = aggregate.total(loaded.questionnaire, anonymity: loaded.anonymity, invited: loaded.invited)
        let computed = ComputedRound(total: total, freeTexts: total.results == nil ? [] : aggregate.freeTexts, chosen: aggregate.chosen)
        // Stored under the state of the responses actually counted (an answer may have arrived since the COUNT).
        var state = loaded.state
        state.responses = aggregate.responseCount
        caches.totals.store(state, computed)
        return computed
    }

    /// The round's aggregate for its state: the kept one when it holds as many responses as the round has; else the
    /// kept one with the responses numbered above its watermark added (`maturity_responses.seq`), when those and the
    /// kept ones together are exactly the round's responses (read in one statement, so an answer committed late with
    /// a lower number — several processes on PostgreSQL — or a deleted answer is noticed); else all responses read
    /// and counted afresh. Anything else that changed (questionnaire, k, any edit of the round) has another key.
    func aggregate(_ loaded: LoadedRound) async throws -> KeptAggregate {
        let key = loaded.state.aggregateKey
        if let kept = caches.aggregates.value(key) {
            if kept.aggregate.responseCount == loaded.responseCount { return kept }
            if kept.aggregate.responseCount < loaded.responseCount, let extended = try await extend(kept, loaded) {
                caches.aggregates.store(key, extended)
                return extended
            }
        }
        let fresh = try await readAll(loaded)
        caches.aggregates.store(key, fresh)
        return fresh
    }

    private func rows(_ loaded: LoadedRound, after watermark: Int64?) async throws -> (responses: [MaturityResponse], watermark: Int64, total: Int?) {
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.badRequest("SQL database required") }
        let municipality = context.municipalityID
        let query: SQLQueryString = watermark.map { """
            SELECT seq, levels, groups, free_texts, submission_key,
                   (SELECT COUNT(*) FROM maturity_responses WHERE municipality_id = \(bind: municipality) AND round_id = \(bind: loaded.id)) AS total
            FROM maturity_responses WHERE municipality_id = \(bind: municipality) AND round_id = \(bind: loaded.id) AND seq > \(bind: $0)
            """ } ?? """
            SELECT seq, levels, groups, free_texts, submission_key FROM maturity_responses
            WHERE municipality_id = \(bind: municipality) AND round_id = \(bind: loaded.id)
            """
        let questionnaire = loaded.questionnaire
        let statementCount = questionnaire.statements.count, levelCount = questionnaire.scale.levels.count
        var responses: [MaturityResponse] = []
        var top = watermark ?? 0
        var total: Int?
        for row in try await sql.raw(query).all() {
            let text = try row.decode(column: "levels", as: String.self)
            guard let levels = MaturityResponseCoding.decode(text, statementCount: statementCount, levelCount: levelCount) else {
                throw MaturityStorageError.brokenResponse(roundID: loaded.id, submissionKey: try row.decode(column: "submission_key", as: String.self))
            }
            responses.append(MaturityResponse(
                levels: levels,
                groups: MaturityResponseCoding.decodeOptionals(try row.decode(column: "groups", as: String?.self), count: questionnaire.grouping.count),
                freeTexts: MaturityResponseCoding.decodeOptionals(try row.decode(column: "free_texts", as: String?.self), count: questionnaire.freeText.count)))
            if let seq = try row.decode(column: "seq", as: Int64?.self) { top = max(top, seq) }
            if watermark != nil, total == nil { total = try row.decode(column: "total", as: Int.self) }
        }
        return (responses, top, total)
    }

    private func readAll(_ loaded: LoadedRound) async throws -> KeptAggregate {
        let read = try await rows(loaded, after: nil)
        return KeptAggregate(aggregate: MaturityRoundAggregate(loaded.questionnaire, responses: read.responses), watermark: read.watermark)
    }

    /// nil when the new rows and the kept ones are not exactly the round's responses.
    private func extend(_ kept: KeptAggregate, _ loaded: LoadedRound) async throws -> KeptAggregate? {
        let read = try await rows(loaded, after: kept.watermark)
        guard !read.responses.isEmpty, let total = read.total, kept.aggregate.responseCount + read.responses.count == total else { return nil }
        var extended = kept
        extended.aggregate.add(contentsOf: read.responses)
        extended.watermark = read.watermark
        extended.additions += 1
        return extended
    }

    /// The groups of a question in display order: a choice question's options; a department question's units that
    /// are active or were chosen in some answer (`chosen`; ordered by code), named by the unit's name.
    func options(for question: GroupingQuestion, chosen: Set<String>) async throws -> ([String], [String: String]) {
        switch question.kind {
        case .choice:
            let options = question.options ?? []
            return (options, Dictionary(options.map { ($0, $0) }, uniquingKeysWith: { a, _ in a }))
        case .department:
            var options: [String] = [], labels: [String: String] = [:]
            for unit in try await load.departmentNames() where !unit.archived || chosen.contains(unit.id) {
                options.append(unit.id)
                labels[unit.id] = unit.name
            }
            return (options, labels)
        }
    }

    /// Every round of the same questionnaire (any version, matched by key), oldest first, with its results where
    /// the round has at least k responses. The current round's figures are taken from `current`, not computed again.
    func trend(_ current: RoundResults) async throws -> [TrendPoint] {
        let loaded = current.loaded
        let ids = try await load.questionnaireIDs(key: loaded.questionnaire.key)
        var points: [TrendPoint] = []
        for round in try await load.rounds(questionnaireIDs: ids) {
            if round.id == loaded.id {
                points.append(TrendPoint(round: round, id: loaded.id, responseCount: loaded.responseCount, results: current.results))
                continue
            }
            let other = try await load.load(round)
            points.append(TrendPoint(round: round, id: other.id, responseCount: other.responseCount, results: try await computed(other).total.results))
        }
        return points
    }

    /// The change from the round shown just before this one in the trend (statements matched by key); nil when
    /// there is none or either side is withheld.
    static func previousComparison(_ trend: [TrendPoint], current: UUID) -> (point: TrendPoint, comparison: MaturityComparison)? {
        guard let index = trend.firstIndex(where: { $0.id == current }), let later = trend[index].results else { return nil }
        guard let earlier = trend[..<index].last(where: { $0.results != nil }), let earlierResults = earlier.results else { return nil }
        return (earlier, MaturityComparison(earlier: earlierResults, later: later))
    }

    // MARK: assessments

    struct AssessmentResults: Sendable {
        var loaded: LoadedAssessment
        var results: MaturityResults
    }

    /// A Potenzialcheck's results: one rating per statement, no anonymity (the strategy team rates together).
    func results(_ assessment: MaturityAssessmentRecord) async throws -> AssessmentResults {
        let loaded = try await load.load(assessment)
        return AssessmentResults(loaded: loaded, results: MaturityResults.compute(loaded.questionnaire, responses: [loaded.response]))
    }

    /// Assessments of the same questionnaire (by key), oldest first, with their results.
    func assessmentTrend(key: String) async throws -> [AssessmentResults] {
        let ids = try await load.questionnaireIDs(key: key)
        var list: [AssessmentResults] = []
        for record in try await load.assessments(questionnaireIDs: ids) { list.append(try await results(record)) }
        return list
    }

    // MARK: first steps turned into projects

    struct ProjectLink: Sendable {
        var projectID: UUID
        var code: String
        var title: String
    }

    static func linkKey(statementKey: String, firstStep: String) -> String { statementKey + "\u{1F}" + firstStep }

    /// The project ideas made from first steps in this municipality, by statement key and first step text: a first
    /// step that became a project from one round counts as done for every round and assessment.
    func projectLinks() async throws -> [String: ProjectLink] {
        let links = try await MaturityProjectLinkRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).all()
        guard !links.isEmpty else { return [:] }
        var projects: [UUID: (String, String)] = [:]
        for chunk in Array(Set(links.map { $0.$project.id })).chunked(into: 400) {
            for project in try await Project.query(on: db).filter(\.$id ~~ chunk).filter(\.$municipality.$id == context.municipalityID)
                .field(\.$id).field(\.$code).field(\.$title).all() {
                if let id = project.id { projects[id] = (project.code, project.title) }
            }
        }
        var result: [String: ProjectLink] = [:]
        for link in links.sorted(by: { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }) {
            guard let (code, title) = projects[link.$project.id] else { continue }
            let key = Self.linkKey(statementKey: link.statementKey, firstStep: link.firstStep)
            if result[key] == nil { result[key] = ProjectLink(projectID: link.$project.id, code: code, title: title) }
        }
        return result
    }
}
