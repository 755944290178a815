import FahrplanCore
import Fluent
import Foundation

/// Everything a round's ranking is computed from, loaded once: the round's criteria and weights, the projects in
/// scope with the facts of their profiles, and the aggregated ratings. The server loads the rows and maps them to
/// plain values; `RoundRankingInputs.assemble` (core) turns them into the ranking's input.
struct RoundEvaluation: Sendable {
    typealias ProjectFacts = RoundProjectFacts

    var round: PrioritizationRound
    var criteria: [RoundCriterion]
    var rankingInputs: RoundRankingInputs
    /// The municipality's hourly rates and horizon the cost-benefit criterion was computed with (`MunicipalityEconomics`).
    var economics: EconomicSettings = .defaults

    /// In code order.
    var projects: [ProjectFacts] { rankingInputs.projects }
    /// Project → criterion key → the raters' scores summarized (rating criteria only).
    var summaries: [UUID: [String: ScoreSummary]] { rankingInputs.summaries }
    /// Project → criterion key → rater id → score and justification, for the discussion of disputed scores.
    var scores: [UUID: [String: [UUID: RaterScore]]] { rankingInputs.scores }
    var rankingProjects: [RankingProject] { rankingInputs.rankingProjects }

    var weighted: [WeightedCriterion] { criteria.map { WeightedCriterion(criterion: $0.criterion, weight: $0.weight) } }
    var criterionNames: [String: String] { Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    /// Project–criterion pairs without a value (no rating, or the profile does not say enough).
    var missing: [MissingValue] { rankingInputs.missingValues }

    /// What closing decided for projects with missing values (ranked with what they have while the round is open).
    var policy: MissingRatingsPolicy { MissingRatingsPolicy(stored: round.missingPolicy) }

    /// The core's inputs: the projects `policy` (default: the round's) ranks; `changes` applies a scenario.
    func inputs(policy: MissingRatingsPolicy? = nil, changes: ScenarioChanges? = nil) throws -> ([WeightedCriterion], [RankingProject]) {
        let projects = rankingInputs.rankingProjects(under: policy ?? self.policy)
        guard let changes else { return (weighted, projects) }
        return try ScenarioApplication.apply(changes, to: weighted, projects)
    }

    /// The ranking as the data stands.
    func ranking(policy: MissingRatingsPolicy? = nil, changes: ScenarioChanges? = nil) throws -> [RankedProject] {
        let (criteria, projects) = try inputs(policy: policy, changes: changes)
        return try Ranking.rank(criteria, projects, rules: round.rules)
    }

    /// The scenario the latest official ranking was adopted from: what "the official ranking" means today.
    static func adoptedChanges(of round: PrioritizationRound, on db: any Database) async throws -> ScenarioChanges? {
        let latest = try await RankingVersion.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$version, .descending).first()
        return try await latest?.$scenario.get(on: db)?.scenarioChanges
    }

    /// `ratings: false`: the projects' facts and derived criteria only, no score read (the rater's page).
    static func load(_ round: PrioritizationRound, on db: any Database, calendar: MunicipalCalendar, ratings withRatings: Bool = true) async throws -> RoundEvaluation {
        let roundID = try round.requireID()
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == roundID).sort(\.$position).sort(\.$key).all()
        let projectIDs = try await RoundProject.query(on: db).filter(\.$round.$id == roundID).field(\.$project.$id).rows()
            .map { try $0.schema(RoundProject.schema).decode("project_id", as: UUID.self) }
        let facts = try await projectFacts(projectIDs, municipalityID: round.$municipality.id, on: db)

        let keyByCriterion = Dictionary(criteria.compactMap { c in c.id.map { ($0, c.key) } }, uniquingKeysWith: { a, _ in a })
        let ratingRows = withRatings ? try await Rating.query(on: db).filter(\.$round.$id == roundID)
            .field(\.$project.$id).field(\.$criterion.$id).field(\.$rater.$id).field(\.$score).field(\.$justification).rows() : []
        let ratings = try ratingRows.compactMap { row -> RoundRating? in
            let row = row.schema(Rating.schema)
            guard let key = keyByCriterion[try row.decode("round_criterion_id", as: UUID.self)] else { return nil }
            return RoundRating(projectID: try row.decode("project_id", as: UUID.self), criterionKey: key,
                               raterID: try row.decode("rater_id", as: UUID.self), score: try row.decode("score", as: Int.self),
                               justification: try row.decode("justification", as: String.self))
        }

        // Deadlines count from the day the round opened (or today while it is being set up).
        let openedOn = round.openedAt.map(calendar.day(of:)) ?? calendar.today
        let economics = try await MunicipalityEconomics.settings(of: round.$municipality.id, on: db)
        let inputs = RoundRankingInputs.assemble(projects: facts, criteria: criteria.map(\.criterion), ratings: ratings,
                                                 aggregation: round.aggregationMethod, openedOn: openedOn, economics: economics)
        return RoundEvaluation(round: round, criteria: criteria, rankingInputs: inputs, economics: economics)
    }

    /// The stored facts of the projects: profile, dependencies, running costs of every planned year. The child rows
    /// are read by municipality and project ids: with 1,000 municipalities the ids alone left PostgreSQL scanning
    /// all of `project_dependencies` (benchmarks/scale-http.sh), and on Citus the municipality keeps them on one node.
    private static func projectFacts(_ ids: [UUID], municipalityID: UUID, on db: any Database) async throws -> [ProjectFacts] {
        var facts: [ProjectFacts] = []
        var dependsOn: [UUID: [UUID]] = [:]
        var runningByYear: [UUID: [Int64]] = [:]
        for chunk in ids.chunked(into: 400) {
            let rows = try await Project.query(on: db).filter(\.$id ~~ chunk)
                .field(\.$id).field(\.$code).field(\.$title).field(\.$legalObligation).field(\.$legalDeadline)
                .field(\.$hoursSavedPerYear).field(\.$citizenHoursSavedPerYear).field(\.$businessHoursSavedPerYear)
                .field(\.$totalOneOffCents).rows()
            for row in rows {
                let row = row.schema(Project.schema)
                facts.append(ProjectFacts(
                    id: try row.decode("id", as: UUID.self), code: try row.decode("code", as: String.self),
                    title: try row.decode("title", as: String.self), legalObligation: try row.decode("legal_obligation", as: Bool.self),
                    legalDeadline: try row.decode("legal_deadline", as: String?.self),
                    hoursSavedPerYear: try row.decode("hours_saved_per_year", as: Int?.self),
                    citizenHoursSavedPerYear: try row.decode("citizen_hours_saved_per_year", as: Int?.self),
                    businessHoursSavedPerYear: try row.decode("business_hours_saved_per_year", as: Int?.self),
                    oneOffCents: try row.decode("total_one_off_cents", as: Int64.self)))
            }
            let dependencies = try await ProjectDependency.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$project.$id ~~ chunk)
                .field(\.$project.$id).field(\.$dependsOn.$id).rows()
            for row in dependencies {
                let row = row.schema(ProjectDependency.schema)
                dependsOn[try row.decode("project_id", as: UUID.self), default: []].append(try row.decode("depends_on_id", as: UUID.self))
            }
            let costs = try await ProjectCost.query(on: db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$project.$id ~~ chunk)
                .field(\.$project.$id).field(\.$runningCents).rows()
            for row in costs {
                let row = row.schema(ProjectCost.schema)
                runningByYear[try row.decode("project_id", as: UUID.self), default: []].append(try row.decode("running_cents", as: Int64.self))
            }
        }
        for index in facts.indices {
            facts[index].dependsOn = dependsOn[facts[index].id] ?? []
            facts[index].runningCentsByYear = runningByYear[facts[index].id] ?? []
        }
        return facts
    }
}
