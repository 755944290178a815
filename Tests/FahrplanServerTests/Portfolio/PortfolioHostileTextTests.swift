import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Hostile text in project profiles")
struct PortfolioHostileTextTests {
    @Test("script and HTML in every profile field are shown escaped on every portfolio page")
    func everyField() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let p = HostileTextTests.payload
            let unit = try await PortfolioFixtures.department("33", on: server)
            let fields: [(String, String)] = PortfolioFixtures.form(title: p, department: try unit.requireID()).map { name, value in
                ["title", "summary"].contains(name) ? (name, p) : (name, value)
            } + [("code", "<b>X"), ("description", p + "\n\n[x](javascript:alert(4))"), ("responsiblePerson", p), ("legalObligation", "true"),
                 ("legalReference", p), ("administrativeService", p), ("benefitDescription", p), ("risks", p)]
            let created = try await team.post("/m/musterstadt/projects", fields.map { name, value in name == "tags" ? (name, "<b>X, <svg onload=x>") : (name, value) })
            #expect(created.status == .seeOther)
            let path = try #require(created.location?.components(separatedBy: "?").first)
            let pages = [path, path + "/edit", path + "/history", path + "/merge", "/m/musterstadt/projects",
                         "/m/musterstadt/projects?q=" + TestClient.encode(p), "/m/musterstadt/projects/board", "/m/musterstadt/projects/duplicates",
                         "/m/musterstadt/audit"]
            for page in pages {
                let response = try await team.get(page)
                #expect(response.status == .ok, "\(page)")
                for raw in ["<script>alert", "<img src=x", "<svg onload", "href=\"javascript:", "<b>X"] {
                    #expect(!response.body.contains(raw), "\(page) contains \(raw) unescaped")
                }
            }
            let detail = try await team.get(path)
            #expect(detail.body.contains("&lt;script&gt;"))
        }
    }
}
