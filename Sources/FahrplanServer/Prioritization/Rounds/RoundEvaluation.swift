import FahrplanCore
import Fluent
import Foundation

/// Everything a round's ranking is computed from, loaded once: the round's criteria and weights, the projects in
/// scope with the facts of their profiles, and the aggregated ratings. The core does the arithmetic.
struct RoundEvaluation: Sendable {
    struct ProjectFacts: Sendable {
        var id: UUID
        var code: String
        var title: String
        var legalObligation: Bool
        var legalDeadline: String?
        var hoursSavedPerYear: Int?
        var oneOffCents: Int64
        var runningCentsPerYear: Int64
    }

    var round: PrioritizationRound
    var criteria: [RoundCriterion]
    var projects: [ProjectFacts]
    /// Project → criterion key → the raters' scores summarized (rating criteria only).
    var summaries: [UUID: [String: ScoreSummary]]
    /// Project → criterion key → rater id → (score, justification), for the discussion of disputed scores.
    var scores: [UUID: [String: [UUID: (score: Int, justification: String)]]]
    var rankingProjects: [RankingProject]

    var weighted: [WeightedCriterion] { criteria.map { WeightedCriterion(criterion: $0.criterion, weight: $0.weight) } }
    var criterionNames: [String: String] { Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    /// Project–criterion pairs without a value (no rating, or the profile does not say enough).
    var missing: [(project: UUID, key: String)] {
        zip(projects, rankingProjects).flatMap { facts, project in
            criteria.filter { project.values[$0.key] == nil }.map { (project: facts.id, key: $0.key) }
        }
    }

    /// What closing decided for projects with missing values (ranked with what they have while the round is open).
    var policy: MissingRatingsPolicy { MissingRatingsPolicy(rawValue: round.missingPolicy ?? "") ?? .rankWithAvailable }

    /// The core's inputs: `exclude` leaves out projects with a missing value; `changes` applies a scenario.
    func inputs(policy: MissingRatingsPolicy? = nil, changes: ScenarioChanges? = nil) throws -> ([WeightedCriterion], [RankingProject]) {
        var projects = rankingProjects
        if (policy ?? self.policy) == .exclude {
            let keys = criteria.map(\.key)
            projects = projects.filter { project in keys.allSatisfy { project.values[$0] != nil } }
        }
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

    static func load(_ round: PrioritizationRound, on db: any Database, calendar: MunicipalCalendar) async throws -> RoundEvaluation {
        let roundID = try round.requireID()
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == roundID).sort(\.$position).sort(\.$key).all()
        let projectIDs = try await RoundProject.query(on: db).filter(\.$round.$id == roundID).field(\.$project.$id).rows()
            .map { try $0.schema(RoundProject.schema).decode("project_id", as: UUID.self) }
        let facts = try await projectFacts(projectIDs, on: db)
        let inScope = Set(facts.map(\.id))

        // Who needs whom, within the round: a prerequisite inherits the urgency of what depends on it.
        var prerequisiteOf: [UUID: [UUID]] = [:]
        var dependentCount: [UUID: Int] = [:]
        for chunk in Array(inScope).chunked(into: 400) {
            let rows = try await ProjectDependency.query(on: db).filter(\.$project.$id ~~ chunk)
                .field(\.$project.$id).field(\.$dependsOn.$id).rows()
            for row in rows {
                let row = row.schema(ProjectDependency.schema)
                let project = try row.decode("project_id", as: UUID.self), needed = try row.decode("depends_on_id", as: UUID.self)
                guard inScope.contains(needed) else { continue }
                prerequisiteOf[needed, default: []].append(project)
                dependentCount[needed, default: 0] += 1
            }
        }

        var scores: [UUID: [String: [UUID: (score: Int, justification: String)]]] = [:]
        let keyByCriterion = Dictionary(criteria.compactMap { c in c.id.map { ($0, c.key) } }, uniquingKeysWith: { a, _ in a })
        let ratingRows = try await Rating.query(on: db).filter(\.$round.$id == roundID)
            .field(\.$project.$id).field(\.$criterion.$id).field(\.$rater.$id).field(\.$score).field(\.$justification).rows()
        for row in ratingRows {
            let row = row.schema(Rating.schema)
            let project = try row.decode("project_id", as: UUID.self)
            guard inScope.contains(project), let key = keyByCriterion[try row.decode("round_criterion_id", as: UUID.self)] else { continue }
            scores[project, default: [:]][key, default: [:]][try row.decode("rater_id", as: UUID.self)] =
                (try row.decode("score", as: Int.self), try row.decode("justification", as: String.self))
        }

        var summaries: [UUID: [String: ScoreSummary]] = [:]
        // Deadlines count from the day the round opened (or today while it is being set up).
        let asOf = CalendarDay(round.openedAt ?? Date(), timeZone: TimeZone(identifier: "Europe/Berlin") ?? .current)?.description
        let rankingProjects = facts.map { project -> RankingProject in
            var values: [String: Double] = [:]
            for roundCriterion in criteria {
                let criterion = roundCriterion.criterion
                if criterion.source == .rating {
                    let given = scores[project.id]?[criterion.key].map { $0.values.map(\.score) } ?? []
                    let summary = RatingAggregation.summarize(given, round.aggregationMethod, on: criterion)
                    summaries[project.id, default: [:]][criterion.key] = summary
                    if let value = summary.value { values[criterion.key] = value }
                } else {
                    let profile = DerivedCriterionValue.ProfileFacts(
                        legalObligation: project.legalObligation, legalDeadline: project.legalDeadline,
                        hoursSavedPerYear: project.hoursSavedPerYear, oneOffCents: project.oneOffCents,
                        runningCentsPerYear: project.runningCentsPerYear, dependentCount: dependentCount[project.id] ?? 0, asOf: asOf)
                    if let value = DerivedCriterionValue.value(for: criterion.source, facts: profile) { values[criterion.key] = Double(value) }
                }
            }
            return RankingProject(id: project.id.uuidString, code: project.code, title: project.title, values: values,
                                  legalDeadline: project.legalObligation && project.legalDeadline != nil, urgent: false,
                                  prerequisiteOf: (prerequisiteOf[project.id] ?? []).map(\.uuidString))
        }
        return RoundEvaluation(round: round, criteria: criteria, projects: facts, summaries: summaries, scores: scores,
                               rankingProjects: rankingProjects)
    }

    private static func projectFacts(_ ids: [UUID], on db: any Database) async throws -> [ProjectFacts] {
        var facts: [ProjectFacts] = []
        var runningByProject: [UUID: (sum: Int64, years: Int)] = [:]
        for chunk in ids.chunked(into: 400) {
            let rows = try await Project.query(on: db).filter(\.$id ~~ chunk)
                .field(\.$id).field(\.$code).field(\.$title).field(\.$legalObligation).field(\.$legalDeadline)
                .field(\.$hoursSavedPerYear).field(\.$totalOneOffCents).rows()
            for row in rows {
                let row = row.schema(Project.schema)
                facts.append(ProjectFacts(
                    id: try row.decode("id", as: UUID.self), code: try row.decode("code", as: String.self),
                    title: try row.decode("title", as: String.self), legalObligation: try row.decode("legal_obligation", as: Bool.self),
                    legalDeadline: try row.decode("legal_deadline", as: String?.self),
                    hoursSavedPerYear: try row.decode("hours_saved_per_year", as: Int?.self),
                    oneOffCents: try row.decode("total_one_off_cents", as: Int64.self), runningCentsPerYear: 0))
            }
            // Running costs per year: the mean over the years that have running costs.
            let costs = try await ProjectCost.query(on: db).filter(\.$project.$id ~~ chunk).filter(\.$runningCents > 0)
                .field(\.$project.$id).field(\.$runningCents).rows()
            for row in costs {
                let row = row.schema(ProjectCost.schema)
                let project = try row.decode("project_id", as: UUID.self)
                let entry = runningByProject[project] ?? (0, 0)
                runningByProject[project] = (entry.sum + (try row.decode("running_cents", as: Int64.self)), entry.years + 1)
            }
        }
        for index in facts.indices {
            if let running = runningByProject[facts[index].id], running.years > 0 {
                facts[index].runningCentsPerYear = running.sum / Int64(running.years)
            }
        }
        return facts.sorted { $0.code < $1.code }
    }
}
