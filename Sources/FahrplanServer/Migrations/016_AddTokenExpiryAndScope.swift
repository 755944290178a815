import Fluent
import Foundation

/// API tokens get an expiry and a scope. Tokens issued before keep full access and expire one year after this
/// migration: the same lifetime a new token gets by default, so no token lives on indefinitely just because it
/// is old, and its owner sees the date in the token list long before it passes.
struct AddTokenExpiryAndScope: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(APIToken.schema).field("expires_at", .datetime).update()
        try await database.schema(APIToken.schema)
            .field("scope", .string, .required, .sql(.default(APITokenScope.full.rawValue))).update()
        try await APIToken.query(on: database).filter(\.$expiresAt == nil)
            .set(\.$expiresAt, to: Date().addingTimeInterval(APITokens.defaultLifetime)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("scope").update()
        try await database.schema(APIToken.schema).deleteField("expires_at").update()
    }
}
