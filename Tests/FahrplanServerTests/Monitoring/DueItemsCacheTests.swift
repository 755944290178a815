import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing

/// The start page's due items are kept per municipality state and day (`DueItemsCache`): a second visit does not
/// evaluate the subjects again; an audited change (a status report) or the next day does.
@Suite("Monitoring: due items kept per municipality state and day", .serialized)
struct DueItemsCacheTests {
    @Test("kept while frame_version and the day stand; a status report or a new day evaluates again")
    func keptUntilAChange() async throws {
        try await DemoMonitoringTests.withDemo(on: "2026-11-10") { server in
            let evaluations = NIOLockedValueBox(0)
            let real = server.app.monitoringSubjectSources
            let counted: [MonitoringSubjectSource] = real.map { source in
                { db, municipalityID in
                    evaluations.withLockedValue { $0 += 1 }
                    return try await source(db, municipalityID)
                }
            }
            let cache = DueItemsCache()
            func service(_ context: MunicipalityContext) -> UpdateCycleService {
                UpdateCycleService(db: server.db, context: context, sources: counted, dueItems: cache)
            }
            let team = try await DemoMonitoringTests.team(server)
            let first = try await service(team).items()
            let afterFirst = evaluations.withLockedValue { $0 }
            #expect(afterFirst == counted.count && !first.isEmpty)
            let second = try await service(team).items()
            #expect(evaluations.withLockedValue { $0 } == afterFirst)
            #expect(second.map(\.due) == first.map(\.due))
            #expect(cache.wasDelivered(service(team).dueItemsKey, of: team.municipalityID) == false)

            // A status report through the service raises frame_version: the next request's context evaluates anew,
            // and the project's standing reflects the report.
            let running = try await Project.query(on: server.db).filter(\.$status == ProjectStatus.inProgress.rawValue).all()
            let project = try #require(running.first { project in first.contains { $0.subject.id == project.id && $0.due.state != .done } })
            _ = try await ProjectStatusService(db: server.db, context: team).createReport(project, StatusReportInput(
                reportedOn: "2026-11-10", schedule: "green", budget: "green", scope: "green", percentComplete: "70"))
            let fresh = try await DemoMonitoringTests.team(server)
            #expect(fresh.municipality.frameVersion > team.municipality.frameVersion)
            let third = try await service(fresh).items()
            #expect(evaluations.withLockedValue { $0 } == afterFirst + counted.count)
            #expect(third.first { $0.subject.id == project.id }?.due.state == .done)

            // The next day is another key.
            var tomorrow = fresh
            tomorrow.calendar = .fixed(at: try #require(DemoMonitoringTests.noon("2026-11-11")))
            _ = try await service(tomorrow).items()
            #expect(evaluations.withLockedValue { $0 } == afterFirst + 2 * counted.count)
        }
    }

    @Test("the start page delivers a state's reminders once and still shows them")
    func deliveredOnce() async throws {
        try await DemoMonitoringTests.withDemo(on: "2026-11-10") { server in
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let page = try await client.get("/m/musterstadt")
            #expect(page.status == .ok)
            let delivered = try await MonitoringReminder.query(on: server.db).count()
            let again = try await client.get("/m/musterstadt")
            #expect(again.status == .ok && again.body == page.body)
            #expect(try await MonitoringReminder.query(on: server.db).count() == delivered)
            let team = try await DemoMonitoringTests.team(server)
            let key = UpdateCycleService(db: server.db, context: team, sources: [], dueItems: server.app.dueItemsCache).dueItemsKey
            #expect(server.app.dueItemsCache.wasDelivered(key, of: team.municipalityID))
        }
    }
}
