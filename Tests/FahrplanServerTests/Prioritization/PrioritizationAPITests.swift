import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Prioritization over the API")
struct PrioritizationAPITests {
    static let prefixes = ["/api/v1/criteria", "/api/v1/rounds", "/api/v1/decisions", "/api/v1/projects/{project}/decisions"]

    /// Musterstadt's team with an open round over the default catalog: three new projects, the rater and the
    /// department lead as raters.
    struct Setup {
        var api: APIConformance
        var team: String
        var rater: String
        var reader: String
        var round: PrioritizationRound
        var projects: [UUID]
        var context: MunicipalityContext

        var r: [String: String] { ["round": round.id!.uuidString] }

        static func make(_ server: TestServer, stage: PrioritizationFixtures.Stage = .rating) async throws -> Setup {
            let municipality = try await Fixtures.musterstadt(on: server)
            let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            _ = try await PrioritizationFixtures.catalog(context, on: server.db)
            let unit = try await PortfolioFixtures.department("33", on: server).requireID()
            let projects = try await PrioritizationFixtures.projects(["Prüf-Projekt A", "Prüf-Projekt B", "Prüf-Projekt C"], suffix: "API",
                                                                     departmentID: unit, context: context, on: server.db)
            let raters = [try await PrioritizationFixtures.userID(Fixtures.rater, on: server.db),
                          try await PrioritizationFixtures.userID(Fixtures.departmentLead, on: server.db)]
            let round = try await PrioritizationFixtures.round("Prüfrunde", stage: stage, projects: projects, raters: raters,
                                                               context: context, on: server.db)
            return Setup(api: try await APIConformance(server: server), team: try await Fixtures.token(for: Fixtures.strategyTeam, on: server),
                         rater: try await Fixtures.token(for: Fixtures.rater, on: server), reader: try await Fixtures.token(for: Fixtures.reader, on: server),
                         round: round, projects: projects, context: context)
        }

        /// Sends and returns the field names of the 422's problem document.
        func fields(_ method: HTTPMethod, _ template: String, _ parameters: [String: String]? = nil, query: String = "",
                    token: String? = nil, json: Any? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
            let response = try await api.call(method, template, parameters ?? r, query: query, token: token ?? team, json: json,
                                              expect: .unprocessableEntity, sourceLocation: sourceLocation)
            return try OpenAPIConformanceTests.fields(response)
        }
    }

    @Test("a whole journey: defaults, round, weights, ratings by two raters, AHP, close, ranking, sensitivity, scenario, override, decisions")
    func journey() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let journey = try await PrioritizationAPIExercise.journey(api, team: team, server: server)

            let mine = api.document.operations.filter { operation in Self.prefixes.contains { operation.contains(" " + $0) } }
            #expect(mine.count == 34, "\(mine.sorted())")
            let missing = mine.subtracting(api.succeeded).sorted()
            #expect(missing.isEmpty, "prioritization operations never exercised successfully: \(missing)")

            // The official ranking is stored: version 1 at closing, version 2 from the scenario, with the override.
            let roundID = try #require(UUID(uuidString: journey.roundID))
            let versions = try await RankingVersion.query(on: server.db).filter(\.$round.$id == roundID).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions.last?.$scenario.id?.uuidString == journey.scenarioID)
            let overridden = try await RankingEntry.query(on: server.db).filter(\.$version.$id == versions[1].requireID())
                .filter(\.$decidedRank != nil).count()
            #expect(overridden == 1)
            let deferred = try await Project.find(UUID(uuidString: journey.projects[2]), on: server.db)
            #expect(deferred?.projectStatus == .deferred)
        }
    }

    @Test("bad input is 422 naming the field: weights that sum to 0, unknown keys, scores off the scale, comparisons with itself, non-Saaty values, no raters")
    func badInput() async throws {
        try await withServer { server in
            let setup = try await Setup.make(server)
            let round = PrioritizationAPIExercise.round
            let zeros = Dictionary(try await RoundService(db: server.db, context: setup.context).criteria(of: setup.round).map { ($0.key, 0) },
                                   uniquingKeysWith: { a, _ in a })
            #expect(try await setup.fields(.PUT, round + "/weights", json: ["weights": zeros]) == ["weights"])
            #expect(try await setup.fields(.PUT, round + "/weights", json: ["weights": ["nope": 5, "risk": -1]]) == ["weights.risk"])
            #expect(try await setup.fields(.PUT, round + "/weights", json: ["weights": ["nope": 5]]) == ["weights.nope"])
            #expect(try await setup.fields(.PUT, round + "/weights", json: [:]) == ["weights"])

            let project = setup.projects[0].uuidString
            let scores: [[String: Any]] = [["projectId": project, "criterionKey": "citizenBenefit", "score": 7],
                                           ["projectId": project, "criterionKey": "nope", "score": 2],
                                           ["projectId": UUID().uuidString, "criterionKey": "risk", "score": 2],
                                           ["projectId": project, "criterionKey": "legal", "score": 2],
                                           ["projectId": project, "criterionKey": "risk", "score": 2, "justification": String(repeating: "x", count: 1001)]]
            #expect(try await setup.fields(.PUT, round + "/ratings/mine", token: setup.rater, json: ["ratings": scores])
                    == ["ratings[0].score", "ratings[1].criterionKey", "ratings[2].projectId", "ratings[3].criterionKey", "ratings[4].justification"])
            let none = try await Rating.query(on: server.db).filter(\.$round.$id == setup.round.requireID()).count()
            #expect(none == 0, "all or nothing")

            let comparisons: [[String: Any]] = [["a": "legal", "b": "legal", "value": 3], ["a": "legal", "b": "risk", "value": 10],
                                                ["a": "legal", "b": "urgency", "value": "1/10"], ["a": "legal", "b": "feasibility", "value": 2.5],
                                                ["a": "nope", "b": "risk", "value": 3], ["a": "risk", "b": "urgency", "value": "drei"]]
            #expect(try await setup.fields(.PUT, round + "/comparisons/mine", json: ["comparisons": comparisons])
                    == ["comparisons[0]", "comparisons[1].value", "comparisons[2].value", "comparisons[3].value", "comparisons[4]", "comparisons[5].value"])
            #expect(try await setup.fields(.POST, round + "/ahp/adopt") == ["comparisons"])

            // A criterion without a scale, a key that cannot be one, a negative default weight
            let criterion: [String: Any] = ["key": "1 falsch", "name": "Ohne Skala", "levels": [["value": 0, "label": "nur eine"]], "defaultWeight": -2]
            #expect(try await setup.fields(.POST, PrioritizationAPIExercise.criteria, [:], json: criterion) == ["key", "defaultWeight"])
            #expect(try await setup.fields(.POST, PrioritizationAPIExercise.criteria, [:], json: ["key": "ohneSkala", "name": "Ohne Skala", "levels": [["value": 0, "label": "nur eine"]]])
                    == ["levels"])
            #expect(try await setup.fields(.POST, PrioritizationAPIExercise.criteria, [:], json: ["key": "legal", "name": "Doppelt",
                                                                                                 "levels": [["value": 0, "label": "nein"], ["value": 1, "label": "ja"]]])
                    == ["key"])

            // A round without raters cannot be opened; nor one without projects be created
            let rounds = PrioritizationAPIExercise.rounds
            let draft = try await setup.api.call(.POST, rounds, token: setup.team, json: ["title": "Ohne Bewertende", "projectIds": [project]], expect: .created)
            let draftID = try #require(try draft.value()["id"]?.string)
            #expect(try await setup.fields(.POST, round + "/open", ["round": draftID]) == ["raterIds"])
            #expect(try await setup.fields(.POST, rounds, [:], json: ["title": "Fremd", "raterIds": [UUID().uuidString], "criterionIds": [UUID().uuidString]])
                    == ["criterionIds"])
            #expect(try await setup.fields(.POST, rounds, [:], json: ["title": " ", "topN": 0, "aggregation": "mode"]) == ["title", "aggregation", "topN"])
            #expect(try await setup.fields(.PUT, round + "/scope", json: ["projectIds": [], "raterIds": []]) == ["projectIds"])

            // Scenarios: unknown keys and projects outside the round, named inside `changes`
            let scenarios = PrioritizationAPIExercise.scenarios
            #expect(try await setup.fields(.POST, scenarios, json: ["name": "Quer", "changes": ["weights": ["nope": 5]]]) == ["changes.weights"])
            #expect(try await setup.fields(.POST, scenarios, json: ["name": "Quer", "changes": ["urgentProjectIds": [UUID().uuidString]]])
                    == ["changes.urgentProjectIds"])
            #expect(try await setup.fields(.POST, scenarios, json: ["changes": ["addedCriteria": [["name": "Ohne Schlüssel"]]]])
                    == ["changes.addedCriteria[0].key", "changes.addedCriteria[0].weight"])

            // Queries
            #expect(try await setup.fields(.GET, round + "/sensitivity", query: "samples=0&seed=-1&concentration=viel")
                    == ["samples", "concentration", "seed"])
            // The API allows no bigger Monte-Carlo run than the web page (one bound for both)
            #expect(try await setup.fields(.GET, round + "/sensitivity", query: "samples=\(SensitivityRequestLimits.maximumSamples + 1)&concentration=100001")
                    == ["samples", "concentration"])
            #expect(try await setup.fields(.GET, round + "/ranking", query: "version=erste") == ["version"])
            #expect(try await setup.fields(.GET, PrioritizationAPIExercise.decisions, [:], query: "kind=vote&from=gestern&round=kein-uuid")
                    == ["kind", "round", "from"])
            #expect(try await setup.fields(.GET, PrioritizationAPIExercise.decisions + "/export", [:], query: "format=xlsx") == ["format"])
            #expect(try await setup.fields(.POST, PrioritizationAPIExercise.projectDecisions, ["project": project], json: ["kind": "adoptRanking"])
                    == ["kind"])
            #expect(try await setup.fields(.POST, PrioritizationAPIExercise.projectDecisions, ["project": project], json: ["kind": "startProject"])
                    == ["decidedBy", "rationale"])

            // Closing: the decision record first, then the missing ratings
            #expect(try await setup.fields(.POST, round + "/close", json: ["missingPolicy": "guess"]) == ["missingPolicy", "decidedBy", "rationale"])
            let missing = try await setup.api.call(.POST, round + "/close", setup.r, token: setup.team,
                                                   json: ["decidedBy": "Rat", "rationale": "x"], expect: .unprocessableEntity)
            let entry = try #require(try missing.value()["errors"]?.array?.first)
            #expect(entry["code"] == .string("missing_ratings") && (entry["count"]?.number ?? 0) > 0)
            let count = Int(entry["count"]?.number ?? 0)
            #expect(entry["problem"]?.string?.contains(count == 1 ? "1 Wert" : "\(count) Werte") == true)
            // Before closing there is nothing to override or adopt
            #expect(try await setup.fields(.POST, round + "/overrides", json: ["projectId": project, "decidedRank": 1, "decidedBy": "Rat", "rationale": "x"])
                    == ["status"])
            let scenario = try await PrioritizationFixtures.scenario("Vorher", round: setup.round, context: setup.context, on: server.db)
            #expect(try await setup.fields(.POST, PrioritizationAPIExercise.scenario + "/adopt", ["round": setup.r["round"]!, "scenario": scenario.uuidString],
                                           json: ["decidedBy": "Rat", "rationale": "x"]) == ["status"])
        }
    }

    @Test("a closed round refuses every change with 422 on status, and its ranking stays the stored one")
    func closedRoundRefusesChanges() async throws {
        try await withServer { server in
            let setup = try await Setup.make(server, stage: .closed)
            let round = PrioritizationAPIExercise.round
            let before = try await setup.api.call(.GET, round + "/ranking", setup.r, token: setup.team, expect: .ok)
            #expect(try await setup.fields(.PATCH, round, json: ["title": "Nachträglich"]) == ["status"])
            #expect(try await setup.fields(.PUT, round + "/weights", json: ["weights": ["risk": 50]]) == ["status"])
            #expect(try await setup.fields(.PUT, round + "/scope", json: ["projectIds": [setup.projects[0].uuidString]]) == ["status"])
            #expect(try await setup.fields(.POST, round + "/open") == ["status"])
            #expect(try await setup.fields(.POST, round + "/close", json: ["decidedBy": "Rat", "rationale": "Noch einmal"]) == ["status"])
            #expect(try await setup.fields(.PUT, round + "/comparisons/mine", json: ["comparisons": PairwiseJSON.pairs(["legal", "risk"], value: 3)]) == ["status"])
            #expect(try await setup.fields(.PUT, round + "/ratings/mine", token: setup.rater,
                                           json: ["ratings": [["projectId": setup.projects[0].uuidString, "criterionKey": "risk", "score": 1]]]) == ["status"])
            #expect(try await setup.fields(.POST, round + "/ahp/adopt") == ["status"])
            let after = try await setup.api.call(.GET, round + "/ranking", setup.r, token: setup.team, expect: .ok)
            #expect(try before.value() == after.value())
            try await setup.api.call(.GET, round + "/ranking", setup.r, query: "version=2", token: setup.team, expect: .notFound)
            // Readers see a closed round's ranking; older versions stay readable.
            try await setup.api.call(.GET, round + "/ranking", setup.r, query: "version=1", token: setup.reader, expect: .ok)
        }
    }

    @Test("readers and raters get 403 where they may not act, and a rater sees no results before handing in")
    func forbidden() async throws {
        try await withServer { server in
            let setup = try await Setup.make(server)
            let (api, reader, rater) = (setup.api, setup.reader, setup.rater)
            let decisionsBefore = try await Decision.query(on: server.db).count()
            let round = PrioritizationAPIExercise.round
            let r = setup.r
            let criterionID = try await CriteriaCatalogService(db: server.db, context: setup.context).criteria().first!.requireID().uuidString
            let scenario = try await PrioritizationFixtures.scenario("Lesen", round: setup.round, context: setup.context, on: server.db)
            let s = ["round": r["round"]!, "scenario": scenario.uuidString]
            let decided: [String: Any] = ["decidedBy": "Rat", "rationale": "x", "missingPolicy": "exclude"]
            for token in [reader, rater] {
                try await api.call(.POST, PrioritizationAPIExercise.criteria, token: token, json: ["key": "neu", "name": "Neu"], expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.criteria + "/defaults", token: token, expect: .forbidden)
                try await api.call(.PATCH, PrioritizationAPIExercise.criterion, ["criterion": criterionID], token: token, json: ["name": "x"], expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.criterion + "/archive", ["criterion": criterionID], token: token, expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.criterion + "/restore", ["criterion": criterionID], token: token, expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.rounds, token: token, json: ["title": "Neu"], expect: .forbidden)
                try await api.call(.PATCH, round, r, token: token, json: ["title": "x"], expect: .forbidden)
                try await api.call(.PUT, round + "/scope", r, token: token, json: [:], expect: .forbidden)
                try await api.call(.PUT, round + "/weights", r, token: token, json: ["weights": ["risk": 1]], expect: .forbidden)
                try await api.call(.POST, round + "/open", r, token: token, expect: .forbidden)
                try await api.call(.POST, round + "/close", r, token: token, json: decided, expect: .forbidden)
                try await api.call(.POST, round + "/ahp/adopt", r, token: token, expect: .forbidden)
                try await api.call(.POST, round + "/overrides", r, token: token, json: ["projectId": setup.projects[0].uuidString, "decidedRank": 1,
                                                                                      "decidedBy": "Rat", "rationale": "x"], expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.scenarios, r, token: token, json: ["name": "Neu"], expect: .forbidden)
                try await api.call(.PATCH, PrioritizationAPIExercise.scenario, s, token: token, json: ["name": "x"], expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.scenario + "/archive", s, token: token, expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.scenario + "/adopt", s, token: token, json: decided, expect: .forbidden)
                try await api.call(.POST, PrioritizationAPIExercise.projectDecisions, ["project": setup.projects[0].uuidString], token: token,
                                   json: ["kind": "startProject", "decidedBy": "Rat", "rationale": "x"], expect: .forbidden)
            }
            // Only raters rate; only the team and raters compare; a reader sees no provisional results.
            try await api.call(.GET, round + "/ratings/mine", r, token: setup.team, expect: .forbidden)
            try await api.call(.PUT, round + "/ratings/mine", r, token: reader, json: ["ratings": []], expect: .forbidden)
            for template in [round + "/comparisons/mine", round + "/ahp", round + "/ranking", round + "/sensitivity",
                             PrioritizationAPIExercise.scenarios] {
                try await api.call(.GET, template, r, token: reader, expect: .forbidden)
            }
            try await api.call(.PUT, round + "/comparisons/mine", r, token: reader, json: ["comparisons": []], expect: .forbidden)
            // The rater has not handed in: no ranking, no sensitivity, no scenarios yet; the own ratings and comparisons are fine.
            for template in [round + "/ranking", round + "/sensitivity", PrioritizationAPIExercise.scenarios] {
                try await api.call(.GET, template, r, token: rater, expect: .forbidden)
            }
            try await api.call(.GET, PrioritizationAPIExercise.scenario + "/comparison", s, token: rater, expect: .forbidden)
            try await api.call(.GET, round + "/ratings/mine", r, token: rater, expect: .ok)
            try await api.call(.GET, round + "/ahp", r, token: rater, expect: .ok)
            try await api.call(.PUT, round + "/ratings/mine", r, token: rater, json: ["submit": true], expect: .ok)
            try await api.call(.GET, round + "/ranking", r, token: rater, expect: .ok)
            let refused = try await api.call(.PUT, round + "/ratings/mine", r, token: rater, json: ["ratings": []], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(refused) == ["status"], "handed in is final")
            let decisionsAfter = try await Decision.query(on: server.db).count()
            #expect(decisionsAfter == decisionsBefore)
        }
    }

    @Test("ids of another municipality, unknown and malformed ids, and a scenario of another round are 404 and leak nothing")
    func notFound() async throws {
        try await withServer { server in
            let setup = try await Setup.make(server, stage: .closed)
            let other = try await Fixtures.otherMunicipality(on: server)
            let otherContext = try await PrioritizationFixtures.context(other.municipality, email: other.teamEmail, on: server.db)
            let otherCriteria = try await PrioritizationFixtures.catalog(otherContext, on: server.db)
            let otherProjects = try await PrioritizationFixtures.projects(["Fremd"], suffix: Fixtures.OtherMunicipality.marker,
                                                                          departmentID: other.departmentID, context: otherContext, on: server.db)
            let otherRound = try await PrioritizationFixtures.round("Runde \(Fixtures.OtherMunicipality.marker)", stage: .closed, projects: otherProjects,
                                                                    raters: [other.userID], context: otherContext, on: server.db)
            let otherScenario = try await PrioritizationFixtures.scenario("Szenario \(Fixtures.OtherMunicipality.marker)", round: otherRound,
                                                                          context: otherContext, on: server.db)
            let ownScenario = try await PrioritizationFixtures.scenario("Eigenes", round: setup.round, context: setup.context, on: server.db)
            let secondRound = try await PrioritizationFixtures.round("Zweite", stage: .draft, projects: setup.projects, raters: [],
                                                                     context: setup.context, on: server.db)
            let api = setup.api
            let body: [String: Any] = ["title": "Übernommen", "name": "Übernommen", "decidedBy": "Rat", "rationale": "x"]
            let criterionIDs = [otherCriteria[0].id!.uuidString, UUID().uuidString, "kein-uuid"]
            for id in criterionIDs {
                for (method, suffix) in [(HTTPMethod.GET, ""), (.PATCH, ""), (.POST, "/archive"), (.POST, "/restore")] {
                    let response = try await api.call(method, PrioritizationAPIExercise.criterion + suffix, ["criterion": id], token: setup.team,
                                                      json: method == .PATCH ? body : nil, expect: .notFound)
                    #expect(!response.body.contains(Fixtures.OtherMunicipality.marker))
                }
            }
            let round = PrioritizationAPIExercise.round
            let roundOperations: [(HTTPMethod, String)] = [
                (.GET, round), (.PATCH, round), (.PUT, round + "/scope"), (.PUT, round + "/weights"), (.POST, round + "/open"),
                (.POST, round + "/close"), (.GET, round + "/ratings/mine"), (.PUT, round + "/ratings/mine"), (.GET, round + "/comparisons/mine"),
                (.PUT, round + "/comparisons/mine"), (.GET, round + "/ahp"), (.POST, round + "/ahp/adopt"), (.GET, round + "/ranking"),
                (.GET, round + "/sensitivity"), (.POST, round + "/overrides"), (.GET, PrioritizationAPIExercise.scenarios),
                (.POST, PrioritizationAPIExercise.scenarios),
            ]
            for id in [otherRound.id!.uuidString, UUID().uuidString, "kein-uuid"] {
                for (method, template) in roundOperations {
                    let response = try await api.call(method, template, ["round": id], token: setup.team,
                                                      json: method == .GET ? nil : body, expect: .notFound)
                    #expect(!response.body.contains(Fixtures.OtherMunicipality.marker))
                }
            }
            let scenarioTargets = [(otherRound.id!, otherScenario), (setup.round.id!, otherScenario), (secondRound.id!, ownScenario), (setup.round.id!, UUID())]
            for (roundID, scenarioID) in scenarioTargets {
                let s = ["round": roundID.uuidString, "scenario": scenarioID.uuidString]
                for (method, suffix) in [(HTTPMethod.GET, ""), (.PATCH, ""), (.GET, "/comparison"), (.POST, "/adopt"), (.POST, "/archive")] {
                    let response = try await api.call(method, PrioritizationAPIExercise.scenario + suffix, s, token: setup.team,
                                                      json: method == .GET || suffix == "/archive" ? nil : body, expect: .notFound)
                    #expect(!response.body.contains(Fixtures.OtherMunicipality.marker))
                }
            }
            try await api.call(.POST, PrioritizationAPIExercise.projectDecisions, ["project": otherProjects[0].uuidString], token: setup.team,
                               json: ["kind": "deferProject", "decidedBy": "Rat", "rationale": "x"], expect: .notFound)
            // Lists and the log show nothing of the other municipality, even when asked for its round.
            for (template, query) in [(PrioritizationAPIExercise.criteria, "includeArchived=true"), (PrioritizationAPIExercise.rounds, ""),
                                      (PrioritizationAPIExercise.decisions, "round=\(otherRound.id!.uuidString)"),
                                      (PrioritizationAPIExercise.decisions + "/export", "format=json")] {
                let response = try await api.call(.GET, template, query: query, token: setup.team, expect: .ok)
                #expect(!response.body.contains(Fixtures.OtherMunicipality.marker) && !response.body.contains(otherRound.id!.uuidString))
            }
            let otherDecisions = try await Decision.query(on: server.db).filter(\.$municipality.$id == other.municipality.requireID()).count()
            #expect(otherDecisions == 1, "only the other municipality's own closing")
        }
    }
}
