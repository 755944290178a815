import Foundation

/// A project of a round as it is stored: the profile facts the derived criteria read, what it depends on and
/// its planned running costs per year. Plain values, loaded by the server.
public struct RoundProjectFacts: Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var title: String
    public var legalObligation: Bool
    /// ISO date (YYYY-MM-DD) or nil.
    public var legalDeadline: String?
    /// Hours saved a year by staff, citizens and businesses.
    public var hoursSavedPerYear: Int?
    public var citizenHoursSavedPerYear: Int?
    public var businessHoursSavedPerYear: Int?
    public var oneOffCents: Int64
    /// The running costs of each planned year, in any order; years without running costs may be left out or 0.
    public var runningCentsByYear: [Int64]
    /// The projects this one needs; those outside the round are ignored.
    public var dependsOn: [UUID]

    public init(id: UUID, code: String, title: String = "", legalObligation: Bool = false, legalDeadline: String? = nil,
                hoursSavedPerYear: Int? = nil, citizenHoursSavedPerYear: Int? = nil, businessHoursSavedPerYear: Int? = nil,
                oneOffCents: Int64 = 0, runningCentsByYear: [Int64] = [],
                dependsOn: [UUID] = []) {
        self.id = id; self.code = code; self.title = title; self.legalObligation = legalObligation
        self.legalDeadline = legalDeadline; self.hoursSavedPerYear = hoursSavedPerYear
        self.citizenHoursSavedPerYear = citizenHoursSavedPerYear; self.businessHoursSavedPerYear = businessHoursSavedPerYear
        self.oneOffCents = oneOffCents
        self.runningCentsByYear = runningCentsByYear; self.dependsOn = dependsOn
    }

    /// Running costs per year: the mean over the years that have running costs (whole cents, rounded down), so a
    /// project planned for five years with costs from the third year on is not made cheaper by the first two.
    public var runningCentsPerYear: Int64 {
        let years = runningCentsByYear.filter { $0 > 0 }
        guard !years.isEmpty else { return 0 }
        return years.reduce(0, +) / Int64(years.count)
    }

    /// Has a legal obligation with a deadline: the fact behind the first tier of the ranking.
    public var hasLegalDeadline: Bool { legalObligation && legalDeadline != nil }
}

/// One rater's score on one criterion of one project, as stored.
public struct RoundRating: Sendable, Equatable {
    public var projectID: UUID
    public var criterionKey: String
    public var raterID: UUID
    public var score: Int
    public var justification: String

    public init(projectID: UUID, criterionKey: String, raterID: UUID, score: Int, justification: String = "") {
        self.projectID = projectID; self.criterionKey = criterionKey; self.raterID = raterID
        self.score = score; self.justification = justification
    }
}

/// A rater's score with its justification, for the discussion of disputed scores.
public struct RaterScore: Sendable, Equatable {
    public var score: Int
    public var justification: String

    public init(score: Int, justification: String) {
        self.score = score
        self.justification = justification
    }
}

/// What a round's ranking is computed from: every project in scope with its value per criterion and the facts
/// behind the tier rules, and the raters' scores summarized. Built by `assemble`, ranked by `Ranking.rank`.
public struct RoundRankingInputs: Sendable {
    /// The projects in code order, as loaded.
    public var projects: [RoundProjectFacts]
    /// The same projects, in the same order, as the ranking sees them.
    public var rankingProjects: [RankingProject]
    /// Project → criterion key → rater → score (projects and criteria of the round only).
    public var scores: [UUID: [String: [UUID: RaterScore]]]
    /// Project → criterion key → the raters' scores summarized (every rating criterion, also without scores).
    public var summaries: [UUID: [String: ScoreSummary]]
    /// The round's criteria, in its order: what a project needs a value for.
    public var criterionKeys: [String]

    /// The one place that turns a round's stored facts into the ranking's input:
    ///
    /// - a rating criterion's value is the raters' scores aggregated by the round's method (`RatingAggregation`);
    ///   without scores it is missing, never invented;
    /// - a derived criterion's value comes from the profile (`DerivedCriterionValue`), with legal deadlines
    ///   counted from `openedOn`, the day the round opened (the server passes today while it is being set up),
    ///   so that the values do not drift while raters work; running costs are the mean over the years that have
    ///   them; the number of dependents counts the projects of the round that need the project;
    /// - a project that others of the round need is their prerequisite (`RankingProject.prerequisiteOf`): with
    ///   the round's rule `inheritUrgency` it inherits their tier;
    /// - a legal obligation with a deadline puts a project into the first tier (with `legalDeadlineFirst`).
    ///
    /// Ratings of projects or criteria outside the round are ignored.
    ///
    /// `economics` are the municipality's settings the cost-benefit criterion reads: the hourly rates of staff,
    /// citizens and businesses and the horizon (`EconomicSettings`), by default Fahrplan's.
    public static func assemble(projects: [RoundProjectFacts], criteria: [Criterion], ratings: [RoundRating],
                                aggregation: Aggregation, openedOn: CalendarDay?,
                                economics: EconomicSettings = .defaults) -> RoundRankingInputs {
        let projects = projects.sorted { $0.code < $1.code }
        let inScope = Set(projects.map(\.id))
        let keys = Set(criteria.map(\.key))

        var prerequisiteOf: [UUID: [UUID]] = [:]
        for project in projects {
            for needed in project.dependsOn where inScope.contains(needed) {
                prerequisiteOf[needed, default: []].append(project.id)
            }
        }

        var scores: [UUID: [String: [UUID: RaterScore]]] = [:]
        for rating in ratings where inScope.contains(rating.projectID) && keys.contains(rating.criterionKey) {
            scores[rating.projectID, default: [:]][rating.criterionKey, default: [:]][rating.raterID] =
                RaterScore(score: rating.score, justification: rating.justification)
        }

        var summaries: [UUID: [String: ScoreSummary]] = [:]
        let asOf = openedOn?.description
        let rankingProjects = projects.map { project -> RankingProject in
            let prerequisites = prerequisiteOf[project.id] ?? []
            var profile: DerivedCriterionValue.ProfileFacts?
            var values: [String: Double] = [:]
            for criterion in criteria {
                if criterion.source == .rating {
                    let given = scores[project.id]?[criterion.key].map { $0.values.map(\.score) } ?? []
                    let summary = RatingAggregation.summarize(given, aggregation, on: criterion)
                    summaries[project.id, default: [:]][criterion.key] = summary
                    if let value = summary.value { values[criterion.key] = value }
                } else {
                    let facts = profile ?? DerivedCriterionValue.ProfileFacts(
                        legalObligation: project.legalObligation, legalDeadline: project.legalDeadline,
                        hoursSavedPerYear: project.hoursSavedPerYear, citizenHoursSavedPerYear: project.citizenHoursSavedPerYear,
                        businessHoursSavedPerYear: project.businessHoursSavedPerYear, oneOffCents: project.oneOffCents,
                        runningCentsPerYear: project.runningCentsPerYear, dependentCount: prerequisites.count, asOf: asOf)
                    profile = facts
                    if let value = DerivedCriterionValue.value(for: criterion.source, facts: facts, economics: economics) { values[criterion.key] = Double(value) }
                }
            }
            return RankingProject(id: project.id.uuidString, code: project.code, title: project.title, values: values,
                                  legalDeadline: project.hasLegalDeadline, urgent: false,
                                  prerequisiteOf: prerequisites.map(\.uuidString))
        }
        return RoundRankingInputs(projects: projects, rankingProjects: rankingProjects, scores: scores, summaries: summaries,
                                  criterionKeys: criteria.map(\.key))
    }
}
