import Foundation

/// A project list read from a spreadsheet file: the header, the problems of the file and its header, and
/// one `ImportRow` per data row. Nothing here knows the municipality; references are still text.
public struct ProjectSheet: Sendable {
    /// The decoded text (for staging an import between preview and confirmation); nil when unreadable.
    public var text: String?
    public var encoding: SpreadsheetEncoding?
    public var separator: CSVSeparator?
    public var header: [String]
    /// Problems of the file and the header; unknown columns are warnings.
    public var problems: [ImportProblem]
    public var rows: [ImportRow]

    /// Whether the file itself or its header are unusable (then `rows` is empty).
    public var isUnreadable: Bool { problems.contains { $0.severity == .error } }
}

/// The project list as a spreadsheet: reading German (and English) Excel files into profiles, and writing
/// the portfolio back in the same shape, so that export → import gives the same portfolio.
///
/// Columns: see `ProjectColumn`. Headers are matched without case, spaces, punctuation and umlauts;
/// unknown headers are reported as warnings and ignored; `Titel` and `Fachdienst` are required.
/// Year columns: `Einmalkosten 2027`, `Laufende Kosten 2027`, `Personal (VZÄ) 2027` (effort of the submitting
/// unit); without a year they mean the project's start year, or the current year when it has no start.
/// Lists (`Ziele`, `Abhängigkeiten`, `Schlagworte` …) are separated by `;` or line breaks; `Schlagworte` and
/// `Nutzen für` also by commas (goal and project titles may contain commas).
public enum ProjectSpreadsheet {
    // MARK: - Reading

    /// Reads an uploaded file: decodes it (UTF-8 with or without BOM, UTF-16, Windows-1252), parses the CSV
    /// (`;`, `,` or tab) and maps its rows. Never throws: every problem is in the result. `currentYear` is the
    /// municipality's (`MunicipalCalendar.today.year`), for year columns without a year in rows without a start.
    public static func read(bytes: Data, currentYear: Int, maxBytes: Int = SpreadsheetText.defaultMaxBytes) -> ProjectSheet {
        do {
            let decoded = try SpreadsheetText(decoding: bytes, maxBytes: maxBytes)
            var sheet = read(text: decoded.text, currentYear: currentYear)
            sheet.encoding = decoded.encoding
            return sheet
        } catch {
            return ProjectSheet(text: nil, header: [], problems: [ImportProblem(row: nil, column: nil, kind: .file(error))], rows: [])
        }
    }

    /// Reads CSV text (e.g. a staged import).
    public static func read(text: String, currentYear: Int) -> ProjectSheet {
        do {
            var sheet = read(table: try CSVTable(parsing: text), currentYear: currentYear)
            sheet.text = text
            return sheet
        } catch {
            return ProjectSheet(text: text, header: [], problems: [ImportProblem(row: error.row, column: nil, kind: .csv(error))], rows: [])
        }
    }

    public static func read(table: CSVTable, currentYear: Int) -> ProjectSheet {
        var problems: [ImportProblem] = []
        var layout = SheetLayout(header: table.header, currentYear: currentYear)
        for (index, name) in table.header.enumerated() {
            guard let (column, year) = ProjectColumn.match(name) else {
                problems.append(ImportProblem(row: table.headerRow, column: name.isEmpty ? "#\(index + 1)" : name, kind: .unknownColumn))
                continue
            }
            let earlier = column.isYearColumn ? layout.yearly[column]?[year] : layout.single[column]
            if let earlier {
                problems.append(ImportProblem(row: table.headerRow, column: name, kind: .duplicateColumn(otherColumn: table.header[earlier])))
                continue
            }
            if column.isYearColumn { layout.yearly[column, default: [:]][year] = index } else { layout.single[column] = index }
        }
        for column in ProjectColumn.allCases where column.isRequired && !layout.has(column) {
            problems.append(ImportProblem(row: table.headerRow, column: column.germanHeader, kind: .missingColumn))
        }
        var sheet = ProjectSheet(text: nil, encoding: nil, separator: table.separator, header: table.header, problems: problems, rows: [])
        guard !sheet.isUnreadable else { return sheet }
        let mapped = layout.mappedIndices
        sheet.rows.reserveCapacity(table.records.count)
        for record in table.records {
            // Rows with content only in ignored columns are not projects.
            guard mapped.contains(where: { !SheetText.isBlank(record[$0]) }) else { continue }
            sheet.rows.append(ImportRow(layout: layout, record: record))
        }
        if sheet.rows.isEmpty { sheet.problems.append(ImportProblem(row: nil, column: nil, kind: .noRows)) }
        return sheet
    }

    // MARK: - Writing

    /// The columns the export writes, in order: every single-valued column, then the year columns for
    /// `years`, grouped by kind, then the other units' staff.
    public static func exportHeader(years: [Int]) -> [String] {
        var header: [String] = []
        for column in ProjectColumn.allCases where !column.isYearColumn && column != .otherUnitsStaff { header.append(column.germanHeader) }
        for column in [ProjectColumn.oneOffCosts, .runningCosts, .staff] {
            header += years.map { column.germanHeader(year: $0) }
        }
        header.append(ProjectColumn.otherUnitsStaff.germanHeader)
        return header
    }

    /// The years that get columns: every year with money or with effort of the submitting unit.
    public static func years(of records: [ProjectSheetRecord]) -> [Int] {
        var years: Set<Int> = []
        for record in records {
            for line in record.values.costs { years.insert(line.year) }
            for year in record.ownEffort.keys { years.insert(year) }
        }
        return years.sorted()
    }

    /// Header and one row per project, every cell as the export writes it (German labels, numbers, dates).
    public static func table(_ records: [ProjectSheetRecord]) -> [[String]] {
        let years = years(of: records)
        let single = ProjectColumn.allCases.filter { !$0.isYearColumn && $0 != .otherUnitsStaff }
        var rows = [exportHeader(years: years)]
        rows.reserveCapacity(records.count + 1)
        for record in records {
            var cells = single.map { record.cell($0) }
            for column in [ProjectColumn.oneOffCosts, .runningCosts, .staff] {
                cells += years.map { record.cell(column, year: $0) }
            }
            cells.append(record.cell(.otherUnitsStaff))
            rows.append(cells)
        }
        return rows
    }

    /// The CSV file German Excel opens with a double click: UTF-8 with BOM, `;`, CRLF, formulas neutralised.
    public static func csv(_ records: [ProjectSheetRecord]) -> Data {
        CSVWriter().data(table(records))
    }

    /// The JSON export: an array of profiles (`ProjectExportJSON`), keys sorted, for other programs.
    public static func json(_ records: [ProjectSheetRecord]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(records.map(ProjectExportJSON.init))
    }

    /// The empty list to fill in: every column once, the money and staff columns without a year (they mean
    /// the start year; add columns such as `Einmalkosten 2028` for further years).
    public static func template() -> Data {
        var header: [String] = []
        for column in ProjectColumn.allCases { header.append(column.germanHeader) }
        return CSVWriter().data([header])
    }
}
