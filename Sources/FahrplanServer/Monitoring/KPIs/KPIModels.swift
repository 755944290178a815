import FahrplanCore
import Fluent
import Foundation

/// A KPI (Kennzahl) of a strategic goal, optionally of a project, with a named owner who keeps it measured.
/// Days are stored as ISO text (`2026-12-06`), which sorts like the days and reads the same on SQLite and PostgreSQL.
final class KPIRecord: Model, @unchecked Sendable {
    static let schema = "kpis"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "goal_id") var goal: StrategyElement
    @OptionalParent(key: "project_id") var project: Project?
    @OptionalParent(key: "owner_id") var owner: User?
    @Field(key: "name") var name: String
    @Field(key: "unit") var unit: String
    @Field(key: "direction") var direction: String
    @Field(key: "baseline") var baseline: Double
    @Field(key: "baseline_on") var baselineOn: String
    @Field(key: "target") var target: Double
    @Field(key: "target_on") var targetOn: String
    @Field(key: "cadence") var cadence: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    /// The rules' view of the row; a row written by this code always has valid days and choices.
    var definition: KPIDefinition {
        KPIDefinition(name: name, unit: unit, direction: KPIDirection(rawValue: direction) ?? .increase, baseline: baseline,
                      baselineOn: CalendarDay(iso: baselineOn) ?? CalendarDay(year: 2000, month: 1, day: 1)!,
                      target: target, targetOn: CalendarDay(iso: targetOn) ?? CalendarDay(year: 2000, month: 1, day: 2)!,
                      cadence: KPICadence(rawValue: cadence) ?? .default)
    }

    func apply(_ definition: KPIDefinition) {
        name = definition.name; unit = definition.unit; direction = definition.direction.rawValue
        baseline = definition.baseline; baselineOn = definition.baselineOn.iso
        target = definition.target; targetOn = definition.targetOn.iso; cadence = definition.cadence.rawValue
    }

    var properties: [any AnyProperty] { [_id, _municipality, _goal, _project, _owner, _name, _unit, _direction, _baseline, _baselineOn, _target, _targetOn, _cadence, _version, _createdAt, _updatedAt, _archivedAt] }
}

/// One measured value of a KPI. One value per KPI and day (unique key), see `CreateKPIs`.
final class KPIMeasurementRecord: Model, @unchecked Sendable {
    static let schema = "kpi_measurements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "kpi_id") var kpi: KPIRecord
    @Field(key: "measured_on") var measuredOn: String
    @Field(key: "value") var value: Double
    @OptionalField(key: "note") var note: String?
    @Field(key: "source") var source: String
    @OptionalField(key: "recorded_by_name") var recordedByName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(municipalityID: UUID, kpiID: UUID, _ measurement: KPIMeasurement, recordedBy: String?) {
        id = UUID()
        $municipality.id = municipalityID; $kpi.id = kpiID
        measuredOn = measurement.measuredOn.iso; value = measurement.value; note = measurement.note
        source = measurement.source.rawValue; recordedByName = recordedBy
    }

    var measurement: KPIMeasurement? {
        CalendarDay(iso: measuredOn).map {
            KPIMeasurement(measuredOn: $0, value: value, note: note, source: KPIMeasurementSource(rawValue: source) ?? .hand)
        }
    }

    var properties: [any AnyProperty] { [_id, _municipality, _kpi, _measuredOn, _value, _note, _source, _recordedByName, _createdAt] }
}
