@testable import FahrplanCore
import Foundation
import Testing

@Suite("CalendarDay: dates without time zones")
struct CalendarDayTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay { CalendarDay(year: y, month: m, day: d)! }

    @Test("accepted spellings", arguments: [
        ("31.12.2027", 2027, 12, 31), ("1.2.2027", 2027, 2, 1), ("01.02.2027", 2027, 2, 1), ("31.12.27", 2027, 12, 31),
        ("1.1.00", 2000, 1, 1), ("5.6.99", 2099, 6, 5), ("2027-12-31", 2027, 12, 31), ("2027-1-5", 2027, 1, 5),
        ("2027-12-31 00:00:00", 2027, 12, 31), ("2027-12-31T00:00:00", 2027, 12, 31), ("2027-12-31T13:45", 2027, 12, 31),
        ("2027-12-31 23:59:59.999", 2027, 12, 31), ("31.12.2027 00:00", 2027, 12, 31), ("31.12.2027 9:05:00", 2027, 12, 31),
        ("  31.12.2027 ", 2027, 12, 31), ("1. 2. 2027", 2027, 2, 1), ("29.02.2028", 2028, 2, 29),
        ("2000-02-29", 2000, 2, 29), ("01.01.1900", 1900, 1, 1), ("31.12.2200", 2200, 12, 31),
    ])
    func accepted(text: String, year: Int, month: Int, day: Int) throws {
        #expect(try CalendarDay.parse(text) == self.day(year, month, day))
        #expect(CalendarDay(parsing: text) == self.day(year, month, day))
    }

    @Test("days that do not exist", arguments: [
        "31.02.2027", "29.02.2027", "30.02.2028", "31.04.2027", "32.01.2027", "0.1.2027", "1.13.2027", "1.0.2027",
        "2027-02-29", "2100-02-29", "1900-02-29", "2027-00-10", "2027-12-31 24:00", "2027-12-31 12:60", "2027-12-31 12:00:60",
    ])
    func invalid(text: String) {
        #expect(throws: CalendarDayError.invalidDate(text)) { try CalendarDay.parse(text) }
        #expect(CalendarDay(parsing: text) == nil)
    }

    @Test("years outside 1900–2200 are refused with the year")
    func yearRange() {
        #expect(throws: CalendarDayError.yearOutOfRange("2.1.0227", year: 227, range: 1900...2200)) { try CalendarDay.parse("2.1.0227") }
        #expect(throws: CalendarDayError.yearOutOfRange("1899-12-31", year: 1899, range: 1900...2200)) { try CalendarDay.parse("1899-12-31") }
        #expect(throws: CalendarDayError.yearOutOfRange("01.01.2201", year: 2201, range: 1900...2200)) { try CalendarDay.parse("01.01.2201") }
        #expect(CalendarDay(year: 1899, month: 12, day: 31) == nil)
        #expect(CalendarDay(year: 2201, month: 1, day: 1) == nil)
    }

    @Test("formats that are not dates", arguments: [
        "heute", "31.12", "31/12/2027", "12/31/2027", "2027", "20271231", "31.12.202", "31.12.20270", "2027-12-31Z",
        "2027-12-31T00:00:00Z", "2027-12-31T00:00:00+01:00", "2027-12-31 00", "2027-12-31 0:0", "31..12.2027",
        "31.12.2027.", "123.12.2027", "2027-123-1", "Q1 2027", "31.12.2027 abc", "2027-12-31T", "٣١.١٢.٢٠٢٧",
    ])
    func unrecognised(text: String) {
        #expect(throws: CalendarDayError.unrecognised(text)) { try CalendarDay.parse(text) }
    }

    @Test("blank cells", arguments: ["", "  ", "\t"])
    func empty(text: String) {
        #expect(throws: CalendarDayError.empty) { try CalendarDay.parse(text) }
    }

    @Test("leap years")
    func leapYears() {
        #expect(CalendarDay.isLeapYear(2028))
        #expect(CalendarDay.isLeapYear(2000))
        #expect(!CalendarDay.isLeapYear(2027))
        #expect(!CalendarDay.isLeapYear(2100))
        #expect(!CalendarDay.isLeapYear(1900))
        #expect(CalendarDay.daysInMonth(year: 2028, month: 2) == 29)
        #expect(CalendarDay.daysInMonth(year: 2027, month: 2) == 28)
        #expect((1...12).map { CalendarDay.daysInMonth(year: 2027, month: $0) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test("German and ISO formatting; description is ISO")
    func formatting() {
        #expect(day(2027, 2, 1).german == "01.02.2027")
        #expect(day(2027, 12, 31).german == "31.12.2027")
        #expect(day(2027, 2, 1).iso == "2027-02-01")
        #expect(day(1900, 1, 1).description == "1900-01-01")
        #expect("\(day(2030, 10, 3))" == "2030-10-03")
    }

    @Test("formatting round-trips for every day of a leap year and a common year")
    func roundTrip() throws {
        for year in [2027, 2028] {
            for month in 1...12 {
                for d in 1...CalendarDay.daysInMonth(year: year, month: month) {
                    let value = day(year, month, d)
                    #expect(try CalendarDay.parse(value.german) == value)
                    #expect(try CalendarDay.parse(value.iso) == value)
                    #expect(CalendarDay(iso: value.iso) == value)
                }
            }
        }
    }

    @Test("strict ISO initialiser")
    func strictISO() {
        #expect(CalendarDay(iso: "2027-02-01") == day(2027, 2, 1))
        for text in ["2027-2-1", "01.02.2027", "2027-02-30", "2027-02-01 00:00", " 2027-02-01", "20270201xx", "2027-0a-01"] {
            #expect(CalendarDay(iso: text) == nil, "\(text)")
        }
    }

    @Test("ordering is chronological")
    func ordering() {
        let days = [day(2028, 1, 1), day(2027, 12, 31), day(2027, 2, 1), day(2027, 1, 31)]
        #expect(days.sorted() == [day(2027, 1, 31), day(2027, 2, 1), day(2027, 12, 31), day(2028, 1, 1)])
        #expect(day(2027, 1, 1) < day(2027, 1, 2))
        #expect(!(day(2027, 1, 1) < day(2027, 1, 1)))
        #expect(Set([day(2027, 1, 1), day(2027, 1, 1), day(2027, 1, 2)]).count == 2)
    }

    @Test("Codable as the ISO string")
    func codable() throws {
        let value = ["start": day(2027, 3, 4)]
        let json = try JSONEncoder().encode(value)
        #expect(String(decoding: json, as: UTF8.self) == #"{"start":"2027-03-04"}"#)
        #expect(try JSONDecoder().decode([String: CalendarDay].self, from: json) == value)
        for bad in [#"{"start":"04.03.2027"}"#, #"{"start":"2027-02-30"}"#, #"{"start":20270304}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: CalendarDay].self, from: Data(bad.utf8)) }
        }
    }

    @Test("the day of a moment depends on the time zone")
    func fromDate() throws {
        // 2027-12-31 23:30 UTC is already 1 January in Berlin
        let moment = Date(timeIntervalSince1970: 1_830_295_800)
        #expect(CalendarDay(moment, timeZone: TimeZone(identifier: "UTC")!) == day(2027, 12, 31))
        #expect(CalendarDay(moment, timeZone: TimeZone(identifier: "Europe/Berlin")!) == day(2028, 1, 1))
    }

    @Test("error codes are stable")
    func codes() {
        let errors: [CalendarDayError] = [.empty, .unrecognised("x"), .invalidDate("31.02.2027"), .yearOutOfRange("1.1.1800", year: 1800, range: 1900...2200)]
        #expect(errors.map(\.code) == ["date.empty", "date.unrecognised", "date.invalid", "date.year_out_of_range"])
    }
}
