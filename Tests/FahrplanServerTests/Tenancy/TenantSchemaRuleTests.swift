@testable import FahrplanServer
import Fluent
import Foundation
import SQLKit
import Testing

/// The schema rule of issue 19 (`TenantSchemaRule`): on PostgreSQL the migrated schema follows it, a table or key that
/// breaks it is reported by name, and migration 031 brings a database with data there (and back; migration 036's own
/// tests are in `CitusKeysTests`). The check itself is
/// tested against a broken schema on every database; the catalog tests skip on SQLite, whose keys stay single-column
/// (see `AddTenantKeys`).
@Suite("Tenant schema rule")
struct TenantSchemaRuleTests {
    typealias Schema = TenantSchemaRule.Schema

    private static func column(_ table: String, _ name: String = "municipality_id", nullable: Bool = false) -> Schema.Column {
        Schema.Column(table: table, name: name, nullable: nullable)
    }

    @Test("the rule names every kind of breach in a broken schema, and none in a sound one")
    func ruleReportsBreaches() {
        let tenant: Set<String> = ["projects", "project_costs", "kpis", "staged_imports", "ratings"]
        let reference: Set<String> = ["users", "municipalities"]
        let composite = Schema.ForeignKey(name: "ratings_project_id_fkey", table: "ratings", columns: ["municipality_id", "project_id"],
                                          referencedTable: "projects", referencedColumns: ["municipality_id", "id"])
        let toMunicipality = Schema.ForeignKey(name: "projects_municipality_id_fkey", table: "projects", columns: ["municipality_id"],
                                               referencedTable: "municipalities", referencedColumns: ["id"])
        let toUser = Schema.ForeignKey(name: "ratings_rater_id_fkey", table: "ratings", columns: ["rater_id"],
                                       referencedTable: "users", referencedColumns: ["id"])
        let keys = [
            Schema.Key(name: "projects_pkey", table: "projects", columns: ["id", "municipality_id"], primary: true),
            Schema.Key(name: "uq:ratings", table: "ratings", columns: ["round_criterion_id", "project_id", "municipality_id"], primary: false),
            Schema.Key(name: "users_pkey", table: "users", columns: ["id"], primary: true),
        ]
        let sound = Schema(tables: tenant.subtracting(["project_costs", "kpis", "staged_imports"]).union(reference),
                           columns: [Self.column("projects"), Self.column("ratings")],
                           foreignKeys: [composite, toMunicipality, toUser], keys: keys)
        #expect(TenantSchemaRule.violations(of: sound, tenant: ["projects", "ratings"], reference: reference) == [])

        let broken = Schema(
            tables: tenant.union(reference).union(["scratch"]),
            columns: [Self.column("projects"), Self.column("ratings"), Self.column("project_costs"),
                      Self.column("kpis", nullable: true), Self.column("staged_imports", "user_id")],
            foreignKeys: [
                composite, toMunicipality, toUser,
                Schema.ForeignKey(name: "project_costs_project_id_fkey", table: "project_costs", columns: ["project_id"],
                                  referencedTable: "projects", referencedColumns: ["id"]),
                // municipality_id on one side only is no co-location either.
                Schema.ForeignKey(name: "kpis_project_id_fkey", table: "kpis", columns: ["municipality_id", "project_id"],
                                  referencedTable: "projects", referencedColumns: ["id", "municipality_id"]),
                Schema.ForeignKey(name: "users_favourite_project_id_fkey", table: "users", columns: ["favourite_project_id"],
                                  referencedTable: "projects", referencedColumns: ["id"]),
            ],
            keys: keys + [
                Schema.Key(name: "project_costs_pkey", table: "project_costs", columns: ["id"], primary: true),
                Schema.Key(name: "uq:project_costs", table: "project_costs", columns: ["project_id", "year"], primary: false),
            ])
        let found = TenantSchemaRule.violations(of: broken, tenant: tenant.union(["ghost"]), reference: reference.union(["ratings"]))
        let expected = [
            "table ratings is in both lists",
            "table scratch is in neither list",
            "table ghost is listed but does not exist",
            "tenant table kpis: municipality_id may be NULL",
            "tenant table staged_imports has no column municipality_id",
            "foreign key project_costs_project_id_fkey of project_costs (project_id) → projects (id) does not include municipality_id",
            "foreign key kpis_project_id_fkey of kpis",
            "foreign key users_favourite_project_id_fkey: reference table users points at tenant table projects",
            "tenant table project_costs: PRIMARY KEY project_costs_pkey (id) does not include municipality_id",
            "tenant table project_costs: UNIQUE key uq:project_costs (project_id, year) does not include municipality_id",
        ]
        for text in expected {
            #expect(found.contains { $0.contains(text) }, "not reported: \(text)\nreported: \(found.joined(separator: "\n"))")
        }
        #expect(found.count == expected.count, "\(found.joined(separator: "\n"))")
    }

    @Test("the migrated PostgreSQL schema follows the rule: every table listed, municipality_id NOT NULL, composite keys, municipality_id in every primary and unique key",
          .enabled(if: TestDatabase.postgresURL != nil))
    func migratedSchemaFollowsTheRule() async throws {
        try await withServer(demo: false) { server in
            let sql = try #require(server.db as? any SQLDatabase)
            let violations = TenantSchemaRule.violations(of: try await TenantSchemaRule.read(on: sql))
            #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        }
    }

    @Test("a table that breaks the rule in a real database is reported by name", .enabled(if: TestDatabase.postgresURL != nil))
    func badTableIsReported() async throws {
        try await withServer(demo: false) { server in
            let sql = try #require(server.db as? any SQLDatabase)
            try await sql.raw("""
                CREATE TABLE scratch_notes (id uuid PRIMARY KEY, municipality_id uuid REFERENCES municipalities (id),
                                            project_id uuid, project_municipality_id uuid,
                                            CONSTRAINT scratch_notes_project_id_fkey FOREIGN KEY (project_id, project_municipality_id)
                                            REFERENCES projects (id, municipality_id),
                                            CONSTRAINT scratch_notes_project_key UNIQUE (project_id))
                """).run()
            try await sql.raw("CREATE UNIQUE INDEX scratch_notes_lower_id ON scratch_notes (lower(id::text))").run()
            // Since migration 036 a foreign key to a tenant table names municipality_id too; here not the table's own.
            try await sql.raw("""
                ALTER TABLE users ADD COLUMN scratch_project_id uuid, ADD COLUMN scratch_municipality_id uuid,
                ADD CONSTRAINT users_scratch_project_id_fkey FOREIGN KEY (scratch_project_id, scratch_municipality_id)
                REFERENCES projects (id, municipality_id)
                """).run()
            let schema = try await TenantSchemaRule.read(on: sql)
            let unlisted = TenantSchemaRule.violations(of: schema)
            #expect(unlisted.contains { $0.hasPrefix("table scratch_notes is in neither list") }, "\(unlisted)")
            #expect(unlisted.contains { $0.contains("users_scratch_project_id_fkey: reference table users points at tenant table projects") },
                    "\(unlisted)")
            let listed = TenantSchemaRule.violations(of: schema, tenant: TenantSchemaRule.tenantTables.union(["scratch_notes"]))
            #expect(listed.contains("tenant table scratch_notes: municipality_id may be NULL (must be NOT NULL)"), "\(listed)")
            #expect(listed.contains { $0.hasPrefix("foreign key scratch_notes_project_id_fkey of scratch_notes (project_id, project_municipality_id) → projects (id, municipality_id)") },
                    "\(listed)")
            #expect(listed.contains { $0.hasPrefix("tenant table scratch_notes: PRIMARY KEY scratch_notes_pkey (id) does not include municipality_id") },
                    "\(listed)")
            #expect(listed.contains { $0.hasPrefix("tenant table scratch_notes: UNIQUE key scratch_notes_project_key (project_id) does not include") },
                    "\(listed)")
            #expect(listed.contains { $0.hasPrefix("tenant table scratch_notes: UNIQUE key scratch_notes_lower_id ((expression))") },
                    "\(listed)")
        }
    }

    @Test("a child row cannot point at a parent of another municipality (PostgreSQL: the composite key refuses it)",
          .enabled(if: TestDatabase.postgresURL != nil))
    func crossMunicipalityChildIsRefused() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let own = try await Fixtures.firstElement(.goal, on: server)
            let sql = try #require(server.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE strategy_elements SET parent_id = \(bind: other.fieldID) WHERE id = \(bind: try own.requireID())").run()
            }
            // Within one municipality the same statement is fine.
            let ownField = try #require(own.$parent.id)
            try await sql.raw("UPDATE strategy_elements SET parent_id = \(bind: ownField) WHERE id = \(bind: try own.requireID())").run()
        }
    }

    @Test("migration 031 on a database with data: revert gives the old keys and events back, prepare again restores the rule")
    func upgradeWithData() async throws {
        try await withServer { server in
            let db = server.db
            let sql = try #require(db as? any SQLDatabase)
            _ = try await Fixtures.otherMunicipality(on: server)
            let municipal = try await AuditEvent.query(on: db).count()
            let installation = try await InstallationAuditEvent.query(on: db).count()
            #expect(installation > 0, "a new account is an installation event")
            let projects = try await Project.query(on: db).count()

            // Back to 030: 036 first (031's single-column keys need the primary keys of before 036).
            try await AddCitusKeys().revert(on: db)
            try await AddTenantKeys().revert(on: db)
            #expect(try await AuditEvent.query(on: db).count() == municipal + installation)
            #expect(try await AuditEvent.query(on: db).filter(\.$municipality.$id == nil).count() == installation)
            if sql.dialect.name == "postgresql" {
                let old = TenantSchemaRule.violations(of: try await TenantSchemaRule.read(on: sql))
                // The schema as it was up to 030, with the installation events' table gone from the list's point of view.
                #expect(old.contains { $0.hasPrefix("foreign key projects_department_id_fkey of projects (department_id) → departments (id)") }, "\(old)")
                #expect(old.contains("tenant table audit_events: municipality_id may be NULL (must be NOT NULL)"), "\(old)")
                #expect(old.contains("table installation_audit_events is listed but does not exist"), "\(old)")
            }

            try await AddTenantKeys().prepare(on: db)
            try await AddCitusKeys().prepare(on: db)
            #expect(try await AuditEvent.query(on: db).count() == municipal)
            #expect(try await InstallationAuditEvent.query(on: db).count() == installation)
            #expect(try await Project.query(on: db).count() == projects)
            if sql.dialect.name == "postgresql" {
                let now = TenantSchemaRule.violations(of: try await TenantSchemaRule.read(on: sql))
                #expect(now.isEmpty, "\(now.joined(separator: "\n"))")
                // The catalog pass finds nothing more to do.
                try await TenantKeys.apply(on: sql)
                #expect(try await TenantKeys.singleColumnKeys(on: sql).isEmpty)
            }
            // The server still works on the upgraded database.
            let page = try await server.client().login(Fixtures.strategyTeam)
            #expect(page.status == .seeOther)
        }
    }

    @Test("migration 031 refuses a child row of another municipality's parent and names it, changing nothing",
          .enabled(if: TestDatabase.postgresURL != nil))
    func upgradeStopsOnMixedRows() async throws {
        try await withServer { server in
            let db = server.db
            let sql = try #require(db as? any SQLDatabase)
            let other = try await Fixtures.otherMunicipality(on: server)
            try await AddCitusKeys().revert(on: db)
            try await AddTenantKeys().revert(on: db)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            try await sql.raw("UPDATE strategy_elements SET parent_id = \(bind: other.fieldID) WHERE id = \(bind: try goal.requireID())").run()
            do {
                try await AddTenantKeys().prepare(on: db)
                Issue.record("the migration accepted a goal under another municipality's field of action")
            } catch {
                #expect(String(describing: error).contains("strategy_elements.parent_id (strategy_elements_parent_id_fkey): 1 rows"),
                        "\(String(describing: error))")
            }
            // One transaction: nothing of it stayed.
            #expect(try await TenantKeys.singleColumnKeys(on: sql).contains { $0.name == "projects_department_id_fkey" })
            #expect(try await AuditEvent.query(on: db).filter(\.$municipality.$id == nil).count() > 0)
        }
    }
}
