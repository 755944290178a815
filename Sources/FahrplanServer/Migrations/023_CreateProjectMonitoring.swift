import Fluent
import SQLKit

/// Status reports and milestones of projects in implementation, the project's named monitoring owner, and the
/// municipality's monitoring settings (calendar feed token, weeks until a project counts as stale). Every table
/// carries `municipality_id`, indexed; days are ISO text like the profile's start and end.
struct CreateProjectMonitoring: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectStatusReport.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("reported_on", .string, .required)
            .field("schedule", .string, .required)
            .field("schedule_reason", .string)
            .field("budget", .string, .required)
            .field("budget_reason", .string)
            .field("scope", .string, .required)
            .field("scope_reason", .string)
            .field("percent_complete", .int, .required)
            .field("achieved", .string)
            .field("obstacles", .string)
            .field("next_steps", .string)
            .field("lessons_learned", .string)
            .field("spent_to_date_cents", .int64)
            .field("created_by_id", .uuid)
            .field("created_by_name", .string)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ProjectMilestone.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("title", .string, .required)
            .field("due_on", .string, .required)
            .field("done_on", .string)
            .field("owner_id", .uuid, .references(User.schema, "id"))
            .field("note", .string)
            .field("created_on", .string, .required)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(MonitoringSettings.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("calendar_token", .string)
            .field("stale_after_weeks", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "municipality_id")
            .create()
        // A named person besides the profile's free-text responsible person; the service checks membership.
        try await database.schema(Project.schema).field("monitoring_owner_id", .uuid).update()
        if let sql = database as? any SQLDatabase {
            for (table, column) in [("status_reports", "municipality_id"), ("status_reports", "project_id"),
                                    ("milestones", "municipality_id"), ("milestones", "project_id"), ("milestones", "due_on"),
                                    ("monitoring_settings", "calendar_token")] {
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: "idx_\(table)_\(column)") ON \(ident: table) (\(ident: column))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Project.schema).deleteField("monitoring_owner_id").update()
        for schema in [MonitoringSettings.schema, ProjectMilestone.schema, ProjectStatusReport.schema] {
            try await database.schema(schema).delete()
        }
    }
}
