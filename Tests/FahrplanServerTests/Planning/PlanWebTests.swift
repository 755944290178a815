import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Roadmap plans in the browser")
struct PlanWebTests {
    @Test("the team creates a plan, enters capacities in German numbers (one bad cell stores nothing), solves it and sees the schedule")
    func journey() async throws {
        try await withServer { server in
            let fixture = try await PlanningFixture.make(server)
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let list = try await client.get("/m/musterstadt/plans")
            #expect(list.status == .ok)
            #expect(list.body.contains("id=\"new-plan\""))
            try await client.get("/m/musterstadt/plans/new")
            let invalid = try await client.post("/m/musterstadt/plans", [("name", ""), ("periodLength", "year"), ("firstYear", "1900"),
                                                                          ("periodCount", "2"), ("discount", "0,9")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("error-summary"))
            let created = try await client.post("/m/musterstadt/plans", [("name", "Webplan"), ("periodLength", "year"), ("firstYear", "2027"),
                                                                          ("periodCount", "2"), ("discount", "0,9")])
            #expect(created.status == .seeOther)
            let capacitiesURL = try #require(created.location)
            let planURL = String(capacitiesURL.dropLast("/capacities".count))
            let planID = try #require(UUID(uuidString: String(planURL.split(separator: "/").last ?? "")))
            try await client.get(capacitiesURL)
            let department = fixture.department.uuidString
            let bad = try await client.post(capacitiesURL, [("label[0]", "Haushalt investiv"), ("kind[0]", "investive"), ("amount[0_0]", "100"),
                                                             ("amount[0_1]", "viel"), ("fte[\(department)_0]", "1,0"), ("fte[\(department)_1]", "1")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("amount-0-1-error"))
            #expect(try await PlanBudgetLine.query(on: server.db).filter(\.$plan.$id == planID).count() == 0, "nothing half-stored")
            #expect(try await PlanStaffCapacity.query(on: server.db).filter(\.$plan.$id == planID).count() == 0)
            try await client.get(capacitiesURL)
            let saved = try await client.post(capacitiesURL, [("label[0]", "Haushalt investiv"), ("kind[0]", "investive"), ("amount[0_0]", "1.000,50"),
                                                               ("amount[0_1]", "100"), ("fte[\(department)_0]", "1,5"), ("fte[\(department)_1]", "1")])
            #expect(saved.status == .seeOther)
            let line = try #require(try await PlanBudgetLine.query(on: server.db).filter(\.$plan.$id == planID).first())
            #expect(line.amountList == [1000.5, 100])
            let staff = try #require(try await PlanStaffCapacity.query(on: server.db).filter(\.$plan.$id == planID).first())
            #expect(staff.fteList == [1.5, 1])

            // Only the fixture's projects, then solve from the page.
            let municipality = try await Fixtures.musterstadt(on: server)
            let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
            let plan = try #require(try await RoadmapPlan.find(planID, on: server.db))
            try await PlanService(db: server.db, context: context).saveSettings(plan, fixture.others.map {
                ProjectSettingInput(projectID: $0.uuidString, included: false)
            })
            try await client.get(planURL)
            let solve = try await client.post(planURL + "/solve", [])
            #expect(solve.status == .seeOther)
            await server.app.planSolveJobs.waitUntilIdle(planID)
            let page = try await client.get(planURL)
            #expect(page.status == .ok)
            #expect(page.body.contains("plan-row-PLAN-B"))
            #expect(page.body.contains("plan-use"))
            #expect(page.body.contains("<svg"), "the charts are on the page")
            #expect(!page.body.contains("id=\"plan-progress\""))

            // A manual start that breaks a rule is stored and the violation shown.
            let changed = try await client.post(planURL + "/starts", [("projectId", fixture.projects["C"]!.uuidString), ("start", "0")])
            #expect(changed.status == .seeOther)
            let after = try await client.get(changed.location ?? planURL)
            #expect(after.body.contains("id=\"plan-violations\""))

            // A scenario with 20 % less budget, then the comparison page.
            try await client.get(planURL + "/scenario")
            let scenario = try await client.post(planURL + "/scenario", [("name", "Sparrunde"), ("note", "Haushalt −20 %"), ("budgetPercent", "-20")])
            #expect(scenario.status == .seeOther)
            let scenarioID = String((scenario.location ?? "").split(separator: "/").last ?? "")
            let copied = try #require(try await PlanBudgetLine.query(on: server.db).filter(\.$plan.$id == UUID(uuidString: scenarioID)!).first())
            #expect(copied.amountList == [800.4, 80])
            let compare = try await client.get(planURL + "/compare?with=\(scenarioID)")
            #expect(compare.status == .ok)
            #expect(compare.body.contains("compare-changes"))
        }
    }

    @Test("readers see plans but cannot solve or edit; another municipality's plan is 404")
    func permissions() async throws {
        try await withServer { server in
            let id = try await PlanningAPIExercise.planID(on: server)
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            #expect(try await reader.get("/m/musterstadt/plans").status == .ok)
            let page = try await reader.get("/m/musterstadt/plans/\(id)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("id=\"solve-plan\""))
            #expect(try await reader.post("/m/musterstadt/plans/\(id)/solve", []).status == .forbidden)
            #expect(try await reader.get("/m/musterstadt/plans/new").status == .forbidden)

            let other = try await Fixtures.otherMunicipality(on: server)
            let neighbour = server.client()
            try await neighbour.login(other.teamEmail)
            #expect(try await neighbour.get("/m/nachbarstadt/plans/\(id)").status == .notFound)
            #expect(try await neighbour.post("/m/nachbarstadt/plans/\(id)/solve", []).status == .notFound)
        }
    }
}
