import Fluent
import Foundation
import SQLKit

/// Tenant keys (issue 19, "past one database server"): every table of municipal data carries `municipality_id`
/// NOT NULL, and every foreign key between two such tables includes it — `(municipality_id, x_id)` references
/// `(municipality_id, id)` of the parent, which gets a UNIQUE key on that pair. Citus can then distribute the
/// tables by `municipality_id` with co-located joins; installation-wide tables become reference tables
/// (docs/operations.md, "Scaling path"; `TenantSchemaRuleTests` holds both lists and checks the rule).
///
/// What this changes:
/// - Installation-level audit events (accounts, sign-ins: `municipality_id` empty) move to their own table,
///   `installation_audit_events`; `AuditTrail.record` writes them there from now on.
/// - PostgreSQL: `audit_events.municipality_id` becomes NOT NULL, and the single-column foreign keys between tenant
///   tables are replaced by composite ones (same names, same ON DELETE), read generically from the catalog.
///
/// Why the composite keys are PostgreSQL-only: SQLite's ALTER TABLE cannot drop or add a constraint; the only way is
/// to rebuild each of the ~60 tenant tables (new table, copy, drop, rename, with foreign keys switched off) — a risky
/// rewrite of every installation's file for a rule that exists only for distributing PostgreSQL. SQLite installations
/// run on one server by definition. The rows are the same on both: the code writes `municipality_id` on every tenant
/// row, and a database moved from SQLite to PostgreSQL gets the keys by this migration's PostgreSQL path.
///
/// Upgrading a database with data: a child row whose municipality differs from its parent's cannot get the composite
/// key; the migration then stops (nothing changed, it runs in one transaction) and names the table, the key and the
/// number of rows, instead of silently moving rows between municipalities. Running the catalog pass again is
/// harmless: it only converts keys that are still single-column (`TenantKeys.apply`, which later migrations creating
/// tenant tables with `.references` call too).
struct AddTenantKeys: AsyncMigration {
    static let installationEventColumns = "id, actor_id, actor_name, occurred_at, entity_type, entity_id, entity_label, action, changes, entity_version"

    func prepare(on database: any Database) async throws {
        try await Self.atomically(database) { db in
            try await db.schema(InstallationAuditEvent.schema)
                .id()
                .field("actor_id", .uuid)
                .field("actor_name", .string, .required)
                .field("occurred_at", .datetime, .required)
                .field("entity_type", .string, .required)
                .field("entity_id", .uuid)
                .field("entity_label", .string, .required)
                .field("action", .string, .required)
                .field("changes", .string, .required)
                .field("entity_version", .int)
                .create()
            guard let sql = db as? any SQLDatabase else { return }
            let columns = Self.installationEventColumns
            try await sql.raw("""
                INSERT INTO installation_audit_events (\(unsafeRaw: columns))
                SELECT \(unsafeRaw: columns) FROM audit_events WHERE municipality_id IS NULL
                """).run()
            try await sql.raw("DELETE FROM audit_events WHERE municipality_id IS NULL").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_installation_audit_events_time ON installation_audit_events (occurred_at)").run()
            if sql.dialect.name == "postgresql" { try await TenantKeys.apply(on: sql) }
        }
    }

    func revert(on database: any Database) async throws {
        try await Self.atomically(database) { db in
            guard let sql = db as? any SQLDatabase else { return }
            if sql.dialect.name == "postgresql" {
                try await TenantKeys.revert(on: sql)
                try await sql.raw("ALTER TABLE audit_events ALTER COLUMN municipality_id DROP NOT NULL").run()
            }
            let columns = Self.installationEventColumns
            try await sql.raw("""
                INSERT INTO audit_events (\(unsafeRaw: columns))
                SELECT \(unsafeRaw: columns) FROM installation_audit_events
                """).run()
            try await db.schema(InstallationAuditEvent.schema).delete()
        }
    }
}

extension AddTenantKeys {
    /// All or nothing on both databases. On PostgreSQL the statements go between an explicit BEGIN and COMMIT on one
    /// connection: Fluent's PostgreSQL driver hands out a checked-out connection marked as already in a transaction,
    /// so `transaction` (and `writeTransaction`) on it sends no BEGIN and each statement would commit on its own.
    static func atomically(_ database: any Database, _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else {
            return try await database.writeTransaction(body)
        }
        try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { return }
            try await sql.raw("BEGIN").run()
            do {
                try await body(connection)
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// The catalog pass behind migration 031 (PostgreSQL only). A tenant table is a table with a `municipality_id`
/// column; `municipalities` itself and the installation-wide tables have none.
enum TenantKeys {
    struct ForeignKey: Decodable, Sendable {
        var name: String
        var child: String
        var parent: String
        var column: String
        /// pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default.
        var onDelete: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Makes every tenant table's `municipality_id` NOT NULL and every single-column foreign key between tenant
    /// tables composite. Keys already composite are left alone, so calling it again changes nothing.
    static func apply(on sql: any SQLDatabase) async throws {
        struct Row: Decodable { var table_name: String }
        let nullable = try await sql.raw("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
              AND c.column_name = 'municipality_id' AND c.is_nullable = 'YES'
            ORDER BY 1
            """).all(decoding: Row.self)
        for table in nullable.map(\.table_name) {
            let empty = try await count(sql, "SELECT COUNT(*) AS count FROM \(quoted(table)) WHERE municipality_id IS NULL")
            guard empty == 0 else {
                throw Failure(description: "\(table): \(empty) rows without municipality_id; assign them before migrating (migration 031)")
            }
            try await sql.raw("ALTER TABLE \(unsafeRaw: quoted(table)) ALTER COLUMN municipality_id SET NOT NULL").run()
        }

        let keys = try await singleColumnKeys(on: sql)
        let serverVersion = try await count(sql, "SELECT current_setting('server_version_num')::int AS count")
        for parent in Set(keys.map(\.parent)).sorted() {
            let name = "\(parent)_tenant_key"
            let exists = try await count(sql, "SELECT COUNT(*) AS count FROM pg_constraint WHERE conname = '\(name)'")
            if exists == 0 {
                try await sql.raw("ALTER TABLE \(unsafeRaw: quoted(parent)) ADD CONSTRAINT \(unsafeRaw: quoted(name)) UNIQUE (municipality_id, id)").run()
            }
        }
        for key in keys {
            // SET NULL on a composite key would empty municipality_id too; PostgreSQL 15 can name the one column.
            guard key.onDelete != "n" && key.onDelete != "d" || serverVersion >= 150_000 else { continue }
            let wrong = try await count(sql, """
                SELECT COUNT(*) AS count FROM \(quoted(key.child)) c JOIN \(quoted(key.parent)) p ON p.id = c.\(quoted(key.column))
                WHERE p.municipality_id <> c.municipality_id
                """)
            guard wrong == 0 else {
                throw Failure(description: "\(key.child).\(key.column) (\(key.name)): \(wrong) rows point at a row of another municipality in \(key.parent); fix them before migrating (migration 031)")
            }
            try await sql.raw("""
                ALTER TABLE \(unsafeRaw: quoted(key.child)) DROP CONSTRAINT \(unsafeRaw: quoted(key.name)),
                ADD CONSTRAINT \(unsafeRaw: quoted(key.name)) FOREIGN KEY (municipality_id, \(unsafeRaw: quoted(key.column)))
                REFERENCES \(unsafeRaw: quoted(key.parent)) (municipality_id, id) \(unsafeRaw: onDeleteClause(key.onDelete, column: key.column, composite: true))
                """).run()
        }
    }

    /// Back to single-column keys, and the tenant UNIQUE keys dropped.
    static func revert(on sql: any SQLDatabase) async throws {
        let keys = try await sql.raw("""
            SELECT con.conname AS name, child.relname AS child, parent.relname AS parent, ca.attname AS "column",
                   con.confdeltype::text AS "onDelete"
            FROM pg_constraint con
            JOIN pg_class child ON child.oid = con.conrelid
            JOIN pg_class parent ON parent.oid = con.confrelid
            JOIN pg_attribute ma ON ma.attrelid = con.conrelid AND ma.attnum = con.conkey[1]
            JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = con.conkey[2]
            WHERE con.contype = 'f' AND cardinality(con.conkey) = 2 AND ma.attname = 'municipality_id'
              AND con.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            ORDER BY 2, 1
            """).all(decoding: ForeignKey.self)
        for key in keys {
            try await sql.raw("""
                ALTER TABLE \(unsafeRaw: quoted(key.child)) DROP CONSTRAINT \(unsafeRaw: quoted(key.name)),
                ADD CONSTRAINT \(unsafeRaw: quoted(key.name)) FOREIGN KEY (\(unsafeRaw: quoted(key.column)))
                REFERENCES \(unsafeRaw: quoted(key.parent)) (id) \(unsafeRaw: onDeleteClause(key.onDelete, column: key.column, composite: false))
                """).run()
        }
        struct Unique: Decodable { var table: String; var name: String }
        let uniques = try await sql.raw("""
            SELECT rel.relname AS "table", con.conname AS name FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
            WHERE con.contype = 'u' AND con.conname = rel.relname || '_tenant_key'
              AND con.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """).all(decoding: Unique.self)
        for unique in uniques {
            try await sql.raw("ALTER TABLE \(unsafeRaw: quoted(unique.table)) DROP CONSTRAINT \(unsafeRaw: quoted(unique.name))").run()
        }
    }

    /// Single-column foreign keys from a tenant table to another tenant table (not the ones to `municipalities`).
    static func singleColumnKeys(on sql: any SQLDatabase) async throws -> [ForeignKey] {
        try await sql.raw("""
            SELECT con.conname AS name, child.relname AS child, parent.relname AS parent, ca.attname AS "column",
                   con.confdeltype::text AS "onDelete"
            FROM pg_constraint con
            JOIN pg_class child ON child.oid = con.conrelid
            JOIN pg_class parent ON parent.oid = con.confrelid
            JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = con.conkey[1]
            WHERE con.contype = 'f' AND cardinality(con.conkey) = 1 AND ca.attname <> 'municipality_id'
              AND con.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'municipality_id' AND NOT a.attisdropped)
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'municipality_id' AND NOT a.attisdropped)
            ORDER BY 2, 1
            """).all(decoding: ForeignKey.self)
    }

    private static func onDeleteClause(_ action: String, column: String, composite: Bool) -> String {
        let only = composite ? " (\(quoted(column)))" : ""
        switch action {
        case "c": return "ON DELETE CASCADE"
        case "r": return "ON DELETE RESTRICT"
        case "n": return "ON DELETE SET NULL" + only
        case "d": return "ON DELETE SET DEFAULT" + only
        default: return ""
        }
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func count(_ sql: any SQLDatabase, _ query: String) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await sql.raw(SQLQueryString(query)).first(decoding: Count.self)?.count ?? 0
    }
}
