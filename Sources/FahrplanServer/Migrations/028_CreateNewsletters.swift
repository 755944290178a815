import Fluent
import SQLKit

/// Newsletter issues (issue 18, like the seeds' internal "digital.kanal"), per municipality.
///
/// - `number` counts a municipality's issues (unique per municipality); a draft takes the next number.
/// - `since_on` / `issue_on` are the window of the news (ISO days, which sort as days on SQLite and PostgreSQL).
/// - `editorial` is the editors' own text as Markdown; pages render it with `SafeMarkdown` (raw HTML shown as text).
/// - `state` is `draft` or `published`. Publishing writes `published_on`, `published_at` and `digest`: the core's
///   `NewsletterDigest` as JSON, frozen, so that an issue reads the same later whatever happens to the projects.
///   A published row is never edited again.
/// - `version` is the edit version (optimistic concurrency, `RowVersion`).
///
/// The unique key (municipality_id, number) also serves the list and "latest published" paths; a second index
/// (municipality_id, state, issue_on) serves "the last published issue" when a draft is made.
struct CreateNewsletters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NewsletterRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("since_on", .string, .required)
            .field("issue_on", .string, .required)
            .field("editorial", .string)
            .field("state", .string, .required)
            .field("published_on", .string)
            .field("published_at", .datetime)
            .field("published_by_name", .string)
            .field("digest", .string)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "municipality_id", "number")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS idx_newsletters_state ON newsletters (municipality_id, state, issue_on)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NewsletterRecord.schema).delete()
    }
}
