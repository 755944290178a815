import Fluent
import Foundation

extension RoundProject: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "round_id", "project_id"]
    func bulkValues() -> [any Encodable & Sendable] { [id, $municipality.id, $round.id, $project.id] }
}

extension Rating: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "round_id", "project_id", "round_criterion_id", "rater_id", "score",
                              "justification", "updated_at"]
    func bulkValues() -> [any Encodable & Sendable] {
        [id, $municipality.id, $round.id, $project.id, $criterion.id, $rater.id, score, justification, updatedAt]
    }
    func bulkWillInsert(at now: Date) { updatedAt = now }
}

extension RankingEntry: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "version_id", "project_id", "computed_rank", "decided_rank", "total",
                              "tier", "contributions", "explanation"]
    func bulkValues() -> [any Encodable & Sendable] {
        [id, $municipality.id, $version.id, $project.id, computedRank, decidedRank, total, tier, contributions, explanation]
    }
}
