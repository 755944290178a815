import FahrplanCore
import Fluent
import Foundation

/// Results of Quick-Check rounds and Potenzialchecks for the pages, the exports and the API: one place that
/// applies the anonymity promise (the core's `MaturityBreakdown`: k from the round, difference protection), so no
/// caller can show a figure the rule withholds.
struct MaturityResultsService {
    var db: any Database
    var context: MunicipalityContext

    var load: MaturityResultsLoad { MaturityResultsLoad(db: db, context: context) }

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

        var results: MaturityResults? { total.results }
        var responseCount: Int { loaded.responses.count }
        var freeTexts: [[String]] { if case .shown(_, let texts) = total { return texts }; return [] }
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

    func results(_ loaded: LoadedRound, groupingKey: String? = nil) async throws -> RoundResults {
        let questionnaire = loaded.questionnaire
        // A breakdown by a question nobody can answer gives the total with the k rule and its free texts.
        let plain = MaturityBreakdown.compute(questionnaire, responses: loaded.responses, groupingKey: "", options: [],
                                              anonymity: loaded.anonymity, invited: loaded.invited)
        guard let groupingKey else { return RoundResults(loaded: loaded, total: plain.total, breakdown: nil) }
        guard let question = questionnaire.grouping.first(where: { $0.key == groupingKey }) else {
            throw ValidationFailure([FieldProblem("group", .invalidChoice)])
        }
        let (options, labels) = try await options(for: question, responses: loaded.responses,
                                                  position: questionnaire.grouping.firstIndex { $0.key == groupingKey }!)
        let breakdown = MaturityBreakdown.compute(questionnaire, responses: loaded.responses, groupingKey: groupingKey, options: options,
                                                  anonymity: loaded.anonymity, invited: loaded.invited)
        return RoundResults(loaded: loaded, total: plain.total, breakdown: LabeledBreakdown(question: question, breakdown: breakdown, labels: labels))
    }

    /// The groups of a question in display order: a choice question's options; a department question's units that
    /// are active or were chosen in some answer (ordered by code), named by the unit's name.
    func options(for question: GroupingQuestion, responses: [MaturityResponse], position: Int) async throws -> ([String], [String: String]) {
        switch question.kind {
        case .choice:
            let options = question.options ?? []
            return (options, Dictionary(options.map { ($0, $0) }, uniquingKeysWith: { a, _ in a }))
        case .department:
            var chosen = Set<String>()
            for response in responses where position < response.groups.count {
                if let option = response.groups[position] { chosen.insert(option) }
            }
            var options: [String] = [], labels: [String: String] = [:]
            for unit in try await load.departmentNames() where !unit.archived || chosen.contains(unit.id) {
                options.append(unit.id)
                labels[unit.id] = unit.name
            }
            return (options, labels)
        }
    }

    /// Every round of the same questionnaire (any version, matched by key), oldest first, with its results where
    /// the round has at least k responses.
    func trend(_ loaded: LoadedRound) async throws -> [TrendPoint] {
        let ids = try await load.questionnaireIDs(key: loaded.questionnaire.key)
        var points: [TrendPoint] = []
        for round in try await load.rounds(questionnaireIDs: ids) {
            let other = round.id == loaded.id ? loaded : try await load.load(round)
            let total = try await results(other).total
            points.append(TrendPoint(round: round, id: other.id, responseCount: other.responses.count, results: total.results))
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
