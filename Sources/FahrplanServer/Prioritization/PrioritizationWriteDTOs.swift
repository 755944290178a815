import FahrplanCore
import Foundation
import Vapor

// Request bodies of the prioritization API. Fields left out keep their current value (PATCH, and PUT where
// the description says so); JSON types are strict, so a number where text belongs is a 400.

struct ScaleLevelWriteDTO: Decodable, Sendable {
    var value: Int?
    var label: String?
    var description: String?
}

/// Body of `POST /criteria` (all fields) and `PATCH /criteria/{criterion}` (only the fields to change;
/// `levels` replaces the whole scale).
struct CriterionWriteDTO: Decodable, Sendable {
    var key: String?
    var name: String?
    var description: String?
    var direction: String?
    var source: String?
    var levels: [ScaleLevelWriteDTO]?
    var defaultWeight: Double?

    func input(over row: CatalogCriterion?) -> CriterionInput {
        let current = row?.criterion
        let levels = self.levels.map { $0.map { (value: $0.value.map(String.init) ?? "", label: $0.label ?? "", description: $0.description ?? "") } }
            ?? (current?.levels ?? []).map { (value: String($0.value), label: $0.label, description: $0.description) }
        return CriterionInput(key: key ?? current?.key, name: name ?? current?.name, description: description ?? current?.description,
                              direction: direction ?? current?.direction.rawValue, source: source ?? current?.source.rawValue,
                              levelValues: levels.map(\.value), levelLabels: levels.map(\.label), levelDescriptions: levels.map(\.description),
                              defaultWeight: (defaultWeight ?? row?.defaultWeight).map(APINumberText.text))
    }
}

/// Body of `POST /rounds` (settings, criteria, projects and raters) and `PATCH /rounds/{round}` (settings only).
struct RoundWriteDTO: Decodable, Sendable {
    var title: String?
    var description: String?
    var aggregation: String?
    var topN: Int?
    var legalDeadlineFirst: Bool?
    var inheritUrgency: Bool?
    var criterionIds: [UUID]?
    var projectIds: [UUID]?
    var raterIds: [UUID]?

    func input(over round: PrioritizationRound?) -> RoundInput {
        RoundInput(title: title ?? round?.title, description: description ?? round?.description,
                   aggregation: aggregation ?? round?.aggregation, topN: (topN ?? round?.topN).map(String.init),
                   legalDeadlineFirst: legalDeadlineFirst ?? round?.legalDeadlineFirst ?? true,
                   inheritUrgency: inheritUrgency ?? round?.inheritUrgency ?? true,
                   criterionIDs: (criterionIds ?? []).map(\.uuidString), projectIDs: (projectIds ?? []).map(\.uuidString),
                   raterIDs: (raterIds ?? []).map(\.uuidString))
    }
}

/// Body of `PUT /rounds/{round}/scope`: a list left out keeps the round's current one.
struct RoundScopeWriteDTO: Decodable, Sendable {
    var projectIds: [UUID]?
    var raterIds: [UUID]?
}

struct RoundWeightsWriteDTO: Decodable, Sendable {
    var weights: [String: Double]?
}

/// Who decided, when and why: every step that writes a decision record asks for it.
struct DecisionWriteDTO: Decodable, Sendable, DecisionFields {
    var decidedBy: String?
    var decidedOn: String?
    var rationale: String?
}

struct RoundCloseWriteDTO: Decodable, Sendable, DecisionFields {
    var missingPolicy: String?
    var decidedBy: String?
    var decidedOn: String?
    var rationale: String?
}

struct RatingWriteDTO: Decodable, Sendable {
    var projectId: UUID?
    var criterionKey: String?
    /// null or left out: removes an earlier score.
    var score: Int?
    var justification: String?
}

struct RatingsWriteDTO: Decodable, Sendable {
    var ratings: [RatingWriteDTO]?
    /// Hands the scores in: afterwards they cannot change, and the rater sees the others' scores.
    var submit: Bool?
}

/// A Saaty value as a number (`3`, `0.2`) or as text (`"1/5"`).
struct SaatyValueDTO: Decodable, Sendable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            text = number.isFinite ? String(number) : "x"
        } else {
            text = try container.decode(String.self)
        }
    }
}

struct ComparisonWriteDTO: Decodable, Sendable {
    var a: String?
    var b: String?
    var value: SaatyValueDTO?
}

struct ComparisonsWriteDTO: Decodable, Sendable {
    var comparisons: [ComparisonWriteDTO]?
}

struct OverrideWriteDTO: Decodable, Sendable, DecisionFields {
    var projectId: UUID?
    var decidedRank: Int?
    var decidedBy: String?
    var decidedOn: String?
    var rationale: String?
}

struct ProjectDecisionWriteDTO: Decodable, Sendable, DecisionFields {
    var kind: String?
    /// The round whose ranking the decision rests on.
    var roundId: String?
    var decidedBy: String?
    var decidedOn: String?
    var rationale: String?
}

struct AddedCriterionWriteDTO: Decodable, Sendable {
    var key: String?
    var name: String?
    var description: String?
    var direction: String?
    /// Left out: 0 "does not apply" and 4 "applies".
    var levels: [ScaleLevelWriteDTO]?
    var weight: Double?
    /// Project id → value on the criterion's scale; projects not named have no value on it.
    var values: [String: Double]?
}

struct ScenarioChangesWriteDTO: Decodable, Sendable {
    var weights: [String: Double]?
    var addedCriteria: [AddedCriterionWriteDTO]?
    var urgentProjectIds: [UUID]?

    /// The core's changes; field problems that only the JSON can have (a missing key, an unknown direction)
    /// are named with the position, e.g. `changes.addedCriteria[0].key`.
    func changes(english: Bool) throws -> ScenarioChanges {
        var check = Validator()
        var added: [AddedCriterion] = []
        for (index, entry) in (addedCriteria ?? []).enumerated() {
            let field = "changes.addedCriteria[\(index)]"
            let key = check.text("\(field).key", entry.key, required: true, max: 40)
            let name = check.text("\(field).name", entry.name, required: true, max: 120)
            let description = check.text("\(field).description", entry.description, required: false, max: ProjectLimits.longText, multiline: true)
            let direction = CriterionDirection(rawValue: entry.direction ?? CriterionDirection.higherIsBetter.rawValue)
            if direction == nil { check.add("\(field).direction", .invalidChoice) }
            if entry.weight == nil { check.add("\(field).weight", .required) }
            var levels: [ScaleLevel] = []
            for (row, level) in (entry.levels ?? []).enumerated() {
                guard let value = level.value else { check.add("\(field).levels[\(row)].value", .required); continue }
                levels.append(ScaleLevel(value: value, label: level.label ?? "", description: level.description ?? ""))
            }
            if entry.levels == nil {
                levels = [ScaleLevel(value: 0, label: english ? "does not apply" : "trifft nicht zu"),
                          ScaleLevel(value: 4, label: english ? "applies" : "trifft zu")]
            }
            guard let key, let name, let direction, let weight = entry.weight else { continue }
            added.append(AddedCriterion(criterion: Criterion(key: key, name: name, description: description ?? "", levels: levels,
                                                             direction: direction, source: .rating),
                                        weight: weight, values: entry.values ?? [:]))
        }
        try check.finish()
        return ScenarioChanges(weights: weights ?? [:], addedCriteria: added, urgentProjectIDs: (urgentProjectIds ?? []).map(\.uuidString))
    }
}

/// Body of `POST /rounds/{round}/scenarios` and `PATCH …/scenarios/{scenario}` (fields left out keep their
/// value; `changes` replaces all changes).
struct ScenarioWriteDTO: Decodable, Sendable {
    var name: String?
    var description: String?
    var changes: ScenarioChangesWriteDTO?

    func input(over scenario: PrioritizationScenario?, english: Bool) throws -> ScenarioInput {
        let changes = try changes?.changes(english: english) ?? scenario?.scenarioChanges ?? ScenarioChanges()
        return ScenarioInput(name: name ?? scenario?.name, description: description ?? scenario?.description, changes: changes)
    }
}
