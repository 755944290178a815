@testable import FahrplanCore
import Foundation
import Testing

extension EffortLine {
    /// The line without its input position, which depends on how the profile was typed.
    var plain: EffortLine { EffortLine(departmentID: departmentID, year: year, fteHundredths: fteHundredths) }
}

extension ProjectValues {
    var plain: ProjectValues {
        var copy = self
        copy.effort = effort.map(\.plain)
        return copy
    }
}

@Suite("ProjectSpreadsheet: reading project lists as German Excel writes them")
struct ProjectSpreadsheetReadTests {
    static func read(_ text: String, year: Int = 2026) -> ProjectSheet {
        ProjectSpreadsheet.read(text: text, currentYear: year)
    }

    static func rowProblems(_ sheet: ProjectSheet) -> [ImportProblem] { sheet.rows.flatMap(\.problems) }

    @Test("every name of every column is unambiguous, and each column's own headers match it")
    func catalogue() {
        var owner: [String: ProjectColumn] = [:]
        for column in ProjectColumn.allCases {
            for name in [column.germanHeader, column.englishHeader] + column.aliases {
                let key = ProjectColumn.key(name)
                #expect(!key.isEmpty, "\(name)")
                if let other = owner[key] { #expect(other == column, "\(name) names both \(other) and \(column)") }
                owner[key] = column
                #expect(ProjectColumn.match(name)?.column == column, "\(name)")
            }
        }
    }

    @Test("headers match without case, umlauts, spaces and punctuation; year columns carry their year", arguments: [
        ("titel", ProjectColumn.title, nil as Int?), ("PROJEKTTITEL", .title, nil), ("Title", .title, nil),
        ("Amt", .department, nil), ("Organisationseinheit", .department, nil), ("Fachdienst", .department, nil),
        ("Kurzbeschreibung", .summary, nil), ("Abhaengigkeiten", .dependencies, nil), ("Abhängigkeiten", .dependencies, nil),
        ("Dependencies", .dependencies, nil), ("Nutzen für", .beneficiaries, nil), ("Nutzen", .benefitDescription, nil),
        ("Einmalkosten", .oneOffCosts, nil), ("Einmalkosten 2027", .oneOffCosts, 2027), ("Einmalkosten 2027 (EUR)", .oneOffCosts, 2027),
        ("Laufende Kosten 2028", .runningCosts, 2028), ("laufende_kosten_2028", .runningCosts, 2028), ("Personal (VZÄ) 2027", .staff, 2027),
        ("Personal (VZAE)", .staff, nil), ("Staff (FTE) 2029", .staff, 2029), ("2027 Einmalkosten", .oneOffCosts, 2027),
        ("Personal weitere Einheiten", .otherUnitsStaff, nil), ("Gesetzliche Pflicht", .legalObligation, nil), ("Beginn", .startOn, nil),
        ("Ende", .endOn, nil), ("Handlungsfeld", .fieldsOfAction, nil), ("Ziele", .goals, nil), ("Programm", .programs, nil),
    ])
    func headers(name: String, column: ProjectColumn, year: Int?) {
        let match = ProjectColumn.match(name)
        #expect(match?.column == column)
        #expect(match?.year == year)
    }

    @Test("unknown headers, and years on columns that have none, are not matched")
    func unknownHeaders() {
        for name in ["Bemerkung", "Titel 2027", "Einmalkosten 1999", "Einmalkosten 27", "", "???"] {
            #expect(ProjectColumn.match(name) == nil, "\(name)")
        }
    }

    @Test("a German file: semicolons, quoted line breaks, German numbers and dates, lists, labels")
    func germanFile() throws {
        let text = """
            Kennung;Titel;Fachdienst;Beschreibung;Projektart;Status;Ziele;Abhängigkeiten;Nutzen für;Schlagworte;Gesetzliche Pflicht;Rechtsgrundlage;Beginn;Ende;Einmalkosten 2027;Laufende Kosten 2028;Personal (VZÄ) 2027;Personal weitere Einheiten\r
            P-0100;Bürgerportal;33;"Erste Zeile\nzweite Zeile; mit Semikolon";Neue Online-Leistung;In Umsetzung;"Z1.1; Z2.1";P-0001;Bürger, Unternehmen;"OZG; Portal";ja;OZG;01.02.2027;31.12.2028;1.234,56;500;0,5;"IT 2027: 0,25\n32 2028: 1"\r

            ;Schulung;Hauptamt;;;;;Bürgerportal;;;nein;;2027-03-01;;;;;\r
            """
        let sheet = Self.read(text)
        #expect(sheet.problems.isEmpty)
        #expect(sheet.separator == .semicolon)
        #expect(sheet.rows.map(\.row) == [2, 4])
        let first = sheet.rows[0]
        #expect(first.problems.isEmpty)
        #expect(first.status == .inProgress)
        let input = first.input
        #expect(input.code == "P-0100")
        #expect(input.description == "Erste Zeile\nzweite Zeile; mit Semikolon")
        #expect(input.strategyElementIDs == ["Z1.1", "Z2.1"])
        #expect(input.dependencyIDs == ["P-0001"])
        #expect(input.tags == ["OZG", "Portal"])
        #expect(input.startOn == "2027-02-01")
        let values = try input.validated()
        #expect(values.kind == .onlineService)
        #expect(values.beneficiaries == [.citizens, .businesses])
        #expect(values.legalObligation)
        #expect(values.costs == [CostLine(year: 2027, oneOffCents: 123_456, runningCents: 0), CostLine(year: 2028, oneOffCents: 0, runningCents: 50_000)])
        #expect(values.effort.map(\.plain) == [EffortLine(departmentID: "33", year: 2027, fteHundredths: 50), EffortLine(departmentID: "IT", year: 2027, fteHundredths: 25),
                                  EffortLine(departmentID: "32", year: 2028, fteHundredths: 100)])
        let second = try sheet.rows[1].input.validated()
        #expect(second.title == "Schulung" && second.departmentID == "Hauptamt" && second.dependencyIDs == ["Bürgerportal"])
        #expect(second.startOn == CalendarDay(year: 2027, month: 3, day: 1))
        #expect(sheet.rows[1].status == nil)
    }

    @Test("an English file with commas, ISO dates and numbers")
    func englishFile() throws {
        let sheet = Self.read("Title,Department,Start,End,One-off costs 2027,Staff (FTE) 2027,Project kind\nPortal,33,2027-01-01,2027-12-31,1234.5,1.5,Training\n")
        #expect(sheet.separator == .comma)
        #expect(Self.rowProblems(sheet).isEmpty)
        let values = try sheet.rows[0].input.validated()
        #expect(values.costs == [CostLine(year: 2027, oneOffCents: 123_450, runningCents: 0)])
        #expect(values.effort.map(\.plain) == [EffortLine(departmentID: "33", year: 2027, fteHundredths: 150)])
        #expect(values.kind == .training)
    }

    @Test("Windows-1252 bytes with umlauts, and UTF-8 with BOM, read the same")
    func encodings() throws {
        let text = "Titel;Fachdienst;Kurzbeschreibung\r\nÄnderung der Größe;Bürgeramt;Straße – „neu“ für 5 €\r\n"
        let windows = Data(text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar {
            case "–": return 0x96
            case "„": return 0x84
            case "“": return 0x93
            case "€": return 0x80
            default: return UInt8(scalar.value)
            }
        })
        let utf8 = Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        for (bytes, encoding) in [(windows, SpreadsheetEncoding.windows1252), (utf8, .utf8)] {
            let sheet = ProjectSpreadsheet.read(bytes: bytes, currentYear: 2026)
            #expect(sheet.encoding == encoding)
            #expect(sheet.problems.isEmpty)
            let input = try #require(sheet.rows.first?.input)
            #expect(input.title == "Änderung der Größe")
            #expect(input.departmentID == "Bürgeramt")
            #expect(input.summary == "Straße – „neu“ für 5 €")
        }
    }

    @Test("money and staff without a year belong to the start year, or to the current year without a start")
    func yearlessColumns() throws {
        let sheet = Self.read("Titel;Fachdienst;Beginn;Einmalkosten;Laufende Kosten;Personal (VZÄ)\nA;33;01.06.2028;100;20;1\nB;33;;50;;0,5\n", year: 2026)
        let a = try sheet.rows[0].input.validated(), b = try sheet.rows[1].input.validated()
        #expect(a.costs == [CostLine(year: 2028, oneOffCents: 10_000, runningCents: 2_000)])
        #expect(a.effort.map(\.plain) == [EffortLine(departmentID: "33", year: 2028, fteHundredths: 100)])
        #expect(b.costs == [CostLine(year: 2026, oneOffCents: 5_000, runningCents: 0)])
        #expect(b.effort.map(\.plain) == [EffortLine(departmentID: "33", year: 2026, fteHundredths: 50)])
    }

    @Test("the column without a year and the column of the start year both filled: a duplicate at the first one")
    func yearlessDuplicate() {
        let sheet = Self.read("Titel;Fachdienst;Beginn;Einmalkosten;Einmalkosten 2027\nA;33;01.01.2027;100;200\n")
        #expect(sheet.rows[0].problems == [ImportProblem(row: 2, column: "Einmalkosten", value: "100", kind: .field(.duplicate))])
    }

    @Test("every kind of cell problem names its row, column and value", arguments: [
        ("Beginn", "31.02.2027", ImportProblem.Kind.date(.invalidDate("31.02.2027"))),
        ("Ende", "morgen", .date(.unrecognised("morgen"))),
        ("Einmalkosten 2027", "12,345", .number(.tooPrecise("12,345", maxDecimals: 2))),
        ("Einmalkosten 2027", "-5", .number(.negative("-5"))),
        ("Laufende Kosten 2027", "viel", .number(.notANumber("viel"))),
        ("Personal (VZÄ) 2027", "1/2", .number(.notANumber("1/2"))),
        ("Titel", "=HYPERLINK(\"http://x\";\"klick\")", .formula),
        ("Kurzbeschreibung", "@SUMME(A1:A9)", .formula),
        ("Projektart", "Raumfahrt", .invalidChoice(allowed: ProjectKind.allCases.map(\.germanLabel))),
        ("Status", "Fertig bald", .invalidChoice(allowed: ProjectStatus.allCases.map(\.germanLabel))),
        ("Nutzen für", "Touristen", .invalidChoice(allowed: Beneficiary.allCases.map(\.germanLabel))),
        ("Personal weitere Einheiten", "IT: 0,5", .effortEntry),
        ("Personal weitere Einheiten", "IT 2027 0,5", .effortEntry),
    ])
    func cellProblems(column: String, value: String, kind: ImportProblem.Kind) {
        let columns = ["Titel", "Fachdienst", "Kurzbeschreibung", "Beginn", "Ende", "Projektart", "Status", "Nutzen für",
                       "Einmalkosten 2027", "Laufende Kosten 2027", "Personal (VZÄ) 2027", "Personal weitere Einheiten"]
        var cells = ["Portal", "33"] + Array(repeating: "", count: columns.count - 2)
        cells[columns.firstIndex(of: column)!] = value
        let writer = CSVWriter(byteOrderMark: false)
        // Written raw (not through the writer's formula guard), as a hostile or careless file would be.
        let line = cells.map { $0.contains(";") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ";")
        let sheet = Self.read(writer.line(columns) + "\r\n" + line + "\r\n")
        #expect(sheet.rows.count == 1)
        #expect(sheet.rows.first?.row == 3)
        let problems = Self.rowProblems(sheet)
        #expect(problems == [ImportProblem(row: 3, column: column, value: value, kind: kind)], "\(problems)")
    }

    @Test("a cell that an export neutralised with an apostrophe is accepted as text")
    func apostropheEscaped() throws {
        let sheet = Self.read("Titel;Fachdienst;Kurzbeschreibung;Schlagworte\n'=SUMME(A1);33;\"'-5 Punkte; dann mehr\";'@Stadt\n")
        #expect(Self.rowProblems(sheet).isEmpty)
        let input = try #require(sheet.rows.first?.input)
        #expect(input.title == "=SUMME(A1)")
        #expect(input.summary == "-5 Punkte; dann mehr")
        #expect(input.tags == ["@Stadt"])
    }

    @Test("validation problems are named by the column they came from")
    func validationProblemsByColumn() throws {
        let text = "Titel;Amt;Beginn;Ende;Einmalkosten 2027;Einmalkosten 2028;Gesetzliche Pflicht\n;33;01.01.2028;31.12.2027;1;99.999.999.999;vielleicht\n"
        var row = try #require(Self.read(text).rows.first)
        #expect(row.problems.isEmpty)
        #expect(throws: ValidationFailure.self) { try row.input.validated() }
        do { _ = try row.input.validated() } catch let failure as ValidationFailure { row.add(failure.problems) }
        let found = Set(row.problems.map { "\($0.column ?? "-")|\($0.code)" })
        #expect(found == ["Titel|field.required", "Ende|field.end_before_start", "Einmalkosten 2028|field.out_of_range",
                          "Gesetzliche Pflicht|field.invalid_boolean"])
        #expect(row.column(forField: "costs[1].oneOff") == "Einmalkosten 2028")
        #expect(row.column(forField: "departmentID") == "Amt")
        #expect(row.column(forField: "effort[0].fte") == "Personal (VZÄ)")
        #expect(row.column(forField: "risks") == "Risiken")
        #expect(row.problems.first { $0.column == "Gesetzliche Pflicht" }?.value == "vielleicht")
    }

    @Test("a field problem on a cell that already has a cell problem is not repeated")
    func noRepetition() {
        var row = Self.read("Titel;Fachdienst\n=1+1;33\n").rows[0]
        row.add([FieldProblem("title", .required), FieldProblem("title", .required)])
        #expect(row.problems.map(\.code) == ["import.formula"])
    }

    @Test("the file and its header: missing and duplicate columns are errors, unknown ones warnings")
    func headerProblems() {
        let missing = Self.read("Titel;Bemerkung\nA;b\n")
        #expect(missing.isUnreadable)
        #expect(missing.rows.isEmpty)
        #expect(missing.problems == [ImportProblem(row: 1, column: "Bemerkung", kind: .unknownColumn),
                                     ImportProblem(row: 1, column: "Fachdienst", kind: .missingColumn)])
        #expect(missing.problems.map(\.severity) == [.warning, .error])
        let duplicate = Self.read("Titel;Fachdienst;Projekttitel\nA;33;B\n")
        #expect(duplicate.problems == [ImportProblem(row: 1, column: "Projekttitel", kind: .duplicateColumn(otherColumn: "Titel"))])
        let unknown = Self.read("Titel;Fachdienst;Bemerkung\nA;33;egal\n;;nur Bemerkung\n")
        #expect(!unknown.isUnreadable)
        #expect(unknown.rows.count == 1, "a row with content only in ignored columns is no project")
        #expect(Self.read("Titel;Fachdienst\n").problems.map(\.code) == ["import.no_rows"])
    }

    @Test("broken and hostile files give one clear problem and no rows")
    func brokenFiles() {
        let xlsx = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x00, count: 60))
        #expect(ProjectSpreadsheet.read(bytes: xlsx, currentYear: 2026).problems.map(\.kind) == [.file(.workbook(.xlsx))])
        let large = Data(repeating: 0x41, count: 2_001)
        #expect(ProjectSpreadsheet.read(bytes: large, currentYear: 2026, maxBytes: 2_000).problems.map(\.code) == ["file.too_large"])
        let binary = Data([0x41, 0x00, 0x42])
        #expect(ProjectSpreadsheet.read(bytes: binary, currentYear: 2026).problems.map(\.code) == ["file.binary_nul"])
        var rows = "Titel;Fachdienst\r\n"
        for index in 0..<(CSVTable.defaultMaxDataRows + 1) { rows += "P\(index);33\r\n" }
        let tooMany = Self.read(rows)
        #expect(tooMany.problems.map(\.code) == ["csv.too_many_rows"])
        #expect(tooMany.rows.isEmpty)
        let quote = Self.read("Titel;Fachdienst\nA;\"33\n")
        #expect(quote.problems == [ImportProblem(row: 2, column: nil, kind: .csv(.unterminatedQuote(row: 2, column: 1)))])
        #expect(Self.read("").problems.map(\.code) == ["csv.no_header"])
    }

    @Test("for an update, columns the file does not have keep the current values; empty cells clear them")
    func keepingCurrentValues() throws {
        let current = try ProjectInput(code: "P-0007", title: "Alt", summary: "Bleibt", departmentID: "33", kind: "training",
                                       beneficiaries: ["staff"], startOn: "2027-01-01", risks: "Weg damit", tags: ["x"],
                                       dependencyIDs: ["P-0001"],
                                       costs: [CostLineInput(year: "2027", oneOff: "100", running: "10"), CostLineInput(year: "2028", oneOff: "5", running: nil)],
                                       effort: [EffortLineInput(departmentID: "33", year: "2027", fte: "1"), EffortLineInput(departmentID: "IT", year: "2027", fte: "0,5")])
            .validated()
        let record = ProjectSheetRecord(values: current, status: .approved, goals: ["Z1.1"])
        let sheet = Self.read("Kennung;Titel;Fachdienst;Risiken;Einmalkosten 2027;Status\nP-0007;Neu;33;;300;In Umsetzung\n")
        let row = sheet.rows[0].keeping(record)
        let values = try row.input.validated()
        #expect(values.title == "Neu" && values.summary == "Bleibt" && values.risks == nil && values.kind == .training)
        #expect(values.beneficiaries == [.staff] && values.tags == ["x"] && values.dependencyIDs == ["P-0001"])
        #expect(values.strategyElementIDs == ["Z1.1"])
        #expect(values.costs == [CostLine(year: 2027, oneOffCents: 30_000, runningCents: 1_000), CostLine(year: 2028, oneOffCents: 500, runningCents: 0)])
        #expect(values.effort.map(\.plain) == current.effort.map(\.plain))
        #expect(row.status == .inProgress)
        #expect(sheet.rows[0].input.costs.count == 1, "the row itself is unchanged")
    }

    @Test("the template names every column once and reads back as a header without rows")
    func template() {
        let sheet = ProjectSpreadsheet.read(bytes: ProjectSpreadsheet.template(), currentYear: 2026)
        #expect(sheet.header == ProjectColumn.allCases.map(\.germanHeader))
        #expect(sheet.problems.map(\.code) == ["import.no_rows"])
        #expect(sheet.encoding == .utf8)
    }
}

@Suite("docs/import.md")
struct ImportDocumentationTests {
    @Test("names every column with its German and English header")
    func everyColumnDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/import.md"), encoding: .utf8)
        for column in ProjectColumn.allCases {
            #expect(text.contains("| \(column.germanHeader)"), "\(column.germanHeader) is not in the column table")
            #expect(text.contains(column.englishHeader), "\(column.englishHeader) is not documented")
        }
    }
}
