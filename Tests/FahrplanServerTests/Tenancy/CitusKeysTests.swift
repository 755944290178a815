@testable import FahrplanServer
import Fluent
import Foundation
import SQLKit
import Testing

/// Migration 036 (`AddCitusKeys`): on PostgreSQL every tenant table's primary and unique keys include
/// `municipality_id`; reverting gives the keys of 035 back (which the schema rule then names), preparing again gives the
/// schema of a fresh database, and a foreign key pointing at a key being widened follows it. On SQLite the migration
/// changes nothing.
@Suite("Citus keys (migration 036)")
struct CitusKeysTests {
    /// Constraints (with their comments) and indexes of the current schema, one line each, sorted.
    private static func snapshot(_ sql: any SQLDatabase) async throws -> [String] {
        struct Line: Decodable { var line: String }
        let constraints = try await sql.raw("""
            SELECT con.conrelid::regclass::text || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                   || coalesce(' -- ' || obj_description(con.oid, 'pg_constraint'), '') AS line
            FROM pg_constraint con WHERE con.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """).all(decoding: Line.self)
        let indexes = try await sql.raw("""
            SELECT pg_get_indexdef(i.indexrelid) AS line FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """).all(decoding: Line.self)
        return (constraints + indexes).map(\.line).sorted()
    }

    private static func keyViolations(_ sql: any SQLDatabase) async throws -> [String] {
        TenantSchemaRule.violations(of: try await TenantSchemaRule.read(on: sql))
            .filter { $0.contains("PRIMARY KEY") || $0.contains("UNIQUE key") }
    }

    @Test("revert gives the keys of 035 back, the rule names them; prepare again gives the fresh schema; a second pass changes nothing")
    func revertAndPrepare() async throws {
        try await withServer { server in
            let db = server.db
            let sql = try #require(db as? any SQLDatabase)
            _ = try await Fixtures.otherMunicipality(on: server)
            let projects = try await Project.query(on: db).count()
            guard sql.dialect.name == "postgresql" else {
                // SQLite: nothing to do either way.
                try await AddCitusKeys().revert(on: db)
                try await AddCitusKeys().prepare(on: db)
                #expect(try await Project.query(on: db).count() == projects)
                return
            }
            let fresh = try await Self.snapshot(sql)
            #expect(try await Self.keyViolations(sql).isEmpty)
            let widened = fresh.filter { $0.contains(" -- \(CitusKeys.marker)") }
            #expect(widened.count >= 87, "60 primary keys and 27 unique keys at 035; found \(widened.count)")

            try await AddCitusKeys().revert(on: db)
            let old = try await Self.keyViolations(sql)
            // What the schema rule reports on a database at 035: every widened key, by name.
            #expect(old.count == widened.count, "\(old.joined(separator: "\n"))")
            for text in ["tenant table api_tokens: PRIMARY KEY api_tokens_pkey (id) does not include municipality_id",
                         "tenant table round_projects: UNIQUE key uq:round_projects.round_id+round_projects.project_id (round_id, project_id) does not include",
                         "tenant table api_tokens: UNIQUE key uq:api_tokens.token_hash (token_hash) does not include"] {
                #expect(old.contains { $0.hasPrefix(text) }, "not reported: \(text)\n\(old.joined(separator: "\n"))")
            }
            let reverted = try await Self.snapshot(sql)
            #expect(!reverted.contains { $0.contains(CitusKeys.marker) })
            #expect(reverted.contains("api_tokens api_tokens_pkey PRIMARY KEY (id)"))
            // memberships had municipality_id last from the start; the revert leaves that key alone.
            #expect(reverted.contains { $0.hasPrefix("memberships uq:memberships.user_id+memberships.municipality_id UNIQUE (user_id, municipality_id)") })

            try await AddCitusKeys().prepare(on: db)
            #expect(try await Self.snapshot(sql) == fresh)
            try await CitusKeys.apply(on: sql)
            #expect(try await Self.snapshot(sql) == fresh)
            #expect(try await Project.query(on: db).count() == projects)
            // Look-ups by id alone and by token hash alone still have an index led by that column.
            #expect(fresh.contains("CREATE UNIQUE INDEX projects_pkey ON public.projects USING btree (id, municipality_id)"))
            #expect(fresh.contains { $0.hasPrefix("CREATE UNIQUE INDEX \"uq:api_tokens.token_hash\" ON public.api_tokens USING btree (token_hash, municipality_id)") })
            let page = try await server.client().login(Fixtures.strategyTeam)
            #expect(page.status == .seeOther)
        }
    }

    @Test("a foreign key pointing at a key being widened follows it (and back), and a row of another municipality stops the migration",
          .enabled(if: TestDatabase.postgresURL != nil))
    func dependentForeignKey() async throws {
        try await withServer { server in
            let db = server.db
            let sql = try #require(db as? any SQLDatabase)
            let other = try await Fixtures.otherMunicipality(on: server)
            let municipalityID = try other.municipality.requireID()
            struct Definition: Decodable { var definition: String }
            func definition() async throws -> String? {
                try await sql.raw("""
                    SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'scratch_children_department_id_fkey'
                    """).first(decoding: Definition.self)?.definition
            }
            try await AddCitusKeys().revert(on: db)
            try await sql.raw("""
                CREATE TABLE scratch_children (id uuid PRIMARY KEY, municipality_id uuid NOT NULL,
                                               department_id uuid REFERENCES departments (id) ON DELETE SET NULL)
                """).run()
            try await sql.raw("""
                INSERT INTO scratch_children VALUES (\(bind: UUID()), \(bind: municipalityID), \(bind: other.departmentID))
                """).run()

            try await AddCitusKeys().prepare(on: db)
            #expect(try await definition()
                    == "FOREIGN KEY (department_id, municipality_id) REFERENCES departments(id, municipality_id) ON DELETE SET NULL (department_id)")
            #expect(try await Self.keyViolations(sql).filter { !$0.contains("scratch_children") }.isEmpty)

            try await AddCitusKeys().revert(on: db)
            #expect(try await definition() == "FOREIGN KEY (department_id) REFERENCES departments(id) ON DELETE SET NULL")

            // A child row whose municipality differs from its parent's cannot get the widened key: the migration
            // names it and changes nothing.
            try await sql.raw("UPDATE scratch_children SET municipality_id = (SELECT id FROM municipalities WHERE id <> \(bind: municipalityID) LIMIT 1)").run()
            do {
                try await AddCitusKeys().prepare(on: db)
                Issue.record("the migration accepted a child row of another municipality's department")
            } catch {
                #expect(String(describing: error).contains("scratch_children (scratch_children_department_id_fkey): 1 rows point at a row of another municipality in departments"),
                        "\(String(describing: error))")
            }
            #expect(try await definition() == "FOREIGN KEY (department_id) REFERENCES departments(id) ON DELETE SET NULL")
            #expect(try await Self.keyViolations(sql).contains { $0.hasPrefix("tenant table projects: PRIMARY KEY projects_pkey (id)") })

            try await sql.raw("DROP TABLE scratch_children").run()
            try await AddCitusKeys().prepare(on: db)
            #expect(try await Self.keyViolations(sql).isEmpty)
        }
    }
}
