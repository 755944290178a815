import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Calls for projects in the browser")
struct CallWebTests {
    @Test("the team opens a call with the offices preselected; the board lists every asked unit; the change is audited")
    func teamOpensCall() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let offices = try await CallFixtures.officeIDs(on: server)
            let form = try await team.get("/m/musterstadt/calls/new")
            #expect(form.status == .ok)
            for office in offices { #expect(form.body.contains("value=\"\(office)\" checked")) }
            let section = try await CallFixtures.unitID("33.1", on: server)
            #expect(form.body.contains("value=\"\(section)\">"), "sections are offered but not preselected")

            let id = try await CallFixtures.open(team, units: offices)
            let call = try await CallFixtures.call(id, on: server)
            #expect(call.title == "Projektabfrage Test 2028")
            #expect(call.opensOn == "2020-01-01" && call.deadline == "2099-12-31")
            #expect(call.createdByName == "Julia Sommerfeld")
            let recipients = try await CallRecipient.query(on: server.db).filter(\.$call.$id == id).count()
            #expect(recipients == offices.count)

            let page = try await team.get("/m/musterstadt/calls/\(id)?created=1")
            #expect(page.status == .ok)
            #expect(page.body.contains("<strong>alle Vorhaben</strong>"), "the message is rendered as Markdown")
            #expect(page.body.contains("0 von \(offices.count) Ämtern vollständig"))
            for name in ["50 Sozialamt", "33 Bürgeramt", "SD Stabsstelle Digitalisierung"] { #expect(page.body.contains(name)) }
            #expect(page.body.contains("/calls/\(id)/reminder"))
            let events = try await CallFixtures.events(id, on: server)
            #expect(events.map(\.action) == ["create"])
            #expect(events.first?.entityType == "call")

            let list = try await team.get("/m/musterstadt/calls")
            #expect(list.body.contains("Projektabfrage Test 2028"))
            #expect(list.body.contains("0 von \(offices.count) Ämtern vollständig"))
        }
    }

    @Test("a department lead sees the call, submits a profile into it, declares complete, withdraws; the board follows")
    func leadAnswers() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let own = try await CallFixtures.unitID("33", on: server)
            let other = try await CallFixtures.unitID("50", on: server)
            let id = try await CallFixtures.open(team, units: [own, other])

            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let list = try await lead.get("/m/musterstadt/calls")
            #expect(list.body.contains("Projektabfrage Test 2028"))
            #expect(!list.body.contains("/calls/new"))
            let page = try await lead.get("/m/musterstadt/calls/\(id)")
            let submitURL = "/m/musterstadt/projects/new?call=\(id)&department=\(own)"
            #expect(page.body.contains(submitURL.replacingOccurrences(of: "&", with: "&amp;")))
            #expect(page.body.contains("Meldung vollständig"))
            let newForm = try await lead.get(submitURL)
            #expect(newForm.body.contains("name=\"callID\" value=\"\(id)\""))

            // One profile submitted, one left as a draft.
            let created = try await lead.post("/m/musterstadt/projects", PortfolioFixtures.form(title: "Online-Ummeldung mit Termin", department: own, extra: [("callID", id.uuidString)]))
            #expect(created.status == .seeOther)
            let projectID = try #require(created.location?.firstID(after: "/m/musterstadt/projects/"))
            let stored = try #require(try await Project.find(UUID(uuidString: projectID), on: server.db))
            #expect(stored.$call.id == id)
            let submitted = try await lead.post("/m/musterstadt/projects/\(projectID)/status", [("status", "submitted")])
            #expect(submitted.status == .seeOther)
            let draft = try await lead.post("/m/musterstadt/projects", PortfolioFixtures.form(title: "Digitale Meldebescheinigung", department: own, extra: [("callID", id.uuidString)]))
            #expect(draft.status == .seeOther)

            var board = try await CallBoardLoader(db: server.db, municipalityID: try await Fixtures.musterstadt(on: server).requireID())
                .load(try await CallFixtures.call(id, on: server)).board
            #expect(board.rows.map(\.unit.code) == ["33", "50"])
            #expect(board.rows[0].submitted == 1 && board.rows[0].drafts == 1 && board.rows[0].state == .inProgress)
            #expect(board.rows[1].state == .missing)

            let declared = try await lead.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", own.uuidString), ("note", "Mehr kommt nicht.")])
            #expect(declared.status == .seeOther)
            var recipient = try await CallFixtures.recipient(id, own, on: server)
            #expect(recipient.completedAt != nil && recipient.completedByName == "Markus Weißenborn" && recipient.note == "Mehr kommt nicht.")
            let after = try await lead.get("/m/musterstadt/calls/\(id)")
            #expect(after.body.contains("1 von 2 Ämtern vollständig"))
            #expect(after.body.contains("Erklärung zurücknehmen"))
            board = try await CallBoardLoader(db: server.db, municipalityID: try await Fixtures.musterstadt(on: server).requireID())
                .load(try await CallFixtures.call(id, on: server)).board
            #expect(board.rows[0].state == .complete && board.totals.submitted == 1 && board.totals.complete == 1)

            // Not for another unit; a withdrawal while the call is open.
            let foreign = try await lead.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", other.uuidString)])
            #expect(foreign.status == .forbidden)
            let withdrawn = try await lead.post("/m/musterstadt/calls/\(id)/incomplete", [("departmentID", own.uuidString)])
            #expect(withdrawn.status == .seeOther)
            recipient = try await CallFixtures.recipient(id, own, on: server)
            #expect(recipient.completedAt == nil && recipient.note == nil)
            let changes = try await CallFixtures.events(id, on: server).flatMap(AuditTrail.changes(of:)).map(\.field)
            #expect(changes.filter { $0 == "completion" }.count == 2)
            #expect(changes.contains("completionNote"))

            // The team answers for any unit; a unit that was not asked is a field problem.
            let forUnit = try await team.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", other.uuidString)])
            #expect(forUnit.status == .seeOther)
            let completedBy1 = try await CallFixtures.recipient(id, other, on: server).completedByName
            #expect(completedBy1 == "Julia Sommerfeld")
            let notAsked = try await team.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", try await CallFixtures.unitID("61", on: server).uuidString)])
            #expect(notAsked.status == .unprocessableEntity)
            #expect(notAsked.body.contains("Dieser Eintrag existiert nicht (mehr)."))
        }
    }

    @Test("the reminder names the call, deadline, the missing units and what they owe, with a mailto to their leads, by UI language")
    func reminder() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let (own, social, planning) = (try await CallFixtures.unitID("33", on: server), try await CallFixtures.unitID("50", on: server),
                                           try await CallFixtures.unitID("61", on: server))
            try await CallFixtures.lead(email: "sozialamt@musterstadt.example", name: "Andreas Kühn", unit: social, on: server)
            let id = try await CallFixtures.open(team, units: [own, social, planning], deadline: "18.12.2099")
            try await team.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", own.uuidString)])

            let page = try await team.get("/m/musterstadt/calls/\(id)/reminder")
            #expect(page.status == .ok)
            #expect(page.body.contains("readonly>"))
            #expect(page.body.contains("für die Projektabfrage „Projektabfrage Test 2028“"))
            #expect(page.body.contains("Die Frist endet am 18.12.2099"))
            #expect(page.body.contains("- 50 Sozialamt: noch kein Projektsteckbrief, die Erklärung „Meldung vollständig“"))
            #expect(page.body.contains("- 61 Amt für Stadtplanung: noch kein Projektsteckbrief"))
            #expect(!page.body.contains("33 Bürgeramt"), "a complete unit is not reminded")
            #expect(page.body.contains("href=\"mailto:sozialamt@musterstadt.example?subject=Erinnerung"))
            #expect(page.body.contains("Zur Abfrage: http://127.0.0.1"))
            let english = try await team.get("/m/musterstadt/calls/\(id)/reminder?lang=en")
            #expect(english.body.contains("Reminder: call for projects “Projektabfrage Test 2028” – deadline 18 December 2099"))
            #expect(english.body.contains("no project profile yet"))

            let missingOnly = try await team.get("/m/musterstadt/calls/\(id)?filter=missing")
            #expect(missingOnly.body.contains("<strong>50 Sozialamt</strong>") && !missingOnly.body.contains(">33 Bürgeramt<"))

            for email in [Fixtures.reader, Fixtures.departmentLead] {
                let other = server.client()
                try await other.login(email)
                let status2 = try await other.get("/m/musterstadt/calls/\(id)/reminder").status
                #expect(status2 == .forbidden)
            }
        }
    }

    @Test("a closed call refuses new profiles with a field error; reopen, archive and restore; after the deadline the board says so")
    func closeReopenArchive() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let own = try await CallFixtures.unitID("33", on: server)
            let id = try await CallFixtures.open(team, units: [own])
            let status3 = try await team.post("/m/musterstadt/calls/\(id)/close", []).status
            #expect(status3 == .seeOther)
            let closedAt4 = try await CallFixtures.call(id, on: server).closedAt
            #expect(closedAt4 != nil)

            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let closedPage = try await lead.get("/m/musterstadt/calls/\(id)")
            #expect(closedPage.body.contains("Geschlossen"))
            #expect(!closedPage.body.contains("projects/new?call="), "no submit button on a closed call")
            let before = try await PortfolioFixtures.projectCount(on: server)
            let refused = try await lead.post("/m/musterstadt/projects", PortfolioFixtures.form(title: "Zu spät", department: own, extra: [("callID", id.uuidString)]))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("<strong>Abfrage&#58;</strong> Diese Abfrage ist geschlossen und nimmt keine Projekte mehr an."))
            let projects5 = try await PortfolioFixtures.projectCount(on: server)
            #expect(projects5 == before)
            let status6 = try await lead.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", own.uuidString)]).status
            #expect(status6 == .forbidden)

            let status7 = try await team.post("/m/musterstadt/calls/\(id)/reopen", []).status
            #expect(status7 == .seeOther)
            let accepted = try await lead.post("/m/musterstadt/projects", PortfolioFixtures.form(title: "Doch noch", department: own, extra: [("callID", id.uuidString)]))
            #expect(accepted.status == .seeOther)

            let status8 = try await team.post("/m/musterstadt/calls/\(id)/archive", []).status
            #expect(status8 == .seeOther)
            let listed9 = try await team.get("/m/musterstadt/calls").body.contains("Projektabfrage Test 2028")
            #expect(!listed9)
            let listed10 = try await team.get("/m/musterstadt/calls?archived=1").body.contains("Projektabfrage Test 2028")
            #expect(listed10)
            let status11 = try await team.get("/m/musterstadt/calls/\(id)/edit").status
            #expect(status11 == .forbidden)
            let status12 = try await team.post("/m/musterstadt/calls/\(id)/restore", []).status
            #expect(status12 == .seeOther)
            let archivedAt13 = try await CallFixtures.call(id, on: server).archivedAt
            #expect(archivedAt13 == nil)
            let actions = try await CallFixtures.events(id, on: server).map(\.action)
            #expect(actions == ["create", "update", "update", "archive", "restore"])

            let late = try await CallFixtures.open(team, units: [own], title: "Abgelaufene Abfrage", opensOn: "2020-01-01", deadline: "2020-02-01")
            let latePage = try await team.get("/m/musterstadt/calls/\(late)")
            #expect(latePage.body.contains("Frist abgelaufen"))
        }
    }

    @Test("invalid input is shown again with 422, one message per field, and nothing is stored", arguments: [
        ([("title", ""), ("opensOn", "31.02.2026"), ("deadline", "gestern")], ["title-error", "opensOn-error", "deadline-error", "departmentIDs-error"]),
        ([("title", String(repeating: "T", count: 201)), ("message", String(repeating: "m", count: 20_001)), ("opensOn", "2026-12-19"), ("deadline", "18.12.2026")],
         ["title-error", "message-error", "deadline-error", "departmentIDs-error"]),
    ])
    func validation(fields: [(String, String)], errors: [String]) async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let (calls, events) = (try await CallForProjects.query(on: server.db).count(), try await AuditEvent.query(on: server.db).count())
            let response = try await team.post("/m/musterstadt/calls", fields)
            #expect(response.status == .unprocessableEntity)
            for id in errors { #expect(response.body.contains("id=\"\(id)\""), "\(id) missing") }
            #expect(response.body.contains("aria-invalid=\"true\""))
            let count14 = try await CallForProjects.query(on: server.db).count()
            #expect(count14 == calls)
            let count15 = try await AuditEvent.query(on: server.db).count()
            #expect(count15 == events)
        }
    }

    @Test("units of another municipality are refused; an edit with errors keeps the stored call; messages in English too")
    func foreignUnitsAndEdit() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let own = try await CallFixtures.unitID("33", on: server)
            let foreign = try await team.post("/m/musterstadt/calls", CallFixtures.form(units: [own, other.departmentID]))
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.body.contains("id=\"departmentIDs-error\""))
            #expect(!foreign.body.contains(Fixtures.OtherMunicipality.marker))

            let id = try await CallFixtures.open(team, units: [own])
            let english = try await team.post("/m/musterstadt/calls/\(id)?lang=en", CallFixtures.form(title: "Geändert", opensOn: "2030-01-02", deadline: "2030-01-01", units: []))
            #expect(english.status == .unprocessableEntity)
            #expect(english.body.contains("The end lies before the start."))
            #expect(english.body.contains("Please fill in."))
            let title16 = try await CallFixtures.call(id, on: server).title
            #expect(title16 == "Projektabfrage Test 2028")

            // A valid edit: new title, one unit more; the declaration of the kept unit stays.
            try await team.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", own.uuidString)])
            let social = try await CallFixtures.unitID("50", on: server)
            let saved = try await team.post("/m/musterstadt/calls/\(id)", CallFixtures.form(title: "Projektabfrage 2028 (verlängert)", deadline: "2099-12-31", units: [own, social]))
            #expect(saved.status == .seeOther)
            let title17 = try await CallFixtures.call(id, on: server).title
            #expect(title17 == "Projektabfrage 2028 (verlängert)")
            let completedAt18 = try await CallFixtures.recipient(id, own, on: server).completedAt
            #expect(completedAt18 != nil)
            _ = try await CallFixtures.recipient(id, social, on: server)
            let update = try #require(try await CallFixtures.events(id, on: server).last)
            #expect(AuditTrail.changes(of: update).map(\.field) == ["title", "departmentIDs"])
            let edit = try await team.get("/m/musterstadt/calls/\(id)/edit")
            #expect(edit.body.contains("value=\"31.12.2099\""))
        }
    }

    @Test("department leads cannot create, edit, close or archive calls (403); readers read the board without any form")
    func permissions() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let own = try await CallFixtures.unitID("33", on: server)
            let id = try await CallFixtures.open(team, units: [own])
            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let status19 = try await lead.get("/m/musterstadt/calls/new").status
            #expect(status19 == .forbidden)
            let status20 = try await lead.post("/m/musterstadt/calls", CallFixtures.form(units: [own])).status
            #expect(status20 == .forbidden)
            let status21 = try await lead.get("/m/musterstadt/calls/\(id)/edit").status
            #expect(status21 == .forbidden)
            let status22 = try await lead.post("/m/musterstadt/calls/\(id)", CallFixtures.form(title: "Übernommen", units: [own])).status
            #expect(status22 == .forbidden)
            for action in ["close", "reopen", "archive", "restore"] {
                let status23 = try await lead.post("/m/musterstadt/calls/\(id)/\(action)", []).status
                #expect(status23 == .forbidden, "\(action)")
            }
            let leadPage = try await lead.get("/m/musterstadt/calls/\(id)")
            #expect(!leadPage.body.contains("/calls/\(id)/edit") && !leadPage.body.contains("/calls/\(id)/close"))

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let page = try await reader.get("/m/musterstadt/calls/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("33 Bürgeramt"))
            let forms = page.body.components(separatedBy: "<form").count - 1
            #expect(forms == 1, "only the logout form")
            #expect(!page.body.contains("/calls/\(id)/complete"))
            let listed24 = try await reader.get("/m/musterstadt/calls").body.contains("/calls/new")
            #expect(!listed24)
            let status25 = try await reader.post("/m/musterstadt/calls/\(id)/complete", [("departmentID", own.uuidString)]).status
            #expect(status25 == .forbidden)
            let status26 = try await reader.post("/m/musterstadt/calls/\(id)/close", []).status
            #expect(status26 == .forbidden)
            let title27 = try await CallFixtures.call(id, on: server).title
            #expect(title27 == "Projektabfrage Test 2028")
        }
    }

    @Test("the demo: the open call is listed first and shows 3 missing units (50, 61, 62); the old call is closed and past its deadline")
    func demo() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let open = try await CallFixtures.demoCall("2027/2028", on: server)
            let closed = try await CallFixtures.demoCall("Bestandsaufnahme", on: server)
            let list = try await team.get("/m/musterstadt/calls")
            let openAt = try #require(list.body.range(of: open.title)), closedAt = try #require(list.body.range(of: closed.title))
            #expect(openAt.lowerBound < closedAt.lowerBound)
            #expect(list.body.contains("3 von 13 Ämtern vollständig"))
            #expect(list.body.contains("12 von 13 Ämtern vollständig"))

            let missing = try await team.get("/m/musterstadt/calls/\(try open.requireID())?filter=missing")
            let rows = missing.body.components(separatedBy: "<tr class=\"missing\">").dropFirst().map { $0.components(separatedBy: "</th>")[0] }
            #expect(rows == ["<th scope=\"row\"><strong>50 Sozialamt</strong>", "<th scope=\"row\"><strong>61 Amt für Stadtplanung</strong>",
                             "<th scope=\"row\"><strong>62 Vermessung und Geoinformation</strong>"])
            #expect(missing.body.contains("3 ohne Rückmeldung"))
            let reminder = try await team.get("/m/musterstadt/calls/\(try open.requireID())/reminder")
            for unit in ["50 Sozialamt", "61 Amt für Stadtplanung", "62 Vermessung und Geoinformation"] { #expect(reminder.body.contains("- \(unit): ")) }

            let old = try await team.get("/m/musterstadt/calls/\(try closed.requireID())")
            #expect(old.body.contains("Geschlossen") && old.body.contains("Frist abgelaufen"))
            #expect(old.body.contains("/calls/\(try closed.requireID())/reopen"))
        }
    }
}
