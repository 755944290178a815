import FahrplanCore
import Foundation
import Vapor

/// A round's or a Potenzialcheck's results as the API (`GET /api/v1/maturity/surveys/{id}/results`,
/// `…/assessments/{id}/results`) and the JSON export give them. Withheld figures are absent, never zero: a round
/// with fewer than k responses has no `results`, a withheld group only its `withheldReason`. Free texts come only
/// with the total, never per group.
struct MaturityResultsDTO: Content {
    struct QuestionnaireRef: Content {
        var key: String
        var version: Int
        var title: String
    }

    struct Level: Content {
        var value: Int
        var label: String
    }

    struct Scale: Content {
        var minimum: Int
        var maximum: Int
        var levels: [Level]
        var dontKnow: String?
    }

    struct Field: Content {
        var key: String
        var title: String
        var mean: Double?
    }

    struct Statement: Content {
        var key: String
        var fieldKey: String
        var text: String
        /// Responses per scale level, in scale order.
        var counts: [Int]
        var dontKnow: Int
        var skipped: Int
        var mean: Double?
    }

    struct Results: Content {
        var responseCount: Int
        var overall: Double?
        var fields: [Field]
        var statements: [Statement]
    }

    struct FreeText: Content {
        var key: String
        var question: String
        /// Sorted, not in the order they arrived.
        var answers: [String]
    }

    struct Group: Content {
        /// As stored: a choice's text, a department's id.
        var option: String
        var label: String
        var shown: Bool
        /// `tooFewResponses` or `differenceProtection`; never the group's size.
        var withheldReason: String?
        var results: Results?
    }

    struct Breakdown: Content {
        var groupingKey: String
        var question: String
        var total: Results?
        var groups: [Group]
    }

    struct TrendPoint: Content {
        var id: UUID
        var title: String
        var opensOn: String?
        var closesOn: String?
        var assessedOn: String?
        var responseCount: Int?
        var shown: Bool
        var overall: Double?
        var fields: [Field]?
    }

    struct Step: Content {
        var index: Int
        var text: String
        /// The project idea it became, if any.
        var projectId: UUID?
    }

    struct FirstStep: Content {
        var statementKey: String
        var fieldKey: String
        var text: String
        var mean: Double
        var firstSteps: [Step]
    }

    struct Rating: Content {
        var statementKey: String
        var value: Int?
        var dontKnow: Bool
        var evidence: String?
    }

    /// `survey` or `assessment`.
    var kind: String
    var id: UUID
    var title: String
    var questionnaire: QuestionnaireRef
    var opensOn: String?
    var closesOn: String?
    var assessedOn: String?
    var minimumGroupSize: Int?
    var invitedCount: Int?
    var responseCount: Int
    var responseRate: Double?
    var shown: Bool
    var withheldReason: String?
    var scale: Scale
    var results: Results?
    var freeTexts: [FreeText]?
    var breakdown: Breakdown?
    var trend: [TrendPoint]
    var firstSteps: [FirstStep]
    var ratings: [Rating]?

    static func results(_ results: MaturityResults) -> Results {
        Results(responseCount: results.responseCount, overall: results.overall,
                fields: results.fields.map { Field(key: $0.key, title: $0.title, mean: $0.mean) },
                statements: results.statements.map {
                    Statement(key: $0.key, fieldKey: $0.fieldKey, text: $0.text, counts: $0.counts, dontKnow: $0.dontKnow, skipped: $0.skipped, mean: $0.mean)
                })
    }

    static func scale(_ questionnaire: Questionnaire) -> Scale {
        Scale(minimum: questionnaire.scale.minimum, maximum: questionnaire.scale.maximum,
              levels: questionnaire.scale.levels.map { Level(value: $0.value, label: $0.label) }, dontKnow: questionnaire.scale.dontKnow)
    }

    /// `texts` come sorted (`MaturityResultsService.computed`), never in order of arrival.
    static func freeTexts(_ questionnaire: Questionnaire, _ texts: [[String]]) -> [FreeText] {
        questionnaire.freeText.enumerated().map { index, question in
            FreeText(key: question.key, question: question.text, answers: index < texts.count ? texts[index] : [])
        }
    }

    static func reason(_ suppression: MaturitySuppression) -> String {
        switch suppression {
        case .tooFewResponses: "tooFewResponses"
        case .differenceProtection: "differenceProtection"
        }
    }

    static func firstSteps(_ results: MaturityResults, _ questionnaire: Questionnaire,
                           links: [String: MaturityResultsService.ProjectLink]) -> [FirstStep] {
        MaturityFirstStep.low(results, questionnaire: questionnaire).map { item in
            FirstStep(statementKey: item.statementKey, fieldKey: item.fieldKey, text: item.text, mean: item.mean,
                      firstSteps: item.firstSteps.enumerated().map { index, text in
                          Step(index: index, text: text,
                               projectId: links[MaturityResultsService.linkKey(statementKey: item.statementKey, firstStep: text)]?.projectID)
                      })
        }
    }

    /// A round's results, with the breakdown when one was asked for.
    static func make(_ outcome: MaturityResultsService.RoundResults, trend: [MaturityResultsService.TrendPoint],
                     links: [String: MaturityResultsService.ProjectLink]) -> MaturityResultsDTO {
        let loaded = outcome.loaded
        let round = loaded.round
        let questionnaire = loaded.questionnaire
        let invited = loaded.invited
        var withheld: String?
        if case .suppressed(let reason) = outcome.total { withheld = Self.reason(reason) }
        let breakdown = outcome.breakdown.map { labeled in
            Breakdown(groupingKey: labeled.question.key, question: labeled.question.text, total: labeled.breakdown.total.results.map(results),
                      groups: labeled.breakdown.groups.map { group in
                          switch group.outcome {
                          case .shown(let shown, _):
                              return Group(option: group.option, label: labeled.label(group.option), shown: true, withheldReason: nil,
                                           results: results(shown))
                          case .suppressed(let reason):
                              return Group(option: group.option, label: labeled.label(group.option), shown: false, withheldReason: Self.reason(reason),
                                           results: nil)
                          }
                      })
        }
        return MaturityResultsDTO(
            kind: "survey", id: loaded.id, title: round.title,
            questionnaire: QuestionnaireRef(key: questionnaire.key, version: questionnaire.version, title: questionnaire.title),
            opensOn: round.opensOn, closesOn: round.closesOn, assessedOn: nil, minimumGroupSize: loaded.k, invitedCount: invited,
            responseCount: outcome.responseCount,
            responseRate: invited.flatMap { $0 > 0 ? Double(outcome.responseCount) / Double($0) : nil },
            shown: outcome.results != nil, withheldReason: withheld, scale: scale(questionnaire),
            results: outcome.results.map(results),
            // Free texts only with the total, never per group (see `SurveyResultsPageBuilder`).
            freeTexts: outcome.results == nil || questionnaire.freeText.isEmpty ? nil : freeTexts(questionnaire, outcome.freeTexts),
            breakdown: breakdown,
            trend: trend.map { point in
                TrendPoint(id: point.id, title: point.round.title, opensOn: point.round.opensOn, closesOn: point.round.closesOn, assessedOn: nil,
                           responseCount: point.responseCount, shown: point.results != nil, overall: point.results?.overall,
                           fields: point.results?.fields.map { Field(key: $0.key, title: $0.title, mean: $0.mean) })
            },
            firstSteps: outcome.results.map { firstSteps($0, questionnaire, links: links) } ?? [], ratings: nil)
    }

    static func make(_ current: MaturityResultsService.AssessmentResults, trend: [MaturityResultsService.AssessmentResults],
                     links: [String: MaturityResultsService.ProjectLink]) -> MaturityResultsDTO {
        let loaded = current.loaded
        let questionnaire = loaded.questionnaire
        return MaturityResultsDTO(
            kind: "assessment", id: loaded.id, title: loaded.assessment.title,
            questionnaire: QuestionnaireRef(key: questionnaire.key, version: questionnaire.version, title: questionnaire.title),
            opensOn: nil, closesOn: nil, assessedOn: loaded.assessment.assessedOn, minimumGroupSize: nil, invitedCount: nil,
            responseCount: 1, responseRate: nil, shown: true, withheldReason: nil, scale: scale(questionnaire),
            results: results(current.results), freeTexts: nil, breakdown: nil,
            trend: trend.map { item in
                TrendPoint(id: item.loaded.id, title: item.loaded.assessment.title, opensOn: nil, closesOn: nil,
                           assessedOn: item.loaded.assessment.assessedOn, responseCount: nil, shown: true, overall: item.results.overall,
                           fields: item.results.fields.map { Field(key: $0.key, title: $0.title, mean: $0.mean) })
            },
            firstSteps: firstSteps(current.results, questionnaire, links: links),
            ratings: questionnaire.statements.map { statement in
                let rating = loaded.ratings[statement.key]
                return Rating(statementKey: statement.key, value: rating?.value, dontKnow: rating?.dontKnow ?? false, evidence: rating?.evidence)
            })
    }
}

/// `POST /api/v1/maturity/first-steps/project`. Its schema is closed (`additionalProperties: false`), so an
/// unknown field is refused (400 naming it) rather than dropped: a misspelt `departmentID` would otherwise turn
/// into a "missing departmentId" 422 that hides the real mistake.
struct FirstStepProjectWrite: Content {
    var sourceKind: String?
    var sourceId: String?
    var statementKey: String?
    var firstStep: Int?
    var departmentId: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sourceKind, sourceId, statementKey, firstStep, departmentId
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let known = Set(CodingKeys.allCases.map(\.stringValue))
        if let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyKey(stringValue: unknown)], debugDescription: "unknown field \(unknown)"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sourceKind = try c.decodeIfPresent(String.self, forKey: .sourceKind)
        sourceId = try c.decodeIfPresent(String.self, forKey: .sourceId)
        statementKey = try c.decodeIfPresent(String.self, forKey: .statementKey)
        firstStep = try c.decodeIfPresent(Int.self, forKey: .firstStep)
        departmentId = try c.decodeIfPresent(String.self, forKey: .departmentId)
    }

    var input: FirstStepProjectInput {
        FirstStepProjectInput(sourceKind: sourceKind, sourceID: sourceId, statementKey: statementKey, firstStep: firstStep.map(String.init),
                              departmentID: departmentId)
    }
}

struct FirstStepProjectDTO: Content {
    var projectId: UUID
    var code: String
    var title: String
    /// false when the first step had already become this project.
    var created: Bool
}
