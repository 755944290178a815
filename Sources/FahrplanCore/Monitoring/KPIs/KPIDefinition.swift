import Foundation

/// Which way a KPI (Kennzahl) should move: up (share of online services) or down (response time in days).
public enum KPIDirection: String, Codable, CaseIterable, Sendable {
    case increase
    case decrease
}

/// How often a KPI is expected to be measured (Erhebungsrhythmus). It sets the window after which a KPI without
/// a new measurement counts as stale: one period plus a grace for collecting and entering the figure.
public enum KPICadence: String, Codable, CaseIterable, Sendable {
    case monthly
    case quarterly
    case halfYearly
    case yearly

    /// Quarterly is what most municipal KPI reports use; its window is the default of 100 days.
    public static let `default`: KPICadence = .quarterly

    /// Days without a measurement after which the KPI is flagged.
    public var staleAfterDays: Int {
        switch self {
        case .monthly: return 45
        case .quarterly: return 100
        case .halfYearly: return 200
        case .yearly: return 380
        }
    }
}

/// Where a measurement came from: typed into the form, sent through the JSON API, or uploaded as CSV.
public enum KPIMeasurementSource: String, Codable, CaseIterable, Sendable {
    case hand
    case api
    case csv
}

/// A KPI (Kennzahl, Erfolgskriterium) of a strategic goal: what is measured, in which unit, from which baseline to
/// which target by when. The server adds the goal, the optional project and the owner; the rules need only this.
public struct KPIDefinition: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var direction: KPIDirection
    public var baseline: Double
    public var baselineOn: CalendarDay
    public var target: Double
    public var targetOn: CalendarDay
    public var cadence: KPICadence

    public init(name: String, unit: String, direction: KPIDirection, baseline: Double, baselineOn: CalendarDay,
                target: Double, targetOn: CalendarDay, cadence: KPICadence = .default) {
        self.name = name; self.unit = unit; self.direction = direction
        self.baseline = baseline; self.baselineOn = baselineOn
        self.target = target; self.targetOn = targetOn; self.cadence = cadence
    }
}

/// One measured value of a KPI on a day (Messwert).
public struct KPIMeasurement: Sendable, Equatable {
    public var measuredOn: CalendarDay
    public var value: Double
    public var note: String?
    public var source: KPIMeasurementSource

    public init(measuredOn: CalendarDay, value: Double, note: String? = nil, source: KPIMeasurementSource = .hand) {
        self.measuredOn = measuredOn; self.value = value; self.note = note; self.source = source
    }
}

extension KPIDefinition {
    /// Two units are the same when they differ only in case and surrounding blanks (`%` and ` % `, `Tage` and `tage`).
    public func accepts(unit other: String) -> Bool {
        Self.unitKey(unit) == Self.unitKey(other)
    }

    static func unitKey(_ unit: String) -> String {
        unit.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
