import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Musterstadt's inventory (SQLite, or PostgreSQL with TEST_DATABASE_URL): twelve IT systems with units, hosting,
/// contracts and the projects replacing or extending them, 28 administrative services whose OZG levels rose over
/// three assessments — the counts below are worked out by hand from `DemoInventoryContent` (a service's level is
/// the lowest of its three criteria; one service is not assessed yet).
@Suite("Demo: Musterstadt's inventory", .serialized)
struct DemoMaturityInventoryTests {
    @Test("seeded systems and services; levels today, a year ago and two years ago; the overview page shows them")
    func inventory() async throws {
        try await DemoMaturityTests.withDemo { server in
            let team = try await DemoMonitoringTests.team(server)
            let service = InventoryService(db: server.db, context: team)
            let today = team.calendar.today

            let systems = try await service.systems()
            #expect(systems.count == 12)
            #expect(systems.filter { $0.lifecycleChoice == .replace }.count == 3)
            #expect(systems.filter { $0.lifecycleChoice == .retire }.map(\.name) == ["Telefonanlage"])
            let ending = systems.filter { ($0.contractEndDay.map { today.days(to: $0) } ?? Int.max) <= 365 }.map(\.name).sorted()
            #expect(ending == ["Finanzsoftware", "Kita-Verwaltung", "Ratsinformationssystem", "Telefonanlage"])
            let links = try await service.systemProjects()
            let linkCount: Int = links.values.reduce(0) { $0 + $1.count }
            let seededLinks: Int = DemoInventoryContent.systems.reduce(0) { $0 + $1.projects.count }
            #expect(linkCount == seededLinks && linkCount == 18)
            let units = try await service.systemDepartments()
            #expect(units.values.allSatisfy { !$0.isEmpty } && units.count == 12)

            let overview = try await InventoryOverviewData.load(service)
            #expect(overview.serviceCount == 28 && overview.systemCount == 12)
            #expect(overview.today.total.counts == [2, 11, 5, 6, 3] && overview.today.total.unknown == 1)

            let records = try await service.services()
            let assessments = try await service.assessments(records.compactMap(\.id))
            let services = records.map {
                AdministrativeService(name: $0.name, departmentID: $0.$department.id?.uuidString, casesPerYear: $0.casesPerYear,
                                      assessments: assessments[$0.id!] ?? [])
            }
            func counts(_ daysAgo: Int) -> LevelCounts {
                MaturityOverview.snapshot(services, model: .ozg, on: today.adding(days: -daysAgo)!).total
            }
            #expect(counts(DemoInventoryContent.lastYear).counts == [5, 19, 1, 2, 0])
            #expect(counts(DemoInventoryContent.twoYearsAgo).counts == [9, 17, 1, 0, 0])
            #expect(records.filter { $0.$project.id != nil }.count == 13)

            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let page = try await client.get("/m/musterstadt/inventory")
            #expect(page.status == .ok, "\(page.status)")
            let systemsPage = try await client.get("/m/musterstadt/inventory/systems")
            #expect(systemsPage.status == .ok && systemsPage.body.contains("Einwohnermeldewesen"))
        }
    }
}
