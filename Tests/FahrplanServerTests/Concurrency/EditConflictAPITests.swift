import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The API's optimistic concurrency: `ETag` on reads and writes, `If-Match` on PATCH (412 when stale) and on the
/// full replacement PUT /vision (428 without it). Every answer is checked against the OpenAPI document.
@Suite("Edit conflicts over the API")
struct EditConflictAPITests {
    /// One single resource with a PATCH: its path, a text field to change, and how to read the field back.
    struct Resource {
        var template: String
        var parameters: [String: String]
        var field: String
        var stored: @Sendable (TestServer) async throws -> String
    }

    static func resources(_ server: TestServer) async throws -> [Resource] {
        let project = try await PortfolioFixtures.project("P-0005", on: server).requireID()
        let goal = try await Fixtures.firstElement(.goal, on: server).requireID()
        let ids = try await DemoIDs.load(on: server)
        let unit = try #require(UUID(uuidString: ids.unit))
        let prioritization = try await PrioritizationAPIExercise.ids(on: server)
        let criterion = try #require(prioritization["criterion"].flatMap(UUID.init(uuidString:)))
        let round = try #require(prioritization["round"].flatMap(UUID.init(uuidString:)))
        return [
            Resource(template: "/api/v1/projects/{project}", parameters: ["project": project.uuidString], field: "title") { server in
                try #require(try await Project.find(project, on: server.db)).title
            },
            Resource(template: "/api/v1/goals/{element}", parameters: ["element": goal.uuidString], field: "title") { server in
                try #require(try await StrategyElement.find(goal, on: server.db)).title
            },
            Resource(template: "/api/v1/departments/{department}", parameters: ["department": unit.uuidString], field: "name") { server in
                try #require(try await Department.find(unit, on: server.db)).name
            },
            Resource(template: "/api/v1/criteria/{criterion}", parameters: ["criterion": criterion.uuidString], field: "name") { server in
                try #require(try await CatalogCriterion.find(criterion, on: server.db)).name
            },
            Resource(template: "/api/v1/rounds/{round}", parameters: ["round": round.uuidString], field: "title") { server in
                try #require(try await PrioritizationRound.find(round, on: server.db)).title
            },
        ]
    }

    static func version(_ response: TestResponse) -> Int? {
        response.headers.first(name: "ETag").flatMap { tag in
            if case .version(let version) = EditConflict.version(ifMatch: tag) { return version }
            return nil
        }
    }

    @Test("GET answers the version as ETag; a stale If-Match is 412 and changes nothing; the current one is 200 with a new ETag")
    func ifMatch() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            for resource in try await Self.resources(server) {
                let read = try await api.call(.GET, resource.template, resource.parameters, token: team, expect: .ok)
                let loaded = try #require(Self.version(read), "\(resource.template) has no ETag")
                #expect(read.headers.first(name: "ETag") == "\"\(loaded)\"", "a strong, quoted tag")

                let first = try await api.call(.PATCH, resource.template, resource.parameters, token: team, json: [resource.field: "Erste Änderung"],
                                               headers: ["If-Match": "\"\(loaded)\""], expect: .ok)
                #expect(Self.version(first) == loaded + 1, "\(resource.template): the write answers the new ETag")

                let stale = try await api.call(.PATCH, resource.template, resource.parameters, token: team, json: [resource.field: "Veraltete Änderung"],
                                               headers: ["If-Match": "\"\(loaded)\""], expect: .preconditionFailed)
                #expect(stale.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
                #expect(try stale.value()["detail"]?.string?.contains("Version \(loaded + 1)") == true, "the current version is named")
                #expect(try await resource.stored(server) == "Erste Änderung", "\(resource.template): the stale write changed something")

                let unmatchable = try await api.call(.PATCH, resource.template, resource.parameters, token: team, json: [resource.field: "Schwach"],
                                                     headers: ["If-Match": "W/\"\(loaded + 1)\""], expect: .preconditionFailed)
                #expect(try unmatchable.value()["status"] == .number(412))
                #expect(try await resource.stored(server) == "Erste Änderung")
                // Who may not write learns that first, whatever If-Match says.
                try await api.call(.PATCH, resource.template, resource.parameters, token: reader, json: [resource.field: "Vom Lesen"],
                                   headers: ["If-Match": "kein-etag"], expect: .forbidden)

                let current = try await api.call(.PATCH, resource.template, resource.parameters, token: team, json: [resource.field: "Zweite Änderung"],
                                                 headers: ["If-Match": "\"\(loaded + 1)\""], expect: .ok)
                #expect(Self.version(current) == loaded + 2)
                #expect(try await resource.stored(server) == "Zweite Änderung")

                // Without If-Match a PATCH of single fields keeps working, and still raises the version.
                let unconditional = try await api.call(.PATCH, resource.template, resource.parameters, token: team,
                                                       json: [resource.field: "Ohne Vorbedingung"], expect: .ok)
                #expect(Self.version(unconditional) == loaded + 3)
                let again = try await api.call(.GET, resource.template, resource.parameters, token: team, expect: .ok)
                #expect(Self.version(again) == loaded + 3)
            }
        }
    }

    @Test("two PATCHes sent at the same time with the same If-Match: exactly one succeeds, the other is 412")
    func concurrentPatches() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            for resource in try await Self.resources(server) {
                let read = try await api.call(.GET, resource.template, resource.parameters, token: team, expect: .ok)
                let tag = try #require(read.headers.first(name: "ETag"))
                let path = APIConformance.path(resource.template, resource.parameters)
                let statuses = try await withThrowingTaskGroup(of: (HTTPResponseStatus, String).self) { group in
                    for value in ["Gleichzeitig A", "Gleichzeitig B"] {
                        group.addTask {
                            let body = try JSONSerialization.data(withJSONObject: [resource.field: value])
                            let response = try await server.client().send(.PATCH, path, headers: [
                                "Authorization": "Bearer \(team)", "Accept": "application/json", "Content-Type": "application/json", "If-Match": tag,
                            ], body: body, useCookies: false)
                            return (response.status, value)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let winners = statuses.filter { $0.0 == .ok }
                #expect(winners.count == 1, "\(resource.template): \(statuses.map { $0.0.code })")
                #expect(statuses.filter { $0.0 == .preconditionFailed }.count == 1, "\(resource.template): \(statuses.map { $0.0.code })")
                #expect(try await resource.stored(server) == winners.first?.1, "the winner's value is stored")
                let after = try await api.call(.GET, resource.template, resource.parameters, token: team, expect: .ok)
                #expect(Self.version(after) == Self.version(read).map { $0 + 1 }, "one write, one version step")
            }
        }
    }

    @Test("PUT /vision replaces the vision only with If-Match: 428 without, 412 when stale, 200 with the current ETag")
    func visionReplacement() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let before = try await Fixtures.musterstadt(on: server).vision
            let read = try await api.call(.GET, "/api/v1/municipality", token: team, expect: .ok)
            let loaded = try #require(Self.version(read))

            let missing = try await api.call(.PUT, "/api/v1/vision", token: team, json: ["vision": "Ohne If-Match"], expect: .preconditionRequired)
            #expect(try missing.value()["status"] == .number(428))
            #expect(try await Fixtures.musterstadt(on: server).vision == before)

            let saved = try await api.call(.PUT, "/api/v1/vision", token: team, json: ["visionTitle": "Eins", "vision": "Erste Fassung"],
                                           headers: ["If-Match": "\"\(loaded)\""], expect: .ok)
            #expect(Self.version(saved) == loaded + 1)
            let stale = try await api.call(.PUT, "/api/v1/vision", token: team, json: ["visionTitle": "Zwei", "vision": "Veraltete Fassung"],
                                           headers: ["If-Match": "\"\(loaded)\""], expect: .preconditionFailed)
            #expect(try stale.value()["detail"]?.string?.contains("Version \(loaded + 1)") == true)
            #expect(try await Fixtures.musterstadt(on: server).vision == "Erste Fassung")
            try await api.call(.PUT, "/api/v1/vision", token: team, json: ["visionTitle": "Zwei", "vision": "Zweite Fassung"],
                               headers: ["If-Match": "\"\(loaded + 1)\""], expect: .ok)
            #expect(try await Fixtures.musterstadt(on: server).vision == "Zweite Fassung")
        }
    }

    @Test("an edit through the API makes a browser form opened before it stale")
    func apiThenBrowser() async throws {
        try await withServer { server in
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let id = try goal.requireID()
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            try await browser.get("/m/musterstadt/goals/\(id)/edit")
            let patched = try await browser.api(.PATCH, "/api/v1/goals/\(id)", token: team, json: ["targetStatement": "Per API geändert"])
            #expect(patched.status == .ok)
            let refused = try await browser.post("/m/musterstadt/goals/\(id)", [
                ("code", goal.code ?? ""), ("title", "Im Browser geändert"), ("description", goal.description ?? ""),
                ("targetStatement", goal.targetStatement ?? ""), ("targetYear", goal.targetYear.map(String.init) ?? ""),
                ("parentID", goal.$parent.id?.uuidString ?? ""), ("responsibleDepartmentID", goal.$responsibleDepartment.id?.uuidString ?? ""),
            ])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Per API geändert"))
            let stored = try #require(try await StrategyElement.find(id, on: server.db))
            #expect(stored.targetStatement == "Per API geändert")
            #expect(stored.title == goal.title)
        }
    }
}
