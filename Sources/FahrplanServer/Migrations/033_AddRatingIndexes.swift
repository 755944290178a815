import Fluent
import SQLKit

/// Indexes for the pages of a big round (issue 19; 500 projects × 6 criteria × 10 raters = 30,000 scores). The only
/// index led with round_id, so every page request read all of a round's scores from the table:
/// - the round's data stamp (`RoundDataStamp`: COUNT and MAX(updated_at) of the round's scores) now reads the
///   index only — MAX is one probe, COUNT a pass over index entries;
/// - a rater's own scores (rating page) are found by round, rater and project, and the raters' progress is counted
///   from this index alone (it holds the criterion too).
struct AddRatingIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS idx_ratings_round_updated ON ratings (round_id, updated_at)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS idx_ratings_round_rater_project ON ratings (round_id, rater_id, project_id, round_criterion_id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS idx_ratings_round_updated").run()
        try await sql.raw("DROP INDEX IF EXISTS idx_ratings_round_rater_project").run()
    }
}
