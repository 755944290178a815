import Fluent
import SQLKit

/// The efficient frontier a plan's background solve computes after storing its result: one row per plan with the
/// points as JSON text (readable on SQLite and PostgreSQL alike) and the digest of the problem they belong to.
struct AddPlanFrontier: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlanFrontier.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references("roadmap_plans", "id", onDelete: .cascade))
            .field("problem_digest", .string, .required)
            .field("points", .string, .required)
            .field("computed_at", .datetime, .required)
            .unique(on: "plan_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_plan_frontiers_municipality_id ON plan_frontiers (municipality_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanFrontier.schema).delete()
    }
}
