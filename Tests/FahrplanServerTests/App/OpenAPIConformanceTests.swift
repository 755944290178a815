import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// Ids of the demo municipality that the conformance tests work on.
struct DemoIDs {
    var field: String
    var goal: String
    var program: String
    var principle: String
    var unit: String
    /// The reader's account: a member to change.
    var member: String

    static func load(on server: TestServer) async throws -> DemoIDs {
        let municipality = try await Fixtures.musterstadt(on: server)
        let unit = try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).sort(\.$code).first()!
        return DemoIDs(field: try await Fixtures.firstElement(.fieldOfAction, on: server).requireID().uuidString,
                       goal: try await Fixtures.firstElement(.goal, on: server).requireID().uuidString,
                       program: try await Fixtures.firstElement(.program, on: server).requireID().uuidString,
                       principle: try await Fixtures.firstElement(.principle, on: server).requireID().uuidString,
                       unit: try unit.requireID().uuidString,
                       member: try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first()!.requireID().uuidString)
    }

    func id(of kind: StrategyElementKind) -> String {
        switch kind {
        case .principle: return principle
        case .fieldOfAction: return field
        case .goal: return goal
        case .program: return program
        }
    }

    /// A complete, valid body to create an element of `kind`.
    func createBody(_ kind: StrategyElementKind, title: String) -> [String: Any] {
        switch kind {
        case .principle: return ["title": title, "description": "Wir denken **digital zuerst**."]
        case .fieldOfAction: return ["code": "HF9", "title": title, "description": "Ein neues Handlungsfeld."]
        case .goal: return ["code": "Z9.1", "title": title, "targetStatement": "Bis 2028 sind 50 Datensätze offen verfügbar.",
                            "targetYear": 2028, "parentId": field, "responsibleDepartmentId": unit]
        case .program: return ["title": title, "parentId": goal, "responsibleDepartmentId": unit]
        }
    }
}

extension StrategyElementKind {
    var apiPath: String { "/api/v1/\(pathSegment)" }
    var itemPath: String { "/api/v1/\(pathSegment)/{element}" }
}

@Suite("OpenAPI conformance: every answer is the documented one")
struct OpenAPIConformanceTests {
    /// Every field name in a problem document's `errors`.
    static func fields(_ response: TestResponse) throws -> [String] {
        try response.value()["errors"]?.array?.compactMap { $0["field"]?.string } ?? []
    }

    @Test("every documented operation succeeds and answers exactly as documented")
    func everyOperationSucceeds() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await DemoIDs.load(on: server)

            try await api.call(.GET, "/api/v1/openapi.json", token: nil, expect: .ok)
            for email in [Fixtures.strategyTeam, Fixtures.departmentLead, Fixtures.rater, Fixtures.reader, Fixtures.admin] {
                let me = try await api.call(.GET, "/api/v1/me", token: try await Fixtures.token(for: email, on: server), expect: .ok)
                #expect(try me.value()["email"] == .string(email))
                #expect(try me.value()["municipality"] == .string("musterstadt"))
            }
            let municipality = try await api.call(.GET, "/api/v1/municipality", token: team, expect: .ok)
            // The vision is replaced as a whole: If-Match names the version it is based on (ETag).
            let vision = try await api.call(.PUT, "/api/v1/vision", token: team,
                                            json: ["visionTitle": "Musterstadt 2035", "vision": "Digital, nah und **verlässlich**."],
                                            headers: ["If-Match": municipality.headers.first(name: "ETag") ?? ""], expect: .ok)
            #expect(try vision.value()["visionTitle"] == .string("Musterstadt 2035"))
            try await api.call(.PUT, "/api/v1/vision", token: team, json: ["vision": "Ohne Titel."],
                               headers: ["If-Match": vision.headers.first(name: "ETag") ?? ""], expect: .ok)

            // Organisation
            try await api.call(.GET, "/api/v1/departments", token: team, expect: .ok)
            try await api.call(.GET, "/api/v1/departments", query: "includeArchived=true", token: team, expect: .ok)
            let unit = try await api.call(.POST, "/api/v1/departments", token: team,
                                          json: ["code": "99.1", "name": "Stabsstelle Digitales", "level": "section",
                                                 "parentId": ids.unit, "headName": "Dr. Eva Brandt"], expect: .created)
            let unitID = try #require(try unit.value()["id"]?.string)
            #expect(unit.location == "/api/v1/departments/\(unitID)")
            try await api.call(.GET, "/api/v1/departments/{department}", ["department": unitID], token: team, expect: .ok)
            try await api.call(.PATCH, "/api/v1/departments/{department}", ["department": unitID], token: team,
                               json: ["name": "Stabsstelle Digitalisierung"], expect: .ok)
            try await api.call(.POST, "/api/v1/departments/{department}/archive", ["department": unitID], token: team, expect: .ok)
            try await api.call(.POST, "/api/v1/departments/{department}/restore", ["department": unitID], token: team, expect: .ok)

            // Strategy frame: every kind, the demo's elements and new ones
            for kind in StrategyElementKind.allCases {
                try await api.call(.GET, kind.apiPath, token: team, expect: .ok)
                try await api.call(.GET, kind.apiPath, query: "includeArchived=true", token: team, expect: .ok)
                let created = try await api.call(.POST, kind.apiPath, token: team, json: ids.createBody(kind, title: "Neu: \(kind.rawValue)"), expect: .created)
                let id = try #require(try created.value()["id"]?.string)
                #expect(created.location == "/api/v1/\(kind.pathSegment)/\(id)")
                for element in [id, ids.id(of: kind)] {
                    try await api.call(.GET, kind.itemPath, ["element": element], token: team, expect: .ok)
                    try await api.call(.PATCH, kind.itemPath, ["element": element], token: team, json: ["description": "Geändert über die API."], expect: .ok)
                    try await api.call(.GET, kind.itemPath + "/history", ["element": element], token: team, expect: .ok)
                }
                try await api.call(.POST, kind.itemPath + "/archive", ["element": id], token: team, expect: .ok)
                try await api.call(.POST, kind.itemPath + "/restore", ["element": id], token: team, expect: .ok)
            }

            // Audit trail
            try await api.call(.GET, "/api/v1/audit-events", token: team, expect: .ok)
            let trail = try await api.call(.GET, "/api/v1/audit-events", query: "entityId=\(ids.goal)&limit=5", token: team, expect: .ok)
            #expect(try trail.value()["items"]?.array?.isEmpty == false)
            try await api.call(.GET, "/api/v1/audit-events", query: "limit=1", token: team, expect: .ok)

            // Members and roles
            try await api.call(.GET, "/api/v1/members", token: team, expect: .ok)
            // Adding a person is an invitation: the same answer for an existing account elsewhere and a new one.
            let other = try await Fixtures.otherMunicipality(on: server)
            let existing = try await api.call(.POST, "/api/v1/members", token: team, json: ["email": other.teamEmail, "role": "reader"], expect: .created)
            #expect(try existing.value()["invitation"]?["url"]?.string?.contains("/invitations/") == true)
            let created = try await api.call(.POST, "/api/v1/members", token: team,
                                             json: ["email": "neu@musterstadt.example", "displayName": "Nina Neu", "role": "departmentLead",
                                                    "departmentId": ids.unit], expect: .created)
            let invitationID = try #require(try created.value()["invitation"]?["id"]?.string)
            let renewed = try await api.call(.POST, "/api/v1/invitations/{invitation}/renew", ["invitation": invitationID], token: team, expect: .created)
            let withdrawnID = try #require(try existing.value()["invitation"]?["id"]?.string)
            try await api.call(.DELETE, "/api/v1/invitations/{invitation}", ["invitation": withdrawnID], token: team, expect: .noContent)
            try await api.call(.GET, "/api/v1/members", token: team, expect: .ok)
            let link = try InvitationTests.path(of: try renewed.value()["invitation"]?["url"]?.string)
            try await #expect(InvitationTests.accept(link, new: "Nina-Neu-Fahrplan-2026", in: server.client()).status == .seeOther)
            let newUser = try #require(try await User.query(on: server.db).filter(\.$email == "neu@musterstadt.example").first()).requireID().uuidString
            try await api.call(.PATCH, "/api/v1/members/{user}", ["user": newUser], token: team, json: ["role": "rater"], expect: .ok)
            try await api.call(.DELETE, "/api/v1/members/{user}", ["user": newUser], token: team, expect: .noContent)

            // Project portfolio
            try await ProjectAPIExercise.everyOperation(api, token: team, server: server)

            // Calls for projects
            try await CallAPIExercise.everyOperation(api, token: team, server: server)

            // Import and export of the project list
            try await ImportAPIExercise.everyOperation(api, token: team)

            // Prioritization and the decision log
            try await PrioritizationAPIExercise.everyOperation(api, token: team, server: server)

            // Economic settings and the cost-benefit figures
            try await CostBenefitAPIExercise.everyOperation(api, token: team, server: server)

            // Roadmap plans
            try await PlanningAPIExercise.everyOperation(api, token: team, server: server)

            // Monitoring: status reports, milestones, KPIs, update cycles, locks
            try await MonitoringAPIExercise.everyOperation(api, token: team, server: server)

            // Inventory: IT systems, administrative services, overview, maturity model, CSV
            try await InventoryAPIExercise.everyOperation(api, token: team, server: server)

            // Maturity results: a round's and a Potenzialcheck's results, a first step into a project idea
            try await ResultsAPIExercise.everyOperation(api, token: team, server: server)

            // Maturity: questionnaires (copy, import, versioned edit) and Potenzialchecks with their ratings
            try await QuestionnaireAPIExercise.everyOperation(api, token: team, server: server)

            // Quick-Check survey rounds, invitations, the public form and its answers
            try await SurveyAPIExercise.everyOperation(api, token: team, server: server)

            // The committee report (JSON; the DOCX is checked in CommitteeReportTests)
            try await CommitteeReportAPIExercise.everyOperation(api, token: team, server: server)

            // Newsletter issues: draft, edit, renderings, publish
            try await NewsletterAPIExercise.everyOperation(api, token: team, server: server)

            // Strategy versions: take, list, read, diff, since the last one
            try await StrategyVersionAPIExercise.everyOperation(api, token: team, server: server)

            // The transparency portal: its settings with the public projects, then the public data without a token
            try await PortalAPIExercise.everyOperation(api, token: team, server: server)

            let missing = api.document.operations.subtracting(api.succeeded).sorted()
            #expect(missing.isEmpty, "operations never exercised successfully: \(missing)")
        }
    }

    @Test("every operation that needs a token answers 401 with a problem document without one or with a bad one")
    func unauthorized() async throws {
        try await withServer(demo: false) { server in
            let api = try await APIConformance(server: server)
            let badTokens: [String?] = [nil, "fpt_" + String(repeating: "x", count: 40), "not-a-fahrplan-token", ""]
            // The document, the Quick-Check's public form and answers (its link's token is the only key) and the
            // transparency portal's public data need none.
            for operation in api.document.operations.sorted() where operation != "GET /api/v1/openapi.json" && !operation.contains(" /api/v1/surveys/")
                && !operation.contains(" /api/v1/public/") {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPMethod(rawValue: parts[0])
                let parameters = ["element": UUID().uuidString, "department": UUID().uuidString, "user": UUID().uuidString,
                                  "project": UUID().uuidString, "call": UUID().uuidString, "criterion": UUID().uuidString,
                                  "round": UUID().uuidString, "scenario": UUID().uuidString, "invitation": UUID().uuidString,
                                  "plan": UUID().uuidString, "milestone": UUID().uuidString, "kpi": UUID().uuidString,
                                  "cycle": UUID().uuidString, "lock": UUID().uuidString,
                                  "survey": UUID().uuidString, "assessment": UUID().uuidString, "questionnaire": UUID().uuidString,
                                  "system": UUID().uuidString, "service": UUID().uuidString, "token": "kein-umfragelink",
                                  "newsletter": UUID().uuidString, "version": UUID().uuidString]
                let body: Any? = api.document.operation(method, parts[1])?["requestBody"] != nil ? ["title": "x"] : nil
                for token in badTokens {
                    let response = try await api.call(method, parts[1], parameters, token: token, json: body, expect: .unauthorized)
                    #expect(response.headers.first(name: "WWW-Authenticate") == "Bearer")
                    #expect(try response.value()["status"] == .number(401))
                }
            }
            // Basic authentication is not a bearer token either.
            try await api.call(.GET, "/api/v1/me", token: nil, headers: ["Authorization": "Basic YWRtaW46YWRtaW4="], expect: .unauthorized)
        }
    }

    @Test("unknown ids, malformed ids, ids of another kind and ids of another municipality are 404 and leak nothing")
    func notFound() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let ids = try await DemoIDs.load(on: server)
            let otherIDs: [StrategyElementKind: UUID] = [.principle: other.principleID, .fieldOfAction: other.fieldID,
                                                         .goal: other.goalID, .program: other.programID]
            for kind in StrategyElementKind.allCases {
                let anotherKind = kind == .goal ? ids.program : ids.goal
                for id in [UUID().uuidString, "kein-uuid", otherIDs[kind]!.uuidString, anotherKind] {
                    let responses = [
                        try await api.call(.GET, kind.itemPath, ["element": id], token: team, expect: .notFound),
                        try await api.call(.PATCH, kind.itemPath, ["element": id], token: team, json: ["title": "Übernommen"], expect: .notFound),
                        try await api.call(.POST, kind.itemPath + "/archive", ["element": id], token: team, expect: .notFound),
                        try await api.call(.POST, kind.itemPath + "/restore", ["element": id], token: team, expect: .notFound),
                        try await api.call(.GET, kind.itemPath + "/history", ["element": id], token: team, expect: .notFound),
                    ]
                    for response in responses { #expect(!response.body.contains(Fixtures.OtherMunicipality.marker)) }
                }
            }
            for id in [UUID().uuidString, "kein-uuid", other.departmentID.uuidString] {
                let template = "/api/v1/departments/{department}"
                try await api.call(.GET, template, ["department": id], token: team, expect: .notFound)
                try await api.call(.PATCH, template, ["department": id], token: team, json: ["name": "Übernommen"], expect: .notFound)
                try await api.call(.POST, template + "/archive", ["department": id], token: team, expect: .notFound)
                try await api.call(.POST, template + "/restore", ["department": id], token: team, expect: .notFound)
            }
            // The other municipality's audit trail stays invisible, even when asked for by id.
            let trail = try await api.call(.GET, "/api/v1/audit-events", query: "entityId=\(other.goalID)", token: team, expect: .ok)
            #expect(try trail.value()["items"] == .array([]))

            // Nothing of the other municipality changed.
            let goal = try #require(try await StrategyElement.find(other.goalID, on: server.db))
            #expect(goal.title.contains(Fixtures.OtherMunicipality.marker) && goal.archivedAt == nil)
            let unit = try #require(try await Department.find(other.departmentID, on: server.db))
            #expect(unit.name.contains(Fixtures.OtherMunicipality.marker) && unit.archivedAt == nil)
        }
    }

    @Test("invalid values are 422 and name every invalid field as the request names it")
    func unprocessable() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let ids = try await DemoIDs.load(on: server)
            let null = NSNull()
            let cases: [(HTTPMethod, String, [String: String], [String: Any], [String])] = [
                (.POST, "/api/v1/goals", [:], [:], ["title", "targetStatement", "parentId"]),
                (.POST, "/api/v1/programs", [:], ["title": "  "], ["title", "parentId"]),
                (.POST, "/api/v1/principles", [:], ["title": String(repeating: "x", count: 201)], ["title"]),
                (.POST, "/api/v1/principles", [:], ["title": "Glocke\u{0007}"], ["title"]),
                (.POST, "/api/v1/fields-of-action", [:], ["title": "ok", "code": String(repeating: "C", count: 21)], ["code"]),
                (.POST, "/api/v1/goals", [:], ["title": "ok", "targetStatement": "x", "parentId": ids.program], ["parentId"]),
                (.POST, "/api/v1/goals", [:], ["title": "ok", "targetStatement": "x", "parentId": other.fieldID.uuidString], ["parentId"]),
                (.POST, "/api/v1/goals", [:], ["title": "ok", "targetStatement": "x", "parentId": ids.field,
                                               "responsibleDepartmentId": other.departmentID.uuidString], ["responsibleDepartmentId"]),
                (.POST, "/api/v1/goals", [:], ["title": "ok", "targetStatement": "x", "parentId": ids.field, "targetYear": 1999], ["targetYear"]),
                (.PATCH, "/api/v1/goals/{element}", ["element": ids.goal], ["title": null], ["title"]),
                (.PATCH, "/api/v1/goals/{element}", ["element": ids.goal], ["targetStatement": null, "targetYear": 2101], ["targetStatement", "targetYear"]),
                (.PATCH, "/api/v1/programs/{element}", ["element": ids.program], ["parentId": null], ["parentId"]),
                (.POST, "/api/v1/departments", [:], [:], ["code", "name", "level"]),
                (.POST, "/api/v1/departments", [:], ["code": "10", "name": "Doppelt", "level": "office"], ["code"]),
                (.POST, "/api/v1/departments", [:], ["code": "98", "name": "Fremd", "level": "office", "parentId": other.departmentID.uuidString], ["parentId"]),
                (.PATCH, "/api/v1/departments/{department}", ["department": ids.unit], ["parentId": ids.unit], ["parentId"]),
                (.PATCH, "/api/v1/departments/{department}", ["department": ids.unit], ["level": "Referat"], ["level"]),
                (.PATCH, "/api/v1/departments/{department}", ["department": ids.unit], ["name": null], ["name"]),
                (.PUT, "/api/v1/vision", [:], ["visionTitle": "Titel", "vision": ""], ["vision"]),
            ]
            let eventsBefore = try await AuditEvent.query(on: server.db).count()
            for (method, template, parameters, body, expected) in cases {
                let response = try await api.call(method, template, parameters, token: team, json: body, expect: .unprocessableEntity)
                #expect(try Self.fields(response) == expected, "\(method) \(template) \(body)")
            }
            let trail = try await api.call(.GET, "/api/v1/audit-events", query: "entityId=kein-uuid", token: team, expect: .unprocessableEntity)
            #expect(try Self.fields(trail) == ["entityId"])
            #expect(try await AuditEvent.query(on: server.db).count() == eventsBefore, "a refused change was recorded")
        }
    }

    @Test("bodies that are not JSON, have the wrong JSON types, or are too large are 400, 415 and 413")
    func badRequests() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await DemoIDs.load(on: server)
            let project = try await PortfolioFixtures.project("P-0004", on: server).requireID().uuidString
            let call = try await CallAPIExercise.openCallID(on: server)
            var parameters = ["element": ids.goal, "department": ids.unit, "user": ids.member, "project": project, "call": call]
            parameters.merge(try await PrioritizationAPIExercise.ids(on: server)) { a, _ in a }
            parameters["plan"] = try await PlanningAPIExercise.planID(on: server)
            parameters.merge(try await MonitoringAPIExercise.ids(project: project, on: server)) { a, _ in a }
            parameters.merge(try await QuestionnaireAPIExercise.ids(on: server)) { a, _ in a }
            parameters.merge(try await SurveyAPIExercise.ids(on: server)) { a, _ in a }
            parameters.merge(try await Self.inventoryIDs(on: server)) { a, _ in a }
            parameters.merge(try await NewsletterAPIExercise.ids(on: server)) { a, _ in a }
            var templates: [(HTTPMethod, String)] = []
            for operation in api.document.operations.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPMethod(rawValue: parts[0])
                if api.document.operation(method, parts[1])?["requestBody"] != nil { templates.append((method, parts[1])) }
            }
            // 13 strategy, organisation and members; 6 portfolio; 4 calls; 1 import; 14 prioritization; 1 cost-benefit; 7 planning;
            // 11 monitoring; 4 maturity questionnaires and Potenzialchecks; 7 inventory; 1 first step; 4 survey rounds and answers;
            // 2 newsletter; 1 strategy versions; 1 portal settings.
            #expect(templates.count == 77)
            for (method, template) in templates {
                // An existing item of the template's kind, so that only the body can be wrong.
                var params = parameters
                if let kind = StrategyElementKind.allCases.first(where: { template.hasPrefix($0.apiPath + "/") || template == $0.apiPath }) {
                    params["element"] = ids.id(of: kind)
                }
                let malformed = [Data("{\"title\":".utf8), Data("[1, 2".utf8), Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D])]
                for raw in malformed {
                    try await api.call(method, template, params, token: team, rawBody: raw, expect: .badRequest)
                }
                if let calls = CallAPIExercise.badBodies(template) {
                    let response = try await api.call(method, template, params, token: team, json: calls.wrongType, expect: .badRequest)
                    #expect(response.body.contains(calls.field))
                    try await api.call(method, template, params, token: team, json: calls.malformedID, expect: .badRequest)
                    try await api.call(method, template, params, token: team, rawBody: Data("<title>x</title>".utf8),
                                       headers: ["Content-Type": "application/xml"], expect: .unsupportedMediaType)
                    continue
                }
                if let project = Self.exerciseBadBodies.lazy.compactMap({ $0(template) }).first {
                    let response = try await api.call(method, template, params, token: team, json: project.wrongType, expect: .badRequest)
                    #expect(response.body.contains(project.field))
                    if let body = project.malformedID { try await api.call(method, template, params, token: team, json: body, expect: .badRequest) }
                    try await api.call(method, template, params, token: team, rawBody: Data("<title>x</title>".utf8),
                                       headers: ["Content-Type": "application/xml"], expect: .unsupportedMediaType)
                    continue
                }
                let isMembers = template.hasPrefix("/api/v1/members")
                let wrongType: [String: Any] = template.hasPrefix("/api/v1/departments") ? ["name": 5]
                    : template == "/api/v1/vision" ? ["vision": ["nested"]] : isMembers ? ["role": 5] : ["title": 5]
                let response = try await api.call(method, template, params, token: team, json: wrongType, expect: .badRequest)
                #expect(response.body.contains(template == "/api/v1/vision" ? "vision" : template.hasPrefix("/api/v1/departments") ? "name"
                                               : isMembers ? "role" : "title"))
                if template != "/api/v1/vision", !isMembers {
                    try await api.call(method, template, params, token: team, json: ["parentId": "kein-uuid"], expect: .badRequest)
                }
                try await api.call(method, template, params, token: team, rawBody: Data("<title>x</title>".utf8),
                                   headers: ["Content-Type": "application/xml"], expect: .unsupportedMediaType)
            }
            let huge = Data(("{\"title\":\"" + String(repeating: "x", count: 3 * 1024 * 1024) + "\"}").utf8)
            try await api.call(.POST, "/api/v1/principles", token: team, rawBody: huge, expect: .payloadTooLarge)
        }
    }

    @Test("readers and department leads get 403 with a problem document where they may not write or read the audit trail")
    func forbidden() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            let ids = try await DemoIDs.load(on: server)
            for token in [reader, lead] {
                try await api.call(.PUT, "/api/v1/vision", token: token, json: ["vision": "Übernommen"], expect: .forbidden)
                try await api.call(.GET, "/api/v1/audit-events", token: token, expect: .forbidden)
                try await api.call(.POST, "/api/v1/departments", token: token, json: ["code": "97", "name": "Neu", "level": "office"], expect: .forbidden)
                for template in ["/api/v1/departments/{department}/archive", "/api/v1/departments/{department}/restore"] {
                    try await api.call(.POST, template, ["department": ids.unit], token: token, expect: .forbidden)
                }
                try await api.call(.PATCH, "/api/v1/departments/{department}", ["department": ids.unit], token: token,
                                   json: ["name": "Übernommen"], expect: .forbidden)
                try await api.call(.POST, "/api/v1/members", token: token, json: ["email": Fixtures.rater, "role": "strategyTeam"], expect: .forbidden)
                try await api.call(.PATCH, "/api/v1/members/{user}", ["user": ids.member], token: token, json: ["role": "strategyTeam"], expect: .forbidden)
                try await api.call(.DELETE, "/api/v1/members/{user}", ["user": ids.member], token: token, expect: .forbidden)
                try await api.call(.DELETE, "/api/v1/invitations/{invitation}", ["invitation": UUID().uuidString], token: token, expect: .forbidden)
                try await api.call(.POST, "/api/v1/invitations/{invitation}/renew", ["invitation": UUID().uuidString], token: token, expect: .forbidden)
                for kind in StrategyElementKind.allCases {
                    try await api.call(.POST, kind.itemPath + "/archive", ["element": ids.id(of: kind)], token: token, expect: .forbidden)
                    try await api.call(.POST, kind.itemPath + "/restore", ["element": ids.id(of: kind)], token: token, expect: .forbidden)
                }
                for kind in [StrategyElementKind.principle, .fieldOfAction] {
                    try await api.call(.POST, kind.apiPath, token: token, json: ids.createBody(kind, title: "Übernommen"), expect: .forbidden)
                    try await api.call(.PATCH, kind.itemPath, ["element": ids.id(of: kind)], token: token, json: ["title": "Übernommen"], expect: .forbidden)
                }
            }
            for kind in StrategyElementKind.allCases {
                try await api.call(.GET, kind.itemPath + "/history", ["element": ids.id(of: kind)], token: reader, expect: .forbidden)
            }
            for kind in [StrategyElementKind.goal, .program] {
                try await api.call(.POST, kind.apiPath, token: reader, json: ids.createBody(kind, title: "Übernommen"), expect: .forbidden)
                try await api.call(.PATCH, kind.itemPath, ["element": ids.id(of: kind)], token: reader, json: ["title": "Übernommen"], expect: .forbidden)
            }
            let changed = try await StrategyElement.query(on: server.db).filter(\.$title == "Übernommen").count()
            #expect(changed == 0)
        }
    }
}

extension OpenAPIConformanceTests {
    /// An IT system and an administrative service of Musterstadt for the inventory templates (made here: the
    /// demo's inventory is off in tests).
    static func inventoryIDs(on server: TestServer) async throws -> [String: String] {
        let municipality = try await Fixtures.musterstadt(on: server)
        let municipalityID = try municipality.requireID()
        let system = ITSystemRecord(municipalityID: municipalityID)
        system.name = "Konformitätssystem"; system.nameKey = GermanFolding.matchKey(system.name)
        try await system.create(on: server.db)
        let service = AdministrativeServiceRecord(municipalityID: municipalityID)
        service.name = "Konformitätsleistung"; service.nameKey = GermanFolding.matchKey(service.name)
        try await service.create(on: server.db)
        return ["system": try system.requireID().uuidString, "service": try service.requireID().uuidString]
    }

    /// Bodies of the inventory writes with a field of the wrong JSON type, and the field the 400 must name.
    /// Each capability's wrong-type bodies for its write operations (nil: not its template). A list, not a `??`
    /// chain: the type checker gives up on a long chain of optionals.
    static let exerciseBadBodies: [@Sendable (String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)?] = [
        ProjectAPIExercise.badBodies, ImportAPIExercise.badBodies, PrioritizationAPIExercise.badBodies, CostBenefitAPIExercise.badBodies,
        PlanningAPIExercise.badBodies, MonitoringAPIExercise.badBodies, QuestionnaireAPIExercise.badBodies, SurveyAPIExercise.badBodies,
        inventoryBadBodies, NewsletterAPIExercise.badBodies, StrategyVersionAPIExercise.badBodies,
        PortalAPIExercise.badBodies,
    ]

    static func inventoryBadBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        switch template {
        case "/api/v1/inventory/systems", "/api/v1/inventory/systems/{system}",
             "/api/v1/inventory/services", "/api/v1/inventory/services/{service}":
            return (["name": 5], "name", nil)
        case "/api/v1/inventory/systems/import", "/api/v1/inventory/services/import":
            return (["csv": 5], "csv", nil)
        case "/api/v1/inventory/maturity-model":
            return (["key": 5], "key", nil)
        default:
            return nil
        }
    }
}
