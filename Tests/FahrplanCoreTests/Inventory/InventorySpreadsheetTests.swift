import FahrplanCore
import Foundation
import Testing

@Suite("Inventory: CSV of IT systems and services")
struct InventorySpreadsheetTests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }
    static let today = day("2026-12-06")

    @Test("IT systems: export → import gives the same systems (separators, quotes, formula characters)")
    func systemsRoundTrip() throws {
        let systems = [
            ITSystem(name: "E-Akte; \"nscale\"", vendor: "=Ceyoniq", product: "nscale 9", departmentIDs: ["10", "32"],
                     hosting: .municipalProvider, contractEndsOn: Self.day("2028-12-31"), interfaces: ["Finanzverfahren", "DMS"],
                     dataProtection: .specialCategories, lifecycle: .replace, projectIDs: ["P-0004"]),
            ITSystem(name: "Ratsinformationssystem"),
        ]
        let csv = InventorySpreadsheet.exportSystems(systems)
        #expect(csv.hasPrefix("\u{FEFF}Name;Hersteller;Produkt;Fachdienste;Betrieb;Vertragsende"))
        #expect(try InventorySpreadsheet.readSystems(text: csv) == systems)
    }

    @Test("services: export → import keeps the latest assessment per criterion")
    func servicesRoundTrip() throws {
        let model = MaturityModel.ozg
        let service = AdministrativeService(
            name: "Wohngeld", leikaKey: "99050012104000", ozgID: "10085", departmentID: "50", casesPerYear: 12_500, projectID: "P-0007",
            assessments: [MaturityAssessment(criterionKey: "antrag", level: 3, assessedOn: Self.day("2026-03-01")),
                          MaturityAssessment(criterionKey: "bescheid", level: 1, assessedOn: Self.day("2025-11-30"))])
        let plain = AdministrativeService(name: "Hundesteuer")
        let csv = InventorySpreadsheet.exportServices([service, plain], model: model)
        #expect(csv.contains("Reifegrad Antragstellung;Stand Antragstellung"))
        #expect(try InventorySpreadsheet.readServices(text: csv, model: model, today: Self.today) == [service, plain])
    }

    @Test("bad rows: every problem by row and column, nothing taken")
    func badRows() {
        let services = """
        Verwaltungsleistung;Amt;Fallzahl;Reifegrad Antragstellung;Stand Antragstellung
        Wohngeld;50;1.000;3;01.03.2026
        ;32;x;2;01.03.2026
        Anwohnerparken;32;200;9;31.02.2026
        """
        #expect(throws: InventoryImportFailure(problems: [
            ImportProblem(row: 3, column: "Verwaltungsleistung", kind: .field(.required)),
            ImportProblem(row: 3, column: "Fallzahl", value: "x", kind: .field(.notANumber)),
            ImportProblem(row: 4, column: "Reifegrad Antragstellung", value: "9", kind: .field(.invalidChoice)),
            ImportProblem(row: 4, column: "Stand Antragstellung", value: "31.02.2026", kind: .field(.invalidDate)),
        ])) { try InventorySpreadsheet.readServices(text: services, model: .ozg, today: Self.today) }
        let systems = "System;Vertragsende;Betrieb\nE-Akte;31.02.2027;Keller\n=HYPERLINK(\"x\");;Cloud\n"
        #expect(throws: InventoryImportFailure(problems: [
            ImportProblem(row: 2, column: "Betrieb", value: "Keller", kind: .field(.invalidChoice)),
            ImportProblem(row: 2, column: "Vertragsende", value: "31.02.2027", kind: .field(.invalidDate)),
            ImportProblem(row: 3, column: "System", kind: .field(.required)),
            ImportProblem(row: 3, column: "System", value: "=HYPERLINK(\"x\")", kind: .formula),
        ])) { try InventorySpreadsheet.readSystems(text: systems) }
        #expect(throws: InventoryImportFailure(problems: [ImportProblem(row: 1, column: "Name", kind: .missingColumn)])) {
            try InventorySpreadsheet.readSystems(text: "Hersteller\nCeyoniq\n")
        }
    }
}
