import FahrplanCore
import Fluent
import Vapor

/// The results of prioritization in the browser: a round's ranking (official or provisional) with its
/// explanation, a project's scores in detail, the sensitivity of the ranking, event scenarios, and the
/// decision log. The pages are split by topic into the extensions in Ranking-, Sensitivity-, Scenario- and
/// DecisionWebController.swift.
struct PrioritizationResultsWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.round(.key, .ranking), use: ranking)
        pages.get(.round(.key, .rankingExport), use: rankingExport)
        pages.post(.round(.key, .rankingOverride), use: override)
        pages.get(.roundProject(round: .key, project: .key), use: roundProject)
        pages.get(.round(.key, .sensitivity), use: sensitivity)
        pages.get(.round(.key, .scenarios), use: scenarios)
        pages.get(.round(.key, .newScenario), use: newScenario)
        pages.post(.round(.key, .scenarios), use: createScenario)
        pages.get(.scenario(round: .key, .key), use: scenario)
        pages.get(.scenario(round: .key, .key, .edit), use: editScenario)
        pages.post(.scenario(round: .key, .key), use: updateScenario)
        pages.post(.scenario(round: .key, .key, .adopt), use: adoptScenario)
        pages.post(.scenario(round: .key, .key, .archive), use: archiveScenario)

        pages.get(.decisions(), use: decisionLog)
        pages.get(.decisions(.export), use: decisionExport)
        pages.post(.decisions(), use: recordDecision)
    }
}

/// What every result page of a round starts from: the tenant, the round (404 when it is not this
/// municipality's), and whether this person may see the results yet.
struct ResultsScope {
    var req: Request
    var context: MunicipalityContext
    var round: PrioritizationRound

    var slug: String { context.municipality.slug }
    var language: Language { req.language }
    var english: Bool { req.language == .en }
    var roundID: UUID? { round.id }

    static func load(_ req: Request) async throws -> ResultsScope {
        let context = try await req.municipalityContext()
        let round = try await RoundService(db: req.db, context: context).round(req.parameters.get("round"))
        return ResultsScope(req: req, context: context, round: round)
    }

    enum Tab: String { case ranking, sensitivity, scenarios }

    func header(_ current: Tab?) -> RoundHeader {
        let tabs: [(Tab, String, String)] = [
            (.ranking, req.t("results.tab.ranking"), SiteURL.municipality(slug, .round(.value(roundID), .ranking)).path),
            (.sensitivity, req.t("results.tab.sensitivity"), SiteURL.municipality(slug, .round(.value(roundID), .sensitivity)).path),
            (.scenarios, req.t("results.tab.scenarios"), SiteURL.municipality(slug, .round(.value(roundID), .scenarios)).path),
        ]
        return RoundHeader(title: round.title, statusLabel: req.t("results.status.\(round.roundStatus.rawValue)"),
                           status: round.roundStatus.rawValue, roundURL: SiteURL.municipality(slug, .round(.value(roundID))).path,
                           overviewURL: SiteURL.municipality(slug, .prioritization()).path,
                           tabs: tabs.map { .init(label: $0.1, url: $0.2, current: $0.0 == current) })
    }

    func chrome(_ title: String) -> Chrome {
        context.chrome(req, title: "\(title): \(round.title)", section: "prioritization")
    }

    /// nil when the results are visible; otherwise the 403 page that says why (a rater who has not handed in
    /// sees nobody else's scores, so that nobody anchors on them).
    func hiddenResponse(_ tab: Tab?) async throws -> Response? {
        let ratings = RatingService(db: req.db, context: context)
        if try await ratings.maySeeResults(round) { return nil }
        let entry = try await ratings.raterEntry(round)
        let reason = entry != nil && entry?.submittedAt == nil ? req.t("results.hidden.unsubmitted") : req.t("results.hidden.notAllowed")
        let page = ResultsHiddenPage(chrome: chrome(req.t("results.hidden.title")), header: header(tab), reason: reason)
        return try await req.view.render("prioritization/round-ranking-hidden", page).response(.forbidden, for: req)
    }

    func aggregationLabel() -> String { req.t("results.aggregation.\(round.aggregationMethod.rawValue)") }
}

extension ResultsScope {
    /// Problem lines with criterion names instead of `weights.citizenBenefit`-style field names.
    func problemLines(_ problems: [FieldProblem], names: [String: String]) -> ([ProblemLine]?, [String: String]) {
        var (lines, byField) = req.problemLines(problems)
        byField = byField.filter { !$0.key.hasPrefix("weights.") }
        if var changed = lines {
            for (index, problem) in problems.enumerated() {
                guard let key = problem.field.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init),
                      problem.field.hasPrefix("weights.") else { continue }
                changed[index].field = "\(req.t("results.weightOf")) \(names[key] ?? key)"
            }
            lines = changed
        }
        return (lines, byField)
    }
}
