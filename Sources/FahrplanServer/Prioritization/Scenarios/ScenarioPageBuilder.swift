import FahrplanCore
import Fluent
import Vapor

/// The scenario page: what the event changes, and the ranking before and after side by side with who moves
/// up or down, by how much and why.
struct ScenarioPageBuilder {
    var scope: ResultsScope

    func page(_ scenario: PrioritizationScenario, decision: DecisionFormValues, problems: [FieldProblem]) async throws -> View {
        let req = scope.req
        let lang = scope.language
        let slug = scope.slug
        let permissions = scope.context.permissions
        let official = try await DecisionService(db: req.db, context: scope.context).officialVersion(scope.round)
        var rows: [ScenarioPage.Row] = []
        var compareProblem: String?
        var changeLines: [String] = []
        do {
            let comparison = try await ScenarioService(db: req.db, context: scope.context).compare(scenario, round: scope.round)
            var names = comparison.evaluation.criterionNames
            for added in scenario.scenarioChanges.addedCriteria { names[added.criterion.key] = added.criterion.name }
            changeLines = ScenarioWords(scope: scope).lines(scenario.scenarioChanges, evaluation: comparison.evaluation)
            func row(id: String, code: String, title: String, before: Int?, after: Int?, delta: Int, reasons: [MovementReason]) -> ScenarioPage.Row {
                let direction = delta > 0 ? "up" : delta < 0 ? "down" : "same"
                let words = reasons.map { RankingWords.movementReason($0, names: names, lang) }
                return ScenarioPage.Row(
                    code: code, title: title, url: UUID(uuidString: id).map { SiteURL.municipality(slug, .roundProject(round: .value(scope.roundID), project: .value($0))).path } ?? "",
                    before: before.map(String.init) ?? "–", after: after.map(String.init) ?? "–",
                    arrow: RankingWords.arrow(delta), direction: "movement movement-\(direction)",
                    movement: RankingWords.movement(delta, before: before, after: after, lang),
                    reasons: words.isEmpty ? nil : words.joined(separator: "; "))
            }
            let compared = Set(comparison.movements.map(\.id))
            rows = comparison.movements.map {
                row(id: $0.id, code: $0.code, title: $0.title, before: $0.before, after: $0.after, delta: $0.delta, reasons: $0.reasons)
            }
            // Projects that only the ranking before had come last.
            rows += comparison.before.filter { !compared.contains($0.id) }.map {
                row(id: $0.id, code: $0.code, title: $0.title, before: $0.rank, after: nil, delta: 0, reasons: [])
            }
        } catch let failure as ValidationFailure {
            compareProblem = failure.problems.map { Strings.problem($0, lang) }.joined(separator: " ")
        }

        let link = { (page: MunicipalityPage.ScenarioPage) in SiteURL.municipality(slug, .scenario(round: .value(scope.roundID), .value(scenario.id), page)).path }
        let active = scenario.archivedAt == nil
        let canManage = permissions.canManagePrioritization
        let (lines, byField) = req.problemLines(problems)
        let beforeLabel = official.map { version in
            lang == .de ? "Offizielle Reihung (Version \(version.version))" : "Official ranking (version \(version.version))"
        } ?? req.t("results.provisionalRanking")
        let page = ScenarioPage(
            chrome: scope.chrome(scenario.name), header: scope.header(.scenarios),
            name: scenario.name, description: scenario.description.isEmpty ? nil : scenario.description,
            createdBy: scenario.createdByName, adoptedAt: scenario.adoptedAt.map { req.formatted($0) },
            archived: !active, beforeLabel: beforeLabel,
            changes: changeLines.isEmpty ? nil : changeLines,
            rows: rows.isEmpty ? nil : rows, compareProblem: compareProblem,
            listURL: SiteURL.municipality(slug, .round(.value(scope.roundID), .scenarios)).path,
            editURL: canManage && active && scenario.adoptedAt == nil ? link(.edit) : nil,
            archiveURL: canManage && active ? link(.archive) : nil,
            adoptURL: canManage && active && scope.round.roundStatus == .closed && compareProblem == nil ? link(.adopt) : nil,
            hasTools: canManage && active,
            decision: decision, problems: lines, fieldErrors: byField)
        return try await req.view.render("prioritization/scenario", page)
    }
}

/// What a scenario changes, in words.
struct ScenarioWords {
    var scope: ResultsScope

    /// "2 Gewichte, 1 dringliches Projekt, 1 neues Kriterium"
    func counts(_ changes: ScenarioChanges) -> String {
        let de = scope.language == .de
        var parts: [String] = []
        let weights = changes.weights.count, urgent = changes.urgentProjectIDs.count, added = changes.addedCriteria.count
        if weights > 0 { parts.append(de ? "\(weights) \(weights == 1 ? "Gewicht" : "Gewichte") geändert" : "\(weights) \(weights == 1 ? "weight" : "weights") changed") }
        if urgent > 0 { parts.append(de ? "\(urgent) \(urgent == 1 ? "Projekt" : "Projekte") dringlich" : "\(urgent) \(urgent == 1 ? "project" : "projects") urgent") }
        if added > 0 { parts.append(de ? "\(added) \(added == 1 ? "neues Kriterium" : "neue Kriterien")" : "\(added) new \(added == 1 ? "criterion" : "criteria")") }
        return parts.isEmpty ? (de ? "keine Änderungen" : "no changes") : parts.joined(separator: ", ")
    }

    func lines(_ changes: ScenarioChanges, evaluation: RoundEvaluation) -> [String] {
        let de = scope.language == .de
        let codes = Dictionary(evaluation.projects.map { ($0.id.uuidString, $0.code) }, uniquingKeysWith: { a, _ in a })
        func projectList(_ ids: [String]) -> String {
            let list = ids.compactMap { codes[$0] }.sorted()
            return list.isEmpty ? (de ? "keine Projekte" : "no projects") : list.joined(separator: ", ")
        }
        var lines: [String] = []
        for criterion in evaluation.criteria {
            guard let weight = changes.weights[criterion.key], weight != criterion.weight else { continue }
            let before = ResultsFormat.weightInput(criterion.weight), after = ResultsFormat.weightInput(weight)
            lines.append(de ? "Gewicht \(criterion.name): \(before) → \(after) Punkte" : "Weight \(criterion.name): \(before) → \(after) points")
        }
        if !changes.urgentProjectIDs.isEmpty {
            lines.append((de ? "Als dringlich markiert: " : "Marked urgent: ") + projectList(changes.urgentProjectIDs))
        }
        for added in changes.addedCriteria {
            let meeting = added.values.filter { $0.value > 0 }.map(\.key)
            let weight = ResultsFormat.weightInput(added.weight)
            lines.append(de ? "Neues Kriterium „\(added.criterion.name)“ (\(added.criterion.key), Gewicht \(weight)), erfüllt von: \(projectList(meeting))"
                            : "New criterion “\(added.criterion.name)” (\(added.criterion.key), weight \(weight)), met by: \(projectList(meeting))")
        }
        return lines
    }
}

struct ScenarioPage: Encodable {
    var chrome: Chrome
    var header: RoundHeader
    var name: String
    var description: String?
    var createdBy: String?
    var adoptedAt: String?
    var archived: Bool
    var beforeLabel: String
    var changes: [String]?
    var rows: [Row]?
    var compareProblem: String?
    var listURL: String
    var editURL: String?
    var archiveURL: String?
    var adoptURL: String?
    var hasTools: Bool
    var decision: DecisionFormValues
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]

    struct Row: Encodable {
        var code: String
        var title: String
        var url: String
        var before: String
        var after: String
        var arrow: String
        var direction: String
        var movement: String
        var reasons: String?
    }
}
