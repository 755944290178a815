import FahrplanCore
import Fluent
import Foundation
import Vapor

// JSON shapes of the prioritization API (criteria, rounds, ratings, AHP), described one to one in
// `Resources/openapi.json`. Criteria are named by their key in rounds, ratings, weights and scenarios.

struct ScaleLevelDTO: Content {
    var value: Int
    var label: String
    var description: String

    init(_ level: ScaleLevel) {
        value = level.value
        label = level.label
        description = level.description
    }
}

struct CriterionDTO: Content {
    var id: UUID
    var key: String
    var name: String
    var description: String
    var direction: String
    var source: String
    var levels: [ScaleLevelDTO]
    var defaultWeight: Double
    var position: Int
    var archived: Bool
    var createdAt: Date?
    var updatedAt: Date?

    init(_ row: CatalogCriterion) throws {
        let criterion = row.criterion
        id = try row.requireID()
        key = criterion.key
        name = criterion.name
        description = criterion.description
        direction = criterion.direction.rawValue
        source = criterion.source.rawValue
        levels = criterion.levels.map(ScaleLevelDTO.init)
        defaultWeight = row.defaultWeight
        position = row.position
        archived = row.archivedAt != nil
        createdAt = row.createdAt
        updatedAt = row.updatedAt
    }
}

struct CriterionDefaultsDTO: Content {
    /// How many criteria were loaded: 0 when the catalog already had criteria.
    var loaded: Int
    var items: [CriterionDTO]
}

/// One row of the round list.
struct RoundSummaryDTO: Content {
    var id: UUID
    var title: String
    var status: String
    var aggregation: String
    var weighting: String
    var topN: Int
    var criterionCount: Int
    var projectCount: Int
    var raterCount: Int
    var createdAt: Date?
    var openedAt: Date?
    var closedAt: Date?

    static func list(_ rounds: [PrioritizationRound], on db: any Database) async throws -> [RoundSummaryDTO] {
        let ids = rounds.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        func count(_ rows: [any DatabaseOutput], _ schema: String) throws -> [UUID: Int] {
            var result: [UUID: Int] = [:]
            for row in rows { result[try row.schema(schema).decode("round_id", as: UUID.self), default: 0] += 1 }
            return result
        }
        let criteria = try count(try await RoundCriterion.query(on: db).filter(\.$round.$id ~~ ids).field(\.$round.$id).rows(), RoundCriterion.schema)
        let projects = try count(try await RoundProject.query(on: db).filter(\.$round.$id ~~ ids).field(\.$round.$id).rows(), RoundProject.schema)
        let raters = try count(try await RoundRater.query(on: db).filter(\.$round.$id ~~ ids).field(\.$round.$id).rows(), RoundRater.schema)
        return try rounds.map { round in
            let id = try round.requireID()
            return RoundSummaryDTO(id: id, title: round.title, status: round.roundStatus.rawValue, aggregation: round.aggregationMethod.rawValue,
                                   weighting: round.weightingMethod.rawValue, topN: round.topN, criterionCount: criteria[id] ?? 0,
                                   projectCount: projects[id] ?? 0, raterCount: raters[id] ?? 0, createdAt: round.createdAt,
                                   openedAt: round.openedAt, closedAt: round.closedAt)
        }
    }
}

struct RoundCriterionDTO: Content {
    var key: String
    var name: String
    var description: String
    var direction: String
    var source: String
    var levels: [ScaleLevelDTO]
    /// Points (direct weighting) or the AHP weight, as stored.
    var weight: Double
    /// The share of the weight in the sum of all weights (0 when they sum to 0).
    var normalizedWeight: Double
    var catalogCriterionId: UUID?

    init(_ row: RoundCriterion, sum: Double) {
        let criterion = row.criterion
        key = row.key
        name = row.name
        description = row.description
        direction = criterion.direction.rawValue
        source = criterion.source.rawValue
        levels = criterion.levels.map(ScaleLevelDTO.init)
        weight = row.weight
        normalizedWeight = sum > 0 ? row.weight / sum : 0
        catalogCriterionId = row.catalogCriterionID
    }

    static func list(_ rows: [RoundCriterion]) -> [RoundCriterionDTO] {
        let sum = rows.reduce(0) { $0 + max(0, $1.weight) }
        return rows.map { RoundCriterionDTO($0, sum: sum) }
    }
}

struct RoundProjectDTO: Content {
    var id: UUID
    var code: String
    var title: String
    var status: String
}

struct RoundRaterDTO: Content {
    var userId: UUID
    var displayName: String
    var submitted: Bool
    var submittedAt: Date?
    /// Own scores of projects in scope on rating criteria, and how many that makes complete.
    var rated: Int
    var needed: Int
}

/// A round with its settings, criteria and weights, projects in scope and raters with their progress.
struct RoundDTO: Content {
    var id: UUID
    var title: String
    var description: String
    var status: String
    var aggregation: String
    var weighting: String
    var topN: Int
    var legalDeadlineFirst: Bool
    var inheritUrgency: Bool
    var seed: Int64
    var missingPolicy: String?
    var createdBy: String?
    var createdAt: Date?
    var openedAt: Date?
    var closedAt: Date?
    var closedBy: String?
    /// The number of the current official ranking (closed rounds only).
    var officialVersion: Int?
    var criteria: [RoundCriterionDTO]
    var projects: [RoundProjectDTO]
    var raters: [RoundRaterDTO]

    static func load(_ round: PrioritizationRound, on db: any Database) async throws -> RoundDTO {
        let id = try round.requireID()
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == id).sort(\.$position).sort(\.$key).all()
        let projectIDs = try await RoundProject.query(on: db).filter(\.$round.$id == id).field(\.$project.$id).rows()
            .map { try $0.schema(RoundProject.schema).decode("project_id", as: UUID.self) }
        var projects: [RoundProjectDTO] = []
        for chunk in projectIDs.chunked(into: 400) {
            for project in try await Project.query(on: db).filter(\.$id ~~ chunk).field(\.$id).field(\.$code).field(\.$title).field(\.$status).all() {
                projects.append(RoundProjectDTO(id: try project.requireID(), code: project.code, title: project.title, status: project.status))
            }
        }
        let progress = try await RoundProgress.load(round, on: db)
        let version = try await RankingVersion.query(on: db).filter(\.$round.$id == id).max(\.$version)
        return RoundDTO(
            id: id, title: round.title, description: round.description, status: round.roundStatus.rawValue,
            aggregation: round.aggregationMethod.rawValue, weighting: round.weightingMethod.rawValue, topN: round.topN,
            legalDeadlineFirst: round.legalDeadlineFirst, inheritUrgency: round.inheritUrgency, seed: round.seed,
            missingPolicy: round.missingPolicy, createdBy: round.createdByName, createdAt: round.createdAt, openedAt: round.openedAt,
            closedAt: round.closedAt, closedBy: round.closedByName, officialVersion: round.roundStatus == .closed ? version : nil,
            criteria: RoundCriterionDTO.list(criteria), projects: projects.sorted { $0.code < $1.code },
            raters: progress.raters.map {
                RoundRaterDTO(userId: $0.userID, displayName: $0.name, submitted: $0.submittedAt != nil, submittedAt: $0.submittedAt,
                              rated: $0.rated, needed: progress.needed)
            })
    }
}

// MARK: ratings

struct RatingDTO: Content {
    var projectId: UUID
    var criterionKey: String
    var score: Int
    var justification: String
}

/// A rater's own view of a round: what to rate (rating criteria and projects in scope) and the own scores.
struct MyRatingsDTO: Content {
    var roundId: UUID
    var status: String
    var submitted: Bool
    var submittedAt: Date?
    var criteria: [RoundCriterionDTO]
    var projects: [RoundProjectDTO]
    var ratings: [RatingDTO]

    static func load(_ scope: RoundAPIScope, entry: RoundRater) async throws -> MyRatingsDTO {
        let round = try await scope.roundDTO()
        let ratingKeys = Set(round.criteria.filter { $0.source == CriterionSource.rating.rawValue }.map(\.key))
        let inScope = Set(round.projects.map(\.id))
        let own = try await RatingService(db: scope.req.db, context: scope.context).ownRatings(scope.round)
        var ratings: [RatingDTO] = []
        for (project, byKey) in own where inScope.contains(project) {
            for (key, rating) in byKey where ratingKeys.contains(key) {
                ratings.append(RatingDTO(projectId: project, criterionKey: key, score: rating.score, justification: rating.justification))
            }
        }
        let order = Dictionary(round.projects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let keyOrder = Dictionary(round.criteria.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        ratings.sort { (order[$0.projectId] ?? 0, keyOrder[$0.criterionKey] ?? 0) < (order[$1.projectId] ?? 0, keyOrder[$1.criterionKey] ?? 0) }
        return MyRatingsDTO(roundId: round.id, status: round.status, submitted: entry.submittedAt != nil, submittedAt: entry.submittedAt,
                            criteria: round.criteria.filter { ratingKeys.contains($0.key) }, projects: round.projects, ratings: ratings)
    }
}

// MARK: AHP

struct CriterionNameDTO: Content {
    var key: String
    var name: String
}

struct ComparisonDTO: Content {
    var a: String
    var b: String
    /// How much more important `a` is than `b` on Saaty's scale (1/9 … 9).
    var value: Double
}

struct MyComparisonsDTO: Content {
    var roundId: UUID
    var criteria: [CriterionNameDTO]
    /// Every pair needed once, `a` before `b` in the round's order of criteria.
    var pairCount: Int
    var comparisons: [ComparisonDTO]

    static func load(_ scope: RoundAPIScope) async throws -> MyComparisonsDTO {
        let criteria = try await scope.rounds.criteria(of: scope.round)
        let own = try await PairwiseService(db: scope.req.db, context: scope.context).ownJudgments(scope.round)
        var comparisons: [ComparisonDTO] = []
        for (i, first) in criteria.enumerated() {
            for second in criteria.dropFirst(i + 1) {
                if let value = own["\(first.key)|\(second.key)"] { comparisons.append(ComparisonDTO(a: first.key, b: second.key, value: value)) }
            }
        }
        return MyComparisonsDTO(roundId: try scope.round.requireID(), criteria: criteria.map { CriterionNameDTO(key: $0.key, name: $0.name) },
                                pairCount: criteria.count * (criteria.count - 1) / 2, comparisons: comparisons)
    }
}

struct AHPInconsistencyDTO: Content {
    var a: String
    var b: String
    var given: Double
    var implied: Double
    var suggested: Double
    var indirect: Double
    /// This comparison's share of the total inconsistency (the shares sum to 1; all 0 when consistent).
    var contribution: Double
}

struct AHPResultDTO: Content {
    var weights: [String: Double]
    var lambdaMax: Double
    var consistencyIndex: Double
    var randomIndex: Double
    var consistencyRatio: Double
    var acceptable: Bool
    /// Every pair, the largest contribution first.
    var inconsistencies: [AHPInconsistencyDTO]

    init(_ result: AHPResult, keys: [String]) {
        func key(_ index: Int) -> String { keys.indices.contains(index) ? keys[index] : "\(index)" }
        weights = Dictionary(zip(keys, result.weights).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        lambdaMax = result.lambdaMax
        consistencyIndex = result.consistencyIndex
        randomIndex = result.randomIndex
        consistencyRatio = result.consistencyRatio
        acceptable = result.isAcceptable
        inconsistencies = result.inconsistencies.map {
            AHPInconsistencyDTO(a: key($0.row), b: key($0.column), given: $0.given, implied: $0.implied, suggested: $0.suggested,
                                indirect: $0.indirect, contribution: $0.contribution)
        }
    }
}

struct AHPParticipantDTO: Content {
    var userId: UUID
    var name: String
    /// Whether this person compared every pair (only complete judgments enter the group result).
    var complete: Bool
    var consistencyRatio: Double?
    var acceptable: Bool?
}

struct AHPGroupDTO: Content {
    var roundId: UUID
    var weighting: String
    var criteria: [CriterionNameDTO]
    var participants: [AHPParticipantDTO]
    /// The geometric mean of every complete participant's judgments; null until somebody compared every pair.
    var group: AHPResultDTO?

    init(_ round: PrioritizationRound, _ result: PairwiseService.GroupResult) throws {
        let keys = result.criteria.map(\.key)
        roundId = try round.requireID()
        weighting = round.weightingMethod.rawValue
        criteria = result.criteria.map { CriterionNameDTO(key: $0.key, name: $0.name) }
        participants = result.participants.map {
            AHPParticipantDTO(userId: $0.userID, name: $0.name, complete: $0.complete, consistencyRatio: $0.result?.consistencyRatio,
                              acceptable: $0.result?.isAcceptable)
        }
        group = result.group.map { AHPResultDTO($0, keys: keys) }
    }
}
