import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Monitoring API: KPIs, measurements, CSV, locked periods")
struct MonitoringAPIKPITests {
    static let measurements = "/api/v1/kpis/{kpi}/measurements"

    static func kpiBody(_ goal: String, name: String = "Online-Anteil") -> [String: Any] {
        ["goalId": goal, "name": name, "unit": "%", "direction": "increase", "baseline": 10, "baselineOn": "2024-01-01",
         "target": 60, "targetOn": "2029-12-31", "cadence": "quarterly"]
    }

    static func count(_ kpi: String, _ server: TestServer) async throws -> Int {
        try await KPIMeasurementRecord.query(on: server.db).filter(\.$kpi.$id == UUID(uuidString: kpi)!).count()
    }

    @Test("a bad definition names its fields; a wrong unit or a future date is 422 and a batch with one bad row stores nothing")
    func definitionsAndMeasurements() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let bad = try await s.api.call(.POST, "/api/v1/kpis", token: s.team,
                                           json: ["goalId": "kein-ziel", "name": "Fehler", "unit": "%", "direction": "increase", "baseline": 50,
                                                  "baselineOn": "2027-01-01", "target": 40, "targetOn": "2026-01-01"], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(bad) == ["goalId", "targetOn", "target"])
            try await s.api.call(.POST, "/api/v1/kpis", token: s.reader, json: Self.kpiBody(s.ids.goal), expect: .forbidden)
            try await s.api.call(.POST, "/api/v1/kpis", token: s.readOnly, json: Self.kpiBody(s.ids.goal), expect: .forbidden)

            let created = try await s.api.call(.POST, "/api/v1/kpis", token: s.team, json: Self.kpiBody(s.ids.goal), expect: .created)
            let kpi = try #require(try created.value()["id"]?.string)
            #expect(created.location == "/api/v1/kpis/\(kpi)")
            let k = ["kpi": kpi]
            let wrongUnit = try await s.api.call(.POST, Self.measurements, k, token: s.team,
                                                 json: ["measurements": [["measuredOn": "2026-12-01", "value": 12, "unit": "Tage"]]],
                                                 expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(wrongUnit) == ["measurements[0].unit"])
            let future = try await s.api.call(.POST, Self.measurements, k, token: s.team,
                                              json: ["measurements": [["measuredOn": "2026-11-01", "value": 20, "unit": " % "],
                                                                      ["measuredOn": "2026-12-07", "value": 21]]], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(future) == ["measurements[1].measuredOn"])
            #expect(try await Self.count(kpi, server) == 0, "the good row of a refused batch was stored")

            let added = try await s.api.call(.POST, Self.measurements, k, token: s.team,
                                             json: ["measurements": [["measuredOn": "2026-11-01", "value": 20, "unit": " % "],
                                                                     ["measuredOn": "01.12.2026", "value": 35, "note": "Dezember"]]], expect: .created).value()
            #expect(added["added"] == .number(2))
            #expect(added["measurements"]?.array?.last?["source"] == .string("api"))
            let twice = try await s.api.call(.POST, Self.measurements, k, token: s.team,
                                             json: ["measurements": [["measuredOn": "2026-12-01", "value": 36]]], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(twice) == ["measurements[0].measuredOn"])
            let shown = try await s.api.call(.GET, "/api/v1/kpis/{kpi}", k, token: s.reader, expect: .ok).value()
            #expect(shown["latestValue"] == .number(35) && shown["lastMeasuredOn"] == .string("2026-12-01") && shown["stale"] == .bool(false))
            #expect(abs((shown["progress"]?.number ?? 0) - 0.5) < 1e-9)
            // 20 on 1 November, 35 on 1 December: 0.5 a day, far beyond 60 by 2029.
            #expect(shown["trend"]?["onTrack"] == .bool(true) && abs((shown["trend"]?["slopePerDay"]?.number ?? 0) - 0.5) < 1e-9)
            let rollup = try await s.api.call(.GET, "/api/v1/monitoring/kpi-rollup", query: "lang=en", token: s.reader, expect: .ok).value()
            let goals = rollup["fields"]?.array?.flatMap { $0["goals"]?.array ?? [] } ?? []
            let goal = try #require(goals.first { $0["goal"]?["id"]?.string?.lowercased() == s.ids.goal.lowercased() })
            #expect(goal["kpis"]?.array?.contains { $0["id"]?.string?.lowercased() == kpi.lowercased() } == true)
            #expect(rollup["strategy"]?["explanation"]?.string?.isEmpty == false)
            let listed = try await s.api.call(.GET, "/api/v1/kpis", query: "goal=\(s.ids.goal)", token: s.reader, expect: .ok).value()
            #expect(listed["items"]?.array?.contains { $0["id"] == .string(kpi) } == true)
            let unknownGoal = try await s.api.call(.GET, "/api/v1/kpis", query: "goal=kein-uuid", token: s.reader, expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(unknownGoal) == ["goal"])
            try await s.api.call(.POST, Self.measurements, k, token: s.reader,
                                 json: ["measurements": [["measuredOn": "2026-10-01", "value": 1]]], expect: .forbidden)
            #expect(try await Self.count(kpi, server) == 2)

            // The KPI's owner may measure it, though a reader otherwise.
            var owned = Self.kpiBody(s.ids.goal, name: "Bearbeitungsdauer")
            owned["ownerId"] = s.ids.member
            let ownedKPI = try #require(try await s.api.call(.POST, "/api/v1/kpis", token: s.team, json: owned, expect: .created).value()["id"]?.string)
            try await s.api.call(.POST, Self.measurements, ["kpi": ownedKPI], token: s.reader,
                                 json: ["measurements": [["measuredOn": "2026-10-01", "value": 12]]], expect: .created)
            try await s.api.call(.PUT, "/api/v1/kpis/{kpi}", ["kpi": ownedKPI], token: s.reader, json: owned, expect: .forbidden)

            // The definition is replaced under its version.
            let etag = try await s.api.call(.GET, "/api/v1/kpis/{kpi}", k, token: s.team, expect: .ok).headers.first(name: "ETag") ?? ""
            var changed = Self.kpiBody(s.ids.goal, name: "Online-Anteil gesamt")
            changed["target"] = 85
            try await s.api.call(.PUT, "/api/v1/kpis/{kpi}", k, token: s.team, json: changed, headers: ["If-Match": etag], expect: .ok)
            try await s.api.call(.PUT, "/api/v1/kpis/{kpi}", k, token: s.team, json: Self.kpiBody(s.ids.goal), headers: ["If-Match": etag],
                                 expect: .preconditionFailed)
            let stored = try #require(try await KPIRecord.find(UUID(uuidString: kpi), on: server.db))
            #expect(stored.name == "Online-Anteil gesamt" && stored.target == 85)
        }
    }

    @Test("a CSV upload through the API stores every row or, with one broken row, none and names the row")
    func csvUpload() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let kpi = try #require(try await s.api.call(.POST, "/api/v1/kpis", token: s.team, json: Self.kpiBody(s.ids.goal), expect: .created)
                .value()["id"]?.string)
            let k = ["kpi": kpi]
            let broken = try await s.api.call(.POST, Self.measurements, k, token: s.team,
                                              rawBody: Data("Datum;Wert;Einheit\n01.10.2026;20;%\n01.11.2026;viel;%\n".utf8),
                                              headers: ["Content-Type": "text/csv"], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(broken) == ["csv[2].value"])
            #expect(try await Self.count(kpi, server) == 0)
            let added = try await s.api.call(.POST, Self.measurements, k, token: s.team,
                                             rawBody: Data("Datum;Wert;Notiz\n01.10.2026;20,5;Oktober\n2026-11-01;30;\n".utf8),
                                             headers: ["Content-Type": "text/csv; charset=utf-8"], expect: .created).value()
            #expect(added["added"] == .number(2))
            #expect(added["measurements"]?.array?.map { $0["source"] } == [.string("csv"), .string("csv")])
            #expect(added["measurements"]?.array?.first?["value"] == .number(20.5))
            try await s.api.call(.POST, Self.measurements, k, token: s.team, rawBody: Data("<x/>".utf8),
                                 headers: ["Content-Type": "application/xml"], expect: .unsupportedMediaType)
            try await s.api.call(.POST, Self.measurements, k, token: s.readOnly, rawBody: Data("Datum;Wert\n02.11.2026;31\n".utf8),
                                 headers: ["Content-Type": "text/csv"], expect: .forbidden)
            #expect(try await Self.count(kpi, server) == 2)
        }
    }

    @Test("after a period is locked, measurements and status reports dated in it are refused naming the date; unlocked, they are stored")
    func lockedPeriods() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let kpi = try #require(try await s.api.call(.POST, "/api/v1/kpis", token: s.team, json: Self.kpiBody(s.ids.goal), expect: .created)
                .value()["id"]?.string)
            for (kind, interval) in [("kpiMeasurement", "quarterly"), ("projectStatus", "monthly")] {
                try await s.api.call(.POST, "/api/v1/update-cycles", token: s.team,
                                     json: ["subjectKind": kind, "interval": interval, "deadlineDays": 10, "startDate": "2026-01-01",
                                            "ownerRule": "subjectOwner"], expect: .created)
            }
            let running = try await s.api.call(.POST, "/api/v1/monitoring/locks", token: s.team,
                                               json: ["subjectKind": "kpiMeasurement", "day": "2026-11-15"], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(running) == ["day"], "the running quarter cannot be locked")
            let quarter = try await s.api.call(.POST, "/api/v1/monitoring/locks", token: s.team,
                                               json: ["subjectKind": "kpiMeasurement", "day": "2026-08-20"], expect: .created).value()
            #expect(quarter["periodStart"] == .string("2026-07-01") && quarter["periodEnd"] == .string("2026-09-30"))
            let month = try await s.api.call(.POST, "/api/v1/monitoring/locks", token: s.team,
                                             json: ["subjectKind": "projectStatus", "day": "2026-11-03"], expect: .created).value()
            try await s.api.call(.POST, "/api/v1/monitoring/locks", token: s.reader,
                                 json: ["subjectKind": "projectStatus", "day": "2026-10-03"], expect: .forbidden)

            let measurement: [String: Any] = ["measurements": [["measuredOn": "2026-09-30", "value": 22]]]
            let refused = try await s.api.call(.POST, Self.measurements, ["kpi": kpi], token: s.team, json: measurement, expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(refused) == ["measurements[0].measuredOn"])
            let csv = try await s.api.call(.POST, Self.measurements, ["kpi": kpi], token: s.team, rawBody: Data("Datum;Wert\n15.07.2026;21\n".utf8),
                                           headers: ["Content-Type": "text/csv"], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(csv) == ["csv[1].measuredOn"])
            let report = try await s.api.call(.POST, MonitoringAPIStatusTests.reports, ["project": s.project], token: s.team,
                                              json: MonitoringAPIFixture.report("2026-11-20"), expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(report) == ["reportedOn"])
            #expect(try await Self.count(kpi, server) == 0)

            try await s.api.call(.DELETE, "/api/v1/monitoring/locks/{lock}", ["lock": try #require(quarter["id"]?.string)], token: s.team,
                                 expect: .noContent)
            try await s.api.call(.DELETE, "/api/v1/monitoring/locks/{lock}", ["lock": try #require(month["id"]?.string)], token: s.reader,
                                 expect: .forbidden)
            try await s.api.call(.POST, Self.measurements, ["kpi": kpi], token: s.team, json: measurement, expect: .created)
            let locks = try await s.api.call(.GET, "/api/v1/monitoring/locks", token: s.reader, expect: .ok).value()["items"]?.array ?? []
            #expect(locks.count == 1 && locks.first?["periodStart"] == .string("2026-11-01"))
        }
    }
}
