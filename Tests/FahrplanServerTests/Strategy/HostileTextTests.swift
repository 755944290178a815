import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Hostile text in every field")
struct HostileTextTests {
    static let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"

    @Test("script and HTML typed into every text field are shown escaped on every page and in the API")
    func everyField() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let p = Self.payload
            try await team.get("/m/musterstadt/vision/edit")
            try await #expect(team.post("/m/musterstadt/vision", [("visionTitle", p), ("vision", p)]).status == .seeOther)

            try await team.get("/m/musterstadt/departments/new")
            let unit = try await team.post("/m/musterstadt/departments", [("code", "X<b>"), ("name", p), ("level", "office"), ("headName", p)])
            #expect(unit.status == .seeOther)
            let unitID = try #require(try await Department.query(on: server.db).filter(\.$code == "X<b>").first()?.requireID())

            let field = try await Fixtures.firstElement(.fieldOfAction, on: server)
            try await team.get("/m/musterstadt/goals/new")
            let goal = try await team.post("/m/musterstadt/goals", [("code", "<i>Z"), ("title", p), ("description", p + "\n\n[x](javascript:alert(4))"),
                                                                      ("targetStatement", p), ("parentID", try field.requireID().uuidString),
                                                                      ("responsibleDepartmentID", unitID.uuidString)])
            #expect(goal.status == .seeOther)
            let goalPath = try #require(goal.location)

            try await team.get("/m/musterstadt/members")
            try await team.post("/m/musterstadt/members", [("email", "boese@musterstadt.example"), ("displayName", p), ("role", "reader")])
            try await team.get("/account")
            try await team.post("/account/tokens", [("name", p), ("municipality", try await Fixtures.musterstadt(on: server).requireID().uuidString)])

            let pages = ["/", "/m/musterstadt", "/m/musterstadt/goals", goalPath, goalPath + "/edit", goalPath + "/history",
                         "/m/musterstadt/departments", "/m/musterstadt/departments/\(unitID)", "/m/musterstadt/departments/\(unitID)/history",
                         "/m/musterstadt/members", "/m/musterstadt/audit", "/account", "/m/musterstadt/vision/edit"]
            for page in pages {
                let response = try await team.get(page)
                #expect(response.status == .ok, "\(page)")
                for raw in ["<script>alert", "<img src=x", "<svg onload", "href=\"javascript:", "<b>", "<i>Z"] {
                    #expect(!response.body.contains(raw), "\(page) contains \(raw) unescaped")
                }
                // The start page shows only municipality names, none of which is hostile here.
                #expect(page == "/" || response.body.contains("&lt;script&gt;") || response.body.contains("&lt;b&gt;") || response.body.contains("&lt;i&gt;"),
                        "\(page) shows none of the hostile text escaped")
            }
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let api = try await team.api(.GET, "/api/v1/goals", token: token)
            // JSON carries the text as data; a client that renders it must escape it, and the API says it is text.
            #expect(api.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            #expect(api.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }
}
