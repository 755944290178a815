import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_installation_admin", .bool, .required)
            .field("preferred_language", .string)
            .field("created_at", .datetime)
            .field("disabled_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(LoginThrottleRecord.schema)
            .id()
            .field("login_key", .string, .required)
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .unique(on: "login_key")
            .create()
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserSession.schema).delete()
        try await database.schema(LoginThrottleRecord.schema).delete()
        try await database.schema(User.schema).delete()
    }
}
