import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Imports a project list: every row is read by the core (`ProjectSpreadsheet`), its references are resolved
/// within the municipality, it is checked like a profile saved through the form (`PortfolioService.prepare`,
/// with the dependency graph of the whole batch, forward references to later rows included), and the
/// result is a report naming every problem by row and column. Only a file without errors is written — all
/// rows in one transaction, new projects and changed ones through the same `ProjectWriter` as the form.
///
/// Rows with a `Kennung` that exists update that project (upsert); columns the file does not have keep the
/// project's values. Rows without a code, or with a code that does not exist yet, become new projects.
/// Everything is loaded in a few batched queries, so 10,000 rows cost the same handful of statements.
struct PortfolioImport {
    var db: any Database
    var context: MunicipalityContext
    /// Who is recorded in the audit trail and status history; nil for the command line ("System").
    var actor: CurrentUser?
    var currentYear = ProjectSpreadsheet.currentYear()

    /// What the check found and, when nothing is wrong, what a confirmation writes.
    struct Plan {
        var fileName: String
        var rowCount = 0
        var problems: [ImportProblem] = []
        var created = 0
        var updated = 0
        var unchanged = 0
        var drafts: [ProjectDraft] = []
        var statusChanges: [(project: Project, from: ProjectStatus, to: ProjectStatus)] = []
        var references = PortfolioReferences()

        var errorCount: Int { problems.filter { $0.severity == .error }.count }
        var hasErrors: Bool { problems.contains { $0.severity == .error } }
    }

    /// Where a row goes: an existing project (update) or a new one (its id and code fixed in advance, so
    /// that other rows can depend on it by code or title before it is checked).
    private struct Target {
        var project: Project
        var isNew: Bool
    }

    // MARK: - Check

    func plan(_ sheet: ProjectSheet, fileName: String) async throws -> Plan {
        try context.require(context.permissions.canManagePortfolio)
        var plan = Plan(fileName: fileName, rowCount: sheet.rows.count, problems: sheet.problems)
        guard !sheet.isUnreadable else { return plan }
        let service = PortfolioService(db: db, context: context)
        var references = try await service.references()
        var edges = try await service.dependencyEdges()
        var rows = sheet.rows

        // 1. Which rows update which project.
        let stored = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).all()
        var byCode: [String: Project] = [:]
        for project in stored { byCode[project.code.uppercased()] = project }
        var targets = [Target?](repeating: nil, count: rows.count)
        var firstRowOfCode: [String: Int] = [:]
        var blocked = Set<Int>()
        for index in rows.indices {
            guard let code = rows[index].code, !code.isEmpty else { continue }
            let key = code.uppercased()
            if let first = firstRowOfCode[key] {
                rows[index].add([rows[index].problem(forField: "code", .duplicateCode(firstRow: first), value: code)])
                blocked.insert(index)
                continue
            }
            firstRowOfCode[key] = rows[index].row
            guard let project = byCode[key] else { continue }
            if project.archivedAt != nil {
                rows[index].add([rows[index].problem(forField: "code", .archivedProject, value: project.code)])
                blocked.insert(index)
                continue
            }
            targets[index] = Target(project: project, isNew: false)
        }

        // 2. The projects to update as they are now: for the audit trail, for columns the file lacks, and to
        //    tell changed from unchanged.
        let updated = targets.compactMap { $0?.project }
        let details = try await ProjectDetails.loadMany(updated, on: db)
        let lookup = try await PortfolioExport(db: db, municipalityID: context.municipalityID).lookup(.ids)
        var current: [UUID: ProjectSheetRecord] = [:]
        var before: [UUID: [String: String?]] = [:]
        for project in updated {
            guard let id = project.id, let children = details[id] else { continue }
            current[id] = PortfolioExport.record(project, children, lookup)
            before[id] = ProjectDraft.snapshot(project, elementIDs: children.elementIDs, dependencyIDs: children.dependencyIDs,
                                               costs: children.costs, effort: Self.sorted(children.effort), references: references)
        }

        // 3. New projects get their id and code now: given codes first, then the next free ones.
        var ids = FastUUIDs()
        for index in rows.indices where targets[index] == nil && !blocked.contains(index) {
            guard let code = rows[index].code, !code.isEmpty else { continue }
            targets[index] = Target(project: newProject(code: code, references: &references, title: rows[index].input.title, ids: &ids), isNew: true)
        }
        for index in rows.indices where targets[index] == nil && !blocked.contains(index) {
            targets[index] = Target(project: newProject(code: references.nextProjectCode(), references: &references,
                                                        title: rows[index].input.title, ids: &ids), isNew: true)
            rows[index].setCode(targets[index]?.project.code)
        }
        for index in rows.indices {
            if let target = targets[index], !target.isNew, let id = target.project.id, let title = rows[index].input.title {
                references.addProject(id: id, code: target.project.code, title: title)
            }
        }

        // 4. Every row: references, validation, dependency cycles over the whole batch.
        let columnOrder = Dictionary(sheet.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func inFileOrder(_ problems: [ImportProblem]) -> [ImportProblem] {
            problems.enumerated().sorted { a, b in
                let left = a.element.column.flatMap { columnOrder[$0] } ?? Int.max, right = b.element.column.flatMap { columnOrder[$0] } ?? Int.max
                return (left, a.offset) < (right, b.offset)
            }.map(\.element)
        }
        var rowOfProject: [UUID: Int] = [:]
        for index in rows.indices {
            guard let target = targets[index], let id = target.project.id else {
                plan.problems += inFileOrder(rows[index].problems)
                continue
            }
            var row = rows[index]
            if !target.isNew, let record = current[id] {
                row = row.keeping(record)
                row.setCode(target.project.code)
            }
            ImportReferences.resolve(&row, with: references)
            var draft: ProjectDraft?
            if row.problems.isEmpty {
                do {
                    draft = try service.prepare(row.input, existing: target.project, references: &references, edges: &edges,
                                                before: target.isNew ? [:] : before[id] ?? [:], checkCycles: false)
                    rowOfProject[id] = index
                } catch let failure as ValidationFailure {
                    row.add(failure.problems)
                }
            } else {
                do { _ = try row.input.validated() } catch let failure as ValidationFailure { row.add(failure.problems) }
            }
            plan.problems += inFileOrder(row.problems)
            guard var draft, row.problems.isEmpty else { continue }
            draft.effort = Self.sorted(draft.effort)
            if target.isNew {
                draft.isNew = true
                draft.project.status = (row.status ?? .idea).rawValue
                plan.created += 1
                plan.drafts.append(draft)
                continue
            }
            let old = current[id]
            let statusBefore = target.project.projectStatus
            let children = ProjectDetails(elementIDs: draft.elementIDs, dependencyIDs: draft.dependencyIDs, dependentIDs: [],
                                          costs: draft.costs, effort: draft.effort)
            let statusChanged = row.status.map { $0 != statusBefore } ?? false
            if let status = row.status, statusChanged {
                plan.statusChanges.append((draft.project, statusBefore, status))
                draft.project.status = status.rawValue
            }
            if !statusChanged, PortfolioExport.record(draft.project, children, lookup) == old {
                plan.unchanged += 1
            } else {
                plan.updated += 1
                plan.drafts.append(draft)
            }
        }
        // 5. Dependency cycles of the whole batch at once, each reported at the row that closes it.
        let order = rowOfProject.sorted { $0.value < $1.value }.map(\.key)
        for (node, cycle) in DependencyGraph.cyclesClosed(by: order, in: edges) {
            guard let index = rowOfProject[node] else { continue }
            var row = rows[index]
            let known = row.problems.count
            row.add([FieldProblem("dependencyIDs", .dependencyCycle(cycle.map { references.projectsByID[$0]?.label ?? $0.uuidString }))])
            plan.problems += row.problems[known...]
        }
        plan.problems = plan.problems.enumerated().sorted { ($0.element.row ?? 0, $0.offset) < ($1.element.row ?? 0, $1.offset) }.map(\.element)
        plan.references = references
        if plan.hasErrors {
            plan.drafts = []
            plan.statusChanges = []
        }
        return plan
    }

    private func newProject(code: String, references: inout PortfolioReferences, title: String?, ids: inout FastUUIDs) -> Project {
        let project = Project(municipalityID: context.municipalityID, code: code)
        let id = ids.next()
        project.id = id
        references.addProject(id: id, code: code, title: title ?? "")
        return project
    }

    /// Effort in one order on both sides of a comparison (and in the audit trail).
    static func sorted(_ effort: [ProjectDraft.ResolvedEffort]) -> [ProjectDraft.ResolvedEffort] {
        effort.sorted { ($0.year, $0.departmentID.uuidString) < ($1.year, $1.departmentID.uuidString) }
    }

    // MARK: - Write

    /// Writes a plan without errors: new and changed projects, status history ("Import aus <Datei>") and
    /// audit events, plus one event for the import as a whole. Call it inside a transaction.
    func write(_ plan: Plan) async throws {
        guard !plan.hasErrors else { return }
        guard !plan.drafts.isEmpty else { return }
        let now = Date()
        let reason = "Import aus \(plan.fileName)"
        for change in plan.statusChanges { change.project.statusChangedAt = now }
        let writer = ProjectWriter(db: db, municipalityID: context.municipalityID, actor: actor, references: plan.references,
                                   creationReason: reason)
        try await writer.write(plan.drafts)
        try await BulkInsert.insert(plan.statusChanges.map { writer.statusRecord($0.project, from: $0.from, to: $0.to, reason: reason, at: now) },
                                    on: db)
        var events = try plan.statusChanges.map { change in
            try AuditTrail.makeEvent(municipalityID: context.municipalityID, actor: actor, action: .update, entityType: "project",
                                     entityID: change.project.id, label: change.project.label,
                                     changes: [FieldChange(field: "status", old: change.from.rawValue, new: change.to.rawValue),
                                               FieldChange(field: "statusReason", old: nil, new: reason)])
        }
        events.append(try AuditTrail.makeEvent(
            municipalityID: context.municipalityID, actor: actor, action: .importRows, entityType: "projectImport", entityID: nil,
            label: plan.fileName,
            changes: [FieldChange(field: "created", old: nil, new: String(plan.created)),
                      FieldChange(field: "updated", old: nil, new: String(plan.updated)),
                      FieldChange(field: "unchanged", old: nil, new: String(plan.unchanged))]))
        try await AuditTrail.recordAll(events, municipalityID: context.municipalityID, on: db)
    }

    /// Checks and, unless `dryRun` or the file has errors, writes — check and write in one transaction, so
    /// that nothing can change in between and a failure leaves nothing behind.
    func run(_ sheet: ProjectSheet, fileName: String, dryRun: Bool) async throws -> Plan {
        if dryRun { return try await plan(sheet, fileName: fileName) }
        return try await db.transaction { db in
            var inTransaction = self
            inTransaction.db = db
            let plan = try await inTransaction.plan(sheet, fileName: fileName)
            try await Self.withLargePageCache(on: db) { try await inTransaction.write(plan) }
            return plan
        }
    }

    /// SQLite keeps 2 MB of pages by default and writes the rest to the log while the transaction is still
    /// running, often the same page several times; for a bulk write the connection gets 64 MB and its
    /// setting back afterwards.
    static func withLargePageCache(on db: any Database, _ body: () async throws -> Void) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite",
              let row = try await sql.raw("PRAGMA cache_size").first(),
              let previous = try? row.decode(column: "cache_size", as: Int.self) else {
            return try await body()
        }
        try await sql.raw("PRAGMA cache_size = -65536").run()
        do {
            try await body()
        } catch {
            try? await sql.raw(SQLQueryString("PRAGMA cache_size = \(unsafeRaw: String(previous))")).run()
            throw error
        }
        try await sql.raw(SQLQueryString("PRAGMA cache_size = \(unsafeRaw: String(previous))")).run()
    }
}
