import Foundation

/// The municipality's clock and calendar: which day it is, and on which day a moment fell, in the municipality's
/// time zone. Rules about days (a call's deadline, the day a decision names, the year of an import, the day in
/// an export's file name) read "today" from here and never from `Date()`, so that they follow the municipality
/// rather than the server's zone, and so that tests can fix the clock. Timestamps that only record when
/// something happened (`createdAt`, `occurredAt`) stay `Date()`.
public struct MunicipalCalendar: Sendable {
    /// Fahrplan's municipalities are German; this is the one place the zone is named.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Berlin") ?? .current

    public let timeZone: TimeZone
    /// The clock; the server's is the system clock, tests pass a fixed moment.
    public let now: @Sendable () -> Date

    public init(timeZone: TimeZone = MunicipalCalendar.defaultTimeZone, now: @escaping @Sendable () -> Date = { Date() }) {
        self.timeZone = timeZone
        self.now = now
    }

    /// A calendar whose clock stands still at `moment`.
    public static func fixed(at moment: Date, timeZone: TimeZone = MunicipalCalendar.defaultTimeZone) -> MunicipalCalendar {
        MunicipalCalendar(timeZone: timeZone, now: { moment })
    }

    /// The day it is now in the municipality.
    public var today: CalendarDay { day(of: now()) }

    /// The day a moment fell on in the municipality. Moments outside `CalendarDay.validYears` (which no clock
    /// or stored timestamp should produce) give the first or last valid day instead of no day.
    public func day(of moment: Date) -> CalendarDay {
        if let day = CalendarDay(moment, timeZone: timeZone) { return day }
        let years = CalendarDay.validYears
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.component(.year, from: moment) < years.lowerBound
            ? CalendarDay(year: years.lowerBound, month: 1, day: 1)!
            : CalendarDay(year: years.upperBound, month: 12, day: 31)!
    }

    /// A moment as the municipality's wall clock shows it, in a `DateFormatter` pattern (`dd.MM.yyyy HH:mm`).
    public func format(_ moment: Date, pattern: String, locale: Locale) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: moment)
    }
}
