import Foundation

/// One column of an inventory spreadsheet: the input field it fills, its German header (written by the export)
/// and the other names people give it (compared like the project import's headers).
public struct InventoryColumn: Sendable, Equatable {
    public var field: String
    public var germanHeader: String
    public var aliases: [String]
    public var required: Bool

    public init(_ field: String, _ germanHeader: String, _ aliases: [String] = [], required: Bool = false) {
        self.field = field; self.germanHeader = germanHeader; self.aliases = aliases; self.required = required
    }
}

/// Every problem of an inventory file; nothing of it is taken when there is one.
public struct InventoryImportFailure: Error, Sendable, Equatable {
    public var problems: [ImportProblem]
    public init(problems: [ImportProblem]) { self.problems = problems }
}

/// Inventory lists (IT systems, administrative services) as `;`-separated CSV like the project list: read all
/// rows or none (every problem named by row and column), and written back in the same columns.
public enum InventorySpreadsheet {
    public static let systemColumns: [InventoryColumn] = [
        InventoryColumn("name", "Name", ["System", "Anwendung", "Verfahren", "Fachverfahren", "Bezeichnung", "Application"], required: true),
        InventoryColumn("vendor", "Hersteller", ["Anbieter", "Vendor"]),
        InventoryColumn("product", "Produkt", ["Produktname", "Software", "Product"]),
        InventoryColumn("departmentIDs", "Fachdienste", ["Fachdienst", "Ämter", "Amt", "Organisationseinheiten", "Nutzende Einheiten", "Departments"]),
        InventoryColumn("hosting", "Betrieb", ["Hosting", "Betriebsart", "Betriebsort"]),
        InventoryColumn("contractEndsOn", "Vertragsende", ["Vertragslaufzeit bis", "Laufzeit bis", "Contract end"]),
        InventoryColumn("interfaces", "Schnittstellen", ["Schnittstelle", "Interfaces"]),
        InventoryColumn("dataProtection", "Datenschutz", ["Personenbezogene Daten", "Datenschutzrelevanz", "Data protection"]),
        InventoryColumn("lifecycle", "Planung", ["Zukunft", "Lebenszyklus", "Status", "Lifecycle"]),
        InventoryColumn("projectIDs", "Projekte", ["Projekt", "Projects"]),
    ]

    /// Service columns; each criterion of the model adds `Reifegrad <Kriterium>` and `Stand <Kriterium>` (the day).
    public static func serviceColumns(model: MaturityModel) -> [InventoryColumn] {
        var columns = [
            InventoryColumn("name", "Leistung", ["Verwaltungsleistung", "Name", "Bezeichnung", "Service"], required: true),
            InventoryColumn("leikaKey", "LeiKa-Schlüssel", ["LeiKa", "Leika-ID", "Leistungsschlüssel"]),
            InventoryColumn("ozgID", "OZG-ID", ["OZG", "OZG-Leistung", "OZG-Kennung"]),
            InventoryColumn("departmentID", "Fachdienst", ["Amt", "Zuständig", "Zuständige Einheit", "Department"]),
            InventoryColumn("casesPerYear", "Fallzahl pro Jahr", ["Fallzahl", "Fallzahlen", "Fälle pro Jahr", "Cases per year"]),
            InventoryColumn("projectID", "Projekt", ["Umsetzungsprojekt", "Project"]),
        ]
        for criterion in model.criteria {
            columns.append(InventoryColumn("level:" + criterion.key, "Reifegrad " + criterion.germanName, ["Reifegrad " + criterion.englishName]))
            columns.append(InventoryColumn("day:" + criterion.key, "Stand " + criterion.germanName, ["Bewertet am " + criterion.germanName]))
        }
        return columns
    }

    // MARK: - Reading

    public static func readSystems(text: String) throws(InventoryImportFailure) -> [ITSystem] {
        var problems: [ImportProblem] = []
        let rows = try rows(text: text, columns: systemColumns)
        var systems: [ITSystem] = []
        for row in rows {
            let input = ITSystemInput(
                name: row.value("name"), vendor: row.value("vendor"), product: row.value("product"),
                departmentIDs: ImportRowBuilder.split(row.value("departmentIDs"), commas: false), hosting: row.value("hosting"),
                contractEndsOn: row.value("contractEndsOn"), interfaces: ImportRowBuilder.split(row.value("interfaces"), commas: false),
                dataProtection: row.value("dataProtection"), lifecycle: row.value("lifecycle"),
                projectIDs: ImportRowBuilder.split(row.value("projectIDs"), commas: false))
            do { systems.append(try input.validated()) } catch let failure as ValidationFailure {
                problems += failure.problems.map { row.problem($0, column: $0.field.prefix { $0 != "[" }.description) }
            } catch {}
            problems += row.problems
        }
        if !problems.isEmpty { throw InventoryImportFailure(problems: problems) }
        return systems
    }

    public static func readServices(text: String, model: MaturityModel, today: CalendarDay) throws(InventoryImportFailure) -> [AdministrativeService] {
        var problems: [ImportProblem] = []
        let rows = try rows(text: text, columns: serviceColumns(model: model))
        var services: [AdministrativeService] = []
        for row in rows {
            var criteria: [String] = []
            var assessments: [MaturityAssessmentInput] = []
            for criterion in model.criteria {
                let level = row.value("level:" + criterion.key), day = row.value("day:" + criterion.key)
                guard level != nil || day != nil else { continue }
                criteria.append(criterion.key)
                assessments.append(MaturityAssessmentInput(criterion: criterion.key, level: level, assessedOn: day))
            }
            let input = AdministrativeServiceInput(
                name: row.value("name"), leikaKey: row.value("leikaKey"), ozgID: row.value("ozgID"),
                departmentID: row.value("departmentID"), casesPerYear: row.value("casesPerYear"),
                projectID: row.value("projectID"), assessments: assessments)
            do { services.append(try input.validated(model: model, today: today)) } catch let failure as ValidationFailure {
                problems += failure.problems.map { problem in
                    var column = String(problem.field.prefix { $0 != "[" })
                    if column == "assessments", let open = problem.field.firstIndex(of: "["),
                       let close = problem.field.firstIndex(of: "]"), let index = Int(problem.field[problem.field.index(after: open)..<close]) {
                        column = (problem.field.hasSuffix("assessedOn") ? "day:" : "level:") + criteria[index]
                    }
                    return row.problem(problem, column: column)
                }
            } catch {}
            problems += row.problems
        }
        if !problems.isEmpty { throw InventoryImportFailure(problems: problems) }
        return services
    }

    /// A data row: its cells by field, formulas refused, an export's apostrophe removed.
    struct Row {
        var number: Int
        var cells: [String: (header: String, text: String?)]
        var problems: [ImportProblem] = []
        var columns: [InventoryColumn]

        func value(_ field: String) -> String? { cells[field]?.text }

        func problem(_ problem: FieldProblem, column field: String) -> ImportProblem {
            let header = cells[field]?.header ?? columns.first { $0.field == field }?.germanHeader ?? field
            return ImportProblem(row: number, column: header, value: cells[field]?.text, kind: .field(problem.kind))
        }
    }

    static func rows(text: String, columns: [InventoryColumn]) throws(InventoryImportFailure) -> [Row] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw InventoryImportFailure(problems: [ImportProblem(row: error.row, column: nil, kind: .csv(error))])
        }
        var byKey: [String: InventoryColumn] = [:]
        for column in columns { for name in [column.germanHeader] + column.aliases { byKey[GermanFolding.matchKey(name)] = byKey[GermanFolding.matchKey(name)] ?? column } }
        var problems: [ImportProblem] = []
        var layout: [(index: Int, column: InventoryColumn)] = []
        for (index, name) in table.header.enumerated() {
            guard let column = byKey[GermanFolding.matchKey(name)] else { continue }
            if let earlier = layout.first(where: { $0.column == column }) {
                problems.append(ImportProblem(row: table.headerRow, column: name, kind: .duplicateColumn(otherColumn: table.header[earlier.index])))
            } else {
                layout.append((index, column))
            }
        }
        for column in columns where column.required && !layout.contains(where: { $0.column == column }) {
            problems.append(ImportProblem(row: table.headerRow, column: column.germanHeader, kind: .missingColumn))
        }
        if table.records.isEmpty { problems.append(ImportProblem(row: nil, column: nil, kind: .noRows)) }
        if !problems.isEmpty { throw InventoryImportFailure(problems: problems) }
        return table.records.map { record in
            var row = Row(number: record.row, cells: [:], columns: columns)
            for (index, column) in layout {
                let header = table.header[index]
                var raw: String? = record[index]
                if let text = raw, SheetText.isBlank(text) { raw = nil }
                if let text = raw, FormulaGuard.isFormula(text) {
                    row.problems.append(ImportProblem(row: record.row, column: header, value: text, kind: .formula))
                    raw = nil
                }
                raw = raw.map(FormulaGuard.unescape)
                row.cells[column.field] = (header, raw)
            }
            return row
        }
    }

    // MARK: - Writing

    public static func exportSystems(_ systems: [ITSystem]) -> String {
        var records = [systemColumns.map(\.germanHeader)]
        for s in systems {
            records.append([s.name, s.vendor ?? "", s.product ?? "", s.departmentIDs.joined(separator: "; "),
                            s.hosting?.germanLabel ?? "", s.contractEndsOn?.german ?? "", s.interfaces.joined(separator: "; "),
                            s.dataProtection?.germanLabel ?? "", s.lifecycle?.germanLabel ?? "", s.projectIDs.joined(separator: "; ")])
        }
        return CSVWriter().string(records)
    }

    /// One row per service with each criterion's latest assessment (older ones stay in Fahrplan, not in the sheet).
    public static func exportServices(_ services: [AdministrativeService], model: MaturityModel) -> String {
        var records = [serviceColumns(model: model).map(\.germanHeader)]
        for s in services {
            var cells = [s.name, s.leikaKey ?? "", s.ozgID ?? "", s.departmentID ?? "", s.casesPerYear.map(String.init) ?? "", s.projectID ?? ""]
            for criterion in model.criteria {
                let latest = s.assessments.filter { $0.criterionKey == criterion.key }.max { $0.assessedOn < $1.assessedOn }
                cells += [latest.map { String($0.level) } ?? "", latest?.assessedOn.german ?? ""]
            }
            records.append(cells)
        }
        return CSVWriter().string(records)
    }
}
