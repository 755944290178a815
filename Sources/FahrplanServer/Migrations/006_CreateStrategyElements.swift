import Fluent

struct CreateStrategyElements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StrategyElement.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("kind", .string, .required)
            .field("code", .string)
            .field("title", .string, .required)
            .field("description", .string)
            .field("target_statement", .string)
            .field("target_year", .int)
            .field("parent_id", .uuid, .references(StrategyElement.schema, "id"))
            .field("responsible_department_id", .uuid, .references(Department.schema, "id"))
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        try await database.schema(StrategyLink.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("from_id", .uuid, .required, .references(StrategyElement.schema, "id"))
            .field("to_id", .uuid, .required, .references(StrategyElement.schema, "id"))
            .field("created_at", .datetime)
            .unique(on: "from_id", "to_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StrategyLink.schema).delete()
        try await database.schema(StrategyElement.schema).delete()
    }
}
