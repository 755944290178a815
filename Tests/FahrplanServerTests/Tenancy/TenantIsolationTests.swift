import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing
import Vapor

/// Tenant isolation, checked over every route the application registers: a member of Musterstadt (A)
/// points each route at Nachbarstadt's (B) data and must get 404 or 403, and afterwards nothing of B may
/// have changed. The walk reads `app.routes.all`, so a route added without the membership check fails
/// here, and a route the walk cannot point at B (an unknown parameter, a catch-all, a new route without
/// parameter) fails with a message saying what to teach it.
// Serialized: `PostgresAdmin.run` (Support/TestServer.swift) can create its admin application twice when
// several tests start at once (actor reentrancy across `Application.make`), and Vapor traps when the
// extra one is dropped without shutdown. Running these tests one after the other avoids that here.
@Suite("Tenant isolation", .serialized)
struct TenantIsolationTests {
    @Test("every route, pointed at another municipality's data by a member of one, answers 404 or 403 and changes nothing")
    func everyRouteRefusesTheOtherMunicipality() async throws {
        try await withServer { server in
            let other = try await OtherTenant.make(on: server)
            let inventory = RouteWalk.inventory(server.app.routes.all)
            for problem in inventory.problems { Issue.record(Comment(rawValue: problem)) }
            let before = try await TenantSnapshot.take(other.municipalityID, on: server.db)

            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let csrf = try #require(browser.csrf)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)

            // 1. Every route with a parameter: B's slug and B's ids; for web routes also A's slug with B's
            //    ids (an id looked up without the municipality would slip through there).
            var walked = 0
            var routesWalked = 0
            let mixed = other.target.with(slug: "musterstadt")
            for route in inventory.parameterized {
                var runs = [other.target]
                if !RouteWalk.isAPI(route.path), RouteWalk.has(route.path, parameter: "municipality"),
                   RouteWalk.parameterNames(route.path).count > 1 {
                    runs.append(mixed)
                }
                routesWalked += 1
                for target in runs {
                    for probe in RouteWalk.probes(for: route, target: target) {
                        let response = try await RouteWalk.send(probe, target: target, browser: browser, csrf: csrf, token: token)
                        walked += 1
                        #expect([403, 404].contains(response.status.code),
                                "\(probe) answered \(response.status.code) to Musterstadt's strategy team — a route pointed at another municipality must answer 404 (or 403)")
                        #expect(!RouteWalk.isCSRFRefusal(response), "\(probe) refused the CSRF token: the walk is broken, not the route")
                        #expect(!response.body.contains(Fixtures.OtherMunicipality.marker), "\(probe) shows Nachbarstadt's data")
                    }
                }
            }

            // 2. Routes without a parameter on the allow-list: they must not show anything of B.
            for route in inventory.allowListed {
                let key = RouteWalk.key(route)
                let response = try await RouteWalk.sendAllowListed(key, server: server, browser: browser, csrf: csrf, other: other)
                walked += 1
                #expect(response.status.code < 500, "\(key) answered \(response.status.code)")
                if let expected = RouteWalk.allowList[key] ?? nil {
                    #expect(response.status.code == expected, "\(key) answered \(response.status.code), expected \(expected)")
                }
                let leaks = other.leaks(in: response.body, allowingName: key == "GET /")
                #expect(leaks.isEmpty, "\(key) shows Nachbarstadt's \(leaks.joined(separator: ", "))")
            }

            // 3. API collection routes (the token decides the municipality), with bodies that name B's ids.
            let references = other.target.with(slug: "musterstadt")
            for route in inventory.apiCollection {
                var path = RouteWalk.pattern(route.path)
                if route.method == .GET { path += "?includeArchived=true&entityId=\(other.fixture.goalID)&limit=1000" }
                let probe = RouteWalk.Probe(method: route.method, pattern: RouteWalk.pattern(route.path), path: path, kind: RouteWalk.kind(in: route.path))
                let response = try await browser.api(route.method, path, token: token, json: RouteWalk.json(for: probe, target: references))
                walked += 1
                #expect(response.status.code < 500 && ![401, 404].contains(response.status.code), "\(probe) answered \(response.status.code)")
                let leaks = other.leaks(in: response.body)
                #expect(leaks.isEmpty, "\(probe) shows Nachbarstadt's \(leaks.joined(separator: ", "))")
            }

            // The walk really ran, as the signed-in strategy team of A.
            #expect(routesWalked > 40, "only \(routesWalked) routes with parameters walked")
            #expect(walked > 100, "only \(walked) requests made")
            try await #expect(browser.get("/account").status == .ok)

            // 4. Nothing of B changed, even where a route answered 404 after writing; nothing of A points at B.
            let after = try await TenantSnapshot.take(other.municipalityID, on: server.db)
            #expect(TenantSnapshot.diff(before, after).isEmpty, "Nachbarstadt's data changed during the walk:\n\(TenantSnapshot.diff(before, after))")
            let crossReferences = try await TenantSnapshot.crossReferences(on: server.db)
            #expect(crossReferences.isEmpty, "rows that point into another municipality:\n\(crossReferences.joined(separator: "\n"))")
        }
    }

    @Test("pointed at the member's own municipality, the same walk reaches real pages, so the substitution is not vacuous")
    func theSameWalkSucceedsOnOwnData() async throws {
        try await withServer { server in
            let other = try await OtherTenant.make(on: server)
            let own = try await WalkTarget.musterstadt(on: server)
            let ownMunicipalityID = try await Fixtures.musterstadt(on: server).requireID()
            let inventory = RouteWalk.inventory(server.app.routes.all)
            let before = try await TenantSnapshot.take(other.municipalityID, on: server.db)

            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let csrf = try #require(browser.csrf)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)

            var reads = 0, writes = 0
            for route in inventory.parameterized {
                for probe in RouteWalk.probes(for: route, target: own) {
                    let response = try await RouteWalk.send(probe, target: own, browser: browser, csrf: csrf, token: token)
                    let code = response.status.code
                    if probe.method == .GET {
                        reads += 1
                        #expect(code == 200 || code == 303, "\(probe) answered \(code) on Musterstadt's own data")
                    } else {
                        writes += 1
                        // The forms and bodies the walk sends must be accepted on A's own data; only then
                        // would they have changed B's data had a check been missing.
                        #expect([200, 201, 204, 303].contains(code),
                                "\(probe) answered \(code) on Musterstadt's own data — teach RouteWalk.form/json fields this route accepts, or the walk against Nachbarstadt proves nothing")
                    }
                    let leaks = other.leaks(in: response.body)
                    #expect(leaks.isEmpty, "\(probe) shows Nachbarstadt's \(leaks.joined(separator: ", "))")
                    // A probe that removed the member leaves the next probes of that member nothing to act on.
                    if probe.pattern.contains(":user"),
                       try await Membership.query(on: server.db).filter(\.$user.$id == own.userID)
                        .filter(\.$municipality.$id == ownMunicipalityID).first() == nil {
                        try await Membership(userID: own.userID, municipalityID: ownMunicipalityID, role: "reader").create(on: server.db)
                    }
                }
            }
            #expect(reads >= 30, "only \(reads) GET routes reached on own data")
            #expect(writes >= 30, "only \(writes) writing routes reached on own data")
            let after = try await TenantSnapshot.take(other.municipalityID, on: server.db)
            #expect(TenantSnapshot.diff(before, after).isEmpty, "Nachbarstadt's data changed during the walk on Musterstadt:\n\(TenantSnapshot.diff(before, after))")
        }
    }

    @Test("the installation administrator may open the other municipality (by design), and the walk's paths into it are real")
    func installationAdminMayOpenTheOtherMunicipality() async throws {
        try await withServer { server in
            let other = try await OtherTenant.make(on: server)
            let inventory = RouteWalk.inventory(server.app.routes.all)
            let admin = server.client()
            try await admin.login(Fixtures.admin)
            let csrf = try #require(admin.csrf)
            let token = try await Fixtures.token(for: Fixtures.admin, on: server, slug: "nachbarstadt")
            var reads = 0
            for route in inventory.parameterized where route.method == .GET {
                for probe in RouteWalk.probes(for: route, target: other.target) {
                    let response = try await RouteWalk.send(probe, target: other.target, browser: admin, csrf: csrf, token: token)
                    reads += 1
                    #expect(response.status == .ok, "\(probe) answered \(response.status.code) to the installation administrator")
                }
            }
            #expect(reads >= 30)
            let overview = try await admin.get("/m/nachbarstadt")
            #expect(overview.body.contains(Fixtures.OtherMunicipality.marker))
            let goal = try await admin.api(.GET, "/api/v1/goals/\(other.fixture.goalID)", token: token)
            #expect(goal.body.contains("Ziel \(Fixtures.OtherMunicipality.marker)"))
        }
    }

    @Test("the home page names the other municipality (public by design), but its pages answer 404 to Musterstadt's team")
    func homePageNamesTheOtherMunicipalityOnly() async throws {
        try await withServer { server in
            let other = try await OtherTenant.make(on: server)
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            // The home page has no search of its own: it lists every municipality; a query is ignored.
            for path in ["/", "/?q=nachbarstadt"] {
                let home = try await browser.get(path)
                #expect(home.status == .ok)
                #expect(home.body.contains(other.fixture.municipality.name))
                #expect(home.body.contains("href=\"/m/nachbarstadt\""))
                let leaks = other.leaks(in: home.body, allowingName: true)
                #expect(leaks.isEmpty, "the home page shows more of Nachbarstadt than its name: \(leaks)")
            }
            let b = other.fixture
            for path in ["/m/nachbarstadt", "/m/nachbarstadt/goals", "/m/nachbarstadt/goals/\(b.goalID)", "/m/nachbarstadt/principles/\(b.principleID)/history",
                         "/m/nachbarstadt/departments", "/m/nachbarstadt/departments/\(b.departmentID)", "/m/nachbarstadt/members", "/m/nachbarstadt/audit",
                         "/m/musterstadt/goals/\(b.goalID)", "/m/musterstadt/departments/\(b.departmentID)"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path) answered \(page.status.code)")
                #expect(!page.body.contains(Fixtures.OtherMunicipality.marker), "\(path) shows Nachbarstadt's data")
            }
            // The 404 for B looks exactly like the one for a municipality that does not exist.
            let missing = try await browser.get("/m/gibt-es-nicht")
            let foreign = try await browser.get("/m/nachbarstadt")
            #expect(missing.status == foreign.status)
            #expect(missing.body.replacingOccurrences(of: "gibt-es-nicht", with: "") == foreign.body.replacingOccurrences(of: "nachbarstadt", with: ""))
            // Anonymous visitors see the name too, and are sent to the login for the pages.
            let anonymous = server.client()
            try await #expect(anonymous.get("/").body.contains(other.fixture.municipality.name))
            try await #expect(anonymous.get("/m/nachbarstadt").status == .seeOther)
        }
    }

    @Test("an API token of Musterstadt with Nachbarstadt's element ids: GET and PATCH answer 404 and change nothing")
    func apiTokenCannotReachTheOtherMunicipality() async throws {
        try await withServer { server in
            let other = try await OtherTenant.make(on: server)
            let before = try await TenantSnapshot.take(other.municipalityID, on: server.db)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            for kind in StrategyElementKind.allCases {
                let id = try #require(other.target.elements[kind])
                for segment in StrategyElementKind.allCases.map(\.pathSegment) {
                    let path = "/api/v1/\(segment)/\(id)"
                    let read = try await server.client().api(.GET, path, token: token)
                    #expect(read.status == .notFound, "GET \(path) answered \(read.status.code)")
                    #expect(read.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
                    #expect(!read.body.contains(Fixtures.OtherMunicipality.marker))
                    let write = try await server.client().api(.PATCH, path, token: token,
                                                              json: ["title": "Übernommen von Musterstadt", "description": "überschrieben"])
                    #expect(write.status == .notFound, "PATCH \(path) answered \(write.status.code)")
                    #expect(!write.body.contains(Fixtures.OtherMunicipality.marker))
                }
            }
            let department = try await server.client().api(.PATCH, "/api/v1/departments/\(other.fixture.departmentID)", token: token, json: ["name": "Übernommen"])
            #expect(department.status == .notFound)
            // Lists and the audit trail of the token's municipality do not include B's rows.
            for path in ["/api/v1/goals?includeArchived=true", "/api/v1/departments?includeArchived=true",
                         "/api/v1/audit-events?entityId=\(other.fixture.goalID)", "/api/v1/municipality", "/api/v1/me"] {
                let response = try await server.client().api(.GET, path, token: token)
                #expect(response.status == .ok, "GET \(path) answered \(response.status.code)")
                let leaks = other.leaks(in: response.body)
                #expect(leaks.isEmpty, "GET \(path) shows Nachbarstadt's \(leaks)")
            }
            let goal = try await StrategyElement.find(other.fixture.goalID, on: server.db)
            #expect(goal?.title == "Ziel \(Fixtures.OtherMunicipality.marker)")
            let after = try await TenantSnapshot.take(other.municipalityID, on: server.db)
            #expect(TenantSnapshot.diff(before, after).isEmpty, "Nachbarstadt's data changed:\n\(TenantSnapshot.diff(before, after))")
        }
    }

    @Test("ids of the other municipality in forms and JSON bodies are refused: nothing of Musterstadt may point into Nachbarstadt")
    func foreignReferencesAreRefused() async throws {
        try await withServer { server in
            let other = try await OtherTenant.make(on: server)
            let b = other.fixture
            let before = try await TenantSnapshot.take(other.municipalityID, on: server.db)
            let goal = try await Fixtures.firstElement(.goal, on: server)
            let goalID = try goal.requireID()
            let program = try await Fixtures.firstElement(.program, on: server)
            let programID = try program.requireID()
            let musterstadtID = try await Fixtures.musterstadt(on: server).requireID()
            let firstDepartment = try await Department.query(on: server.db).filter(\.$municipality.$id == musterstadtID).sort(\.$code).first()
            let ownDepartment = try #require(firstDepartment)
            let ownDepartmentID = try ownDepartment.requireID()

            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let csrf = try #require(browser.csrf)
            func goalForm(parent: UUID, department: UUID?) -> [(String, String)] {
                [("code", goal.code ?? ""), ("title", goal.title), ("targetStatement", goal.targetStatement ?? "x"),
                 ("parentID", parent.uuidString), ("responsibleDepartmentID", department?.uuidString ?? "")]
            }
            let web: [(String, [(String, String)], [UInt])] = [
                ("/m/musterstadt/goals/\(goalID)", goalForm(parent: b.fieldID, department: nil), [422]),
                ("/m/musterstadt/goals/\(goalID)", goalForm(parent: goal.$parent.id!, department: b.departmentID), [422]),
                ("/m/musterstadt/goals", goalForm(parent: b.fieldID, department: nil), [422]),
                ("/m/musterstadt/programs", [("title", "Quer"), ("parentID", b.goalID.uuidString)], [422]),
                ("/m/musterstadt/programs/\(programID)/links", [("target", b.principleID.uuidString)], [422]),
                ("/m/musterstadt/programs/\(programID)/links", [("remove", b.principleID.uuidString)], [404]),
                ("/m/musterstadt/departments", [("code", "Q-1"), ("name", "Quer"), ("level", "office"), ("parentID", b.departmentID.uuidString)], [422]),
                ("/m/musterstadt/departments/\(ownDepartmentID)", [("code", ownDepartment.code), ("name", ownDepartment.name), ("level", ownDepartment.level),
                                                                   ("parentID", b.departmentID.uuidString)], [422]),
                ("/m/musterstadt/members", [("email", Fixtures.reader), ("role", "departmentLead"), ("departmentID", b.departmentID.uuidString)], [404, 422]),
                ("/account/tokens", [("name", "quer"), ("municipality", other.municipalityID.uuidString)], [422]),
            ]
            for (path, fields, expected) in web {
                let response = try await browser.post(path, fields, csrf: csrf)
                #expect(expected.contains(response.status.code), "POST \(path) \(fields) answered \(response.status.code)")
                #expect(!response.body.contains(Fixtures.OtherMunicipality.marker), "POST \(path) shows Nachbarstadt's data")
            }

            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let api: [(HTTPMethod, String, [String: Any])] = [
                (.POST, "/api/v1/goals", ["title": "Quer", "targetStatement": "x", "parentId": b.fieldID.uuidString]),
                (.POST, "/api/v1/programs", ["title": "Quer", "parentId": b.goalID.uuidString, "responsibleDepartmentId": b.departmentID.uuidString]),
                (.PATCH, "/api/v1/goals/\(goalID)", ["parentId": b.fieldID.uuidString]),
                (.PATCH, "/api/v1/goals/\(goalID)", ["responsibleDepartmentId": b.departmentID.uuidString]),
                (.POST, "/api/v1/departments", ["code": "Q-2", "name": "Quer", "level": "office", "parentId": b.departmentID.uuidString]),
                (.PATCH, "/api/v1/departments/\(ownDepartmentID)", ["parentId": b.departmentID.uuidString]),
            ]
            for (method, path, body) in api {
                let response = try await browser.api(method, path, token: token, json: body)
                #expect(response.status == .unprocessableEntity, "\(method) \(path) answered \(response.status.code)")
                let leaks = other.leaks(in: response.body)
                #expect(leaks.isEmpty, "\(method) \(path) shows Nachbarstadt's \(leaks)")
            }

            let crossReferences = try await TenantSnapshot.crossReferences(on: server.db)
            #expect(crossReferences.isEmpty, "\(crossReferences.joined(separator: "\n"))")
            let after = try await TenantSnapshot.take(other.municipalityID, on: server.db)
            #expect(TenantSnapshot.diff(before, after).isEmpty, "Nachbarstadt's data changed:\n\(TenantSnapshot.diff(before, after))")
        }
    }
}

// MARK: - The other municipality

/// Nachbarstadt as the walk needs it: the fixture, plus a second element of each kind (so that moving
/// one would change positions), a link, a second strategy-team member (so that demoting or removing the
/// first one would be allowed), a vision and an API token, all carrying the marker.
struct OtherTenant {
    var fixture: Fixtures.OtherMunicipality
    var municipalityID: UUID
    var target: WalkTarget
    /// Every id of B that a page or answer for A must never show.
    var ids: [UUID]
    var emails: [String]

    static func make(on server: TestServer) async throws -> OtherTenant {
        let marker = Fixtures.OtherMunicipality.marker
        let fixture = try await Fixtures.otherMunicipality(on: server)
        let municipalityID = try fixture.municipality.requireID()
        let found = try await User.find(fixture.userID, on: server.db)
        let user = try #require(found)
        let context = MunicipalityContext(municipality: fixture.municipality, municipalityID: municipalityID,
                                          user: CurrentUser(user), role: .strategyTeam,
                                          permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        let service = StrategyService(db: server.db, context: context)
        try await service.updateVision(title: "Vision \(marker)", text: "Leitbild \(marker)")
        let principle = try await service.create(.principle, StrategyElementInput(title: "Zweite Leitlinie \(marker)"))
        let field = try await service.create(.fieldOfAction, StrategyElementInput(title: "Zweites Feld \(marker)"))
        let goal = try await service.create(.goal, StrategyElementInput(title: "Zweites Ziel \(marker)", targetStatement: "50 % \(marker)",
                                                                        parentID: fixture.fieldID.uuidString,
                                                                        responsibleDepartmentID: fixture.departmentID.uuidString))
        let program = try await service.create(.program, StrategyElementInput(title: "Zweites Programm \(marker)", parentID: fixture.goalID.uuidString))
        try await service.link(try await service.element(.program, id: fixture.programID.uuidString), to: fixture.principleID.uuidString)

        let accounts = AccountService(db: server.db, hasher: server.app.password.async)
        let second = try await accounts.createUser(email: "zweites-team@nachbarstadt.example", displayName: "Zweites Team \(marker)",
                                                   password: TestServer.demoPassword, isInstallationAdmin: false)
        try await accounts.grant(.strategyTeam, to: second, in: fixture.municipality, departmentID: nil, actor: nil)
        _ = try await Fixtures.token(for: fixture.teamEmail, on: server, slug: fixture.municipality.slug)
        let storedToken = try await APIToken.query(on: server.db).filter(\.$user.$id == fixture.userID).first()
        let token = try #require(storedToken)

        let projects = try await WalkProjects.create(context: context, departmentID: fixture.departmentID, elementID: fixture.goalID,
                                                     suffix: marker, on: server.db)
        let callID = try await WalkCalls.create(context: context, departmentID: fixture.departmentID, suffix: marker, on: server.db)
        let stagedImportID = try await WalkImports.create(municipalityID: municipalityID, userID: fixture.userID, department: fixture.departmentID, suffix: marker, on: server.db)
        let prioritization = try await WalkPrioritization.create(context: context, project: projects.main, raterID: fixture.userID, suffix: marker, on: server.db)
        let prioritizationAPI = try await WalkPrioritizationAPI.create(
            context: context, shared: prioritization, project: projects.main, departmentID: fixture.departmentID, raterID: fixture.userID,
            suffix: marker, on: server.db)

        let target = WalkTarget(
            slug: fixture.municipality.slug,
            elements: [.principle: fixture.principleID, .fieldOfAction: fixture.fieldID, .goal: fixture.goalID, .program: fixture.programID],
            departmentID: fixture.departmentID, userID: fixture.userID, tokenID: try token.requireID(),
            memberToAdd: Fixtures.strategyTeam, projects: projects, callID: callID, stagedImportID: stagedImportID,
            prioritization: prioritization, prioritizationAPI: prioritizationAPI)
        let ids = [municipalityID, fixture.principleID, fixture.fieldID, fixture.goalID, fixture.programID, fixture.departmentID, fixture.userID,
                   try principle.requireID(), try field.requireID(), try goal.requireID(), try program.requireID(),
                   try second.requireID(), try token.requireID()] + projects.all + [callID, stagedImportID] + prioritization.all + prioritizationAPI.all
        return OtherTenant(fixture: fixture, municipalityID: municipalityID, target: target, ids: ids,
                           emails: [fixture.teamEmail, second.email])
    }

    /// What of B a response body shows: the marker (in every text of B), B's ids, B's people.
    /// The home page may name B (public by design): with `allowingName`, B's name does not count.
    func leaks(in body: String, allowingName: Bool = false) -> [String] {
        var text = body
        if allowingName { text = text.replacingOccurrences(of: fixture.municipality.name, with: "") }
        var found: [String] = []
        if text.contains(Fixtures.OtherMunicipality.marker) { found.append("marker \(Fixtures.OtherMunicipality.marker)") }
        for id in ids where text.contains(id.uuidString) || text.contains(id.uuidString.lowercased()) { found.append("id \(id)") }
        for email in emails where text.contains(email) { found.append(email) }
        return found
    }
}

/// The rows a walk points a route's parameters at.
struct WalkTarget {
    var slug: String
    var elements: [StrategyElementKind: UUID]
    var departmentID: UUID
    var userID: UUID
    var tokenID: UUID
    /// Whom the "add member" form adds.
    var memberToAdd: String
    var projects: WalkProjects
    /// An open call that asks `departmentID`.
    var callID: UUID
    /// A staged (previewed) project import.
    var stagedImportID: UUID
    /// Criterion, rounds and scenarios of the prioritization.
    var prioritization: WalkPrioritization
    /// The rounds and the project only the prioritization API's routes work on.
    var prioritizationAPI: WalkPrioritizationAPI

    func with(slug: String) -> WalkTarget {
        var copy = self
        copy.slug = slug
        return copy
    }

    func parent(of kind: StrategyElementKind) -> UUID? { kind.parentKind.flatMap { elements[$0] } }
    func linkTarget(for kind: StrategyElementKind) -> UUID? { elements[kind == .principle ? .fieldOfAction : .principle] }

    /// Musterstadt's own rows, for the walk that proves the paths and forms are real.
    static func musterstadt(on server: TestServer) async throws -> WalkTarget {
        let municipality = try await Fixtures.musterstadt(on: server)
        var elements: [StrategyElementKind: UUID] = [:]
        for kind in StrategyElementKind.allCases { elements[kind] = try await Fixtures.firstElement(kind, on: server).requireID() }
        let firstDepartment = try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).sort(\.$code).first()
        let department = try #require(firstDepartment)
        let storedReader = try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first()
        let reader = try #require(storedReader)
        _ = try await Operations.createToken(server.app, email: Fixtures.strategyTeam, municipalitySlug: municipality.slug, name: "revoke-me")
        let storedToken = try await APIToken.query(on: server.db).filter(\.$name == "revoke-me").first()
        let token = try #require(storedToken)
        let team = try await WalkProjects.strategyTeamContext(municipality, email: Fixtures.strategyTeam, on: server.db)
        let projects = try await WalkProjects.create(context: team, departmentID: try department.requireID(), elementID: elements[.goal]!,
                                                     suffix: "Musterstadt", on: server.db)
        let callID = try await WalkCalls.create(context: team, departmentID: try department.requireID(), suffix: "Musterstadt", on: server.db)
        let stagedImportID = try await WalkImports.create(municipalityID: try municipality.requireID(), userID: team.user.id,
                                                          department: try department.requireID(), suffix: "Musterstadt", on: server.db)
        let rater = try await PrioritizationFixtures.userID(Fixtures.rater, on: server.db)
        let prioritization = try await WalkPrioritization.create(context: team, project: projects.main, raterID: rater, suffix: "Musterstadt", on: server.db)
        let prioritizationAPI = try await WalkPrioritizationAPI.create(
            context: team, shared: prioritization, project: projects.main, departmentID: try department.requireID(), raterID: rater,
            suffix: "Musterstadt", on: server.db)
        return WalkTarget(slug: municipality.slug, elements: elements, departmentID: try department.requireID(),
                          userID: try reader.requireID(), tokenID: try token.requireID(), memberToAdd: Fixtures.rater, projects: projects,
                          callID: callID, stagedImportID: stagedImportID, prioritization: prioritization, prioritizationAPI: prioritizationAPI)
    }
}

// MARK: - The walk

enum RouteWalk {
    /// Path parameters the walk knows how to point at another municipality's rows.
    static let knownParameters: Set<String> = ["municipality", "element", "department", "user", "token", "project", "call", "staged",
                                               "criterion", "round", "scenario"]

    /// Routes with `*` or `**` that have been checked by hand ("METHOD /path/**"). None so far.
    static let knownWildcardRoutes: Set<String> = []

    /// Routes without a parameter, each checked to show nothing of another municipality (the home page
    /// lists every municipality's name: public by design). The value is the status Musterstadt's strategy
    /// team must get where that matters for isolation, nil where any non-5xx answer is fine.
    static let allowList: [String: UInt?] = [
        "GET /": 200,
        "GET /healthz": nil,
        "GET /readyz": nil,
        "GET /login": nil,
        "POST /login": nil,
        "POST /logout": nil,
        "GET /account": 200,
        "POST /account/language": nil,
        "POST /account/password": nil,
        // A token for a municipality the person has no role in is refused.
        "POST /account/tokens": 422,
        "GET /admin/municipalities": 403,
        "POST /admin/municipalities": 403,
        "GET /api/v1/openapi.json": nil,
    ]

    struct Inventory {
        var parameterized: [Route] = []
        var allowListed: [Route] = []
        /// Under /api/v1 without parameter: the token decides the municipality.
        var apiCollection: [Route] = []
        var problems: [String] = []
    }

    struct Probe: CustomStringConvertible {
        var method: HTTPMethod
        var pattern: String
        var path: String
        var kind: StrategyElementKind?
        var description: String { "\(method.rawValue) \(path) (route \(method.rawValue) \(pattern))" }
    }

    static func pattern(_ path: [PathComponent]) -> String { "/" + path.map(\.description).joined(separator: "/") }
    static func key(_ route: Route) -> String { "\(route.method.rawValue) \(pattern(route.path))" }
    static func isAPI(_ path: [PathComponent]) -> Bool { path.count >= 2 && path[0].description == "api" && path[1].description == "v1" }

    static func parameterNames(_ path: [PathComponent]) -> [String] {
        path.compactMap { if case .parameter(let name) = $0 { return name } else { return nil } }
    }

    static func has(_ path: [PathComponent], parameter: String) -> Bool { parameterNames(path).contains(parameter) }

    static func kind(in path: [PathComponent]) -> StrategyElementKind? {
        path.compactMap { StrategyElementKind(pathSegment: $0.description) }.last
    }

    /// Sorts the routes and names every one the walk cannot point at another municipality.
    static func inventory(_ routes: [Route]) -> Inventory {
        var inventory = Inventory()
        for route in routes {
            let key = key(route)
            var known = true
            for component in route.path {
                switch component {
                case .parameter(let name) where !knownParameters.contains(name):
                    inventory.problems.append("route \(key) has parameter :\(name) — teach the isolation test (TenantIsolationTests, RouteWalk.probes) how to point it at the other municipality")
                    known = false
                case .anything, .catchall:
                    if !knownWildcardRoutes.contains(key) {
                        inventory.problems.append("route \(key) has the wildcard \(component) — teach the isolation test how to point it at the other municipality, then list it in RouteWalk.knownWildcardRoutes")
                        known = false
                    }
                default:
                    break
                }
            }
            guard known else { continue }
            if !parameterNames(route.path).isEmpty {
                inventory.parameterized.append(route)
            } else if allowList.keys.contains(key) {
                inventory.allowListed.append(route)
            } else if isAPI(route.path) {
                inventory.apiCollection.append(route)
            } else {
                inventory.problems.append("route \(key) has no parameter and is not on the allow-list — add it to RouteWalk.allowList in TenantIsolationTests after checking it shows no other municipality's data")
            }
        }
        return inventory
    }

    /// The concrete requests for a route: every parameter replaced by the target's row. An `:element`
    /// whose kind the path does not tell is tried with an element of every kind.
    static func probes(for route: Route, target: WalkTarget) -> [Probe] {
        var partials: [(segments: [String], kind: StrategyElementKind?)] = [([], nil)]
        var previous: String?
        for component in route.path {
            switch component {
            case .constant(let constant):
                partials = partials.map { ($0.segments + [constant], $0.kind) }
            case .parameter(let name):
                func fill(_ value: UUID?) { partials = partials.map { ($0.segments + [value?.uuidString ?? "missing"], $0.kind) } }
                switch name {
                case "municipality": partials = partials.map { ($0.segments + [target.slug], $0.kind) }
                case "element":
                    if let kind = previous.flatMap(StrategyElementKind.init(pathSegment:)) {
                        partials = partials.map { ($0.segments + [target.elements[kind]?.uuidString ?? "missing"], kind) }
                    } else {
                        partials = partials.flatMap { partial in
                            StrategyElementKind.allCases.map { (partial.segments + [target.elements[$0]?.uuidString ?? "missing"], partial.kind ?? $0) }
                        }
                    }
                case "department": fill(target.departmentID)
                case "user": fill(target.userID)
                case "token": fill(target.tokenID)
                case "project": fill(target.prioritizationAPI.project(for: route.path) ?? target.projects.id(for: route.path))
                case "call": fill(target.callID)
                case "staged": fill(target.stagedImportID)
                case "criterion": fill(target.prioritization.criterionID)
                case "round":
                    fill(isAPI(route.path) ? target.prioritizationAPI.round(for: route.path, shared: target.prioritization)
                                           : target.prioritization.round(for: route.path))
                case "scenario": fill(target.prioritization.scenario(for: route.path))
                default: return []
                }
            case .anything, .catchall:
                partials = partials.map { ($0.segments + ["x"], $0.kind) }
            }
            if case .constant(let constant) = component { previous = constant } else { previous = nil }
        }
        let routeKind = kind(in: route.path)
        return partials.map {
            Probe(method: route.method, pattern: pattern(route.path), path: "/" + $0.segments.joined(separator: "/"), kind: $0.kind ?? routeKind)
        }
    }

    /// Form fields that would change the target's data had the route no membership check.
    static func form(for probe: Probe, target: WalkTarget) -> [(String, String)] {
        let segments = probe.pattern.split(separator: "/").map(String.init)
        let last = segments.last ?? ""
        switch last {
        case "archive", "restore", "remove", "revoke": return []
        case "move": return [("direction", "down")]
        case "links": return [("target", probe.kind.flatMap { target.linkTarget(for: $0) }?.uuidString ?? "")]
        case "vision": return [("visionTitle", "Übernommene Vision"), ("vision", "Von der Nachbargemeinde überschrieben.")]
        default: break
        }
        if let upload = importForm(segments: segments, target: target) { return upload }
        if let prioritization = prioritizationForm(segments: segments, target: target) { return prioritization }
        if isProjectRoute(segments) { return projectForm(last: last, target: target) }
        if isCallRoute(segments) { return callForm(last: last, target: target) }
        if segments.contains("members") {
            return last == "members" ? [("email", target.memberToAdd), ("role", "strategyTeam")] : [("role", "reader"), ("departmentID", "")]
        }
        if segments.contains("departments") {
            let creating = last == "departments"
            return [("code", creating ? "T-78" : "T-77"), ("name", "Übernommenes Amt"), ("level", "office"),
                    ("parentID", creating ? target.departmentID.uuidString : ""), ("headName", "Fremde Leitung")]
        }
        if let kind = probe.kind {
            return [("code", "T-1"), ("title", "Übernommen von Musterstadt"), ("description", "Überschrieben."),
                    ("targetStatement", "Alles anders."), ("targetYear", "2030"),
                    ("parentID", target.parent(of: kind)?.uuidString ?? ""),
                    ("responsibleDepartmentID", kind.hasResponsibleDepartment ? target.departmentID.uuidString : "")]
        }
        return [("title", "Übernommen"), ("name", "Übernommen")]
    }

    /// JSON bodies, the API's counterpart of `form`.
    static func json(for probe: Probe, target: WalkTarget) -> [String: Any]? {
        guard probe.method != .GET else { return nil }
        let segments = probe.pattern.split(separator: "/").map(String.init)
        let last = segments.last ?? ""
        switch last {
        case "archive", "restore": return nil
        case "vision": return ["visionTitle": "Übernommene Vision", "vision": "Von der Nachbargemeinde überschrieben."]
        default: break
        }
        if let body = prioritizationJSON(segments: segments, target: target) { return body }
        if isProjectRoute(segments) { return projectJSON(last: last, target: target) }
        if isCallRoute(segments) { return callJSON(last: last, target: target) }
        if segments.contains("members") {
            return last == "members" ? ["email": target.memberToAdd, "role": "strategyTeam"] : ["role": "reader"]
        }
        if segments.contains("departments") {
            var body: [String: Any] = ["code": "T-77", "name": "Übernommenes Amt", "level": "office", "headName": "Fremde Leitung"]
            if last == "departments" { body["parentId"] = target.departmentID.uuidString }
            return body
        }
        if let kind = probe.kind {
            var body: [String: Any] = ["code": "T-1", "title": "Übernommen von Musterstadt", "description": "Überschrieben."]
            if kind.hasTarget { body["targetStatement"] = "Alles anders."; body["targetYear"] = 2030 }
            if let parent = target.parent(of: kind) { body["parentId"] = parent.uuidString }
            if kind.hasResponsibleDepartment { body["responsibleDepartmentId"] = target.departmentID.uuidString }
            return body
        }
        return ["title": "Übernommen", "name": "Übernommen"]
    }

    /// Sends a probe: web routes in A's browser session with its CSRF token, API routes with A's token.
    static func send(_ probe: Probe, target: WalkTarget, browser: TestClient, csrf: String, token: String) async throws -> TestResponse {
        if probe.pattern.hasPrefix("/api/v1/") {
            return try await browser.api(probe.method, probe.path, token: token, json: json(for: probe, target: target))
        }
        switch probe.method {
        case .GET: return try await browser.get(probe.path)
        case .POST: return try await browser.post(probe.path, form(for: probe, target: target), csrf: csrf)
        default:
            let fields = form(for: probe, target: target) + [(CSRFMiddleware.fieldName, csrf)]
            let body = fields.map { "\(TestClient.encode($0.0))=\(TestClient.encode($0.1))" }.joined(separator: "&")
            return try await browser.send(probe.method, probe.path, headers: ["Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf],
                                          body: Data(body.utf8))
        }
    }

    /// Calls an allow-listed route as Musterstadt's strategy team would, with forms that name B where a
    /// form can name a municipality.
    static func sendAllowListed(_ key: String, server: TestServer, browser: TestClient, csrf: String, other: OtherTenant) async throws -> TestResponse {
        let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
        let method = HTTPMethod(rawValue: parts[0])
        let path = parts[1]
        switch key {
        case "POST /login":
            return try await server.client().login(Fixtures.strategyTeam)
        case "POST /logout":
            let separate = server.client()
            try await separate.login(Fixtures.strategyTeam)
            return try await separate.post("/logout", [])
        case "POST /account/tokens":
            return try await browser.post(path, [("name", "Nachbar"), ("municipality", other.municipalityID.uuidString)], csrf: csrf)
        case "POST /account/password":
            return try await browser.post(path, [("currentPassword", "nicht-das-passwort"), ("newPassword", "ein-ganz-neues-passwort")], csrf: csrf)
        case "POST /account/language":
            return try await browser.post(path, [("language", "de")], csrf: csrf)
        case "POST /admin/municipalities":
            return try await browser.post(path, [("name", "Übernahme"), ("slug", "uebernahme"), ("kind", "Stadt"), ("firstLead", other.fixture.teamEmail)], csrf: csrf)
        default:
            if method == .GET { return try await browser.get(path) }
            return try await browser.send(method, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                          body: Data("\(CSRFMiddleware.fieldName)=\(TestClient.encode(csrf))".utf8))
        }
    }

    static func isCSRFRefusal(_ response: TestResponse) -> Bool {
        response.status == .forbidden
            && (response.body.contains(Strings.text("errors.csrf", .de)) || response.body.contains(Strings.text("errors.csrf", .en)))
    }
}

// MARK: - Database checks

enum TenantSnapshot {
    /// Everything of one municipality as sorted lines, to compare before and after a walk.
    static func take(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        func d(_ date: Date?) -> String { date.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "nil" }
        func s(_ value: Any?) -> String { value.map { "\($0)" } ?? "nil" }
        var lines: [String] = []
        guard let municipality = try await Municipality.find(municipalityID, on: db) else { return ["municipality missing"] }
        lines.append("municipality slug=\(municipality.slug) name=\(municipality.name) kind=\(municipality.kind) visionTitle=\(municipality.visionTitle) "
            + "vision=\(municipality.vision) archived=\(d(municipality.archivedAt)) updated=\(d(municipality.updatedAt))")

        let elements = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for e in elements {
            lines.append("element \(s(e.id)) kind=\(e.kind) code=\(s(e.code)) title=\(e.title) description=\(s(e.description)) "
                + "target=\(s(e.targetStatement)) year=\(s(e.targetYear)) parent=\(s(e.$parent.id)) department=\(s(e.$responsibleDepartment.id)) "
                + "position=\(e.position) archived=\(d(e.archivedAt)) updated=\(d(e.updatedAt))")
        }
        let elementIDs = Set(elements.compactMap(\.id))
        let departments = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for unit in departments {
            lines.append("department \(s(unit.id)) code=\(unit.code) name=\(unit.name) level=\(unit.level) parent=\(s(unit.$parent.id)) "
                + "head=\(s(unit.headName)) archived=\(d(unit.archivedAt)) updated=\(d(unit.updatedAt))")
        }
        let departmentIDs = Set(departments.compactMap(\.id))
        for link in try await StrategyLink.query(on: db).all()
        where link.$municipality.id == municipalityID || elementIDs.contains(link.$from.id) || elementIDs.contains(link.$to.id) {
            lines.append("link \(s(link.id)) municipality=\(link.$municipality.id) from=\(link.$from.id) to=\(link.$to.id)")
        }
        let memberships = try await Membership.query(on: db).all()
            .filter { $0.$municipality.id == municipalityID || $0.$department.id.map(departmentIDs.contains) == true }
        for membership in memberships {
            lines.append("membership \(s(membership.id)) user=\(membership.$user.id) municipality=\(membership.$municipality.id) "
                + "role=\(membership.role) department=\(s(membership.$department.id))")
        }
        let memberIDs = Set(memberships.filter { $0.$municipality.id == municipalityID }.map(\.$user.id))
        for user in try await User.query(on: db).all() where user.id.map(memberIDs.contains) == true {
            lines.append("user \(s(user.id)) email=\(user.email) name=\(user.displayName) hash=\(user.passwordHash) "
                + "admin=\(user.isInstallationAdmin) language=\(s(user.preferredLanguage)) disabled=\(d(user.disabledAt))")
        }
        let tokens = try await APIToken.query(on: db).all().filter { $0.$municipality.id == municipalityID || memberIDs.contains($0.$user.id) }
        for token in tokens {
            lines.append("token \(s(token.id)) user=\(token.$user.id) municipality=\(token.$municipality.id) name=\(token.name) revoked=\(d(token.revokedAt))")
        }
        let projects = try await projectLines(municipalityID, elementIDs: elementIDs, on: db)
        lines += projects.lines
        let calls = try await callLines(municipalityID, on: db)
        lines += calls.lines
        lines += try await stagedImportLines(municipalityID, on: db)
        let prioritization = try await prioritizationLines(municipalityID, on: db)
        lines += prioritization.lines
        let about = elementIDs.union(departmentIDs).union(memberIDs).union(tokens.compactMap(\.id)).union([municipalityID]).union(projects.ids)
            .union(calls.ids).union(prioritization.ids)
        let events = try await AuditEvent.query(on: db).all()
        lines.append("audit events of the municipality: \(events.filter { $0.$municipality.id == municipalityID }.count)")
        lines.append("audit events about its rows: \(events.filter { $0.entityID.map(about.contains) == true }.count)")
        return lines.sorted()
    }

    static func diff(_ before: [String], _ after: [String]) -> String {
        let gone = before.filter { !after.contains($0) }.map { "- " + $0 }
        let new = after.filter { !before.contains($0) }.map { "+ " + $0 }
        return (gone + new).joined(separator: "\n")
    }

    /// Rows that reference a row of another municipality, anywhere in the installation.
    static func crossReferences(on db: any Database) async throws -> [String] {
        var found: [String] = []
        let elements = try await StrategyElement.query(on: db).all()
        let elementOwner = Dictionary(elements.compactMap { e in e.id.map { ($0, e.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        let departments = try await Department.query(on: db).all()
        let departmentOwner = Dictionary(departments.compactMap { d in d.id.map { ($0, d.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        for e in elements {
            let own = e.$municipality.id
            if let parent = e.$parent.id, elementOwner[parent] != own { found.append("element \(e.title) has parent \(parent) of another municipality") }
            if let unit = e.$responsibleDepartment.id, departmentOwner[unit] != own { found.append("element \(e.title) names department \(unit) of another municipality") }
        }
        for unit in departments {
            if let parent = unit.$parent.id, departmentOwner[parent] != unit.$municipality.id { found.append("department \(unit.name) hangs under \(parent) of another municipality") }
        }
        for link in try await StrategyLink.query(on: db).all() {
            let own = link.$municipality.id
            if elementOwner[link.$from.id] != own || elementOwner[link.$to.id] != own { found.append("link \(link.$from.id) → \(link.$to.id) crosses municipalities") }
        }
        let memberships = try await Membership.query(on: db).all()
        for membership in memberships {
            if let unit = membership.$department.id, departmentOwner[unit] != membership.$municipality.id {
                found.append("membership of \(membership.$user.id) names department \(unit) of another municipality")
            }
        }
        let admins = Set(try await User.query(on: db).filter(\.$isInstallationAdmin == true).all().compactMap(\.id))
        for token in try await APIToken.query(on: db).filter(\.$revokedAt == nil).all() where !admins.contains(token.$user.id) {
            if !memberships.contains(where: { $0.$user.id == token.$user.id && $0.$municipality.id == token.$municipality.id }) {
                found.append("token \(token.name) of \(token.$user.id) is for a municipality the person has no role in")
            }
        }
        found += try await projectCrossReferences(elementOwner: elementOwner, departmentOwner: departmentOwner, on: db)
        found += try await callCrossReferences(departmentOwner: departmentOwner, on: db)
        found += try await prioritizationCrossReferences(on: db)
        return found
    }
}
