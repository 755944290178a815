import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// The strategy team's side of the portal: its settings and which projects are public. Every change is recorded in
/// the audit trail in the same transaction, which raises the municipality's `frame_version` — the public pages'
/// cache key and entity tag — so a change shows on the portal with the next request.
struct PortalService {
    let db: any Database
    let context: MunicipalityContext

    func settings() async throws -> PortalSettingsRecord? {
        try await PortalSettingsRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).first()
    }

    /// Saves the settings under `expected` (the version the form or `If-Match` was based on; nil: no precondition).
    @discardableResult
    func save(_ input: PortalSettingsInput, expected: Int?) async throws -> Int {
        try context.require(context.permissions.canEditFrame)
        let valid = try input.validated(today: context.calendar.today)
        let municipalityID = context.municipalityID
        let actor = context.user
        return try await db.writeTransaction { db in
            let existing = try await PortalSettingsRecord.query(on: db).filter(\.$municipality.$id == municipalityID).first()
            let row = existing ?? PortalSettingsRecord(municipalityID: municipalityID)
            let before = existing?.auditValues ?? [:]
            if let expected, expected != row.version { throw StaleEdit(currentVersion: row.version) }
            row.apply(valid)
            let changes = FieldChange.between(before, row.auditValues, fields: Array(row.auditValues.keys).sorted())
            if existing != nil && changes.isEmpty { return row.version }
            let version: Int
            if existing == nil {
                row.version = 1
                try await row.create(on: db)
                version = 1
            } else {
                version = try await RowVersion.claim(PortalSettingsRecord.schema, id: row.id!, expected: row.version, on: db)
                row.version = version
                try await row.update(on: db)
            }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: existing == nil ? .create : .update,
                                        entityType: "portalSettings", entityID: row.id, label: "Transparenzportal", changes: changes,
                                        version: version)
            return version
        }
    }

    func publicProjectIDs() async throws -> Set<UUID> {
        let rows = try await PortalProjectRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .field(\.$project.$id).rows()
        return Set(try rows.map { try $0.schema(PortalProjectRecord.schema).decode("project_id", as: UUID.self) })
    }

    /// Marks `checked` public and the rest of `shown` not public (one page of the list at a time). Ids are resolved
    /// inside the municipality; an unknown or foreign id is a problem on `publicProjectIDs`, and nothing is written.
    func setPublic(shown: [UUID], checked: Set<UUID>) async throws {
        try context.require(context.permissions.canEditFrame)
        let candidates = Set(shown).union(checked)
        let known = try await ownProjects(candidates)
        guard known.count == candidates.count else { throw ValidationFailure([FieldProblem("publicProjectIDs", .unknownReference)]) }
        let current = try await publicProjectIDs().intersection(candidates)
        try await apply(add: checked.subtracting(current), remove: current.subtracting(checked), labels: known)
    }

    /// Replaces the whole set of public projects (API).
    func replacePublic(_ ids: [String]) async throws {
        try context.require(context.permissions.canEditFrame)
        var parsed = Set<UUID>()
        var check = Validator()
        for (index, raw) in ids.enumerated() {
            if let id = UUID(uuidString: raw) { parsed.insert(id) } else { check.add("publicProjectIDs[\(index)]", .unknownReference) }
        }
        try check.finish()
        let known = try await ownProjects(parsed)
        for (index, raw) in ids.enumerated() where UUID(uuidString: raw).map({ known[$0] == nil }) ?? false {
            check.add("publicProjectIDs[\(index)]", .unknownReference)
        }
        try check.finish()
        let current = try await publicProjectIDs()
        let removed = current.subtracting(parsed)
        let removedLabels = try await ownProjects(removed, includeArchived: true)
        try await apply(add: parsed.subtracting(current), remove: removed, labels: known.merging(removedLabels) { first, _ in first })
    }

    /// Projects of this municipality among `ids` (not archived unless asked), with their labels.
    private func ownProjects(_ ids: Set<UUID>, includeArchived: Bool = false) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: String] = [:]
        for chunk in Array(ids).chunked(into: 400) {
            var query = Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$id ~~ Array(chunk))
            if !includeArchived { query = query.filter(\.$archivedAt == nil) }
            for row in try await query.field(\.$id).field(\.$code).field(\.$title).rows().map({ $0.schema(Project.schema) }) {
                result[try row.decode("id", as: UUID.self)] =
                    "\(try row.decode("code", as: String.self)) \(try row.decode("title", as: String.self))"
            }
        }
        return result
    }

    private func apply(add: Set<UUID>, remove: Set<UUID>, labels: [UUID: String]) async throws {
        guard !add.isEmpty || !remove.isEmpty else { return }
        let municipalityID = context.municipalityID
        let actor = context.user
        try await db.writeTransaction { db in
            var events: [AuditEvent] = []
            for id in add.sorted(by: { $0.uuidString < $1.uuidString }) {
                try await PortalProjectRecord(municipalityID: municipalityID, projectID: id).create(on: db)
                events.append(try AuditTrail.makeEvent(municipalityID: municipalityID, actor: actor, action: .update, entityType: "project",
                                                       entityID: id, label: labels[id] ?? id.uuidString,
                                                       changes: [FieldChange(field: "portalPublic", old: "false", new: "true")]))
            }
            if !remove.isEmpty {
                for chunk in Array(remove).chunked(into: 400) {
                    try await PortalProjectRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                        .filter(\.$project.$id ~~ Array(chunk)).delete()
                }
                for id in remove.sorted(by: { $0.uuidString < $1.uuidString }) {
                    events.append(try AuditTrail.makeEvent(municipalityID: municipalityID, actor: actor, action: .update, entityType: "project",
                                                           entityID: id, label: labels[id] ?? id.uuidString,
                                                           changes: [FieldChange(field: "portalPublic", old: "true", new: "false")]))
                }
            }
            try await AuditTrail.recordAll(events, municipalityID: municipalityID, on: db)
        }
    }

    /// One page of the municipality's (not archived) projects for the selection list, filtered by text and
    /// "public only", with the total.
    struct ListRow: Sendable { var id: UUID; var code: String; var title: String; var status: ProjectStatus; var isPublic: Bool }

    func list(search: String?, onlyPublic: Bool, page: Int, pageSize: Int) async throws -> (rows: [ListRow], total: Int) {
        let publicIDs = try await publicProjectIDs()
        var query = Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
        for term in GermanFolding.searchTerms(search ?? "") { query = query.filter(\.$searchText ~~ term) }
        if onlyPublic {
            if publicIDs.isEmpty { return ([], 0) }
            query = query.filter(\.$id ~~ Array(publicIDs))
        }
        let total = try await query.count()
        let rows = try await query.sort(\.$code).range(((page - 1) * pageSize)..<(page * pageSize))
            .field(\.$id).field(\.$code).field(\.$title).field(\.$status).rows().map { $0.schema(Project.schema) }
        return (try rows.map { row in
            let id = try row.decode("id", as: UUID.self)
            return ListRow(id: id, code: try row.decode("code", as: String.self), title: try row.decode("title", as: String.self),
                           status: ProjectStatus(rawValue: try row.decode("status", as: String.self)) ?? .idea, isPublic: publicIDs.contains(id))
        }, total)
    }
}
