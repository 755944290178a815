import FluentSQL
import SQLKit

/// Finds a credential row (a browser session or an API token) by the hash of its secret, together with its
/// person, in one query: this runs on every request, so it must not be two.
enum CredentialLookup {
    /// The row found: the person, and the requested credential columns under `credential_<column>`.
    struct Match {
        var user: User
        var row: any SQLRow

        func value<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
            try row.decode(column: "credential_" + column, as: T.self)
        }

        func optional<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
            try row.decodeNil(column: "credential_" + column) ? nil : try value(column, as: T.self)
        }
    }

    static func find(in table: String, hash: String, columns: [String], onlyWhereNull nullColumn: String? = nil,
                     withSecondFactorRequirement: Bool = false, on db: any Database) async throws -> Match? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let select = sql.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("u")))
        for column in columns {
            select.column(SQLColumn(column, table: "c"), as: "credential_" + column)
        }
        if withSecondFactorRequirement {
            // Whether a municipality of the person requires a second factor, in the same query: the check runs on
            // every browser request (`MFAEnforcementMiddleware`) and must not cost one of its own.
            let requirement: SQLQueryString = """
                CASE WHEN EXISTS (SELECT 1 FROM \(ident: Membership.schema) m JOIN \(ident: Municipality.schema) mu \
                ON mu.id = m.municipality_id WHERE m.user_id = u.id AND mu.requires_mfa = \(bind: true) \
                AND mu.archived_at IS NULL) THEN 1 ELSE 0 END
                """
            select.column(SQLAlias(requirement, as: SQLIdentifier("credential_mfa_required")))
        }
        select.from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier(User.schema), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(SQLColumn("id", table: "u"), .equal, SQLColumn("user_id", table: "c")))
            .where(SQLColumn("token_hash", table: "c"), .equal, SQLBind(hash))
        if let nullColumn { select.where(SQLColumn(nullColumn, table: "c"), .is, SQLLiteral.null) }
        guard let row = try await select.first() else { return nil }
        return Match(user: try row.decode(fluentModel: User.self), row: row)
    }
}
