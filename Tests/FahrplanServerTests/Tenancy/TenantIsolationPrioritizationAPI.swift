import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing
import Vapor

/// The prioritization API's part of the tenant-isolation walk (TenantIsolationTests), beside the web's
/// `WalkPrioritization`: which of the walk's rounds an `/api/v1/rounds/:round…` route works on, the rounds only
/// the API needs (opening and closing change a round for good, so those routes get their own), the project a
/// decision is recorded for, and the JSON bodies that would change the target's data.
struct WalkPrioritizationAPI {
    /// A draft round for `POST …/open`.
    var roundToOpen: UUID
    /// An open round for `POST …/close`.
    var roundToClose: UUID
    /// Deferred by `POST /api/v1/projects/:project/decisions` (an idea, in no round).
    var decisionProject: UUID
    /// A member who may rate (for the scope's body).
    var raterID: UUID
    /// The keys of the rounds' criteria (all from the same catalog), in the rounds' order.
    var criterionKeys: [String]

    var all: [UUID] { [roundToOpen, roundToClose, decisionProject] }

    /// The round of an API route: results on the closed round; settings, scope and weights on the draft; ratings
    /// and comparisons on the open round the walker rates in; opening and closing on rounds of their own.
    func round(for path: [PathComponent], shared: WalkPrioritization) -> UUID {
        let segments = path.map(\.description)
        guard let index = segments.firstIndex(of: ":round") else { return shared.closedRoundID }
        let rest = Array(segments.dropFirst(index + 1))
        switch rest.first {
        case "open": return roundToOpen
        case "close": return roundToClose
        case "ratings", "comparisons", "ahp": return shared.ratingRoundID
        case "scope", "weights": return shared.draftRoundID
        case nil: return shared.draftRoundID
        default: return shared.closedRoundID
        }
    }

    /// The project of `/api/v1/projects/:project/decisions`; nil for every other route.
    func project(for path: [PathComponent]) -> UUID? {
        RouteWalk.isAPI(path) && path.last?.description == "decisions" ? decisionProject : nil
    }

    /// `shared`'s rounds already exist; this adds the API's own: a draft and an open round over `project`
    /// rated by `raterID`, and an idea to decide on.
    static func create(context: MunicipalityContext, shared: WalkPrioritization, project: UUID, departmentID: UUID, raterID: UUID,
                       suffix: String, on db: any Database) async throws -> WalkPrioritizationAPI {
        func round(_ title: String, _ stage: PrioritizationFixtures.Stage) async throws -> PrioritizationRound {
            try await PrioritizationFixtures.round("\(title) \(suffix)", stage: stage, projects: [project], raters: [raterID], context: context, on: db)
        }
        let toOpen = try await round("API-Runde zum Öffnen", .draft)
        let toClose = try await round("API-Runde zum Abschließen", .rating)
        let decided = try await PrioritizationFixtures.projects(["API-Entscheidung"], suffix: suffix, departmentID: departmentID, context: context, on: db)
        let keys = try await RoundService(db: db, context: context).criteria(of: toOpen).map(\.key)
        return WalkPrioritizationAPI(roundToOpen: try toOpen.requireID(), roundToClose: try toClose.requireID(), decisionProject: decided[0],
                                     raterID: raterID, criterionKeys: keys)
    }
}

extension RouteWalk {
    /// JSON bodies of the prioritization API that are accepted on the target's own rows; nil for other routes.
    static func prioritizationJSON(segments: [String], target: WalkTarget) -> [String: Any]? {
        guard segments.count > 2, segments[0] == "api" else { return nil }
        let api = target.prioritizationAPI
        let decision: [String: Any] = ["decidedBy": "Übernommen", "rationale": "Von der Nachbargemeinde beschlossen."]
        let project = target.projects.main.uuidString
        let key = api.criterionKeys.contains("citizenBenefit") ? "citizenBenefit" : api.criterionKeys.first ?? "citizenBenefit"
        switch Array(segments.dropFirst(2)) {
        case ["criteria"]:
            return ["key": "walk\(Int.random(in: 1000...9999))", "name": "Übernommenes Kriterium",
                    "levels": [["value": 0, "label": "nein"], ["value": 1, "label": "ja"]]]
        case ["criteria", ":criterion"]: return ["name": "Übernommen von Musterstadt"]
        case ["rounds"]:
            return ["title": "Übernommene Runde", "projectIds": [project], "raterIds": [target.userID.uuidString]]
        case ["rounds", ":round"]: return ["title": "Übernommen von Musterstadt"]
        case ["rounds", ":round", "scope"]: return ["projectIds": [project], "raterIds": [api.raterID.uuidString]]
        case ["rounds", ":round", "weights"]: return ["weights": [key: 25]]
        case ["rounds", ":round", "close"]: return decision.merging(["missingPolicy": "rankWithAvailable"]) { a, _ in a }
        case ["rounds", ":round", "ratings", "mine"]:
            return ["ratings": [["projectId": project, "criterionKey": key, "score": 2, "justification": "Übernommen"]]]
        case ["rounds", ":round", "comparisons", "mine"]: return ["comparisons": PairwiseJSON.pairs(api.criterionKeys, value: 1)]
        case ["rounds", ":round", "overrides"]: return decision.merging(["projectId": project, "decidedRank": 1]) { a, _ in a }
        case ["rounds", ":round", "scenarios"]: return ["name": "Übernommenes Szenario", "changes": ["weights": [key: 30]]]
        case ["rounds", ":round", "scenarios", ":scenario"]: return ["name": "Übernommen von Musterstadt"]
        case ["rounds", ":round", "scenarios", ":scenario", "adopt"]: return decision
        case ["projects", ":project", "decisions"]: return decision.merging(["kind": "deferProject"]) { a, _ in a }
        default: return nil
        }
    }
}
