@testable import FahrplanCore
import Foundation
import Testing

/// Random, valid portfolios with the texts that break naive CSV code: separators, quotes, line breaks,
/// umlauts, leading formula characters, apostrophes, currency signs.
struct RandomPortfolio {
    var random: SplitMix64

    static let words = ["Bürgerportal", "E-Akte", "Straße", "Größe", "Ärger", "a;b", "Zitat \"x\"", "=SUMME(A1)", "-5 Punkte",
                        "+49 30 123", "@Stadt", "'=schon escaped", "Rock'n'Roll", "5 €", "Tab\tinnen", "1.234,56", "sep=;", "',", "-"]
    static let units = ["10", "10.2", "33", "IT", "SD", "Bürgeramt 2"]
    static let fields = ["HF1", "HF2"], goals = ["Z1.1", "Z1.2", "Z2.1"], programs = ["P1.1.1", "P2.1.1"]

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func subset(_ items: [String]) -> [String] { items.filter { _ in chance(40) }.shuffled(using: &random) }

    mutating func text(lines: Bool) -> String {
        let count = Int.random(in: 1...4, using: &random)
        var parts: [String] = []
        for _ in 0..<count { parts.append(pick(Self.words)) }
        return parts.joined(separator: lines && chance(30) ? "\n" : " ")
    }

    mutating func optional(lines: Bool = false) -> String? { chance(60) ? text(lines: lines) : nil }

    mutating func day() -> CalendarDay {
        CalendarDay(year: Int.random(in: 2024...2030, using: &random), month: Int.random(in: 1...12, using: &random),
                    day: Int.random(in: 1...28, using: &random))!
    }

    mutating func record(code: String, codes: [String]) throws -> ProjectSheetRecord {
        let department = pick(Self.units)
        let start = chance(70) ? day() : nil
        let end = start.flatMap { s in chance(60) ? CalendarDay(year: s.year + Int.random(in: 0...2, using: &random), month: 12, day: 31) : nil }
        let legal = chance(30)
        var costs: [CostLineInput] = []
        for year in 2024...2030 where chance(35) {
            costs.append(CostLineInput(year: String(year), oneOff: chance(60) ? LocaleNumber.german(cents: Int64.random(in: 0...900_000_000, using: &random)) : nil,
                                       running: chance(50) ? LocaleNumber.german(cents: Int64.random(in: 0...5_000_000, using: &random)) : nil))
        }
        var effort: [EffortLineInput] = []
        for year in 2024...2030 {
            for unit in Self.units where chance(unit == department ? 30 : 8) {
                effort.append(EffortLineInput(departmentID: unit, year: String(year), fte: LocaleNumber.german(hundredths: Int.random(in: 1...300, using: &random))))
            }
        }
        let input = ProjectInput(
            code: code, title: text(lines: false), summary: optional(lines: true), description: optional(lines: true), departmentID: department,
            responsiblePerson: optional(), kind: pick(ProjectKind.allCases).rawValue, legalObligation: legal ? "ja" : "nein",
            legalReference: legal ? text(lines: false) : optional(), legalDeadline: chance(20) ? day().iso : nil,
            administrativeService: optional(), beneficiaries: subset(Beneficiary.allCases.map(\.rawValue)),
            benefitDescription: optional(lines: true), hoursSavedPerYear: chance(50) ? String(Int.random(in: 0...50_000, using: &random)) : nil,
            startOn: start?.iso, endOn: end?.iso, risks: optional(lines: true),
            tags: subset(["OZG", "E-Akte", "Schule", "=Formel", "Größe", "KI"]),
            dependencyIDs: subset(codes).prefix(3).map { $0 }, costs: costs, effort: effort)
        var values = try input.validated()
        values.strategyElementIDs = []
        return ProjectSheetRecord(values: values, status: pick(ProjectStatus.allCases), fieldsOfAction: subset(Self.fields),
                                  goals: subset(Self.goals), programs: subset(Self.programs))
    }

    mutating func portfolio(size: Int) throws -> [ProjectSheetRecord] {
        let codes = (1...size).map { String(format: "P-%04d", $0) }
        return try codes.map { try record(code: $0, codes: codes) }
    }
}

@Suite("ProjectSpreadsheet: export and import round-trip")
struct ProjectSpreadsheetRoundTripTests {
    /// What importing a record must give: the values with the three strategy columns in one list.
    static func expected(_ record: ProjectSheetRecord) -> ProjectValues {
        var values = record.values
        values.strategyElementIDs = record.fieldsOfAction + record.goals + record.programs
        return values
    }

    @Test("random valid portfolio → CSV → read → the same profiles and statuses", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var generator = RandomPortfolio(random: SplitMix64(seed: seed))
        let records = try generator.portfolio(size: 40)
        let data = ProjectSpreadsheet.csv(records)
        let sheet = ProjectSpreadsheet.read(bytes: data, currentYear: 2026)
        #expect(sheet.problems.isEmpty, "\(sheet.problems)")
        #expect(sheet.encoding == .utf8 && sheet.separator == .semicolon)
        #expect(sheet.rows.count == records.count)
        for (row, record) in zip(sheet.rows, records) {
            #expect(row.problems.isEmpty, "seed \(seed) row \(row.row): \(row.problems)")
            let values = try row.input.validated()
            #expect(values.plain == Self.expected(record).plain, "seed \(seed) row \(row.row)")
            #expect(row.status == record.status)
        }
        // The same file in Windows-1252 (as Excel's plain "CSV" saves it) reads the same.
        let text = try #require(sheet.text)
        if let latin = Self.windows1252(text) {
            let again = ProjectSpreadsheet.read(bytes: latin, currentYear: 2026)
            #expect(again.encoding == .windows1252)
            #expect(try again.rows.map { try $0.input.validated().plain } == records.map { Self.expected($0).plain })
        }
    }

    /// The text as Windows-1252 bytes, or nil when it has characters that code page lacks.
    static func windows1252(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80, 0xA0...0xFF: bytes.append(UInt8(scalar.value))
            case 0x20AC: bytes.append(0x80)
            default: return nil
            }
        }
        return Data(bytes)
    }

    @Test("the export writes German headers, numbers and dates, and a year column for every year with money or own staff")
    func exportShape() throws {
        let values = try ProjectInput(code: "P-0001", title: "=Portal", departmentID: "33", kind: "onlineService", legalObligation: "ja",
                                      legalReference: "OZG", beneficiaries: ["citizens", "staff"], hoursSavedPerYear: "1.200",
                                      citizenHoursSavedPerYear: "2.500", businessHoursSavedPerYear: "40",
                                      startOn: "2027-02-01", tags: ["OZG", "Portal"], dependencyIDs: ["P-0002"],
                                      costs: [CostLineInput(year: "2028", oneOff: "1234,5", running: "12")],
                                      effort: [EffortLineInput(departmentID: "33", year: "2027", fte: "0,5"),
                                               EffortLineInput(departmentID: "IT", year: "2029", fte: "1,25")]).validated()
        let record = ProjectSheetRecord(values: values, status: .inReview, goals: ["Z1.1"])
        let table = ProjectSpreadsheet.table([record])
        let header = table[0]
        #expect(header.suffix(7) == ["Einmalkosten 2027", "Einmalkosten 2028", "Laufende Kosten 2027", "Laufende Kosten 2028",
                                     "Personal (VZÄ) 2027", "Personal (VZÄ) 2028", "Personal weitere Einheiten"])
        let row = Dictionary(uniqueKeysWithValues: zip(header, table[1]))
        #expect(row["Titel"] == "=Portal")
        #expect(row["Status"] == "In Bewertung" && row["Projektart"] == "Neue Online-Leistung" && row["Gesetzliche Pflicht"] == "ja")
        #expect(row["Nutzen für"] == "Bürgerinnen und Bürger; Beschäftigte" && row["Schlagworte"] == "OZG; Portal")
        #expect(row["Beginn"] == "01.02.2027" && row["Eingesparte Stunden Verwaltung pro Jahr"] == "1200")
        #expect(row["Eingesparte Stunden Bürger pro Jahr"] == "2500" && row["Eingesparte Stunden Unternehmen pro Jahr"] == "40")
        #expect(row["Einmalkosten 2028"] == "1234,50" && row["Laufende Kosten 2028"] == "12" && row["Einmalkosten 2027"] == "")
        #expect(row["Personal (VZÄ) 2027"] == "0,5" && row["Personal weitere Einheiten"] == "IT 2029: 1,25")
        let csv = String(decoding: ProjectSpreadsheet.csv([record]), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}Kennung;Titel;Fachdienst;"))
        #expect(csv.contains(";'=Portal;"), "formulas are neutralised")
    }

    @Test("the JSON export has stable names, codes and whole numbers")
    func json() throws {
        var generator = RandomPortfolio(random: SplitMix64(seed: 42))
        let records = try generator.portfolio(size: 5)
        let data = try ProjectSpreadsheet.json(records)
        let decoded = try JSONDecoder().decode([ProjectExportJSON].self, from: data)
        #expect(decoded == records.map(ProjectExportJSON.init))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(Set(object[0].keys).isSuperset(of: ["code", "title", "department", "status", "kind", "costs", "effort", "goals", "dependencies"]))
        #expect(object[0]["code"] as? String == "P-0001")
    }
}

@Suite("ImportRowBuilder: the fast path for plain numbers")
struct PlainNumberTests {
    @Test("reads plain German numbers exactly as LocaleNumber does, and leaves every other form to it")
    func sameAsLocaleNumber() throws {
        let samples = ["0", "7", "007", "1234", "1.234", "12.345.678", "1.234,56", "1234,5", "0,25", ",5", "1,", "0.123", "1.23", "1.2345",
                       "12.345,678", "1.234.5", "01.234", "1234.56", "1 234", "5,-", "€ 5", "-5", "+5", "", "1,234", "999.999.999.999,99",
                       "1.000.000", "10.000,00", "abc", "1..234", ".234", "1,2,3"]
        for sample in samples {
            guard let fast = ImportRowBuilder.plainHundredths(sample) else { continue }
            #expect(fast == (try LocaleNumber.cents(sample)), "\(sample)")
        }
        var random = SplitMix64(seed: 9)
        for _ in 0..<5_000 {
            let cents = Int64.random(in: 0...99_999_999_999, using: &random)
            let whole = String(cents / 100)
            var grouped = ""
            for (index, character) in whole.reversed().enumerated() {
                if index > 0 && index % 3 == 0 { grouped.append(".") }
                grouped.append(character)
            }
            let text = String(grouped.reversed()) + (cents % 100 == 0 ? "" : "," + String(format: "%02d", cents % 100))
            #expect(ImportRowBuilder.plainHundredths(text) == cents, "\(text)")
            #expect(try LocaleNumber.cents(text) == cents, "\(text)")
        }
        #expect(ImportRowBuilder.plainHundredths("1.234,56") == 123_456)
        #expect(ImportRowBuilder.plainHundredths("0.123") == nil)
    }
}
