import FahrplanCore
import Fluent
import Foundation

/// Writes prepared projects with all their child rows, status history and audit events. Rows go in
/// batches, so that one profile and a 10,000-row import take the same path; call it inside a transaction.
struct ProjectWriter {
    var db: any Database
    var municipalityID: UUID
    var actor: CurrentUser?
    var references: PortfolioReferences
    /// Written into the first status history entry of new projects, e.g. "Import aus datei.csv".
    var creationReason: String?

    private static let batch = 400

    func write(_ drafts: [ProjectDraft]) async throws {
        guard !drafts.isEmpty else { return }
        let now = Date()
        var events: [AuditEvent] = []
        var history: [ProjectStatusChangeRecord] = []
        var newProjects: [Project] = []
        var unversioned: [UUID: AuditEvent] = [:]
        for draft in drafts {
            if draft.isNew {
                if draft.project.id == nil { draft.project.id = UUID() }
                draft.project.createdByID = actor?.id
                draft.project.statusChangedAt = now
                newProjects.append(draft.project)
                history.append(statusRecord(draft.project, from: nil, to: draft.project.projectStatus, reason: creationReason, at: now))
            } else {
                try await draft.project.save(on: db)
            }
            let after = ProjectDraft.snapshot(draft.project, elementIDs: draft.elementIDs, dependencyIDs: draft.dependencyIDs,
                                              costs: draft.costs, effort: draft.effort, references: references)
            let changes = FieldChange.between(draft.before, after, fields: ProjectDraft.auditedFields)
            if draft.isNew || !changes.isEmpty {
                let event = try AuditTrail.makeEvent(
                    municipalityID: municipalityID, actor: actor, action: draft.isNew ? .create : .update,
                    entityType: "project", entityID: draft.project.id, label: draft.project.label, changes: changes,
                    version: draft.isNew ? 1 : draft.claimedVersion)
                events.append(event)
                if !draft.isNew, draft.claimedVersion == nil, let id = draft.project.id { unversioned[id] = event }
            }
        }
        // Bulk statements without Fluent's per-model reflection: one path for one profile and 10,000 rows.
        try await BulkInsert.insert(newProjects, on: db)
        for (id, version) in try await RowVersion.raise(Project.schema, ids: Array(unversioned.keys), on: db) {
            unversioned[id]?.entityVersion = version
        }

        let existingIDs = drafts.filter { !$0.isNew }.compactMap(\.project.id)
        for chunk in existingIDs.chunked(into: Self.batch) {
            let ids = Array(chunk)
            try await ProjectStrategyLink.query(on: db).filter(\.$project.$id ~~ ids).delete()
            try await ProjectCost.query(on: db).filter(\.$project.$id ~~ ids).delete()
            try await ProjectEffort.query(on: db).filter(\.$project.$id ~~ ids).delete()
            try await ProjectDependency.query(on: db).filter(\.$project.$id ~~ ids).delete()
        }
        var links: [ProjectStrategyLink] = [], costs: [ProjectCost] = [], effort: [ProjectEffort] = []
        var dependencies: [ProjectDependency] = []
        for draft in drafts {
            let id = try draft.project.requireID()
            links += draft.elementIDs.map { ProjectStrategyLink(municipalityID: municipalityID, projectID: id, elementID: $0) }
            costs += draft.costs.map { ProjectCost(municipalityID: municipalityID, projectID: id, line: $0) }
            effort += draft.effort.map {
                ProjectEffort(municipalityID: municipalityID, projectID: id, departmentID: $0.departmentID, year: $0.year, fteHundredths: $0.fteHundredths)
            }
            dependencies += draft.dependencyIDs.map { ProjectDependency(municipalityID: municipalityID, projectID: id, dependsOnID: $0) }
        }
        try await BulkInsert.insert(links, on: db)
        try await BulkInsert.insert(costs, on: db)
        try await BulkInsert.insert(effort, on: db)
        try await BulkInsert.insert(dependencies, on: db)
        try await BulkInsert.insert(history, on: db)
        try await AuditTrail.recordAll(events, municipalityID: municipalityID, on: db)
    }

    func statusRecord(_ project: Project, from: ProjectStatus?, to: ProjectStatus, reason: String?, at date: Date) -> ProjectStatusChangeRecord {
        Self.statusRecord(project, from: from, to: to, reason: reason, at: date, municipalityID: municipalityID, actor: actor)
    }

    static func statusRecord(_ project: Project, from: ProjectStatus?, to: ProjectStatus, reason: String?, at date: Date,
                             municipalityID: UUID, actor: CurrentUser?) -> ProjectStatusChangeRecord {
        ProjectStatusChangeRecord(municipalityID: municipalityID, projectID: project.id!, from: from, to: to, reason: reason,
                                  at: date, byID: actor?.id, byName: actor?.displayName ?? "System")
    }
}
