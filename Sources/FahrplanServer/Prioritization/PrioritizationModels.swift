import FahrplanCore
import Fluent
import Foundation

/// A criterion of the municipality's catalog (Kriterienkatalog). Rounds copy it, so that editing the catalog
/// never changes a round that is running or closed.
final class CatalogCriterion: Model, @unchecked Sendable {
    static let schema = "criteria"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "direction") var direction: String
    @Field(key: "source") var source: String
    /// `[ScaleLevel]` as JSON: the anchored description of every level.
    @Field(key: "levels") var levels: String
    @Field(key: "default_weight") var defaultWeight: Double
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Raised by every save of the edit form or the API (optimistic concurrency, `RowVersion`); absent only
    /// on a row created in this request, whose database default is 1.
    @OptionalField(key: "version") var storedVersion: Int?
    var version: Int { storedVersion ?? 1 }

    init() {}

    init(municipalityID: UUID, criterion: Criterion, defaultWeight: Double, position: Int) {
        self.$municipality.id = municipalityID
        self.defaultWeight = defaultWeight
        self.position = position
        apply(criterion)
    }

    func apply(_ criterion: Criterion) {
        key = criterion.key
        name = criterion.name
        description = criterion.description
        direction = criterion.direction.rawValue
        source = criterion.source.rawValue
        levels = JSONText.encode(criterion.levels)
    }

    var criterion: Criterion {
        Criterion(key: key, name: name, description: description, levels: JSONText.decode([ScaleLevel].self, levels) ?? [],
                  direction: CriterionDirection(rawValue: direction) ?? .higherIsBetter,
                  source: CriterionSource(rawValue: source) ?? .rating)
    }

    var properties: [any AnyProperty] { [_id, _municipality, _key, _name, _description, _direction, _source, _levels, _defaultWeight, _position, _createdAt, _updatedAt, _archivedAt, _storedVersion] }
}

/// A prioritization round (Priorisierungsrunde), e.g. "Priorisierung 2027": criteria and weights, projects in
/// scope, raters. Closing stores the official ranking (version 1); adopting a scenario stores the next version.
final class PrioritizationRound: Model, @unchecked Sendable {
    static let schema = "prioritization_rounds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "status") var status: String
    @Field(key: "aggregation") var aggregation: String
    @Field(key: "weighting") var weighting: String
    @Field(key: "top_n") var topN: Int
    @Field(key: "legal_deadline_first") var legalDeadlineFirst: Bool
    @Field(key: "inherit_urgency") var inheritUrgency: Bool
    /// The Monte-Carlo seed: fixed per round so that the sensitivity page shows the same figures every time.
    @Field(key: "seed") var seed: Int64
    /// The raw value of the `MissingRatingsPolicy` (core) closing was decided with; nil: none was needed.
    @OptionalField(key: "missing_policy") var missingPolicy: String?
    @OptionalField(key: "created_by_name") var createdByName: String?
    @OptionalField(key: "opened_at") var openedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by_name") var closedByName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Raised by every save of the edit form or the API (optimistic concurrency, `RowVersion`); absent only
    /// on a row created in this request, whose database default is 1.
    @OptionalField(key: "version") var storedVersion: Int?
    var version: Int { storedVersion ?? 1 }

    init() {}

    init(municipalityID: UUID, title: String) {
        self.$municipality.id = municipalityID
        self.title = title
        self.description = ""
        self.status = RoundStatus.draft.rawValue
        self.aggregation = Aggregation.mean.rawValue
        self.weighting = WeightingMethod.direct.rawValue
        self.topN = 10
        self.legalDeadlineFirst = true
        self.inheritUrgency = true
        self.seed = Int64.random(in: 1...Int64(Int32.max))
    }

    var roundStatus: RoundStatus { RoundStatus(rawValue: status) ?? .draft }
    var aggregationMethod: Aggregation { Aggregation(rawValue: aggregation) ?? .mean }
    var weightingMethod: WeightingMethod { WeightingMethod(rawValue: weighting) ?? .direct }
    var rules: RankingRules { RankingRules(legalDeadlineFirst: legalDeadlineFirst, inheritUrgency: inheritUrgency) }

    var properties: [any AnyProperty] { [_id, _municipality, _title, _description, _status, _aggregation, _weighting, _topN, _legalDeadlineFirst, _inheritUrgency, _seed, _missingPolicy, _createdByName, _openedAt, _closedAt, _closedByName, _createdAt, _updatedAt, _archivedAt, _storedVersion] }
}

/// A criterion as the round fixed it (copied from the catalog), with the round's weight.
final class RoundCriterion: Model, @unchecked Sendable {
    static let schema = "round_criteria"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @OptionalField(key: "catalog_criterion_id") var catalogCriterionID: UUID?
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "direction") var direction: String
    @Field(key: "source") var source: String
    @Field(key: "levels") var levels: String
    /// Points (direct) or the AHP weight; the ranking normalizes.
    @Field(key: "weight") var weight: Double
    @Field(key: "position") var position: Int

    init() {}

    init(municipalityID: UUID, roundID: UUID, from catalog: CatalogCriterion) {
        self.$municipality.id = municipalityID
        self.$round.id = roundID
        self.catalogCriterionID = catalog.id
        self.key = catalog.key
        self.name = catalog.name
        self.description = catalog.description
        self.direction = catalog.direction
        self.source = catalog.source
        self.levels = catalog.levels
        self.weight = catalog.defaultWeight
        self.position = catalog.position
    }

    var criterion: Criterion {
        Criterion(key: key, name: name, description: description, levels: JSONText.decode([ScaleLevel].self, levels) ?? [],
                  direction: CriterionDirection(rawValue: direction) ?? .higherIsBetter,
                  source: CriterionSource(rawValue: source) ?? .rating)
    }

    var properties: [any AnyProperty] { [_id, _municipality, _round, _catalogCriterionID, _key, _name, _description, _direction, _source, _levels, _weight, _position] }
}

final class RoundProject: Model, @unchecked Sendable {
    static let schema = "round_projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @Parent(key: "project_id") var project: Project

    init() {}
    init(municipalityID: UUID, roundID: UUID, projectID: UUID) {
        self.$municipality.id = municipalityID
        self.$round.id = roundID
        self.$project.id = projectID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _round, _project] }
}

final class RoundRater: Model, @unchecked Sendable {
    static let schema = "round_raters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @Parent(key: "user_id") var user: User
    /// Until then the rater sees only their own scores (no anchoring on the others').
    @OptionalField(key: "submitted_at") var submittedAt: Date?

    init() {}
    init(municipalityID: UUID, roundID: UUID, userID: UUID) {
        self.$municipality.id = municipalityID
        self.$round.id = roundID
        self.$user.id = userID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _round, _user, _submittedAt] }
}

/// One rater's score of one project on one criterion, with the justification.
final class Rating: Model, @unchecked Sendable {
    static let schema = "ratings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @Parent(key: "project_id") var project: Project
    @Parent(key: "round_criterion_id") var criterion: RoundCriterion
    @Parent(key: "rater_id") var rater: User
    @Field(key: "score") var score: Int
    @Field(key: "justification") var justification: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _round, _project, _criterion, _rater, _score, _justification, _updatedAt] }
}

/// One participant's AHP judgment: how much more important criterion A is than B (Saaty 1/9 … 9).
final class PairwiseComparison: Model, @unchecked Sendable {
    static let schema = "pairwise_comparisons"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @Parent(key: "participant_id") var participant: User
    @Parent(key: "criterion_a_id") var criterionA: RoundCriterion
    @Parent(key: "criterion_b_id") var criterionB: RoundCriterion
    @Field(key: "value") var value: Double
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _round, _participant, _criterionA, _criterionB, _value, _updatedAt] }
}
