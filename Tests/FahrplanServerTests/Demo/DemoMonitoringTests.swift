import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Musterstadt's monitoring (SQLite, or PostgreSQL with TEST_DATABASE_URL): the demo loads it through the services,
/// and what the strategy team should see is there — a red light, an overdue milestone, a stale project and a stale
/// KPI, a locked period, an owner on every project in implementation — on the day it is loaded, whenever that is.
/// Test servers load the demo without monitoring (`loadsDemoMonitoring`), so these tests switch it on.
@Suite("Demo: Musterstadt's monitoring", .serialized)
struct DemoMonitoringTests {
    /// A server with the whole demo, monitoring included, loaded on `day` (noon in Berlin), or today.
    static func withDemo(on day: String? = nil, _ body: (TestServer) async throws -> Void) async throws {
        try await withServer(demo: false) { server in
            // "Today" is frozen at the start too: a run across midnight (seen: Berlin's midnight during a slow CI run)
            // must not load the demo on one day and check it on the next.
            server.app.municipalCalendar = .fixed(at: try day.map { try #require(noon($0)) } ?? Date())
            server.app.loadsDemoMonitoring = true
            let result = try await DemoLoader.load(on: server.app, password: TestServer.demoPassword)
            #expect(result.created)
            try await body(server)
        }
    }

    static func noon(_ iso: String) -> Date? {
        guard let day = CalendarDay(iso: iso) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = MunicipalCalendar.defaultTimeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))
    }

    static func team(_ server: TestServer) async throws -> MunicipalityContext {
        var context = try await PrioritizationFixtures.context(try await Fixtures.musterstadt(on: server), email: Fixtures.strategyTeam,
                                                              on: server.db)
        context.calendar = server.app.municipalCalendar
        return context
    }

    /// What must hold on any day the demo is loaded.
    static func checkFindings(_ server: TestServer) async throws {
        let team = try await team(server)
        let today = team.calendar.today
        let overview = try await MonitoringDashboardService(db: server.db, context: team).overview()
        #expect(overview.redLights.map(\.projectCode) == ["P-0008"], "\(overview.redLights.map(\.projectCode))")
        #expect(overview.redLights.first?.dimensions.first?.1?.contains("Vergabekammer") == true)
        #expect(overview.lateMilestones.map(\.milestone.milestone.title) == ["Zuschlag Ratsinformationssystem erteilt"])
        #expect(overview.lateMilestones.first?.daysLate == 40)
        #expect(overview.stale.map(\.projectCode) == ["P-0014"])
        #expect(overview.budget.filter { $0.spentCents != nil }.count >= 10)

        let kpis = try await KPIOverview.load(db: server.db, municipalityID: team.municipalityID, today: today)
        #expect(kpis.items.count == DemoMonitoringContent.kpis.count)
        #expect(kpis.items.filter(\.staleness.isStale).map(\.name) == ["Beschäftigte mit abgeschlossener Grundqualifizierung Digitalkompetenz"])
        #expect(kpis.items.allSatisfy { $0.ownerID != nil && $0.progress != nil && $0.trend != nil })
        #expect(kpis.items.contains { $0.trend?.onTrack == true } && kpis.items.contains { $0.trend?.onTrack == false })
        #expect(kpis.rollup.strategy.progress != nil)

        let locks = try await MonitoringPeriodLock.query(on: server.db).filter(\.$municipality.$id == team.municipalityID).all()
        #expect(locks.count == 1)
        let lock = try #require(locks.first?.lock)
        #expect(lock.kind == .projectStatus && lock.period.end < today)

        let cycles = UpdateCycleService(db: server.db, context: team, sources: server.app.monitoringSubjectSources)
        #expect(try await cycles.cycles().compactMap(\.cycle).map(\.kind) == [.projectStatus, .kpiMeasurement])
        // The parking permit last reported 75 days ago: last month's update is owed, and late once the 5th has passed.
        let weissenborn = try await PrioritizationFixtures.userID(Fixtures.departmentLead, on: server.db)
        let parking = try #require(try await cycles.items().first { $0.subject.title.contains("Anwohnerparkausweis") })
        #expect(parking.due.ownerID == weissenborn && parking.due.state != .done)
        let late = try await cycles.lateList()
        if today.day > 5 {
            #expect(late.contains { $0.owner?.id == weissenborn && $0.items.contains { $0.subject.title.contains("Anwohnerparkausweis") } },
                    "\(late.map { ($0.owner?.displayName, $0.items.map(\.subject.title)) })")
        }
    }

    @Test("loaded today: red light, overdue milestone, stale project and KPI, a locked period, owners everywhere; a report in the locked period is refused")
    func today() async throws {
        try await Self.withDemo { server in
            try await Self.checkFindings(server)
            let team = try await Self.team(server)
            let municipalityID = team.municipalityID

            let running = try await Project.query(on: server.db).filter(\.$municipality.$id == municipalityID)
                .filter(\.$status == ProjectStatus.inProgress.rawValue).all()
            #expect(running.count >= 10)
            let owners = try await ProjectMonitoringOwner.query(on: server.db).filter(\.$municipality.$id == municipalityID).all()
            let owned = Set(owners.filter { $0.ownerID != nil }.compactMap(\.id))
            #expect(running.allSatisfy { owned.contains($0.id!) }, "without owner: \(running.filter { !owned.contains($0.id!) }.map(\.code))")

            let reports = try await ProjectStatusReport.query(on: server.db).filter(\.$municipality.$id == municipalityID).all()
            #expect(reports.count == DemoMonitoringContent.projects.map(\.reports.count).reduce(0, +))
            #expect(reports.contains { $0.lessonsLearned != nil } && reports.contains { $0.schedule == "yellow" })
            // Written by the owners, not all by the strategy team.
            #expect(Set(reports.compactMap(\.createdByName)).count >= 3)

            // The locked month refuses a report dated inside it, naming the field.
            let lock = try #require(try await MonitoringPeriodLock.query(on: server.db).first())
            let project = try #require(running.first { $0.code == "P-0001" })
            await #expect(throws: ValidationFailure.self) {
                _ = try await ProjectStatusService(db: server.db, context: team).createReport(project, StatusReportInput(
                    reportedOn: lock.periodEnd, schedule: "green", budget: "green", scope: "green", percentComplete: "60"))
            }

            // The pages show it.
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            for path in ["/m/musterstadt/kpis", "/m/musterstadt/kpis/rollup", "/m/musterstadt/monitoring/cycles",
                         "/m/musterstadt/monitoring/cycles/late"] {
                let page = try await client.get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
            }
            let stale = try #require(try await KPIRecord.query(on: server.db).filter(\.$name == "Beschäftigte mit abgeschlossener Grundqualifizierung Digitalkompetenz").first())
            let kpiPage = try await client.get("/m/musterstadt/kpis/\(try stale.requireID())")
            #expect(kpiPage.status == .ok && kpiPage.body.contains("id=\"kpi-stale\""))
            let dashboard = try await client.get("/m/musterstadt/monitoring")
            #expect(dashboard.status == .ok && dashboard.body.contains("Vergabekammer") && dashboard.body.contains("Anwohnerparkausweis"))
            let council = try #require(running.first { $0.code == "P-0008" })
            let status = try await client.get("/m/musterstadt/projects/\(try council.requireID())/status")
            #expect(status.status == .ok && status.body.contains("Zuschlag Ratsinformationssystem erteilt") && status.body.contains("Lessons Learned"))
            let english = try await client.get("/m/musterstadt/monitoring?lang=en")
            #expect(english.status == .ok)

            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let start = try await lead.get("/m/musterstadt")
            #expect(start.status == .ok && start.body.contains("Fällig für mich") && start.body.contains("Anwohnerparkausweis"))
        }
    }

    @Test("the same findings when the demo is loaded on another day", arguments: ["2026-11-24", "2027-01-01", "2027-02-02", "2027-03-31", "2028-08-31"])
    func otherDays(day: String) async throws {
        try await Self.withDemo(on: day) { server in
            try await Self.checkFindings(server)
        }
    }

    @Test("loading the demo twice changes nothing the second time")
    func idempotent() async throws {
        try await Self.withDemo { server in
            func counts() async throws -> [Int] {
                [try await ProjectStatusReport.query(on: server.db).count(), try await ProjectMilestone.query(on: server.db).count(),
                 try await KPIRecord.query(on: server.db).count(), try await KPIMeasurementRecord.query(on: server.db).count(),
                 try await UpdateCycleRow.query(on: server.db).count(), try await MonitoringPeriodLock.query(on: server.db).count(),
                 try await AuditEvent.query(on: server.db).count()]
            }
            let first = try await counts()
            #expect(first[0] > 40 && first[3] > 100)
            let again = try await DemoLoader.load(on: server.app, password: nil)
            #expect(!again.created)
            #expect(try await counts() == first)
        }
    }
}
