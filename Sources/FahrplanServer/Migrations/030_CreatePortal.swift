import Fluent
import SQLKit

/// The public transparency portal (issue 18): one settings row per municipality (published or not, intro text, which
/// parts show, the accessibility statement's contact, date and conformance, an edit `version`) and the projects the
/// strategy team marked public. The marks are their own table rather than a column of `projects`, so the shared
/// project model, its import, export and API stay as they are; `municipality_id` is part of the unique key, and
/// both foreign keys are indexed.
struct CreatePortal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PortalSettingsRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("published", .bool, .required, .sql(.default(false)))
            .field("intro", .string)
            .field("show_vision", .bool, .required, .sql(.default(true)))
            .field("show_fields_of_action", .bool, .required, .sql(.default(true)))
            .field("show_goals", .bool, .required, .sql(.default(true)))
            .field("show_kpis", .bool, .required, .sql(.default(true)))
            .field("show_roadmap", .bool, .required, .sql(.default(true)))
            .field("show_newsletter", .bool, .required, .sql(.default(true)))
            .field("contact_email", .string)
            .field("contact_phone", .string)
            .field("contact_address", .string)
            .field("statement_date", .string)
            .field("conformance", .string, .required, .sql(.default("partial")))
            .field("known_limitations", .string)
            .field("enforcement_body", .string)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "municipality_id")
            .create()
        try await database.schema(PortalProjectRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("marked_at", .datetime)
            .unique(on: "municipality_id", "project_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_portal_projects_project_id ON portal_projects (project_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PortalProjectRecord.schema).delete()
        try await database.schema(PortalSettingsRecord.schema).delete()
    }
}
