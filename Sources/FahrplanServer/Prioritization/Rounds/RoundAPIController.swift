import FahrplanCore
import Fluent
import Vapor

/// Prioritization rounds over JSON: set up (draft), open for the raters, closed with the official ranking.
struct RoundAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.rounds, use: list)
        endpoints.post(.rounds, use: create)
        endpoints.get(.round(.key), use: show)
        endpoints.patch(.round(.key), use: update)
        endpoints.put(.round(.key, .scope), use: setScope)
        endpoints.put(.round(.key, .weights), use: setWeights)
        endpoints.post(.round(.key, .open), use: open)
        endpoints.post(.round(.key, .close), use: close)
    }

    func list(_ req: Request) async throws -> ListDTO<RoundSummaryDTO> {
        let context = try await req.municipalityContext()
        let rounds = try await RoundService(db: req.db, context: context).rounds()
        return ListDTO(items: try await RoundSummaryDTO.list(rounds, on: req.db))
    }

    /// The `ETag` is the edit version of the round's settings.
    func show(_ req: Request) async throws -> Response {
        let scope = try await RoundAPIScope.load(req)
        return try await VersionHeaders.respond(try await scope.roundDTO(), version: scope.round.version, for: req)
    }

    func create(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePrioritization)
        let body = try req.content.decode(RoundWriteDTO.self)
        let round = try await PrioritizationFieldNames.translating {
            try await RoundService(db: req.db, context: context).create(body.input(over: nil))
        }
        return VersionHeaders.tagged(try await .created(try await RoundDTO.load(round, on: req.db), at: APIURL.round(.value(try round.requireID())).path, for: req),
                                     round.version)
    }

    /// Settings only (title, description, aggregation, top N, rules); criteria are fixed when the round is created.
    /// `If-Match` makes the change conditional on the settings' version the client has seen (412 otherwise).
    func update(_ req: Request) async throws -> Response {
        let expected = try VersionHeaders.expected(req)
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(RoundWriteDTO.self)
        try await VersionHeaders.guarded(req) {
            try await PrioritizationFieldNames.translating {
                try await scope.rounds.update(scope.round, body.input(over: scope.round), expectedVersion: expected)
            }
        }
        return try await VersionHeaders.respond(try await scope.roundDTO(), version: scope.round.version, for: req)
    }

    func setScope(_ req: Request) async throws -> RoundDTO {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(RoundScopeWriteDTO.self)
        var projects = body.projectIds?.map(\.uuidString) ?? []
        if body.projectIds == nil { projects = try await scope.rounds.projectIDs(of: scope.round).map(\.uuidString) }
        var raters = body.raterIds?.map(\.uuidString) ?? []
        if body.raterIds == nil { raters = try await scope.rounds.raters(of: scope.round).map(\.$user.id.uuidString) }
        try await PrioritizationFieldNames.translating {
            try await scope.rounds.setScope(scope.round, projectIDs: projects, raterIDs: raters)
        }
        return try await scope.roundDTO()
    }

    /// Direct weights in points per criterion key; keys left out keep their weight. The ranking normalizes.
    func setWeights(_ req: Request) async throws -> RoundDTO {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(RoundWeightsWriteDTO.self)
        try await PrioritizationFieldNames.translating {
            try scope.rounds.requireChangeable(scope.round)
            guard let weights = body.weights else { throw ValidationFailure([FieldProblem("weights", .required)]) }
            let negative = weights.filter { $0.value < 0 }.keys.sorted()
            if !negative.isEmpty { throw ValidationFailure(negative.map { FieldProblem("weights.\($0)", .negative) }) }
            var points = Dictionary(try await scope.rounds.criteria(of: scope.round).map { ($0.key, APINumberText.text($0.weight)) },
                                    uniquingKeysWith: { a, _ in a })
            for (key, value) in weights { points[key] = APINumberText.text(value) }
            try await scope.rounds.setWeights(scope.round, points)
        }
        return try await scope.roundDTO()
    }

    func open(_ req: Request) async throws -> RoundDTO {
        let scope = try await RoundAPIScope.load(req)
        try await PrioritizationFieldNames.translating { try await scope.rounds.open(scope.round) }
        return try await scope.roundDTO()
    }

    /// Rating → closed: the computed ranking becomes the official one (version 1). With ratings missing and
    /// no `missingPolicy`, the answer is 422 naming `missingPolicy` with the code `missing_ratings` and the count.
    func close(_ req: Request) async throws -> Response {
        let scope = try await RoundAPIScope.load(req)
        let body = try req.content.decode(RoundCloseWriteDTO.self)
        try await PrioritizationFieldNames.translating {
            var check = Validator()
            let policy = body.missingPolicy.flatMap(MissingRatingsPolicy.init(rawValue:))
            if body.missingPolicy != nil && policy == nil { check.add("missingPolicy", .invalidChoice) }
            _ = body.input.validated(into: &check, today: scope.context.calendar.today)
            try check.finish()
            _ = try await DecisionService(db: req.db, context: scope.context).close(scope.round, policy: policy, body.input)
        }
        return try await RankingDTO.load(scope).encodeResponse(for: req)
    }
}
