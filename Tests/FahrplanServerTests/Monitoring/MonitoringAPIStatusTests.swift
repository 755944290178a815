import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// What the monitoring API tests share: a fixed day (6 December 2026 in Berlin), tokens, and another
/// municipality with a project, a KPI, an update cycle and a locked period of its own.
enum MonitoringAPIFixture {
    /// 6 December 2026, noon in Berlin (as the service tests).
    static let today = Date(timeIntervalSince1970: 1_796_554_800)

    struct Setup {
        var api: APIConformance
        var team: String
        var reader: String
        var readOnly: String
        var project: String
        var ids: DemoIDs
    }

    /// Fixes the day and removes the demo's locks and cycles (if any), so that the days these tests write are open
    /// and a cycle of each kind can be created.
    static func setUp(_ server: TestServer) async throws -> Setup {
        server.app.municipalCalendar = .fixed(at: today)
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        try await MonitoringPeriodLock.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await UpdateCycleRow.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        let api = try await APIConformance(server: server)
        return Setup(api: api, team: try await Fixtures.token(for: Fixtures.strategyTeam, on: server),
                     reader: try await Fixtures.token(for: Fixtures.reader, on: server),
                     readOnly: try await Operations.createToken(server.app, email: Fixtures.strategyTeam, municipalitySlug: "musterstadt",
                                                                name: "Lesen", readOnly: true),
                     project: try await MonitoringAPIExercise.runningProject(on: server).requireID().uuidString,
                     ids: try await DemoIDs.load(on: server))
    }

    struct Other {
        var project: UUID
        var kpi: UUID
        var cycles: WalkCycles
        var userID: UUID
    }

    /// Nachbarstadt with a project, a KPI with a measurement, a status cycle and a locked January 2025.
    static func other(_ server: TestServer) async throws -> Other {
        let fixture = try await Fixtures.otherMunicipality(on: server)
        let user = try #require(try await User.find(fixture.userID, on: server.db))
        let context = MunicipalityContext(municipality: fixture.municipality, municipalityID: try fixture.municipality.requireID(),
                                          user: CurrentUser(user), role: .strategyTeam,
                                          permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        let projects = try await WalkProjects.create(context: context, departmentID: fixture.departmentID, elementID: fixture.goalID,
                                                     suffix: Fixtures.OtherMunicipality.marker, on: server.db)
        return Other(project: projects.main,
                     kpi: try await WalkKPIs.create(context: context, goalID: fixture.goalID, suffix: Fixtures.OtherMunicipality.marker, on: server.db),
                     cycles: try await WalkCycles.create(context: context, on: server.db), userID: fixture.userID)
    }

    static func report(_ day: String, schedule: String = "green", reason: String? = nil) -> [String: Any] {
        var body: [String: Any] = ["reportedOn": day, "schedule": schedule, "budget": "green", "scope": "green", "percentComplete": 30]
        if let reason { body["scheduleReason"] = reason }
        return body
    }

    static func fields(_ response: TestResponse) throws -> Set<String> { Set(try OpenAPIConformanceTests.fields(response)) }
}

@Suite("Monitoring API: status reports, milestones, owner")
struct MonitoringAPIStatusTests {
    static let reports = "/api/v1/projects/{project}/status-reports"
    static let milestones = "/api/v1/projects/{project}/milestones"
    static let milestone = "/api/v1/projects/{project}/milestones/{milestone}"

    @Test("reports are created and listed newest first; bad input and a closed project are 422 naming the field, nothing stored")
    func reportsAndBadInput() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let p = ["project": s.project]
            let first = try await s.api.call(.POST, Self.reports, p, token: s.team, json: MonitoringAPIFixture.report("2026-11-02"), expect: .created)
            #expect(try first.value()["reportedOn"] == .string("2026-11-02"))
            #expect(try first.value()["overall"] == .string("green"))
            var red = MonitoringAPIFixture.report("2026-12-01", schedule: "red", reason: "Vergabe gescheitert")
            red["spentToDateCents"] = 120_050
            let second = try await s.api.call(.POST, Self.reports, p, token: s.team, json: red, expect: .created).value()
            #expect(second["spentToDateCents"] == .number(120_050) && second["scheduleReason"] == .string("Vergabe gescheitert"))
            let list = try await s.api.call(.GET, Self.reports, p, token: s.reader, expect: .ok).value()["items"]?.array ?? []
            #expect(list.prefix(2).compactMap { $0["reportedOn"]?.string } == ["2026-12-01", "2026-11-02"])
            let dashboard = try await s.api.call(.GET, "/api/v1/monitoring/dashboard", token: s.reader, expect: .ok).value()
            #expect(dashboard["redLights"]?.array?.contains { $0["projectId"] == .string(s.project) } == true)

            let count = try await ProjectStatusReport.query(on: server.db).count()
            let bad = try await s.api.call(.POST, Self.reports, p, token: s.team,
                                           json: ["reportedOn": "2026-12-07", "schedule": "red", "budget": "green", "scope": "lila",
                                                  "percentComplete": 120, "spentToDateCents": -5], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(bad) == ["reportedOn", "scheduleReason", "scope", "percentComplete", "spentToDateCents"])
            let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
            let closed = try #require(try await Project.query(on: server.db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$id != UUID(uuidString: s.project)!).filter(\.$archivedAt == nil).sort(\.$code).first())
            closed.status = ProjectStatus.completed.rawValue
            try await closed.save(on: server.db)
            let refused = try await s.api.call(.POST, Self.reports, ["project": try closed.requireID().uuidString], token: s.team,
                                               json: MonitoringAPIFixture.report("2026-12-01"), expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(refused) == ["project"])
            #expect(try await ProjectStatusReport.query(on: server.db).count() == count, "a refused report was stored")

            // Who may not write: a reader (403), any read-only token (403).
            try await s.api.call(.POST, Self.reports, p, token: s.reader, json: MonitoringAPIFixture.report("2026-12-02"), expect: .forbidden)
            try await s.api.call(.POST, Self.reports, p, token: s.readOnly, json: MonitoringAPIFixture.report("2026-12-02"), expect: .forbidden)
            try await s.api.call(.GET, Self.reports, p, token: s.readOnly, expect: .ok)
            #expect(try await ProjectStatusReport.query(on: server.db).count() == count)
        }
    }

    @Test("a milestone done before it was created or in the future is 422; If-Match guards changes (412); the owner must be a member")
    func milestonesAndOwner() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let p = ["project": s.project]
            let created = try await s.api.call(.POST, Self.milestones, p, token: s.team,
                                               json: ["title": "Ausschreibung", "dueOn": "15.12.2026", "ownerUserId": s.ids.member], expect: .created)
            let body = try created.value()
            #expect(body["createdOn"] == .string("2026-12-06") && body["dueOn"] == .string("2026-12-15") && body["overdue"] == .bool(false))
            var m = p
            m["milestone"] = try #require(body["id"]?.string)
            let etag = try #require(created.headers.first(name: "ETag"))

            let early = try await s.api.call(.PUT, Self.milestone, m, token: s.team,
                                             json: ["title": "Ausschreibung", "dueOn": "2026-12-15", "doneOn": "2026-12-01"], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(early) == ["doneOn"])
            let future = try await s.api.call(.PUT, Self.milestone, m, token: s.team,
                                              json: ["title": "", "dueOn": "2026-12-15", "doneOn": "2026-12-24"], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(future) == ["title", "doneOn"])
            let done = try await s.api.call(.PUT, Self.milestone, m, token: s.team,
                                            json: ["title": "Ausschreibung", "dueOn": "2026-12-15", "doneOn": "2026-12-06"],
                                            headers: ["If-Match": etag], expect: .ok)
            #expect(try done.value()["doneOn"] == .string("2026-12-06") && done.value()["ownerUserId"] == nil, "PUT replaces: the owner left out is cleared")
            try await s.api.call(.PUT, Self.milestone, m, token: s.team, json: ["title": "Alt", "dueOn": "2026-12-15"],
                                 headers: ["If-Match": etag], expect: .preconditionFailed)
            let stored = try #require(try await ProjectMilestone.find(UUID(uuidString: m["milestone"]!), on: server.db))
            #expect(stored.title == "Ausschreibung" && stored.doneOn == "2026-12-06" && stored.version == 2)
            try await s.api.call(.PUT, Self.milestone, m, token: s.reader, json: ["title": "Leser", "dueOn": "2026-12-15"], expect: .forbidden)

            let other = try await Fixtures.otherMunicipality(on: server)
            let stranger = try await s.api.call(.PUT, "/api/v1/projects/{project}/monitoring-owner", p, token: s.team,
                                                json: ["ownerUserId": other.userID.uuidString], expect: .unprocessableEntity)
            #expect(try MonitoringAPIFixture.fields(stranger) == ["ownerUserId"])
            let owner = try await s.api.call(.PUT, "/api/v1/projects/{project}/monitoring-owner", p, token: s.team,
                                             json: ["ownerUserId": s.ids.member], expect: .ok).value()
            #expect(owner["ownerUserId"]?.string?.lowercased() == s.ids.member.lowercased() && owner["ownerName"]?.string?.isEmpty == false)
            // The named owner (a reader otherwise) may report on the project; nobody else of the readers may.
            try await s.api.call(.POST, Self.reports, p, token: s.reader, json: MonitoringAPIFixture.report("2026-12-05"), expect: .created)
            try await s.api.call(.PUT, "/api/v1/projects/{project}/monitoring-owner", p, token: s.reader, json: ["ownerUserId": NSNull()],
                                 expect: .forbidden)
            let cleared = try await s.api.call(.PUT, "/api/v1/projects/{project}/monitoring-owner", p, token: s.team,
                                               json: ["ownerUserId": NSNull()], expect: .ok).value()
            #expect(cleared["ownerUserId"] == nil)
            try await s.api.call(.POST, Self.reports, p, token: s.reader, json: MonitoringAPIFixture.report("2026-12-04"), expect: .forbidden)
        }
    }

    @Test("another municipality's project, KPI, cycle and lock are 404 on every monitoring route, and stay as they were")
    func otherMunicipality() async throws {
        try await withServer { server in
            let s = try await MonitoringAPIFixture.setUp(server)
            let b = try await MonitoringAPIFixture.other(server)
            let p = ["project": b.project.uuidString]
            let kpi = ["kpi": b.kpi.uuidString]
            let cycle = ["cycle": b.cycles.cycleID.uuidString]
            let measurementsBefore = try await KPIMeasurementRecord.query(on: server.db).filter(\.$kpi.$id == b.kpi).count()
            let responses = [
                try await s.api.call(.GET, Self.reports, p, token: s.team, expect: .notFound),
                try await s.api.call(.POST, Self.reports, p, token: s.team, json: MonitoringAPIFixture.report("2026-12-01"), expect: .notFound),
                try await s.api.call(.GET, Self.milestones, p, token: s.team, expect: .notFound),
                try await s.api.call(.POST, Self.milestones, p, token: s.team, json: ["title": "Fremd", "dueOn": "2027-01-01"], expect: .notFound),
                try await s.api.call(.GET, Self.milestone, ["project": s.project, "milestone": UUID().uuidString], token: s.team, expect: .notFound),
                try await s.api.call(.PUT, "/api/v1/projects/{project}/monitoring-owner", p, token: s.team, json: ["ownerUserId": NSNull()],
                                     expect: .notFound),
                try await s.api.call(.GET, "/api/v1/kpis/{kpi}", kpi, token: s.team, expect: .notFound),
                try await s.api.call(.PUT, "/api/v1/kpis/{kpi}", kpi, token: s.team, json: ["name": "Fremd"], expect: .notFound),
                try await s.api.call(.GET, "/api/v1/kpis/{kpi}/measurements", kpi, token: s.team, expect: .notFound),
                try await s.api.call(.POST, "/api/v1/kpis/{kpi}/measurements", kpi, token: s.team,
                                     json: ["measurements": [["measuredOn": "2026-12-01", "value": 1]]], expect: .notFound),
                try await s.api.call(.GET, "/api/v1/update-cycles/{cycle}", cycle, token: s.team, expect: .notFound),
                try await s.api.call(.PUT, "/api/v1/update-cycles/{cycle}", cycle, token: s.team,
                                     json: ["subjectKind": "projectStatus", "interval": "yearly", "deadlineDays": 5, "startDate": "2025-01-01",
                                            "ownerRule": "subjectOwner"], expect: .notFound),
                try await s.api.call(.DELETE, "/api/v1/update-cycles/{cycle}", cycle, token: s.team, expect: .notFound),
                try await s.api.call(.DELETE, "/api/v1/monitoring/locks/{lock}", ["lock": b.cycles.lockID.uuidString], token: s.team, expect: .notFound),
            ]
            for response in responses { #expect(!response.body.contains(Fixtures.OtherMunicipality.marker)) }
            let lists = try await s.api.call(.GET, "/api/v1/kpis", token: s.team, expect: .ok).body
                + s.api.call(.GET, "/api/v1/update-cycles", token: s.team, expect: .ok).body
                + s.api.call(.GET, "/api/v1/monitoring/locks", token: s.team, expect: .ok).body
            #expect(!lists.contains(b.kpi.uuidString) && !lists.lowercased().contains(b.cycles.cycleID.uuidString.lowercased()))
            #expect(try await ProjectStatusReport.query(on: server.db).filter(\.$project.$id == b.project).count() == 0)
            #expect(try await ProjectMilestone.query(on: server.db).filter(\.$project.$id == b.project).count() == 0)
            #expect(try await KPIMeasurementRecord.query(on: server.db).filter(\.$kpi.$id == b.kpi).count() == measurementsBefore)
            let cycleRow = try #require(try await UpdateCycleRow.find(b.cycles.cycleID, on: server.db))
            #expect(cycleRow.interval == "monthly")
            #expect(try await MonitoringPeriodLock.find(b.cycles.lockID, on: server.db) != nil)
        }
    }
}
