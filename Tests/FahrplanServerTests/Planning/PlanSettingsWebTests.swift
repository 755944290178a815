import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The plan's frame form (/edit) and the per-project settings table (/projects) in the browser.
@Suite("Plan frame and project settings in the browser")
struct PlanSettingsWebTests {
    /// A two-year plan made through the web form; returns its page URL and id.
    private func createPlan(_ client: TestClient) async throws -> (url: String, id: UUID) {
        try await client.get("/m/musterstadt/plans/new")
        let created = try await client.post("/m/musterstadt/plans", [("name", "Rahmenplan"), ("periodLength", "year"), ("firstYear", "2027"),
                                                                      ("periodCount", "2"), ("discount", "0,9")])
        #expect(created.status == .seeOther)
        let url = String(try #require(created.location).dropLast("/capacities".count))
        return (url, try #require(UUID(uuidString: String(url.split(separator: "/").last ?? ""))))
    }

    private func frame(name: String, firstYear: String = "2027") -> [(String, String)] {
        [("name", name), ("periodLength", "year"), ("firstYear", firstYear), ("periodCount", "2"), ("discount", "0,9")]
    }

    @Test("the frame form stores the plan, a stale version gets 409 and changes nothing, a moved horizon discards the result")
    func frameEdit() async throws {
        try await withServer { server in
            _ = try await PlanningFixture.make(server)
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let (planURL, planID) = try await createPlan(client)
            let form = try await client.get(planURL + "/edit")
            #expect(form.status == .ok)
            #expect(form.body.contains("id=\"frame-hint\""))
            let loaded = try #require(TestClient.hiddenValue("version", in: form.body))

            let saved = try await client.post(planURL + "/edit", frame(name: "Rahmen neu"))
            #expect(saved.status == .seeOther)
            #expect(saved.location?.contains("notice=frameSaved") == true)
            let plan = try #require(try await RoadmapPlan.find(planID, on: server.db))
            #expect(plan.name == "Rahmen neu")

            try await client.get(planURL + "/edit")
            let stale = try await client.post(planURL + "/edit", frame(name: "Veraltet") + [("version", loaded)])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("error-summary"))
            #expect(try await RoadmapPlan.find(planID, on: server.db)?.name == "Rahmen neu")

            // A stored result, then the first year moves: the result is gone and the page says why.
            let municipality = try await Fixtures.musterstadt(on: server)
            let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            let built = PlanProblemBuilder.build(try await PlanData.load(plan, on: server.db))
            let result = RoadmapOptimizer.solve(built.problem, options: RoadmapSolverOptions(workLimit: 50_000))
            try await PlanResultService.store(result, built: built, planID: planID, planName: plan.name,
                                              municipalityID: context.municipalityID, actor: context.user, on: server.db)
            #expect(try await PlanResult.query(on: server.db).filter(\.$plan.$id == planID).count() == 1)
            try await client.get(planURL + "/edit")
            let moved = try await client.post(planURL + "/edit", frame(name: "Rahmen neu", firstYear: "2028"))
            #expect(moved.status == .seeOther)
            #expect(moved.location?.contains("notice=resultDiscarded") == true)
            #expect(try await PlanResult.query(on: server.db).filter(\.$plan.$id == planID).count() == 0)
            #expect(try await RoadmapPlan.find(planID, on: server.db)?.firstYear == 2028)
        }
    }

    @Test("the settings table stores in the plan, mandatory and a fixed start; one project's row opens alone")
    func settingsStore() async throws {
        try await withServer { server in
            let fixture = try await PlanningFixture.make(server)
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let (planURL, planID) = try await createPlan(client)
            let a = fixture.projects["A"]!, b = fixture.projects["B"]!, c = fixture.projects["C"]!
            let one = try await client.get(planURL + "/projects?project=\(a.uuidString)")
            #expect(one.status == .ok)
            #expect(one.body.contains("id=\"settings-PLAN-A\""))
            #expect(!one.body.contains("id=\"settings-PLAN-B\""))
            #expect(one.body.contains("id=\"all-settings\""))

            let all = try await client.get(planURL + "/projects")
            #expect(all.status == .ok)
            #expect(all.body.contains("id=\"settings-PLAN-B\""))
            let saved = try await client.post(planURL + "/projects", [
                ("row[]", a.uuidString), ("included[\(a.uuidString)]", "on"), ("mandatory[\(a.uuidString)]", "yes"), ("start[\(a.uuidString)]", "1"),
                ("row[]", b.uuidString), ("included[\(b.uuidString)]", "on"), ("mandatory[\(b.uuidString)]", "no"), ("start[\(b.uuidString)]", ""),
                ("row[]", c.uuidString), ("mandatory[\(c.uuidString)]", ""), ("start[\(c.uuidString)]", ""),
            ])
            #expect(saved.status == .seeOther)
            #expect(saved.location?.contains("notice=settingsSaved") == true)
            let settings = try await PlanProjectSetting.query(on: server.db).filter(\.$plan.$id == planID).all()
            let byProject = Dictionary(uniqueKeysWithValues: settings.map { ($0.$project.id, $0) })
            #expect(byProject[a]?.included == true)
            #expect(byProject[a]?.mandatory == true)
            #expect(byProject[a]?.pinnedStart == 1)
            #expect(byProject[b]?.included == true)
            #expect(byProject[b]?.mandatory == false)
            #expect(byProject[b]?.pinnedStart == nil)
            #expect(byProject[c]?.included == false)

            let page = try await client.get(planURL + "/projects?project=\(c.uuidString)")
            #expect(!page.body.contains("id=\"included-\(c.uuidString)\" name=\"included[\(c.uuidString)]\" value=\"on\" checked"))
            #expect(page.body.contains("id=\"included-\(a.uuidString)\"") == false)
        }
    }

    @Test("bad settings (a start outside the horizon, not a number, a left-out project marked mandatory) get 422 naming the field and store nothing")
    func settingsInvalid() async throws {
        try await withServer { server in
            let fixture = try await PlanningFixture.make(server)
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let (planURL, planID) = try await createPlan(client)
            let a = fixture.projects["A"]!.uuidString, c = fixture.projects["C"]!.uuidString
            let versionBefore = try #require(try await RoadmapPlan.find(planID, on: server.db)).version
            let cases: [(fields: [(String, String)], errorID: String, text: String?)] = [
                ([("row[]", a), ("included[\(a)]", "on"), ("start[\(a)]", "5")], "start-\(a)-error", nil),
                ([("row[]", a), ("included[\(a)]", "on"), ("start[\(a)]", "zwei")], "start-\(a)-error", nil),
                ([("row[]", a), ("included[\(a)]", "on"), ("row[]", c), ("mandatory[\(c)]", "yes")], "mandatory-\(c)-error",
                 "kann nicht Pflicht sein"),
                ([("row[]", c), ("start[\(c)]", "0")], "start-\(c)-error", "kann keinen festen Beginn haben"),
            ]
            for entry in cases {
                try await client.get(planURL + "/projects")
                let answer = try await client.post(planURL + "/projects", entry.fields)
                #expect(answer.status == .unprocessableEntity, "\(entry.fields)")
                #expect(answer.body.contains("id=\"\(entry.errorID)\""), "\(entry.fields)")
                #expect(answer.body.contains("error-summary"))
                if let text = entry.text { #expect(answer.body.contains(text)) }
                #expect(try await PlanProjectSetting.query(on: server.db).filter(\.$plan.$id == planID).count() == 0, "nothing stored")
                #expect(try await RoadmapPlan.find(planID, on: server.db)?.version == versionBefore)
            }
        }
    }
}
