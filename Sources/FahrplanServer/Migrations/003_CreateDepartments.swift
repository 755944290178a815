import Fluent

struct CreateDepartments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Department.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_id", .uuid, .references(Department.schema, "id"))
            .field("head_name", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .unique(on: "municipality_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Department.schema).delete()
    }
}
