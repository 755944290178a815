import Fluent
import SQLKit

/// A municipality's project dependencies by project (issue 19). The round pages read the dependencies of the round's
/// projects by municipality and project ids (`RoundEvaluation`); with only `(project_id, depends_on_id)` indexed,
/// PostgreSQL read all of `project_dependencies` (9,805 rows at 1,000 municipalities, benchmarks/scale-http.sh). An
/// index led by `municipality_id` keeps the read inside the municipality, as on a database distributed by it.
struct AddDependencyTenantIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS idx_project_dependencies_tenant_project ON project_dependencies (municipality_id, project_id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS idx_project_dependencies_tenant_project").run()
    }
}
