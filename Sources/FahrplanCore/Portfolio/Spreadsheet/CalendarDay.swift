import Foundation

/// Why a cell is not an acceptable date. The text is the cell as given, for the message.
public enum CalendarDayError: SpreadsheetError, Equatable {
    /// The cell is blank (callers decide whether that means "required" or "absent").
    case empty
    /// Not in any of the accepted formats.
    case unrecognised(String)
    /// In a known format but not a real date or time (`31.02.2027`, `13.13.2027`, `2027-01-01 25:00`).
    case invalidDate(String)
    /// A real date outside the years Fahrplan accepts (a typo like `2.1.0227` rather than a plan).
    case yearOutOfRange(String, year: Int, range: ClosedRange<Int>)

    public var code: String {
        switch self {
        case .empty: return "date.empty"
        case .unrecognised: return "date.unrecognised"
        case .invalidDate: return "date.invalid"
        case .yearOutOfRange: return "date.year_out_of_range"
        }
    }
}

/// A day in the calendar, without time or time zone: project starts, ends and legal deadlines are days,
/// and a `Date` would move them across midnight depending on the server's zone. Stored and encoded as the
/// ISO string `YYYY-MM-DD`, which also sorts correctly as text.
///
/// Parsing accepts what German spreadsheets contain: `31.12.2027`, `1.2.2027`, `31.12.27` (two-digit years
/// are 2000 + yy: plans lie in the future), `2027-12-31`, and date-times as Excel exports them
/// (`2027-12-31 00:00:00`, `2027-12-31T00:00`, `31.12.2027 00:00`) — the time must be valid and is dropped.
/// Time zone suffixes are refused, since they could change the day.
public struct CalendarDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date may have; anything else is almost certainly a typo.
    public static let validYears = 1900...2200

    /// A day, or nil when it does not exist or lies outside `validYears`.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.validYears.contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A strict ISO day (`2027-12-31`), as stored; nil for anything else.
    public init?(iso text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Self.number(b[0..<4]), let m = Self.number(b[5..<7]), let d = Self.number(b[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day of a moment in the given time zone (Fahrplan's municipalities use Europe/Berlin).
    public init?(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let y = parts.year, let m = parts.month, let d = parts.day else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A day in any accepted format, or nil; for callers that only need to know whether it is one.
    public init?(parsing text: String) {
        guard let day = try? Self.parse(text) else { return nil }
        self = day
    }

    /// A day as typed into a spreadsheet cell (see the type's documentation for the formats).
    public static func parse(_ text: String) throws(CalendarDayError) -> CalendarDay {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .empty }
        var scanner = DayScanner(Array(trimmed.utf8))
        guard let parts = scanner.date(), scanner.timeOrEnd() else { throw .unrecognised(text) }
        guard scanner.timeIsValid else { throw .invalidDate(text) }
        guard validYears.contains(parts.year) else {
            if (1...12).contains(parts.month), (1...31).contains(parts.day) {
                throw .yearOutOfRange(text, year: parts.year, range: validYears)
            }
            throw .invalidDate(text)
        }
        guard let day = CalendarDay(year: parts.year, month: parts.month, day: parts.day) else {
            throw .invalidDate(text)
        }
        return day
    }

    /// `31.12.2027`
    public var german: String { Self.pad(day) + "." + Self.pad(month) + "." + String(year) }
    /// `2027-12-31`
    public var iso: String { String(year) + "-" + Self.pad(month) + "-" + Self.pad(day) }
    public var description: String { iso }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = CalendarDay(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not an ISO day (YYYY-MM-DD): \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// A small cursor over the ASCII bytes of a date cell.
private struct DayScanner {
    let b: [UInt8]
    var i = 0
    private(set) var timeIsValid = true

    init(_ bytes: [UInt8]) { b = bytes }

    private func peek(_ offset: Int = 0) -> UInt8? { i + offset < b.count ? b[i + offset] : nil }

    private mutating func skipSpaces() { while peek() == UInt8(ascii: " ") { i += 1 } }

    private mutating func expect(_ ascii: Unicode.Scalar) -> Bool {
        guard peek() == UInt8(ascii: ascii) else { return false }
        i += 1
        return true
    }

    /// Reads a run of digits whose length is in `lengths`.
    private mutating func digits(_ lengths: ClosedRange<Int>) -> (value: Int, length: Int)? {
        var value = 0, length = 0
        while let byte = peek(), (0x30...0x39).contains(byte), length < lengths.upperBound {
            value = value * 10 + Int(byte - 0x30)
            length += 1
            i += 1
        }
        if let byte = peek(), (0x30...0x39).contains(byte) { return nil }
        return lengths.contains(length) ? (value, length) : nil
    }

    /// `D.M.YYYY`, `D.M.YY` (spaces allowed after the dots) or `YYYY-M-D`.
    mutating func date() -> (year: Int, month: Int, day: Int)? {
        guard let first = digits(1...4) else { return nil }
        if first.length == 4 {
            guard expect("-"), let month = digits(1...2), expect("-"), let day = digits(1...2) else { return nil }
            return (first.value, month.value, day.value)
        }
        guard first.length <= 2, expect(".") else { return nil }
        skipSpaces()
        guard let month = digits(1...2), expect(".") else { return nil }
        skipSpaces()
        guard let year = digits(2...4), year.length != 3 else { return nil }
        return (year.length == 2 ? 2000 + year.value : year.value, month.value, first.value)
    }

    /// Nothing more, or a separator (`T` or spaces) and `H:MM`, `H:MM:SS` or `H:MM:SS.fff`.
    mutating func timeOrEnd() -> Bool {
        if i == b.count { return true }
        if peek() == UInt8(ascii: "T") { i += 1 } else {
            guard peek() == UInt8(ascii: " ") else { return false }
            skipSpaces()
        }
        guard let hour = digits(1...2), expect(":"), let minute = digits(2...2) else { return false }
        var second = 0
        if expect(":") {
            guard let s = digits(2...2) else { return false }
            second = s.value
            if expect(".") {
                guard digits(1...9) != nil else { return false }
            }
        }
        guard i == b.count else { return false }
        timeIsValid = hour.value < 24 && minute.value < 60 && second < 60
        return true
    }
}
