import Fluent
import SQLKit

/// `maturity_responses.seq`: a number per response of a round, counted up by the survey writer inside its
/// transaction (`SurveySubmissionWriter`), so that a round's results add the responses that arrived since they
/// were computed (`seq` above the last one read) instead of reading all 20,000 again (issue 17: the first results
/// page after a new answer took 0.5 s). It holds no time and nothing about the sender; it orders a round's responses
/// by arrival, as SQLite's rowid and PostgreSQL's physical order already do. No page, export or API shows it.
/// Rows written before this migration keep NULL: they are read with all the others, never as new.
struct AddResponseSequence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("maturity_responses").field("seq", .int64).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS idx_maturity_responses_round_seq ON maturity_responses (round_id, seq)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS idx_maturity_responses_round_seq").run()
        }
        try await database.schema("maturity_responses").deleteField("seq").update()
    }
}
