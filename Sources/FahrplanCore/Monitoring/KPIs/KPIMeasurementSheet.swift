import Foundation

/// A CSV file of a KPI's measurements (Messwerte hochladen): columns Datum, Wert and optionally Einheit and Notiz
/// (English Date, Value, Unit, Note), in any order, any case, separator detected. Either every row is good and the
/// measurements come back, or the problems come back — each naming the row as the spreadsheet shows it and the
/// column — so that nothing of a broken file is stored.
public enum KPIMeasurementSheet {
    /// Problems of a row are reported on `csv[<row − 1>].<field>`, which the UI labels "CSV, Zeile <row> – <column>".
    public static func field(row: Int, _ name: String) -> String { "csv[\(row - 1)].\(name)" }

    static let aliases: [(field: String, names: [String])] = [
        ("measuredOn", ["Datum", "Date", "Stichtag"]), ("value", ["Wert", "Value", "Messwert"]),
        ("unit", ["Einheit", "Unit"]), ("note", ["Notiz", "Note", "Bemerkung"]),
    ]

    public static let maxRows = 5_000

    public static func read(_ text: String, for kpi: KPIDefinition, today: CalendarDay,
                            source: KPIMeasurementSource = .csv) -> Result<[KPIMeasurement], ValidationFailure> {
        let table: CSVTable
        do throws(CSVError) {
            table = try CSVTable(parsing: text, maxDataRows: maxRows, maxFieldLength: KPIMeasurementInput.maxNoteLength)
        } catch {
            return .failure(ValidationFailure([FieldProblem(error.row.map { "csv[\($0 - 1)]" } ?? "csv", .invalidChoice)]))
        }
        var columns: [String: Int] = [:]
        var problems: [FieldProblem] = []
        for (field, names) in aliases {
            if let index = names.lazy.compactMap({ table.column(named: $0) }).first { columns[field] = index }
        }
        for required in ["measuredOn", "value"] where columns[required] == nil {
            problems.append(FieldProblem("csv.\(required)", .required))
        }
        if table.records.isEmpty && problems.isEmpty { problems.append(FieldProblem("csv", .required)) }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }

        var measurements: [KPIMeasurement] = []
        var seen: [CalendarDay: Int] = [:]
        for record in table.records {
            func cell(_ field: String) -> String? { columns[field].map { record[$0] } }
            let input = KPIMeasurementInput(measuredOn: cell("measuredOn"), value: cell("value"), unit: cell("unit"), note: cell("note"))
            do {
                let measurement = try input.validated(for: kpi, today: today, source: source, fieldPrefix: "csv[\(record.row - 1)].")
                if seen[measurement.measuredOn] != nil {
                    problems.append(FieldProblem(field(row: record.row, "measuredOn"), .duplicate))
                }
                seen[measurement.measuredOn] = record.row
                measurements.append(measurement)
            } catch let failure as ValidationFailure {
                problems += failure.problems
            } catch {
                problems.append(FieldProblem(field(row: record.row, "value"), .invalidChoice))
            }
        }
        return problems.isEmpty ? .success(measurements) : .failure(ValidationFailure(problems))
    }
}
