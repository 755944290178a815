import FahrplanCore
import Fluent
import Foundation

/// CSV import and export of the inventory (the UI, the API and `fahrplan inventory …` share it). The core reads
/// the file (`InventorySpreadsheet`: all rows or every problem by row and column); here the references are
/// resolved, each row matched to the active item of the same name (updated) or made new, and everything written
/// in one transaction — or, with any problem, nothing. Departments and projects are written as their codes, so an
/// export imports back unchanged.
extension InventoryService {
    enum SheetKind: String, CaseIterable, Sendable {
        case systems, services
    }

    struct ImportOutcome: Sendable {
        var kind: SheetKind
        var rows: Int = 0
        var created: Int = 0
        var updated: Int = 0
        var unchanged: Int = 0
        /// Every problem (row, column, value); nothing was written when there is one.
        var problems: [ImportProblem] = []
        /// The file as a whole could not be read (encoding, no header, a required column missing): no row was checked.
        var isUnreadable = false
        var dryRun: Bool
        var committed: Bool { !dryRun && problems.isEmpty && rows > 0 }
    }

    static let maxImportBytes = 5 * 1_048_576

    // MARK: export

    func exportCSV(_ kind: SheetKind) async throws -> String {
        let lookup = try await InventoryLookup.load(db, municipalityID: context.municipalityID)
        switch kind {
        case .systems:
            let records = try await systems()
            let ids = records.compactMap(\.id)
            let departments = try await systemDepartments(ids), projects = try await systemProjects(ids)
            return InventorySpreadsheet.exportSystems(records.map { record in
                ITSystem(name: record.name, vendor: record.vendor, product: record.product,
                         departmentIDs: (departments[record.id!] ?? []).compactMap { lookup.department(id: $0)?.code }.sorted(),
                         hosting: record.hostingChoice, contractEndsOn: record.contractEndDay, interfaces: record.interfaces,
                         dataProtection: record.dataProtectionChoice, lifecycle: record.lifecycleChoice,
                         projectIDs: (projects[record.id!] ?? []).compactMap { lookup.project(id: $0.id)?.code }.sorted())
            })
        case .services:
            let model = try await maturityModel()
            let records = try await services()
            let assessments = try await assessments(records.compactMap(\.id))
            return InventorySpreadsheet.exportServices(records.map { record in
                AdministrativeService(name: record.name, leikaKey: record.leikaKey, ozgID: record.ozgID,
                                      departmentID: lookup.department(id: record.$department.id)?.code, casesPerYear: record.casesPerYear,
                                      projectID: lookup.project(id: record.$project.id)?.code, assessments: assessments[record.id!] ?? [])
            }, model: model)
        }
    }

    static func exportFileName(_ kind: SheetKind, slug: String, on day: CalendarDay) -> String {
        "\(slug)-\(kind == .systems ? "it-systeme" : "verwaltungsleistungen")-\(day.iso).csv"
    }

    // MARK: import

    /// Checks the file and, unless `dryRun` or a problem is found, writes it (strategy team only).
    func importCSV(_ kind: SheetKind, bytes: [UInt8], dryRun: Bool) async throws -> ImportOutcome {
        try context.require(canManage)
        var outcome = ImportOutcome(kind: kind, dryRun: dryRun)
        let text: String
        do throws(SpreadsheetTextError) {
            text = try SpreadsheetText(decoding: bytes, maxBytes: Self.maxImportBytes).text
        } catch {
            outcome.problems = [ImportProblem(row: nil, column: nil, kind: .file(error))]
            outcome.isUnreadable = true
            return outcome
        }
        let lookup = try await InventoryLookup.load(db, municipalityID: context.municipalityID)
        switch kind {
        case .systems: try await importSystems(text, lookup: lookup, into: &outcome)
        case .services: try await importServices(text, lookup: lookup, into: &outcome)
        }
        return outcome
    }

    /// The row numbers of the data records and the header the file uses for each field.
    private static func layout(_ text: String, columns: [InventoryColumn]) -> (rows: [Int], headers: [String: String]) {
        guard let table = try? CSVTable(parsing: text) else { return ([], [:]) }
        var headers: [String: String] = [:]
        for column in columns {
            let keys = Set(([column.germanHeader] + column.aliases).map(GermanFolding.matchKey))
            headers[column.field] = table.header.first { keys.contains(GermanFolding.matchKey($0)) } ?? column.germanHeader
        }
        return (table.records.map(\.row), headers)
    }

    private func importSystems(_ text: String, lookup: InventoryLookup, into outcome: inout ImportOutcome) async throws {
        let parsed: [ITSystem]
        do throws(InventoryImportFailure) { parsed = try InventorySpreadsheet.readSystems(text: text) } catch {
            outcome.problems = error.problems; outcome.isUnreadable = true; return
        }
        let (rows, headers) = Self.layout(text, columns: InventorySpreadsheet.systemColumns)
        outcome.rows = parsed.count
        let existing = Dictionary(try await systems().map { ($0.nameKey, $0) }, uniquingKeysWith: { first, _ in first })
        let existingIDs = existing.values.compactMap(\.id)
        let storedDepartments = try await systemDepartments(existingIDs), storedProjects = try await systemProjects(existingIDs)
        var firstRow: [String: Int] = [:]
        var writes: [ImportedRow<ITSystemRecord, CheckedSystem>] = []
        for (index, system) in parsed.enumerated() {
            let row = index < rows.count ? rows[index] : index + 2
            let key = GermanFolding.matchKey(system.name)
            if let first = firstRow[key] {
                outcome.problems.append(ImportProblem(row: row, column: headers["name"], value: system.name, kind: .duplicateCode(firstRow: first)))
                continue
            }
            firstRow[key] = row
            let record = existing[key]
            // A link already stored keeps its relation; the sheet has no column for it.
            let stored = record?.id.flatMap { storedProjects[$0] } ?? []
            let relations: [String?] = system.projectIDs.map { text in
                lookup.project(text).flatMap { id in stored.first { $0.id == id }?.relation.rawValue }
            }
            let input = ITSystemInput(name: system.name, vendor: system.vendor, product: system.product, departmentIDs: system.departmentIDs,
                                      hosting: system.hosting?.rawValue, contractEndsOn: system.contractEndsOn?.iso, interfaces: system.interfaces,
                                      dataProtection: system.dataProtection?.rawValue, lifecycle: system.lifecycle?.rawValue, projectIDs: system.projectIDs)
            do {
                let checked = try await checkSystem(SystemForm(input: input, projectRelations: relations, note: record?.note),
                                                    lookup: lookup, excluding: nil, checkName: false)
                let target = record ?? ITSystemRecord(municipalityID: context.municipalityID)
                let before = record.map { Self.snapshot($0, storedDepartments[$0.id!] ?? [], stored) } ?? [:]
                target.apply(checked.system, note: checked.note)
                let changes = FieldChange.between(before, Self.snapshot(target, checked.departmentIDs, checked.projects), fields: Self.systemAuditFields)
                if record != nil && changes.isEmpty { outcome.unchanged += 1; continue }
                writes.append(ImportedRow(record: target, checked: checked, isNew: record == nil, changes: changes))
            } catch let failure as ValidationFailure {
                outcome.problems += Self.problems(failure, row: row, headers: headers,
                                                  references: ["departmentIDs": .department, "projectIDs": .project]) { Self.cell($0, system) }
            }
        }
        outcome.created = writes.filter(\.isNew).count
        outcome.updated = writes.count - outcome.created
        guard outcome.problems.isEmpty, !outcome.dryRun, !writes.isEmpty else { return }
        let municipalityID = context.municipalityID
        try await write(writes, entityType: "itSystem") { item, id, db in
            if !item.isNew {
                try await ITSystemDepartmentRecord.query(on: db).filter(\.$system.$id == id).delete()
                try await ITSystemProjectRecord.query(on: db).filter(\.$system.$id == id).delete()
            }
            try await Self.writeLinks(id, item.checked, municipalityID: municipalityID, on: db)
            return []
        }
    }

    private func importServices(_ text: String, lookup: InventoryLookup, into outcome: inout ImportOutcome) async throws {
        let model = try await maturityModel()
        let parsed: [AdministrativeService]
        do throws(InventoryImportFailure) {
            parsed = try InventorySpreadsheet.readServices(text: text, model: model, today: context.calendar.today)
        } catch {
            outcome.problems = error.problems; outcome.isUnreadable = true; return
        }
        let (rows, headers) = Self.layout(text, columns: InventorySpreadsheet.serviceColumns(model: model))
        outcome.rows = parsed.count
        let existing = Dictionary(try await services().map { ($0.nameKey, $0) }, uniquingKeysWith: { first, _ in first })
        let stored = try await assessments(existing.values.compactMap(\.id))
        var firstRow: [String: Int] = [:]
        var writes: [ImportedRow<AdministrativeServiceRecord, (form: CheckedService, stored: [MaturityAssessment])>] = []
        for (index, service) in parsed.enumerated() {
            let row = index < rows.count ? rows[index] : index + 2
            let key = GermanFolding.matchKey(service.name)
            if let first = firstRow[key] {
                outcome.problems.append(ImportProblem(row: row, column: headers["name"], value: service.name, kind: .duplicateCode(firstRow: first)))
                continue
            }
            firstRow[key] = row
            let record = existing[key]
            let input = AdministrativeServiceInput(
                name: service.name, leikaKey: service.leikaKey, ozgID: service.ozgID, departmentID: service.departmentID,
                casesPerYear: service.casesPerYear.map(String.init), projectID: service.projectID,
                assessments: service.assessments.map { MaturityAssessmentInput(criterion: $0.criterionKey, level: String($0.level), assessedOn: $0.assessedOn.iso) })
            do {
                let checked = try await checkService(ServiceForm(input: input, note: record?.note), model: model, lookup: lookup,
                                                     excluding: nil, checkName: false)
                let target = record ?? AdministrativeServiceRecord(municipalityID: context.municipalityID)
                let before = record.map(Self.snapshot) ?? [:]
                target.apply(checked.service, departmentID: checked.departmentID, projectID: checked.projectID, note: checked.note)
                let changes = FieldChange.between(before, Self.snapshot(target), fields: Self.serviceAuditFields)
                let known = record?.id.flatMap { stored[$0] } ?? []
                let newRatings = checked.service.assessments.contains { a in
                    !known.contains { $0.criterionKey == a.criterionKey && $0.level == a.level && $0.assessedOn == a.assessedOn }
                }
                if record != nil && changes.isEmpty && !newRatings { outcome.unchanged += 1; continue }
                writes.append(ImportedRow(record: target, checked: (checked, known), isNew: record == nil, changes: changes))
            } catch let failure as ValidationFailure {
                outcome.problems += Self.problems(failure, row: row, headers: headers,
                                                  references: ["departmentID": .department, "projectID": .project]) { field in
                    field == "departmentID" ? service.departmentID : field == "projectID" ? service.projectID : nil
                }
            }
        }
        outcome.created = writes.filter(\.isNew).count
        outcome.updated = writes.count - outcome.created
        guard outcome.problems.isEmpty, !outcome.dryRun, !writes.isEmpty else { return }
        let municipalityID = context.municipalityID, actor = context.user
        try await write(writes, entityType: "administrativeService") { item, id, db in
            try await Self.addAssessments(item.checked.form.service.assessments, to: id, stored: item.checked.stored,
                                          municipalityID: municipalityID, actor: actor, on: db)
        }
    }

    /// Writes an import's rows in one transaction: new records created, changed ones saved with their edit version
    /// raised, one audit event per row. `links` writes what hangs off a row and returns the changes it adds to the
    /// row's audit event.
    private func write<Record: InventoryImportedRecord, Checked: Sendable>(
        _ items: [ImportedRow<Record, Checked>], entityType: String,
        links: @escaping @Sendable (ImportedRow<Record, Checked>, UUID, any Database) async throws -> [FieldChange]
    ) async throws {
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            let versions = try await RowVersion.raise(Record.schema, ids: items.filter { !$0.isNew }.compactMap(\.record.id), on: db)
            var events: [AuditEvent] = []
            for item in items {
                let id = try item.record.requireID()
                if item.isNew {
                    try await item.record.create(on: db)
                } else {
                    item.record.version = versions[id] ?? item.record.version
                    try await item.record.save(on: db)
                }
                let added = try await links(item, id, db)
                events.append(try AuditTrail.makeEvent(municipalityID: municipalityID, actor: actor, action: item.isNew ? .create : .importRows,
                                                       entityType: entityType, entityID: id, label: item.record.name,
                                                       changes: item.changes + added, version: item.record.version))
            }
            try await AuditTrail.recordAll(events, municipalityID: municipalityID, on: db)
        }
    }

    /// A row's validation failure as import problems naming the row and the sheet's column; `references` names the
    /// fields whose unknown value is a department or project, `value` the cell text a field's problem is about.
    private static func problems(_ failure: ValidationFailure, row: Int, headers: [String: String],
                                 references: [String: ImportProblem.ReferenceKind], value: (String) -> String?) -> [ImportProblem] {
        failure.problems.map { problem in
            let field = String(problem.field.prefix { $0 != "[" })
            if case .unknownReference = problem.kind, let reference = references[field] {
                return ImportProblem(row: row, column: headers[field], value: value(problem.field), kind: .unknownReference(reference))
            }
            return ImportProblem(row: row, column: headers[field] ?? field, value: value(problem.field), kind: .field(problem.kind))
        }
    }

    /// The cell text a system's problem is about (`departmentIDs[1]` → the second department named).
    private static func cell(_ field: String, _ system: ITSystem) -> String? {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"),
              let index = Int(field[field.index(after: open)..<close]) else { return nil }
        let list = field.hasPrefix("departmentIDs") ? system.departmentIDs : field.hasPrefix("projectIDs") ? system.projectIDs : []
        return index < list.count ? list[index] : nil
    }
}

/// A checked import row that will be written: a new record or a changed one.
struct ImportedRow<Record: InventoryImportedRecord, Checked: Sendable>: Sendable {
    let record: Record
    let checked: Checked
    let isNew: Bool
    let changes: [FieldChange]
}

/// What an inventory import writes the same way for IT systems and services.
protocol InventoryImportedRecord: Model, Sendable where IDValue == UUID {
    var name: String { get }
    var version: Int { get set }
}

extension ITSystemRecord: InventoryImportedRecord {}
extension AdministrativeServiceRecord: InventoryImportedRecord {}
