import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The project portfolio over JSON: profiles, PATCH semantics, status workflow, archive, merge, history and
/// validation. Every answer is also checked against openapi.json (`APIConformance`).
@Suite("Project portfolio over the API")
struct ProjectAPITests {
    typealias E = ProjectAPIExercise

    static func fields(_ response: TestResponse) throws -> [String] { try OpenAPIConformanceTests.fields(response) }
    static func problems(_ response: TestResponse) throws -> String {
        (try response.value()["errors"]?.array ?? []).compactMap { $0["problem"]?.string }.joined(separator: " | ")
    }
    static func strings(_ value: JSONValue?) -> [String] { value?.array?.compactMap(\.string) ?? [] }

    @Test("create, read back every field, PATCH only what is sent, and null clears")
    func createReadPatch() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let body = E.profile(title: "Online-Antrag Führungszeugnis", unit: ids.unit, extra: [
                "strategyElementIds": [ids.goal], "dependencyIds": [ids.project], "legalObligation": true,
                "legalReference": "OZG", "legalDeadline": "2027-06-30", "responsiblePerson": "Petra Lang",
            ])
            let created = try await api.call(.POST, E.collection, token: team, json: body, expect: .created)
            let id = try #require(try created.value()["id"]?.string)
            let read = try await api.call(.GET, E.item, ["project": id], token: team, expect: .ok).value()
            #expect(read["code"] == .string("P-0046"))
            #expect(read["status"] == .string("idea"))
            #expect(read["kind"] == .string("onlineService"))
            #expect(read["legalObligation"] == .bool(true) && read["legalDeadline"] == .string("2027-06-30"))
            #expect(Self.strings(read["beneficiaries"]) == ["citizens"])
            #expect(read["hoursSavedPerYear"] == .number(1200))
            #expect(read["endOn"] == .string("2027-12-31"))
            #expect(Self.strings(read["tags"]) == ["OZG", "Online"])
            #expect(Self.strings(read["strategyElementIds"]).map { $0.uppercased() } == [ids.goal.uppercased()])
            #expect(Self.strings(read["dependencyIds"]).map { $0.uppercased() } == [ids.project.uppercased()])
            #expect(read["costs"]?.array?.first?["oneOffCents"] == .number(1_250_050))
            #expect(read["costs"]?.array?.first?["runningCents"] == .number(100_000))
            #expect(read["effort"]?.array?.first?["fteHundredths"] == .number(50))
            #expect(read["totals"]?["oneOffCents"] == .number(1_250_050) && read["totals"]?["fteHundredths"] == .number(50))
            #expect(read["statusHistory"]?.array?.map { $0["to"] } == [.string("idea")])
            // The dependency knows its new dependent.
            let basic = try await api.call(.GET, E.item, ["project": ids.project], token: team, expect: .ok).value()
            #expect(Self.strings(basic["dependentIds"]).map { $0.uppercased() }.contains(id.uppercased()))

            // Only the fields sent change; null clears; an amount that cannot be typed in the form survives exactly.
            let patched = try await api.call(.PATCH, E.item, ["project": id], token: team, json: [
                "title": "Führungszeugnis online beantragen", "summary": NSNull(), "legalDeadline": NSNull(),
                "costs": [["year": 2028, "oneOffCents": 1, "runningCents": 99_999_999_99]],
            ], expect: .ok).value()
            #expect(patched["title"] == .string("Führungszeugnis online beantragen"))
            #expect(patched["summary"] == nil && patched["legalDeadline"] == nil)
            #expect(patched["costs"]?.array?.first?["oneOffCents"] == .number(1))
            #expect(patched["costs"]?.array?.first?["runningCents"] == .number(99_999_999_99))
            for key in ["code", "departmentId", "kind", "legalObligation", "legalReference", "beneficiaries", "hoursSavedPerYear", "startOn",
                        "endOn", "tags", "strategyElementIds", "dependencyIds", "effort", "responsiblePerson", "status"] {
                #expect(patched[key] == read[key], "\(key) changed by a PATCH that did not send it")
            }
            // Lists: null empties them; code null keeps the code.
            let cleared = try await api.call(.PATCH, E.item, ["project": id], token: team, json: [
                "tags": NSNull(), "costs": NSNull(), "effort": NSNull(), "dependencyIds": NSNull(), "code": NSNull(),
            ], expect: .ok).value()
            #expect(cleared["tags"] == .array([]) && cleared["costs"] == .array([]) && cleared["effort"] == .array([]))
            #expect(cleared["dependencyIds"] == .array([]) && cleared["code"] == .string("P-0046"))
            #expect(cleared["totals"]?["oneOffCents"] == .number(0) && cleared["totals"]?["fteHundredths"] == .number(0))

            // An empty PATCH changes nothing and records nothing.
            let projectID = try #require(UUID(uuidString: id))
            let eventsBefore = try await AuditEvent.query(on: server.db).filter(\.$entityID == projectID).count()
            try await api.call(.PATCH, E.item, ["project": id], token: team, json: [String: Any](), expect: .ok)
            let eventsAfter = try await AuditEvent.query(on: server.db).filter(\.$entityID == projectID).count()
            #expect(eventsAfter == eventsBefore)
            #expect(eventsBefore == 3)
        }
    }

    @Test("the status workflow: allowed steps, refused jumps naming both statuses, reasons, and department leads only for their units")
    func statusWorkflow() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            let ids = try await E.IDs.load(on: server)
            let foreign = try #require(try await api.call(.POST, E.collection, token: team, json: E.profile(title: "Schulportal", unit: ids.otherUnit),
                                                          expect: .created).value()["id"]?.string)
            let status = E.item + "/status"
            // Leads of unit 33 may not submit unit 51's idea, even though the step itself is allowed.
            try await api.call(.POST, status, ["project": foreign], token: lead, json: ["status": "submitted"], expect: .forbidden)
            try await api.call(.PATCH, E.item, ["project": foreign], token: lead, json: ["title": "Übernommen"], expect: .forbidden)

            let jump = try await api.call(.POST, status, ["project": foreign], token: team, json: ["status": "approved"], expect: .unprocessableEntity)
            #expect(try Self.fields(jump) == ["status"])
            #expect(try Self.problems(jump).contains("Idee") && (try Self.problems(jump)).contains("Beschlossen"))
            let english = try await api.call(.POST, status, ["project": foreign], query: "lang=en", token: team, json: ["status": "approved"],
                                             expect: .unprocessableEntity)
            #expect(try Self.problems(english).contains("Idea") && (try Self.problems(english)).contains("Approved"))
            let unknown = try await api.call(.POST, status, ["project": foreign], token: team, json: ["status": "done"], expect: .unprocessableEntity)
            #expect(try Self.fields(unknown) == ["status"])
            try await api.call(.POST, status, ["project": foreign], token: team, json: [String: Any](), expect: .unprocessableEntity)

            let submitted = try await api.call(.POST, status, ["project": foreign], token: team, json: ["status": "submitted"], expect: .ok).value()
            #expect(submitted["status"] == .string("submitted"))
            for target in ["deferred", "cancelled"] {
                let noReason = try await api.call(.POST, status, ["project": foreign], token: team, json: ["status": target, "reason": "  "],
                                                  expect: .unprocessableEntity)
                #expect(try Self.fields(noReason) == ["reason"])
            }
            let deferred = try await api.call(.POST, status, ["project": foreign], token: team,
                                              json: ["status": "deferred", "reason": "Haushaltssperre 2027"], expect: .ok).value()
            let history = deferred["statusHistory"]?.array ?? []
            #expect(history.map { $0["to"] } == [.string("idea"), .string("submitted"), .string("deferred")])
            #expect(history.last?["from"] == .string("submitted") && history.last?["reason"] == .string("Haushaltssperre 2027"))

            // The lead submits an idea of the own unit, and may not approve it.
            let own = try #require(try await api.call(.POST, E.collection, token: lead, json: E.profile(title: "Bürgeramt-Chat", unit: ids.unit),
                                                      expect: .created).value()["id"]?.string)
            try await api.call(.POST, status, ["project": own], token: lead, json: ["status": "submitted"], expect: .ok)
            try await api.call(.POST, status, ["project": own], token: lead, json: ["status": "inReview"], expect: .forbidden)
            try await api.call(.POST, status, ["project": own], token: team, json: ["status": "inReview"], expect: .ok)
            // A lead cannot create a profile for another unit.
            try await api.call(.POST, E.collection, token: lead, json: E.profile(title: "Fremd", unit: ids.otherUnit), expect: .forbidden)
        }
    }

    @Test("archive and restore: gone from the list, back with includeArchived, read-only while archived")
    func archiveAndRestore() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let id = try #require(try await api.call(.POST, E.collection, token: team, json: E.profile(title: "Archivtest Zebrastreifen", unit: ids.unit),
                                                     expect: .created).value()["id"]?.string)
            let archived = try await api.call(.POST, E.item + "/archive", ["project": id], token: team, expect: .ok).value()
            #expect(archived["archived"] == .bool(true))
            try await api.call(.POST, E.item + "/archive", ["project": id], token: team, expect: .ok)
            let hidden = try await api.call(.GET, E.collection, query: "q=zebrastreifen", token: team, expect: .ok).value()
            #expect(hidden["total"] == .number(0))
            let shown = try await api.call(.GET, E.collection, query: "q=zebrastreifen&includeArchived=true", token: team, expect: .ok).value()
            #expect(shown["total"] == .number(1) && shown["items"]?.array?.first?["archived"] == .bool(true))
            try await api.call(.PATCH, E.item, ["project": id], token: team, json: ["title": "Geändert"], expect: .forbidden)
            try await api.call(.POST, E.item + "/status", ["project": id], token: team, json: ["status": "submitted"], expect: .forbidden)
            let restored = try await api.call(.POST, E.item + "/restore", ["project": id], token: team, expect: .ok).value()
            #expect(restored["archived"] == .bool(false))
            try await api.call(.PATCH, E.item, ["project": id], token: team, json: ["title": "Zebrastreifen digital"], expect: .ok)
            let actions = try await AuditEvent.query(on: server.db).filter(\.$entityID == UUID(uuidString: id)!).sort(\.$occurredAt).all().map(\.action)
            #expect(actions == ["create", "archive", "restore", "update"])
        }
    }

    @Test("merge: links, tags and dependencies unioned, dependents repointed, absorbed archived with mergedIntoId, both histories visible")
    func merge() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let firstDependency = try await PortfolioFixtures.project("P-0001", on: server).requireID().uuidString
            let field = try await PortfolioFixtures.element("HF1", on: server).requireID().uuidString
            func create(_ title: String, _ extra: [String: Any]) async throws -> String {
                try #require(try await api.call(.POST, E.collection, token: team, json: ["title": title, "departmentId": ids.unit].merging(extra) { $1 },
                                                expect: .created).value()["id"]?.string)
            }
            let absorbed = try await create("Digitale Sitzungsmappe", ["tags": ["Gremien", "Tablet"], "beneficiaries": ["staff"],
                                                                       "strategyElementIds": [ids.goal], "dependencyIds": [firstDependency]])
            let survivor = try await create("Ratsinformationssystem mobil", ["tags": ["tablet", "Rat"], "strategyElementIds": [field],
                                                                            "dependencyIds": [ids.project]])
            let dependent = try await create("Papierlose Gremienarbeit", ["dependencyIds": [absorbed]])

            let merge = E.item + "/merge"
            let toItself = try await api.call(.POST, merge, ["project": absorbed], token: team, json: ["targetId": absorbed], expect: .unprocessableEntity)
            #expect(try Self.fields(toItself) == ["targetId"])
            let unknown = try await api.call(.POST, merge, ["project": absorbed], token: team, json: ["targetId": UUID().uuidString], expect: .unprocessableEntity)
            #expect(try Self.fields(unknown) == ["targetId"])
            let missing = try await api.call(.POST, merge, ["project": absorbed], token: team, json: ["note": "x"], expect: .unprocessableEntity)
            #expect(try Self.fields(missing) == ["targetId"])

            let merged = try await api.call(.POST, merge, ["project": absorbed], token: team,
                                            json: ["targetId": survivor, "note": "Zwei Ämter, ein Vorhaben"], expect: .ok).value()
            #expect(merged["id"]?.string?.uppercased() == survivor.uppercased())
            #expect(Self.strings(merged["tags"]) == ["tablet", "Rat", "Gremien"])
            #expect(Self.strings(merged["beneficiaries"]) == ["staff"])
            #expect(Set(Self.strings(merged["strategyElementIds"]).map { $0.uppercased() }) == Set([field, ids.goal].map { $0.uppercased() }))
            #expect(Set(Self.strings(merged["dependencyIds"]).map { $0.uppercased() }) == Set([ids.project, firstDependency].map { $0.uppercased() }))
            #expect(Self.strings(merged["dependentIds"]).map { $0.uppercased() } == [dependent.uppercased()])
            #expect(Self.strings(merged["mergedFromIds"]).map { $0.uppercased() } == [absorbed.uppercased()])

            let gone = try await api.call(.GET, E.item, ["project": absorbed], token: team, expect: .ok).value()
            #expect(gone["archived"] == .bool(true) && gone["mergedIntoId"]?.string?.uppercased() == survivor.uppercased())
            #expect(gone["statusHistory"]?.array?.last?["reason"]?.string?.contains("Zwei Ämter, ein Vorhaben") == true)
            let repointed = try await api.call(.GET, E.item, ["project": dependent], token: team, expect: .ok).value()
            #expect(Self.strings(repointed["dependencyIds"]).map { $0.uppercased() } == [survivor.uppercased()])
            let restore = try await api.call(.POST, E.item + "/restore", ["project": absorbed], token: team, expect: .conflict)
            #expect(try restore.value()["detail"]?.string?.isEmpty == false)

            // The survivor's history shows both projects' events; the absorbed one keeps its own.
            let history = try await api.call(.GET, E.item + "/history", ["project": survivor], token: team, expect: .ok).value()
            let events = history["items"]?.array ?? []
            let subjects = Set(events.compactMap { $0["entityId"]?.string?.uppercased() })
            #expect(subjects == Set([survivor, absorbed].map { $0.uppercased() }))
            #expect(events.filter { $0["action"] == .string("merge") }.count == 2)
            #expect(events.filter { $0["action"] == .string("create") }.count == 2)
            let own = try await api.call(.GET, E.item + "/history", ["project": absorbed], token: team, expect: .ok).value()
            #expect(own["items"]?.array?.map { $0["action"] } == [.string("merge"), .string("create")])
            // Merging an archived project again is refused.
            try await api.call(.POST, merge, ["project": absorbed], token: team, json: ["targetId": survivor], expect: .unprocessableEntity)
        }
    }

    @Test("invalid profiles are 422, every problem named as the API names the field, and nothing is stored")
    func validation() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let base = E.profile(title: "Gültig", unit: ids.unit)
            func with(_ change: [String: Any]) -> [String: Any] { base.merging(change) { $1 } }
            let cases: [([String: Any], [String])] = [
                ([:], ["title", "departmentId"]),
                (with(["title": "   "]), ["title"]),
                (with(["costs": [["year": 2027, "oneOffCents": -100, "runningCents": 0], ["year": 2028, "runningCents": -1]]]),
                 ["costs[0].oneOffCents", "costs[1].runningCents"]),
                (with(["costs": [["oneOffCents": 100]]]), ["costs[0].year"]),
                (with(["startOn": "2027-06-01", "endOn": "2027-05-31"]), ["endOn"]),
                (with(["startOn": "31.02.2027"]), ["startOn"]),
                (with(["effort": [["departmentId": ids.unit, "year": 2027, "fteHundredths": 6000],
                                  ["departmentId": ids.otherUnit, "year": 2027, "fteHundredths": 4001]]]), ["effort"]),
                (with(["effort": [["departmentId": ids.unit, "year": 2027, "fteHundredths": 10001]]]), ["effort[0].fteHundredths"]),
                (with(["departmentId": UUID().uuidString]), ["departmentId"]),
                (with(["departmentId": other.departmentID.uuidString]), ["departmentId"]),
                (with(["strategyElementIds": [UUID().uuidString]]), ["strategyElementIds"]),
                (with(["strategyElementIds": [other.goalID.uuidString]]), ["strategyElementIds"]),
                (with(["dependencyIds": [UUID().uuidString]]), ["dependencyIds"]),
                (with(["kind": "Raumfahrt"]), ["kind"]),
                (with(["beneficiaries": ["aliens"]]), ["beneficiaries"]),
                (with(["legalObligation": true]), ["legalReference"]),
                (with(["code": "P-0001"]), ["code"]),
                (with(["callId": UUID().uuidString]), ["callId"]),
            ]
            let before = try await PortfolioFixtures.projectCount(on: server)
            let eventsBefore = try await AuditEvent.query(on: server.db).count()
            for (body, expected) in cases {
                let response = try await api.call(.POST, E.collection, token: team, json: body, expect: .unprocessableEntity)
                #expect(try Self.fields(response) == expected, "\(body)")
            }
            let patch = try await api.call(.PATCH, E.item, ["project": ids.project], token: team, json: ["title": NSNull(), "departmentId": NSNull()],
                                           expect: .unprocessableEntity)
            #expect(try Self.fields(patch) == ["title", "departmentId"])

            // A circle: P-0004 is needed by a project that P-0004 is now said to need.
            let dependent = try #require(try await api.call(.GET, E.item, ["project": ids.project], token: team, expect: .ok)
                .value()["dependentIds"]?.array?.first?.string)
            let dependentCode = try #require(try await api.call(.GET, E.item, ["project": dependent], token: team, expect: .ok).value()["code"]?.string)
            let cycle = try await api.call(.PATCH, E.item, ["project": ids.project], token: team, json: ["dependencyIds": [dependent]],
                                           expect: .unprocessableEntity)
            #expect(try Self.fields(cycle) == ["dependencyIds"])
            #expect(try Self.problems(cycle).contains("P-0004") && (try Self.problems(cycle)).contains(dependentCode))

            let after = try await PortfolioFixtures.projectCount(on: server)
            let eventsAfter = try await AuditEvent.query(on: server.db).count()
            #expect(after == before)
            #expect(eventsAfter == eventsBefore, "a refused change was recorded")
        }
    }
}
