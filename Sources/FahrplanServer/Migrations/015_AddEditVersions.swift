import Fluent
import SQLKit

/// Optimistic concurrency: every row people edit in a form or through the API carries a version that each save
/// checks and raises, so that a save based on an older state is refused instead of silently undoing another
/// person's change. The vision lives on the municipality row, beside counters that change for other reasons,
/// so it gets a version of its own. Audit events remember the version a change produced, which lets a refused
/// save show exactly the changes made since the form was loaded.
struct AddEditVersions: AsyncMigration {
    static let versionedTables = ["projects", "strategy_elements", "departments", "criteria", "prioritization_rounds"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        for table in Self.versionedTables {
            try await database.schema(table).field("version", .int, .required, .sql(.default(1))).update()
        }
        try await database.schema("municipalities").field("vision_version", .int, .required, .sql(.default(1))).update()
        try await database.schema("audit_events").field("entity_version", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").deleteField("entity_version").update()
        try await database.schema("municipalities").deleteField("vision_version").update()
        for table in Self.versionedTables.reversed() {
            try await database.schema(table).deleteField("version").update()
        }
    }
}
