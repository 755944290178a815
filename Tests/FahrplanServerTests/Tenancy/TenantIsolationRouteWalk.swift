import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing
import Vapor

enum RouteWalk {
    /// Path parameters the walk knows how to point at another municipality's rows.
    static let knownParameters: Set<String> = ["municipality", "element", "department", "user", "token", "project", "call", "staged",
                                               "criterion", "round", "scenario", "invitation", "plan", "kpi", "cycle", "lock",
                                               "milestone", "report", "system", "service", "survey", "questionnaire", "assessment",
                                               "newsletter", "version"]

    /// Routes with `*` or `**` that have been checked by hand ("METHOD /path/**"). None so far.
    static let knownWildcardRoutes: Set<String> = []

    /// Routes without a parameter, each checked to show nothing of another municipality (the home page
    /// lists every municipality's name: public by design). The value is the status Musterstadt's strategy
    /// team must get where that matters for isolation, nil where any non-5xx answer is fine.
    static let allowList: [String: UInt?] = [
        "GET /": 200,
        "GET /healthz": nil,
        "GET /readyz": nil,
        // Metrics: counts by route pattern, no municipality in any label (MetricsTests); off in the walk: 404.
        "GET /metrics": 404,
        "GET /login": nil,
        "POST /login": nil,
        "POST /logout": nil,
        "GET /account": 200,
        "POST /account/language": nil,
        "POST /account/password": nil,
        // A token for a municipality the person has no role in is refused.
        "POST /account/tokens": 422,
        // The person's own second factor and the login's code step: nothing of any municipality.
        "GET /login/code": nil,
        "POST /login/code": nil,
        "GET /account/mfa": 200,
        "POST /account/mfa/confirm": nil,
        "POST /account/mfa/recovery-codes": nil,
        "POST /account/mfa/disable": nil,
        "GET /admin/municipalities": 403,
        "POST /admin/municipalities": 403,
        // The installation's account list: installation administrators only; the account is named in the form.
        "GET /admin/accounts": 403,
        "POST /admin/accounts/disable": 403,
        "POST /admin/accounts/enable": 403,
        // The installation's sign-in events: installation administrators only.
        "GET /admin/auth-events": 403,
        "GET /api/v1/openapi.json": nil,
        // The invitation page: no login, no municipality in the path; the secret in the link is the only key
        // (InvitationTests). Walked with the literal ":secret", which no invitation has: 410.
        "GET /invitations/:secret": 410,
        "POST /invitations/:secret": 410,
        // The calendar feed: no login; the token in the query is the only key (CalendarFeedTests, also for
        // another municipality's token). Walked with the literal ":municipality" and no token: 404.
        "GET /m/:municipality/calendar.ics": 404,
    ].merging(surveyAllowList) { listed, _ in listed }.merging(portalAllowList) { listed, _ in listed }

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
                case .parameter(let name) where !knownParameters.contains(name) && !allowList.keys.contains(key):
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
            if allowList.keys.contains(key) {
                inventory.allowListed.append(route)
            } else if !parameterNames(route.path).isEmpty {
                inventory.parameterized.append(route)
            } else if isAPI(route.path) {
                inventory.apiCollection.append(route)
            } else {
                inventory.problems.append("route \(key) has no parameter and is not on the allow-list — add it to RouteWalk.allowList in TenantIsolationTests after checking it shows no other municipality's data")
            }
        }
        // A plan's solve starts a background job that replaces the plan's result when it ends, so the walk
        // sends those last: the reads and manual changes before them see the result the fixture stored.
        let solves = inventory.parameterized.filter { $0.path.last?.description == "solve" && $0.method == .POST }
        inventory.parameterized.removeAll { $0.path.last?.description == "solve" && $0.method == .POST }
        inventory.parameterized += solves
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
                case "project": fill(target.status?.project(for: route.path) ?? target.prioritizationAPI.project(for: route.path)
                                     ?? target.projects.id(for: route.path))
                case "call": fill(target.callID)
                case "staged": fill(target.stagedImportID)
                case "criterion": fill(target.prioritization.criterionID)
                case "round":
                    fill(isAPI(route.path) ? target.prioritizationAPI.round(for: route.path, shared: target.prioritization)
                                           : target.prioritization.round(for: route.path))
                case "scenario": fill(target.prioritization.scenario(for: route.path))
                case "invitation": fill(target.invitationID)
                case "plan": fill(target.plans?.id(for: route.path))
                case "kpi": fill(target.kpiID)
                case "cycle": fill(target.cycles?.cycleID)
                case "lock": fill(target.cycles?.lockID)
                case "milestone": fill(target.status?.milestoneID)
                case "report": fill(target.status?.reportID)
                case "survey": fill(target.surveys?.id(for: route.path))
                case "questionnaire": fill(target.maturity?.questionnaireID)
                case "assessment": fill(target.maturity?.assessmentID)
                case "system": fill(target.inventory?.systemID)
                case "service": fill(target.inventory?.serviceID)
                case "newsletter": fill(target.newsletter?.newsletterID)
                case "version": fill(target.strategyVersions?.versionID)
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
        // An empty version: no precondition. Without it the test client sends the version of the last page it
        // read, which may be another item's.
        case "archive", "restore": return segments.contains("inventory") || segments.contains("maturity") ? [("version", "")] : []
        case "remove", "revoke": return []
        case "move": return [("direction", "down")]
        case "links": return [("target", probe.kind.flatMap { target.linkTarget(for: $0) }?.uuidString ?? "")]
        case "vision": return [("visionTitle", "Übernommene Vision"), ("vision", "Von der Nachbargemeinde überschrieben.")]
        case "economics": return [("staffHourlyRate", "99"), ("citizenHourlyRate", "1"), ("businessHourlyRate", "1"),
                                  ("interestRate", "9"), ("horizonYears", "3")]
        default: break
        }
        if segments.contains("first-steps"), let maturity = target.maturity {
            return [("sourceKind", "assessment"), ("sourceID", maturity.assessmentID.uuidString), ("statementKey", maturity.statementKey),
                    ("firstStep", "0"), ("departmentID", target.departmentID.uuidString)]
        }
        if let upload = importForm(segments: segments, target: target) { return upload }
        if let survey = surveyForm(segments: segments, target: target) { return survey }
        if let maturity = maturityQuestionnaireForm(segments: segments, target: target) { return maturity }
        if let plan = planForm(segments: segments, target: target) { return plan }
        if let inventory = inventoryForm(segments: segments, target: target) { return inventory }
        if let newsletter = newsletterForm(segments: segments) { return newsletter }
        if let version = strategyVersionForm(segments: segments) { return version }
        if let kpi = kpiForm(segments: segments, target: target) { return kpi }
        if let cycle = cycleForm(segments: segments) { return cycle }
        if let status = statusForm(segments: segments, target: target) { return status }
        if let settings = monitoringSettingsForm(segments: segments) { return settings }
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
        case "economic-settings": return ["staffHourlyRateCents": 9_900, "citizenHourlyRateCents": 100, "businessHourlyRateCents": 100,
                                          "interestBasisPoints": 900, "horizonYears": 3]
        default: break
        }
        if let body = surveyJSON(segments: segments, target: target) { return body }
        if let body = maturityQuestionnaireJSON(segments: segments, target: target) { return body }
        if let body = planJSON(segments: segments, target: target) { return body }
        if let body = inventoryJSON(segments: segments, target: target) { return body }
        if let body = newsletterJSON(segments: segments) { return body }
        if let body = strategyVersionJSON(segments: segments) { return body }
        if let body = monitoringJSON(segments: segments, target: target) { return body }
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
