import Fluent

struct CreateMemberships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Membership.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("role", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("created_at", .datetime)
            .unique(on: "user_id", "municipality_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Membership.schema).delete()
    }
}
