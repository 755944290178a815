import Fluent
import SQLKit

/// Indexes found missing by benchmarks/scale-http.sh (EXPLAIN of each page's queries at 150 municipalities × 200
/// projects): the members of one municipality (round page: eligible raters, monitoring owners) were read by a
/// sequential scan of all memberships, because the only index leads with user_id (the login's lookup).
struct AddScaleIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS idx_memberships_municipality_id ON memberships (municipality_id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS idx_memberships_municipality_id").run()
    }
}
