import Foundation

/// How far a KPI has come from its baseline towards its target (Zielerreichung), measured by its latest value.
/// `raw` is the share of the way covered: 0 at the baseline, 1 at the target, below 0 when the KPI moved the wrong
/// way, above 1 when it overshot. `clamped` keeps it within 0…1, which is what roll-ups average, so that one
/// overshooting KPI cannot hide another that lags. Linear for both directions: (value − baseline) / (target − baseline).
public struct KPIProgress: Sendable, Equatable {
    public var raw: Double
    public var clamped: Double
    public var latest: KPIMeasurement

    /// Progress at the latest measurement, or nil when there is none (a KPI without measurements has no progress,
    /// not zero progress).
    public static func of(_ kpi: KPIDefinition, measurements: [KPIMeasurement]) -> KPIProgress? {
        guard let latest = KPISeries.latest(measurements) else { return nil }
        let raw = share(of: latest.value, kpi)
        return KPIProgress(raw: raw, clamped: min(1, max(0, raw)), latest: latest)
    }

    /// The share of the way from baseline to target a value stands at.
    public static func share(of value: Double, _ kpi: KPIDefinition) -> Double {
        let span = kpi.target - kpi.baseline
        return span == 0 ? 0 : (value - kpi.baseline) / span
    }
}

/// Helpers over a KPI's measurements, which arrive in any order.
public enum KPISeries {
    /// The measurement with the latest date (of two on the same day, the later in the list).
    public static func latest(_ measurements: [KPIMeasurement]) -> KPIMeasurement? {
        var best: KPIMeasurement?
        for measurement in measurements where best.map({ measurement.measuredOn >= $0.measuredOn }) ?? true {
            best = measurement
        }
        return best
    }
}

/// The trend of a KPI (Trendlinie): the least-squares line through its measurements by date, extended to the
/// target date. "On track" means the line reaches the target by the target date in the KPI's direction.
public struct KPITrend: Sendable, Equatable {
    /// Change of the value per day along the line.
    public var slopePerDay: Double
    /// The line's value on the first measurement's day.
    public var startValue: Double
    public var startOn: CalendarDay
    /// The line's value on the target date.
    public var projectedAtTarget: Double
    public var onTrack: Bool

    /// The line's value on a day.
    public func value(on day: CalendarDay) -> Double {
        startValue + slopePerDay * Double(startOn.days(to: day))
    }

    /// The line, or nil with fewer than two different measurement days (one point has no direction).
    public static func of(_ kpi: KPIDefinition, measurements: [KPIMeasurement]) -> KPITrend? {
        guard let first = measurements.min(by: { $0.measuredOn < $1.measuredOn }) else { return nil }
        let start = first.measuredOn
        // x in days from the first measurement keeps the sums small, so the fit loses no precision.
        var n = 0.0, sumX = 0.0, sumY = 0.0, sumXX = 0.0, sumXY = 0.0
        for measurement in measurements {
            let x = Double(start.days(to: measurement.measuredOn)), y = measurement.value
            n += 1; sumX += x; sumY += y; sumXX += x * x; sumXY += x * y
        }
        let denominator = n * sumXX - sumX * sumX
        guard n >= 2, denominator > 0 else { return nil }
        let slope = (n * sumXY - sumX * sumY) / denominator
        let intercept = (sumY - slope * sumX) / n
        let projected = intercept + slope * Double(start.days(to: kpi.targetOn))
        let onTrack = kpi.direction == .increase ? projected >= kpi.target : projected <= kpi.target
        return KPITrend(slopePerDay: slope, startValue: intercept, startOn: start, projectedAtTarget: projected, onTrack: onTrack)
    }
}

/// Whether a KPI has gone without a measurement for longer than its cadence allows (veraltet).
public struct KPIStaleness: Sendable, Equatable {
    public var isStale: Bool
    public var lastMeasuredOn: CalendarDay?
    /// Days from the last measurement to today; nil without any measurement.
    public var daysSinceLast: Int?
    public var windowDays: Int

    public init(isStale: Bool, lastMeasuredOn: CalendarDay?, daysSinceLast: Int?, windowDays: Int) {
        self.isStale = isStale; self.lastMeasuredOn = lastMeasuredOn; self.daysSinceLast = daysSinceLast; self.windowDays = windowDays
    }

    /// A KPI without any measurement is stale: someone should enter the first figure.
    public static func of(_ kpi: KPIDefinition, lastMeasuredOn: CalendarDay?, today: CalendarDay) -> KPIStaleness {
        let window = kpi.cadence.staleAfterDays
        guard let lastMeasuredOn else {
            return KPIStaleness(isStale: true, lastMeasuredOn: nil, daysSinceLast: nil, windowDays: window)
        }
        let days = lastMeasuredOn.days(to: today)
        return KPIStaleness(isStale: days > window, lastMeasuredOn: lastMeasuredOn, daysSinceLast: days, windowDays: window)
    }
}
