import Fluent
import SQLKit

/// The inventory (Bestandsaufnahme, issue 17): the municipality's maturity model, IT systems with the departments
/// using them and the projects replacing or extending them, administrative services and their dated
/// per-criterion maturity assessments. Every table carries `municipality_id` (indexed).
///
/// - The items (`inventory_systems`, `inventory_services`) and the settings carry an edit `version` (optimistic
///   concurrency, `RowVersion`) and `archived_at`. Their link rows (departments, projects) are replaced with the
///   item's save under the item's version, so they need no version of their own.
/// - Assessments are history: a new rating is a new row, never an update, so the overview can count the levels
///   on any past day. `archived_at` withdraws a rating entered by mistake without erasing that it was entered.
/// - Days are ISO text (`2026-12-06`), which sorts like the days on SQLite and PostgreSQL.
/// - The maturity model is stored as the core's `MaturityModel` JSON (`inventory_settings.maturity_model`); a
///   municipality without a row uses the OZG model (levels 0–4).
struct CreateInventory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InventorySettingsRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("maturity_model", .string, .required)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .unique(on: "municipality_id")
            .create()
        try await database.schema(ITSystemRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("vendor", .string)
            .field("product", .string)
            .field("hosting", .string)
            .field("contract_ends_on", .string)
            .field("interfaces", .string, .required)
            .field("data_protection", .string)
            .field("lifecycle", .string)
            .field("note", .string)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        try await database.schema(ITSystemDepartmentRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("system_id", .uuid, .required, .references(ITSystemRecord.schema, "id"))
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .unique(on: "system_id", "department_id")
            .create()
        try await database.schema(ITSystemProjectRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("system_id", .uuid, .required, .references(ITSystemRecord.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("relation", .string, .required)
            .unique(on: "system_id", "project_id")
            .create()
        try await database.schema(AdministrativeServiceRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("leika_key", .string)
            .field("ozg_id", .string)
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("cases_per_year", .int)
            .field("project_id", .uuid, .references(Project.schema, "id"))
            .field("note", .string)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        try await database.schema(ServiceAssessmentRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("service_id", .uuid, .required, .references(AdministrativeServiceRecord.schema, "id"))
            .field("criterion_key", .string, .required)
            .field("level", .int, .required)
            .field("assessed_on", .string, .required)
            .field("note", .string)
            .field("recorded_by_name", .string)
            .field("created_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            for (table, column) in [("it_systems", "municipality_id"), ("it_system_departments", "municipality_id"),
                                    ("it_system_departments", "department_id"), ("it_system_projects", "municipality_id"),
                                    ("it_system_projects", "project_id"), ("administrative_services", "municipality_id"),
                                    ("administrative_services", "department_id"), ("administrative_services", "project_id"),
                                    ("service_assessments", "municipality_id"), ("service_assessments", "service_id")] {
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: "idx_\(table)_\(column)") ON \(ident: table) (\(ident: column))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [ServiceAssessmentRecord.schema, AdministrativeServiceRecord.schema, ITSystemProjectRecord.schema,
                       ITSystemDepartmentRecord.schema, ITSystemRecord.schema, InventorySettingsRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
