import FahrplanCore
import Fluent
import Vapor

/// The results of prioritization in the browser: a round's ranking (official or provisional) with its
/// explanation, a project's scores in detail, the sensitivity of the ranking, event scenarios, and the
/// decision log. The pages are split by topic into the extensions in Ranking-, Sensitivity-, Scenario- and
/// DecisionWebController.swift.
struct PrioritizationResultsWebController {
    func register(on municipality: any RoutesBuilder) {
        let round = municipality.grouped("prioritization", "rounds", ":round")
        round.get("ranking", use: ranking)
        round.get("ranking", "export", use: rankingExport)
        round.post("ranking", "override", use: override)
        round.get("projects", ":project", use: roundProject)
        round.get("sensitivity", use: sensitivity)
        round.get("scenarios", use: scenarios)
        round.get("scenarios", "new", use: newScenario)
        round.post("scenarios", use: createScenario)
        round.get("scenarios", ":scenario", use: scenario)
        round.get("scenarios", ":scenario", "edit", use: editScenario)
        round.post("scenarios", ":scenario", use: updateScenario)
        round.post("scenarios", ":scenario", "adopt", use: adoptScenario)
        round.post("scenarios", ":scenario", "archive", use: archiveScenario)

        let decisions = municipality.grouped("decisions")
        decisions.get(use: decisionLog)
        decisions.get("export", use: decisionExport)
        decisions.post(use: recordDecision)
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
            (.ranking, req.t("results.tab.ranking"), ResultsPath.ranking(slug, roundID)),
            (.sensitivity, req.t("results.tab.sensitivity"), ResultsPath.sensitivity(slug, roundID)),
            (.scenarios, req.t("results.tab.scenarios"), ResultsPath.scenarios(slug, roundID)),
        ]
        return RoundHeader(title: round.title, statusLabel: req.t("results.status.\(round.roundStatus.rawValue)"),
                           status: round.roundStatus.rawValue, roundURL: SitePath.round(slug, roundID),
                           overviewURL: SitePath.prioritization(slug),
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
