import Foundation
import SQLKit

/// The schema rule of issue 19 ("past one database server"), as data and a pure check, so that the check itself can be
/// tested against a deliberately broken schema.
///
/// Every table of the schema is in exactly one list:
/// - **Tenant tables** hold one municipality's data. Citus distributes them by `municipality_id`
///   (`create_distributed_table(…, 'municipality_id', colocate_with => 'departments')`): the column is NOT NULL, every
///   foreign key to another tenant table includes it, so that parent and child rows are on the same node, and the
///   PRIMARY KEY and every UNIQUE key include it (Citus refuses any other key on a distributed table; migration 036).
/// - **Reference tables** are installation-wide and small; Citus copies them to every node (`create_reference_table`).
///   Tenant tables may reference them (`user_id` → `users`, `municipality_id` → `municipalities`); they may not
///   reference a tenant table (Citus refuses a foreign key from a reference table to a distributed one).
///
/// A new table must be added to one list (the test fails until it is), with its keys following the rule: on
/// PostgreSQL the migration adds its foreign keys to tenant tables composite (`.references(parent, "id")` fails there
/// since migration 036, `id` alone being no key any more) and calls `CitusKeys.apply` at its end, which widens
/// Fluent's `PRIMARY KEY (id)` and `.unique(on:)` keys.
enum TenantSchemaRule {
    /// Installation-wide: the tenants themselves, accounts and everything about signing in, Fluent's bookkeeping,
    /// and the installation's own audit events (migration 031). No column of them points at a tenant table.
    static let referenceTables: Set<String> = [
        "_fluent_migrations", "municipalities", "users", "user_sessions", "login_failures", "auth_events",
        "device_cookies", "mfa_login_challenges", "mfa_recovery_codes", "installation_audit_events",
    ]

    /// One municipality's data. `memberships`, `api_tokens` and `invitations` are here although they are looked up by
    /// user or by token hash across municipalities: each belongs to one municipality, and `memberships` and
    /// `invitations` reference its departments (on Citus such a lookup asks every node; see docs/operations.md).
    static let tenantTables: Set<String> = [
        "administrative_services", "api_tokens", "audit_events", "call_recipients", "calls_for_projects", "criteria",
        "decisions", "departments", "inventory_settings", "invitations", "it_system_departments",
        "it_system_projects", "it_systems", "kpi_measurements", "kpis", "maturity_assessment_ratings",
        "maturity_assessments", "maturity_invitations", "maturity_project_links", "maturity_questionnaires",
        "maturity_responses", "maturity_rounds", "memberships", "milestones", "monitoring_period_locks",
        "monitoring_reminders", "monitoring_settings", "municipality_economics", "newsletters",
        "pairwise_comparisons", "plan_budget_lines", "plan_frontiers", "plan_project_settings", "plan_results",
        "plan_staff_capacities", "plan_starts", "portal_projects", "portal_settings", "prioritization_rounds",
        "prioritization_scenarios", "project_costs", "project_dependencies", "project_effort",
        "project_status_changes", "project_strategy_links", "projects", "ranking_entries", "ranking_versions",
        "ratings", "roadmap_plans", "round_criteria", "round_projects", "round_raters", "service_assessments",
        "staged_imports", "status_reports", "strategy_elements", "strategy_links", "strategy_versions",
        "update_cycles",
    ]

    static let tenantColumn = "municipality_id"

    /// What the rule needs to know of a schema.
    struct Schema: Sendable {
        struct Column: Sendable, Hashable {
            var table: String
            var name: String
            var nullable: Bool
        }

        struct ForeignKey: Sendable, Hashable {
            var name: String
            var table: String
            var columns: [String]
            var referencedTable: String
            var referencedColumns: [String]
        }

        /// A PRIMARY KEY or UNIQUE constraint.
        struct Key: Sendable, Hashable {
            var name: String
            var table: String
            var columns: [String]
            var primary: Bool
        }

        var tables: Set<String>
        var columns: [Column]
        var foreignKeys: [ForeignKey]
        var keys: [Key] = []
    }

    /// Every breach of the rule, one sentence each naming the table or constraint; empty when the schema follows it.
    static func violations(of schema: Schema, tenant: Set<String> = tenantTables,
                           reference: Set<String> = referenceTables) -> [String] {
        var found: [String] = []
        for table in tenant.intersection(reference).sorted() {
            found.append("table \(table) is in both lists (tenant and reference)")
        }
        for table in schema.tables.subtracting(tenant).subtracting(reference).sorted() {
            found.append("table \(table) is in neither list: add it to TenantSchemaRule.tenantTables (municipal data, "
                         + "with municipality_id) or referenceTables (installation-wide)")
        }
        for table in tenant.union(reference).subtracting(schema.tables).sorted() {
            found.append("table \(table) is listed but does not exist")
        }
        for table in tenant.intersection(schema.tables).sorted() {
            guard let column = schema.columns.first(where: { $0.table == table && $0.name == tenantColumn }) else {
                found.append("tenant table \(table) has no column \(tenantColumn)")
                continue
            }
            if column.nullable { found.append("tenant table \(table): \(tenantColumn) may be NULL (must be NOT NULL)") }
        }
        for key in schema.keys.sorted(by: { ($0.table, $0.name) < ($1.table, $1.name) })
        where tenant.contains(key.table) && !key.columns.contains(tenantColumn) {
            found.append("tenant table \(key.table): \(key.primary ? "PRIMARY KEY" : "UNIQUE key") \(key.name) "
                         + "(\(key.columns.joined(separator: ", "))) does not include \(tenantColumn) "
                         + "(Citus refuses it on a distributed table; see CitusKeys, migration 036)")
        }
        for key in schema.foreignKeys.sorted(by: { ($0.table, $0.name) < ($1.table, $1.name) }) {
            let from = tenant.contains(key.table), to = tenant.contains(key.referencedTable)
            if !from && to {
                found.append("foreign key \(key.name): reference table \(key.table) points at tenant table \(key.referencedTable) "
                             + "(Citus refuses a foreign key from a reference table to a distributed one)")
            } else if from && to {
                let paired = zip(key.columns, key.referencedColumns).contains { $0 == tenantColumn && $1 == tenantColumn }
                if !paired {
                    found.append("foreign key \(key.name) of \(key.table) (\(key.columns.joined(separator: ", "))) → "
                                 + "\(key.referencedTable) (\(key.referencedColumns.joined(separator: ", "))) does not include "
                                 + "\(tenantColumn) on both sides")
                }
            }
        }
        return found
    }

    /// The schema of a PostgreSQL database (its current schema), from the catalog.
    static func read(on sql: any SQLDatabase) async throws -> Schema {
        struct TableRow: Decodable { var table_name: String }
        struct ColumnRow: Decodable { var table_name: String; var column_name: String; var is_nullable: String }
        struct KeyRow: Decodable {
            var name: String
            var table: String
            var referenced: String
            var columns: String
            var referenced_columns: String
        }
        let tables = try await sql.raw("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            """).all(decoding: TableRow.self)
        let columns = try await sql.raw("""
            SELECT c.table_name, c.column_name, c.is_nullable FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            """).all(decoding: ColumnRow.self)
        // Column lists in key order (conkey/confkey are in the order the key was declared).
        let keys = try await sql.raw("""
            SELECT con.conname AS name, child.relname AS "table", parent.relname AS referenced,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS columns,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS referenced_columns
            FROM pg_constraint con
            JOIN pg_class child ON child.oid = con.conrelid
            JOIN pg_class parent ON parent.oid = con.confrelid
            WHERE con.contype = 'f' AND con.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """).all(decoding: KeyRow.self)
        struct UniqueRow: Decodable { var name: String; var table: String; var columns: String; var kind: String }
        // From the indexes rather than the constraints, so that a bare CREATE UNIQUE INDEX counts too (Citus refuses
        // it as well); named by its constraint where it has one.
        let uniques = try await sql.raw("""
            SELECT coalesce(con.conname, ic.relname) AS name, rel.relname AS "table",
                   CASE WHEN i.indisprimary THEN 'p' ELSE 'u' END AS kind,
                   (SELECT string_agg(coalesce(a.attname, '(expression)'), ',' ORDER BY k.ord)
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num) AS columns
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class rel ON rel.oid = i.indrelid
            LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u')
            WHERE i.indisunique AND rel.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """).all(decoding: UniqueRow.self)
        return Schema(
            tables: Set(tables.map(\.table_name)),
            columns: columns.map { Schema.Column(table: $0.table_name, name: $0.column_name, nullable: $0.is_nullable == "YES") },
            foreignKeys: keys.map {
                Schema.ForeignKey(name: $0.name, table: $0.table, columns: $0.columns.split(separator: ",").map(String.init),
                                  referencedTable: $0.referenced,
                                  referencedColumns: $0.referenced_columns.split(separator: ",").map(String.init))
            },
            keys: uniques.map {
                Schema.Key(name: $0.name, table: $0.table, columns: $0.columns.split(separator: ",").map(String.init),
                           primary: $0.kind == "p")
            })
    }
}
