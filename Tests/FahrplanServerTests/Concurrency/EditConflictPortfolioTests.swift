import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Changes to a profile made outside its edit form (bundling, merging) raise its version too: a form opened
/// before them is refused instead of silently dropping what they added.
@Suite("Edit conflicts with bundling and merging")
struct EditConflictPortfolioTests {
    @Test("a profile form opened before a bulk assignment is refused and the new link stays")
    func bundling() async throws {
        try await withServer { server in
            let editor = server.client(), bundler = server.client()
            try await editor.login(Fixtures.strategyTeam)
            try await bundler.login(Fixtures.strategyTeam)
            let program = try await PortfolioFixtures.element("P1.1.1", on: server)
            let project = try await PortfolioFixtures.project("P-0042", on: server)
            let id = try project.requireID()
            let fields = ConcurrencyFixtures.projectFields(project, try await ProjectDetails.load(project, on: server.db))
            try await editor.get("/m/musterstadt/projects/\(id)/edit")
            let assigned = try await bundler.post("/m/musterstadt/projects/assign", [
                ("projectIDs[]", id.uuidString), ("elementID", try program.requireID().uuidString)])
            #expect(assigned.status == .seeOther)
            let refused = try await editor.post("/m/musterstadt/projects/\(id)",
                                                EditConflictWebTests.replacing(fields, ["title": "Im offenen Formular geändert"]))
            #expect(refused.status == .conflict)
            #expect(refused.body.contains(program.title), "the added link is shown as the other person's change")
            let links = try await ProjectStrategyLink.query(on: server.db).filter(\.$project.$id == id)
                .filter(\.$element.$id == program.requireID()).count()
            #expect(links == 1, "the stale form dropped the bundling")
            #expect(try await Project.find(id, on: server.db)?.title == project.title)
        }
    }

    @Test("the survivor's form opened before a merge is refused and the merged links stay")
    func merging() async throws {
        try await withServer { server in
            let editor = server.client(), merger = server.client()
            try await editor.login(Fixtures.strategyTeam)
            try await merger.login(Fixtures.strategyTeam)
            let survivor = try await PortfolioFixtures.project("P-0011", on: server)
            let absorbed = try await PortfolioFixtures.project("P-0034", on: server)
            let id = try survivor.requireID()
            let fields = ConcurrencyFixtures.projectFields(survivor, try await ProjectDetails.load(survivor, on: server.db))
            try await editor.get("/m/musterstadt/projects/\(id)/edit")
            try await merger.get("/m/musterstadt/projects/\(try absorbed.requireID())/merge")
            let merged = try await merger.post("/m/musterstadt/projects/\(try absorbed.requireID())/merge", [("target", id.uuidString)])
            #expect(merged.status == .seeOther)
            let linksAfterMerge = Set(try await ProjectDetails.load(survivor, on: server.db).elementIDs)
            let refused = try await editor.post("/m/musterstadt/projects/\(id)", EditConflictWebTests.replacing(fields, ["summary": "Veraltet"]))
            #expect(refused.status == .conflict)
            let reloaded = try #require(try await Project.find(id, on: server.db))
            #expect(Set(try await ProjectDetails.load(reloaded, on: server.db).elementIDs) == linksAfterMerge)
            #expect(reloaded.summary == survivor.summary)
        }
    }
}

extension EditConflictPortfolioTests {
    @Test("a profile form opened before a spreadsheet import changed the project is refused; the import's change stays")
    func importing() async throws {
        try await withServer { server in
            let editor = server.client()
            try await editor.login(Fixtures.strategyTeam)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let project = try await PortfolioFixtures.project("P-0005", on: server)
            let id = try project.requireID()
            let fields = ConcurrencyFixtures.projectFields(project, try await ProjectDetails.load(project, on: server.db))
            try await editor.get("/m/musterstadt/projects/\(id)/edit")
            let imported = try await server.client().api(.POST, "/api/v1/projects/import", token: token,
                                                         json: ["csv": "Kennung;Titel;Fachdienst\nP-0005;Titel aus dem Import;33\n", "fileName": "liste.csv"])
            #expect(imported.status == .ok, "\(imported.body.prefix(500))")
            #expect(try await Project.find(id, on: server.db)?.title == "Titel aus dem Import")
            let refused = try await editor.post("/m/musterstadt/projects/\(id)", EditConflictWebTests.replacing(fields, ["summary": "Im Formular"]))
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Titel aus dem Import"))
            #expect(try await Project.find(id, on: server.db)?.title == "Titel aus dem Import")
        }
    }
}
