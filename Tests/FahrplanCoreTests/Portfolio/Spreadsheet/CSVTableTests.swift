@testable import FahrplanCore
import Foundation
import Testing

@Suite("CSVTable: parsing spreadsheets")
struct CSVTableTests {
    func parse(_ text: String, separator: CSVSeparator? = nil, maxDataRows: Int = CSVTable.defaultMaxDataRows,
               maxFieldLength: Int = CSVTable.defaultMaxFieldLength) throws(CSVError) -> CSVTable {
        try CSVTable(parsing: text, separator: separator, maxDataRows: maxDataRows, maxFieldLength: maxFieldLength)
    }

    func rows(_ table: CSVTable) -> [Int] { table.records.map(\.row) }
    func cells(_ table: CSVTable) -> [[String]] { table.records.map(\.cells) }

    @Test("German Excel: semicolons and CRLF")
    func semicolon() throws {
        let table = try parse("Titel;Kosten;Beginn\r\nPortal;1.234,56;01.02.2027\r\nE-Akte;0,5;\r\n")
        #expect(table.separator == .semicolon)
        #expect(table.header == ["Titel", "Kosten", "Beginn"])
        #expect(table.headerRow == 1)
        #expect(cells(table) == [["Portal", "1.234,56", "01.02.2027"], ["E-Akte", "0,5", ""]])
        #expect(rows(table) == [2, 3])
    }

    @Test("English CSV with commas and tab-separated text are detected")
    func commaAndTab() throws {
        let comma = try parse("Title,Cost\nPortal,1234.56\n")
        #expect(comma.separator == .comma)
        #expect(cells(comma) == [["Portal", "1234.56"]])
        let tab = try parse("Titel\tKosten\nPortal\t1,5\n")
        #expect(tab.separator == .tab)
        #expect(cells(tab) == [["Portal", "1,5"]])
    }

    @Test("separators inside quotes do not count for detection")
    func detectionIgnoresQuotes() throws {
        let semicolon = try parse("\"Titel, lang\";\"Kosten, einmalig, brutto\";Beginn\n\"a, b\";1,5;x\n")
        #expect(semicolon.separator == .semicolon)
        #expect(semicolon.header == ["Titel, lang", "Kosten, einmalig, brutto", "Beginn"])
        #expect(cells(semicolon) == [["a, b", "1,5", "x"]])
        let comma = try parse("\"Titel;lang\",\"Kosten;einmalig;brutto\",Beginn\n\"a;b\",2,x\n")
        #expect(comma.separator == .comma)
        #expect(comma.header == ["Titel;lang", "Kosten;einmalig;brutto", "Beginn"])
        #expect(CSVSeparator.detect(in: "\"a\tb\tc\",d,e\n") == .comma)
        #expect(CSVSeparator.detect(in: "a,b;c\td\n") == .semicolon)
        // a quote inside a cell is literal, as for the parser; it does not hide what follows
        #expect(CSVSeparator.detect(in: "Bildschirm 24\",Preis,Anzahl\n") == .comma)
        #expect(CSVSeparator.detect(in: "\"a\"\"b;c\";d,e,f\n") == .comma)
        #expect(CSVSeparator.detect(in: "\"a\nb\",c,d\n") == .comma)
    }

    @Test("ties and single columns default to the semicolon; blank lines before the header are skipped")
    func detectionDefaults() {
        #expect(CSVSeparator.detect(in: "Titel\nA,B\n") == .semicolon)
        #expect(CSVSeparator.detect(in: "") == .semicolon)
        #expect(CSVSeparator.detect(in: "a;b,c\n") == .semicolon)
        #expect(CSVSeparator.detect(in: "a\tb,c\n") == .tab)
        #expect(CSVSeparator.detect(in: "\n\n  \n,,\na,b\n") == .comma)
        #expect(CSVSeparator.detect(in: "sep=,\na;b;c\n") == .comma)
    }

    @Test("a given separator overrides detection")
    func explicitSeparator() throws {
        let table = try parse("a,b;c\n1,2;3\n", separator: .comma)
        #expect(table.header == ["a", "b;c"])
        #expect(cells(table) == [["1", "2;3"]])
    }

    @Test("Excel's sep= line sets the separator and is not a row")
    func sepLine() throws {
        let table = try parse("sep=,\r\nTitel,Kosten\r\nA,1\r\n")
        #expect(table.separator == .comma)
        #expect(table.header == ["Titel", "Kosten"])
        #expect(table.headerRow == 1)
        #expect(rows(table) == [2])
        #expect(try parse("SEP=;\nA;B\n1;2").header == ["A", "B"])
        #expect(try parse("sep=\t\nA\tB\n").separator == .tab)
        // only a complete directive line counts
        #expect(try parse("sep=;x\n1\n").header == ["sep=", "x"])
    }

    @Test("quoted cells: separators, doubled quotes, empty quotes")
    func quoting() throws {
        let table = try parse("A;B;C\n\"x;y\";\"sagte \"\"hallo\"\"\";\"\"\n\"\"\"\";\"a\"\"\";z\n")
        #expect(cells(table) == [["x;y", "sagte \"hallo\"", ""], ["\"", "a\"", "z"]])
    }

    @Test("line breaks inside quotes keep the row numbers of what follows right")
    func quotedNewlines() throws {
        let text = "Titel;Beschreibung\r\nA;\"Zeile 1\r\nZeile 2\nZeile 3\rZeile 4\"\r\nB;\"\n\n\"\r\nC;x\r\n"
        let table = try parse(text)
        #expect(cells(table) == [["A", "Zeile 1\r\nZeile 2\nZeile 3\rZeile 4"], ["B", "\n\n"], ["C", "x"]])
        #expect(rows(table) == [2, 3, 4])
    }

    @Test("LF, CRLF, lone CR and a missing final line end", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) throws {
        let table = try parse(["H1;H2", "a;b", "c;d"].joined(separator: end))
        #expect(cells(table) == [["a", "b"], ["c", "d"]])
        #expect(rows(table) == [2, 3])
        let trailing = try parse(["H1;H2", "a;b", ""].joined(separator: end))
        #expect(cells(trailing) == [["a", "b"]])
    }

    @Test("blank records are skipped but count as rows, like Excel shows them")
    func blankRecords() throws {
        let table = try parse("\r\n\r\nH1;H2;H3\r\n\r\n;;\r\n  ; \t;\r\n\"\";\"\"\r\na;b;c\r\n;;x\r\n\r\n")
        #expect(table.headerRow == 3)
        #expect(cells(table) == [["a", "b", "c"], ["", "", "x"]])
        #expect(rows(table) == [8, 9])
    }

    @Test("header cells are trimmed, trailing empty ones dropped")
    func headerCleanup() throws {
        let table = try parse("  Titel ; Kosten\t;;\r\nA;1;;\r\n")
        #expect(table.header == ["Titel", "Kosten"])
        #expect(cells(table) == [["A", "1"]])
        #expect(table.column(named: "kosten") == 1)
        #expect(table.column(named: " TITEL ") == 0)
        #expect(table.column(named: "Ende") == nil)
    }

    @Test("data cells keep their spaces")
    func dataNotTrimmed() throws {
        #expect(cells(try parse("A;B\n  x ; \" y \"\n")) == [["  x ", " \" y \""]])
    }

    @Test("fewer cells than the header are padded with empty cells")
    func fewerCells() throws {
        let table = try parse("A;B;C\n1\n1;2\n")
        #expect(cells(table) == [["1", "", ""], ["1", "2", ""]])
        #expect(table.records[0][2] == "")
        #expect(table.records[0][99] == "")
    }

    @Test("empty cells beyond the header are ignored, non-empty ones are an error naming the row")
    func moreCells() throws {
        #expect(cells(try parse("A;B\n1;2;;\n")) == [["1", "2"]])
        #expect(throws: CSVError.tooManyCells(row: 3, cells: 4, columns: 2)) {
            try parse("A;B\n1;2\n1;2;;x;\n")
        }
        #expect(throws: CSVError.tooManyCells(row: 2, cells: 3, columns: 2)) { try parse("A;B;\n1;2;\"x\"\n") }
    }

    @Test("an unterminated quote names the row and column where it starts")
    func unterminated() {
        #expect(throws: CSVError.unterminatedQuote(row: 3, column: 1)) {
            try parse("A;B\n1;2\n3;\"offen\n4;5\n6;7\n")
        }
        #expect(throws: CSVError.unterminatedQuote(row: 1, column: 0)) { try parse("\"A;B\n") }
        #expect(throws: CSVError.unterminatedQuote(row: 2, column: 0)) { try parse("A\n\"x\"\"\n") }
    }

    @Test("Excel leniency: a quote inside an unquoted cell is literal, text after a closing quote is kept")
    func lenient() throws {
        #expect(cells(try parse("A;B\n5\" Monitor;x\"y\n")) == [["5\" Monitor", "x\"y"]])
        #expect(cells(try parse("A;B\n\"ab\"cd;\"a\"\"b\" c\n")) == [["abcd", "a\"b c"]])
    }

    @Test("a separator at the end of the last line makes an empty last cell")
    func trailingSeparator() throws {
        #expect(cells(try parse("A;B\nx;")) == [["x", ""]])
    }

    @Test("a BOM left in the text is ignored")
    func bom() throws {
        let table = try parse("\u{FEFF}Titel;Kosten\n1;2\n")
        #expect(table.header == ["Titel", "Kosten"])
        #expect(try parse("\u{FEFF}sep=,\nA,B\n").separator == .comma)
    }

    @Test("Unicode content survives")
    func unicode() throws {
        let table = try parse("Größe;Emoji\n„Straße“;😀👩‍💻\n")
        #expect(table.header == ["Größe", "Emoji"])
        #expect(cells(table) == [["„Straße“", "😀👩‍💻"]])
    }

    @Test("no header: empty or blank input", arguments: ["", "\n", "\r\n\r\n", ";;;\n;;\n", " \t \n", "\"\";\"\"\n"])
    func noHeader(text: String) {
        #expect(throws: CSVError.noHeader) { try parse(text) }
    }

    @Test("a header without data rows is a valid, empty table")
    func onlyHeader() throws {
        let table = try parse("Titel;Kosten\r\n")
        #expect(table.header == ["Titel", "Kosten"])
        #expect(table.records.isEmpty)
    }

    @Test("the row limit counts data rows and names the first row over it")
    func rowLimit() throws {
        let text = "A\n1\n2\n\n3\n4\n"
        #expect(try parse(text, maxDataRows: 4).records.count == 4)
        #expect(throws: CSVError.tooManyRows(limit: 3, row: 6)) { try parse(text, maxDataRows: 3) }
        #expect(CSVTable.defaultMaxDataRows == 50_000)
    }

    @Test("parsing stops at the row limit: what follows is never read")
    func rowLimitStopsEarly() {
        // the unterminated quote at the end would be reported if the parser read on
        #expect(throws: CSVError.tooManyRows(limit: 2, row: 4)) { try parse("A\n1\n2\n3\n\"offen\n", maxDataRows: 2) }
        let huge = "A;B\n" + String(repeating: "1;2\n", count: 1_000_000)
        #expect(throws: CSVError.tooManyRows(limit: 50_000, row: 50_002)) { try parse(huge) }
    }

    @Test("the field length limit counts characters, not bytes")
    func fieldLimit() throws {
        #expect(throws: CSVError.fieldTooLong(row: 3, column: 1, length: 6, limit: 5)) {
            try parse("A;B\nx;12345\ny;\"1\"\"3456\"\n", maxFieldLength: 5)
        }
        #expect(throws: CSVError.fieldTooLong(row: 2, column: 0, length: 6, limit: 5)) { try parse("A\näöüßäö\n", maxFieldLength: 5) }
        #expect(try parse("A\näöüßä\n", maxFieldLength: 5).records[0][0] == "äöüßä")
        #expect(throws: CSVError.fieldTooLong(row: 1, column: 1, length: 6, limit: 5)) { try parse("A;Kosten\n", maxFieldLength: 5) }
        let long = String(repeating: "x", count: 100_001)
        #expect(throws: CSVError.fieldTooLong(row: 2, column: 0, length: 100_001, limit: 100_000)) { try parse("A\n\(long)\n") }
    }

    @Test("errors carry stable codes and their row")
    func errorCodes() {
        let errors: [CSVError] = [
            .noHeader, .unterminatedQuote(row: 2, column: 0), .tooManyRows(limit: 1, row: 3),
            .fieldTooLong(row: 4, column: 1, length: 9, limit: 8), .tooManyCells(row: 5, cells: 3, columns: 2),
        ]
        #expect(errors.map(\.code) == ["csv.no_header", "csv.unterminated_quote", "csv.too_many_rows",
                                       "csv.field_too_long", "csv.too_many_cells"])
        #expect(errors.map(\.row) == [nil, 2, 3, 4, 5])
    }

    @Test("decoded Windows-1252 bytes parse into the right cells")
    func fromWindows1252() throws {
        let bytes: [UInt8] = Array("Titel;Kosten\r\n".utf8) + [0x84, 0x53, 0x74, 0x72, 0x61, 0xDF, 0x65, 0x93, 0x3B, 0x35, 0x80]
        let table = try parse(try SpreadsheetText(decoding: bytes).text)
        #expect(cells(table) == [["„Straße“", "5€"]])
    }

    // Speed is measured by the import benchmark (benchmarks/import.sh), not here.
    @Test("10,000 rows × 20 columns parse completely, with spreadsheet row numbers")
    func largeTable() throws {
        let header = (1...20).map { "Spalte \($0)" }.joined(separator: ";")
        var text = header + "\r\n"
        for row in 0..<10_000 {
            text += (0..<20).map { column in
                column % 5 == 0 ? "\"Text mit; Trenner \(row)\"" : "Wert \(row)-\(column) äöü"
            }.joined(separator: ";") + "\r\n"
        }
        let table = try parse(text)
        #expect(table.records.count == 10_000)
        #expect(table.records.last?.row == 10_001)
        #expect(table.records[4_999].cells[0] == "Text mit; Trenner 4999")
    }
}
