import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Calls for projects over the API")
struct CallAPITests {
    @Test("round trip: create (offices by default), read with board, change, complete as lead and team, close, reopen, archive, restore")
    func roundTrip() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            let (own, social) = (try await CallFixtures.unitID("33", on: server).uuidString, try await CallFixtures.unitID("50", on: server).uuidString)

            let created = try await api.call(.POST, CallAPIExercise.collection, token: team,
                                             json: ["title": "Projektabfrage 2029", "opensOn": "02.01.2026", "deadline": "2099-06-30"], expect: .created)
            let id = try #require(try created.value()["id"]?.string)
            let call = try created.value()
            #expect(call["opensOn"] == .string("2026-01-02"))
            #expect(call["phase"] == .string("open"))
            let offices = try await CallFixtures.officeIDs(on: server)
            #expect(call["board"]?["totals"]?["asked"] == .number(Double(offices.count)))
            #expect(call["board"]?["totals"]?["missing"] == .number(Double(offices.count)))

            let changed = try await api.call(.PATCH, CallAPIExercise.item, ["call": id], token: team,
                                             json: ["title": "Projektabfrage 2029 (kurz)", "departmentIds": [own, social]], expect: .ok)
            #expect(try changed.value()["title"] == .string("Projektabfrage 2029 (kurz)"))
            #expect(try changed.value()["board"]?["units"]?.array?.compactMap { $0["code"]?.string } == ["33", "50"])

            let declared = try await api.call(.POST, CallAPIExercise.item + "/complete", ["call": id], token: lead,
                                              json: ["departmentId": own, "note": "Nichts weiter."], expect: .ok)
            let ownRow = try declared.value()["board"]?["units"]?.array?.first
            #expect(ownRow?["state"] == .string("complete") && ownRow?["completedBy"] == .string("Markus Weißenborn"))
            let foreign = try await api.call(.POST, CallAPIExercise.item + "/complete", ["call": id], token: lead, json: ["departmentId": social], expect: .forbidden)
            #expect(foreign.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
            try await api.call(.POST, CallAPIExercise.item + "/complete", ["call": id], token: team, json: ["departmentId": social], expect: .ok)
            let withdrawn = try await api.call(.POST, CallAPIExercise.item + "/incomplete", ["call": id], token: team, json: ["departmentId": own], expect: .ok)
            #expect(try withdrawn.value()["board"]?["totals"]?["complete"] == .number(1))

            let closed = try await api.call(.POST, CallAPIExercise.item + "/close", ["call": id], token: team, expect: .ok)
            #expect(try closed.value()["phase"] == .string("closed"))
            // No new profile into a closed call, over the API either.
            let refused = try await api.call(.POST, ProjectAPIExercise.collection, token: lead,
                                             json: ["title": "Zu spät", "departmentId": own, "callId": id], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(refused) == ["callId"])
            try await api.call(.POST, CallAPIExercise.item + "/complete", ["call": id], token: lead, json: ["departmentId": own], expect: .forbidden)
            try await api.call(.POST, CallAPIExercise.item + "/reopen", ["call": id], token: team, expect: .ok)
            try await api.call(.POST, ProjectAPIExercise.collection, token: lead, json: ["title": "Rechtzeitig", "departmentId": own, "callId": id], expect: .created)

            try await api.call(.POST, CallAPIExercise.item + "/archive", ["call": id], token: team, expect: .ok)
            let active = try await api.call(.GET, CallAPIExercise.collection, token: team, expect: .ok)
            #expect(try active.value()["items"]?.array?.contains { $0["id"] == .string(id) } == false)
            let all = try await api.call(.GET, CallAPIExercise.collection, query: "includeArchived=true", token: team, expect: .ok)
            #expect(try all.value()["items"]?.array?.contains { $0["id"] == .string(id) && $0["archived"] == .bool(true) } == true)
            try await api.call(.PATCH, CallAPIExercise.item, ["call": id], token: team, json: ["title": "Archiviert ändern"], expect: .forbidden)
            try await api.call(.POST, CallAPIExercise.item + "/restore", ["call": id], token: team, expect: .ok)

            let events = try await CallFixtures.events(UUID(uuidString: id)!, on: server)
            #expect(events.allSatisfy { $0.entityType == "call" })
            #expect(events.map(\.action) == ["create", "update", "update", "update", "update", "update", "update", "archive", "restore"])
        }
    }

    @Test("the demo's open call: 3 units missing, in the order of the organisation chart")
    func demoBoard() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let id = try await CallAPIExercise.openCallID(on: server)
            let call = try await api.call(.GET, CallAPIExercise.item, ["call": id], token: reader, expect: .ok).value()
            let missing = call["board"]?["units"]?.array?.filter { $0["state"] == .string("missing") }.compactMap { $0["code"]?.string }
            #expect(missing == ["50", "61", "62"])
            #expect(call["board"]?["totals"]?["complete"] == .number(3))
            let list = try await api.call(.GET, CallAPIExercise.collection, token: reader, expect: .ok).value()
            #expect(list["items"]?.array?.first?["id"] == .string(id), "the open call comes first")
        }
    }

    @Test("problems: 422 names every field as the API names it, 403 for leads and readers, 404 for unknown or foreign ids, nothing stored")
    func problems() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let own = try await CallFixtures.unitID("33", on: server).uuidString
            let id = try await CallAPIExercise.openCallID(on: server)
            let callsBefore = try await CallForProjects.query(on: server.db).count()
            let eventsBefore = try await AuditEvent.query(on: server.db).count()

            let cases: [(HTTPMethod, String, [String: Any], [String])] = [
                (.POST, CallAPIExercise.collection, [:], ["title", "opensOn", "deadline"]),
                (.POST, CallAPIExercise.collection, ["title": " ", "opensOn": "31.02.2026", "deadline": "bald", "departmentIds": []],
                 ["title", "opensOn", "deadline", "departmentIds"]),
                (.POST, CallAPIExercise.collection, ["title": String(repeating: "T", count: 201), "message": String(repeating: "m", count: 20_001),
                                                     "opensOn": "2026-12-19", "deadline": "2026-12-18", "departmentIds": [own]],
                 ["title", "message", "deadline"]),
                (.POST, CallAPIExercise.collection, ["title": "Fremd", "opensOn": "2026-01-01", "deadline": "2026-02-01",
                                                     "departmentIds": [other.departmentID.uuidString]], ["departmentIds"]),
                (.PATCH, CallAPIExercise.item, ["title": NSNull(), "departmentIds": NSNull()], ["title", "departmentIds"]),
                (.POST, CallAPIExercise.item + "/complete", [:], ["departmentId"]),
                (.POST, CallAPIExercise.item + "/complete", ["departmentId": UUID().uuidString, "note": String(repeating: "n", count: 2_001)], ["note", "departmentId"]),
            ]
            for (method, template, body, fields) in cases {
                let response = try await api.call(method, template, ["call": id], token: team, json: body, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(response) == fields, "\(method) \(template) \(body)")
            }
            for token in [lead, reader] {
                try await api.call(.POST, CallAPIExercise.collection, token: token,
                                   json: ["title": "Nein", "opensOn": "2026-01-01", "deadline": "2026-02-01"], expect: .forbidden)
                try await api.call(.PATCH, CallAPIExercise.item, ["call": id], token: token, json: ["title": "Übernommen"], expect: .forbidden)
                for action in ["close", "reopen", "archive", "restore"] {
                    try await api.call(.POST, CallAPIExercise.item + "/" + action, ["call": id], token: token, expect: .forbidden)
                }
            }
            try await api.call(.POST, CallAPIExercise.item + "/complete", ["call": id], token: reader, json: ["departmentId": own], expect: .forbidden)
            for missing in [UUID().uuidString, "kein-uuid"] {
                try await api.call(.GET, CallAPIExercise.item, ["call": missing], token: team, expect: .notFound)
                try await api.call(.PATCH, CallAPIExercise.item, ["call": missing], token: team, json: ["title": "x"], expect: .notFound)
                try await api.call(.POST, CallAPIExercise.item + "/close", ["call": missing], token: team, expect: .notFound)
            }
            try await api.call(.POST, CallAPIExercise.collection, token: team, rawBody: Data("{\"title\":".utf8), expect: .badRequest)
            let callCount = try await CallForProjects.query(on: server.db).count()
            #expect(callCount == callsBefore)
            let eventCount = try await AuditEvent.query(on: server.db).count()
            #expect(eventCount == eventsBefore)
        }
    }
}
