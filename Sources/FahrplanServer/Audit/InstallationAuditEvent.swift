import Fluent
import Foundation

/// An audit event of the installation rather than of one municipality: accounts created, renamed, disabled, signed
/// in and out (`AuditTrail.record` with `municipalityID: nil`).
///
/// These lived in `audit_events` with an empty `municipality_id` until migration 031. They have a table of their own
/// because `audit_events` is municipal data: it is distributed by `municipality_id` on Citus (docs/operations.md,
/// "Scaling path"), and a distributed table cannot hold rows without a distribution value.
final class InstallationAuditEvent: Model, @unchecked Sendable {
    static let schema = "installation_audit_events"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// The actor's name at the time; kept even if the account is renamed later.
    @Field(key: "actor_name") var actorName: String
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "entity_type") var entityType: String
    @OptionalField(key: "entity_id") var entityID: UUID?
    @Field(key: "entity_label") var entityLabel: String
    @Field(key: "action") var action: String
    /// JSON array of `FieldChange`.
    @Field(key: "changes") var changes: String
    @OptionalField(key: "entity_version") var entityVersion: Int?

    init() {}

    /// The same event as `AuditTrail.makeEvent` builds it, without the municipality.
    init(_ event: AuditEvent) {
        id = event.id
        actorID = event.actorID
        actorName = event.actorName
        occurredAt = event.occurredAt
        entityType = event.entityType
        entityID = event.entityID
        entityLabel = event.entityLabel
        action = event.action
        changes = event.changes
        entityVersion = event.entityVersion
    }

    var properties: [any AnyProperty] { [_id, _actorID, _actorName, _occurredAt, _entityType, _entityID, _entityLabel, _action, _changes, _entityVersion] }
}
