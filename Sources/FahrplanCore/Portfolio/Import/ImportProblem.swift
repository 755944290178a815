/// One finding of a spreadsheet import: where (spreadsheet row and column header as written in the file),
/// what the cell said, and what is wrong. The server words it in German or English
/// ("Zeile 14, Spalte Beginn: '31.02.2027' ist kein gültiges Datum").
public struct ImportProblem: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable { case error, warning }

    /// What a reference names, for "unknown unit/goal/project" messages.
    public enum ReferenceKind: String, Sendable, Equatable { case department, strategyElement, project }

    public enum Kind: Sendable, Equatable {
        /// The file could not be read as text (binary, workbook, too large, broken encoding).
        case file(SpreadsheetTextError)
        /// The text is not readable CSV (unterminated quote, too many rows or cells, no header).
        case csv(CSVError)
        /// The file has a header but no data row.
        case noRows
        /// A required column is missing; `column` names it (German header).
        case missingColumn
        /// Two headers name the same column; `otherColumn` is the first one.
        case duplicateColumn(otherColumn: String)
        /// A header Fahrplan does not know: the column is ignored (warning).
        case unknownColumn
        /// A cell that is a spreadsheet formula (`=HYPERLINK(…)`); never imported.
        case formula
        case number(LocaleNumberError)
        case date(CalendarDayError)
        /// Not one of the fixed choices (project kind, status, beneficiary); `allowed` are the German labels.
        case invalidChoice(allowed: [String])
        /// An entry of `Personal weitere Einheiten` that is not `Einheit Jahr: VZÄ`.
        case effortEntry
        /// A department, strategy element or project that does not exist in the municipality.
        case unknownReference(ReferenceKind)
        /// The same Kennung appears in an earlier row of the file.
        case duplicateCode(firstRow: Int)
        /// The Kennung belongs to an archived (or merged) project, which an import does not change.
        case archivedProject
        /// A problem found by the profile's validation (required, too long, end before start, cycle …).
        case field(FieldProblem.Kind)
    }

    /// The spreadsheet row (as Excel numbers it); nil for problems of the whole file or its header.
    public var row: Int?
    /// The column header as written in the file (or the canonical German header of a missing column).
    public var column: String?
    /// The cell's text, shortened, when it helps to show it.
    public var value: String?
    public var kind: Kind

    public init(row: Int?, column: String?, value: String? = nil, kind: Kind) {
        self.row = row
        self.column = column
        self.value = value.map(Self.shortened)
        self.kind = kind
    }

    public var severity: Severity {
        if case .unknownColumn = kind { return .warning }
        return .error
    }

    /// A stable identifier of the kind, for API clients and tests (`date.invalid`, `import.formula` …).
    public var code: String {
        switch kind {
        case .file(let error): return error.code
        case .csv(let error): return error.code
        case .noRows: return "import.no_rows"
        case .missingColumn: return "import.missing_column"
        case .duplicateColumn: return "import.duplicate_column"
        case .unknownColumn: return "import.unknown_column"
        case .formula: return "import.formula"
        case .number(let error): return error.code
        case .date(let error): return error.code
        case .invalidChoice: return "import.invalid_choice"
        case .effortEntry: return "import.effort_entry"
        case .unknownReference(let kind): return "import.unknown_\(kind.rawValue)"
        case .duplicateCode: return "import.duplicate_code"
        case .archivedProject: return "import.archived_project"
        case .field(let kind): return "field.\(kind.code)"
        }
    }

    /// Long cells (a description) are cut for the report; the row and column say where the rest is.
    static func shortened(_ text: String) -> String {
        let single = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        return single.count > 80 ? String(single.prefix(77)) + "…" : single
    }
}
