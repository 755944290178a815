import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Project portfolio in the browser")
struct PortfolioWebTests {
    @Test("the list shows the demo portfolio; search folds case, umlauts and ß; a field of action includes its goals' projects")
    func listSearchAndFilter() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let all = try await browser.get("/m/musterstadt/projects")
            #expect(all.status == .ok)
            #expect(all.body.contains("<strong>45</strong>"))
            #expect(all.body.contains("P-0001"))
            let folded = try await browser.get("/m/musterstadt/projects?q=BUERGERBUERO%20online")
            let umlaut = try await browser.get("/m/musterstadt/projects?q=b%C3%BCrgerb%C3%BCro%20Online")
            #expect(folded.status == .ok)
            #expect(folded.body.contains("projects found") || folded.body.contains("Projekte gefunden"))
            let foldedCount = countOf(folded.body)
            let umlautCount = countOf(umlaut.body)
            #expect(foldedCount == umlautCount)
            #expect(foldedCount > 0)
            let field = try await PortfolioFixtures.element("HF1", on: server)
            let goal = try await PortfolioFixtures.element("Z1.1", on: server)
            let byField = try await browser.get("/m/musterstadt/projects?element=\(field.requireID())")
            let byGoal = try await browser.get("/m/musterstadt/projects?element=\(goal.requireID())")
            #expect(countOf(byField.body) >= countOf(byGoal.body))
            #expect(countOf(byGoal.body) > 0)
            let none = try await browser.get("/m/musterstadt/projects?q=zzqxnichtvorhanden")
            #expect(countOf(none.body) == 0)
            // The reader may look but not bundle, import or create.
            #expect(!all.body.contains("name=\"projectIDs[]\""))
            #expect(!all.body.contains("/projects/new"))
        }
    }

    @Test("creating a profile stores money, staff, links and the first status, and audits it")
    func create() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let unit = try await PortfolioFixtures.department("33", on: server)
            let goal = try await PortfolioFixtures.element("Z1.1", on: server)
            let dependency = try await PortfolioFixtures.project("P-0004", on: server)
            let response = try await browser.post("/m/musterstadt/projects", PortfolioFixtures.form(
                title: "Online-Antrag Führungszeugnis", department: try unit.requireID(),
                extra: [("strategyElementIDs[]", goal.requireID().uuidString), ("dependencyIDs[]", dependency.requireID().uuidString),
                        ("legalObligation", "true"), ("legalReference", "OZG")]))
            #expect(response.status == .seeOther)
            let stored = try await Project.query(on: server.db).filter(\.$title == "Online-Antrag Führungszeugnis").first()
            let project = try #require(stored)
            #expect(project.code == "P-0046")
            #expect(project.totalOneOffCents == 1_250_050)
            #expect(project.totalRunningCents == 100_000)
            #expect(project.totalFTEHundredths == 50)
            #expect(project.hoursSavedPerYear == 1200)
            #expect(project.endOn == "2027-12-31")
            #expect(project.projectStatus == .idea)
            #expect(project.tagList == ["OZG", "Online"])
            let details = try await ProjectDetails.load(project, on: server.db)
            #expect(details.elementIDs == [try goal.requireID()])
            #expect(details.dependencyIDs == [try dependency.requireID()])
            let detail = try await browser.get(response.location!.components(separatedBy: "?")[0])
            #expect(detail.body.contains("Online-Antrag Führungszeugnis"))
            #expect(detail.body.contains("12.501 €"))
            let events = try await AuditEvent.query(on: server.db).filter(\.$entityID == project.requireID()).all()
            #expect(events.map(\.action) == ["create"])
            let history = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$project.$id == project.requireID()).all()
            #expect(history.map(\.toStatus) == ["idea"])
        }
    }

    @Test("a long profile (a form body far larger than one network read) is accepted: the CSRF check sees the whole body")
    func longForm() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let unit = try await PortfolioFixtures.department("33", on: server)
            let description = String(repeating: "Größere Beschreibung mit Umlauten – äöüß & = + %. ", count: 380)
            let response = try await browser.post("/m/musterstadt/projects", PortfolioFixtures.form(
                title: "Sehr ausführliches Projekt", department: try unit.requireID(), extra: [("description", description)]))
            #expect(response.status == .seeOther)
            let stored = try await Project.query(on: server.db).filter(\.$title == "Sehr ausführliches Projekt").first()
            #expect(stored?.description == description.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("bad input is named field by field and nothing is stored")
    func badInput() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let unit = try await PortfolioFixtures.department("33", on: server)
            let before = try await PortfolioFixtures.projectCount(on: server)
            var fields = PortfolioFixtures.form(title: "", department: try unit.requireID())
            fields = fields.map { name, value in
                switch name {
                case "endOn": return (name, "31.02.2026")
                case "costOneOff[]" where value == "12.500,50": return (name, "-5")
                case "effortFTE[]": return (name, "150")
                default: return (name, value)
                }
            }
            let response = try await browser.post("/m/musterstadt/projects", fields)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.contains("Bitte ausfüllen."))
            #expect(response.body.contains("kein gültiges Datum"))
            #expect(response.body.contains("Negative Werte sind nicht zulässig."))
            #expect(response.body.contains("Kosten, Zeile 1 – Einmalkosten"))
            #expect(response.body.contains("aria-invalid=\"true\""))
            let after = try await PortfolioFixtures.projectCount(on: server)
            #expect(after == before)
        }
    }

    @Test("a dependency cycle is refused and the cycle is named")
    func dependencyCycle() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            // P-0013 (Wohngeld) depends on ePayment / BundID in the demo; making ePayment depend on it closes a circle.
            let basic = try await PortfolioFixtures.project("P-0004", on: server)
            let dependents = try await ProjectDependency.query(on: server.db).filter(\.$dependsOn.$id == basic.requireID()).all()
            let firstDependent = try #require(dependents.first)
            let found = try await Project.find(firstDependent.$project.id, on: server.db)
            let dependent = try #require(found)
            let details = try await ProjectDetails.load(basic, on: server.db)
            var fields = ConcurrencyFixtures.projectFields(basic, details)
            fields.append(("dependencyIDs[]", try dependent.requireID().uuidString))
            try await browser.get("/m/musterstadt/projects/\(try basic.requireID())/edit")
            let response = try await browser.post("/m/musterstadt/projects/\(try basic.requireID())", fields)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.contains("Zirkuläre Abhängigkeit"))
            #expect(response.body.contains("P-0004"))
            #expect(response.body.contains(dependent.code))
            let stored = try await ProjectDependency.query(on: server.db).filter(\.$project.$id == basic.requireID()).count()
            #expect(stored == details.dependencyIDs.count)
        }
    }

    @Test("the status workflow: allowed steps with reasons, refused jumps, department leads only for their own units")
    func statusWorkflow() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            // The demo's submissions are all in its running prioritization round ("In Bewertung"): submit an idea first.
            let firstIdea = try await Project.query(on: server.db).filter(\.$status == "idea").sort(\.$code).first()
            let submitted = try #require(firstIdea)
            let path = "/m/musterstadt/projects/\(try submitted.requireID())"
            let submitIdea = try await team.post(path + "/status", [("status", "submitted")])
            #expect(submitIdea.status == .seeOther)
            let jump = try await team.post(path + "/status", [("status", "completed")])
            #expect(jump.status == .unprocessableEntity)
            #expect(jump.body.contains("nicht vorgesehen"))
            let noReason = try await team.post(path + "/status", [("status", "deferred"), ("reason", "")])
            #expect(noReason.status == .unprocessableEntity)
            let ok = try await team.post(path + "/status", [("status", "inReview"), ("reason", "Vollständig, geht in die Bewertung")])
            #expect(ok.status == .seeOther)
            let reloaded = try await Project.find(submitted.id, on: server.db)
            #expect(reloaded?.projectStatus == .inReview)
            let last = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$project.$id == submitted.requireID())
                .sort(\.$changedAt, .descending).first()
            #expect(last?.fromStatus == "submitted")
            #expect(last?.reason == "Vollständig, geht in die Bewertung")
            #expect(last?.changedByName == "Julia Sommerfeld")

            // Department lead of unit 33 (Bürgeramt) submits an own idea but cannot touch another unit's project.
            let lead = server.client()
            try await lead.login(Fixtures.departmentLead)
            let unit = try await PortfolioFixtures.department("33", on: server)
            let created = try await lead.post("/m/musterstadt/projects", PortfolioFixtures.form(title: "Digitale Meldebescheinigung", department: try unit.requireID()))
            #expect(created.status == .seeOther)
            let ownProject = try await Project.query(on: server.db).filter(\.$title == "Digitale Meldebescheinigung").first()
            let own = try #require(ownProject)
            let submit = try await lead.post("/m/musterstadt/projects/\(try own.requireID())/status", [("status", "submitted")])
            #expect(submit.status == .seeOther)
            let review = try await lead.post("/m/musterstadt/projects/\(try own.requireID())/status", [("status", "inReview")])
            #expect(review.status == .forbidden)
            let other = try await PortfolioFixtures.department("20", on: server)
            let foreign = try await lead.post("/m/musterstadt/projects", PortfolioFixtures.form(title: "Fremdes Projekt", department: try other.requireID()))
            #expect(foreign.status == .forbidden)
        }
    }

    @Test("merging keeps both histories, unions links and tags, archives the absorbed project and repoints dependents")
    func merge() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let survivor = try await PortfolioFixtures.project("P-0011", on: server)
            let absorbed = try await PortfolioFixtures.project("P-0034", on: server)
            let before = try await ProjectDetails.load(absorbed, on: server.db)
            let form = try await browser.get("/m/musterstadt/projects/\(try absorbed.requireID())/merge")
            #expect(form.status == .ok)
            let response = try await browser.post("/m/musterstadt/projects/\(try absorbed.requireID())/merge",
                                                  [("target", try survivor.requireID().uuidString), ("note", "Beide wollen Online-Termine")])
            #expect(response.status == .seeOther)
            let mergedProject = try await Project.find(absorbed.id, on: server.db)
            let merged = try #require(mergedProject)
            #expect(merged.archivedAt != nil)
            #expect(merged.$mergedInto.id == survivor.id)
            let after = try await ProjectDetails.load(survivor, on: server.db)
            #expect(Set(before.elementIDs).isSubset(of: Set(after.elementIDs)))
            for dependent in before.dependentIDs where dependent != survivor.id {
                let edges = try await ProjectDependency.query(on: server.db).filter(\.$project.$id == dependent).all().map(\.$dependsOn.id)
                #expect(edges.contains(try survivor.requireID()))
            }
            let history = try await browser.get("/m/musterstadt/projects/\(try survivor.requireID())/history")
            #expect(history.body.contains("P-0034"))
            #expect(history.body.contains("zusammengeführt"))
            let restore = try await browser.post("/m/musterstadt/projects/\(try absorbed.requireID())/restore", [])
            #expect(restore.status == .conflict)
            #expect(restore.body.contains("kann nicht wiederhergestellt werden"))
            let self_ = try await browser.post("/m/musterstadt/projects/\(try survivor.requireID())/merge", [("target", try survivor.requireID().uuidString)])
            #expect(self_.status == .unprocessableEntity)
        }
    }

    @Test("bulk assignment links many projects to a program at once, and only the strategy team may do it")
    func bulkAssign() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let program = try await PortfolioFixtures.element("P1.1.1", on: server)
            let a = try await PortfolioFixtures.project("P-0042", on: server)
            let b = try await PortfolioFixtures.project("P-0043", on: server)
            let response = try await browser.post("/m/musterstadt/projects/assign", [
                ("projectIDs[]", try a.requireID().uuidString), ("projectIDs[]", try b.requireID().uuidString),
                ("elementID", try program.requireID().uuidString)])
            #expect(response.status == .seeOther)
            #expect(response.location?.contains("assigned=2") == true)
            let links = try await ProjectStrategyLink.query(on: server.db).filter(\.$element.$id == program.requireID())
                .filter(\.$project.$id ~~ [try a.requireID(), try b.requireID()]).count()
            #expect(links == 2)
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let refused = try await reader.post("/m/musterstadt/projects/assign", [("projectIDs[]", try a.requireID().uuidString), ("elementID", try program.requireID().uuidString)])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("board, duplicates and the detail page render; the demo's near-duplicates are found")
    func boardDuplicatesDetail() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let board = try await browser.get("/m/musterstadt/projects/board")
            #expect(board.status == .ok)
            #expect(board.body.contains("HF1"))
            let duplicates = try await browser.get("/m/musterstadt/projects/duplicates")
            #expect(duplicates.status == .ok)
            #expect(duplicates.body.contains("P-0026") && duplicates.body.contains("P-0040"))
            let project = try await PortfolioFixtures.project("P-0001", on: server)
            let detail = try await browser.get("/m/musterstadt/projects/\(try project.requireID())")
            #expect(detail.status == .ok)
            #expect(detail.body.contains("180.000 €"))
            #expect(detail.body.contains("Statusverlauf"))
        }
    }

    private func countOf(_ body: String) -> Int {
        guard let range = body.range(of: #"<strong>(\d+)</strong>"#, options: .regularExpression) else { return -1 }
        return Int(body[range].dropFirst(8).dropLast(9)) ?? -1
    }
}
