import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// The public portal's routes in the walk, and why they are safe without a membership. `/p/:slug…` and
/// `/api/v1/public/:slug` name a municipality by its slug and show only what that municipality's strategy team
/// marked public (PortalTests); walked with the literal `:slug` (no municipality has it): 404. Another municipality's
/// slug shows that municipality's public portal, nothing of the asking one — checked below with Nachbarstadt's
/// portal published and Musterstadt's not. The team routes `/m/:municipality/portal…` are walked like every page of
/// a municipality (404 for another one).
extension RouteWalk {
    static let portalAllowList: [String: UInt?] = [
        "GET /p/:slug": 404,
        "GET /p/:slug/projects": 404,
        "GET /p/:slug/projects/:project": 404,
        "GET /p/:slug/barrierefreiheit": 404,
        "GET /p/:slug/feed.atom": 404,
        "GET /p/:slug/newsletter/:number": 404,
        "GET /api/v1/public/:slug": 404,
    ]
}

@Suite("Tenant isolation: public portal")
struct TenantIsolationPortalTests {
    @Test("a published neighbour's portal shows only the neighbour's public data; Musterstadt's unpublished portal is 404")
    func neighbourPortal() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let context = MunicipalityContext(municipality: other.municipality, municipalityID: try other.municipality.requireID(),
                                              user: CurrentUser(try await User.query(on: server.db).filter(\.$email == other.teamEmail).first()!),
                                              role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
            try await PortalService(db: server.db, context: context).save(
                .init(published: true, contactEmail: "a11y@nachbarstadt.example", statementDate: "2026-01-01"), expected: nil)
            let musterstadt = try await Fixtures.musterstadt(on: server)
            let visitor = server.client()
            #expect(try await visitor.get("/p/musterstadt").status == .notFound)
            for path in ["/p/nachbarstadt", "/p/nachbarstadt/projects", "/p/nachbarstadt/feed.atom", "/api/v1/public/nachbarstadt"] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(!response.body.contains(musterstadt.name), "\(path) names Musterstadt")
                #expect(!response.body.contains("Musterstadt"), "\(path) shows Musterstadt's data")
            }
            // A Musterstadt project id through Nachbarstadt's slug is as unknown as any id.
            let project = try await Project.query(on: server.db).filter(\.$municipality.$id == musterstadt.requireID()).first()!
            #expect(try await visitor.get("/p/nachbarstadt/projects/\(project.id!.uuidString)").status == .notFound)
        }
    }
}
