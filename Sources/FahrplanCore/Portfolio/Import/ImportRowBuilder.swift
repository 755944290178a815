import Foundation

/// Turns the cells of one data row into a `ProjectInput`. Cells are checked for formulas first (a formula
/// is refused and left out), then an apostrophe that an export put before `=`, `+`, `-` or `@` is removed.
/// Numbers and dates are read here, with the spreadsheet layer's precise errors, and handed on in a form
/// validation reads back exactly (`1234,5`, ISO days); choices are checked against their labels.
struct ImportRowBuilder {
    let layout: SheetLayout
    let cells: [String]
    /// Present for updates: values of columns the file does not have.
    let current: ProjectSheetRecord?

    var input = ProjectInput()
    var status: ProjectStatus?
    var problems: [ImportProblem] = []
    var fieldCells: [String: ImportRow.Cell] = [:]
    let row: Int

    init(row: Int, layout: SheetLayout, cells: [String], current: ProjectSheetRecord?) {
        self.row = row
        self.layout = layout
        self.cells = cells
        self.current = current
    }

    // MARK: - Cells

    private func header(_ index: Int) -> String { layout.header[index] }

    private func header(_ column: ProjectColumn) -> String {
        layout.single[column].map(header) ?? column.germanHeader
    }

    /// The cell's text: nil when blank or a formula (reported).
    private mutating func cell(_ index: Int) -> String? {
        let raw = index < cells.count ? cells[index] : ""
        guard let first = SheetText.firstVisibleScalar(raw) else { return nil }
        // Only a cell starting with one of these can be a formula; asking only then keeps 10,000 rows fast.
        if first == "=" || first == "+" || first == "-" || first == "@", FormulaGuard.isFormula(raw) {
            problems.append(ImportProblem(row: row, column: header(index), value: raw, kind: .formula))
            return nil
        }
        if first != "'" { return raw }
        let text = FormulaGuard.unescape(raw)
        return SheetText.isBlank(text) ? nil : text
    }

    /// Reads a single-valued column, remembering the cell for `field`; for a column the file does not have,
    /// `fallback` (the current value of an update).
    private mutating func text(_ column: ProjectColumn, _ field: String, fallback: String?) -> String? {
        guard let index = layout.single[column] else {
            fieldCells[field] = ImportRow.Cell(header: column.germanHeader, text: fallback)
            return fallback
        }
        let value = cell(index)
        fieldCells[field] = ImportRow.Cell(header: header(index), text: value)
        return value
    }

    private mutating func problem(_ column: String, _ value: String?, _ kind: ImportProblem.Kind) {
        problems.append(ImportProblem(row: row, column: column, value: value, kind: kind))
    }

    static func split(_ text: String?, commas: Bool) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" || (commas && $0 == ",") })
            .map { SheetText.trimmed($0) }.filter { !$0.isEmpty }
    }

    // MARK: - Building

    mutating func build() {
        let cur = current?.values
        input.code = text(.code, "code", fallback: cur?.code).map { SheetText.trimmed(Substring($0)) }
        input.title = text(.title, "title", fallback: cur?.title)
        input.summary = text(.summary, "summary", fallback: cur?.summary)
        input.description = text(.description, "description", fallback: cur?.description)
        input.departmentID = text(.department, "departmentID", fallback: cur?.departmentID).map { SheetText.trimmed(Substring($0)) }
        input.responsiblePerson = text(.responsiblePerson, "responsiblePerson", fallback: cur?.responsiblePerson)
        input.kind = choice(.kind, "projectKind", fallback: cur?.kind.rawValue, as: ProjectKind.self)
        status = choice(.status, "status", fallback: nil, as: ProjectStatus.self).flatMap { ProjectStatus(rawValue: $0) }
        input.legalObligation = text(.legalObligation, "legalObligation", fallback: cur.map { $0.legalObligation ? "ja" : "nein" })
        input.legalReference = text(.legalReference, "legalReference", fallback: cur?.legalReference)
        input.legalDeadline = day(.legalDeadline, "legalDeadline", fallback: cur?.legalDeadline)
        input.administrativeService = text(.administrativeService, "administrativeService", fallback: cur?.administrativeService)
        input.beneficiaries = beneficiaries(fallback: cur?.beneficiaries ?? [])
        input.benefitDescription = text(.benefitDescription, "benefitDescription", fallback: cur?.benefitDescription)
        input.hoursSavedPerYear = text(.hoursSavedPerYear, "hoursSavedPerYear", fallback: cur?.hoursSavedPerYear.map(String.init))
        input.citizenHoursSavedPerYear = text(.citizenHoursSavedPerYear, "citizenHoursSavedPerYear",
                                              fallback: cur?.citizenHoursSavedPerYear.map(String.init))
        input.businessHoursSavedPerYear = text(.businessHoursSavedPerYear, "businessHoursSavedPerYear",
                                               fallback: cur?.businessHoursSavedPerYear.map(String.init))
        input.startOn = day(.startOn, "startOn", fallback: cur?.startOn)
        input.endOn = day(.endOn, "endOn", fallback: cur?.endOn)
        input.risks = text(.risks, "risks", fallback: cur?.risks)
        input.tags = layout.has(.tags) ? Self.split(text(.tags, "tags", fallback: nil), commas: true) : (cur?.tags ?? [])
        strategyElements()
        dependencies()
        costs()
        effort()
    }

    /// A choice's code name (which validation reads fastest), or nil with a problem for an unknown label.
    private mutating func choice<C: LabelledChoice>(_ column: ProjectColumn, _ field: String, fallback: String?, as type: C.Type) -> String? {
        guard let value = text(column, field, fallback: fallback) else { return nil }
        guard layout.has(column) else { return value }
        guard let chosen = ChoiceIndex.choice(value, C.self) else {
            problem(header(column), value, .invalidChoice(allowed: C.allCases.map(\.germanLabel)))
            return nil
        }
        return chosen.rawValue
    }

    private mutating func day(_ column: ProjectColumn, _ field: String, fallback: CalendarDay?) -> String? {
        guard layout.has(column) else { return text(column, field, fallback: fallback?.iso) }
        guard let value = text(column, field, fallback: nil) else { return nil }
        do {
            return try CalendarDay.parse(value).iso
        } catch {
            problem(header(column), value, .date(error))
            return nil
        }
    }

    private mutating func beneficiaries(fallback: [Beneficiary]) -> [String] {
        guard layout.has(.beneficiaries) else {
            fieldCells["beneficiaries"] = ImportRow.Cell(header: ProjectColumn.beneficiaries.germanHeader, text: nil)
            return fallback.map(\.rawValue)
        }
        var chosen: [String] = []
        for item in Self.split(text(.beneficiaries, "beneficiaries", fallback: nil), commas: true) {
            if let beneficiary = ChoiceIndex.choice(item, Beneficiary.self) {
                chosen.append(beneficiary.rawValue)
            } else {
                problem(header(.beneficiaries), item, .invalidChoice(allowed: Beneficiary.allCases.map(\.germanLabel)))
            }
        }
        return chosen
    }

    /// `Handlungsfeld`, `Ziele` and `Programm` all fill `strategyElementIDs`; each reference remembers its column.
    private mutating func strategyElements() {
        var first: String?
        for column in [ProjectColumn.fieldsOfAction, .goals, .programs] {
            let items: [String]
            if let index = layout.single[column] {
                items = Self.split(cell(index), commas: false)
                first = first ?? header(index)
            } else {
                items = current?.elements(column) ?? []
            }
            for item in items {
                fieldCells["strategyElementIDs[\(input.strategyElementIDs.count)]"] = ImportRow.Cell(header: header(column), text: item)
                input.strategyElementIDs.append(item)
            }
        }
        fieldCells["strategyElementIDs"] = ImportRow.Cell(header: first ?? ProjectColumn.goals.germanHeader, text: nil)
    }

    private mutating func dependencies() {
        let items: [String]
        if let index = layout.single[.dependencies] {
            items = Self.split(cell(index), commas: false)
        } else {
            items = current?.values.dependencyIDs ?? []
        }
        fieldCells["dependencyIDs"] = ImportRow.Cell(header: header(.dependencies), text: nil)
        for item in items {
            fieldCells["dependencyIDs[\(input.dependencyIDs.count)]"] = ImportRow.Cell(header: header(.dependencies), text: item)
            input.dependencyIDs.append(item)
        }
    }

    // MARK: - Years

    /// The non-empty cells of a year column kind by year, and the years the file has a column for. The
    /// column without a year means the start year (or the current year when the row has no start); when it
    /// and the column of that year are both filled, that is reported as a duplicate.
    private mutating func yearCells(_ column: ProjectColumn) -> (cells: [Int: ImportRow.Cell], covered: Set<Int>) {
        let startYear = input.startOn.flatMap(CalendarDay.init(iso:))?.year ?? layout.currentYear
        var cells: [Int: ImportRow.Cell] = [:]
        var covered: Set<Int> = []
        let entries = (layout.yearly[column] ?? [:]).sorted { ($0.key ?? Int.max) < ($1.key ?? Int.max) }
        for (year, index) in entries {
            let resolved = year ?? startYear
            covered.insert(resolved)
            guard let text = cell(index) else { continue }
            if cells[resolved] != nil {
                problem(header(index), text, .field(.duplicate))
                continue
            }
            cells[resolved] = ImportRow.Cell(header: header(index), text: text)
        }
        return (cells, covered)
    }

    private mutating func amount(_ cell: ImportRow.Cell?, fte: Bool) -> String? {
        guard let cell, let text = cell.text else { return nil }
        if let hundredths = Self.plainHundredths(text) {
            return fte ? LocaleNumber.german(hundredths: Int(hundredths)) : LocaleNumber.german(cents: hundredths)
        }
        do {
            return fte ? LocaleNumber.german(hundredths: try LocaleNumber.hundredths(text))
                       : LocaleNumber.german(cents: try LocaleNumber.cents(text))
        } catch {
            problem(cell.header, text, .number(error))
            return nil
        }
    }

    /// Hundredths of the plainest German numbers (`1234`, `1.234`, `12.345.678,9`, `0,25`) read directly,
    /// with exactly `LocaleNumber`'s result; nil for anything else, which `LocaleNumber` reads (and judges).
    static func plainHundredths(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        let comma = bytes.firstIndex(of: UInt8(ascii: ","))
        let integerPart = bytes[..<(comma ?? bytes.endIndex)]
        let groups = integerPart.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty else { return nil }
        if groups.count > 1 {
            // Thousands groups as LocaleNumber takes them: a first group of 1–3 digits not starting with 0.
            guard first.count <= 3, first.first != UInt8(ascii: "0"), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var value: Int64 = 0
        for group in groups {
            for byte in group {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
        }
        var fraction: Int64 = 0
        if let comma {
            let digits = bytes[(comma + 1)...]
            guard (1...2).contains(digits.count) else { return nil }
            for byte in digits {
                guard (0x30...0x39).contains(byte) else { return nil }
                fraction = fraction * 10 + Int64(byte - 0x30)
            }
            if digits.count == 1 { fraction *= 10 }
        }
        return value * 100 + fraction
    }

    private mutating func costs() {
        let oneOff = yearCells(.oneOffCosts), running = yearCells(.runningCosts)
        var stored: [Int: CostLine] = [:]
        for line in current?.values.costs ?? [] { stored[line.year] = line }
        var years = Set(oneOff.cells.keys).union(running.cells.keys)
        for year in stored.keys where !(oneOff.covered.contains(year) && running.covered.contains(year)) { years.insert(year) }
        for year in years.sorted() {
            func kept(_ cents: Int64?) -> String? { cents.flatMap { $0 == 0 ? nil : LocaleNumber.german(cents: $0) } }
            let oneOffText = oneOff.covered.contains(year) ? amount(oneOff.cells[year], fte: false) : kept(stored[year]?.oneOffCents)
            let runningText = running.covered.contains(year) ? amount(running.cells[year], fte: false) : kept(stored[year]?.runningCents)
            guard oneOffText != nil || runningText != nil else { continue }
            let prefix = "costs[\(input.costs.count)]"
            let oneOffHeader = oneOff.cells[year]?.header ?? ProjectColumn.oneOffCosts.germanHeader(year: year)
            let runningHeader = running.cells[year]?.header ?? ProjectColumn.runningCosts.germanHeader(year: year)
            fieldCells["\(prefix).oneOff"] = ImportRow.Cell(header: oneOffHeader, text: oneOff.cells[year]?.text)
            fieldCells["\(prefix).running"] = ImportRow.Cell(header: runningHeader, text: running.cells[year]?.text)
            fieldCells["\(prefix).year"] = ImportRow.Cell(header: oneOffText != nil ? oneOffHeader : runningHeader, text: String(year))
            input.costs.append(CostLineInput(year: String(year), oneOff: oneOffText, running: runningText))
        }
    }

    private mutating func effort() {
        let staff = yearCells(.staff)
        let department = input.departmentID ?? ""
        let stored = current?.ownEffort ?? [:]
        var years = Set(staff.cells.keys)
        for year in stored.keys where !staff.covered.contains(year) { years.insert(year) }
        for year in years.sorted() {
            let fte = staff.covered.contains(year) ? amount(staff.cells[year], fte: true)
                                                   : stored[year].map { LocaleNumber.german(hundredths: $0) }
            guard let fte else { continue }
            let prefix = "effort[\(input.effort.count)]"
            let columnHeader = staff.cells[year]?.header ?? ProjectColumn.staff.germanHeader(year: year)
            fieldCells["\(prefix).fte"] = ImportRow.Cell(header: columnHeader, text: staff.cells[year]?.text)
            fieldCells["\(prefix).year"] = ImportRow.Cell(header: columnHeader, text: String(year))
            fieldCells["\(prefix).departmentID"] = ImportRow.Cell(header: header(.department), text: input.departmentID)
            input.effort.append(EffortLineInput(departmentID: department, year: String(year), fte: fte))
        }
        let firstStaff = layout.yearly[.staff]?.values.min().map(header)
        if let index = layout.single[.otherUnitsStaff] {
            let columnHeader = header(index)
            for entry in Self.split(cell(index), commas: false) { otherEffort(entry, header: columnHeader) }
        } else {
            for line in current?.otherEffort ?? [] {
                let prefix = "effort[\(input.effort.count)]"
                for part in ["fte", "year", "departmentID"] {
                    fieldCells["\(prefix).\(part)"] = ImportRow.Cell(header: ProjectColumn.otherUnitsStaff.germanHeader, text: nil)
                }
                input.effort.append(EffortLineInput(departmentID: line.departmentID, year: String(line.year),
                                                    fte: LocaleNumber.german(hundredths: line.fteHundredths)))
            }
        }
        fieldCells["effort"] = ImportRow.Cell(header: firstStaff ?? layout.single[.otherUnitsStaff].map(header) ?? ProjectColumn.staff.germanHeader,
                                              text: nil)
    }

    /// One entry of `Personal weitere Einheiten`: `<Einheit> <Jahr>: <VZÄ>`, the unit by code or name.
    private mutating func otherEffort(_ entry: String, header columnHeader: String) {
        guard let colon = entry.lastIndex(of: ":") else {
            problem(columnHeader, entry, .effortEntry)
            return
        }
        let left = SheetText.trimmed(entry[..<colon])
        let right = SheetText.trimmed(entry[entry.index(after: colon)...])
        var words = left.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, let yearWord = words.popLast(), yearWord.count == 4, let year = Int(yearWord),
              ProjectLimits.years.contains(year), !right.isEmpty else {
            problem(columnHeader, entry, .effortEntry)
            return
        }
        let unit = words.joined(separator: " ")
        let fte: String
        do {
            fte = LocaleNumber.german(hundredths: try LocaleNumber.hundredths(right))
        } catch {
            problem(columnHeader, entry, .number(error))
            return
        }
        let prefix = "effort[\(input.effort.count)]"
        for part in ["fte", "year", "departmentID"] {
            fieldCells["\(prefix).\(part)"] = ImportRow.Cell(header: columnHeader, text: entry)
        }
        input.effort.append(EffortLineInput(departmentID: unit, year: String(year), fte: fte))
    }
}

/// Whitespace handling without Foundation's `NSString` bridge, which costs more than everything else when
/// 10,000 rows are read. Whitespace is Unicode's White_Space, the same set as `.whitespacesAndNewlines`.
enum SheetText {
    static func firstVisibleScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { !$0.properties.isWhitespace }
    }

    static func isBlank(_ text: String) -> Bool { firstVisibleScalar(text) == nil }

    static func trimmed(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}

/// The fixed choices by their match key, built once: `LabelledChoice.init(label:)` computes the keys of
/// every label on every call.
enum ChoiceIndex {
    private static let kinds = index(ProjectKind.self)
    private static let statuses = index(ProjectStatus.self)
    private static let beneficiaries = index(Beneficiary.self)

    private static func index<C: LabelledChoice>(_ type: C.Type) -> [String: String] {
        var table: [String: String] = [:]
        for choice in C.allCases {
            for name in [choice.rawValue, choice.germanLabel, choice.englishLabel] + choice.aliases {
                let key = GermanFolding.matchKey(name)
                if table[key] == nil { table[key] = choice.rawValue }
            }
        }
        return table
    }

    static func choice<C: LabelledChoice>(_ label: String, _ type: C.Type) -> C? {
        let key = GermanFolding.matchKey(label)
        let table: [String: String]
        switch type {
        case is ProjectKind.Type: table = kinds
        case is ProjectStatus.Type: table = statuses
        case is Beneficiary.Type: table = beneficiaries
        default: return C(label: label)
        }
        return table[key].flatMap(C.init(rawValue:))
    }
}
