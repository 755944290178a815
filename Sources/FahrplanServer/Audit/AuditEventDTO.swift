import FahrplanCore
import Foundation
import Vapor

struct AuditEventDTO: Content {
    var id: UUID
    var occurredAt: Date
    var actor: String
    var action: String
    var entityType: String
    var entityId: UUID?
    var entityLabel: String
    var changes: [FieldChange]

    init(_ event: AuditEvent) throws {
        id = try event.requireID()
        occurredAt = event.occurredAt
        actor = event.actorName
        action = event.action
        entityType = event.entityType
        entityId = event.entityID
        entityLabel = event.entityLabel
        changes = AuditTrail.changes(of: event)
    }
}
