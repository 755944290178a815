import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Status reports and milestones through the service (SQLite, or PostgreSQL with TEST_DATABASE_URL): a report
/// with a red light reaches the dashboard, bad input names its field and stores nothing, a closed project is
/// refused, a milestone done before it was created is refused, the audit trail records each write on the project.
@Suite("Monitoring: status reports, milestones, dashboard", .serialized)
struct StatusServerTests {
    /// 6 December 2026, noon in Berlin.
    static let today = Date(timeIntervalSince1970: 1_796_554_800)

    static func teamContext(_ server: TestServer) async throws -> MunicipalityContext {
        let municipality = try await Fixtures.musterstadt(on: server)
        let user = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.strategyTeam).first())
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false),
                                   calendar: .fixed(at: Self.today))
    }

    static func project(_ status: ProjectStatus, _ context: MunicipalityContext, on db: any Database) async throws -> Project {
        if let found = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$status == status.rawValue).filter(\.$archivedAt == nil).sort(\.$code).first() { return found }
        let project = try #require(try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$code).first())
        project.status = status.rawValue
        try await project.save(on: db)
        return project
    }

    @Test("a red report and a late milestone reach the dashboard; bad input is named and nothing half-stored")
    func journey() async throws {
        try await withServer { server in
            let context = try await Self.teamContext(server)
            let db = server.db
            let service = ProjectStatusService(db: db, context: context)
            let running = try await Self.project(.inProgress, context, on: db)
            let reportsBefore = try await ProjectStatusReport.query(on: db).count()
            let auditBefore = try await AuditEvent.query(on: db).filter(\.$entityID == running.id).count()

            // Bad input: every problem named, nothing stored.
            do {
                _ = try await service.createReport(running, StatusReportInput(reportedOn: "2026-12-07", schedule: "red", budget: "green",
                                                                              scope: "purple", percentComplete: "120"))
                Issue.record("accepted a bad report")
            } catch let failure as ValidationFailure {
                #expect(Set(failure.problems.map(\.field)) == ["reportedOn", "scheduleReason", "scope", "percentComplete"])
            }
            #expect(try await ProjectStatusReport.query(on: db).count() == reportsBefore)

            // A closed project is refused, naming the field.
            let closed = try await Self.project(.completed, context, on: db)
            await #expect(throws: ValidationFailure([FieldProblem("project", .notInImplementation(status: "completed"))])) {
                try await service.createReport(closed, StatusReportInput(reportedOn: "2026-12-01", schedule: "green", budget: "green",
                                                                         scope: "green", percentComplete: "10"))
            }

            // A red report.
            _ = try await service.createReport(running, StatusReportInput(
                reportedOn: "05.12.2026", schedule: "red", scheduleReason: "Lieferant insolvent", budget: "yellow", budgetReason: "Nachtrag",
                scope: "green", percentComplete: "35", achieved: "Pilot im Bürgerbüro", spentToDate: "12.000"))
            #expect(try await ProjectStatusReport.query(on: db).count() == reportsBefore + 1)

            // A milestone: done before it was created is refused; a late one shows up.
            await #expect(throws: ValidationFailure([FieldProblem("doneOn", .doneBeforeCreated(createdOn: "2026-12-06"))])) {
                try await service.createMilestone(running, MilestoneInput(title: "Abnahme", dueOn: "2026-11-30", doneOn: "2026-12-01"))
            }
            let late = try await service.createMilestone(running, MilestoneInput(title: "Ausschreibung veröffentlicht", dueOn: "2026-11-30"))
            let done = try await service.createMilestone(running, MilestoneInput(title: "Kick-off", dueOn: "2026-12-06"))
            try await service.updateMilestone(running, done, MilestoneInput(title: "Kick-off", dueOn: "2026-12-06", doneOn: "2026-12-06"),
                                              expectedVersion: 1)
            #expect(done.version == 2)
            await #expect(throws: StaleEdit.self) {
                try await service.updateMilestone(running, done, MilestoneInput(title: "Kick-off!", dueOn: "2026-12-06", doneOn: "2026-12-06"),
                                                  expectedVersion: 1)
            }

            let overview = try await MonitoringDashboardService(db: db, context: context).overview()
            #expect(overview.redLights.contains { $0.projectID == running.id && $0.dimensions.first?.1 == "Lieferant insolvent" })
            #expect(overview.lateMilestones.contains { $0.milestone.id == late.id && $0.daysLate == 6 })
            #expect(!overview.lateMilestones.contains { $0.milestone.id == done.id })
            #expect(overview.budget.first { $0.projectID == running.id }?.spentCents == 1_200_000)
            #expect(!overview.stale.contains { $0.projectID == running.id })
            #expect(overview.statusByField.contains { $0.counts[.inProgress] ?? 0 > 0 })

            // One audit event per write, on the project.
            let events = try await AuditEvent.query(on: db).filter(\.$entityID == running.id).all()
            #expect(events.count == auditBefore + 4)
            #expect(events.allSatisfy { $0.entityType == "project" })
        }
    }

    @Test("the owner must be a member; the owner may then write; the update-cycle source reports the last report day")
    func owner() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: Self.today)
            let context = try await Self.teamContext(server)
            let db = server.db
            let service = ProjectStatusService(db: db, context: context)
            let running = try await Self.project(.inProgress, context, on: db)
            await #expect(throws: ValidationFailure([FieldProblem("ownerUserID", .unknownReference)])) {
                try await service.setOwner(running, UUID().uuidString)
            }
            let reader = try #require(try await User.query(on: db).filter(\.$email == Fixtures.reader).first())
            try await service.setOwner(running, try reader.requireID().uuidString)
            #expect(try await service.ownerID(of: running) == reader.id)
            let readerContext = MunicipalityContext(municipality: context.municipality, municipalityID: context.municipalityID,
                                                    user: CurrentUser(reader), role: .reader,
                                                    permissions: Permissions(role: .reader, isInstallationAdmin: false), calendar: .fixed(at: Self.today))
            let asOwner = ProjectStatusService(db: db, context: readerContext)
            #expect(asOwner.canWrite(running, ownerID: reader.id))
            _ = try await asOwner.createReport(running, StatusReportInput(reportedOn: "2026-12-04", schedule: "green", budget: "green",
                                                                          scope: "green", percentComplete: "50"))
            let subjects = try await StatusUpdateSubjects.load(db: db, municipalityID: context.municipalityID)
            let subject = try #require(subjects.first { $0.id == running.id })
            #expect(subject.ownerUserID == reader.id && subject.lastUpdate == CalendarDay(year: 2026, month: 12, day: 4))
        }
    }
}
