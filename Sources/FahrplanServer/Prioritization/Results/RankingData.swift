import FahrplanCore
import Fluent
import Foundation

/// A round's ranking as the pages show it: the official one (a stored version, never recomputed) once the
/// round is closed, the provisional one computed from the ratings before that.
struct RankingData {
    struct Line: Sendable {
        var id: UUID
        var code: String
        var title: String
        var computedRank: Int
        var decidedRank: Int?
        var total: Double
        var tier: RankingTier
        /// Known for a stored entry only when today's computation gives the same position and total.
        var tierReason: TierReason?
        var contributions: [String: Double]
        var explanation: String?
        var missing: [String]
    }

    var evaluation: RoundEvaluation
    /// The round's data the figures were computed from (the key of what pages keep of them).
    var stamp: RoundDataStamp
    var versions: [RankingVersion]
    /// The version shown; nil for a provisional ranking.
    var version: RankingVersion?
    /// The scenario the shown version was adopted from.
    var scenario: PrioritizationScenario?
    var lines: [Line]
    /// Criterion key → name, including a criterion a scenario added; in the round's order.
    var criteria: [(key: String, name: String)]
    /// Why the provisional ranking cannot be computed (e.g. weights that sum to 0).
    var problems: [FieldProblem] = []

    var names: [String: String] { Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a }) }
    var isOfficial: Bool { version != nil }

    /// `versionNumber`: an older official version (`?version=N`); unknown numbers are 404.
    static func load(_ scope: ResultsScope, versionNumber: Int? = nil) async throws -> RankingData {
        let db = scope.req.db
        let round = scope.round
        // The evaluation and the lines come from the round's cache while its data are unchanged (`RoundDataStamp`).
        let cache = scope.req.application.roundResultsCache
        let (evaluation, stamp) = try await cache.evaluation(round, context: scope.context, on: db)
        let english = scope.english
        let versions = try await RankingVersion.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$version).all()
        // Built only when lines are computed (500 entries on every request before).
        let codes = { @Sendable in Dictionary(evaluation.projects.map { ($0.id.uuidString, $0.code) }, uniquingKeysWith: { a, _ in a }) }
        var criteria = evaluation.criteria.map { (key: $0.key, name: $0.name) }

        guard round.roundStatus == .closed, let latest = versions.last else {
            if versionNumber != nil { throw FahrplanError.notFound }
            var data = RankingData(evaluation: evaluation, stamp: stamp, versions: versions, version: nil, scenario: nil, lines: [], criteria: criteria)
            let names = data.names
            let outcome = try await cache.value(stamp, "provisional|\(english)") { () -> ProvisionalOutcome in
                do {
                    let ranked = try evaluation.ranking(policy: .rankWithAvailable)
                    return .lines(Self.lines(ranked, names: names, codes: codes(), english: english))
                } catch let failure as ValidationFailure {
                    return .problems(failure.problems)
                }
            }
            switch outcome {
            case .lines(let lines): data.lines = lines
            case .problems(let problems): data.problems = problems
            }
            return data
        }

        let version: RankingVersion
        if let versionNumber {
            guard let chosen = versions.first(where: { $0.version == versionNumber }) else { throw FahrplanError.notFound }
            version = chosen
        } else {
            version = latest
        }
        let scenario = try await version.$scenario.get(on: db)
        if let changes = scenario?.scenarioChanges { criteria = changes.criterionNames(round: criteria) }
        let shownCriteria = criteria
        let entries = try await RankingEntry.query(on: db).filter(\.$version.$id == version.requireID()).sort(\.$computedRank).all()
        let changes = scenario?.scenarioChanges
        // The stored version's lines, worded once per version and language (the stamp holds the decisions, so an
        // override shows at once).
        let lines = try await cache.value(stamp, "version|\(try version.requireID())|\(english)") { () -> [Line] in
            storedLines(entries, evaluation: evaluation, changes: changes, criteria: shownCriteria, codes: codes(), english: english)
        }
        return RankingData(evaluation: evaluation, stamp: stamp, versions: versions, version: version, scenario: scenario, lines: lines, criteria: criteria)
    }

    enum ProvisionalOutcome: Sendable {
        case lines([Line])
        case problems([FieldProblem])
    }

    private static func storedLines(_ entries: [RankingEntry], evaluation: RoundEvaluation, changes: ScenarioChanges?,
                                    criteria: [(key: String, name: String)], codes: [String: String], english: Bool) -> [Line] {
        let names = Dictionary(criteria.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Recomputed only to say the tier's reason and the explanation in the reader's language; the figures
        // shown are the stored ones.
        let recomputed = (try? evaluation.ranking(changes: changes)) ?? []
        let recomputedByID = Dictionary(recomputed.enumerated().map { ($0.element.id, ($0.offset, $0.element)) }, uniquingKeysWith: { a, _ in a })
        // A closed round's scope does not change, so the evaluation already holds every entry's project.
        let labels = Dictionary(evaluation.projects.map { ($0.id, (code: $0.code, title: $0.title)) }, uniquingKeysWith: { a, _ in a })
        return entries.map { entry -> Line in
            let id = entry.$project.id
            let contributions = JSONText.decode([String: Double].self, entry.contributions) ?? [:]
            var line = Line(id: id, code: labels[id]?.code ?? "?", title: labels[id]?.title ?? "", computedRank: entry.computedRank,
                            decidedRank: entry.decidedRank == entry.computedRank ? nil : entry.decidedRank, total: entry.total,
                            tier: RankingTier(rawValue: entry.tier) ?? .regular, tierReason: nil, contributions: contributions,
                            explanation: entry.explanation.isEmpty ? nil : entry.explanation,
                            missing: criteria.map(\.key).filter { contributions[$0] == nil })
            if let match = recomputedByID[id.uuidString], match.1.rank == entry.computedRank, abs(match.1.total - entry.total) < 1e-6 {
                let (index, ranked) = match
                line.tierReason = ranked.tierReason
                line.missing = ranked.missing
                let next = index + 1 < recomputed.count ? recomputed[index + 1].code : ""
                if let text = ranked.explanation?.text(english: english, names: names, nextCode: next, codes: codes) { line.explanation = text }
            }
            return line
        }
    }

    static func lines(_ ranked: [RankedProject], names: [String: String], codes: [String: String], english: Bool) -> [Line] {
        ranked.enumerated().compactMap { index, project in
            guard let id = UUID(uuidString: project.id) else { return nil }
            let next = index + 1 < ranked.count ? ranked[index + 1].code : ""
            return Line(id: id, code: project.code, title: project.title, computedRank: project.rank, decidedRank: nil,
                        total: project.total, tier: project.tier, tierReason: project.tierReason, contributions: project.contributions,
                        explanation: project.explanation?.text(english: english, names: names, nextCode: next, codes: codes),
                        missing: project.missing)
        }
    }

    /// Shown in the order decided: a project set to position 1 by hand stands first, with its computed rank beside it.
    var orderedLines: [Line] {
        lines.sorted { a, b in
            DecidedOrder.precedes(computed: a.computedRank, decided: a.decidedRank, computed: b.computedRank, decided: b.decidedRank)
        }
    }
}

/// Words for a ranking: tiers with their reasons, decision kinds, movements between two rankings.
enum RankingWords {
    static func tierClass(_ tier: RankingTier) -> String { "tier tier-\(tier.rawValue)" }

    static func tierReason(_ reason: TierReason?, deadline: String?, scenarioName: String?, codes: [String: String],
                           _ language: Language) -> String? {
        let de = language == .de
        switch reason {
        case nil:
            return nil
        case .legalDeadline:
            let day = deadline.map { ResultsFormat.day($0, language) }
            if de { return "Gesetzliche Pflicht mit Frist" + (day.map { " bis \($0)" } ?? "") }
            return "Legal obligation with a deadline" + (day.map { " (\($0))" } ?? "")
        case .markedUrgent:
            if de { return "Als dringlich markiert" + (scenarioName.map { " (Szenario „\($0)“)" } ?? "") }
            return "Marked urgent" + (scenarioName.map { " (scenario “\($0)”)" } ?? "")
        case .inherited(let from, let tier):
            let source = codes[from] ?? (de ? "ein Projekt" : "a project")
            let tierName = tier.label(english: !de)
            return de ? "Erbt die Stufe „\(tierName)“ von \(source), das darauf aufbaut"
                      : "Inherits the tier “\(tierName)” from \(source), which depends on it"
        }
    }

    static func kind(_ kind: DecisionKind, _ language: Language) -> String { Strings.text("results.kind.\(kind.rawValue)", language) }

    static func movementReason(_ reason: MovementReason, names: [String: String], _ language: Language) -> String {
        let de = language == .de
        switch reason {
        case .becameUrgent:
            return de ? "als dringlich markiert" : "marked urgent"
        case .tierChanged(let from, let to):
            return de ? "Stufe „\(from.label(english: false))“ → „\(to.label(english: false))“"
                      : "tier “\(from.label(english: true))” → “\(to.label(english: true))”"
        case .criterion(let key, let points):
            let amount = ResultsFormat.signedPoints(points, language)
            return de ? "\(names[key] ?? key) \(amount) Punkte" : "\(names[key] ?? key) \(amount) points"
        }
    }

    /// "3 Plätze nach oben", "1 place down", "unverändert".
    static func movement(_ delta: Int, before: Int?, after: Int?, _ language: Language) -> String {
        let de = language == .de
        if before == nil { return de ? "neu in der Reihung" : "new in the ranking" }
        if after == nil { return de ? "nicht mehr gereiht" : "no longer ranked" }
        if delta == 0 { return de ? "unverändert" : "unchanged" }
        let count = abs(delta)
        if de { return "\(count) \(count == 1 ? "Platz" : "Plätze") nach \(delta > 0 ? "oben" : "unten")" }
        return "\(count) \(count == 1 ? "place" : "places") \(delta > 0 ? "up" : "down")"
    }

    static func arrow(_ delta: Int) -> String { delta > 0 ? "↑" : delta < 0 ? "↓" : "=" }
}
