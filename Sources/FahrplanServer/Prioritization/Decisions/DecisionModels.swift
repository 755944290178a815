import FahrplanCore
import Fluent
import Foundation

/// An event scenario of a round ("Pandemie", "Zuzug Geflüchteter"): changed weights, an added criterion,
/// projects marked urgent — stored as `ScenarioChanges` JSON and compared with the round's ranking.
final class PrioritizationScenario: Model, @unchecked Sendable {
    static let schema = "prioritization_scenarios"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "changes") var changes: String
    @OptionalField(key: "created_by_name") var createdByName: String?
    @OptionalField(key: "adopted_at") var adoptedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    var scenarioChanges: ScenarioChanges { JSONText.decode(ScenarioChanges.self, changes) ?? ScenarioChanges() }

    var properties: [any AnyProperty] { [_id, _municipality, _round, _name, _description, _changes, _createdByName, _adoptedAt, _createdAt, _updatedAt, _archivedAt] }
}

/// An official ranking of a round: version 1 when the round is closed, a new version each time a scenario is
/// adopted. Entries are stored, not recomputed, so an official ranking never changes silently.
final class RankingVersion: Model, @unchecked Sendable {
    static let schema = "ranking_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: PrioritizationRound
    @Field(key: "version") var version: Int
    @OptionalParent(key: "scenario_id") var scenario: PrioritizationScenario?
    /// The weights used, as `[key: normalized weight]` JSON — the basis of the decision.
    @Field(key: "weights") var weights: String
    @Field(key: "adopted_at") var adoptedAt: Date
    @OptionalField(key: "adopted_by_name") var adoptedByName: String?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _round, _version, _scenario, _weights, _adoptedAt, _adoptedByName] }
}

final class RankingEntry: Model, @unchecked Sendable {
    static let schema = "ranking_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "version_id") var version: RankingVersion
    @Parent(key: "project_id") var project: Project
    @Field(key: "computed_rank") var computedRank: Int
    /// Set by a recorded override; the ranking shows both positions.
    @OptionalField(key: "decided_rank") var decidedRank: Int?
    @Field(key: "total") var total: Double
    @Field(key: "tier") var tier: Int
    /// `[key: points]` JSON.
    @Field(key: "contributions") var contributions: String
    @Field(key: "explanation") var explanation: String

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _version, _project, _computedRank, _decidedRank, _total, _tier, _contributions, _explanation] }
}

/// An entry of the decision log (Entscheidungsprotokoll): what, who decided, when, on which basis and why.
/// Append-only: a decision is corrected by a later decision, never edited.
final class Decision: Model, @unchecked Sendable {
    static let schema = "decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "round_id") var round: PrioritizationRound?
    @OptionalParent(key: "scenario_id") var scenario: PrioritizationScenario?
    @OptionalParent(key: "project_id") var project: Project?
    @OptionalParent(key: "version_id") var version: RankingVersion?
    @OptionalField(key: "computed_rank") var computedRank: Int?
    @OptionalField(key: "decided_rank") var decidedRank: Int?
    /// Who decided (e.g. "Verwaltungsvorstand"), as the record names it; `recorded_by_*` is who entered it.
    @Field(key: "decided_by") var decidedBy: String
    /// The day of the decision (ISO), which can be before the day it was recorded.
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "summary") var summary: String
    @Field(key: "rationale") var rationale: String
    @OptionalField(key: "recorded_by_id") var recordedByID: UUID?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var decisionKind: DecisionKind { DecisionKind(rawValue: kind) ?? .overrideRank }

    var properties: [any AnyProperty] { [_id, _municipality, _kind, _round, _scenario, _project, _version, _computedRank, _decidedRank, _decidedBy, _decidedOn, _summary, _rationale, _recordedByID, _recordedByName, _createdAt] }
}
