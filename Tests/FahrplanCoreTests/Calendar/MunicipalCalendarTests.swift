@testable import FahrplanCore
import Foundation
import Testing

@Suite("MunicipalCalendar: today and the day of a moment in the municipality's zone")
struct MunicipalCalendarTests {
    func moment(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }
    func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay { CalendarDay(year: y, month: m, day: d)! }

    @Test("the municipality's zone is Europe/Berlin unless told otherwise")
    func defaultZone() {
        #expect(MunicipalCalendar().timeZone.identifier == "Europe/Berlin")
        #expect(MunicipalCalendar.defaultTimeZone.identifier == "Europe/Berlin")
    }

    @Test("today follows the injected clock, in the municipality's zone: 23:30 UTC is already tomorrow in Berlin")
    func todayNearMidnight() {
        let lateEvening = moment("2027-03-10T23:30:00Z")
        #expect(MunicipalCalendar.fixed(at: lateEvening).today == day(2027, 3, 11))
        #expect(MunicipalCalendar.fixed(at: lateEvening, timeZone: TimeZone(identifier: "UTC")!).today == day(2027, 3, 10))
        // New Year's Eve: the year changes with the municipality's midnight, not the server's.
        let silvester = MunicipalCalendar.fixed(at: moment("2027-12-31T23:15:00Z"))
        #expect(silvester.today == day(2028, 1, 1))
        #expect(silvester.today.year == 2028)
        #expect(MunicipalCalendar.fixed(at: moment("2027-12-31T22:59:59Z")).today.year == 2027)
    }

    @Test("the clock is read on every use, not when the calendar is made")
    func clockIsRead() {
        let clock = TestClock(moment("2027-06-01T12:00:00Z"))
        let calendar = MunicipalCalendar(now: { clock.now })
        #expect(calendar.today == day(2027, 6, 1))
        clock.now = moment("2027-06-01T22:30:00Z")
        #expect(calendar.today == day(2027, 6, 2))
    }

    @Test("on the days the clocks change, midnight moves with summer time", arguments: [
        // 28 March 2027: 02:00 CET becomes 03:00 CEST; before it midnight is 23:00 UTC, after it 22:00 UTC.
        ("2027-03-27T22:59:59Z", 2027, 3, 27), ("2027-03-27T23:00:00Z", 2027, 3, 28),
        ("2027-03-28T21:59:59Z", 2027, 3, 28), ("2027-03-28T22:00:00Z", 2027, 3, 29),
        // 31 October 2027: 03:00 CEST becomes 02:00 CET.
        ("2027-10-30T21:59:59Z", 2027, 10, 30), ("2027-10-30T22:00:00Z", 2027, 10, 31),
        ("2027-10-31T22:59:59Z", 2027, 10, 31), ("2027-10-31T23:00:00Z", 2027, 11, 1),
    ])
    func summerTime(iso: String, year: Int, month: Int, day: Int) {
        #expect(MunicipalCalendar().day(of: moment(iso)) == self.day(year, month, day))
        #expect(MunicipalCalendar.fixed(at: moment(iso)).today == self.day(year, month, day))
    }

    @Test("moments outside the valid years give the first or last valid day")
    func outOfRange() {
        let calendar = MunicipalCalendar()
        #expect(calendar.day(of: moment("1850-06-01T12:00:00Z")) == day(1900, 1, 1))
        #expect(calendar.day(of: moment("2250-06-01T12:00:00Z")) == day(2200, 12, 31))
    }

    @Test("formatting shows the municipality's wall clock")
    func format() {
        let calendar = MunicipalCalendar()
        let afterMidnight = moment("2027-03-28T22:30:00Z")
        #expect(calendar.format(afterMidnight, pattern: "dd.MM.yyyy HH:mm", locale: Locale(identifier: "de_DE")) == "29.03.2027 00:30")
        let winter = moment("2027-01-15T08:05:00Z")
        #expect(calendar.format(winter, pattern: "dd.MM.yyyy HH:mm", locale: Locale(identifier: "de_DE")) == "15.01.2027 09:05")
    }
}

/// A clock a test can move; only touched from one test at a time.
private final class TestClock: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}
