import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The installation administrator's form that creates a municipality goes through the shared web form skeleton
/// (`Request.handleForm`): refused before anything is read for others, shown again with the problem and the
/// input (422), or a redirect to the new municipality (303).
@Suite("Accounts: creating a municipality in the browser")
struct MunicipalityCreationFormTests {
    @Test("others are refused; an unknown first lead is named beside the kept input; a valid form creates and redirects")
    func createMunicipality() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let refused = try await team.post("/admin/municipalities", [("name", "Neustadt"), ("slug", "neustadt"), ("kind", "Stadt")])
            #expect(refused.status == .forbidden)

            let admin = server.client()
            try await admin.login(Fixtures.admin)
            let invalid = try await admin.post("/admin/municipalities", [("name", "Neustadt"), ("slug", "neustadt"), ("kind", "Stadt"),
                                                                          ("firstLead", "niemand@neustadt.example")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("id=\"firstLead-error\">\(Strings.problem(FieldProblem("firstLead", .unknownReference), .de))<"))
            #expect(invalid.body.contains("value=\"niemand@neustadt.example\""))
            #expect(try await Municipality.query(on: server.db).filter(\.$slug == "neustadt").count() == 0)

            let created = try await admin.post("/admin/municipalities", [("name", "Neustadt"), ("slug", "neustadt"), ("kind", "Stadt"),
                                                                          ("firstLead", Fixtures.strategyTeam)])
            #expect(created.status == .seeOther)
            #expect(created.location == "/m/neustadt")
            #expect(try await Municipality.query(on: server.db).filter(\.$slug == "neustadt").count() == 1)
        }
    }
}
