@testable import FahrplanCore
import Foundation
import Testing

@Suite("CSVWriter: exports for Excel")
struct CSVWriterTests {
    let writer = CSVWriter()

    @Test("defaults: semicolon, CRLF after every record, UTF-8 BOM")
    func defaults() {
        #expect(writer.separator == .semicolon)
        #expect(writer.byteOrderMark)
        #expect(writer.string([["Titel", "Kosten"], ["Portal", "1234,56"]]) == "\u{FEFF}Titel;Kosten\r\nPortal;1234,56\r\n")
        let data = writer.data([["Größe"]])
        #expect(Array(data) == [0xEF, 0xBB, 0xBF] + Array("Größe\r\n".utf8))
    }

    @Test("without BOM and with another separator")
    func options() {
        let comma = CSVWriter(separator: .comma, byteOrderMark: false)
        #expect(comma.string([["a;b", "c,d"]]) == "a;b,\"c,d\"\r\n")
        let tab = CSVWriter(separator: .tab, byteOrderMark: false)
        #expect(tab.string([["a b", "c"]]) == "a b\tc\r\n")
        #expect(tab.field("x\ty") == "\"x\ty\"")
        #expect(CSVWriter(byteOrderMark: false).string([[String]]()) == "")
    }

    @Test("quoting only when needed", arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a;b", "\"a;b\""),
        ("a,b", "a,b"),
        ("sagte \"hallo\"", "\"sagte \"\"hallo\"\"\""),
        ("\"", "\"\"\"\""),
        ("Zeile 1\nZeile 2", "\"Zeile 1\nZeile 2\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("a\rb", "\"a\rb\""),
        (" führend", "\" führend\""),
        ("folgend ", "\"folgend \""),
        ("x\t", "\"x\t\""),
        ("in der Mitte", "in der Mitte"),
        ("sep=;", "\"sep=;\""),
        ("SEP=,", "\"SEP=,\""),
        ("Größe „x“ 😀", "Größe „x“ 😀"),
    ])
    func quoting(cell: String, expected: String) {
        #expect(writer.field(cell) == expected)
    }

    @Test("formula prefixes get an apostrophe (OWASP CSV injection)", arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+49 30 123456", "'+49 30 123456"),
        ("-5", "'-5"),
        ("- Punkt eins", "'- Punkt eins"),
        ("@Stadt", "'@Stadt"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "\"'\r=1+1\""),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("'=x", "''=x"),
        ("''-x", "'''-x"),
        ("=a;b", "\"'=a;b\""),
        ("'abc", "'abc"),
        ("'", "'"),
        ("a=b", "a=b"),
        (" =1", "\" =1\""),
    ])
    func neutralising(cell: String, expected: String) {
        #expect(writer.field(cell) == expected)
    }

    @Test("a line is its cells plus CRLF; an empty record is an empty line")
    func line() {
        #expect(writer.line(["a", "", "c"]) == "a;;c\r\n")
        #expect(writer.line([]) == "\r\n")
        #expect(writer.line([""]) == "\r\n")
    }

    @Test("German numbers and dates written by the other helpers are not quoted and read back")
    func helpersInCells() throws {
        let text = writer.string([["Kosten", "VZÄ", "Beginn"],
                                  [LocaleNumber.german(cents: 123_456), LocaleNumber.german(hundredths: 50),
                                   CalendarDay(year: 2027, month: 2, day: 1)!.german]])
        #expect(text == "\u{FEFF}Kosten;VZÄ;Beginn\r\n1234,56;0,5;01.02.2027\r\n")
        let record = try CSVTable(parsing: text).records[0]
        #expect(try LocaleNumber.cents(record[0]) == 123_456)
        #expect(try LocaleNumber.hundredths(record[1]) == 50)
        #expect(try CalendarDay.parse(record[2]) == CalendarDay(year: 2027, month: 2, day: 1))
    }

    static let pieces = [
        "a", "Z", "7", "ä", "ß", "€", "„", "“", "😀", " ", "  ", "\t", ";", ",", "\"", "\"\"", "'", "''",
        "\n", "\r", "\r\n", "=", "+", "-", "@", "=SUM(A1)", "+HYPERLINK(\"x\")", "-2+3+cmd|' /C calc'!A0",
        "@SUM(1)", "sep=", "sep=;", "Text", "1.234,56", "\u{A0}", "\u{FEFF}",
    ]

    static func randomCell(_ rng: inout SplitMix64) -> String {
        let count = Int.random(in: 0...5, using: &rng)
        return (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    @Test("round trip: random records → write → decode → parse → unescape = original", arguments: CSVSeparator.allCases)
    func roundTrip(separator: CSVSeparator) throws {
        var rng = SplitMix64(seed: 0xF4A7_2027 &+ UInt64(separator.rawValue.utf8.first!))
        for _ in 0..<150 {
            let columns = Int.random(in: 1...6, using: &rng)
            // header cells contain a quote, so they are always quoted and detection sees only separators
            let header = (0..<columns).map { "Spalte \($0) \"\(Self.pieces.randomElement(using: &rng)!.trimmingCharacters(in: .whitespacesAndNewlines))\"" }
            var records: [[String]] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                var record = (0..<columns).map { _ in Self.randomCell(&rng) }
                // records of only blanks are skipped by design, so give each one some content
                if record.allSatisfy({ $0.allSatisfy { $0 == " " || $0 == "\t" } }) { record[0] += "x" }
                records.append(record)
            }
            let writer = CSVWriter(separator: separator, byteOrderMark: Bool.random(using: &rng))
            let bytes = [UInt8](writer.data([header] + records))
            let text = try SpreadsheetText(decoding: bytes)
            #expect(text.encoding == .utf8)
            // one column has no separator to detect, so the reader has to be told
            let table = try CSVTable(parsing: text.text, separator: columns == 1 ? separator : nil)
            #expect(table.separator == separator)
            #expect(table.header == header.map { $0.trimmingCharacters(in: .whitespaces) })
            let read = table.records.map { $0.cells.map(FormulaGuard.unescape) }
            #expect(read == records, "\(bytes)")
            // every exported cell that does not start with white space (stored text is trimmed) is accepted
            for (written, original) in zip(table.records.flatMap(\.cells), records.flatMap { $0 })
            where original.unicodeScalars.first.map({ !$0.properties.isWhitespace }) ?? true {
                #expect(!FormulaGuard.isFormula(written), "\(original.debugDescription) → \(written.debugDescription)")
            }
        }
    }
}
