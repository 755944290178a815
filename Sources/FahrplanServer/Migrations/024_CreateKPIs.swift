import Fluent
import SQLKit

/// KPIs of strategic goals and their measurements. Both tables carry `municipality_id` (indexed), like every table
/// of municipal data. A KPI has at most one value per day: `unique (kpi_id, measured_on)`, because the trend
/// and the chart treat a day as one point and a second figure for the same day is a correction, which should
/// replace the first knowingly (delete, then enter) rather than stand beside it; a CSV re-upload that repeats a
/// stored day is therefore refused, naming the row, instead of doubling the point.
struct CreateKPIs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(KPIRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("goal_id", .uuid, .required, .references(StrategyElement.schema, "id"))
            .field("project_id", .uuid, .references(Project.schema, "id"))
            .field("owner_id", .uuid, .references(User.schema, "id"))
            .field("name", .string, .required)
            .field("unit", .string, .required)
            .field("direction", .string, .required)
            .field("baseline", .double, .required)
            .field("baseline_on", .string, .required)
            .field("target", .double, .required)
            .field("target_on", .string, .required)
            .field("cadence", .string, .required)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        try await database.schema(KPIMeasurementRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("kpi_id", .uuid, .required, .references(KPIRecord.schema, "id"))
            .field("measured_on", .string, .required)
            .field("value", .double, .required)
            .field("note", .string)
            .field("source", .string, .required)
            .field("recorded_by_name", .string)
            .field("created_at", .datetime)
            .unique(on: "kpi_id", "measured_on")
            .create()
        if let sql = database as? any SQLDatabase {
            for (table, column) in [("kpis", "municipality_id"), ("kpis", "goal_id"), ("kpis", "owner_id"),
                                    ("kpi_measurements", "municipality_id")] {
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: "idx_\(table)_\(column)") ON \(ident: table) (\(ident: column))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KPIMeasurementRecord.schema).delete()
        try await database.schema(KPIRecord.schema).delete()
    }
}
