import FahrplanCore
import Testing

@Suite("Monitoring: KPI measurements from CSV")
struct KPIMeasurementSheetTests {
    static let kpi = KPIDefinition(name: "Online-Anteil", unit: "%", direction: .increase, baseline: 20,
                                   baselineOn: CalendarDay(iso: "2024-01-01")!, target: 70, targetOn: CalendarDay(iso: "2027-12-31")!)
    static let today = CalendarDay(iso: "2026-12-06")!

    @Test("German columns in any order, English aliases, separator detected")
    func reads() throws {
        let german = try KPIMeasurementSheet.read("Notiz;Wert;Datum;Einheit\nStart;20,5;01.01.2025;%\n;31;2025-07-01;\n", for: Self.kpi, today: Self.today).get()
        #expect(german == [KPIMeasurement(measuredOn: CalendarDay(iso: "2025-01-01")!, value: 20.5, note: "Start", source: .csv),
                           KPIMeasurement(measuredOn: CalendarDay(iso: "2025-07-01")!, value: 31, source: .csv)])
        let english = try KPIMeasurementSheet.read("Date,Value\n2026-01-01,40\n", for: Self.kpi, today: Self.today).get()
        #expect(english.map(\.value) == [40])
    }

    @Test("a broken row names its row and column; nothing comes back")
    func broken() {
        let result = KPIMeasurementSheet.read("Datum;Wert;Einheit\n01.01.2025;20;%\n01.02.2025;abc;%\n01.03.2025;22;Tage\n01.01.2030;1;%\n01.01.2025;5;%\n",
                                              for: Self.kpi, today: Self.today)
        guard case .failure(let failure) = result else { Issue.record("expected problems"); return }
        #expect(failure.problems == [FieldProblem("csv[2].value", .notADecimal), FieldProblem("csv[3].unit", .unitMismatch(expected: "%")),
                                     FieldProblem("csv[4].measuredOn", .dateInFuture), FieldProblem("csv[5].measuredOn", .duplicate)])
        #expect(KPIMeasurementSheet.field(row: 3, "value") == "csv[2].value")
    }

    @Test("missing columns and an empty file are named")
    func columns() {
        guard case .failure(let missing) = KPIMeasurementSheet.read("Datum;Notiz\n01.01.2025;x\n", for: Self.kpi, today: Self.today) else { Issue.record(); return }
        #expect(missing.problems == [FieldProblem("csv.value", .required)])
        guard case .failure(let empty) = KPIMeasurementSheet.read("Datum;Wert\n", for: Self.kpi, today: Self.today) else { Issue.record(); return }
        #expect(empty.problems == [FieldProblem("csv", .required)])
    }
}
