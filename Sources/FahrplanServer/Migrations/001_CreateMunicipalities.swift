import Fluent

struct CreateMunicipalities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Municipality.schema)
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("vision_title", .string, .required)
            .field("vision", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Municipality.schema).delete()
    }
}
