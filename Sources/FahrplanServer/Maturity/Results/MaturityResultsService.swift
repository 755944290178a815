import FahrplanCore
import Fluent
import Foundation

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
            var fresh = MaturityBreakdown.compute(questionnaire, responses: try await loaded.responses(on: db), groupingKey: groupingQuestion.key,
                                                  options: options, anonymity: loaded.anonymity, invited: loaded.invited)
            // Free texts are shown with the total only, never per group: not kept, so no page can show them.
            fresh.total = computed.total
            for index in fresh.groups.indices {
                if case .shown(let results, _) = fresh.groups[index].outcome { fresh.groups[index].outcome = .shown(results, freeTexts: []) }
            }
            caches.breakdowns.store(key, fresh)
            breakdown = fresh
        }
        return RoundResults(loaded: loaded, total: computed.total,
                            breakdown: LabeledBreakdown(question: groupingQuestion, breakdown: breakdown, labels: labels),
                            freeTexts: computed.freeTexts)
    }

    /// The round's total, its sorted free texts and the options its answers chose, for this state of the round.
    func computed(_ loaded: LoadedRound) async throws -> ComputedRound {
        if let hit = caches.totals.value(loaded.state) { return hit }
        let responses = try await loaded.responses(on: db)
        let questionnaire = loaded.questionnaire
        // A breakdown by a question nobody can answer gives the total with the k rule and its free texts.
        let plain = MaturityBreakdown.compute(questionnaire, responses: responses, groupingKey: "", options: [],
                                              anonymity: loaded.anonymity, invited: loaded.invited)
        var total = plain.total
        var texts: [[String]] = []
        if case .shown(let results, let freeTexts) = plain.total {
            texts = freeTexts.map { $0.sorted { $0.localizedStandardCompare($1) == .orderedAscending } }
            total = .shown(results, freeTexts: [])
        }
        var chosen = [Set<String>](repeating: [], count: questionnaire.grouping.count)
        for response in responses {
            for (position, option) in response.groups.enumerated() where position < chosen.count {
                if let option { chosen[position].insert(option) }
            }
        }
        let computed = ComputedRound(total: total, freeTexts: texts, chosen: chosen)
        // Stored under the state of the responses actually read (an answer may have arrived since the COUNT).
        var state = loaded.state
        state.responses = responses.count
        caches.totals.store(state, computed)
        return computed
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
