import FahrplanCore
import Fluent
import Foundation

/// Moves a round's projects along the project workflow with the round: opening it puts submitted projects
/// "In Bewertung", closing it makes the ranked ones "Priorisiert" — so that a decision to start one
/// (Priorisiert → Beschlossen) can follow. Each move is in the project's status history and the audit trail,
/// written in the caller's transaction.
enum RoundWorkflow {
    static func advance(_ projectIDs: [UUID], from: Set<ProjectStatus>, to target: ProjectStatus, reason: String,
                        context: MunicipalityContext, on db: any Database) async throws {
        let now = Date()
        var moved: [(id: UUID, label: String, from: ProjectStatus)] = []
        for chunk in projectIDs.chunked(into: 400) {
            let rows = try await Project.query(on: db).filter(\.$id ~~ chunk).filter(\.$municipality.$id == context.municipalityID)
                .filter(\.$archivedAt == nil).filter(\.$status ~~ from.map(\.rawValue))
                .field(\.$id).field(\.$code).field(\.$title).field(\.$status).rows()
            for row in rows {
                let row = row.schema(Project.schema)
                guard let status = ProjectStatus(rawValue: try row.decode("status", as: String.self)), status.canMove(to: target) else { continue }
                moved.append((try row.decode("id", as: UUID.self),
                              "\(try row.decode("code", as: String.self)) \(try row.decode("title", as: String.self))", status))
            }
        }
        guard !moved.isEmpty else { return }
        for chunk in moved.map(\.id).chunked(into: 400) {
            try await Project.query(on: db).filter(\.$id ~~ chunk)
                .set(\.$status, to: target.rawValue).set(\.$statusChangedAt, to: now).update()
        }
        try await BulkInsert.insert(moved.map {
            ProjectStatusChangeRecord(municipalityID: context.municipalityID, projectID: $0.id, from: $0.from, to: target,
                                      reason: reason, at: now, byID: context.user.id, byName: context.user.displayName)
        }, on: db)
        try await AuditTrail.recordAll(try moved.map {
            try AuditTrail.makeEvent(municipalityID: context.municipalityID, actor: context.user, action: .update, entityType: "project",
                                     entityID: $0.id, label: $0.label,
                                     changes: [FieldChange(field: "status", old: $0.from.rawValue, new: target.rawValue),
                                               FieldChange(field: "statusReason", old: nil, new: reason)])
        }, municipalityID: context.municipalityID, on: db)
    }
}
