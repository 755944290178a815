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

    // MARK: - Check

    /// Loads what the core needs, lets `ImportPlan.match` decide where every row goes, checks each row
    /// against the municipality (references, validation, permissions — as the form does), and lets
    /// `ImportPlan.make` decide what is created, updated, unchanged or refused.
    func plan(_ sheet: ProjectSheet, fileName: String) async throws -> Plan {
        try context.require(context.permissions.canManagePortfolio)
        var plan = Plan(fileName: fileName, rowCount: sheet.rows.count, problems: sheet.problems)
        guard !sheet.isUnreadable else { return plan }
        let service = PortfolioService(db: db, context: context)
        var references = try await service.references()
        let storedEdges = try await service.dependencyEdges()
        let stored = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).all()
        var projects: [UUID: Project] = [:]
        for project in stored { if let id = project.id { projects[id] = project } }

        var ids = FastUUIDs()
        let match = ImportPlan.match(rows: sheet.rows, existing: stored.compactMap(Self.snapshot), newID: { ids.next() })
        for known in match.knownProjects { references.addProject(id: known.id, code: known.code, title: known.title) }

        // The projects to update as they are now: for the audit trail, for columns the file lacks, and to
        // tell changed from unchanged.
        let updated = match.targets.compactMap { target -> Project? in
            guard case .update(let snapshot) = target else { return nil }
            return projects[snapshot.id]
        }
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

        // Every row against the municipality: references, validation, permissions. Cycles are left to the core.
        var edges = storedEdges
        var checked: [CheckedImportRow?] = []
        checked.reserveCapacity(match.rows.count)
        var drafts: [UUID: ProjectDraft] = [:]
        for index in match.rows.indices {
            guard let target = match.targets[index], var row = match.rowToCheck(index, current: current[target.projectID]) else {
                checked.append(nil)
                continue
            }
            let id = target.projectID
            let project = projects[id] ?? Self.newProject(id: id, code: target.code, municipalityID: context.municipalityID)
            ImportReferences.resolve(&row, with: references)
            var draft: ProjectDraft?
            if row.problems.isEmpty {
                do {
                    draft = try service.prepare(row.input, existing: project, references: &references, edges: &edges,
                                                before: target.isNew ? [:] : before[id] ?? [:], checkCycles: false)
                } catch let failure as ValidationFailure {
                    row.add(failure.problems)
                }
            } else {
                do { _ = try row.input.validated() } catch let failure as ValidationFailure { row.add(failure.problems) }
            }
            guard var draft, row.problems.isEmpty else {
                checked.append(CheckedImportRow(row: row, project: nil))
                continue
            }
            draft.effort = Self.sorted(draft.effort)
            var record: ProjectSheetRecord?
            if !target.isNew {
                let children = ProjectDetails(elementIDs: draft.elementIDs, dependencyIDs: draft.dependencyIDs, dependentIDs: [],
                                              costs: draft.costs, effort: draft.effort)
                record = PortfolioExport.record(draft.project, children, lookup)
            }
            drafts[id] = draft
            checked.append(CheckedImportRow(row: row, project: CheckedProject(code: draft.project.code, title: draft.project.title,
                                                                                dependencies: draft.dependencyIDs, record: record)))
        }

        let decided = ImportPlan.make(header: sheet.header, fileProblems: sheet.problems, match: match, checked: checked,
                                      current: current, edges: storedEdges)
        plan.problems = decided.problems
        plan.created = decided.created
        plan.updated = decided.updated
        plan.unchanged = decided.unchanged
        plan.references = references
        for entry in decided.toWrite {
            guard let target = entry.target, var draft = drafts[target.projectID] else { continue }
            switch entry.outcome {
            case .create(let status):
                draft.isNew = true
                draft.project.status = status.rawValue
            case .update(let change):
                if let change {
                    plan.statusChanges.append((draft.project, change.from, change.to))
                    draft.project.status = change.to.rawValue
                }
            case .unchanged, .refused:
                continue
            }
            plan.drafts.append(draft)
        }
        return plan
    }

    /// An existing project as the core's import sees it.
    private static func snapshot(_ project: Project) -> ExistingProjectSnapshot? {
        guard let id = project.id else { return nil }
        return ExistingProjectSnapshot(id: id, code: project.code, title: project.title, status: project.projectStatus,
                                       isArchived: project.archivedAt != nil)
    }

    private static func newProject(id: UUID, code: String, municipalityID: UUID) -> Project {
        let project = Project(municipalityID: municipalityID, code: code)
        project.id = id
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
        return try await db.writeTransaction { db in
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
