import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Monitoring API: update cycles, due and late lists")
struct MonitoringAPICycleTests {
    static func cycle(_ kind: String = "projectStatus", rule: String? = "subjectOwner", owner: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["subjectKind": kind, "interval": "monthly", "deadlineDays": 5, "startDate": "2026-01-01"]
        if let rule { body["ownerRule"] = rule }
        if let owner { body["namedOwnerId"] = owner }
        return body
    }

    @Test("a cycle without owner, with a stranger as owner or a second one of a kind is 422 naming the field, and nothing is stored")
    func badCycles() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let cases: [([String: Any], Set<String>)] = [
                (Self.cycle(rule: nil), ["ownerRule"]),
                (Self.cycle(rule: "namedPerson"), ["namedOwnerId"]),
                (Self.cycle(rule: "namedPerson", owner: other.userID.uuidString), ["namedOwnerId"]),
                (["subjectKind": "projectStatus", "interval": "weekly", "deadlineDays": 40, "ownerRule": "subjectOwner"],
                 ["interval", "deadlineDays", "startDate"]),
            ]
            for (body, fields) in cases {
                let response = try await s.api.call(.POST, "/api/v1/update-cycles", token: s.team, json: body, expect: .unprocessableEntity)
                #expect(try MonitoringAPIFixture.fields(response) == fields, "\(body)")
            }
            #expect(try await UpdateCycleRow.query(on: server.db).count() == 0, "a refused cycle was stored")
            try await s.api.call(.POST, "/api/v1/update-cycles", token: s.reader, json: Self.cycle(), expect: .forbidden)
            try await s.api.call(.POST, "/api/v1/update-cycles", token: s.readOnly, json: Self.cycle(), expect: .forbidden)

            let created = try await s.api.call(.POST, "/api/v1/update-cycles", token: s.team, json: Self.cycle(), expect: .created)
            let id = try #require(try created.value()["id"]?.string)
            #expect(created.location == "/api/v1/update-cycles/\(id)")
            let twice = try await s.api.call(.POST, "/api/v1/update-cycles", token: s.team, json: Self.cycle(), expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(twice) == ["subjectKind"])
            let noOwner = try await s.api.call(.PUT, "/api/v1/update-cycles/{cycle}", ["cycle": id], token: s.team,
                                               json: Self.cycle(rule: "namedPerson"), expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(noOwner) == ["namedOwnerId"])
            let stored = try #require(try await UpdateCycleRow.find(UUID(uuidString: id), on: server.db))
            #expect(stored.ownerRule == "subjectOwner" && stored.deadlineDays == 5)
            try await s.api.call(.DELETE, "/api/v1/update-cycles/{cycle}", ["cycle": id], token: s.reader, expect: .forbidden)
            try await s.api.call(.DELETE, "/api/v1/update-cycles/{cycle}", ["cycle": id], token: s.team, expect: .noContent)
            try await s.api.call(.GET, "/api/v1/update-cycles/{cycle}", ["cycle": id], token: s.team, expect: .notFound)
        }
    }

    @Test("the stale weeks are read by members, set by the strategy team, and refused outside 1–52 naming the field")
    func settings() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            #expect(try await s.api.call(.GET, "/api/v1/monitoring/settings", token: s.reader, expect: .ok).value()["staleAfterWeeks"]
                    == .number(Double(StatusStaleness.defaultWeeks)))
            for weeks: Any in [0, 53, NSNull()] {
                let refused = try await s.api.call(.PUT, "/api/v1/monitoring/settings", token: s.team, json: ["staleAfterWeeks": weeks],
                                                   expect: .unprocessableEntity)
                #expect(try MonitoringAPIFixture.fields(refused) == ["staleAfterWeeks"])
            }
            try await s.api.call(.PUT, "/api/v1/monitoring/settings", token: s.reader, json: ["staleAfterWeeks": 3], expect: .forbidden)
            let saved = try await s.api.call(.PUT, "/api/v1/monitoring/settings", token: s.team, json: ["staleAfterWeeks": 3], expect: .ok).value()
            #expect(saved["staleAfterWeeks"] == .number(3))
            #expect(try await s.api.call(.GET, "/api/v1/monitoring/dashboard", token: s.reader, expect: .ok).value()["staleAfterWeeks"] == .number(3))
        }
    }

    @Test("what is due for the named person and the late list follow the cycle; scope is parsed strictly; the late list is the team's")
    func dueAndLate() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            // The demo's reports of the project (if any) would settle the periods looked at here.
            try await ProjectStatusReport.query(on: server.db).filter(\.$project.$id == UUID(uuidString: s.project)!).delete()
            let team = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.strategyTeam).first()).requireID().uuidString
            try await s.api.call(.POST, "/api/v1/update-cycles", token: s.team, json: Self.cycle(rule: "namedPerson", owner: team), expect: .created)
            // The running project reports in December: November is late (due 5 December), December is open.
            let mine = try await s.api.call(.GET, "/api/v1/monitoring/due", token: s.team, expect: .ok).value()["items"]?.array ?? []
            let item = try #require(mine.first { $0["subjectId"]?.string?.lowercased() == s.project.lowercased() })
            #expect(item["periodStart"] == .string("2026-11-01") && item["dueDate"] == .string("2026-12-05"))
            #expect(item["state"] == .string("late") && item["daysLate"] == .number(1))
            let late = try await s.api.call(.GET, "/api/v1/monitoring/due", query: "scope=late", token: s.team, expect: .ok).value()
            #expect(late["items"]?.array?.contains { $0["subjectId"]?.string?.lowercased() == s.project.lowercased() } == true)
            try await s.api.call(.POST, MonitoringAPIStatusTests.reports, ["project": s.project], token: s.team,
                                 json: MonitoringAPIFixture.report("2026-11-28"), expect: .created)
            let after = try await s.api.call(.GET, "/api/v1/monitoring/due", token: s.team, expect: .ok).value()["items"]?.array ?? []
            let now = try #require(after.first { $0["subjectId"]?.string?.lowercased() == s.project.lowercased() })
            #expect(now["periodStart"] == .string("2026-12-01") && now["state"] == .string("open"))

            try await s.api.call(.GET, "/api/v1/monitoring/due", query: "scope=late", token: s.reader, expect: .forbidden)
            let readerDue = try await s.api.call(.GET, "/api/v1/monitoring/due", token: s.reader, expect: .ok).value()
            #expect(readerDue["items"] == .array([]), "nothing is the reader's")
            for query in ["scope=alle", "scope=", "scope=mine&scope=late"] {
                let refused = try await s.api.call(.GET, "/api/v1/monitoring/due", query: query, token: s.team, expect: .unprocessableEntity)
                #expect(try MonitoringAPIFixture.fields(refused) == ["scope"], "\(query)")
            }
        }
    }
}
