import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("API behaviour")
struct APIBehaviourTests {
    /// The members of a JSON object without the named ones, for "everything else stayed the same".
    static func members(_ value: JSONValue, except excluded: Set<String>) -> [String: JSONValue] {
        (value.object ?? [:]).filter { !excluded.contains($0.key) }
    }

    /// The audit events of one item, oldest first, as (action, changes by field).
    static func trail(_ api: APIConformance, _ id: String, token: String) async throws -> [(action: String, changes: [String: (old: String?, new: String?)])] {
        let response = try await api.call(.GET, "/api/v1/audit-events", query: "entityId=\(id)", token: token, expect: .ok)
        let events = try response.value()["items"]?.array ?? []
        return events.reversed().map { event in
            var changes: [String: (old: String?, new: String?)] = [:]
            for change in event["changes"]?.array ?? [] {
                changes[change["field"]?.string ?? ""] = (change["old"]?.string, change["new"]?.string)
            }
            return (event["action"]?.string ?? "", changes)
        }
    }

    @Test("a goal: create, get, patch only what is sent, null clears, archive, restore, each step in the audit trail")
    func goalLifecycle() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await DemoIDs.load(on: server)

            let created = try await api.call(.POST, "/api/v1/goals", token: team, json: [
                "code": "Z9.1", "title": "Offene Daten", "description": "Daten der Stadt sind *offen*.",
                "targetStatement": "Bis 2028 sind 50 Datensätze offen verfügbar.", "targetYear": 2028,
                "parentId": ids.field, "responsibleDepartmentId": ids.unit,
            ], expect: .created)
            let goal = try created.value()
            let id = try #require(goal["id"]?.string)
            #expect(goal["kind"] == .string("goals"))
            #expect(goal["title"] == .string("Offene Daten"))
            #expect(goal["targetYear"] == .number(2028))
            #expect(goal["parentId"]?.string?.uppercased() == ids.field.uppercased())
            #expect(goal["archived"] == .bool(false))
            #expect(created.location == "/api/v1/goals/\(id)")

            let fetched = try await api.call(.GET, "/api/v1/goals/{element}", ["element": id], token: team, expect: .ok)
            #expect(try fetched.value() == goal)

            // Only the sent field changes.
            let renamed = try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": id], token: team,
                                             json: ["title": "Offene Daten für alle"], expect: .ok)
            #expect(try renamed.value()["title"] == .string("Offene Daten für alle"))
            #expect(Self.members(try renamed.value(), except: ["title", "updatedAt"]) == Self.members(goal, except: ["title", "updatedAt"]))

            // null clears optional fields; the others stay.
            let cleared = try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": id], token: team, json: [
                "code": NSNull(), "description": NSNull(), "targetYear": NSNull(), "responsibleDepartmentId": NSNull(),
            ], expect: .ok)
            let afterClear = try await api.call(.GET, "/api/v1/goals/{element}", ["element": id], token: team, expect: .ok)
            for value in [try cleared.value(), try afterClear.value()] {
                for field in ["code", "description", "targetYear", "responsibleDepartmentId"] {
                    #expect(value[field] == nil || value[field] == .null, "\(field) not cleared")
                }
                #expect(value["title"] == .string("Offene Daten für alle"))
                #expect(value["targetStatement"] == goal["targetStatement"])
                #expect(value["parentId"] == goal["parentId"])
            }
            let stored = try #require(try await StrategyElement.find(UUID(uuidString: id), on: server.db))
            #expect(stored.code == nil && stored.description == nil && stored.targetYear == nil && stored.$responsibleDepartment.id == nil)

            // A required field cannot be cleared, and nothing changes when it is tried.
            let refused = try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": id], token: team,
                                             json: ["targetStatement": NSNull(), "title": "Wird nicht gespeichert"], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(refused) == ["targetStatement"])
            // An empty patch and a patch with the same value change nothing and record nothing.
            try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": id], token: team, json: [String: Any](), expect: .ok)
            try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": id], token: team, json: ["title": "Offene Daten für alle"], expect: .ok)

            // Archive: gone from the list, still there with includeArchived and by id; twice is once.
            let archived = try await api.call(.POST, "/api/v1/goals/{element}/archive", ["element": id], token: team, expect: .ok)
            #expect(try archived.value()["archived"] == .bool(true))
            try await api.call(.POST, "/api/v1/goals/{element}/archive", ["element": id], token: team, expect: .ok)
            func listed(_ query: String) async throws -> Bool {
                let list = try await api.call(.GET, "/api/v1/goals", query: query, token: team, expect: .ok)
                return try list.value()["items"]?.array?.contains { $0["id"] == .string(id) } ?? false
            }
            #expect(try await listed("") == false)
            #expect(try await listed("includeArchived=true"))
            let stillThere = try await api.call(.GET, "/api/v1/goals/{element}", ["element": id], token: team, expect: .ok)
            #expect(try stillThere.value()["archived"] == .bool(true))

            let restored = try await api.call(.POST, "/api/v1/goals/{element}/restore", ["element": id], token: team, expect: .ok)
            #expect(try restored.value()["archived"] == .bool(false))
            #expect(try await listed(""))

            // The audit trail: who changed which field from what to what.
            let trail = try await Self.trail(api, id, token: team)
            #expect(trail.map(\.action) == ["create", "update", "update", "archive", "restore"])
            #expect(trail[0].changes["title"]?.new == "Offene Daten")
            #expect(trail[0].changes["title"]?.old == nil)
            #expect(trail[0].changes["targetYear"]?.new == "2028")
            #expect(trail[1].changes.count == 1)
            #expect(trail[1].changes["title"]?.old == "Offene Daten")
            #expect(trail[1].changes["title"]?.new == "Offene Daten für alle")
            #expect(Set(trail[2].changes.keys) == ["code", "description", "targetYear", "responsibleDepartmentID"])
            #expect(trail[2].changes["code"]?.old == "Z9.1")
            #expect(trail[2].changes["code"]?.new == nil)
            #expect(trail[2].changes["targetYear"]?.old == "2028")
            #expect(trail[2].changes["responsibleDepartmentID"]?.old?.uppercased() == ids.unit.uppercased())
            #expect(trail[3].changes.isEmpty && trail[4].changes.isEmpty)

            let events = try await api.call(.GET, "/api/v1/audit-events", query: "entityId=\(id)", token: team, expect: .ok)
            for event in try events.value()["items"]?.array ?? [] {
                #expect(event["actor"]?.string?.contains(Fixtures.strategyTeam) == true)
                #expect(event["entityType"] == .string("goal"))
            }
            // The item's own history shows the same events.
            let history = try await api.call(.GET, "/api/v1/goals/{element}/history", ["element": id], token: team, expect: .ok)
            #expect(try history.value() == events.value())
            let limited = try await api.call(.GET, "/api/v1/audit-events", query: "entityId=\(id)&limit=2", token: team, expect: .ok)
            #expect(try limited.value()["items"]?.array?.count == 2)
        }
    }

    @Test("an organisational unit: create, get, patch only what is sent, null clears head and parent, archive, restore, audit trail")
    func departmentLifecycle() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await DemoIDs.load(on: server)

            let created = try await api.call(.POST, "/api/v1/departments", token: team, json: [
                "code": "99.1", "name": "Stabsstelle Digitales", "level": "section", "parentId": ids.unit, "headName": "Dr. Eva Brandt",
            ], expect: .created)
            let unit = try created.value()
            let id = try #require(unit["id"]?.string)
            #expect(created.location == "/api/v1/departments/\(id)")
            #expect(unit["headName"] == .string("Dr. Eva Brandt"))
            let fetched = try await api.call(.GET, "/api/v1/departments/{department}", ["department": id], token: team, expect: .ok)
            #expect(try fetched.value() == unit)

            let renamed = try await api.call(.PATCH, "/api/v1/departments/{department}", ["department": id], token: team,
                                             json: ["name": "Stabsstelle Digitalisierung"], expect: .ok)
            #expect(try renamed.value()["name"] == .string("Stabsstelle Digitalisierung"))
            #expect(Self.members(try renamed.value(), except: ["name"]) == Self.members(unit, except: ["name"]))

            let cleared = try await api.call(.PATCH, "/api/v1/departments/{department}", ["department": id], token: team,
                                             json: ["headName": NSNull(), "parentId": NSNull()], expect: .ok)
            let afterClear = try await api.call(.GET, "/api/v1/departments/{department}", ["department": id], token: team, expect: .ok)
            for value in [try cleared.value(), try afterClear.value()] {
                #expect(value["headName"] == nil || value["headName"] == .null, "headName not cleared")
                #expect(value["parentId"] == nil || value["parentId"] == .null, "parentId not cleared")
                #expect(value["name"] == .string("Stabsstelle Digitalisierung"))
                #expect(value["code"] == .string("99.1") && value["level"] == .string("section"))
            }

            try await api.call(.POST, "/api/v1/departments/{department}/archive", ["department": id], token: team, expect: .ok)
            func listed(_ query: String) async throws -> Bool {
                let list = try await api.call(.GET, "/api/v1/departments", query: query, token: team, expect: .ok)
                return try list.value()["items"]?.array?.contains { $0["id"] == .string(id) } ?? false
            }
            #expect(try await listed("") == false)
            #expect(try await listed("includeArchived=true"))
            let restored = try await api.call(.POST, "/api/v1/departments/{department}/restore", ["department": id], token: team, expect: .ok)
            #expect(try restored.value()["archived"] == .bool(false))
            #expect(try await listed(""))

            let trail = try await Self.trail(api, id, token: team)
            #expect(trail.map(\.action) == ["create", "update", "update", "archive", "restore"])
            #expect(trail[0].changes["headName"]?.new == "Dr. Eva Brandt")
            #expect(trail[1].changes.count == 1)
            #expect(trail[1].changes["name"]?.old == "Stabsstelle Digitales")
            #expect(trail[1].changes["name"]?.new == "Stabsstelle Digitalisierung")
            #expect(Set(trail[2].changes.keys) == ["headName", "parentID"])
            #expect(trail[2].changes["headName"]?.old == "Dr. Eva Brandt")
            #expect(trail[2].changes["headName"]?.new == nil)
            #expect(trail[2].changes["parentID"]?.old?.uppercased() == ids.unit.uppercased())
        }
    }

    @Test("a revoked token, or the token of a disabled account, gets 401 and changes nothing")
    func revokedToken() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await api.call(.GET, "/api/v1/me", token: token, expect: .ok)

            let stored = try #require(try await APIToken.query(on: server.db).filter(\.$tokenHash == Secrets.sha256(token)).first())
            stored.revokedAt = Date()
            try await stored.save(on: server.db)
            try await api.call(.GET, "/api/v1/me", token: token, expect: .unauthorized)
            try await api.call(.GET, "/api/v1/goals", token: token, expect: .unauthorized)
            try await api.call(.POST, "/api/v1/principles", token: token, json: ["title": "Nach dem Widerruf"], expect: .unauthorized)
            #expect(try await StrategyElement.query(on: server.db).filter(\.$title == "Nach dem Widerruf").count() == 0)

            let other = try await Fixtures.token(for: Fixtures.reader, on: server)
            try await api.call(.GET, "/api/v1/me", token: other, expect: .ok)
            let user = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.reader).first())
            user.disabledAt = Date()
            try await user.save(on: server.db)
            try await api.call(.GET, "/api/v1/me", token: other, expect: .unauthorized)
        }
    }

    @Test("a reader's token reads the strategy but gets 403 on every write and on histories, and nothing changes")
    func readerCannotWrite() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let ids = try await DemoIDs.load(on: server)
            let me = try await api.call(.GET, "/api/v1/me", token: reader, expect: .ok)
            #expect(try me.value()["role"] == .string("reader"))

            func snapshot() async throws -> [String] {
                let elements = try await StrategyElement.query(on: server.db).sort(\.$id).all()
                    .map { "\($0.id!) \($0.title) \($0.description ?? "") \($0.archivedAt == nil)" }
                let units = try await Department.query(on: server.db).sort(\.$id).all()
                    .map { "\($0.id!) \($0.name) \($0.headName ?? "") \($0.archivedAt == nil)" }
                let municipality = try await Fixtures.musterstadt(on: server)
                return elements + units + [municipality.visionTitle, municipality.vision, "\(try await AuditEvent.query(on: server.db).count())"]
            }
            let before = try await snapshot()

            for kind in StrategyElementKind.allCases {
                try await api.call(.GET, kind.apiPath, token: reader, expect: .ok)
                try await api.call(.GET, kind.itemPath, ["element": ids.id(of: kind)], token: reader, expect: .ok)
                try await api.call(.GET, kind.itemPath + "/history", ["element": ids.id(of: kind)], token: reader, expect: .forbidden)
                let refused = try await api.call(.POST, kind.apiPath, token: reader, json: ids.createBody(kind, title: "Vom Leser"), expect: .forbidden)
                #expect(try refused.value()["status"] == .number(403))
                try await api.call(.PATCH, kind.itemPath, ["element": ids.id(of: kind)], token: reader,
                                   json: ["title": "Vom Leser", "description": NSNull()], expect: .forbidden)
                try await api.call(.POST, kind.itemPath + "/archive", ["element": ids.id(of: kind)], token: reader, expect: .forbidden)
            }
            try await api.call(.GET, "/api/v1/departments", token: reader, expect: .ok)
            try await api.call(.POST, "/api/v1/departments", token: reader, json: ["code": "96", "name": "Vom Leser", "level": "office"], expect: .forbidden)
            try await api.call(.PATCH, "/api/v1/departments/{department}", ["department": ids.unit], token: reader,
                               json: ["headName": NSNull()], expect: .forbidden)
            try await api.call(.POST, "/api/v1/departments/{department}/archive", ["department": ids.unit], token: reader, expect: .forbidden)
            try await api.call(.PUT, "/api/v1/vision", token: reader, json: ["vision": "Vom Leser"], expect: .forbidden)
            try await api.call(.GET, "/api/v1/audit-events", token: reader, expect: .forbidden)

            #expect(try await snapshot() == before)
        }
    }

    @Test("a department lead edits the goals of their own unit only and cannot hand them to another unit")
    func departmentLead() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            let ids = try await DemoIDs.load(on: server)
            let user = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.departmentLead).first())
            let membership = try #require(try await Membership.query(on: server.db).filter(\.$user.$id == user.requireID()).first())
            let own = try #require(membership.$department.id).uuidString
            let foreign = try #require(try await Department.query(on: server.db).filter(\.$id != UUID(uuidString: own)!)
                .filter(\.$parent.$id == nil).first()).requireID().uuidString

            func goal(_ unit: String, by token: String, expect status: HTTPResponseStatus) async throws -> String? {
                let response = try await api.call(.POST, "/api/v1/goals", token: token, json: [
                    "title": "Ziel der Einheit", "targetStatement": "Bis 2027 erreicht.", "parentId": ids.field, "responsibleDepartmentId": unit,
                ], expect: status)
                return try response.value()["id"]?.string
            }
            let ownGoal = try #require(try await goal(own, by: lead, expect: .created))
            _ = try await goal(foreign, by: lead, expect: .forbidden)
            let foreignGoal = try #require(try await goal(foreign, by: team, expect: .created))

            try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": ownGoal], token: lead, json: ["title": "Geändert von der Leitung"], expect: .ok)
            try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": foreignGoal], token: lead, json: ["title": "Übernommen"], expect: .forbidden)
            let handOver = try await api.call(.PATCH, "/api/v1/goals/{element}", ["element": ownGoal], token: lead,
                                              json: ["responsibleDepartmentId": foreign], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(handOver) == ["responsibleDepartmentId"])
            try await api.call(.POST, "/api/v1/goals/{element}/archive", ["element": ownGoal], token: lead, expect: .forbidden)
            try await api.call(.GET, "/api/v1/goals/{element}/history", ["element": ownGoal], token: lead, expect: .ok)
            try await api.call(.GET, "/api/v1/goals/{element}/history", ["element": foreignGoal], token: lead, expect: .forbidden)

            let stored = try #require(try await StrategyElement.find(UUID(uuidString: ownGoal), on: server.db))
            #expect(stored.title == "Geändert von der Leitung")
            #expect(stored.$responsibleDepartment.id?.uuidString == own.uppercased())
        }
    }

    @Test("a 422 problem document names the field, in German by default and in English on request")
    func problemNamesTheField() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let german = try await api.call(.POST, "/api/v1/principles", token: team, json: ["title": ""], expect: .unprocessableEntity)
            #expect(german.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
            let problem = try german.value()
            #expect(problem["status"] == .number(422))
            #expect(problem["instance"] == .string("/api/v1/principles"))
            #expect(problem["type"] == .string("about:blank"))
            #expect(problem["title"] == .string("Unprocessable Entity"))
            #expect(problem["errors"]?.array?.count == 1)
            #expect(problem["errors"]?.array?.first?["field"] == .string("title"))
            #expect(problem["errors"]?.array?.first?["problem"]?.string?.isEmpty == false)

            let english = try await api.call(.POST, "/api/v1/principles", token: team, json: ["title": ""],
                                             headers: ["Accept-Language": "en"], expect: .unprocessableEntity)
            let translated = try english.value()
            #expect(translated["errors"]?.array?.first?["field"] == .string("title"))
            #expect(translated["detail"] != problem["detail"])
            #expect(translated["errors"]?.array?.first?["problem"] != problem["errors"]?.array?.first?["problem"])
        }
    }

    @Test("a token sees only its own municipality, and cannot reach into another one by reference")
    func tenantIsolation() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let theirs = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let ours = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await DemoIDs.load(on: server)
            let marker = Fixtures.OtherMunicipality.marker

            let me = try await api.call(.GET, "/api/v1/me", token: theirs, expect: .ok)
            #expect(try me.value()["municipality"] == .string("nachbarstadt"))
            for kind in StrategyElementKind.allCases {
                let their = try await api.call(.GET, kind.apiPath, query: "includeArchived=true", token: theirs, expect: .ok)
                let items = try their.value()["items"]?.array ?? []
                #expect(items.count == 1)
                #expect(items.allSatisfy { $0["title"]?.string?.contains(marker) == true })
                let our = try await api.call(.GET, kind.apiPath, query: "includeArchived=true", token: ours, expect: .ok)
                #expect(!our.body.contains(marker))
                try await api.call(.GET, kind.itemPath, ["element": ids.id(of: kind)], token: theirs, expect: .notFound)
            }
            let units = try await api.call(.GET, "/api/v1/departments", token: theirs, expect: .ok)
            #expect(try units.value()["items"]?.array?.count == 1)
            let trail = try await api.call(.GET, "/api/v1/audit-events", query: "limit=1000", token: ours, expect: .ok)
            #expect(!trail.body.contains(marker))

            // References into the other municipality are refused as unknown, and nothing changes.
            let refused = try await api.call(.PATCH, "/api/v1/programs/{element}", ["element": ids.program], token: ours,
                                             json: ["parentId": other.goalID.uuidString], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(refused) == ["parentId"])
            let moved = try await api.call(.PATCH, "/api/v1/departments/{department}", ["department": ids.unit], token: ours,
                                           json: ["parentId": other.departmentID.uuidString], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(moved) == ["parentId"])
            let program = try #require(try await StrategyElement.find(UUID(uuidString: ids.program), on: server.db))
            #expect(program.$parent.id != other.goalID)
        }
    }
}
