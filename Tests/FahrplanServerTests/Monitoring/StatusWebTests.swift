import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The project status page over HTTP (SQLite, or PostgreSQL with TEST_DATABASE_URL): reports with accessible
/// traffic lights, history, milestones with the overdue flag, the edit form's conflict panel, the monitoring
/// owner, bad input named per field in German and English with nothing half-stored, and who may write.
@Suite("Monitoring: project status pages", .serialized)
struct StatusWebTests {
    /// 6 December 2026, noon in Berlin.
    static let today = Date(timeIntervalSince1970: 1_796_554_800)

    /// A new project of Musterstadt in `status`, in `departmentID` (default: the first unit).
    static func project(_ server: TestServer, _ status: ProjectStatus, title: String = "Digitale Bauakte", departmentID: UUID? = nil,
                        endOn: String? = nil) async throws -> Project {
        let municipality = try await Fixtures.musterstadt(on: server)
        let user = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.strategyTeam).first())
        let context = MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                          role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        var unit = departmentID
        if unit == nil {
            let first = try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).sort(\.$code).first()
            unit = try #require(first).requireID()
        }
        let goal = try await Fixtures.firstElement(.goal, on: server)
        let project = try await PortfolioService(db: server.db, context: context).create(ProjectInput(
            title: title, departmentID: unit?.uuidString, strategyElementIDs: [try goal.requireID().uuidString]))
        project.status = status.rawValue
        project.endOn = endOn
        try await project.save(on: server.db)
        return project
    }

    static func path(_ project: Project) throws -> String { "/m/musterstadt/projects/\(try project.requireID())" }

    static let redReport: [(String, String)] = [
        ("reportedOn", "05.12.2026"), ("schedule", "red"), ("scheduleReason", "Lieferant insolvent"), ("budget", "yellow"),
        ("budgetReason", "Nachtrag Schnittstelle"), ("scope", "green"), ("scopeReason", ""), ("percentComplete", "35"),
        ("achieved", "Pilot im **Bürgerbüro**"), ("obstacles", "Lieferant"), ("nextSteps", "Neue Ausschreibung"),
        ("lessonsLearned", "Früher testen"), ("spentToDate", "12.000,50")]

    @Test("reports with text traffic lights and history; bad input 422 per field in both languages, nothing stored")
    func reports() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: Self.today)
            let project = try await Self.project(server, .inProgress)
            let page = try Self.path(project) + "/status"
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)

            let empty = try await team.get(page)
            #expect(empty.status == .ok)
            #expect(empty.body.contains("Noch kein Statusbericht."))
            #expect(empty.body.contains("id=\"report-form\""))
            #expect(empty.body.contains("id=\"status-stale\""), "a running project without any report is stale")
            let detail = try await team.get(try Self.path(project))
            #expect(detail.body.contains("href=\"\(page)\""), "the project page links the status page")

            // Bad input: a future date, a red light without reason, an unknown light, 120 %: all named, nothing stored.
            let before = try await ProjectStatusReport.query(on: server.db).count()
            let bad = try await team.post(page + "/reports", [("reportedOn", "07.12.2026"), ("schedule", "red"), ("scheduleReason", ""),
                                                              ("budget", "green"), ("scope", "purple"), ("percentComplete", "120"),
                                                              ("achieved", "Bleibt im Formular")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["reportedOn", "scheduleReason", "scope", "percentComplete"] {
                #expect(bad.body.contains("id=\"\(field)-error\""), "no error at \(field)")
            }
            #expect(bad.body.contains("Das Datum liegt in der Zukunft"))
            #expect(bad.body.contains("Bleibt im Formular"), "the input stays in the form")
            #expect(try await ProjectStatusReport.query(on: server.db).count() == before)

            // A red report: the lights are words, not only colours.
            let saved = try await team.post(page + "/reports", Self.redReport)
            #expect(saved.status == .seeOther)
            #expect(saved.location == page + "?saved=report")
            let shown = try await team.get(page + "?saved=report")
            #expect(shown.body.contains("Statusbericht gespeichert."))
            #expect(shown.body.contains("Rot – nicht im Plan"))
            #expect(shown.body.contains("Gelb – gefährdet"))
            #expect(shown.body.contains("Lieferant insolvent"))
            #expect(shown.body.contains("35 %"))
            #expect(shown.body.contains("<strong>Bürgerbüro</strong>"), "Markdown rendered")
            #expect(shown.body.contains("12.001 €"))
            #expect(shown.body.contains("Keine früheren Berichte."))
            #expect(!shown.body.contains("id=\"status-stale\""))

            // A second, green report: the first moves to the history.
            let green: [(String, String)] = [("reportedOn", "06.12.2026"), ("schedule", "green"), ("budget", "green"), ("scope", "green"),
                                             ("percentComplete", "40")]
            #expect(try await team.post(page + "/reports", green).status == .seeOther)
            let both = try await team.get(page)
            let latest = try #require(both.body.range(of: "id=\"latest-report\""))
            let history = try #require(both.body.range(of: "id=\"report-history\""))
            #expect(both.body[latest.upperBound..<history.lowerBound].contains("Grün – im Plan"))
            #expect(both.body[history.upperBound...].contains("Rot – nicht im Plan"))
            #expect(try await ProjectStatusReport.query(on: server.db).count() == before + 2)

            // English.
            let english = try await team.get(page + "?lang=en")
            #expect(english.body.contains("Green – on track"))
            #expect(english.body.contains("Red – off track"))
            let badEnglish = try await team.post(page + "/reports", [("reportedOn", "gestern"), ("schedule", "green"), ("budget", "green"),
                                                                     ("scope", "green"), ("percentComplete", "")])
            #expect(badEnglish.status == .unprocessableEntity)
            #expect(badEnglish.body.contains("id=\"reportedOn-error\""))
            #expect(badEnglish.body.contains("id=\"percentComplete-error\""))
            #expect(badEnglish.body.contains("Report date"))
            #expect(try await ProjectStatusReport.query(on: server.db).count() == before + 2)
        }
    }

    @Test("milestones: overdue flagged, done before created refused, edit with version and conflict panel (409)")
    func milestones() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: Self.today)
            let project = try await Self.project(server, .inProgress)
            let page = try Self.path(project) + "/status"
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let before = try await ProjectMilestone.query(on: server.db).count()

            let bad = try await team.post(try Self.path(project) + "/milestones", [("title", ""), ("dueOn", "31.02.2027"), ("doneOn", "01.12.2026"),
                                                                                  ("ownerUserID", UUID().uuidString), ("note", "")])
            #expect(bad.status == .unprocessableEntity)
            for field in ["title", "dueOn", "doneOn", "ownerUserID"] { #expect(bad.body.contains("id=\"\(field)-error\""), "no error at \(field)") }
            #expect(try await ProjectMilestone.query(on: server.db).count() == before)

            let created = try await team.post(try Self.path(project) + "/milestones", [("title", "Ausschreibung veröffentlicht"),
                                                                                      ("dueOn", "30.11.2026"), ("doneOn", ""), ("ownerUserID", ""), ("note", "")])
            #expect(created.status == .seeOther)
            let shown = try await team.get(page)
            #expect(shown.body.contains("milestone-overdue"))
            #expect(shown.body.contains("überfällig (6 Tage über der Frist)"))
            #expect(try await team.get(page + "?lang=en").body.contains("overdue (6 days past due)"))
            _ = try await team.get(page + "?lang=de")

            let row = try #require(try await ProjectMilestone.query(on: server.db).filter(\.$project.$id == project.requireID()).first())
            let edit = try Self.path(project) + "/milestones/\(try row.requireID())/edit"
            #expect(shown.body.contains("href=\"\(edit)\""))
            let form = try await team.get(edit)
            #expect(form.status == .ok)
            let version = try #require(TestClient.hiddenValue("version", in: form.body))
            #expect(version == "1")
            let opened: [(String, String)] = ["baseTitle", "baseDueOn", "baseDoneOn", "baseOwnerUserID", "baseNote"].map {
                ($0, TestClient.hiddenValue($0, in: form.body) ?? "")
            }
            #expect(opened.first?.1 == "Ausschreibung veröffentlicht")

            // Done before it was created (today) is refused on edit too.
            let early = try await team.post(edit, [("title", "Ausschreibung veröffentlicht"), ("dueOn", "30.11.2026"), ("doneOn", "05.12.2026"),
                                                   ("ownerUserID", ""), ("note", ""), ("version", version)] + opened)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("id=\"doneOn-error\""))

            // Someone else marks it done; the form based on version 1 is refused with the panel, the input kept.
            let done = try await team.post(edit, [("title", "Ausschreibung veröffentlicht"), ("dueOn", "30.11.2026"), ("doneOn", "06.12.2026"),
                                                  ("ownerUserID", ""), ("note", ""), ("version", version)] + opened)
            #expect(done.status == .seeOther)
            let stale = try await team.post(edit, [("title", "Ausschreibung online"), ("dueOn", "30.11.2026"), ("doneOn", ""),
                                                   ("ownerUserID", ""), ("note", "Mein Stand"), ("version", version)] + opened)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("id=\"edit-conflict\""))
            #expect(stale.body.contains("Erledigt am"), "the panel names the changed field")
            #expect(stale.body.contains("06.12.2026"))
            #expect(stale.body.contains("Mein Stand"))
            #expect(TestClient.hiddenValue("version", in: stale.body) == "2")
            let stored = try #require(try await ProjectMilestone.find(row.requireID(), on: server.db))
            #expect(stored.title == "Ausschreibung veröffentlicht" && stored.doneOn == "2026-12-06" && stored.version == 2)
            let after = try await team.get(page)
            #expect(!after.body.contains("milestone-overdue"))
            #expect(after.body.contains("erledigt"))
        }
    }

    @Test("who may write: readers and the lead of another unit get 403 until named owner; owner form; closed projects")
    func permissions() async throws {
        try await withServer { server in
            server.app.municipalCalendar = .fixed(at: Self.today)
            let municipality = try await Fixtures.musterstadt(on: server)
            let unit = Department(municipalityID: try municipality.requireID(), code: "T-99", name: "Testamt ohne Leitung", level: "office",
                                  parentID: nil, headName: nil)
            try await unit.create(on: server.db)
            let project = try await Self.project(server, .inProgress, departmentID: try unit.requireID())
            let base = try Self.path(project)
            let milestone = try await ProjectStatusService(db: server.db, context: try await StatusServerTests.teamContext(server))
                .createMilestone(project, MilestoneInput(title: "Abnahme", dueOn: "2027-01-15"))
            let edit = base + "/milestones/\(try milestone.requireID())/edit"
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)

            let readerPage = try await reader.get(base + "/status")
            #expect(readerPage.status == .ok)
            #expect(!readerPage.body.contains("id=\"report-form\""))
            #expect(!readerPage.body.contains("id=\"owner-form\""))
            let count = try await ProjectStatusReport.query(on: server.db).count()
            for client in [reader, lead] {
                #expect(try await client.post(base + "/status/reports", Self.redReport).status == .forbidden)
                #expect(try await client.post(base + "/milestones", [("title", "X"), ("dueOn", "01.02.2027")]).status == .forbidden)
                #expect(try await client.get(edit).status == .forbidden)
                #expect(try await client.post(edit, [("title", "X"), ("dueOn", "01.02.2027"), ("version", "1")]).status == .forbidden)
                #expect(try await client.post(base + "/status/owner", [("ownerUserID", "")]).status == .forbidden)
            }
            #expect(try await ProjectStatusReport.query(on: server.db).count() == count)

            // The team names the lead as owner; a non-member is refused by name.
            let stranger = try await team.post(base + "/status/owner", [("ownerUserID", UUID().uuidString)])
            #expect(stranger.status == .unprocessableEntity)
            #expect(stranger.body.contains("id=\"monitoringOwner-error\""))
            let leadUser = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.departmentLead).first())
            let named = try await team.post(base + "/status/owner", [("ownerUserID", try leadUser.requireID().uuidString)])
            #expect(named.status == .seeOther)
            #expect(try await team.get(base + "/status").body.contains(leadUser.displayName))
            // As owner the lead may write, but not choose the owner.
            #expect(try await lead.post(base + "/status/reports", Self.redReport).status == .seeOther)
            #expect(try await lead.get(edit).status == .ok)
            #expect(try await lead.post(base + "/status/owner", [("ownerUserID", "")]).status == .forbidden)

            // A completed project takes no reports: no form, and a posted one is refused naming the project.
            let closed = try await Self.project(server, .completed, title: "Abgeschlossen")
            let closedPage = try await team.get(try Self.path(closed) + "/status")
            #expect(!closedPage.body.contains("id=\"report-form\""))
            #expect(closedPage.body.contains("Statusberichte gibt es nur für Projekte in Umsetzung."))
            let refused = try await team.post(try Self.path(closed) + "/status/reports", Self.redReport)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Nur Projekte in Umsetzung erhalten Statusberichte"))
            #expect(try await ProjectStatusReport.query(on: server.db).filter(\.$project.$id == closed.requireID()).count() == 0)
        }
    }

    @Test("monitoring settings: stale weeks checked and saved, calendar token rotated; strategy team only")
    func settings() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let page = "/m/musterstadt/monitoring/settings"
            let shown = try await team.get(page)
            #expect(shown.status == .ok)
            let bad = try await team.post(page, [("staleAfterWeeks", "0")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("id=\"staleAfterWeeks-error\""))
            #expect(try await team.post(page, [("staleAfterWeeks", "8")]).status == .seeOther)
            let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
            let settings = try #require(try await MonitoringSettings.query(on: server.db).filter(\.$municipality.$id == municipalityID).first())
            #expect(settings.staleAfterWeeks == 8)
            let badEnglish = try await team.post(page + "?lang=en", [("staleAfterWeeks", "viele")])
            #expect(badEnglish.status == .unprocessableEntity)
            #expect(badEnglish.body.contains("Stale after weeks without a report"))
            _ = try await team.get(page + "?lang=de")

            #expect(try await team.post(page + "/calendar-token", []).status == .seeOther)
            let withToken = try await team.get(page)
            let token = try #require(try await MonitoringSettings.query(on: server.db).filter(\.$municipality.$id == municipalityID).first()?.calendarToken)
            #expect(withToken.body.contains("/m/musterstadt/calendar.ics?token=\(token)"))

            for email in [Fixtures.reader, Fixtures.departmentLead] {
                let other = server.client()
                try await other.login(email)
                #expect(try await other.get(page).status == .forbidden)
                #expect(try await other.post(page, [("staleAfterWeeks", "3")]).status == .forbidden)
                #expect(try await other.post(page + "/calendar-token", []).status == .forbidden)
            }
            #expect(try await MonitoringSettings.query(on: server.db).filter(\.$municipality.$id == municipalityID).first()?.calendarToken == token)
        }
    }
}
