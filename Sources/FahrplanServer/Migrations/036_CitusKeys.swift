import Fluent
import SQLKit

/// Citus keys (issue 19, "past one database server"): Citus accepts a PRIMARY KEY or UNIQUE constraint on a table
/// distributed by `municipality_id` only if the key contains that column. Migration 031 made the foreign keys between
/// tenant tables composite; this one widens the keys themselves (PostgreSQL only, like 031's keys — see
/// `AddTenantKeys` for why SQLite keeps its single-column keys; on SQLite this migration changes nothing):
///
/// - `PRIMARY KEY (id)` → `PRIMARY KEY (id, municipality_id)`. `id` stays first, so a look-up by id alone (Fluent's
///   `find`, every `WHERE id = …`) still walks the primary key's index by its leading column: no extra index on `id`.
///   The pair `(municipality_id, id)` that 031's composite foreign keys point at keeps its own UNIQUE key
///   (`<table>_tenant_key`), untouched here.
/// - Every UNIQUE key without `municipality_id` gets it appended, e.g. `(round_id, project_id)` →
///   `(round_id, project_id, municipality_id)`; the leading columns, and with them the query plans that use the key's
///   index, stay as they were. The uniqueness stays the same: each such key has a column with a composite foreign key
///   `(municipality_id, x_id)` to a parent (031) — the leading one, except `pairwise_comparisons (participant_id,
///   criterion_a_id, …)`, led by a user — so all rows with the same `x_id` have the parent's municipality, and two rows
///   equal in the old columns are equal in `municipality_id` too. The keys on a random secret (`api_tokens`,
///   `invitations` and `maturity_invitations` `.token_hash`, `maturity_rounds.public_token`) have no parent; their
///   values are SHA-256 hashes of random secrets (256 bits for API tokens and invitations, 144 for survey codes) or,
///   for the public survey link, a 144-bit random token: values no two municipalities share. With the secret first, the look-up by it alone (sign-in by API token, opening an
///   invitation or a public survey) still uses the key's index.
///   Ids are random UUIDs: the database no longer refuses the same id in two municipalities, as it cannot on Citus
///   either, where each node checks only its own rows.
///
/// Each changed key keeps its name and gets a comment, `CitusKeys.marker` + its old definition, which is how the
/// revert finds what to restore (`memberships (user_id, municipality_id)`, for one, had `municipality_id` last from
/// the start). A foreign key that points at a key being widened (found in the catalog: its `conindid` is the key's
/// index; none in Fahrplan's own schema since 031, but possible on PostgreSQL before 15, where 031 left keys with
/// ON DELETE SET NULL single-column) is dropped and re-created against the widened key, with `municipality_id` added
/// on both sides, all in one transaction. Where that is impossible (PostgreSQL before 15 and ON DELETE SET NULL, which
/// would empty `municipality_id` too; a child without `municipality_id`), that key is left as it is with a warning, and
/// `TenantSchemaRuleTests` reports it.
///
/// Running the pass again changes nothing: it only widens keys that still lack `municipality_id`. A migration that
/// creates a tenant table later calls `CitusKeys.apply` at its end (PostgreSQL), so that a database created fresh and
/// one upgraded end up with the same keys. Since this migration `id` alone is no longer a key of a tenant table on
/// PostgreSQL, so Fluent's `.references(parent, "id")` to a tenant table fails there ("no unique constraint matching
/// given keys"): on PostgreSQL such a migration creates the column plain and adds the composite key itself,
/// `FOREIGN KEY (municipality_id, x_id) REFERENCES parent (municipality_id, id)`; on SQLite `.references` as before.
/// Upgrading rebuilds every tenant table's primary key index and the widened unique indexes (locking each table
/// meanwhile): on a large database, a maintenance window.
struct AddCitusKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await AddTenantKeys.atomically(database) { db in
            guard let sql = db as? any SQLDatabase else { return }
            try await CitusKeys.apply(on: sql)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await AddTenantKeys.atomically(database) { db in
            guard let sql = db as? any SQLDatabase else { return }
            try await CitusKeys.revert(on: sql)
        }
    }
}

/// The catalog pass behind migration 036 (PostgreSQL only). A tenant table is a table with a `municipality_id` column.
enum CitusKeys {
    /// Start of the comment on every key and foreign key this pass changed; the old definition follows.
    static let marker = "Citus keys (migration 036): municipality_id appended; before: "

    struct Key: Decodable, Sendable {
        var table: String
        var name: String
        /// p primary key, u unique.
        var kind: String
        /// Quoted column names in key order, comma-separated.
        var columns: String
        var definition: String
        var comment: String?
    }

    struct ForeignKey: Decodable, Sendable {
        var name: String
        var child: String
        var parent: String
        /// The key (of `parent`) whose index this foreign key uses, as `table.name`; nil for a bare unique index.
        var key: String?
        var columns: String
        var referencedColumns: String
        var joinCondition: String
        var onDelete: String
        var onUpdate: String
        var match: String
        var deferrable: Bool
        var deferred: Bool
        var childHasTenant: Bool
        var definition: String
        var comment: String?
    }

    static func apply(on sql: any SQLDatabase) async throws {
        let keys = try await keys(on: sql, "NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey) AND a.attname = 'municipality_id')")
        guard !keys.isEmpty else { return }
        let serverVersion = try await count(sql, "SELECT current_setting('server_version_num')::int AS count")
        let wanted = Set(keys.map { $0.table + "." + $0.name })
        let dependents = try await foreignKeys(on: sql).filter { $0.key.map { wanted.contains($0) } ?? false }
        var blocked = Set<String>()
        for key in dependents {
            if let reason = obstacle(key, serverVersion: serverVersion) {
                sql.logger.warning("migration 036: \(key.key ?? key.parent) keeps its columns: foreign key \(key.name) of \(key.child) \(reason)")
                blocked.insert(key.key ?? "")
            }
        }
        let widening = keys.filter { !blocked.contains($0.table + "." + $0.name) }
        let rebuilt = dependents.filter { !blocked.contains($0.key ?? "") }
        for key in rebuilt {
            let wrong = try await count(sql, """
                SELECT COUNT(*) AS count FROM \(quoted(key.child)) c JOIN \(quoted(key.parent)) p ON \(key.joinCondition)
                WHERE p.municipality_id <> c.municipality_id
                """)
            guard wrong == 0 else {
                throw TenantKeys.Failure(description: "\(key.child) (\(key.name)): \(wrong) rows point at a row of another municipality in \(key.parent); fix them before migrating (migration 036)")
            }
            try await sql.raw("ALTER TABLE \(unsafeRaw: quoted(key.child)) DROP CONSTRAINT \(unsafeRaw: quoted(key.name))").run()
        }
        for key in widening {
            let type = key.kind == "p" ? "PRIMARY KEY" : "UNIQUE"
            try await sql.raw("""
                ALTER TABLE \(unsafeRaw: quoted(key.table)) DROP CONSTRAINT \(unsafeRaw: quoted(key.name)),
                ADD CONSTRAINT \(unsafeRaw: quoted(key.name)) \(unsafeRaw: type) (\(unsafeRaw: key.columns), municipality_id)
                """).run()
            try await comment(sql, on: key.name, of: key.table, before: key.definition)
        }
        for key in rebuilt {
            var clause = "FOREIGN KEY (\(key.columns), municipality_id) REFERENCES \(quoted(key.parent)) (\(key.referencedColumns), municipality_id)"
            if key.match == "f" { clause += " MATCH FULL" }
            clause += action("UPDATE", key.onUpdate, columns: nil)
            clause += action("DELETE", key.onDelete, columns: key.columns)
            if key.deferrable { clause += key.deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE" }
            try await sql.raw("ALTER TABLE \(unsafeRaw: quoted(key.child)) ADD CONSTRAINT \(unsafeRaw: quoted(key.name)) \(unsafeRaw: clause)").run()
            try await comment(sql, on: key.name, of: key.child, before: key.definition)
        }
    }

    /// The old keys back, and the foreign keys that pointed at them.
    static func revert(on sql: any SQLDatabase) async throws {
        let keys = try await keys(on: sql, "starts_with(obj_description(con.oid, 'pg_constraint'), \(literal(marker)))")
        // The widened foreign keys may use the parent's `(municipality_id, id)` key instead of the primary key (the
        // same columns): they are found by their comment too.
        let widened = Set(keys.map { $0.table + "." + $0.name })
        let dependents = try await foreignKeys(on: sql).filter {
            $0.key.map { widened.contains($0) } ?? false || oldDefinition($0.comment) != nil
        }
        for key in dependents {
            try await sql.raw("ALTER TABLE \(unsafeRaw: quoted(key.child)) DROP CONSTRAINT \(unsafeRaw: quoted(key.name))").run()
        }
        for key in keys {
            try await sql.raw("""
                ALTER TABLE \(unsafeRaw: quoted(key.table)) DROP CONSTRAINT \(unsafeRaw: quoted(key.name)),
                ADD CONSTRAINT \(unsafeRaw: quoted(key.name)) \(unsafeRaw: oldDefinition(key.comment) ?? key.definition)
                """).run()
        }
        // Widened foreign keys get their old definition; others that happened to use a widened key's index (a
        // composite key to `(municipality_id, id)` may pick the primary key's index) are re-created as they were.
        for key in dependents {
            try await sql.raw("""
                ALTER TABLE \(unsafeRaw: quoted(key.child)) ADD CONSTRAINT \(unsafeRaw: quoted(key.name)) \(unsafeRaw: oldDefinition(key.comment) ?? key.definition)
                """).run()
        }
    }

    /// PRIMARY KEY and UNIQUE constraints of tenant tables matching `condition` (on `con`).
    static func keys(on sql: any SQLDatabase, _ condition: String) async throws -> [Key] {
        let query = """
            SELECT rel.relname AS "table", con.conname AS name, con.contype::text AS kind,
                   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS columns,
                   pg_get_constraintdef(con.oid) AS definition, obj_description(con.oid, 'pg_constraint') AS comment
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
            WHERE con.contype IN ('p', 'u') AND con.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'municipality_id' AND NOT a.attisdropped)
              AND \(condition)
            ORDER BY 1, 2
            """
        return try await sql.raw(SQLQueryString(query)).all(decoding: Key.self)
    }

    /// Every foreign key of the schema, with the key whose index it uses (found by `conindid`, not guessed from the
    /// column names).
    static func foreignKeys(on sql: any SQLDatabase) async throws -> [ForeignKey] {
        try await sql.raw("""
            SELECT fk.conname AS name, child.relname AS child, parent.relname AS parent, parent.relname || '.' || key.conname AS key,
                   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(fk.conkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = fk.conrelid AND a.attnum = k.num) AS columns,
                   (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(fk.confkey) WITH ORDINALITY k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = fk.confrelid AND a.attnum = k.num) AS "referencedColumns",
                   (SELECT string_agg('c.' || quote_ident(ca.attname) || ' = p.' || quote_ident(pa.attname), ' AND ')
                    FROM unnest(fk.conkey, fk.confkey) AS k(c, p)
                    JOIN pg_attribute ca ON ca.attrelid = fk.conrelid AND ca.attnum = k.c
                    JOIN pg_attribute pa ON pa.attrelid = fk.confrelid AND pa.attnum = k.p) AS "joinCondition",
                   fk.confdeltype::text AS "onDelete", fk.confupdtype::text AS "onUpdate", fk.confmatchtype::text AS match,
                   fk.condeferrable AS deferrable, fk.condeferred AS deferred,
                   EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = fk.conrelid AND a.attname = 'municipality_id'
                           AND NOT a.attisdropped AND a.attnum <> ALL (fk.conkey)) AS "childHasTenant",
                   pg_get_constraintdef(fk.oid) AS definition, obj_description(fk.oid, 'pg_constraint') AS comment
            FROM pg_constraint fk
            LEFT JOIN pg_constraint key ON key.conindid = fk.conindid AND key.conrelid = fk.confrelid AND key.contype IN ('p', 'u')
            JOIN pg_class child ON child.oid = fk.conrelid
            JOIN pg_class parent ON parent.oid = fk.confrelid
            WHERE fk.contype = 'f' AND fk.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            ORDER BY 2, 1
            """).all(decoding: ForeignKey.self)
    }

    /// Why a foreign key to a key being widened cannot follow it, or nil.
    private static func obstacle(_ key: ForeignKey, serverVersion: Int) -> String? {
        if !key.childHasTenant { return "has no municipality_id of its own to add" }
        if key.onUpdate == "n" || key.onUpdate == "d" { return "has ON UPDATE SET NULL/DEFAULT, which would empty municipality_id too" }
        if (key.onDelete == "n" || key.onDelete == "d") && serverVersion < 150_000 {
            return "has ON DELETE SET NULL/DEFAULT, which needs PostgreSQL 15 to leave municipality_id alone"
        }
        return nil
    }

    private static func action(_ event: String, _ code: String, columns: String?) -> String {
        // SET NULL / SET DEFAULT name the old columns, so that municipality_id stays (PostgreSQL 15, checked above).
        let only = columns.map { " (\($0))" } ?? ""
        switch code {
        case "c": return " ON \(event) CASCADE"
        case "r": return " ON \(event) RESTRICT"
        case "n": return " ON \(event) SET NULL" + only
        case "d": return " ON \(event) SET DEFAULT" + only
        default: return ""
        }
    }

    private static func comment(_ sql: any SQLDatabase, on name: String, of table: String, before definition: String) async throws {
        try await sql.raw("""
            COMMENT ON CONSTRAINT \(unsafeRaw: quoted(name)) ON \(unsafeRaw: quoted(table)) IS \(unsafeRaw: literal(marker + definition))
            """).run()
    }

    private static func oldDefinition(_ comment: String?) -> String? {
        guard let comment, comment.hasPrefix(marker) else { return nil }
        return String(comment.dropFirst(marker.count))
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func count(_ sql: any SQLDatabase, _ query: String) async throws -> Int {
        struct Count: Decodable { var count: Int }
        return try await sql.raw(SQLQueryString(query)).first(decoding: Count.self)?.count ?? 0
    }
}
