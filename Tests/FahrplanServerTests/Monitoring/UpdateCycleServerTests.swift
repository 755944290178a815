import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Update cycles end to end on the web: the team's settings and bad input, the owner's start page with its
/// reminders, the late list, period locks as the writers of reports and measurements see them.
@Suite("Monitoring: update cycles, due for me, late list, locks", .serialized)
struct UpdateCycleServerTests {
    /// 10 December 2026, noon in Berlin: November's reports were due on 5 December.
    static let today = Date(timeIntervalSince1970: 1_796_900_400)

    /// Two projects owned by the department lead (one reported in November), one without owner.
    static func subjects(on server: TestServer) async throws -> (owner: UUID, ids: [UUID]) {
        let lead = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.departmentLead).first())
        let owner = try lead.requireID()
        let ids = [UUID(), UUID(), UUID()]
        let subjects = [
            UpdateSubject(kind: .projectStatus, id: ids[0], title: "Digitale Bauakte", ownerUserID: owner, lastUpdate: nil, url: "/m/musterstadt/projects"),
            UpdateSubject(kind: .projectStatus, id: ids[1], title: "E-Rechnung", ownerUserID: owner, lastUpdate: CalendarDay(iso: "2026-11-20"), url: "/m/musterstadt/projects"),
            UpdateSubject(kind: .projectStatus, id: ids[2], title: "Ohne Zuständige", ownerUserID: nil, lastUpdate: nil, url: "/m/musterstadt/projects"),
        ]
        server.app.municipalCalendar = .fixed(at: today)
        server.app.monitoringSubjectSources = [{ _, _ in subjects }]
        return (owner, ids)
    }

    static let monthly = [("subjectKind", "projectStatus"), ("interval", "monthly"), ("deadlineDays", "5"),
                          ("startDate", "01.01.2026"), ("ownerRule", "subjectOwner"), ("namedOwnerId", "")]

    @Test("the team sets a monthly cycle; missing kind and owner rule are named and nothing is stored; one cycle per kind; others may not")
    func settings() async throws {
        try await withServer { server in
            _ = try await Self.subjects(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let refused = try await team.post("/m/musterstadt/monitoring/cycles", [("subjectKind", ""), ("interval", "monthly"), ("deadlineDays", "40"),
                                                                                    ("startDate", "31.02.2026"), ("ownerRule", "")])
            #expect(refused.status == .unprocessableEntity)
            for field in ["subjectKind", "ownerRule", "deadlineDays", "startDate"] { #expect(refused.body.contains("id=\"\(field)-error\"")) }
            #expect(refused.body.contains("Art der Aktualisierung") && refused.body.contains("Zuständig"))
            #expect(try await UpdateCycleRow.query(on: server.db).count() == 0)

            let created = try await team.post("/m/musterstadt/monitoring/cycles", Self.monthly)
            #expect(created.status == .seeOther)
            let row = try #require(try await UpdateCycleRow.query(on: server.db).first())
            #expect(row.cycle == UpdateCycle(kind: .projectStatus, interval: .monthly, deadlineDays: 5, startDate: CalendarDay(iso: "2026-01-01")!, ownerRule: .subjectOwner))
            #expect(try await AuditEvent.query(on: server.db).filter(\.$entityType == "updateCycle").count() == 1)
            let twice = try await team.post("/m/musterstadt/monitoring/cycles", Self.monthly)
            #expect(twice.status == .unprocessableEntity && twice.body.contains("id=\"subjectKind-error\""))
            let named = try await team.post("/m/musterstadt/monitoring/cycles/\(try row.requireID())",
                                            Self.monthly.map { $0.0 == "ownerRule" ? ("ownerRule", "namedPerson") : $0 })
            #expect(named.status == .unprocessableEntity && named.body.contains("id=\"namedOwnerId-error\""))

            let page = try await team.get("/m/musterstadt/monitoring/cycles")
            #expect(page.status == .ok && page.body.contains("monatlich"))

            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            #expect(try await lead.post("/m/musterstadt/monitoring/cycles", Self.monthly).status == .forbidden)
            #expect(try await lead.get("/m/musterstadt/monitoring/cycles/late").status == .forbidden)

            #expect(try await team.post("/m/musterstadt/monitoring/cycles/\(try row.requireID())/delete", []).status == .seeOther)
            #expect(try await UpdateCycleRow.query(on: server.db).count() == 0)
        }
    }

    @Test("the owner sees what is due on the start page with a reminder, once; the team sees who is late")
    func dueAndLate() async throws {
        try await withServer { server in
            _ = try await Self.subjects(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            #expect(try await team.post("/m/musterstadt/monitoring/cycles", Self.monthly).status == .seeOther)

            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let start = try await lead.get("/m/musterstadt")
            #expect(start.status == .ok && start.body.contains("Fällig für mich"))
            #expect(start.body.contains("Digitale Bauakte") && start.body.contains("E-Rechnung") && !start.body.contains("Ohne Zuständige"))
            #expect(start.body.contains("im Verzug") && start.body.contains("05.12.2026"))
            #expect(start.body.contains("Frist abgelaufen") && start.body.contains("1 ungelesen"))
            _ = try await lead.get("/m/musterstadt")
            #expect(try await MonitoringReminder.query(on: server.db).count() == 1)

            let late = try await team.get("/m/musterstadt/monitoring/cycles/late")
            #expect(late.status == .ok && late.body.contains("Digitale Bauakte") && late.body.contains("Ohne benannte Verantwortliche"))
            #expect(!late.body.contains("E-Rechnung"))

            #expect(try await lead.post("/m/musterstadt/monitoring/cycles/reminders", []).status == .seeOther)
            #expect(try await MonitoringReminder.query(on: server.db).filter(\.$readAt == nil).count() == 0)
        }
    }

    @Test("a locked period refuses writes dated inside it; a running period cannot be locked; unlock lifts it; both audited")
    func locks() async throws {
        try await withServer { server in
            _ = try await Self.subjects(on: server)
            let municipality = try await Fixtures.musterstadt(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            #expect(try await team.post("/m/musterstadt/monitoring/cycles", Self.monthly).status == .seeOther)
            let running = try await team.post("/m/musterstadt/monitoring/cycles/locks", [("subjectKind", "projectStatus"), ("day", "03.12.2026")])
            #expect(running.status == .unprocessableEntity && running.body.contains("id=\"day-error\""))
            #expect(try await team.post("/m/musterstadt/monitoring/cycles/locks", [("subjectKind", "projectStatus"), ("day", "15.11.2026")]).status == .seeOther)
            let lock = try #require(try await MonitoringPeriodLock.query(on: server.db).first())
            #expect(lock.periodStart == "2026-11-01" && lock.periodEnd == "2026-11-30")

            await #expect(throws: ValidationFailure([FieldProblem("date", .periodLocked(from: "2026-11-01", to: "2026-11-30"))])) {
                try await MonitoringLocks.ensureUnlocked(.projectStatus, on: CalendarDay(iso: "2026-11-30")!,
                                                         municipalityID: try municipality.requireID(), field: "date", db: server.db)
            }
            try await MonitoringLocks.ensureUnlocked(.projectStatus, on: CalendarDay(iso: "2026-12-01")!,
                                                     municipalityID: try municipality.requireID(), field: "date", db: server.db)
            try await MonitoringLocks.ensureUnlocked(.kpiMeasurement, on: CalendarDay(iso: "2026-11-15")!,
                                                     municipalityID: try municipality.requireID(), field: "date", db: server.db)

            let other = try await Fixtures.otherMunicipality(on: server)
            let stranger = server.client()
            try await stranger.login(other.teamEmail)
            #expect(try await stranger.post("/m/nachbarstadt/monitoring/locks/\(try lock.requireID())/unlock", []).status == .notFound)

            #expect(try await team.post("/m/musterstadt/monitoring/locks/\(try lock.requireID())/unlock", []).status == .seeOther)
            try await MonitoringLocks.ensureUnlocked(.projectStatus, on: CalendarDay(iso: "2026-11-30")!,
                                                     municipalityID: try municipality.requireID(), field: "date", db: server.db)
            #expect(try await AuditEvent.query(on: server.db).filter(\.$entityType == "periodLock").count() == 2)
        }
    }
}
