import Foundation

/// One data row of an imported project list: the profile it describes (as text, ready for
/// `ProjectInput.validated()`), the status it asks for, and the problems found in its cells. Every field of
/// the input remembers the column (header as written) and the cell it came from, so that a problem found
/// later — by validation or by resolving references — names the cell the person has to fix.
public struct ImportRow: Sendable {
    /// The spreadsheet row as Excel numbers it.
    public let row: Int
    public private(set) var input: ProjectInput
    /// The status in the `Status` column; nil when the file has no such column or the cell is empty.
    public private(set) var status: ProjectStatus?
    /// Problems of single cells: formulas, numbers, dates, choices, malformed effort entries.
    public private(set) var problems: [ImportProblem]
    /// Whether the file has a `Kennung` cell for this row (an update when the code exists).
    public var code: String? { input.code }

    struct Cell: Sendable {
        var header: String
        var text: String?
    }

    let layout: SheetLayout
    let cells: [String]
    /// Field name (`title`, `costs[1].oneOff`, `strategyElementIDs[2]`) → the cell it came from.
    private(set) var fieldCells: [String: Cell]

    init(layout: SheetLayout, record: CSVRecord, keeping current: ProjectSheetRecord? = nil) {
        var builder = ImportRowBuilder(row: record.row, layout: layout, cells: record.cells, current: current)
        builder.build()
        row = record.row
        input = builder.input
        status = builder.status
        problems = builder.problems
        fieldCells = builder.fieldCells
        self.layout = layout
        cells = record.cells
    }

    /// The same row for an update of an existing project: columns the file does not have keep the
    /// project's current values (a list with only `Kennung`, `Titel`, `Fachdienst` and `Status` changes the
    /// status and nothing else); a cell that is there but empty clears the value. `current` must refer to
    /// units, elements and projects in a way the caller can resolve (codes or ids).
    public func keeping(_ current: ProjectSheetRecord) -> ImportRow {
        ImportRow(layout: layout, record: CSVRecord(row: row, cells: cells), keeping: current)
    }

    /// Sets the input's references after the caller resolved them (e.g. to ids); problems keep pointing
    /// at the cells the references came from.
    public mutating func replaceReferences(department: String?, effortDepartments: [String], strategyElements: [String],
                                           dependencies: [String]) {
        input.departmentID = department
        for index in input.effort.indices where index < effortDepartments.count { input.effort[index].departmentID = effortDepartments[index] }
        input.strategyElementIDs = strategyElements
        input.dependencyIDs = dependencies
    }

    /// Sets the Kennung written into the input (an existing project's code in its stored spelling).
    public mutating func setCode(_ code: String?) { input.code = code }

    // MARK: - Naming cells

    /// The column header (as written in the file) a field of the input came from; for a column the file
    /// does not have, its German header.
    public func column(forField field: String) -> String {
        if let cell = fieldCells[field] { return cell.header }
        let base = String(field.prefix { $0 != "[" && $0 != "." })
        if let cell = fieldCells[base] { return cell.header }
        return ProjectColumn.allCases.first { $0.field == base || $0.field.hasPrefix(base + "[") }?.germanHeader ?? field
    }

    /// The cell text a field came from, as typed.
    public func cellText(forField field: String) -> String? { fieldCells[field]?.text }

    /// A problem at the cell a field came from, unless that cell already has a problem of its own (a
    /// formula or an unreadable date was left out of the input, so "required" would only repeat it).
    public func problem(forField field: String, _ kind: ImportProblem.Kind, value: String? = nil) -> ImportProblem {
        ImportProblem(row: row, column: column(forField: field), value: value ?? cellText(forField: field), kind: kind)
    }

    /// Adds problems, leaving out repetitions (same column and kind) and field problems for cells that
    /// already have a cell problem.
    public mutating func add(_ new: [ImportProblem]) {
        for problem in new {
            if problems.contains(where: { $0.column == problem.column && $0.kind == problem.kind }) { continue }
            if case .field = problem.kind,
               problems.contains(where: { existing in
                   if case .field = existing.kind { return false }
                   return existing.column == problem.column
               }) { continue }
            problems.append(problem)
        }
    }

    /// Adds the problems that validation or the server found, each at the cell its field came from.
    public mutating func add(_ fieldProblems: [FieldProblem]) {
        add(fieldProblems.map { problem(forField: $0.field, .field($0.kind)) })
    }
}

/// Which columns a file has: the single-valued ones by column, the year columns by column and year (nil
/// for the column without a year, meaning the project's start year).
struct SheetLayout: Sendable {
    var header: [String]
    var single: [ProjectColumn: Int] = [:]
    var yearly: [ProjectColumn: [Int?: Int]] = [:]
    /// The year meant by year columns without a year when the row has no start date.
    var currentYear: Int

    func has(_ column: ProjectColumn) -> Bool { single[column] != nil }

    /// Indices of the columns Fahrplan reads, for skipping rows that are blank there.
    var mappedIndices: [Int] { Array(single.values) + yearly.values.flatMap(\.values) }
}
