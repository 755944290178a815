import Fluent
import Foundation

/// One entry of the audit trail: who changed what, when, from which value to which.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    /// Nil for installation-level events (e.g. creating a municipality).
    @OptionalParent(key: "municipality_id") var municipality: Municipality?
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
    /// The item's edit version this change produced (see `RowVersion`); nil for changes that do not raise it.
    @OptionalField(key: "entity_version") var entityVersion: Int?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _actorID, _actorName, _occurredAt, _entityType, _entityID, _entityLabel, _action, _changes, _entityVersion] }
}

extension AuditEvent: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "actor_id", "actor_name", "occurred_at", "entity_type", "entity_id",
                              "entity_label", "action", "changes", "entity_version"]
    func bulkValues() -> [any Encodable & Sendable] {
        [id, $municipality.id, actorID, actorName, occurredAt, entityType, entityID, entityLabel, action, changes, entityVersion]
    }
}
