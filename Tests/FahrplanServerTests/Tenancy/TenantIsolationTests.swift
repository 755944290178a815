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
                        #expect([200, 201, 202, 204, 303].contains(code),
                                "\(probe) answered \(code) on Musterstadt's own data — teach RouteWalk.form/json fields this route accepts, or the walk against Nachbarstadt proves nothing")
                    }
                    let leaks = other.leaks(in: response.body)
                    #expect(leaks.isEmpty, "\(probe) shows Nachbarstadt's \(leaks.joined(separator: ", "))")
                    // A withdrawn invitation leaves the next probe (renew) nothing to act on: open it again.
                    if probe.pattern.contains(":invitation"), let invitationID = own.invitationID,
                       let invitation = try await Invitation.find(invitationID, on: server.db), invitation.revokedAt != nil {
                        invitation.revokedAt = nil
                        try await invitation.save(on: server.db)
                    }
                    // The API's DELETE of the walk's cycle or lock leaves the web routes after it nothing to act on.
                    try await RouteWalk.restoreMonitoring(after: probe, own: own, on: server.db)
                    try await RouteWalk.restoreNewsletter(after: probe, own: own, on: server.db)
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
