import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Strategy frame in the browser")
struct StrategyWebTests {
    @Test("the overview shows vision, principles, fields, goals and programs of the demo")
    func overview() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let page = try await browser.get("/m/musterstadt")
            #expect(page.status == .ok)
            let elements = try await StrategyElement.query(on: server.db).all()
            for element in elements where element.archivedAt == nil {
                #expect(page.body.contains(SafeMarkdown.escape(element.title).replacingOccurrences(of: "&", with: "&amp;")) || page.body.contains(element.title),
                        "missing \(element.title)")
            }
            #expect(!page.body.contains(">Bearbeiten<"))
        }
    }

    @Test("editing a goal changes it and records who changed which field from what to what")
    func editGoal() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let id = try goal.requireID()
            let form = try await browser.get("/m/musterstadt/goals/\(id)/edit")
            #expect(form.status == .ok)
            let response = try await browser.post("/m/musterstadt/goals/\(id)", [
                ("code", goal.code ?? ""), ("title", "Alle Anträge online"), ("description", goal.description ?? ""),
                ("targetStatement", "Bis 2028 sind 100 Leistungen online."), ("targetYear", "2028"),
                ("parentID", goal.$parent.id!.uuidString), ("responsibleDepartmentID", goal.$responsibleDepartment.id?.uuidString ?? ""),
            ])
            #expect(response.status == .seeOther)
            #expect(response.location == "/m/musterstadt/goals/\(id)")
            let detail = try await browser.get("/m/musterstadt/goals/\(id)")
            #expect(detail.body.contains("Alle Anträge online"))
            #expect(detail.body.contains("Bis 2028 sind 100 Leistungen online."))

            let events = try await AuditEvent.query(on: server.db).filter(\.$entityID == id).filter(\.$action == "update").all()
            #expect(events.count == 1)
            let changes = AuditTrail.changes(of: try #require(events.first))
            #expect(changes.contains(FieldChange(field: "title", old: goal.title, new: "Alle Anträge online")))
            #expect(events.first?.actorName.contains(Fixtures.strategyTeam) == true)
            let history = try await browser.get("/m/musterstadt/goals/\(id)/history")
            #expect(history.body.contains("Alle Anträge online"))
            #expect(history.body.contains("geändert"))
        }
    }

    @Test("bad input re-renders the form with the problems named and stores nothing")
    func badInput() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let id = try goal.requireID()
            try await browser.get("/m/musterstadt/goals/\(id)/edit")
            let cases: [[(String, String)]] = [
                [("title", ""), ("targetStatement", "x"), ("parentID", goal.$parent.id!.uuidString)],
                [("title", String(repeating: "x", count: 201)), ("targetStatement", "x"), ("parentID", goal.$parent.id!.uuidString)],
                [("title", "ok"), ("targetStatement", "x"), ("targetYear", "zwanzig"), ("parentID", goal.$parent.id!.uuidString)],
                [("title", "ok"), ("targetStatement", "x"), ("parentID", UUID().uuidString)],
                [("title", "ok\u{0007}"), ("targetStatement", "x"), ("parentID", goal.$parent.id!.uuidString)],
                [("title", "ok"), ("targetStatement", ""), ("parentID", goal.$parent.id!.uuidString)],
            ]
            for fields in cases {
                let response = try await browser.post("/m/musterstadt/goals/\(id)", fields)
                #expect(response.status == .unprocessableEntity, "\(fields)")
                #expect(response.body.contains("error-summary"))
                #expect(response.body.contains("aria-invalid=\"true\""))
            }
            let stored = try await StrategyElement.find(id, on: server.db)
            #expect(stored?.title == goal.title)
            // The demo itself records updates (its prioritization rounds); none may be about this goal.
            let updates = try await AuditEvent.query(on: server.db).filter(\.$action == "update").filter(\.$entityID == id).count()
            #expect(updates == 0)
        }
    }

    @Test("HTML and script in every text field are shown as text, never run")
    func hostileText() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            try await browser.get("/m/musterstadt/principles/new")
            let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
            let created = try await browser.post("/m/musterstadt/principles", [
                ("code", "<b>L9</b>"), ("title", hostile), ("description", hostile + "\n\n[klick](javascript:alert(1))"),
            ])
            #expect(created.status == .seeOther)
            let detail = try await browser.get(try #require(created.location))
            #expect(!detail.body.contains("<script>alert"))
            #expect(!detail.body.contains("<img src=x"))
            #expect(!detail.body.contains("javascript:"))
            #expect(detail.body.contains("&lt;script&gt;"))
            let overview = try await browser.get("/m/musterstadt")
            #expect(!overview.body.contains("<script>alert"))
        }
    }

    @Test("invalid UTF-8 in a form is refused with a message")
    func invalidUTF8() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let csrf = try #require(browser.csrf)
            var body = Data("_csrf=\(csrf)&title=".utf8)
            body.append(contentsOf: [0xC3, 0x28, 0xFF])
            let response = try await browser.postRaw("/m/musterstadt/principles", body: body)
            #expect([.badRequest, .unprocessableEntity].contains(response.status))
            let count = try await StrategyElement.query(on: server.db).filter(\.$kind == "principle").count()
            #expect(count == DemoMunicipality.musterstadt.principles.count)
        }
    }

    @Test("archive, restore and reorder are recorded; a reader may do none of it")
    func archiveRestoreMove() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let principle = try await Fixtures.firstElement(.principle, on: server)
            let id = try principle.requireID()
            try await team.get("/m/musterstadt/principles")
            try await #expect(team.post("/m/musterstadt/principles/\(id)/move", [("direction", "down")]).status == .seeOther)
            try await #expect(StrategyElement.find(id, on: server.db)?.position == 2)
            try await #expect(team.post("/m/musterstadt/principles/\(id)/archive", []).status == .seeOther)
            let list = try await team.get("/m/musterstadt/principles")
            #expect(!list.body.contains("/principles/\(id)\""))
            let archived = try await team.get("/m/musterstadt/principles?archived=1")
            #expect(archived.body.contains("/principles/\(id)\""))
            try await #expect(team.post("/m/musterstadt/principles/\(id)/restore", []).status == .seeOther)
            let actions = try await AuditEvent.query(on: server.db).filter(\.$entityID == id).all().map(\.action)
            #expect(Set(actions) == ["move", "archive", "restore"])

            let reader = server.client()
            try await reader.login(Fixtures.reader)
            try await #expect(reader.get("/m/musterstadt/principles/\(id)/edit").status == .forbidden)
            try await #expect(reader.post("/m/musterstadt/principles/\(id)/archive", []).status == .forbidden)
            try await #expect(StrategyElement.find(id, on: server.db)?.archivedAt == nil)
        }
    }

    @Test("a department lead edits the goals of the own department, not others")
    func departmentLead() async throws {
        try await withServer { server in
            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let membership = try await Membership.query(on: server.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                .filter(User.self, \.$email == Fixtures.departmentLead).first()
            let department = try #require(membership?.$department.id)
            let goals = try await StrategyElement.query(on: server.db).filter(\.$kind == "goal").all()
            let own = goals.first { $0.$responsibleDepartment.id == department }
            let other = try #require(goals.first { $0.$responsibleDepartment.id != department })
            try await #expect(lead.get("/m/musterstadt/goals/\(try other.requireID())/edit").status == .forbidden)
            if let own {
                try await #expect(lead.get("/m/musterstadt/goals/\(try own.requireID())/edit").status == .ok)
            }
        }
    }

    @Test("English on request, German by default")
    func language() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            try await #expect(browser.get("/m/musterstadt").body.contains("<html lang=\"de\">"))
            let english = try await browser.get("/m/musterstadt?lang=en")
            #expect(english.body.contains("<html lang=\"en\">"))
            #expect(english.body.contains("Fields of action"))
            // The choice sticks through the cookie.
            try await #expect(browser.get("/m/musterstadt/goals").body.contains("<html lang=\"en\">"))
            let fresh = server.client()
            try await fresh.login(Fixtures.reader)
            try await #expect(fresh.get("/m/musterstadt", headers: ["Accept-Language": "en-GB,en;q=0.9,de;q=0.5"]).body.contains("<html lang=\"en\">"))
        }
    }
}
