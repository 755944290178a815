import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing
import Vapor

/// Prioritization's part of the tenant-isolation walk (TenantIsolationTests): the criterion, rounds and
/// scenarios that `:criterion`, `:round` and `:scenario` routes are pointed at, the forms that would change
/// them, and the prioritization rows of the snapshot that must not change.
struct WalkPrioritization {
    /// A criterion of the catalog.
    var criterionID: UUID
    /// Rounds in each state, all with the walk's main project in scope; routes pick theirs in `round(for:)`.
    var draftRoundID: UUID
    var ratingRoundID: UUID
    /// Closed, with its official ranking (version 1): ranking, override, sensitivity and scenarios use it.
    var closedRoundID: UUID
    /// Scenarios of the closed round: one read and changed, one adopted, one archived — adopting or
    /// archiving ends a scenario's changes, so each of those routes gets its own.
    var scenarioID: UUID
    var scenarioToAdopt: UUID
    var scenarioToArchive: UUID
    /// The catalog criterion's key, the rounds' criterion keys and a rated one among them, and the rater the
    /// rounds were made with: what the set-up forms post.
    var criterionKey: String
    var roundKeys: [String]
    var ratingKey: String
    var raterID: UUID

    var all: [UUID] { [criterionID, draftRoundID, ratingRoundID, closedRoundID, scenarioID, scenarioToAdopt, scenarioToArchive] }

    /// Which round a route works on. The result pages need the closed round; set-up and API routes that need a
    /// round in another state (editing a draft, opening it, rating in the open round) are to be routed here.
    func round(for path: [PathComponent]) -> UUID {
        let names = path.map(\.description)
        // The set-up pages (/m/:municipality/prioritization/rounds/:round…): settings, scope and weights change the
        // draft, which is then opened and closed (the walk follows the order of registration); rating and
        // comparing happen in the open round.
        if names.count >= 5, names[0] == "m", names[2] == "prioritization", names[3] == "rounds" {
            switch Array(names.dropFirst(5)) {
            case [], ["scope"], ["weights"], ["open"], ["close"]: return draftRoundID
            case ["rate"], ["rate", "submit"], ["ahp"], ["ahp", "adopt"]: return ratingRoundID
            default: break
            }
        }
        return closedRoundID
    }

    func scenario(for path: [PathComponent]) -> UUID {
        switch path.last?.description {
        case "adopt": return scenarioToAdopt
        case "archive": return scenarioToArchive
        default: return scenarioID
        }
    }

    /// The default catalog, a draft, an open and a closed round over `project` rated by `raterID`, and three
    /// scenarios of the closed round; every title ends in `suffix`.
    static func create(context: MunicipalityContext, project: UUID, raterID: UUID, suffix: String, on db: any Database) async throws -> WalkPrioritization {
        let catalog = try await PrioritizationFixtures.catalog(context, on: db)
        let criterion = try #require(catalog.first)
        func round(_ title: String, _ stage: PrioritizationFixtures.Stage, raters: [UUID]) async throws -> PrioritizationRound {
            try await PrioritizationFixtures.round("\(title) \(suffix)", stage: stage, projects: [project], raters: raters, context: context, on: db)
        }
        // The walker (the context's person) rates only in the open round: in the others an unsubmitted rater
        // would not see the results.
        let closed = try await round("Walk-Runde abgeschlossen", .closed, raters: [raterID])
        let draft = try await round("Walk-Runde Entwurf", .draft, raters: [raterID])
        let rating = try await round("Walk-Runde Bewertung", .rating, raters: Array(Set([raterID, context.user.id])))
        // The installation administrator reads every municipality's pages (by design): as a rater of the open
        // round the rating form answers them too. Not a member, so set directly, not through the service.
        if let admin = try await User.query(on: db).filter(\.$email == DemoLoader.adminEmail).first() {
            try await RoundRater(municipalityID: context.municipalityID, roundID: try rating.requireID(), userID: try admin.requireID()).create(on: db)
        }
        let keys = try await RoundService(db: db, context: context).criteria(of: draft).map(\.criterion)
        return WalkPrioritization(
            criterionID: try criterion.requireID(),
            draftRoundID: try draft.requireID(),
            ratingRoundID: try rating.requireID(),
            closedRoundID: try closed.requireID(),
            scenarioID: try await PrioritizationFixtures.scenario("Walk-Szenario \(suffix)", round: closed, context: context, on: db),
            scenarioToAdopt: try await PrioritizationFixtures.scenario("Walk-Szenario zum Übernehmen \(suffix)", round: closed, context: context, on: db),
            scenarioToArchive: try await PrioritizationFixtures.scenario("Walk-Szenario zum Archivieren \(suffix)", round: closed, context: context, on: db),
            criterionKey: criterion.key, roundKeys: keys.map(\.key),
            ratingKey: try #require(keys.first { $0.source == .rating }?.key), raterID: raterID)
    }
}

extension RouteWalk {
    /// Web forms of the prioritization routes (`/m/:municipality/prioritization/…` and `/m/:municipality/decisions`);
    /// nil for other routes.
    static func prioritizationForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard segments.first == "m", segments.count > 2 else { return nil }
        let decision = [("decidedBy", "Übernommen"), ("rationale", "Von der Nachbargemeinde beschlossen.")]
        if segments.count == 3, segments[2] == "decisions" {
            return [("projectID", target.projects.main.uuidString), ("decisionKind", "deferProject")] + decision
        }
        guard segments[2] == "prioritization" else { return nil }
        if let setup = prioritizationSetupForm(Array(segments.dropFirst(3)), target.prioritization, project: target.projects.main) { return setup }
        guard segments.count > 5, segments[3] == "rounds" else { return nil }
        switch Array(segments.dropFirst(5)) {
        case ["ranking", "override"]: return [("projectID", target.projects.main.uuidString), ("decidedRank", "1")] + decision
        case ["scenarios"], ["scenarios", ":scenario"]: return [("name", "Übernommenes Szenario"), ("weights[citizenBenefit]", "30")]
        case ["scenarios", ":scenario", "adopt"]: return decision
        default: return nil
        }
    }
}

extension RouteWalk {
    /// Forms of the set-up pages (catalog, round settings, scope, weights, status, rating, comparisons) after
    /// `/m/:municipality/prioritization`; nil for the result pages.
    static func prioritizationSetupForm(_ rest: [String], _ walk: WalkPrioritization, project: UUID) -> [(String, String)]? {
        let levels = [("0", "keine"), ("1", "etwas"), ("2", "viel")].flatMap {
            [("levelValue[]", $0.0), ("levelLabel[]", $0.1), ("levelDescription[]", "Übernommen: \($0.1)")]
        }
        let decision = [("decidedBy", "Übernommen"), ("rationale", "Von der Nachbargemeinde beschlossen.")]
        switch rest {
        case ["criteria"]: return [("key", "walkUebernommen"), ("name", "Übernommenes Kriterium"), ("source", "rating")] + levels
        case ["criteria", ":criterion"]: return [("key", walk.criterionKey), ("name", "Übernommenes Kriterium"), ("source", "rating")] + levels
        case ["rounds"]: return [("title", "Übernommene Runde"), ("projectIDs[]", project.uuidString), ("raterIDs[]", walk.raterID.uuidString)]
        case ["rounds", ":round"]: return [("title", "Übernommene Runde"), ("aggregation", "median"), ("topN", "3")]
        case ["rounds", ":round", "scope"]: return [("projectIDs[]", project.uuidString), ("raterIDs[]", walk.raterID.uuidString)]
        case ["rounds", ":round", "weights"]: return walk.roundKeys.map { ("weights[\($0)]", "10") }
        case ["rounds", ":round", "close"]: return [("missingPolicy", "rankWithAvailable")] + decision
        case ["rounds", ":round", "rate"]:
            return [("projectID[]", project.uuidString), ("criterionKey[]", walk.ratingKey), ("score[]", "2"), ("justification[]", "Übernommen")]
        case ["rounds", ":round", "ahp"]:
            return PrioritizationFixtures.allPairs(walk.roundKeys, value: "1").flatMap { [("a[]", $0.a), ("b[]", $0.b), ("value[]", $0.value)] }
        case ["criteria", "defaults"], ["rounds", ":round", "open"], ["rounds", ":round", "rate", "submit"], ["rounds", ":round", "ahp", "adopt"]: return []
        default: return nil
        }
    }
}

extension TenantSnapshot {
    /// A municipality's criteria, rounds (with their criteria, scope, raters, ratings and comparisons),
    /// scenarios, official rankings and decisions, for `take`.
    static func prioritizationLines(_ municipalityID: UUID, on db: any Database) async throws -> (lines: [String], ids: Set<UUID>) {
        func d(_ date: Date?) -> String { date.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "nil" }
        func s(_ value: Any?) -> String { value.map { "\($0)" } ?? "nil" }
        var lines: [String] = []
        var ids: Set<UUID> = []
        for c in try await CatalogCriterion.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("criterion \(s(c.id)) key=\(c.key) name=\(c.name) weight=\(c.defaultWeight) levels=\(c.levels) archived=\(d(c.archivedAt)) updated=\(d(c.updatedAt))")
            if let id = c.id { ids.insert(id) }
        }
        for r in try await PrioritizationRound.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("round \(s(r.id)) title=\(r.title) status=\(r.status) topN=\(r.topN) seed=\(r.seed) closed=\(d(r.closedAt)) archived=\(d(r.archivedAt)) updated=\(d(r.updatedAt))")
            if let id = r.id { ids.insert(id) }
        }
        for c in try await RoundCriterion.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("round criterion \(s(c.id)) round=\(c.$round.id) key=\(c.key) weight=\(c.weight)")
        }
        for p in try await RoundProject.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("round project \(s(p.id)) round=\(p.$round.id) project=\(p.$project.id)")
        }
        for r in try await RoundRater.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("round rater \(s(r.id)) round=\(r.$round.id) user=\(r.$user.id) submitted=\(d(r.submittedAt))")
        }
        for r in try await Rating.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("rating \(s(r.id)) project=\(r.$project.id) criterion=\(r.$criterion.id) rater=\(r.$rater.id) score=\(r.score) justification=\(r.justification)")
        }
        for c in try await PairwiseComparison.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("comparison \(s(c.id)) participant=\(c.$participant.id) a=\(c.$criterionA.id) b=\(c.$criterionB.id) value=\(c.value)")
        }
        for c in try await PrioritizationScenario.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("scenario \(s(c.id)) round=\(c.$round.id) name=\(c.name) changes=\(c.changes) adopted=\(d(c.adoptedAt)) archived=\(d(c.archivedAt)) updated=\(d(c.updatedAt))")
            if let id = c.id { ids.insert(id) }
        }
        for v in try await RankingVersion.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("ranking version \(s(v.id)) round=\(v.$round.id) version=\(v.version) scenario=\(s(v.$scenario.id)) weights=\(v.weights)")
        }
        for e in try await RankingEntry.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("ranking entry \(s(e.id)) version=\(e.$version.id) project=\(e.$project.id) computed=\(e.computedRank) decided=\(s(e.decidedRank)) total=\(e.total)")
        }
        for x in try await Decision.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("decision \(s(x.id)) kind=\(x.kind) round=\(s(x.$round.id)) project=\(s(x.$project.id)) by=\(x.decidedBy) on=\(x.decidedOn) rationale=\(x.rationale)")
            if let id = x.id { ids.insert(id) }
        }
        return (lines, ids)
    }

    /// Prioritization rows that point at a round, project or scenario of another municipality.
    static func prioritizationCrossReferences(on db: any Database) async throws -> [String] {
        var found: [String] = []
        let rounds = try await PrioritizationRound.query(on: db).all()
        let roundOwner = Dictionary(rounds.compactMap { r in r.id.map { ($0, r.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        let projects = try await Project.query(on: db).field(\.$id).field(\.$municipality.$id).all()
        let projectOwner = Dictionary(projects.compactMap { p in p.id.map { ($0, p.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        for p in try await RoundProject.query(on: db).all()
        where roundOwner[p.$round.id] != p.$municipality.id || projectOwner[p.$project.id] != p.$municipality.id {
            found.append("round project \(p.$round.id) → \(p.$project.id) crosses municipalities")
        }
        for s in try await PrioritizationScenario.query(on: db).all() where roundOwner[s.$round.id] != s.$municipality.id {
            found.append("scenario \(s.name) belongs to a round of another municipality")
        }
        for x in try await Decision.query(on: db).all() {
            if let round = x.$round.id, roundOwner[round] != x.$municipality.id { found.append("decision \(x.summary) names a round of another municipality") }
            if let project = x.$project.id, projectOwner[project] != x.$municipality.id { found.append("decision \(x.summary) names a project of another municipality") }
        }
        return found
    }
}
