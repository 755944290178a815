import Foundation

/// One reporting period of an update cycle (Berichtszeitraum): first and last day, both included.
public struct UpdatePeriod: Hashable, Codable, Sendable, Comparable {
    public let start: CalendarDay
    public let end: CalendarDay

    public init(start: CalendarDay, end: CalendarDay) {
        self.start = start
        self.end = end
    }

    /// The period of `interval` that contains `day` (months, quarters from January, April, July, October,
    /// half-years from January and July, calendar years).
    public static func containing(_ day: CalendarDay, interval: UpdateInterval) -> UpdatePeriod {
        let firstMonth = (day.month - 1) / interval.months * interval.months + 1
        let lastMonth = firstMonth + interval.months - 1
        return UpdatePeriod(
            start: CalendarDay(year: day.year, month: firstMonth, day: 1)!,
            end: CalendarDay(year: day.year, month: lastMonth,
                             day: CalendarDay.daysInMonth(year: day.year, month: lastMonth))!)
    }

    /// The period before this one (nil before the first valid year).
    public func previous(interval: UpdateInterval) -> UpdatePeriod? {
        start.adding(days: -1).map { Self.containing($0, interval: interval) }
    }

    public func contains(_ day: CalendarDay) -> Bool { start <= day && day <= end }

    /// The day an update for this period must be in: `deadlineDays` after its last day.
    public func dueDate(deadlineDays: Int) -> CalendarDay {
        end.adding(days: deadlineDays) ?? end
    }

    public static func < (lhs: UpdatePeriod, rhs: UpdatePeriod) -> Bool { lhs.start < rhs.start }

    /// `2026-11` for months, `2026-Q4`, `2026-H2`, `2026` — for keys and the API.
    public func label(interval: UpdateInterval) -> String {
        switch interval {
        case .monthly: return String(start.iso.prefix(7))
        case .quarterly: return "\(start.year)-Q\((start.month - 1) / 3 + 1)"
        case .halfYearly: return "\(start.year)-H\((start.month - 1) / 6 + 1)"
        case .yearly: return String(start.year)
        }
    }
}

extension CalendarDay {
    /// The day `days` later (earlier when negative); nil outside `validYears`.
    public func adding(days: Int) -> CalendarDay? {
        Self.fromDayNumber(daysSinceEpoch + days)
    }

    /// Days since 1970-01-01 (civil-from-days arithmetic, proleptic Gregorian calendar).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func fromDayNumber(_ number: Int) -> CalendarDay? {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDay(year: year, month: month, day: day)
    }
}
