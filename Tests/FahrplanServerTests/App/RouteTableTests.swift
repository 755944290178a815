import FahrplanCore
@testable import FahrplanServer
import Foundation
import Testing
import Vapor

/// The route tables (`SiteURL`, `APIURL`) are the only source of addresses: every route the application
/// registers has an entry, and every entry is registered, so a link built from the table always has a page.
@Suite("Route table")
struct RouteTableTests {
    static var tablePaths: [String] {
        SiteURL.allRoutes.map(\.path) + APIURL.allRoutes.map(\.path)
    }

    static func registeredPaths(_ app: Application) -> Set<String> {
        Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
    }

    @Test("every registered route has an entry in the route table, and every entry is registered")
    func tableAndRoutesAgree() async throws {
        try await withServer(demo: false) { server in
            let registered = Self.registeredPaths(server.app)
            let table = Set(Self.tablePaths)
            #expect(registered.count >= 200, "suspiciously few routes: \(registered.count)")
            let withoutEntry = registered.subtracting(table).sorted()
            let withoutRoute = table.subtracting(registered).sorted()
            #expect(withoutEntry.isEmpty, "routes registered without an entry in SiteURL/APIURL: \(withoutEntry)")
            #expect(withoutRoute.isEmpty, "route-table entries no route is registered for: \(withoutRoute)")
        }
    }

    @Test("no two entries of the table name the same path")
    func entriesAreUnique() {
        let paths = Self.tablePaths
        let duplicates = Dictionary(grouping: paths, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "entries listed twice in allRoutes: \(duplicates)")
    }

    @Test("the page frame links to the table's pages: the navigation of a municipality and of the account")
    func frameLinksComeFromTheTable() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let page = try await browser.get(SiteURL.municipality("musterstadt").path)
            #expect(page.status == .ok)
            let links: [String] = [SiteURL.home.path, SiteURL.account().path, SiteURL.municipality("musterstadt", .projects()).path,
                                   SiteURL.municipality("musterstadt", .elements(.goal)).path,
                                   SiteURL.municipality("musterstadt", .prioritization()).path]
            for link in links {
                #expect(page.body.contains("href=\"\(link)\""), "the frame does not link to \(link)")
            }
            #expect(page.body.contains("action=\"\(SiteURL.logout.path)\""))
            #expect(!page.body.contains("href=\"\"") && !page.body.contains("action=\"\""), "a link of the frame rendered empty")
        }
    }

    @Test("a key renders as the route's parameter, a value as itself")
    func keysAndValues() {
        let id = UUID()
        #expect(SiteURL.municipality(.key, .project(.key, .edit)).path == "/m/:municipality/projects/:project/edit")
        #expect(SiteURL.municipality("musterstadt", .project(.value(id), .edit)).path == "/m/musterstadt/projects/\(id.uuidString)/edit")
        #expect(SiteURL.municipality("musterstadt").path == "/m/musterstadt")
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.account(.mfaConfirm).path == "/account/mfa/confirm")
        #expect(SiteURL.municipality("a", .scenario(round: .value(id), .value(id), .adopt)).path
                == "/m/a/prioritization/rounds/\(id.uuidString)/scenarios/\(id.uuidString)/adopt")
        #expect(SiteURL.municipality("a", .element(.goal, .value(id))).path == "/m/a/\(StrategyElementKind.goal.pathSegment)/\(id.uuidString)")
        #expect(APIURL.round(.value(id), .myRatings).path == "/api/v1/rounds/\(id.uuidString)/ratings/mine")
        // Registration turns keys into Vapor parameters, the way `app.routes` describes them.
        #expect(SiteURL.municipality(.key, .projects(.importTemplate)).pathComponents.map(\.description)
                == ["m", ":municipality", "projects", "import", "template.csv"])
    }
}
