import Fluent
import SQLKit

/// TOTP second factor: the secret and replay guard on the account, recovery codes, the pending login step,
/// and a municipality's choice to require the second factor of its members.
struct AddSecondFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(User.schema).field("totp_secret", .string).update()
        try await database.schema(User.schema).field("mfa_enabled_at", .datetime).update()
        try await database.schema(User.schema).field("totp_last_step", .int64).update()
        try await database.schema(Municipality.schema).field("requires_mfa", .bool, .required, .sql(.default(false))).update()
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "code_hash")
            .create()
        try await database.schema(MFALoginChallenge.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("next", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MFALoginChallenge.schema).delete()
        try await database.schema(RecoveryCode.schema).delete()
        try await database.schema(Municipality.schema).deleteField("requires_mfa").update()
        try await database.schema(User.schema).deleteField("totp_last_step").update()
        try await database.schema(User.schema).deleteField("mfa_enabled_at").update()
        try await database.schema(User.schema).deleteField("totp_secret").update()
    }
}
