import FahrplanCore
import Fluent
import SQLKit
import Vapor

/// Builds the rater's page: the projects of the round in pages of `pageSize` (optionally only those not yet fully
/// rated), each a group of one select per rating criterion, the scales' anchors once above them, the criteria
/// derived from the profile read-only with their reason. Only the signed-in rater's own scores are read.
///
/// At size (500 projects × 6 criteria × 10 raters) the page reads no more than it shows: the counts and the page's
/// projects come from indexed queries (the "unrated only" filter is a condition of the query, migration 033), the
/// own scores of the shown projects only, the derived values from the round's profile evaluation (no score read);
/// the rendered projects are kept per round stamp, rater, page and filter (`RoundResultsCache.fragment`). Before,
/// every request decoded the rater's ~1,800 scores and the 500 projects as models and rendered 140 KB.
struct RatingPageBuilder {
    var req: Request
    var context: MunicipalityContext
    var round: PrioritizationRound
    var entry: RoundRater

    static let pageSize = 10

    /// The page's figures and rendered projects, the same for every request until the round's data change.
    struct Listing: Sendable {
        var total: Int
        var open: Int
        var rated: Int
        var page: Int
        var pageCount: Int
        var html: String?
    }

    struct ShownProject: Sendable {
        var id: UUID
        var code: String
        var title: String
        var summary: String?
        var done: Int
    }

    func page(filter rawFilter: String?, page requested: Int?, notice: String?, typed: [RatingInput]?, problems: [FieldProblem]) async throws -> RatingPage {
        let lang = req.language
        let slug = context.municipality.slug
        let link = { (page: MunicipalityPage.RoundPage) in SiteURL.municipality(slug, .round(.value(round.id), page)).path }
        let status = round.roundStatus
        let editable = status == .rating && entry.submittedAt == nil
        let cache = req.application.roundResultsCache
        let roundCriteria = try await RoundService.criteria(of: round, on: req.db)
        let stamp = try await cache.stamp(round, context: context, criteria: roundCriteria, on: req.db)
        let criteria = roundCriteria.map(\.criterion)
        let rated = criteria.filter { $0.source == .rating }
        let filter = rawFilter == "open" ? "open" : "all"
        let requestedPage = max(1, requested ?? 1)

        // What was typed (after a refused save) wins over what is stored, cell by cell; such a page is not kept.
        var typedCells: [String: RatingInput] = [:]
        for input in typed ?? [] { typedCells["\(input.projectID)|\(input.criterionKey)"] = input }
        let names = Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        var labels: [String: String] = [:]
        var cellOfField: [String: String] = [:]
        var cellErrors: [String: String] = [:]
        let listing: Listing
        if typed == nil && problems.isEmpty {
            let builder = self
            let key = "rate|\(context.user.id)|\(filter)|\(requestedPage)|\(lang.rawValue)|\(editable)"
            listing = try await cache.fragment(stamp, key) {
                try await builder.listing(roundCriteria, filter: filter, page: requestedPage, editable: editable, typed: [:], errors: [:])
            }
        } else {
            let (shown, counts) = try await projects(roundCriteria, filter: filter, page: requestedPage)
            let codes = Dictionary(shown.map { ($0.id.uuidString, $0.code) }, uniquingKeysWith: { a, _ in a })
            for (index, input) in (typed ?? []).enumerated() {
                let label = "\(codes[input.projectID] ?? input.projectID) – \(names[input.criterionKey] ?? input.criterionKey)"
                for part in ["", ".score", ".justification", ".projectID", ".criterionKey"] {
                    labels["ratings[\(index)]\(part)"] = label + (part == ".justification" ? " (\(req.t("field.justification")))" : "")
                }
                cellOfField["ratings[\(index)].score"] = "\(input.projectID)|\(input.criterionKey)|score"
                cellOfField["ratings[\(index)].justification"] = "\(input.projectID)|\(input.criterionKey)|justification"
            }
            let (_, byField) = req.problemLines(problems, labels: labels)
            for (field, message) in byField { if let cell = cellOfField[field] { cellErrors[cell] = message } }
            listing = try await self.listing(roundCriteria, filter: filter, page: requestedPage, editable: editable,
                                             typed: typedCells, errors: cellErrors, known: (shown, counts))
        }
        let (lines, _) = req.problemLines(problems, labels: labels)

        func url(_ filter: String, _ page: Int) -> String {
            var query: [String] = []
            if filter == "open" { query.append("filter=open") }
            if page > 1 { query.append("page=\(page)") }
            return link(.rate) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }
        let page = listing.page, pageCount = listing.pageCount
        var readOnlyNote: String?
        switch status {
        case .draft: readOnlyNote = req.t("prio.rateNotOpen")
        case .closed: readOnlyNote = req.t("prio.rateClosed")
        case .rating:
            if let submitted = entry.submittedAt { readOnlyNote = "\(req.t("prio.rateSubmitted")) \(SetupDisplay.day(submitted, lang, in: req.municipalCalendar))." }
        }
        let title = "\(req.t("prio.rate")): \(round.title)"
        return RatingPage(
            chrome: context.chrome(req, title: title, section: "prioritization"),
            overviewURL: SiteURL.municipality(context.municipality.slug, .prioritization()).path,
            roundURL: link(.show), roundTitle: round.title, heading: title, notice: notice, problems: lines,
            readOnlyNote: readOnlyNote, editable: editable,
            progressText: RoundProgress.text(rated: listing.rated, needed: listing.total * rated.count, lang),
            action: link(.rate), submitURL: editable ? link(.rateSubmit) : nil,
            resultsURL: entry.submittedAt != nil || status == .closed ? link(.ranking) : nil,
            page: page, filter: filter,
            filters: [
                .init(label: "\(req.t("prio.filterAll")) (\(listing.total))", url: url("all", 1), current: filter == "all"),
                .init(label: "\(req.t("prio.filterOpen")) (\(listing.open))", url: url("open", 1), current: filter == "open"),
            ],
            pageText: pageCount > 1 ? (lang == .de ? "Seite \(page) von \(pageCount)" : "Page \(page) of \(pageCount)") : nil,
            previousURL: page > 1 ? url(filter, page - 1) : nil,
            nextURL: page < pageCount ? url(filter, page + 1) : nil,
            scales: rated.isEmpty ? nil : rated.map {
                RatingPage.Scale(key: $0.key, name: $0.name, descriptionHTML: $0.description.isEmpty ? nil : SafeMarkdown.html($0.description),
                                 direction: SetupDisplay.direction($0.direction, lang), levels: $0.levels.map(LevelView.init))
            },
            projectsHTML: listing.html)
    }

    struct Counts: Sendable {
        var total: Int
        var open: Int
        var rated: Int
    }

    /// The figures and the rendered projects of one page.
    private func listing(_ roundCriteria: [RoundCriterion], filter: String, page requested: Int, editable: Bool,
                         typed: [String: RatingInput], errors: [String: String],
                         known: ([ShownProject], Counts)? = nil) async throws -> Listing {
        let lang = req.language
        let slug = context.municipality.slug
        let criteria = roundCriteria.map(\.criterion)
        let rated = criteria.filter { $0.source == .rating }
        let derived = criteria.filter { $0.source != .rating }
        let (shown, counts): ([ShownProject], Counts)
        if let known { (shown, counts) = known } else { (shown, counts) = try await projects(roundCriteria, filter: filter, page: requested) }
        let listed = filter == "open" ? counts.open : counts.total
        let pageCount = max(1, (listed + Self.pageSize - 1) / Self.pageSize)
        let page = min(requested, pageCount)
        let own = try await ownScores(roundCriteria, projects: shown.map(\.id))
        let reasons = derived.isEmpty || shown.isEmpty ? [:] : try await derivedValues(derived, lang, projects: Set(shown.map(\.id)))

        let blocks = shown.map { project -> RatingPage.ProjectBlock in
            let id = project.id.uuidString
            let cells = rated.map { criterion -> RatingPage.Cell in
                let stored = own[project.id]?[criterion.key]
                let typedCell = typed["\(id)|\(criterion.key)"]
                let score = typedCell.map { $0.score ?? "" } ?? stored.map { String($0.score) } ?? ""
                let level = Int(score).flatMap(criterion.level)
                return RatingPage.Cell(
                    fieldID: "r-\(id)-\(criterion.key)", projectID: id, key: criterion.key, name: criterion.name,
                    options: [Option(value: "", label: req.t("prio.notRated"), selected: score.isEmpty)]
                        + criterion.levels.map { Option(value: String($0.value), label: "\($0.value) – \($0.label)", selected: String($0.value) == score) },
                    justification: typedCell.map { $0.justification ?? "" } ?? stored?.justification ?? "",
                    scoreError: errors["\(id)|\(criterion.key)|score"], justificationError: errors["\(id)|\(criterion.key)|justification"],
                    scoreText: level.map { "\($0.value) – \($0.label)" })
            }
            let done = cells.filter { $0.scoreText != nil }.count
            let derivedCells = derived.map { criterion in
                RatingPage.Derived(name: criterion.name, value: reasons[id]?[criterion.key]?.value ?? "–",
                                   why: reasons[id]?[criterion.key]?.why ?? "")
            }
            return RatingPage.ProjectBlock(
                id: id, code: project.code, title: project.title, summary: project.summary?.isEmpty == false ? project.summary : nil,
                url: SiteURL.municipality(slug, .project(.value(project.id))).path,
                stateText: lang == .de ? "\(done) von \(rated.count) Kriterien bewertet" : "\(done) of \(rated.count) criteria rated",
                cells: cells, derived: derivedCells.isEmpty ? nil : derivedCells)
        }
        var html: String?
        if !blocks.isEmpty {
            let view = try await req.view.render("prioritization/rate-projects", RatingPage.Projects(chrome: FragmentChrome(lang: lang.rawValue), editable: editable, projects: blocks))
            html = String(buffer: view.data)
        }
        return Listing(total: counts.total, open: counts.open, rated: counts.rated, page: page, pageCount: pageCount, html: html)
    }

    /// The counts (projects in scope, those not fully rated by this rater, the rater's scores in scope) and the
    /// projects of the page in code order, in two queries. A project's "done" is the number of the rater's scores on
    /// rating criteria, counted over the index (round_id, rater_id, project_id, round_criterion_id).
    func projects(_ roundCriteria: [RoundCriterion], filter: String, page requested: Int) async throws -> ([ShownProject], Counts) {
        guard let sql = req.db as? any SQLDatabase else { return ([], Counts(total: 0, open: 0, rated: 0)) }
        let roundID = try round.requireID()
        let raterID = context.user.id
        let ratingIDs = roundCriteria.filter { $0.criterion.source == .rating }.compactMap(\.id)
        let needed = ratingIDs.count
        let done: SQLQueryString = ratingIDs.isEmpty ? "0" : """
            (SELECT COUNT(*) FROM ratings r WHERE r.round_id = rp.round_id AND r.rater_id = \(bind: raterID)
               AND r.project_id = rp.project_id AND r.round_criterion_id IN (\(binds: ratingIDs)))
            """
        let countRow = try await sql.raw("""
            SELECT COUNT(*) AS total, CAST(COALESCE(SUM(CASE WHEN done < \(unsafeRaw: String(needed)) THEN 1 ELSE 0 END), 0) AS BIGINT) AS open,
                   CAST(COALESCE(SUM(done), 0) AS BIGINT) AS rated
            FROM (SELECT \(done) AS done FROM round_projects rp WHERE rp.round_id = \(bind: roundID)) counted
            """).first()
        let counts = Counts(total: try countRow?.decode(column: "total", as: Int.self) ?? 0,
                            open: try countRow?.decode(column: "open", as: Int.self) ?? 0,
                            rated: try countRow?.decode(column: "rated", as: Int.self) ?? 0)
        let listed = filter == "open" ? counts.open : counts.total
        let pageCount = max(1, (listed + Self.pageSize - 1) / Self.pageSize)
        let offset = (min(requested, pageCount) - 1) * Self.pageSize
        // Code order as Swift compares strings: byte order, not the database's locale.
        let byCode: SQLQueryString = sql.dialect.name == "postgresql" ? "p.code COLLATE \"C\"" : "p.code"
        let openOnly: SQLQueryString = filter == "open" ? "AND \(done) < \(unsafeRaw: String(needed))" : ""
        let rows = try await sql.raw("""
            SELECT p.id AS id, p.code AS code, p.title AS title, p.summary AS summary, \(done) AS done
            FROM round_projects rp JOIN projects p ON p.id = rp.project_id
            WHERE rp.round_id = \(bind: roundID) \(openOnly)
            ORDER BY \(byCode), p.id LIMIT \(unsafeRaw: String(Self.pageSize)) OFFSET \(unsafeRaw: String(offset))
            """).all()
        let shown = try rows.map { row in
            ShownProject(id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
                         title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String?.self),
                         done: try row.decode(column: "done", as: Int.self))
        }
        return (shown, counts)
    }

    struct OwnScore: Sendable {
        var score: Int
        var justification: String
    }

    /// The rater's own scores of the given projects: project → criterion key → score.
    private func ownScores(_ roundCriteria: [RoundCriterion], projects: [UUID]) async throws -> [UUID: [String: OwnScore]] {
        guard !projects.isEmpty else { return [:] }
        let keys = Dictionary(roundCriteria.compactMap { c in c.id.map { ($0, c.key) } }, uniquingKeysWith: { a, _ in a })
        let rows = try await Rating.query(on: req.db).filter(\.$round.$id == round.requireID()).filter(\.$rater.$id == context.user.id)
            .filter(\.$project.$id ~~ projects).field(\.$project.$id).field(\.$criterion.$id).field(\.$score).field(\.$justification).rows()
        var result: [UUID: [String: OwnScore]] = [:]
        for row in rows {
            let row = row.schema(Rating.schema)
            guard let key = keys[try row.decode("round_criterion_id", as: UUID.self)] else { continue }
            result[try row.decode("project_id", as: UUID.self), default: [:]][key] =
                OwnScore(score: try row.decode("score", as: Int.self), justification: try row.decode("justification", as: String.self))
        }
        return result
    }

    /// The profile-derived values of the round's projects with the reason in words. Reads the evaluation's
    /// profile facts and derived values only — never the aggregated scores of the rating criteria.
    private func derivedValues(_ criteria: [Criterion], _ lang: Language, projects shown: Set<UUID>) async throws -> [String: [String: (value: String, why: String)]] {
        // The round's evaluation without scores (`RoundResultsCache.profileEvaluation`): a saved score does not make
        // it stale, so a rater's next page does not wait for 30,000 scores to be read again.
        let evaluation = try await req.application.roundResultsCache.profileEvaluation(round, context: context, on: req.db)
        let de = lang == .de
        var result: [String: [String: (value: String, why: String)]] = [:]
        for (facts, project) in zip(evaluation.projects, evaluation.rankingProjects) where shown.contains(facts.id) {
            for criterion in criteria {
                let value = project.values[criterion.key].map { Int($0.rounded()) }
                let valueText = value.map { v in criterion.level(v).map { "\(v) – \($0.label)" } ?? "\(v)" } ?? "–"
                let why: String
                switch criterion.source {
                case .legalObligation:
                    if !facts.legalObligation { why = de ? "Im Steckbrief ist keine Rechtspflicht angegeben." : "The profile names no legal obligation." }
                    else if let deadline = facts.legalDeadline {
                        let day = PortfolioDisplay.day(deadline, lang) ?? deadline
                        why = de ? "Rechtspflicht mit Frist \(day) (Steckbrief)." : "Legal obligation with deadline \(day) (profile)."
                    } else { why = de ? "Rechtspflicht ohne Frist (Steckbrief)." : "Legal obligation without deadline (profile)." }
                case .costBenefit:
                    let profile = DerivedCriterionValue.ProfileFacts(
                        hoursSavedPerYear: facts.hoursSavedPerYear, citizenHoursSavedPerYear: facts.citizenHoursSavedPerYear,
                        businessHoursSavedPerYear: facts.businessHoursSavedPerYear, oneOffCents: facts.oneOffCents,
                        runningCentsPerYear: facts.runningCentsPerYear)
                    if profile.hoursSaved.isKnown {
                        let economics = evaluation.economics
                        let costs = PortfolioDisplay.euros(facts.oneOffCents, lang), running = PortfolioDisplay.euros(facts.runningCentsPerYear, lang)
                        // Only the groups the profile names, each with its rate: "900 Std. Verwaltung à 60 €, 2.500 Std. Bürger à 25 €".
                        let groups = [(facts.hoursSavedPerYear, economics.staffHourlyRateCents, de ? "Verwaltung" : "staff"),
                                      (facts.citizenHoursSavedPerYear, economics.citizenHourlyRateCents, de ? "Bürger" : "citizens"),
                                      (facts.businessHoursSavedPerYear, economics.businessHourlyRateCents, de ? "Unternehmen" : "businesses")]
                            .compactMap { hours, rate, who in hours.map { de ? "\($0) Std. \(who) à \(PortfolioDisplay.euros(rate, lang))"
                                                                          : "\($0) hours \(who) at \(PortfolioDisplay.euros(rate, lang))" } }
                            .joined(separator: ", ")
                        let ratio = DerivedCriterionValue.costBenefitRatio(profile, economics: economics).map { $0.isInfinite ? "∞" : SetupDisplay.number($0, decimals: 2, lang) } ?? "–"
                        why = de ? "\(groups) pro Jahr eingespart gegen \(costs) einmalig und \(running) laufend pro Jahr, über \(economics.horizonYears) Jahre: Verhältnis \(ratio)."
                                 : "\(groups) saved a year against \(costs) one-off and \(running) running a year, over \(economics.horizonYears) years: ratio \(ratio)."
                    } else {
                        why = de ? "Der Steckbrief nennt keine eingesparten Stunden – kein Wert, es wird nichts erfunden." : "The profile gives no hours saved – no value; nothing is invented."
                    }
                case .dependents:
                    let count = project.prerequisiteOf.count
                    why = de ? "\(count) Projekt(e) der Runde bauen darauf auf." : "\(count) project(s) of the round build on it."
                case .rating:
                    why = ""
                }
                result[facts.id.uuidString, default: [:]][criterion.key] = (valueText, why)
            }
        }
        return result
    }
}
