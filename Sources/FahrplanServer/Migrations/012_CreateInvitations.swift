import Fluent

/// Invitations to a role in a municipality (`Invitation`): only the SHA-256 of the secret in the link is kept.
struct CreateInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Invitation.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id", onDelete: .cascade))
            .field("email", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, "id", onDelete: .setNull))
            .field("token_hash", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).delete()
    }
}
