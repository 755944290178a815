import Fluent
import SQLKit

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("municipality_id", .uuid, .references(Municipality.schema, "id"))
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .uuid)
            .field("entity_label", .string, .required)
            .field("action", .string, .required)
            .field("changes", .string, .required)
            .create()
        // The trail is read per item and per municipality, newest first.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_events_entity").on(AuditEvent.schema).column("entity_id").run()
            try await sql.create(index: "audit_events_municipality_time").on(AuditEvent.schema)
                .column("municipality_id").column("occurred_at").run()
            try await sql.create(index: "strategy_elements_municipality_kind").on(StrategyElement.schema)
                .column("municipality_id").column("kind").run()
            try await sql.create(index: "user_sessions_user").on(UserSession.schema).column("user_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
    }
}
