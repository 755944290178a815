import Foundation

/// How many services stand at each level on one day, and the unknown ones (a criterion not yet assessed).
public struct LevelCounts: Sendable, Equatable {
    /// One entry per level of the model, in the model's order, zeros included (a chart needs every bar).
    public var counts: [Int]
    public var unknown: Int
    /// Yearly cases of all services with case numbers, and of those at or above the model's online level;
    /// services of unknown level count as not online.
    public var cases: Int
    public var onlineCases: Int

    public var total: Int { counts.reduce(0, +) + unknown }
    /// Share of yearly cases handled by online services (0…1); nil without case numbers.
    public var onlineShare: Double? { cases > 0 ? Double(onlineCases) / Double(cases) : nil }
}

/// The services' maturity on one day: in total and by responsible department (nil = none recorded).
public struct MaturitySnapshot: Sendable, Equatable {
    public var day: CalendarDay
    public var total: LevelCounts
    public var byDepartment: [String?: LevelCounts]
}

public enum MaturityOverview {
    /// Counts on `day`, each service at its overall level on that day (latest assessment per criterion on or
    /// before it). Services without any assessment then are unknown.
    public static func snapshot(_ services: [AdministrativeService], model: MaturityModel, on day: CalendarDay) -> MaturitySnapshot {
        let empty = LevelCounts(counts: Array(repeating: 0, count: model.levels.count), unknown: 0, cases: 0, onlineCases: 0)
        var total = empty
        var byDepartment: [String?: LevelCounts] = [:]
        for service in services {
            let overall = model.overall(service.assessments, on: day)
            add(overall, service.casesPerYear, model: model, to: &total)
            add(overall, service.casesPerYear, model: model, to: &byDepartment[service.departmentID, default: empty])
        }
        return MaturitySnapshot(day: day, total: total, byDepartment: byDepartment)
    }

    /// Snapshots on each of `days` (sorted), e.g. year ends, to show the change over time.
    public static func history(_ services: [AdministrativeService], model: MaturityModel, on days: [CalendarDay]) -> [MaturitySnapshot] {
        days.sorted().map { snapshot(services, model: model, on: $0) }
    }

    /// 31 December of each year in the range.
    public static func yearEnds(_ years: ClosedRange<Int>) -> [CalendarDay] {
        years.compactMap { CalendarDay(year: $0, month: 12, day: 31) }
    }

    private static func add(_ overall: OverallMaturity, _ cases: Int?, model: MaturityModel, to counts: inout LevelCounts) {
        if let level = overall.level, let index = model.levels.firstIndex(where: { $0.number == level }) {
            counts.counts[index] += 1
        } else {
            counts.unknown += 1
        }
        guard let cases else { return }
        counts.cases += cases
        if let level = overall.level, level >= model.onlineFrom { counts.onlineCases += cases }
    }
}
