import Fluent
import SQLKit

/// Update cycles per municipality and subject kind, locked reporting periods, and the reminders given to owners
/// (in-app notifications, and the record that makes sending idempotent). Every table carries an indexed
/// `municipality_id`.
struct CreateUpdateCycles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UpdateCycleRow.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("subject_kind", .string, .required)
            .field("interval", .string, .required)
            .field("deadline_days", .int, .required)
            .field("start_date", .string, .required)
            .field("owner_rule", .string, .required)
            .field("named_owner_id", .uuid, .references(User.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "municipality_id", "subject_kind")
            .create()
        try await database.schema(MonitoringPeriodLock.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("subject_kind", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("locked_by_name", .string)
            .field("locked_at", .datetime)
            .unique(on: "municipality_id", "subject_kind", "period_start")
            .create()
        try await database.schema(MonitoringReminder.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("reminder_key", .string, .required)
            .field("kind", .string, .required)
            .field("subject_kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("title", .string, .required)
            .field("url", .string, .required)
            .field("due_date", .string, .required)
            .field("created_at", .datetime)
            .field("read_at", .datetime)
            .field("emailed_at", .datetime)
            .unique(on: "municipality_id", "user_id", "reminder_key")
            .create()
        // The unique constraints index municipality_id first; a user's notifications across municipalities
        // (the unread count in the page frame) get their own index.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_monitoring_reminders_user_id ON monitoring_reminders (user_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [MonitoringReminder.schema, MonitoringPeriodLock.schema, UpdateCycleRow.schema] {
            try await database.schema(schema).delete()
        }
    }
}
