import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The monitoring dashboard over real HTTP (SQLite, or PostgreSQL with TEST_DATABASE_URL), German and English:
/// the figures shown are the seeded ones (a red light with its reason, an overdue milestone with its days, a
/// project that never reported, planned and spent budget with an overspend), every project links to its status
/// page, the navigation marks the monitoring, KPI and cycle pages, and who may see what.
@Suite("Monitoring: dashboard page", .serialized)
struct DashboardWebTests {
    /// 6 December 2026, noon in Berlin.
    static let today = StatusServerTests.today

    struct Seeded {
        var red: Project
        var silent: Project
        var milestoneTitle: String
        var context: MunicipalityContext
    }

    /// A running project with a red schedule, 50.000 € spent of 10.000 € planned and a milestone due on
    /// 30 November; a second running project without any report.
    static func seed(_ server: TestServer) async throws -> Seeded {
        server.app.municipalCalendar = .fixed(at: today)
        let context = try await StatusServerTests.teamContext(server)
        let db = server.db
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil).sort(\.$code).all()
        let reported = Set(try await ProjectStatusReport.query(on: db).filter(\.$municipality.$id == context.municipalityID).all()
            .map { $0.$project.id })
        let quiet = projects.filter { $0.id.map { !reported.contains($0) } ?? false }
        try #require(quiet.count >= 2)
        let (red, silent) = (quiet[0], quiet[1])
        for project in [red, silent] { project.status = ProjectStatus.inProgress.rawValue }
        red.totalOneOffCents = 1_000_000
        red.totalRunningCents = 0
        try await red.save(on: db)
        try await silent.save(on: db)
        let service = ProjectStatusService(db: db, context: context)
        _ = try await service.createReport(red, StatusReportInput(
            reportedOn: "05.12.2026", schedule: "red", scheduleReason: "Lieferant insolvent", budget: "red", budgetReason: "Nachtrag",
            scope: "green", percentComplete: "40", spentToDate: "50.000"))
        let title = "Ausschreibung veröffentlicht DASH"
        _ = try await service.createMilestone(red, MilestoneInput(title: title, dueOn: "2026-11-30"))
        return Seeded(red: red, silent: silent, milestoneTitle: title, context: context)
    }

    @Test("the figures shown are the seeded ones, in German and English, and projects link to their status page")
    func figures() async throws {
        try await withServer { server in
            let seeded = try await Self.seed(server)
            let overview = try await MonitoringDashboardService(db: server.db, context: seeded.context).overview()
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = try await team.get("/m/musterstadt/monitoring")
            #expect(page.status == .ok)
            let body = page.body
            let redID = try seeded.red.requireID().uuidString, silentID = try seeded.silent.requireID().uuidString
            let redLink = "href=\"/m/musterstadt/projects/\(redID)/status\""

            // Counts at a glance are the seeded ones (test servers load the demo without monitoring data): one red
            // light, one overdue milestone, and every project in implementation but the reported one is stale.
            let running = try await Project.query(on: server.db).filter(\.$municipality.$id == seeded.context.municipalityID)
                .filter(\.$archivedAt == nil).filter(\.$mergedInto.$id == nil).filter(\.$status == ProjectStatus.inProgress.rawValue).count()
            #expect(body.contains("id=\"dash-red-count\">1<"))
            #expect(body.contains("id=\"dash-late-count\">1<"))
            #expect(body.contains("id=\"dash-stale-count\">\(running - 1)<"), "\(running) in implementation")

            // Red light with its reasons and a link to the project's status page.
            let redList = try #require(Self.section(body, from: "id=\"dash-red-list\"", to: "</ul>\n"))
            #expect(redList.contains(redLink))
            #expect(redList.contains("Termine: Lieferant insolvent") && redList.contains("Budget: Nachtrag") && !redList.contains("Umfang:"))
            #expect(redList.contains("05.12.2026"))

            // The overdue milestone, 6 days late.
            let late = try #require(Self.section(body, from: "id=\"dash-late-table\"", to: "</table>"))
            #expect(late.contains("<td>\(seeded.milestoneTitle)</td><td>30.11.2026</td><td class=\"number\">6</td>"))
            #expect(late.contains(redLink))

            // The running project that never reported is stale; the one that reported on 5 December is not.
            let stale = try #require(Self.section(body, from: "id=\"dash-stale-table\"", to: "</table>"))
            #expect(stale.contains("/projects/\(silentID)/status") && stale.contains("noch kein Bericht"))
            #expect(!stale.contains("/projects/\(redID)/status"))

            // Budget: 10.000 € planned, 50.000 € spent (500 %, more than planned), and the totals line.
            let budget = try #require(Self.section(body, from: "id=\"dash-budget-table\"", to: "</table>"))
            #expect(budget.contains("10.000 €</td><td class=\"number\">50.000 €</td><td class=\"number over-allocated\"><strong>500 % – mehr als geplant"))
            let totals = overview.budgetTotals
            #expect(body.contains("geplant \(PortfolioDisplay.euros(totals.plannedCents, .de)), ausgegeben \(PortfolioDisplay.euros(totals.spentCents, .de))"))
            #expect(totals.spentCents == 5_000_000, "only the seeded report states what was spent")

            // Charts: images with title and description, ids distinct from the section headings.
            for chart in ["dash-status-chart", "dash-budget-chart"] {
                #expect(body.contains("id=\"\(chart)\"") && body.contains("role=\"img\" aria-labelledby=\"\(chart)-title \(chart)-desc\""))
            }
            #expect(body.contains("id=\"dash-status-table\"") && body.contains("Alle Projekte (jedes einmal)"))
            #expect(Self.duplicateIDs(body).isEmpty, "duplicate ids: \(Self.duplicateIDs(body))")

            // The navigation marks the dashboard.
            #expect(body.contains("href=\"/m/musterstadt/monitoring\" aria-current=\"page\">Monitoring<"))
            #expect(body.contains("href=\"/m/musterstadt/kpis\">Kennzahlen<") && body.contains("href=\"/m/musterstadt/monitoring/cycles\">Aktualisierung<"))

            // English: same figures, English words and numbers.
            let english = try await team.get("/m/musterstadt/monitoring?lang=en")
            #expect(english.status == .ok)
            #expect(english.body.contains("<h1>Monitoring dashboard</h1>"))
            #expect(english.body.contains("Schedule: Lieferant insolvent"))
            #expect(english.body.contains("€10,000</td><td class=\"number\">€50,000</td><td class=\"number over-allocated\"><strong>500% – more than planned"))
            #expect(english.body.contains("<td>\(seeded.milestoneTitle)</td><td>2026-11-30</td><td class=\"number\">6</td>"))
            #expect(english.body.contains("no report yet"))
            #expect(english.body.contains(">KPIs</a>") && english.body.contains(">Update cycles</a>"))
        }
    }

    @Test("the cached dashboard follows every recorded change at once: a new red report counts on the next request")
    func cacheFollowsChanges() async throws {
        try await withServer { server in
            let seeded = try await Self.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let before = try await team.get("/m/musterstadt/monitoring").body
            #expect(try await team.get("/m/musterstadt/monitoring").body == before, "unchanged data, same page")
            let reds = try await MonitoringDashboardService(db: server.db, context: seeded.context).overview().redLights.count
            #expect(before.contains("id=\"dash-red-count\">\(reds)<"))
            _ = try await ProjectStatusService(db: server.db, context: seeded.context).createReport(seeded.silent, StatusReportInput(
                reportedOn: "06.12.2026", schedule: "green", budget: "red", budgetReason: "Lizenzkosten CACHE", scope: "green",
                percentComplete: "10"))
            let after = try await team.get("/m/musterstadt/monitoring").body
            #expect(after.contains("id=\"dash-red-count\">\(reds + 1)<"), "the new red light is counted")
            #expect(after.contains("Lizenzkosten CACHE"))
        }
    }

    @Test("every member reads the dashboard, only the strategy team sees late updates; strangers get 404")
    func permissions() async throws {
        try await withServer { server in
            _ = try await Self.seed(server)
            let other = try await Fixtures.otherMunicipality(on: server)

            let anonymous = try await server.client().get("/m/musterstadt/monitoring")
            #expect(anonymous.status == .seeOther || anonymous.status == .found)

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let read = try await reader.get("/m/musterstadt/monitoring")
            #expect(read.status == .ok && read.body.contains("Termine: Lieferant insolvent"))
            #expect(!read.body.contains("id=\"dash-updates\""))
            #expect(!read.body.contains("id=\"dash-settings-link\""))

            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let teamPage = try await team.get("/m/musterstadt/monitoring")
            #expect(teamPage.body.contains("id=\"dash-updates\""))
            #expect(teamPage.body.contains("href=\"/m/musterstadt/monitoring/settings\" id=\"dash-settings-link\""))

            let stranger = server.client()
            try await stranger.login(other.teamEmail)
            #expect(try await stranger.get("/m/musterstadt/monitoring").status == .notFound)
            let own = try await stranger.get("/m/nachbarstadt/monitoring")
            #expect(own.status == .ok && !own.body.contains("Lieferant insolvent"))
            #expect(own.body.contains("id=\"dash-red-empty\"") && own.body.contains("id=\"dash-budget-empty\""))
        }
    }

    @Test("with update cycles the team sees who is late, with a link to the late list; KPI and cycle pages mark their nav entry")
    func lateUpdatesAndNavigation() async throws {
        try await withServer { server in
            let seeded = try await Self.seed(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let cycles = try await team.get("/m/musterstadt/monitoring/cycles")
            #expect(cycles.status == .ok)
            #expect(cycles.body.contains("href=\"/m/musterstadt/monitoring/cycles\" aria-current=\"page\""))
            // The demo may already set a status cycle; a second one for the same kind would be refused.
            let existing = try await UpdateCycleRow.query(on: server.db).filter(\.$municipality.$id == seeded.context.municipalityID)
                .filter(\.$subjectKind == MonitoringSubjectKind.projectStatus.rawValue).count()
            if existing == 0 {
                let saved = try await team.post("/m/musterstadt/monitoring/cycles", [
                    ("subjectKind", "projectStatus"), ("interval", "monthly"), ("deadlineDays", "5"), ("startDate", "01.01.2026"),
                    ("ownerRule", "subjectOwner"), ("namedOwnerId", ""),
                ])
                #expect(saved.status == .seeOther)
            }
            let items = try await UpdateCycleService(db: server.db, context: seeded.context, sources: server.app.monitoringSubjectSources)
                .items().filter { $0.due.state == .late }
            #expect(!items.isEmpty)
            let page = try await team.get("/m/musterstadt/monitoring")
            #expect(page.body.contains("id=\"dash-updates-count\">\(items.count)<"))
            #expect(page.body.contains("id=\"dash-updates-table\"") && page.body.contains("href=\"/m/musterstadt/monitoring/cycles/late\""))

            let kpis = try await team.get("/m/musterstadt/kpis")
            #expect(kpis.status == .ok && kpis.body.contains("href=\"/m/musterstadt/kpis\" aria-current=\"page\""))
        }
    }

    // MARK: helpers

    static func section(_ body: String, from start: String, to end: String) -> String? {
        guard let lower = body.range(of: start) else { return nil }
        guard let upper = body.range(of: end, range: lower.upperBound..<body.endIndex) else { return String(body[lower.lowerBound...]) }
        return String(body[lower.lowerBound..<upper.upperBound])
    }

    static func duplicateIDs(_ body: String) -> [String] {
        var seen: [String: Int] = [:]
        var rest = body[...]
        while let range = rest.range(of: " id=\"") {
            let after = rest[range.upperBound...]
            guard let close = after.firstIndex(of: "\"") else { break }
            seen[String(after[..<close]), default: 0] += 1
            rest = after[close...]
        }
        return seen.filter { $0.value > 1 }.keys.sorted()
    }
}
