import Fluent

/// The counter table of the first throttle (one row per login name, read-modify-write) is replaced by
/// `login_failures` (013); nothing writes it any more, so it goes instead of being swept at every login.
struct DropLoginThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginThrottleRecord.schema).delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginThrottleRecord.schema)
            .id()
            .field("login_key", .string, .required)
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .unique(on: "login_key")
            .create()
    }
}
