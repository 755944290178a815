import Fluent

struct CreateAuthEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuthEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("user_id", .uuid)
            .field("email", .string, .required)
            .field("client_address", .string, .required)
            .field("detail", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuthEvent.schema).delete()
    }
}
