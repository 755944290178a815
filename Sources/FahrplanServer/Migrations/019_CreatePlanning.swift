import Fluent
import SQLKit

/// Roadmap plans: periods and discount, budget lines and departments' FTE per period, per-project settings,
/// the stored result and its starts. Every table carries `municipality_id`; the indexes follow the query paths
/// (a municipality's plans, a plan's rows).
struct CreatePlanning: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RoadmapPlan.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("name", .string, .required)
            .field("period_length", .string, .required)
            .field("first_year", .int, .required)
            .field("period_count", .int, .required)
            .field("discount", .double, .required)
            .field("round_id", .uuid, .references(PrioritizationRound.schema, "id"))
            .field("base_plan_id", .uuid, .references(RoadmapPlan.schema, "id"))
            .field("scenario_note", .string, .required)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_by_name", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        try await database.schema(PlanBudgetLine.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("plan_id", .uuid, .required, .references(RoadmapPlan.schema, "id"))
            .field("label", .string, .required)
            .field("kind", .string, .required)
            .field("funding_source", .string)
            .field("eligible_project_ids", .string, .required)
            .field("amounts", .string, .required)
            .field("position", .int, .required)
            .create()
        try await database.schema(PlanStaffCapacity.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("plan_id", .uuid, .required, .references(RoadmapPlan.schema, "id"))
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("fte", .string, .required)
            .unique(on: "plan_id", "department_id")
            .create()
        try await database.schema(PlanProjectSetting.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("plan_id", .uuid, .required, .references(RoadmapPlan.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("included", .bool, .required)
            .field("mandatory", .bool)
            .field("pinned_start", .int)
            .field("budget_line_id", .uuid, .references(PlanBudgetLine.schema, "id"))
            .unique(on: "plan_id", "project_id")
            .create()
        try await database.schema(PlanResult.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("plan_id", .uuid, .required, .references(RoadmapPlan.schema, "id"))
            .field("status", .string, .required)
            .field("objective", .double, .required)
            .field("bound", .double, .required)
            .field("gap", .double, .required)
            .field("nodes", .int, .required)
            .field("conflicts", .string, .required)
            .field("solved_at", .datetime, .required)
            .field("solved_by_name", .string)
            .unique(on: "plan_id")
            .create()
        try await database.schema(PlanStart.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("plan_id", .uuid, .required, .references(RoadmapPlan.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("start_period", .int, .required)
            .field("manual", .bool, .required)
            .unique(on: "plan_id", "project_id")
            .create()
        // The unique constraints above index plan_id first (settings, staff, results, starts); the rest get their own.
        if let sql = database as? any SQLDatabase {
            for (table, column) in [("roadmap_plans", "municipality_id"), ("roadmap_plans", "base_plan_id"),
                                    ("plan_budget_lines", "plan_id"), ("plan_project_settings", "project_id"),
                                    ("plan_starts", "project_id")] {
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: "idx_\(table)_\(column)") ON \(ident: table) (\(ident: column))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [PlanStart.schema, PlanResult.schema, PlanProjectSetting.schema, PlanStaffCapacity.schema,
                       PlanBudgetLine.schema, RoadmapPlan.schema] {
            try await database.schema(schema).delete()
        }
    }
}
