import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The prioritization's part of the OpenAPI conformance tests: a whole journey through every operation (for
/// `everyOperationSucceeds`), ids for the path parameters of the other conformance tests, and the bodies
/// `badRequests` sends.
enum PrioritizationAPIExercise {
    static let criteria = "/api/v1/criteria"
    static let criterion = "/api/v1/criteria/{criterion}"
    static let rounds = "/api/v1/rounds"
    static let round = "/api/v1/rounds/{round}"
    static let scenarios = round + "/scenarios"
    static let scenario = scenarios + "/{scenario}"
    static let decisions = "/api/v1/decisions"
    static let projectDecisions = "/api/v1/projects/{project}/decisions"

    /// What the journey created, for tests that look closer.
    struct Journey {
        var roundID: String
        var scenarioID: String
        /// Wohngeld (legal deadline), Bürgerkonto, E-Akte (needs the Bürgerkonto), Chatbot.
        var projects: [String]
        var keys: [String]
    }

    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        _ = try await journey(api, team: token, server: server)
    }

    /// Defaults → round → weights → open → ratings by two raters → AHP → close (422 with missing ratings, then
    /// with a policy) → ranking → sensitivity → scenario → comparison → adopt → override → decisions and CSV.
    static func journey(_ api: APIConformance, team: String, server: TestServer) async throws -> Journey {
        // A rater of its own: the conformance run makes the demo's rater a reader on the way.
        let member = try await api.call(.POST, "/api/v1/members", token: team,
                                        json: ["email": "prio-api@musterstadt.example", "displayName": "Paula Prüfer", "role": "rater"], expect: .created)
        // Adding a person is an invitation; the person becomes a member by accepting it.
        let link = try InvitationTests.path(of: try member.value()["invitation"]?["url"]?.string)
        try await #expect(InvitationTests.accept(link, new: "Paula-Pruefer-Fahrplan-2026", in: server.client()).status == .seeOther)
        let raterID = try await PrioritizationFixtures.userID("prio-api@musterstadt.example", on: server.db).uuidString
        let rater = try await Fixtures.token(for: "prio-api@musterstadt.example", on: server)
        let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
        let leadID = try await PrioritizationFixtures.userID(Fixtures.departmentLead, on: server.db).uuidString
        let unit = try await PortfolioFixtures.department("33", on: server).requireID().uuidString

        // The catalog
        let defaults = try await api.call(.POST, criteria + "/defaults", token: team, expect: .ok)
        let catalog = try defaults.value()["items"]?.array ?? []
        #expect(catalog.count >= 9)
        func catalogID(_ key: String) -> String { catalog.first { $0["key"]?.string == key }?["id"]?.string ?? "missing" }
        try await api.call(.GET, criteria, token: team, expect: .ok)
        try await api.call(.GET, criteria, query: "includeArchived=true", token: team, expect: .ok)
        let created = try await api.call(.POST, criteria, token: team, json: [
            "key": "openData", "name": "Offene Daten", "description": "Stellt das Vorhaben Daten offen bereit?",
            "levels": [["value": 0, "label": "keine", "description": "Keine Daten."], ["value": 1, "label": "teilweise"],
                       ["value": 2, "label": "vollständig", "description": "Alle Daten maschinenlesbar."]],
            "defaultWeight": 5,
        ], expect: .created)
        let customID = try #require(try created.value()["id"]?.string)
        #expect(created.location == "/api/v1/criteria/\(customID)")
        try await api.call(.GET, criterion, ["criterion": customID], token: team, expect: .ok)
        let patched = try await api.call(.PATCH, criterion, ["criterion": customID], token: team,
                                         json: ["name": "Offene Daten (Open Data)", "defaultWeight": 7.5], expect: .ok)
        #expect(try patched.value()["defaultWeight"] == .number(7.5))
        #expect(try patched.value()["levels"]?.array?.count == 3)
        let archived = try await api.call(.POST, criterion + "/archive", ["criterion": customID], token: team, expect: .ok)
        #expect(try archived.value()["archived"] == .bool(true))
        try await api.call(.POST, criterion + "/restore", ["criterion": customID], token: team, expect: .ok)

        // Projects for the round, through the portfolio API
        func project(_ title: String, _ extra: [String: Any] = [:]) async throws -> String {
            let response = try await api.call(.POST, ProjectAPIExercise.collection, token: team,
                                              json: ProjectAPIExercise.profile(title: title, unit: unit, extra: extra), expect: .created)
            return try #require(try response.value()["id"]?.string)
        }
        let wohngeld = try await project("Prio-API Wohngeld online", ["legalObligation": true, "legalReference": "§ 26 OZG-Folgeumsetzung", "legalDeadline": "2026-12-31"])
        let konto = try await project("Prio-API Bürgerkonto")
        let eakte = try await project("Prio-API E-Akte Bauamt", ["dependencyIds": [konto]])
        let chatbot = try await project("Prio-API Chatbot")
        let projects = [wohngeld, konto, eakte, chatbot]

        // The round
        let keys = ["legal", "citizenBenefit", "staffRelief", "risk"]
        let made = try await api.call(.POST, rounds, token: team, json: [
            "title": "Priorisierung API", "description": "Eingerichtet über die API.", "aggregation": "mean", "topN": 2,
            "criterionIds": keys.map(catalogID), "projectIds": projects, "raterIds": [raterID, leadID],
        ], expect: .created)
        let roundID = try #require(try made.value()["id"]?.string)
        #expect(made.location == "/api/v1/rounds/\(roundID)")
        #expect(try made.value()["status"] == .string("draft"))
        #expect(try made.value()["criteria"]?.array?.count == 4 && made.value()["raters"]?.array?.count == 2)
        let r = ["round": roundID]
        let list = try await api.call(.GET, rounds, token: team, expect: .ok)
        #expect(try list.value()["items"]?.array?.contains { $0["id"]?.string == roundID } == true)
        try await api.call(.GET, round, r, token: team, expect: .ok)
        let settings = try await api.call(.PATCH, round, r, token: team, json: ["aggregation": "median", "legalDeadlineFirst": true], expect: .ok)
        #expect(try settings.value()["aggregation"] == .string("median") && settings.value()["title"] == .string("Priorisierung API"))
        try await api.call(.PUT, round + "/scope", r, token: team, json: ["projectIds": projects, "raterIds": [raterID, leadID]], expect: .ok)
        let weighted = try await api.call(.PUT, round + "/weights", r, token: team,
                                          json: ["weights": ["legal": 10, "citizenBenefit": 30, "staffRelief": 20, "risk": 10]], expect: .ok)
        let benefit = try weighted.value()["criteria"]?.array?.first { $0["key"]?.string == "citizenBenefit" }
        #expect(abs((benefit?["normalizedWeight"]?.number ?? 0) - 30.0 / 70) < 1e-9)
        let opened = try await api.call(.POST, round + "/open", r, token: team, expect: .ok)
        #expect(try opened.value()["status"] == .string("rating"))

        // Ratings: the first rater rates everything but the chatbot's risk and hands in; the second rates one
        // criterion, disagrees on the Wohngeld project, and has not handed in.
        let mine = try await api.call(.GET, round + "/ratings/mine", r, token: rater, expect: .ok)
        #expect(try mine.value()["criteria"]?.array?.count == 3 && mine.value()["ratings"] == .array([]))
        var scores: [[String: Any]] = []
        for (project, values) in zip(projects, [[4, 2, 1], [3, 3, 2], [2, 4, 2], [1, 1]]) {
            for (key, score) in zip(["citizenBenefit", "staffRelief", "risk"], values) {
                scores.append(["projectId": project, "criterionKey": key, "score": score, "justification": "Begründung \(key)"])
            }
        }
        let submitted = try await api.call(.PUT, round + "/ratings/mine", r, token: rater, json: ["ratings": scores, "submit": true], expect: .ok)
        #expect(try submitted.value()["submitted"] == .bool(true) && submitted.value()["ratings"]?.array?.count == 11)
        let second = zip(projects, [0, 3, 2, 2]).map { ["projectId": $0, "criterionKey": "citizenBenefit", "score": $1] as [String: Any] }
        try await api.call(.PUT, round + "/ratings/mine", r, token: lead, json: ["ratings": second], expect: .ok)
        try await api.call(.GET, round + "/ranking", r, token: lead, expect: .forbidden)
        let provisional = try await api.call(.GET, round + "/ranking", r, token: rater, expect: .ok)
        #expect(try provisional.value()["official"] == .bool(false))
        try await api.call(.GET, round + "/ranking", r, token: team, expect: .ok)

        // AHP: the team and a rater compare; the group result becomes the weights.
        let team6: [[String: Any]] = [["a": "legal", "b": "citizenBenefit", "value": "1/2"], ["a": "legal", "b": "staffRelief", "value": 1],
                                      ["a": "legal", "b": "risk", "value": 3], ["a": "citizenBenefit", "b": "staffRelief", "value": 2],
                                      ["a": "citizenBenefit", "b": "risk", "value": 5], ["a": "risk", "b": "staffRelief", "value": 0.3333]]
        let compared = try await api.call(.PUT, round + "/comparisons/mine", r, token: team, json: ["comparisons": team6], expect: .ok)
        #expect(try compared.value()["comparisons"]?.array?.count == 6 && compared.value()["pairCount"] == .number(6))
        let rater6 = PairwiseJSON.pairs(keys, value: 2)
        try await api.call(.PUT, round + "/comparisons/mine", r, token: rater, json: ["comparisons": rater6], expect: .ok)
        try await api.call(.GET, round + "/comparisons/mine", r, token: rater, expect: .ok)
        let group = try await api.call(.GET, round + "/ahp", r, token: team, expect: .ok)
        #expect(try group.value()["participants"]?.array?.count == 2)
        #expect(try group.value()["group"]?["weights"]?["citizenBenefit"]?.number ?? 0 > 0)
        #expect(try group.value()["group"]?["inconsistencies"]?.array?.count == 6)
        let adopted = try await api.call(.POST, round + "/ahp/adopt", r, token: team, expect: .ok)
        #expect(try adopted.value()["weighting"] == .string("ahp"))

        // Closing asks what to do with the missing rating; it invents nothing.
        let decided = ["decidedBy": "Verwaltungsvorstand", "decidedOn": "2026-05-12", "rationale": "Beschluss der Reihung."]
        let refused = try await api.call(.POST, round + "/close", r, token: team, json: decided, expect: .unprocessableEntity)
        let entry = try refused.value()["errors"]?.array?.first
        #expect(entry?["field"] == .string("missingPolicy") && entry?["code"] == .string("missing_ratings") && entry?["count"] == .number(1))
        var closing: [String: Any] = decided
        closing["missingPolicy"] = "rankWithAvailable"
        let closed = try await api.call(.POST, round + "/close", r, token: team, json: closing, expect: .ok)
        #expect(try closed.value()["official"] == .bool(true) && closed.value()["version"] == .number(1))

        // The official ranking, explained, in German and English
        let ranking = try await api.call(.GET, round + "/ranking", r, token: lead, expect: .ok)
        let items = try ranking.value()["items"]?.array ?? []
        #expect(items.count == 4)
        #expect(items.first?["projectId"] == .string(wohngeld) && items.first?["tier"] == .string("legalDeadline"))
        #expect(items.first?["tierReason"]?["kind"] == .string("legalDeadline"))
        #expect(items.first?["disputed"] == .array([.string("citizenBenefit")]))
        #expect(items.first?["explanation"]?.string?.hasPrefix("Liegt vor") == true)
        #expect(items.dropLast().allSatisfy { $0["explanation"]?.string?.isEmpty == false } && items.last?["explanation"] == nil)
        #expect(items.first { $0["projectId"] == .string(chatbot) }?["missing"] == .array([.string("risk")]))
        let english = try await api.call(.GET, round + "/ranking", r, query: "version=1&lang=en", token: team, expect: .ok)
        #expect(try english.value()["items"]?.array?.first?["explanation"]?.string?.hasPrefix("Ahead of") == true)

        // Sensitivity: the same seed gives the same figures
        let first = try await api.call(.GET, round + "/sensitivity", r, query: "samples=500&seed=42&concentration=50", token: team, expect: .ok)
        let again = try await api.call(.GET, round + "/sensitivity", r, query: "samples=500&seed=42&concentration=50", token: rater, expect: .ok)
        #expect(try first.value() == again.value())
        #expect(try first.value()["ranges"]?.array?.count == 4 && first.value()["outcomes"]?.array?.count == 4)
        try await api.call(.GET, round + "/sensitivity", r, token: team, expect: .ok)

        // A scenario: the pandemic makes staff relief count more, marks the chatbot urgent and adds a criterion.
        let pandemic: [String: Any] = [
            "name": "Pandemie", "description": "Kontaktarme Verwaltung.",
            "changes": ["weights": ["staffRelief": 40], "urgentProjectIds": [chatbot],
                        "addedCriteria": [["key": "pandemic", "name": "Pandemiefestigkeit", "weight": 20, "values": [konto: 4]]]],
        ]
        let scenarioMade = try await api.call(.POST, scenarios, r, token: team, json: pandemic, expect: .created)
        let scenarioID = try #require(try scenarioMade.value()["id"]?.string)
        #expect(scenarioMade.location == "/api/v1/rounds/\(roundID)/scenarios/\(scenarioID)")
        let s = ["round": roundID, "scenario": scenarioID]
        try await api.call(.GET, scenarios, r, token: team, expect: .ok)
        try await api.call(.GET, scenario, s, token: rater, expect: .ok)
        let renamed = try await api.call(.PATCH, scenario, s, token: team, json: ["description": "Lockdown: Verwaltung aus der Ferne."], expect: .ok)
        #expect(try renamed.value()["changes"]?["urgentProjectIds"] == .array([.string(chatbot)]))
        let comparison = try await api.call(.GET, scenario + "/comparison", s, token: team, expect: .ok)
        let moved = try comparison.value()["movements"]?.array?.first { $0["projectId"] == .string(chatbot) }
        #expect((moved?["delta"]?.number ?? 0) > 0)
        #expect(moved?["reasons"]?.array?.contains { $0["kind"] == .string("becameUrgent") } == true)
        let adoptedScenario = try await api.call(.POST, scenario + "/adopt", s, token: team,
                                                 json: ["decidedBy": "Verwaltungsvorstand", "decidedOn": "2026-06-02", "rationale": "Lage nach Pandemie."],
                                                 expect: .ok)
        #expect(try adoptedScenario.value()["version"] == .number(2) && adoptedScenario.value()["scenarioId"] == .string(scenarioID))

        // An override keeps the computed rank visible
        let last = try #require(try adoptedScenario.value()["items"]?.array?.last?["projectId"]?.string)
        let overridden = try await api.call(.POST, round + "/overrides", r, token: team,
                                            json: ["projectId": last, "decidedRank": 1, "decidedBy": "Rat", "rationale": "Politischer Schwerpunkt."],
                                            expect: .ok)
        let line = try overridden.value()["items"]?.array?.first { $0["projectId"] == .string(last) }
        #expect(line?["decidedRank"] == .number(1) && line?["rank"] == .number(4))

        // A decision on a project, and the log
        let unknownBasis = try await api.call(.POST, projectDecisions, ["project": eakte], token: team,
                                              json: ["kind": "deferProject", "roundId": UUID().uuidString, "decidedBy": "Verwaltungsvorstand",
                                                     "rationale": "Erst das Bürgerkonto."], expect: .unprocessableEntity)
        #expect(try unknownBasis.value()["errors"]?.array?.first?["field"] == .string("roundId"))
        // The basis round is named in the record, so the decision appears in that round's log.
        let deferred = try await api.call(.POST, projectDecisions, ["project": eakte], token: team,
                                          json: ["kind": "deferProject", "roundId": roundID, "decidedBy": "Verwaltungsvorstand",
                                                 "rationale": "Erst das Bürgerkonto."], expect: .created)
        #expect(try deferred.value()["kind"] == .string("deferProject") && deferred.value()["projectId"] == .string(eakte))
        #expect(try deferred.value()["roundId"] == .string(roundID))
        let log = try await api.call(.GET, decisions, query: "round=\(roundID)", token: team, expect: .ok)
        let kinds = Set(try log.value()["items"]?.array?.compactMap { $0["kind"]?.string } ?? [])
        #expect(kinds == ["adoptRanking", "adoptScenario", "overrideRank", "deferProject"])
        let byProject = try await api.call(.GET, decisions, query: "kind=deferProject&project=\(eakte)", token: rater, expect: .ok)
        #expect(try byProject.value()["items"]?.array?.count == 1)
        let byDay = try await api.call(.GET, decisions, query: "from=02.06.2026&to=2026-06-02&round=\(roundID)", token: team, expect: .ok)
        #expect(try byDay.value()["items"]?.array?.map { $0["kind"] } == [.string("adoptScenario")])
        try await api.call(.GET, decisions + "/export", query: "format=json&round=\(roundID)", token: team, expect: .ok)
        let csv = try await api.client.api(.GET, "/api/v1/decisions/export?round=\(roundID)", token: team)
        #expect(csv.status == .ok && csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.body.contains("Datum;Art;Entscheidung") && csv.body.contains("Lage nach Pandemie."))

        let gone = try await api.call(.POST, scenario + "/archive", s, token: team, expect: .ok)
        #expect(try gone.value()["archived"] == .bool(true))
        return Journey(roundID: roundID, scenarioID: scenarioID, projects: projects, keys: keys)
    }

    /// Existing ids of Musterstadt for path parameters: a catalog criterion, a draft round and its scenario.
    static func ids(on server: TestServer) async throws -> [String: String] {
        let municipality = try await Fixtures.musterstadt(on: server)
        let team = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        let catalog = try await PrioritizationFixtures.catalog(team, on: server.db)
        let project = try await PortfolioFixtures.project("P-0004", on: server).requireID()
        let rater = try await PrioritizationFixtures.userID(Fixtures.rater, on: server.db)
        let round = try await PrioritizationFixtures.round("Konformität", stage: .draft, projects: [project], raters: [rater], context: team, on: server.db)
        let scenario = try await PrioritizationFixtures.scenario("Konformität", round: round, context: team, on: server.db)
        return ["criterion": try #require(catalog.first).requireID().uuidString, "round": try round.requireID().uuidString,
                "scenario": scenario.uuidString]
    }

    /// For `badRequests`: a body with a field of the wrong JSON type and the field's name, and a body with an
    /// id that is not a UUID (nil where the operation takes no id), per prioritization operation with a body.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case criteria, criterion: return (["name": 5], "name", nil)
        case rounds, round: return (["title": 5], "title", ["projectIds": ["kein-uuid"]])
        case round + "/scope": return (["projectIds": "alle"], "projectIds", ["raterIds": ["kein-uuid"]])
        case round + "/weights": return (["weights": ["citizenBenefit": "viel"]], "weights", nil)
        case round + "/close": return (["rationale": 5], "rationale", nil)
        case round + "/ratings/mine": return (["submit": "ja"], "submit", ["ratings": [["projectId": "kein-uuid"]]])
        case round + "/comparisons/mine": return (["comparisons": [["a": 5]]], "comparisons", nil)
        case round + "/overrides": return (["decidedRank": "eins"], "decidedRank", ["projectId": "kein-uuid"])
        case scenarios, scenario: return (["name": 5], "name", ["changes": ["urgentProjectIds": ["kein-uuid"]]])
        case scenario + "/adopt": return (["decidedBy": 5], "decidedBy", nil)
        case projectDecisions: return (["kind": 5], "kind", nil)
        default: return nil
        }
    }
}

/// Pairwise judgments as JSON bodies.
enum PairwiseJSON {
    /// Every pair of `keys` once, in order, with the same value.
    static func pairs(_ keys: [String], value: Double) -> [[String: Any]] {
        keys.enumerated().flatMap { index, a in keys.dropFirst(index + 1).map { ["a": a, "b": $0, "value": value] as [String: Any] } }
    }
}
