import FahrplanCore
import Fluent
import Vapor

/// Builds the rater's page: the projects of the round in pages of ten (optionally only those not yet fully
/// rated), each a group of one select per rating criterion with the scale's anchors at hand, the criteria
/// derived from the profile read-only with their reason. Only the signed-in rater's own scores are read.
struct RatingPageBuilder {
    var req: Request
    var context: MunicipalityContext
    var round: PrioritizationRound
    var entry: RoundRater

    static let pageSize = 10

    func page(filter rawFilter: String?, page requested: Int?, notice: String?, typed: [RatingInput]?, problems: [FieldProblem]) async throws -> RatingPage {
        let lang = req.language
        let slug = context.municipality.slug
        let link = { (page: MunicipalityPage.RoundPage) in SiteURL.municipality(slug, .round(.value(round.id), page)).path }
        let status = round.roundStatus
        let editable = status == .rating && entry.submittedAt == nil
        let criteria = try await RoundService(db: req.db, context: context).criteria(of: round).map(\.criterion)
        let rated = criteria.filter { $0.source == .rating }
        let derived = criteria.filter { $0.source != .rating }
        let own = try await RatingService(db: req.db, context: context).ownRatings(round)
        let projects = try await scopeProjects()

        // What was typed (after a refused save) wins over what is stored, cell by cell.
        var typedCells: [String: RatingInput] = [:]
        for input in typed ?? [] { typedCells["\(input.projectID)|\(input.criterionKey)"] = input }
        var labels: [String: String] = [:]
        var cellOfField: [String: String] = [:]
        let codes = Dictionary(projects.map { ($0.id?.uuidString ?? "", $0.code) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        for (index, input) in (typed ?? []).enumerated() {
            let label = "\(codes[input.projectID] ?? input.projectID) – \(names[input.criterionKey] ?? input.criterionKey)"
            for part in ["", ".score", ".justification", ".projectID", ".criterionKey"] {
                labels["ratings[\(index)]\(part)"] = label + (part == ".justification" ? " (\(req.t("field.justification")))" : "")
            }
            cellOfField["ratings[\(index)].score"] = "\(input.projectID)|\(input.criterionKey)|score"
            cellOfField["ratings[\(index)].justification"] = "\(input.projectID)|\(input.criterionKey)|justification"
        }
        let (lines, byField) = req.problemLines(problems, labels: labels)
        var cellErrors: [String: String] = [:]
        for (field, message) in byField { if let cell = cellOfField[field] { cellErrors[cell] = message } }

        func isComplete(_ project: Project) -> Bool {
            guard let id = project.id else { return true }
            return rated.allSatisfy { own[id]?[$0.key] != nil }
        }
        let filter = rawFilter == "open" ? "open" : "all"
        let openCount = projects.filter { !isComplete($0) }.count
        let shown = filter == "open" ? projects.filter { !isComplete($0) } : projects
        let pageCount = max(1, (shown.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, requested ?? 1), pageCount)
        let slice = Array(shown.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize))
        let reasons = derived.isEmpty ? [:] : try await derivedValues(derived, lang)

        func url(_ filter: String, _ page: Int) -> String {
            var query: [String] = []
            if filter == "open" { query.append("filter=open") }
            if page > 1 { query.append("page=\(page)") }
            return link(.rate) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }

        let blocks = slice.map { project -> RatingPage.ProjectBlock in
            let id = project.id?.uuidString ?? ""
            let cells = rated.map { criterion -> RatingPage.Cell in
                let stored = project.id.flatMap { own[$0]?[criterion.key] }
                let typedCell = typedCells["\(id)|\(criterion.key)"]
                let score = typedCell.map { $0.score ?? "" } ?? stored.map { String($0.score) } ?? ""
                let level = Int(score).flatMap(criterion.level)
                return RatingPage.Cell(
                    fieldID: "r-\(id)-\(criterion.key)", projectID: id, key: criterion.key, name: criterion.name,
                    options: [Option(value: "", label: req.t("prio.notRated"), selected: score.isEmpty)]
                        + criterion.levels.map { Option(value: String($0.value), label: "\($0.value) – \($0.label)", selected: String($0.value) == score) },
                    justification: typedCell.map { $0.justification ?? "" } ?? stored?.justification ?? "",
                    scoreError: cellErrors["\(id)|\(criterion.key)|score"], justificationError: cellErrors["\(id)|\(criterion.key)|justification"],
                    scoreText: level.map { "\($0.value) – \($0.label)" }, levels: criterion.levels.map(LevelView.init))
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

        let ratedCount = projects.reduce(0) { sum, project in
            guard let id = project.id else { return sum }
            return sum + rated.filter { own[id]?[$0.key] != nil }.count
        }
        let needed = projects.count * rated.count
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
            progressText: RoundProgress.text(rated: ratedCount, needed: needed, lang),
            action: link(.rate), submitURL: editable ? link(.rateSubmit) : nil,
            resultsURL: entry.submittedAt != nil || status == .closed ? link(.ranking) : nil,
            page: page, filter: filter,
            filters: [
                .init(label: "\(req.t("prio.filterAll")) (\(projects.count))", url: url("all", 1), current: filter == "all"),
                .init(label: "\(req.t("prio.filterOpen")) (\(openCount))", url: url("open", 1), current: filter == "open"),
            ],
            pageText: pageCount > 1 ? (lang == .de ? "Seite \(page) von \(pageCount)" : "Page \(page) of \(pageCount)") : nil,
            previousURL: page > 1 ? url(filter, page - 1) : nil,
            nextURL: page < pageCount ? url(filter, page + 1) : nil,
            scales: rated.isEmpty ? nil : rated.map {
                RatingPage.Scale(key: $0.key, name: $0.name, descriptionHTML: $0.description.isEmpty ? nil : SafeMarkdown.html($0.description),
                                 direction: SetupDisplay.direction($0.direction, lang), levels: $0.levels.map(LevelView.init))
            },
            projects: blocks.isEmpty ? nil : blocks)
    }

    private func scopeProjects() async throws -> [Project] {
        let ids = try await RoundService(db: req.db, context: context).projectIDs(of: round)
        var projects: [Project] = []
        for chunk in ids.chunked(into: 400) {
            projects += try await Project.query(on: req.db).filter(\.$id ~~ chunk)
                .field(\.$id).field(\.$code).field(\.$title).field(\.$summary).all()
        }
        return projects.sorted { $0.code < $1.code }
    }

    /// The profile-derived values of the round's projects with the reason in words. Reads the evaluation's
    /// profile facts and derived values only — never the aggregated scores of the rating criteria.
    private func derivedValues(_ criteria: [Criterion], _ lang: Language) async throws -> [String: [String: (value: String, why: String)]] {
        // The round's kept evaluation (`RoundResultsCache`): reading every rater's scores to show a page of ten
        // projects' profile figures was most of the page's time.
        let (evaluation, _) = try await req.application.roundResultsCache.evaluation(round, context: context, on: req.db)
        let de = lang == .de
        var result: [String: [String: (value: String, why: String)]] = [:]
        for (facts, project) in zip(evaluation.projects, evaluation.rankingProjects) {
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
