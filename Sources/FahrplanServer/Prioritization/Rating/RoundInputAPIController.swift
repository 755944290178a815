import FahrplanCore
import Fluent
import Vapor

/// What people put into a round over JSON: a rater's own scores, and everybody's pairwise comparisons of
/// the criteria (AHP) with the group result the strategy team may adopt as the round's weights.
struct RoundInputAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.round(.key, .myRatings), use: myRatings)
        endpoints.put(.round(.key, .myRatings), use: saveRatings)
        endpoints.get(.round(.key, .myComparisons), use: myComparisons)
        endpoints.put(.round(.key, .myComparisons), use: saveComparisons)
        endpoints.get(.round(.key, .ahp), use: ahp)
        endpoints.post(.round(.key, .adoptAHP), use: adoptAHP)
    }

    // MARK: ratings

    /// Only the round's raters have own ratings (403 for everybody else).
    private func raterEntry(_ scope: RoundAPIScope) async throws -> RoundRater {
        guard let entry = try await RatingService(db: scope.req.db, context: scope.context).raterEntry(scope.round) else {
            throw FahrplanError.forbidden
        }
        return entry
    }

    func myRatings(_ req: Request) async throws -> MyRatingsDTO {
        let scope = try await RoundAPIScope.load(req)
        return try await MyRatingsDTO.load(scope, entry: try await raterEntry(scope))
    }

    /// Saves the given scores (all or nothing): a score of null removes an earlier one; scores not named stay.
    /// With `submit`, the scores are handed in.
    func saveRatings(_ req: Request) async throws -> MyRatingsDTO {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(RatingsWriteDTO.self)
        _ = try await raterEntry(scope)
        let inputs = (body.ratings ?? []).map {
            RatingInput(projectID: $0.projectId?.uuidString ?? "", criterionKey: $0.criterionKey ?? "",
                        score: $0.score.map(String.init), justification: $0.justification)
        }
        try await PrioritizationFieldNames.translating {
            try await RatingService(db: req.db, context: scope.context).save(scope.round, inputs, submit: body.submit ?? false)
        }
        return try await MyRatingsDTO.load(scope, entry: try await raterEntry(scope))
    }

    // MARK: pairwise comparisons

    private func requireMayCompare(_ scope: RoundAPIScope) async throws {
        try scope.context.require(try await PairwiseService(db: scope.req.db, context: scope.context).mayCompare(scope.round))
    }

    func myComparisons(_ req: Request) async throws -> MyComparisonsDTO {
        let scope = try await RoundAPIScope.load(req)
        try await requireMayCompare(scope)
        return try await MyComparisonsDTO.load(scope)
    }

    /// Replaces the person's judgments with the given ones (all or nothing).
    func saveComparisons(_ req: Request) async throws -> MyComparisonsDTO {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(ComparisonsWriteDTO.self)
        try await requireMayCompare(scope)
        // Required, as documented: a body without the list must not wipe the person's judgments.
        guard let comparisons = body.comparisons else { throw FahrplanError.invalid([FieldProblem("comparisons", .required)]) }
        let inputs = comparisons.map { PairwiseInput(a: $0.a ?? "", b: $0.b ?? "", value: $0.value?.text ?? "") }
        try await PrioritizationFieldNames.translating {
            try await PairwiseService(db: req.db, context: scope.context).save(scope.round, inputs)
        }
        return try await MyComparisonsDTO.load(scope)
    }

    /// The group result of everybody who compared: visible to who may compare (the strategy team and the raters).
    func ahp(_ req: Request) async throws -> AHPGroupDTO {
        let scope = try await RoundAPIScope.load(req)
        try await requireMayCompare(scope)
        return try AHPGroupDTO(scope.round, try await PairwiseService(db: req.db, context: scope.context).group(scope.round))
    }

    /// The group's AHP weights become the round's weights.
    func adoptAHP(_ req: Request) async throws -> RoundDTO {
        let scope = try await RoundAPIScope.load(req)
        try await PrioritizationFieldNames.translating { try await PairwiseService(db: req.db, context: scope.context).adopt(scope.round) }
        return try await scope.roundDTO()
    }
}
