import FahrplanCore
import Fluent
import Vapor

/// A round's ranking over JSON: the official one of a closed round (or an older version), the provisional one
/// of an open round, its sensitivity to the weights, and rank overrides with their decision record. Results
/// are hidden from a rater who has not handed in (403), so that nobody anchors on the others' scores.
struct RankingAPIController {
    /// Seeds stay below 2^53 so that JavaScript clients read them exactly.
    static let maximumSeed = 9_007_199_254_740_991
    /// Ranking versions are numbered from 1; the document names this bound.
    static let maximumVersion = 1_000_000

    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.round(.key, .ranking), use: ranking)
        endpoints.get(.round(.key, .sensitivity), use: sensitivity)
        endpoints.post(.round(.key, .overrides), use: override)
    }

    func ranking(_ req: Request) async throws -> RankingDTO {
        let scope = try await RoundAPIScope.load(req)
        try await RatingService(db: req.db, context: scope.context).requireResultsVisible(scope.round)
        var query = APIQuery(req)
        let version = query.integer("version", 1...Self.maximumVersion)
        try query.finish()
        return try await PrioritizationFieldNames.translating { try await RankingDTO.load(scope, version: version) }
    }

    /// The range of every criterion's weight within which the top N stay the same, and a seeded Monte-Carlo run
    /// (Dirichlet around the weights): the same seed gives the same figures.
    func sensitivity(_ req: Request) async throws -> SensitivityDTO {
        let scope = try await RoundAPIScope.load(req)
        try await RatingService(db: req.db, context: scope.context).requireResultsVisible(scope.round)
        let round = scope.round
        var query = APIQuery(req)
        let samples = query.integer("samples", 1...SensitivityRequestLimits.maximumSamples) ?? SensitivityRequestLimits.defaultSamples
        let concentration = query.number("concentration", 0...SensitivityRequestLimits.maximumConcentration, exclusiveMinimum: true)
            ?? SensitivityRequestLimits.defaultConcentration
        let seed = query.integer("seed", 0...Self.maximumSeed) ?? Int(round.seed)
        try query.finish()
        let analysis = try await SensitivityService(req: req, context: scope.context)
            .analyse(round, monteCarlo: MonteCarloRequest(samples: samples, concentration: concentration, seed: UInt64(seed)))
        return try await PrioritizationFieldNames.translating {
            if !analysis.problems.isEmpty { throw ValidationFailure(analysis.problems) }
            let ranked = try Ranking.rank(analysis.criteria, analysis.projects, rules: round.rules)
            let byID = Dictionary(analysis.outcomes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return SensitivityDTO(
                roundId: try round.requireID(), topN: analysis.topN, samples: samples, concentration: concentration, seed: Int64(seed),
                ranges: analysis.ranges.map {
                    WeightRangeDTO(key: $0.key, name: analysis.names[$0.key] ?? $0.key, current: $0.current, lower: $0.lower, upper: $0.upper)
                },
                outcomes: ranked.compactMap { project in
                    guard let outcome = byID[project.id], let id = UUID(uuidString: project.id) else { return nil }
                    return MonteCarloOutcomeDTO(projectId: id, code: project.code, title: project.title, rank: project.rank,
                                                probabilityTopN: outcome.probabilityTopN, bestRank: outcome.bestRank, worstRank: outcome.worstRank,
                                                medianRank: outcome.medianRank, rank5: outcome.rank5, rank95: outcome.rank95)
                })
        }
    }

    /// Sets a project's decided position in the official ranking; the computed one stays visible. Answers the
    /// official ranking.
    func override(_ req: Request) async throws -> RankingDTO {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(OverrideWriteDTO.self)
        try await PrioritizationFieldNames.translating {
            try await DecisionService(db: req.db, context: scope.context)
                .overrideRank(scope.round, projectID: body.projectId?.uuidString, decidedRank: body.decidedRank.map(String.init), body.input)
        }
        return try await RankingDTO.load(scope)
    }
}

extension PrioritizationFieldNames {
    static func translatingSync<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(rename(failure.problems))
        }
    }
}
