import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The monitoring API's part of the OpenAPI conformance tests: every operation once with success (each answer held
/// against openapi.json), the ids `badRequests` needs, and the bodies of the wrong JSON type it sends.
enum MonitoringAPIExercise {
    static let project = "/api/v1/projects/{project}"

    /// A project of Musterstadt in implementation (the first by code is moved there when the demo has none).
    static func runningProject(on server: TestServer) async throws -> Project {
        let municipality = try await Fixtures.musterstadt(on: server)
        let id = try municipality.requireID()
        if let found = try await Project.query(on: server.db).filter(\.$municipality.$id == id)
            .filter(\.$status == ProjectStatus.inProgress.rawValue).filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil)
            .sort(\.$code).first() { return found }
        let project = try #require(try await Project.query(on: server.db).filter(\.$municipality.$id == id)
            .filter(\.$archivedAt == nil).sort(\.$code).first())
        project.status = ProjectStatus.inProgress.rawValue
        try await project.save(on: server.db)
        return project
    }

    static func today(_ server: TestServer) -> CalendarDay { server.app.municipalCalendar.today }

    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let ids = try await DemoIDs.load(on: server)
        let today = Self.today(server).iso
        let p = ["project": try await runningProject(on: server).requireID().uuidString]

        // Status reports, milestones, owner
        try await api.call(.POST, project + "/status-reports", p, token: token,
                           json: ["reportedOn": today, "schedule": "yellow", "scheduleReason": "Lieferant verspätet", "budget": "green",
                                  "scope": "green", "percentComplete": 40, "achieved": "Pilot läuft", "spentToDateCents": 1_250_000],
                           expect: .created)
        try await api.call(.GET, project + "/status-reports", p, token: token, expect: .ok)
        let created = try await api.call(.POST, project + "/milestones", p, token: token,
                                          json: ["title": "Go-live", "dueOn": today, "ownerUserId": ids.member], expect: .created)
        let milestone = try #require(try created.value()["id"]?.string)
        #expect(created.location == "/api/v1/projects/\(p["project"]!)/milestones/\(milestone)")
        var m = p
        m["milestone"] = milestone
        let shown = try await api.call(.GET, project + "/milestones/{milestone}", m, token: token, expect: .ok)
        try await api.call(.PUT, project + "/milestones/{milestone}", m, token: token,
                           json: ["title": "Go-live", "dueOn": today, "doneOn": today, "ownerUserId": ids.member],
                           headers: ["If-Match": shown.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.GET, project + "/milestones", p, token: token, expect: .ok)
        try await api.call(.PUT, project + "/monitoring-owner", p, token: token, json: ["ownerUserId": ids.member], expect: .ok)
        try await api.call(.GET, project + "/monitoring-owner", p, token: token, expect: .ok)

        // KPIs and measurements
        try await api.call(.GET, "/api/v1/kpis", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/kpis", query: "goal=\(ids.goal)", token: token, expect: .ok)
        let kpiBody: [String: Any] = ["goalId": ids.goal, "name": "Online-Anteil", "unit": "%", "direction": "increase", "baseline": 10,
                                      "baselineOn": "2024-01-01", "target": 60, "targetOn": "2029-12-31", "cadence": "quarterly"]
        let kpi = try #require(try await api.call(.POST, "/api/v1/kpis", token: token, json: kpiBody, expect: .created).value()["id"]?.string)
        let k = ["kpi": kpi]
        let kpiShown = try await api.call(.GET, "/api/v1/kpis/{kpi}", k, token: token, expect: .ok)
        var changed = kpiBody
        changed["target"] = 70
        try await api.call(.PUT, "/api/v1/kpis/{kpi}", k, token: token, json: changed,
                           headers: ["If-Match": kpiShown.headers.first(name: "ETag") ?? ""], expect: .ok)
        try await api.call(.POST, "/api/v1/kpis/{kpi}/measurements", k, token: token,
                           json: ["measurements": [["measuredOn": today, "value": 25.5, "unit": "%"]]], expect: .created)
        var csvKPI = kpiBody
        csvKPI["name"] = "Online-Anteil (CSV)"
        let second = try #require(try await api.call(.POST, "/api/v1/kpis", token: token, json: csvKPI, expect: .created).value()["id"]?.string)
        try await api.call(.POST, "/api/v1/kpis/{kpi}/measurements", ["kpi": second], token: token,
                           rawBody: Data("Datum;Wert\n\(today);30\n".utf8), headers: ["Content-Type": "text/csv"], expect: .created)
        try await api.call(.GET, "/api/v1/kpis/{kpi}/measurements", k, token: token, expect: .ok)

        // Update cycles (the demo's are removed first: one cycle per kind), locks, overview, due lists
        let existing = try await api.call(.GET, "/api/v1/update-cycles", token: token, expect: .ok).value()["items"]?.array ?? []
        for cycle in existing.compactMap({ $0["id"]?.string }) {
            try await api.call(.DELETE, "/api/v1/update-cycles/{cycle}", ["cycle": cycle], token: token, expect: .noContent)
        }
        let status = try await api.call(.POST, "/api/v1/update-cycles", token: token,
                                        json: ["subjectKind": "projectStatus", "interval": "monthly", "deadlineDays": 5, "startDate": "2020-01-01",
                                               "ownerRule": "subjectOwner"], expect: .created)
        let c = ["cycle": try #require(try status.value()["id"]?.string)]
        try await api.call(.GET, "/api/v1/update-cycles/{cycle}", c, token: token, expect: .ok)
        try await api.call(.PUT, "/api/v1/update-cycles/{cycle}", c, token: token,
                           json: ["subjectKind": "projectStatus", "interval": "monthly", "deadlineDays": 10, "startDate": "2020-01-01",
                                  "ownerRule": "namedPerson", "namedOwnerId": ids.member], expect: .ok)
        let kpiCycle = try await api.call(.POST, "/api/v1/update-cycles", token: token,
                                          json: ["subjectKind": "kpiMeasurement", "interval": "quarterly", "deadlineDays": 30,
                                                 "startDate": "2020-01-01", "ownerRule": "subjectOwner"], expect: .created)
        if existing.isEmpty {
            try await api.call(.DELETE, "/api/v1/update-cycles/{cycle}", ["cycle": try #require(try kpiCycle.value()["id"]?.string)],
                               token: token, expect: .noContent)
        }
        let lock = try await api.call(.POST, "/api/v1/monitoring/locks", token: token,
                                      json: ["subjectKind": "projectStatus", "day": "2020-02-15"], expect: .created)
        try await api.call(.GET, "/api/v1/monitoring/locks", token: token, expect: .ok)
        try await api.call(.DELETE, "/api/v1/monitoring/locks/{lock}", ["lock": try #require(try lock.value()["id"]?.string)], token: token,
                           expect: .noContent)
        try await api.call(.GET, "/api/v1/update-cycles", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/monitoring/dashboard", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/monitoring/due", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/monitoring/due", query: "scope=late", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/monitoring/kpi-rollup", token: token, expect: .ok)
        try await api.call(.PUT, "/api/v1/monitoring/settings", token: token, json: ["staleAfterWeeks": 8], expect: .ok)
        try await api.call(.GET, "/api/v1/monitoring/settings", token: token, expect: .ok)
    }

    /// Ids for `badRequests`: a milestone of the given project (written directly: the project may be in any state),
    /// a KPI and an update cycle of Musterstadt.
    static func ids(project: String, on server: TestServer) async throws -> [String: String] {
        let municipality = try await Fixtures.musterstadt(on: server)
        let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        let milestone = ProjectMilestone()
        milestone.id = UUID()
        milestone.$municipality.id = context.municipalityID
        milestone.$project.id = try #require(UUID(uuidString: project))
        milestone.createdOn = "2026-01-01"
        milestone.version = 1
        milestone.apply(Milestone(title: "Prüfmeilenstein", dueOn: CalendarDay(iso: "2027-01-01")!))
        try await milestone.create(on: server.db)
        let goal = try await Fixtures.firstElement(.goal, on: server).requireID()
        let kpi = try await KPIService(db: server.db, context: context).create(KPIService.Form(
            input: KPIInput(name: "Prüfkennzahl", unit: "%", direction: "increase", baseline: "1", baselineOn: "01.01.2024",
                            target: "2", targetOn: "31.12.2028"),
            goalID: goal.uuidString, projectID: nil, ownerID: nil, version: nil))
        let cycles = UpdateCycleService(db: server.db, context: context, sources: [])
        var cycle = try await cycles.cycles().first
        if cycle == nil {
            cycle = try await cycles.save(UpdateCycleInput(
                kind: "projectStatus", interval: "monthly", deadlineDays: "5", startDate: "01.01.2025", ownerRule: "subjectOwner"))
        }
        return ["milestone": try milestone.requireID().uuidString, "kpi": try kpi.requireID().uuidString,
                "cycle": try #require(cycle).requireID().uuidString]
    }

    /// A body of the wrong JSON type per monitoring operation, and the field the 400 names. Ids are read as text
    /// and checked against the municipality (422), so there is no malformed-id case.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case project + "/status-reports": return (["percentComplete": "viel"], "percentComplete", nil)
        case project + "/milestones", project + "/milestones/{milestone}": return (["title": 5], "title", nil)
        case project + "/monitoring-owner": return (["ownerUserId": 5], "ownerUserId", nil)
        case "/api/v1/kpis", "/api/v1/kpis/{kpi}": return (["baseline": "zehn"], "baseline", nil)
        case "/api/v1/kpis/{kpi}/measurements": return (["measurements": "alle"], "measurements", nil)
        case "/api/v1/update-cycles", "/api/v1/update-cycles/{cycle}": return (["deadlineDays": "fünf"], "deadlineDays", nil)
        case "/api/v1/monitoring/locks": return (["day": 5], "day", nil)
        case "/api/v1/monitoring/settings": return (["staleAfterWeeks": "acht"], "staleAfterWeeks", nil)
        default: return nil
        }
    }
}
