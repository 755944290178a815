import Fluent
import SQLKit

/// Device cookies: browsers in which an account's owner logged in, exempt from the per-name login lock
/// (see `DeviceCookies`). Only the secret's SHA-256 is stored.
struct CreateDeviceCookies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DeviceCookie.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("failures", .int, .required)
            .unique(on: "token_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_device_cookies_user ON device_cookies (user_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DeviceCookie.schema).delete()
    }
}
