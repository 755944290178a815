import FahrplanCore
import Foundation
import Vapor

/// A KPI with its progress, as the API shows it.
struct KPIDTO: Content {
    var id: UUID
    var goalId: UUID
    var projectId: UUID?
    var ownerId: UUID?
    var name: String
    var unit: String
    var direction: String
    var baseline: Double
    var baselineOn: String
    var target: Double
    var targetOn: String
    var cadence: String
    /// The share of the way from baseline to target at the latest measurement, 0…1 (absent without measurements).
    var progress: Double?
    var latestValue: Double?
    var lastMeasuredOn: String?
    /// No measurement within the cadence's window.
    var stale: Bool
    /// The least-squares line through the measurements (absent with fewer than two measurement days).
    var trend: Trend?
    var version: Int

    struct Trend: Content {
        var slopePerDay: Double
        /// The line's value on the target date.
        var projectedAtTarget: Double
        /// The line reaches the target by the target date.
        var onTrack: Bool
    }

    init(_ kpi: KPIRecord, measurements: [KPIMeasurement], today: CalendarDay) throws {
        let definition = kpi.definition
        id = try kpi.requireID()
        goalId = kpi.$goal.id
        projectId = kpi.$project.id
        ownerId = kpi.$owner.id
        name = kpi.name
        unit = kpi.unit
        direction = kpi.direction
        baseline = kpi.baseline
        baselineOn = definition.baselineOn.iso
        target = kpi.target
        targetOn = definition.targetOn.iso
        cadence = kpi.cadence
        let progress = KPIProgress.of(definition, measurements: measurements)
        self.progress = progress?.clamped
        latestValue = progress?.latest.value
        lastMeasuredOn = progress?.latest.measuredOn.iso
        stale = KPIStaleness.of(definition, lastMeasuredOn: progress?.latest.measuredOn, today: today).isStale
        trend = KPITrend.of(definition, measurements: measurements).map {
            Trend(slopePerDay: $0.slopePerDay, projectedAtTarget: $0.projectedAtTarget, onTrack: $0.onTrack)
        }
        version = kpi.version
    }
}

/// A KPI to create, or its definition to replace as a whole (PUT).
struct KPIWriteDTO: Content {
    var goalId: String?
    var projectId: String?
    var ownerId: String?
    var name: String?
    var unit: String?
    var direction: String?
    var baseline: Double?
    var baselineOn: String?
    var target: Double?
    var targetOn: String?
    var cadence: String?

    func form(version: Int?) -> KPIService.Form {
        KPIService.Form(input: KPIInput(name: name, unit: unit, direction: direction, baseline: MonitoringAPI.number(baseline),
                                        baselineOn: baselineOn, target: MonitoringAPI.number(target), targetOn: targetOn, cadence: cadence),
                        goalID: goalId, projectID: projectId, ownerID: ownerId, version: version)
    }
}

struct KPIMeasurementDTO: Content {
    var measuredOn: String
    var value: Double
    var note: String?
    /// `hand`, `api` or `csv`.
    var source: String
    var recordedByName: String?

    init?(_ row: KPIMeasurementRecord) {
        guard let measurement = row.measurement else { return nil }
        measuredOn = measurement.measuredOn.iso
        value = measurement.value
        note = measurement.note
        source = measurement.source.rawValue
        recordedByName = row.recordedByName
    }
}

struct KPIMeasurementWriteDTO: Content {
    var measuredOn: String?
    var value: Double?
    /// When given, it must be the KPI's unit (422 on `measurements[i].unit` otherwise).
    var unit: String?
    var note: String?

    var input: KPIMeasurementInput {
        KPIMeasurementInput(measuredOn: measuredOn, value: MonitoringAPI.number(value), unit: unit, note: note)
    }
}

/// One or more measurements, stored all or nothing.
struct KPIMeasurementsWriteDTO: Content {
    var measurements: [KPIMeasurementWriteDTO]?
}

/// The answer to adding measurements: how many were added, and the KPI's measurements now.
struct KPIMeasurementsAddedDTO: Content {
    var added: Int
    var measurements: [KPIMeasurementDTO]
}
