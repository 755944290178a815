import FahrplanCore
import Fluent
import Foundation

/// A strategy version as stored (`CreateStrategyVersions`): the core's `StrategyVersion` JSON plus what lists need
/// without reading it (number, name, day, counts) and where the audit trail stood when it was taken.
final class StrategyVersionRecord: Model, @unchecked Sendable {
    static let schema = "strategy_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    /// 1, 2, … per municipality, in the order taken.
    @Field(key: "number") var number: Int
    @Field(key: "name") var name: String
    @Field(key: "adopted_on") var adoptedOn: String
    /// Who adopted it ("Rat der Stadt, Beschluss 2025/117"), as entered.
    @OptionalField(key: "adopted_by") var adoptedBy: String?
    @OptionalField(key: "note") var note: String?
    /// `StrategyVersion.encoded()`.
    @Field(key: "snapshot") var snapshot: String
    @Field(key: "element_count") var elementCount: Int
    @Field(key: "kpi_count") var kpiCount: Int
    @Field(key: "ranking_count") var rankingCount: Int
    @Field(key: "roadmap_count") var roadmapCount: Int
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The time of the version's own audit event: the trail after it is "since this version".
    @Field(key: "taken_at") var takenAt: Date
    /// The municipality's `frame_version` after the version was taken.
    @Field(key: "frame_version") var frameVersion: Int

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _number, _name, _adoptedOn, _adoptedBy, _note, _snapshot, _elementCount, _kpiCount, _rankingCount, _roadmapCount, _createdByID, _createdByName, _createdAt, _takenAt, _frameVersion] }
}

/// One line of the version list: everything but the snapshot.
struct StrategyVersionSummary: Sendable, Equatable {
    var id: UUID
    var number: Int
    var name: String
    var adoptedOn: CalendarDay
    var adoptedBy: String?
    var note: String?
    var elementCount: Int
    var kpiCount: Int
    var rankingCount: Int
    var roadmapCount: Int
    var createdByName: String
    var takenAt: Date
}
