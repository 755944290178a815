import Fluent
import SQLKit

/// Maturity (issue 17): questionnaires as data, Quick-Check survey rounds with their invitation tokens and
/// anonymous responses, Potenzialcheck assessments with their ratings, and the links from a statement's first
/// step to the project idea it became. Every table carries `municipality_id` (indexed).
///
/// Anonymity is a property of the schema, not only of the pages:
/// - a response row holds no IP address, user agent, token, account or time of day — only the day it arrived
///   (`received_on`), so that neither the table nor its order links an answer to a person;
/// - an invitation row holds only the SHA-256 of its token and whether it was used, never when, so its use cannot
///   be matched to a response by time; the tokens themselves are shown once, when they are made;
/// - `submission_key` is the random key the answer form carries, unique per round, so a form sent twice (a
///   double click, a resent saved form) is counted once.
/// A response's ratings are stored compactly in `levels`, one character per statement in questionnaire order
/// (see `MaturityResponseCoding`), because results read tens of thousands of them at once.
struct CreateMaturity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QuestionnaireRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("key", .string, .required)
            .field("questionnaire_version", .int, .required)
            .field("title", .string, .required)
            .field("language", .string, .required)
            .field("document", .string, .required)
            .field("statement_count", .int, .required)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .unique(on: "municipality_id", "key", "questionnaire_version")
            .create()
        try await database.schema(MaturityRoundRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("questionnaire_id", .uuid, .required, .references(QuestionnaireRecord.schema, "id"))
            .field("title", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("access", .string, .required)
            .field("public_token", .string)
            .field("invited_count", .int)
            .field("minimum_group_size", .int, .required, .sql(.default(5)))
            .field("closed_at", .datetime)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .unique(on: "public_token")
            .create()
        try await database.schema(MaturityInvitationRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("round_id", .uuid, .required, .references(MaturityRoundRecord.schema, "id"))
            .field("token_hash", .string, .required)
            .field("used", .bool, .required, .sql(.default(false)))
            .unique(on: "token_hash")
            .create()
        try await database.schema(MaturityResponseRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("round_id", .uuid, .required, .references(MaturityRoundRecord.schema, "id"))
            .field("submission_key", .string, .required)
            .field("levels", .string, .required)
            .field("groups", .string)
            .field("free_texts", .string)
            .field("received_on", .string, .required)
            .unique(on: "round_id", "submission_key")
            .create()
        try await database.schema(MaturityAssessmentRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("questionnaire_id", .uuid, .required, .references(QuestionnaireRecord.schema, "id"))
            .field("title", .string, .required)
            .field("assessed_on", .string, .required)
            .field("participants", .string)
            .field("note", .string)
            .field("created_by_name", .string)
            .field("version", .int, .required, .sql(.default(1)))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .create()
        try await database.schema(MaturityAssessmentRatingRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("assessment_id", .uuid, .required, .references(MaturityAssessmentRecord.schema, "id"))
            .field("statement_key", .string, .required)
            .field("level", .int)
            .field("dont_know", .bool, .required, .sql(.default(false)))
            .field("evidence", .string)
            .unique(on: "assessment_id", "statement_key")
            .create()
        try await database.schema(MaturityProjectLinkRecord.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id"))
            .field("questionnaire_id", .uuid, .required, .references(QuestionnaireRecord.schema, "id"))
            .field("statement_key", .string, .required)
            .field("first_step", .string, .required)
            .field("source_kind", .string, .required)
            .field("source_id", .uuid, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            for (table, column) in [("maturity_questionnaires", "municipality_id"), ("maturity_rounds", "municipality_id"),
                                    ("maturity_rounds", "questionnaire_id"), ("maturity_invitations", "round_id"),
                                    ("maturity_invitations", "municipality_id"), ("maturity_responses", "municipality_id"),
                                    ("maturity_responses", "round_id"), ("maturity_assessments", "municipality_id"),
                                    ("maturity_assessments", "questionnaire_id"),
                                    ("maturity_assessment_ratings", "municipality_id"),
                                    ("maturity_project_links", "municipality_id"), ("maturity_project_links", "project_id"),
                                    ("maturity_project_links", "source_id")] {
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: "idx_\(table)_\(column)") ON \(ident: table) (\(ident: column))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [MaturityProjectLinkRecord.schema, MaturityAssessmentRatingRecord.schema, MaturityAssessmentRecord.schema,
                       MaturityResponseRecord.schema, MaturityInvitationRecord.schema, MaturityRoundRecord.schema,
                       QuestionnaireRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
