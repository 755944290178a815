import FahrplanCore
import Fluent
import Foundation
import Vapor

// JSON shapes of the prioritization results (ranking, sensitivity, scenarios, decisions), described one to
// one in `Resources/openapi.json`. Texts (explanations, reasons) are in the request's language.

enum APIRankingWords {
    static func tier(_ tier: RankingTier) -> String {
        switch tier {
        case .legalDeadline: return "legalDeadline"
        case .urgent: return "urgent"
        case .regular: return "regular"
        }
    }
}

/// Why a project is in its tier.
struct TierReasonDTO: Content {
    /// `legalDeadline`, `markedUrgent` or `inherited`.
    var kind: String
    /// For `inherited`: the project whose tier it takes (it depends on this one).
    var projectId: UUID?
    var text: String

    init?(_ reason: TierReason?, deadline: String?, codes: [String: String], language: Language) {
        guard let reason, let text = RankingWords.tierReason(reason, deadline: deadline, scenarioName: nil, codes: codes, language) else { return nil }
        self.text = text
        switch reason {
        case .legalDeadline: kind = "legalDeadline"
        case .markedUrgent: kind = "markedUrgent"
        case .inherited(let from, _): kind = "inherited"; projectId = UUID(uuidString: from)
        }
    }
}

struct RankingItemDTO: Content {
    var projectId: UUID
    var code: String
    var title: String
    /// The computed position.
    var rank: Int
    /// The position decided by hand (an override), when it differs from the computed one.
    var decidedRank: Int?
    /// 0 … 100 points.
    var total: Double
    var tier: String
    var tierReason: TierReasonDTO?
    /// Criterion key → points; they sum to `total`.
    var contributions: [String: Double]
    /// Criterion keys without a value (the total uses the others, their weights renormalized).
    var missing: [String]
    /// Why it stands above the next one; null for the last.
    var explanation: String?
    /// Criterion keys on which the raters disagree (spread of at least half the scale): for discussion.
    var disputed: [String]

    static func items(_ lines: [RankingData.Line], evaluation: RoundEvaluation, language: Language) -> [RankingItemDTO] {
        let codes = Dictionary(evaluation.projects.map { ($0.id.uuidString, $0.code) }, uniquingKeysWith: { a, _ in a })
        let deadlines = Dictionary(evaluation.projects.map { ($0.id, $0.legalDeadline) }, uniquingKeysWith: { a, _ in a })
        return lines.map { line in
            let disputed = (evaluation.summaries[line.id] ?? [:]).filter(\.value.disputed).map(\.key)
            return RankingItemDTO(projectId: line.id, code: line.code, title: line.title, rank: line.computedRank, decidedRank: line.decidedRank,
                                  total: line.total, tier: APIRankingWords.tier(line.tier),
                                  tierReason: TierReasonDTO(line.tierReason, deadline: deadlines[line.id] ?? nil, codes: codes, language: language),
                                  contributions: line.contributions, missing: line.missing, explanation: line.explanation,
                                  disputed: evaluation.criteria.map(\.key).filter(disputed.contains))
        }
    }
}

/// A round's ranking: the official one (a stored version) once the round is closed, else the provisional one.
struct RankingDTO: Content {
    var roundId: UUID
    var status: String
    var official: Bool
    var version: Int?
    /// Every official version of the round, oldest first.
    var versions: [Int]
    var scenarioId: UUID?
    var adoptedAt: Date?
    var adoptedBy: String?
    /// Criterion key → normalized weight (sum 1) that the ranking used.
    var weights: [String: Double]
    var criteria: [CriterionNameDTO]
    /// In computed order.
    var items: [RankingItemDTO]

    static func load(_ scope: RoundAPIScope, version number: Int? = nil) async throws -> RankingDTO {
        let data = try await RankingData.load(ResultsScope(req: scope.req, context: scope.context, round: scope.round), versionNumber: number)
        if !data.problems.isEmpty { throw ValidationFailure(data.problems) }
        var weights: [String: Double]
        if let version = data.version {
            weights = JSONText.decode([String: Double].self, version.weights) ?? [:]
        } else {
            let sum = data.evaluation.criteria.reduce(0) { $0 + max(0, $1.weight) }
            weights = Dictionary(data.evaluation.criteria.map { ($0.key, sum > 0 ? $0.weight / sum : 0) }, uniquingKeysWith: { a, _ in a })
        }
        return RankingDTO(roundId: try scope.round.requireID(), status: scope.round.roundStatus.rawValue, official: data.isOfficial,
                          version: data.version?.version, versions: data.versions.map(\.version), scenarioId: data.version?.$scenario.id,
                          adoptedAt: data.version?.adoptedAt, adoptedBy: data.version?.adoptedByName, weights: weights,
                          criteria: data.criteria.map { CriterionNameDTO(key: $0.key, name: $0.name) },
                          items: RankingItemDTO.items(data.lines, evaluation: data.evaluation, language: scope.req.language))
    }
}

// MARK: sensitivity

struct WeightRangeDTO: Content {
    var key: String
    var name: String
    /// Normalized weights: the current one, and the range within which the top-N set stays the same (the other
    /// weights scaled proportionally).
    var current: Double
    var lower: Double
    var upper: Double
}

struct MonteCarloOutcomeDTO: Content {
    var projectId: UUID
    var code: String
    var title: String
    var rank: Int
    var probabilityTopN: Double
    var bestRank: Int
    var worstRank: Int
    var medianRank: Int
    var rank5: Int
    var rank95: Int
}

struct SensitivityDTO: Content {
    var roundId: UUID
    var topN: Int
    var samples: Int
    var concentration: Double
    var seed: Int64
    var ranges: [WeightRangeDTO]
    /// In the order of the ranking.
    var outcomes: [MonteCarloOutcomeDTO]
}

// MARK: scenarios

struct AddedCriterionDTO: Content {
    var key: String
    var name: String
    var description: String
    var direction: String
    var levels: [ScaleLevelDTO]
    var weight: Double
    /// Project id → value on the criterion's scale.
    var values: [String: Double]
}

struct ScenarioChangesDTO: Content {
    /// Criterion key → new weight (raw, like the round's); keys not named keep theirs.
    var weights: [String: Double]
    var addedCriteria: [AddedCriterionDTO]
    var urgentProjectIds: [String]

    init(_ changes: ScenarioChanges) {
        weights = changes.weights
        addedCriteria = changes.addedCriteria.map {
            AddedCriterionDTO(key: $0.criterion.key, name: $0.criterion.name, description: $0.criterion.description,
                              direction: $0.criterion.direction.rawValue, levels: $0.criterion.levels.map(ScaleLevelDTO.init),
                              weight: $0.weight, values: $0.values)
        }
        urgentProjectIds = changes.urgentProjectIDs
    }
}

struct ScenarioDTO: Content {
    var id: UUID
    var roundId: UUID
    var name: String
    var description: String
    var changes: ScenarioChangesDTO
    var createdBy: String?
    var adopted: Bool
    var adoptedAt: Date?
    var archived: Bool
    var createdAt: Date?
    var updatedAt: Date?

    init(_ scenario: PrioritizationScenario) throws {
        id = try scenario.requireID()
        roundId = scenario.$round.id
        name = scenario.name
        description = scenario.description
        changes = ScenarioChangesDTO(scenario.scenarioChanges)
        createdBy = scenario.createdByName
        adopted = scenario.adoptedAt != nil
        adoptedAt = scenario.adoptedAt
        archived = scenario.archivedAt != nil
        createdAt = scenario.createdAt
        updatedAt = scenario.updatedAt
    }
}

struct MovementReasonDTO: Content {
    /// `becameUrgent`, `tierChanged` or `criterion`.
    var kind: String
    var key: String?
    var points: Double?
    var from: String?
    var to: String?
    var text: String

    init(_ reason: MovementReason, names: [String: String], language: Language) {
        text = RankingWords.movementReason(reason, names: names, language)
        switch reason {
        case .becameUrgent: kind = "becameUrgent"
        case .tierChanged(let from, let to): kind = "tierChanged"; self.from = APIRankingWords.tier(from); self.to = APIRankingWords.tier(to)
        case .criterion(let key, let points): kind = "criterion"; self.key = key; self.points = points
        }
    }
}

struct RankMovementDTO: Content {
    var projectId: UUID
    var code: String
    var title: String
    /// Null where the project is not ranked.
    var before: Int?
    var after: Int?
    /// Positive: moved up.
    var delta: Int
    var text: String
    var reasons: [MovementReasonDTO]
}

struct ScenarioComparisonDTO: Content {
    var roundId: UUID
    var scenarioId: UUID
    /// The official ranking (before closing: the current one), and the scenario's.
    var before: [RankingItemDTO]
    var after: [RankingItemDTO]
    /// In the order of `after`.
    var movements: [RankMovementDTO]
}

// MARK: decisions

struct DecisionDTO: Content {
    var id: UUID
    var kind: String
    var summary: String
    var decidedBy: String
    var decidedOn: String
    var rationale: String
    var roundId: UUID?
    var roundTitle: String?
    var scenarioId: UUID?
    var projectId: UUID?
    var projectCode: String?
    var computedRank: Int?
    var decidedRank: Int?
    var recordedBy: String
    var recordedAt: Date?

    static func list(_ decisions: [Decision], on db: any Database) async throws -> [DecisionDTO] {
        let roundIDs = Array(Set(decisions.compactMap { $0.$round.id }))
        let projectIDs = Array(Set(decisions.compactMap { $0.$project.id }))
        let rounds = roundIDs.isEmpty ? [] : try await PrioritizationRound.query(on: db).filter(\.$id ~~ roundIDs).all()
        let projects = projectIDs.isEmpty ? [] : try await Project.query(on: db).filter(\.$id ~~ projectIDs).field(\.$id).field(\.$code).all()
        let titles = Dictionary(rounds.compactMap { r in r.id.map { ($0, r.title) } }, uniquingKeysWith: { a, _ in a })
        let codes = Dictionary(projects.compactMap { p in p.id.map { ($0, p.code) } }, uniquingKeysWith: { a, _ in a })
        return try decisions.map { decision in
            DecisionDTO(id: try decision.requireID(), kind: decision.decisionKind.rawValue, summary: decision.summary,
                        decidedBy: decision.decidedBy, decidedOn: decision.decidedOn, rationale: decision.rationale,
                        roundId: decision.$round.id, roundTitle: decision.$round.id.flatMap { titles[$0] }, scenarioId: decision.$scenario.id,
                        projectId: decision.$project.id, projectCode: decision.$project.id.flatMap { codes[$0] },
                        computedRank: decision.computedRank, decidedRank: decision.decidedRank, recordedBy: decision.recordedByName,
                        recordedAt: decision.createdAt)
        }
    }
}
