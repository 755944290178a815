@testable import FahrplanCore
import Foundation
import Testing

@Suite("LocaleNumber: numbers as German users type them")
struct LocaleNumberTests {
    func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    @Test("accepted spellings", arguments: [
        ("1.234,56", "1234.56"), ("1234,56", "1234.56"), ("1234.56", "1234.56"), ("1,234.56", "1234.56"),
        ("1.234", "1234"), ("12.500", "12500"), ("123.456", "123456"), ("1.234.567", "1234567"),
        ("1.234.567,89", "1234567.89"), ("1,234,567", "1234567"), ("1,234,567.5", "1234567.5"),
        ("0,5", "0.5"), ("1.5", "1.5"), ("1.50", "1.5"), ("0.123", "0.123"), ("1234.567", "1234.567"),
        ("1,234", "1.234"), (",5", "0.5"), (".5", "0.5"), ("12", "12"), ("0", "0"), ("007", "7"),
        ("1 234,56", "1234.56"), ("1\u{A0}234,56", "1234.56"), ("1\u{202F}234", "1234"), ("1 234 567", "1234567"),
        ("1 234.5", "1234.5"),
        ("1.234,56 €", "1234.56"), ("€ 1.234,56", "1234.56"), ("€1234", "1234"), ("1234€", "1234"),
        ("EUR 5", "5"), ("5 EUR", "5"), ("5 eur", "5"), ("5 Euro", "5"), ("5\u{A0}€", "5"),
        ("+5", "5"), ("+ 5", "5"), ("€ +5", "5"), ("+€5", "5"), ("  12,5  ", "12.5"), ("\t3\n", "3"),
        ("5,-", "5"), ("5,--", "5"), ("1.234,– €", "1234"), ("-0", "0"), ("-0,00 €", "0"),
    ])
    func accepted(text: String, expected: String) throws {
        #expect(try LocaleNumber.parse(text) == decimal(expected))
    }

    @Test("'1.234' is a thousand, '1.5' and '1234.567' are decimals")
    func thousandsOrDecimal() throws {
        #expect(try LocaleNumber.parse("1.234") == 1234)
        #expect(try LocaleNumber.parse("1.5") == decimal("1.5"))
        #expect(try LocaleNumber.parse("1.2345") == decimal("1.2345"))
        #expect(try LocaleNumber.parse("1.23") == decimal("1.23"))
        #expect(try LocaleNumber.parse("0.500") == decimal("0.5"))
        #expect(try LocaleNumber.cents("1.234") == 123_400)
    }

    @Test("garbage is not a number", arguments: [
        "abc", "1,2,3", "12.34.56", "1.23.4", "1..2", "1,,2", "1.", "5,", ".", ",", "€", "EUR", "+", "1e5",
        "1,234.567,8", "1.234 567", "12 34", "1 234.567,5", "5 € 5", "€ 5 €", "5 Euros", "++5", "+-5", "5-",
        "5,---", "1.5,-", "0x10", "Zwölf", "1/2", "5 %", "(5)", "12:30",
    ])
    func garbage(text: String) {
        #expect(throws: LocaleNumberError.notANumber(text)) { try LocaleNumber.parse(text) }
    }

    @Test("negative numbers are refused as such, negative garbage as garbage", arguments: ["-5", "- 5", "-1.234,56 €", "€ -5", "−5", "–5", "-0,01"])
    func negative(text: String) {
        #expect(throws: LocaleNumberError.negative(text)) { try LocaleNumber.parse(text) }
        #expect(throws: LocaleNumberError.negative(text)) { try LocaleNumber.cents(text) }
    }

    @Test("negative garbage is garbage")
    func negativeGarbage() {
        #expect(throws: LocaleNumberError.notANumber("-abc")) { try LocaleNumber.parse("-abc") }
        #expect(throws: LocaleNumberError.notANumber("--5")) { try LocaleNumber.parse("--5") }
    }

    @Test("blank cells", arguments: ["", " ", "\u{A0}", "\t\n"])
    func empty(text: String) {
        #expect(throws: LocaleNumberError.empty) { try LocaleNumber.parse(text) }
        #expect(throws: LocaleNumberError.empty) { try LocaleNumber.hundredths(text) }
    }

    @Test("cents", arguments: [
        ("1.234,56 €", 123_456 as Int64), ("0,5", 50), ("0,05", 5), ("12", 1200), ("1.234", 123_400),
        ("12,500", 1250), ("5,-", 500), ("0", 0), ("92.233.720.368.547.758,07", Int64.max),
    ])
    func cents(text: String, expected: Int64) throws {
        #expect(try LocaleNumber.cents(text) == expected)
    }

    @Test("cents are never rounded: a third significant decimal is refused")
    func centsPrecision() {
        #expect(throws: LocaleNumberError.tooPrecise("12,345", maxDecimals: 2)) { try LocaleNumber.cents("12,345") }
        #expect(throws: LocaleNumberError.tooPrecise("0,001", maxDecimals: 2)) { try LocaleNumber.cents("0,001") }
        #expect(throws: LocaleNumberError.tooPrecise("1234.567", maxDecimals: 2)) { try LocaleNumber.cents("1234.567") }
    }

    @Test("too many digits")
    func tooLarge() throws {
        #expect(throws: LocaleNumberError.tooLarge("92233720368547758,08")) { try LocaleNumber.cents("92233720368547758,08") }
        let digits = String(repeating: "9", count: 31)
        #expect(throws: LocaleNumberError.tooLarge(digits)) { try LocaleNumber.parse(digits) }
        #expect(try LocaleNumber.parse(String(repeating: "9", count: 30)) > 0)
    }

    @Test("hundredths of a full-time equivalent", arguments: [
        ("0,5", 50), ("1", 100), ("1,25", 125), ("0.75", 75), ("2,50", 250), ("0,01", 1),
    ])
    func hundredths(text: String, expected: Int) throws {
        #expect(try LocaleNumber.hundredths(text) == expected)
    }

    @Test("hundredths refuse a third decimal")
    func hundredthsPrecision() {
        #expect(throws: LocaleNumberError.tooPrecise("0,125", maxDecimals: 2)) { try LocaleNumber.hundredths("0,125") }
    }

    @Test("German formatting without thousands separators")
    func formatting() {
        #expect(LocaleNumber.german(cents: 123_456) == "1234,56")
        #expect(LocaleNumber.german(cents: 123_450) == "1234,50")
        #expect(LocaleNumber.german(cents: 5) == "0,05")
        #expect(LocaleNumber.german(cents: 1200) == "12")
        #expect(LocaleNumber.german(cents: 0) == "0")
        #expect(LocaleNumber.german(cents: -150) == "-1,50")
        #expect(LocaleNumber.german(cents: .min) == "-92233720368547758,08")
        #expect(LocaleNumber.german(hundredths: 50) == "0,5")
        #expect(LocaleNumber.german(hundredths: 125) == "1,25")
        #expect(LocaleNumber.german(hundredths: 105) == "1,05")
        #expect(LocaleNumber.german(hundredths: 200) == "2")
        #expect(LocaleNumber.german(decimal("1234.56")) == "1234,56")
        #expect(LocaleNumber.german(decimal("0.5")) == "0,5")
        #expect(LocaleNumber.german(12) == "12")
    }

    @Test("formatting round-trips through the parser")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            let cents = Int64.random(in: 0...10_000_000_000, using: &rng)
            #expect(try LocaleNumber.cents(LocaleNumber.german(cents: cents)) == cents)
            let hundredths = Int.random(in: 0...100_000, using: &rng)
            #expect(try LocaleNumber.hundredths(LocaleNumber.german(hundredths: hundredths)) == hundredths)
            let value = Decimal(cents) / 1000
            #expect(try LocaleNumber.parse(LocaleNumber.german(value)) == value)
        }
        // the ambiguous case: exactly three decimals after a short integer part must still come back
        #expect(try LocaleNumber.parse(LocaleNumber.german(decimal("1.234"))) == decimal("1.234"))
    }

    @Test("error codes are stable")
    func codes() {
        let errors: [LocaleNumberError] = [.empty, .notANumber("x"), .negative("-1"), .tooPrecise("1,234", maxDecimals: 2), .tooLarge("9")]
        #expect(errors.map(\.code) == ["number.empty", "number.invalid", "number.negative", "number.too_precise", "number.too_large"])
    }
}
