import Fluent
import SQLKit

/// Strategy versions (issue 18): named, dated snapshots of the whole strategy, numbered 1, 2, … per municipality.
///
/// - `snapshot` holds the core's `StrategyVersion` JSON (`encoded()`: stable, sorted keys); the list pages never
///   read it, so it stays out of their column lists.
/// - `taken_at` and `frame_version` are where the audit trail stood when the version was taken: "since the last
///   version" reads the events that occurred after `taken_at`.
/// - A version never changes and is never deleted (a council's decision is on record): no `version`, no
///   `archived_at`, no `updated_at`.
/// - `adopted_on` is an ISO day (`2026-12-06`), which sorts like the days on SQLite and PostgreSQL.
struct CreateStrategyVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StrategyVersionRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("number", .int, .required)
            .field("name", .string, .required)
            .field("adopted_on", .string, .required)
            .field("adopted_by", .string)
            .field("note", .string)
            .field("snapshot", .string, .required)
            .field("element_count", .int, .required)
            .field("kpi_count", .int, .required)
            .field("ranking_count", .int, .required)
            .field("roadmap_count", .int, .required)
            .field("created_by_id", .uuid)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime)
            .field("taken_at", .datetime, .required)
            .field("frame_version", .int, .required)
            .unique(on: "municipality_id", "number")
            .create()
        if let sql = database as? any SQLDatabase {
            // The list and "the last version" (by number) use the unique index; reports ask for the versions adopted in
            // a period. The audit trail after a version's time uses audit_events_municipality_time (migration 007).
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_strategy_versions_adopted ON strategy_versions (municipality_id, adopted_on)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StrategyVersionRecord.schema).delete()
    }
}
