import AsyncHTTPClient
import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Musterstadt's monitoring data for the committee report tests, written straight into the database (the demo's
/// monitoring content is off in tests): four demo projects put under the first field of action — one completed
/// in March 2026, one in implementation since 2025 with two status reports (the newer, in the period, naming a
/// hostile obstacle) and milestones, one approved to start in 2027, one idea (never listed) — a KPI of the first
/// goal with a measurement before and one in the period, and a decision in the period with a hostile summary.
struct CommitteeReportFixture {
    static let hostile = "<script>alert(1)</script> & ]]> \u{202E}Umkehr"
    static let period = "from=2026-01-01&to=2026-12-06"

    var municipalityID: UUID
    var field: StrategyElement
    var completed: Project
    var running: Project
    var approved: Project
    var idea: Project
    var kpiID: UUID
    var team: String
    var reader: String

    static func make(_ server: TestServer) async throws -> CommitteeReportFixture {
        server.app.municipalCalendar = .fixed(at: MonitoringAPIFixture.today)
        let municipality = try await Fixtures.musterstadt(on: server)
        let municipalityID = try municipality.requireID()
        let db = server.db
        let field = try await Fixtures.firstElement(.fieldOfAction, on: server)
        let goal = try #require(try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$kind == StrategyElementKind.goal.rawValue).filter(\.$parent.$id == field.requireID()).sort(\.$position).first())
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$mergedInto.$id == nil).sort(\.$code).range(0..<4).all()
        try #require(projects.count == 4)
        let (completed, running, approved, idea) = (projects[0], projects[1], projects[2], projects[3])
        func set(_ project: Project, _ status: ProjectStatus, start: String?, end: String?) async throws {
            project.status = status.rawValue; project.startOn = start; project.endOn = end
            try await project.save(on: db)
            try await ProjectStrategyLink.query(on: db).filter(\.$project.$id == project.requireID()).delete()
            try await ProjectStrategyLink(municipalityID: municipalityID, projectID: project.requireID(), elementID: field.requireID()).create(on: db)
        }
        try await set(completed, .completed, start: "2025-06-01", end: "2026-03-31")
        try await set(running, .inProgress, start: "2025-10-01", end: "2027-06-30")
        try await set(approved, .approved, start: "2027-01-01", end: "2027-12-31")
        try await set(idea, .idea, start: nil, end: nil)
        func moment(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso + "T10:00:00Z")! }
        for (project, status, day) in [(completed, ProjectStatus.inProgress, "2025-06-01"), (completed, .completed, "2026-03-10"),
                                       (running, .inProgress, "2025-10-15")] {
            try await ProjectStatusChangeRecord(municipalityID: municipalityID, projectID: project.requireID(), from: nil, to: status,
                                                reason: nil, at: moment(day), byID: nil, byName: "Test").create(on: db)
        }
        func report(_ day: String, _ light: TrafficLight, percent: Int, obstacles: String?, spent: Int64?) -> StatusReport {
            StatusReport(reportedOn: CalendarDay(iso: day)!, schedule: StatusLight(light, reason: light == .green ? nil : "Verzug bei der Vergabe"),
                         budget: StatusLight(.green), scope: StatusLight(.green), percentComplete: percent, obstacles: obstacles,
                         spentToDateCents: spent)
        }
        try await ProjectStatusReport(municipalityID: municipalityID, projectID: running.requireID(),
                                      report: report("2025-12-01", .green, percent: 20, obstacles: "Altes Hindernis", spent: 1_000_000)).create(on: db)
        try await ProjectStatusReport(municipalityID: municipalityID, projectID: running.requireID(),
                                      report: report("2026-11-02", .red, percent: 60, obstacles: "Fachkräfte fehlen " + hostile, spent: 4_500_000)).create(on: db)
        for (title, due, done) in [("Ausschreibung", "2026-02-01", "2026-02-10"), ("Pilotbetrieb", "2027-02-01", nil as String?)] {
            let milestone = ProjectMilestone()
            milestone.id = UUID(); milestone.$municipality.id = municipalityID; milestone.$project.id = try running.requireID()
            milestone.title = title; milestone.dueOn = due; milestone.doneOn = done; milestone.createdOn = "2025-10-15"; milestone.version = 1
            try await milestone.create(on: db)
        }
        let kpi = KPIRecord()
        kpi.id = UUID(); kpi.$municipality.id = municipalityID; kpi.$goal.id = try goal.requireID()
        kpi.apply(KPIDefinition(name: "Online-Anträge (Bericht)", unit: "%", direction: .increase, baseline: 10,
                                baselineOn: CalendarDay(iso: "2025-01-01")!, target: 60, targetOn: CalendarDay(iso: "2028-12-31")!))
        kpi.version = 1
        try await kpi.create(on: db)
        for (day, value) in [("2025-12-15", 20.0), ("2026-09-30", 35.0), ("2027-01-31", 50.0)] {
            try await KPIMeasurementRecord(municipalityID: municipalityID, kpiID: kpi.requireID(),
                                           KPIMeasurement(measuredOn: CalendarDay(iso: day)!, value: value), recordedBy: "Test").create(on: db)
        }
        let decision = Decision()
        decision.id = UUID(); decision.$municipality.id = municipalityID; decision.kind = DecisionKind.startProject.rawValue
        decision.$project.id = try running.requireID(); decision.decidedBy = "Digitalisierungsausschuss"; decision.decidedOn = "2026-04-15"
        decision.summary = "Start beschlossen " + hostile; decision.rationale = "Förderung bewilligt"; decision.recordedByName = "Test"
        try await decision.create(on: db)
        return CommitteeReportFixture(municipalityID: municipalityID, field: field, completed: completed, running: running, approved: approved,
                                      idea: idea, kpiID: try kpi.requireID(),
                                      team: try await Fixtures.token(for: Fixtures.strategyTeam, on: server),
                                      reader: try await Fixtures.token(for: Fixtures.reader, on: server))
    }

    /// The raw bytes of a GET with the API token (the test client reads bodies as text).
    static func bytes(_ server: TestServer, _ path: String, token: String) async throws -> (HTTPResponseStatus, HTTPHeaders, Data) {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await server.http.execute(request, timeout: .seconds(120))
        var body = try await response.body.collect(upTo: 50 * 1024 * 1024)
        return (response.status, response.headers, body.readData(length: body.readableBytes) ?? Data())
    }

    /// `word/document.xml` of a DOCX, unpacked with the system's `unzip` (the server target writes it with ZIPFoundation).
    static func documentXML(_ docx: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("committee-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.docx")
        try docx.write(to: file)
        // Through the server's own launcher rather than Foundation's Process (see ChildProcess).
        let unzip = try ChildProcess.runBlocking("/usr/bin/unzip", ["-q", "-o", file.path, "-d", folder.appendingPathComponent("x").path],
                                                 environment: ProcessInfo.processInfo.environment)
        try #require(unzip.status == 0, "unzip failed: \(unzip.standardError)")
        return try String(contentsOf: folder.appendingPathComponent("x/word/document.xml"), encoding: .utf8)
    }
}
