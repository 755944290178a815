import Fluent
import SQLKit

/// One row per failed login, read by the throttle per login name, per client address and for the whole
/// installation (see `LoginThrottleStore`). Replaces the per-name counter of `login_throttles` for passwords.
struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema)
            .id()
            .field("login_key", .string, .required)
            .field("client_address", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_login_failures_key_time ON login_failures (login_key, occurred_at)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_login_failures_address_time ON login_failures (client_address, occurred_at)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_login_failures_time ON login_failures (occurred_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
    }
}
