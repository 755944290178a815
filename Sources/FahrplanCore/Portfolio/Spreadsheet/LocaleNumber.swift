import Foundation

/// Why a cell is not an acceptable number. The text is the cell as given, for the message.
public enum LocaleNumberError: SpreadsheetError, Equatable {
    /// The cell is blank (callers decide whether that means "required" or "absent").
    case empty
    case notANumber(String)
    /// A well-formed number with a minus sign: costs and staff can't be negative, and saying so is more
    /// helpful than "not a number".
    case negative(String)
    /// More decimal places than the unit keeps (cents, hundredths of a full-time equivalent).
    case tooPrecise(String, maxDecimals: Int)
    /// Too many digits to store.
    case tooLarge(String)

    public var code: String {
        switch self {
        case .empty: return "number.empty"
        case .notANumber: return "number.invalid"
        case .negative: return "number.negative"
        case .tooPrecise: return "number.too_precise"
        case .tooLarge: return "number.too_large"
        }
    }
}

/// Non-negative numbers as German users type them into spreadsheets, and back.
///
/// Accepted: `1.234,56`, `1234,56`, `0,5`, `,5`, `1234.56`, `1.5`, `1,234.56` (English), `1.234.567`,
/// `1 234,56` (spaces, also non-breaking and narrow ones, group thousands), `5,-` (German price notation for
/// `5,00`), a leading `+`, and `€`, `EUR` or `Euro` before or after the number.
///
/// Which mark is the decimal separator: with both `.` and `,` the last one is; a mark that occurs more
/// than once groups thousands; a single `,` is decimal (German); a single `.` is decimal — except when it is
/// followed by exactly three digits and preceded by one to three digits not starting with 0 (`1.234`,
/// `12.500`), which German users mean as a thousands separator. So `1.234` is 1234 but `1.5` is 1.5 and
/// `1234.567` is 1234.567. Thousands groups must have exactly three digits (`1.23.4` is refused).
///
/// Cents and hundredths are never rounded: a third significant decimal is refused (`tooPrecise`), because
/// `12,345 €` is more likely a mistyped `12.345` than a sum that wants rounding.
public enum LocaleNumber {
    /// The value of a cell.
    public static func parse(_ text: String) throws(LocaleNumberError) -> Decimal {
        let number = try scan(text)
        let integer = number.integer.isEmpty ? "0" : String(decoding: number.integer, as: UTF8.self)
        let fraction = number.fraction.isEmpty ? "" : "." + String(decoding: number.fraction, as: UTF8.self)
        return Decimal(string: integer + fraction, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    /// An amount of money in cents (`1.234,56 €` → 123456).
    public static func cents(_ text: String) throws(LocaleNumberError) -> Int64 {
        try scaled(text, decimals: 2)
    }

    /// Staff effort in hundredths of a full-time equivalent (`0,5` → 50).
    public static func hundredths(_ text: String) throws(LocaleNumberError) -> Int {
        guard let value = Int(exactly: try scaled(text, decimals: 2)) else { throw .tooLarge(text) }
        return value
    }

    /// German style without thousands separators and without trailing zeros (`1234,56`, `0,5`, `12`).
    public static func german(_ value: Decimal) -> String {
        value.description.replacingOccurrences(of: ".", with: ",")
    }

    /// Money for export: whole euros without decimals (`12`), otherwise always two (`1234,50`).
    public static func german(cents: Int64) -> String {
        let magnitude = cents.magnitude
        let sign = cents < 0 ? "-" : ""
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(magnitude / 100)" }
        return "\(sign)\(magnitude / 100)," + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// Effort for export, without trailing zeros (`0,5`, `1,25`, `2`).
    public static func german(hundredths: Int) -> String {
        let magnitude = hundredths.magnitude
        let sign = hundredths < 0 ? "-" : ""
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(magnitude / 100)" }
        if fraction % 10 == 0 { return "\(sign)\(magnitude / 100),\(fraction / 10)" }
        return "\(sign)\(magnitude / 100)," + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    // MARK: - Scanning

    /// Digits (ASCII) before and after the decimal separator, leading zeros of the integer part removed.
    struct Digits {
        var integer: [UInt8]
        var fraction: [UInt8]
    }

    /// Beyond 30 digits Decimal loses precision; no real cost or effort comes near it.
    static let maxDigits = 30

    private static let minusSigns: Set<Unicode.Scalar> = ["-", "\u{2212}", "\u{2013}"]
    /// Longest first, so that `Euro` is not taken for `EUR` plus a stray `o`.
    private static let currencies = ["euro", "eur", "€"]

    static func scan(_ text: String) throws(LocaleNumberError) -> Digits {
        var s = Array(text.unicodeScalars)
        trim(&s)
        if s.isEmpty { throw .empty }
        var currency = false, signed = false, negative = false
        while true {
            if !currency, stripCurrency(&s, atEnd: false) { currency = true; trim(&s); continue }
            if !signed, let first = s.first, first == "+" || minusSigns.contains(first) {
                signed = true
                negative = first != "+"
                s.removeFirst()
                trim(&s)
                continue
            }
            break
        }
        if !currency, stripCurrency(&s, atEnd: true) { trim(&s) }
        guard let digits = body(s) else { throw .notANumber(text) }
        if digits.integer.count + digits.fraction.count > maxDigits { throw .tooLarge(text) }
        if negative, digits.integer.contains(where: { $0 != 0x30 }) || digits.fraction.contains(where: { $0 != 0x30 }) {
            throw .negative(text)
        }
        return digits
    }

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s == "\u{202F}" || s == "\u{2007}"
    }

    private static func trim(_ s: inout [Unicode.Scalar]) {
        while let last = s.last, isSpace(last) { s.removeLast() }
        let leading = s.prefix(while: isSpace).count
        if leading > 0 { s.removeFirst(leading) }
    }

    private static func stripCurrency(_ s: inout [Unicode.Scalar], atEnd: Bool) -> Bool {
        for currency in currencies {
            let length = currency.unicodeScalars.count
            guard s.count >= length else { continue }
            let part = atEnd ? s.suffix(length) : s.prefix(length)
            guard String(String.UnicodeScalarView(part)).lowercased() == currency else { continue }
            if atEnd { s.removeLast(length) } else { s.removeFirst(length) }
            return true
        }
        return false
    }

    /// Splits the number into digit runs and the marks between them, then decides what the marks mean.
    private static func body(_ s: [Unicode.Scalar]) -> Digits? {
        var scalars = s
        // `5,-` and `5,--` (also with a dash) are German for "5 euros and no cents".
        while let last = scalars.last, minusSigns.contains(last) { scalars.removeLast() }
        if scalars.count < s.count {
            guard s.count - scalars.count <= 2, scalars.last == "," else { return nil }
            scalars.append("0")
        }
        var runs: [[UInt8]] = [[]]
        var marks: [Unicode.Scalar] = []
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                runs[runs.count - 1].append(UInt8(scalar.value))
            } else if scalar == "." || scalar == "," || isSpace(scalar) {
                let mark: Unicode.Scalar = isSpace(scalar) ? " " : scalar
                if mark == " ", marks.last == " ", runs[runs.count - 1].isEmpty { continue }
                marks.append(mark)
                runs.append([])
            } else {
                return nil
            }
        }
        guard !runs.dropFirst().contains(where: \.isEmpty), runs.contains(where: { !$0.isEmpty }) else { return nil }
        guard let last = marks.last else { return Digits(integer: stripZeros(runs[0]), fraction: []) }

        let kinds = Set(marks)
        var decimal: Unicode.Scalar? = nil
        var thousands: Unicode.Scalar? = nil
        switch kinds.count {
        case 1 where last == " ":
            thousands = " "
        case 1 where marks.count > 1:
            thousands = last
        case 1 where last == ",":
            decimal = ","
        case 1:
            let isGrouping = runs[1].count == 3 && (1...3).contains(runs[0].count) && runs[0].first != 0x30
            if isGrouping { thousands = "." } else { decimal = "." }
        case 2:
            guard last != " ", marks.filter({ $0 == last }).count == 1 else { return nil }
            decimal = last
            thousands = kinds.first { $0 != last }
        default:
            return nil
        }
        let integerRuns = decimal == nil ? runs : Array(runs.dropLast())
        if thousands != nil, integerRuns.count > 1 {
            guard (1...3).contains(integerRuns[0].count), integerRuns.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let integer = integerRuns.flatMap { $0 }
        if decimal == nil && integer.isEmpty { return nil }
        return Digits(integer: stripZeros(integer), fraction: decimal == nil ? [] : runs[runs.count - 1])
    }

    private static func stripZeros(_ digits: [UInt8]) -> [UInt8] {
        Array(digits.drop { $0 == 0x30 })
    }

    private static func scaled(_ text: String, decimals: Int) throws(LocaleNumberError) -> Int64 {
        let number = try scan(text)
        var fraction = number.fraction
        while fraction.last == 0x30 { fraction.removeLast() }
        if fraction.count > decimals { throw .tooPrecise(text, maxDecimals: decimals) }
        fraction += repeatElement(0x30, count: decimals - fraction.count)
        var value: Int64 = 0
        for digit in number.integer + fraction {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit - 0x30))
            if o1 || o2 { throw .tooLarge(text) }
            value = sum
        }
        return value
    }
}
