import FahrplanCore
import Fluent
import SQLKit
import Vapor

/// Setting prioritization up in the browser: the overview of rounds, the criteria catalog, a round's settings,
/// scope, weights and status, the rater's form and the pairwise comparisons. The results (ranking,
/// sensitivity, scenarios, decisions) are `PrioritizationResultsWebController`'s.
struct PrioritizationSetupWebController {
    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.get(.prioritization(), use: overview)
        CriteriaWebController().register(on: routes)
        RoundSetupWebController().register(on: routes)
        RatingWebController().register(on: routes)
        PairwiseWebController().register(on: routes)
    }

    func overview(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let lang = req.language
        let slug = context.municipality.slug
        let rounds = try await RoundService(db: req.db, context: context).rounds()
        let catalog = try await CriteriaCatalogService(db: req.db, context: context).criteria()
        var rows: [PrioritizationOverviewPage.RoundRow] = []
        for round in rounds {
            let progress = try await RoundProgress.load(round, on: req.db)
            let status = round.roundStatus
            let own = progress.raters.first { $0.userID == context.user.id }
            var ownTask: String?
            var rateURL: String?
            if let own, status != .draft {
                ownTask = own.submittedAt != nil ? req.t("prio.ownSubmitted")
                    : "\(req.t("prio.ownRating")): \(RoundProgress.text(rated: own.rated, needed: progress.needed, lang))"
                if status == .rating && own.submittedAt == nil { rateURL = SiteURL.municipality(slug, .round(.value(round.id), .rate)).path }
            }
            rows.append(.init(
                title: round.title, url: SiteURL.municipality(slug, .round(.value(round.id))).path, statusLabel: SetupDisplay.status(status, lang),
                statusClass: SetupDisplay.statusClass(status), projects: progress.projectCount, raters: progress.raters.count,
                progress: progress.summary(lang), created: SetupDisplay.day(round.createdAt, lang, in: req.municipalCalendar), ownTask: ownTask, rateURL: rateURL))
        }
        let count = catalog.count
        return try await req.view.render("prioritization/overview", PrioritizationOverviewPage(
            chrome: context.chrome(req, title: req.t("prio.title"), section: "prioritization"),
            rounds: rows.isEmpty ? nil : rows,
            newRoundURL: context.permissions.canManagePrioritization ? SiteURL.municipality(slug, .prioritization(.newRound)).path : nil,
            criteriaURL: SiteURL.municipality(slug, .prioritization(.criteria)).path, decisionsURL: SiteURL.municipality(slug, .decisions()).path,
            criteriaSummary: count == 0 ? req.t("prio.catalogEmpty") : "\(count) \(req.t(count == 1 ? "prio.criterion" : "prio.criteriaCount"))",
            notice: nil))
    }
}

/// How far the raters of a round are: per rater the own ratings of projects in scope on rating criteria.
struct RoundProgress {
    struct Rater {
        var userID: UUID
        var name: String
        var rated: Int
        var submittedAt: Date?
    }

    var projectCount: Int
    var ratingCriteria: Int
    var raters: [Rater]

    /// What one rater has to rate: every project in scope on every rating criterion.
    var needed: Int { projectCount * ratingCriteria }

    /// How many scores each rater has given, counted by the database.
    struct Counts: Sendable {
        var projectCount: Int
        var ratingCriteria: Int
        var perRater: [UUID: Int]
    }

    /// `counts`: kept ones (the round page takes them from `RoundResultsCache` while the round's data are unchanged).
    static func load(_ round: PrioritizationRound, on db: any Database, counts known: Counts? = nil) async throws -> RoundProgress {
        let counts: Counts
        if let known { counts = known } else { counts = try await Self.counts(round, on: db) }
        let raters = try await RoundRater.query(on: db).filter(\.$round.$id == round.requireID()).with(\.$user).all()
            .map { Rater(userID: $0.$user.id, name: $0.user.displayName, rated: counts.perRater[$0.$user.id] ?? 0, submittedAt: $0.submittedAt) }
            .sorted { $0.name.localizedCompare($1.name) == .orderedAscending }
        return RoundProgress(projectCount: counts.projectCount, ratingCriteria: counts.ratingCriteria, raters: raters)
    }

    /// Counted in SQL (one row per rater) over the index (round_id, rater_id, project_id, round_criterion_id):
    /// reading and decoding the round's 30,000 score rows for ten numbers was most of the round page's time.
    static func counts(_ round: PrioritizationRound, on db: any Database) async throws -> Counts {
        let roundID = try round.requireID()
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == roundID).all()
        let ratingIDs = criteria.filter { $0.criterion.source == .rating }.compactMap(\.id)
        let projectCount = try await RoundProject.query(on: db).filter(\.$round.$id == roundID).count()
        var perRater: [UUID: Int] = [:]
        if !ratingIDs.isEmpty, let sql = db as? any SQLDatabase {
            // A project taken out of scope keeps its ratings in the table; they do not count.
            let rows = try await sql.raw("""
                SELECT rater_id AS rater, COUNT(*) AS rated FROM ratings
                WHERE round_id = \(bind: roundID) AND round_criterion_id IN (\(binds: ratingIDs))
                  AND project_id IN (SELECT project_id FROM round_projects WHERE round_id = \(bind: roundID))
                GROUP BY rater_id
                """).all()
            for row in rows { perRater[try row.decode(column: "rater", as: UUID.self)] = try row.decode(column: "rated", as: Int.self) }
        }
        return Counts(projectCount: projectCount, ratingCriteria: ratingIDs.count, perRater: perRater)
    }

    /// "2 von 3 Personen haben abgegeben"
    func summary(_ language: Language) -> String {
        guard !raters.isEmpty else { return Strings.text("prio.noRaters", language) }
        let submitted = raters.filter { $0.submittedAt != nil }.count
        return language == .de ? "\(submitted) von \(raters.count) haben abgegeben" : "\(submitted) of \(raters.count) submitted"
    }

    /// "12 von 40 bewertet"
    static func text(rated: Int, needed: Int, _ language: Language) -> String {
        language == .de ? "\(rated) von \(needed) bewertet" : "\(rated) of \(needed) rated"
    }
}
