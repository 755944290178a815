import FahrplanCore
import Fluent
import Vapor

/// What a Monte-Carlo run is asked for. The service holds every request to `SensitivityRequestLimits`, so no
/// way in (page, API, command line) can ask for more work than the others.
struct MonteCarloRequest: Sendable {
    var samples: Int = SensitivityRequestLimits.defaultSamples
    var concentration: Double = SensitivityRequestLimits.defaultConcentration
    var seed: UInt64
}

/// How stable a round's ranking is, computed from the inputs of the ranking the round reports: the official
/// one (with the changes of the scenario it was adopted from) once the round is closed, the provisional one
/// before that.
struct SensitivityAnalysis {
    /// The official version analysed; nil for a provisional ranking.
    var version: RankingVersion?
    /// The scenario the official version was adopted from.
    var scenario: PrioritizationScenario?
    var criteria: [WeightedCriterion]
    var projects: [RankingProject]
    /// Criterion key → name, in the round's order, including a criterion the scenario added.
    var names: [String: String]
    /// The round's top N, never more than there are projects.
    var topN: Int
    /// Per criterion (in the round's order) the weight range within which the top N stay the same.
    var ranges: [WeightRange] = []
    /// The run asked for; nil when none was asked for or the figures could not be computed.
    var monteCarlo: MonteCarloRequest?
    var outcomes: [MonteCarloOutcome] = []
    /// Why figures are missing: weights that cannot be ranked, or a request beyond the limits (`samples`,
    /// `concentration`). The ranges stay when only the run failed.
    var problems: [FieldProblem] = []

    var isOfficial: Bool { version != nil }
}

/// The one way to ask how stable a round's ranking is; the sensitivity page and `GET /rounds/{round}/sensitivity`
/// both call it and differ only in how they present the answer.
struct SensitivityService {
    var db: any Database
    var context: MunicipalityContext
    /// Where the Monte-Carlo run goes, so that the event loop keeps serving other requests meanwhile.
    var threadPool: NIOThreadPool
    var cache: RoundResultsCache

    init(req: Request, context: MunicipalityContext) {
        self.db = req.db
        self.context = context
        self.threadPool = req.application.threadPool
        self.cache = req.application.roundResultsCache
    }

    /// The weight ranges, and the Monte-Carlo run when `monteCarlo` is given. Results are hidden (403) from
    /// whoever may not see the round's results yet.
    func analyse(_ round: PrioritizationRound, monteCarlo request: MonteCarloRequest?) async throws -> SensitivityAnalysis {
        try await RatingService(db: db, context: context).requireResultsVisible(round)
        let (evaluation, stamp) = try await cache.evaluation(round, context: context, on: db)
        let (version, scenario) = try await officialVersion(of: round)
        let changes = scenario?.scenarioChanges
        let basis = "\(version?.id?.uuidString ?? "provisional")"
        // The 500 projects' inputs are built once per round data and version too.
        let (criteria, projects) = try await cache.value(stamp, "inputs|\(basis)") { try evaluation.inputs(changes: changes) }

        let roundCriteria = evaluation.criteria.map { (key: $0.key, name: $0.name) }
        let named = scenario.map { $0.scenarioChanges.criterionNames(round: roundCriteria) } ?? roundCriteria
        var analysis = SensitivityAnalysis(
            version: version, scenario: scenario, criteria: criteria, projects: projects,
            names: Dictionary(named.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a }),
            topN: SensitivityRequestLimits.topN(round.topN, projectCount: projects.count))
        let (rules, topN) = (round.rules, analysis.topN)
        do {
            // Both computed once per round data (`RoundDataStamp`) and version: the Monte-Carlo run of a 500-project
            // round takes a good part of a second and gives the same figures for the same seed.
            analysis.ranges = try await cache.value(stamp, "ranges|\(basis)") {
                try WeightSensitivity.ranges(criteria, projects, rules: rules, topN: topN)
            }
            guard let request else { return analysis }
            try ValidationFailure.throwing(SensitivityRequestLimits.problems(samples: request.samples, concentration: request.concentration))
            let key = "montecarlo|\(basis)|\(request.samples)|\(request.concentration)|\(request.seed)"
            let pool = threadPool
            analysis.outcomes = try await cache.value(stamp, key, computeAsync: {
                try await pool.runIfActive {
                    try MonteCarloSensitivity.run(criteria, projects, rules: rules, topN: topN, samples: request.samples,
                                                  concentration: request.concentration, seed: request.seed)
                }
            })
            analysis.monteCarlo = request
        } catch let failure as ValidationFailure {
            analysis.problems = failure.problems
        }
        return analysis
    }

    /// The latest official version of a closed round and the scenario it was adopted from; nothing for an open one.
    private func officialVersion(of round: PrioritizationRound) async throws -> (RankingVersion?, PrioritizationScenario?) {
        guard round.roundStatus == .closed,
              let latest = try await RankingVersion.query(on: db).filter(\.$round.$id == round.requireID())
                  .sort(\.$version, .descending).first()
        else { return (nil, nil) }
        return (latest, try await latest.$scenario.get(on: db))
    }
}
