import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The portfolio API's reading side — search, filters, pages, duplicates, bundling — and who may do what,
/// including another municipality's ids.
@Suite("Project portfolio over the API: search, duplicates, permissions, tenancy")
struct ProjectAPIQueryTests {
    typealias E = ProjectAPIExercise

    static func items(_ page: JSONValue) -> [JSONValue] { page["items"]?.array ?? [] }
    static func codes(_ page: JSONValue) -> [String] { items(page).compactMap { $0["code"]?.string } }
    static func ids(_ list: JSONValue, _ key: String = "id") -> Set<String> {
        Set(items(list).compactMap { ($0[key]?.string ?? $0["project"]?["id"]?.string)?.uppercased() })
    }

    @Test("full-text search folds case, umlauts and ß; filters narrow like the web list; invalid filter values are named")
    func searchAndFilters() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let street = try #require(try await api.call(.POST, E.collection, token: team, json: ["title": "Sanierung der Straße am Markt", "departmentId": ids.unit],
                                                         expect: .created).value()["code"]?.string)
            let person = try #require(try await api.call(.POST, E.collection, token: team,
                                                         json: ["title": "Digitale Akte", "responsiblePerson": "Jana Müller", "departmentId": ids.unit],
                                                         expect: .created).value()["code"]?.string)
            func search(_ query: String) async throws -> JSONValue {
                try await api.call(.GET, E.collection, query: query, token: reader, expect: .ok).value()
            }
            for query in ["q=strasse", "q=STRASSE%20markt", "q=stra%C3%9Fe"] {
                let found = try await search(query)
                #expect(Self.codes(found).contains(street), "\(query)")
            }
            for query in ["q=MUELLER", "q=m%C3%BCller%20akte"] {
                let found = try await search(query)
                #expect(Self.codes(found) == [person], "\(query)")
            }
            let none = try await search("q=strasse%20zzqxnichtvorhanden")
            #expect(none["total"] == .number(0) && Self.items(none).isEmpty)

            let completed = try await search("status=completed&pageSize=500")
            let storedCompleted = try await Project.query(on: server.db).filter(\.$status == "completed").filter(\.$archivedAt == nil).count()
            #expect(completed["total"] == .number(Double(storedCompleted)) && storedCompleted > 0)
            #expect(Self.items(completed).allSatisfy { $0["status"] == .string("completed") })
            let online = try await search("kind=onlineService&pageSize=500")
            #expect(!Self.items(online).isEmpty && Self.items(online).allSatisfy { $0["kind"] == .string("onlineService") })

            let division = try await PortfolioFixtures.department("D2", on: server).requireID().uuidString
            let byDivision = try await search("department=\(division)&pageSize=500")
            #expect(!Self.items(byDivision).isEmpty)
            #expect(Self.items(byDivision).allSatisfy { ["D2", "32", "33", "33.1"].contains($0["departmentCode"]?.string ?? "") })

            let field = try await PortfolioFixtures.element("HF1", on: server).requireID().uuidString
            let byField = Set(Self.codes(try await search("element=\(field)&pageSize=500")))
            let byGoal = Set(Self.codes(try await search("element=\(ids.goal)&pageSize=500")))
            #expect(!byGoal.isEmpty && byGoal.isSubset(of: byField))

            let expensive = try await search("costMin=100.000&sort=cost&pageSize=500")
            let amounts = Self.items(expensive).compactMap { $0["totals"]?["oneOffCents"]?.number }
            #expect(!amounts.isEmpty && amounts.allSatisfy { $0 >= 10_000_000 } && amounts == amounts.sorted(by: >))
            let cheap = try await search("costMax=50000,00&pageSize=500")
            #expect(Self.items(cheap).allSatisfy { ($0["totals"]?["oneOffCents"]?.number ?? .infinity) <= 5_000_000 })

            for (query, field) in [("status=erledigt", "status"), ("kind=Raumfahrt", "kind"), ("department=kein-uuid", "department"),
                                   ("element=42", "element"), ("costMin=viel", "costMin"), ("sort=zufall", "sort")] {
                let refused = try await api.call(.GET, E.collection, query: query, token: reader, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(refused) == [field])
            }
        }
    }

    @Test("pages: pageSize 1 to 500 (others refused), every project on exactly one page, a page beyond the last answers the last")
    func pagination() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            func page(_ query: String) async throws -> JSONValue {
                try await api.call(.GET, E.collection, query: query, token: reader, expect: .ok).value()
            }
            let first = try await page("")
            #expect(first["total"] == .number(45) && first["page"] == .number(1) && first["pageCount"] == .number(1))
            #expect(Self.items(first).count == 45)
            var seen: [String] = []
            for number in 1...5 {
                let part = try await page("pageSize=10&page=\(number)&sort=title")
                #expect(part["pageCount"] == .number(5) && part["page"] == .number(Double(number)))
                seen += Self.codes(part)
            }
            #expect(seen.count == 45 && Set(seen).count == 45)
            let beyond = try await page("pageSize=10&page=99")
            #expect(beyond["page"] == .number(5) && Self.items(beyond).count == 5)
            let all = try await page("pageSize=500")
            #expect(Self.items(all).count == 45 && all["pageCount"] == .number(1))
            let one = try await page("pageSize=1")
            #expect(one["pageCount"] == .number(45) && Self.items(one).count == 1)
            // Outside the documented 1…500 the size is refused, not clamped (issue 13: the document is the contract).
            for size in ["100000", "0", "501"] {
                let refused = try await api.call(.GET, E.collection, query: "pageSize=\(size)", token: reader, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(refused) == ["pageSize"])
            }
        }
    }

    @Test("duplicate candidates for a stored project and for a draft, likely pairs, and bundling many projects at once")
    func similarDuplicatesAndAssign() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let summary = "Hunde online anmelden und abmelden, Hundesteuerbescheid digital zustellen, Hundemarke bestellen."
            let first = try #require(try await api.call(.POST, E.collection, token: team, json: [
                "title": "Hundesteuer online anmelden", "summary": summary, "departmentId": ids.unit, "tags": ["Hundesteuer"],
            ], expect: .created).value()["id"]?.string)
            let second = try #require(try await api.call(.POST, E.collection, token: team, json: [
                "title": "Online-Anmeldung der Hundesteuer", "summary": summary, "departmentId": ids.otherUnit, "tags": ["Hundesteuer"],
            ], expect: .created).value()["id"]?.string)

            let similar = try await api.call(.GET, E.item + "/similar", ["project": first], token: team, expect: .ok).value()
            #expect(Self.ids(similar).contains(second.uppercased()) && !Self.ids(similar).contains(first.uppercased()))
            let scores = Self.items(similar).compactMap { $0["score"]?.number }
            #expect(scores == scores.sorted(by: >) && scores.allSatisfy { $0 > 0 && $0 <= 1 })
            let limited = try await api.call(.GET, E.item + "/similar", ["project": first], query: "limit=1", token: team, expect: .ok).value()
            #expect(Self.items(limited).count == 1)

            let draft = try await api.call(.POST, E.collection + "/similar", token: team,
                                           json: ["title": "Hundesteuer digital", "summary": summary], expect: .ok).value()
            #expect(Self.ids(draft).isSuperset(of: [first.uppercased(), second.uppercased()]))
            let nothing = try await api.call(.POST, E.collection + "/similar", token: team, json: [String: Any](), expect: .ok).value()
            #expect(Self.items(nothing).isEmpty)

            let pairs = try await api.call(.GET, E.collection + "/duplicates", query: "limit=1000", token: team, expect: .ok).value()
            let found = Self.items(pairs).first {
                Set([$0["first"]?["id"]?.string?.uppercased(), $0["second"]?["id"]?.string?.uppercased()]) == Set([first.uppercased(), second.uppercased()])
            }
            #expect(found?["score"]?.number.map { $0 > 0 && $0 <= 1 } == true)

            let assign = E.collection + "/assign"
            let assigned = try await api.call(.POST, assign, token: team, json: ["projectIds": [first, second], "elementId": ids.program], expect: .ok)
            #expect(try assigned.value()["assigned"] == .number(2))
            let again = try await api.call(.POST, assign, token: team, json: ["projectIds": [first], "elementId": ids.program], expect: .ok)
            #expect(try again.value()["assigned"] == .number(0))
            let linked = try await api.call(.GET, E.item, ["project": second], token: team, expect: .ok).value()
            #expect(linked["strategyElementIds"]?.array?.compactMap { $0.string?.uppercased() } == [ids.program.uppercased()])
            for (body, field) in [(["projectIds": [first], "elementId": UUID().uuidString], "elementId"), (["projectIds": [first]], "elementId"),
                                  (["projectIds": [String](), "elementId": ids.program], "projectIds"),
                                  (["projectIds": [UUID().uuidString], "elementId": ids.program], "projectIds")] as [([String: Any], String)] {
                let refused = try await api.call(.POST, assign, token: team, json: body, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(refused) == [field])
            }
        }
    }

    @Test("readers read but cannot write; department leads cannot bundle, merge or see the duplicate list")
    func permissions() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            let ids = try await E.IDs.load(on: server)
            let idea = try #require(try await api.call(.POST, E.collection, token: team, json: E.profile(title: "Leseprobe", unit: ids.unit),
                                                       expect: .created).value()["id"]?.string)
            try await api.call(.GET, E.collection, token: reader, expect: .ok)
            try await api.call(.GET, E.item, ["project": idea], token: reader, expect: .ok)
            try await api.call(.GET, E.item + "/similar", ["project": idea], token: reader, expect: .ok)
            try await api.call(.POST, E.collection + "/similar", token: reader, json: ["title": "Leseprobe"], expect: .ok)

            try await api.call(.POST, E.collection, token: reader, json: E.profile(title: "Übernommen", unit: ids.unit), expect: .forbidden)
            try await api.call(.PATCH, E.item, ["project": idea], token: reader, json: ["title": "Übernommen"], expect: .forbidden)
            try await api.call(.POST, E.item + "/status", ["project": idea], token: reader, json: ["status": "submitted"], expect: .forbidden)
            try await api.call(.POST, E.item + "/archive", ["project": idea], token: reader, expect: .forbidden)
            try await api.call(.GET, E.item + "/history", ["project": idea], token: reader, expect: .forbidden)
            for token in [reader, lead] {
                try await api.call(.POST, E.item + "/merge", ["project": idea], token: token, json: ["targetId": ids.project], expect: .forbidden)
                try await api.call(.POST, E.collection + "/assign", token: token, json: ["projectIds": [idea], "elementId": ids.program], expect: .forbidden)
                try await api.call(.GET, E.collection + "/duplicates", token: token, expect: .forbidden)
            }
            try await api.call(.POST, E.item + "/archive", ["project": idea], token: team, expect: .ok)
            try await api.call(.POST, E.item + "/restore", ["project": idea], token: reader, expect: .forbidden)
            // The lead of the project's unit may read its history and archive it while it is an idea.
            try await api.call(.GET, E.item + "/history", ["project": idea], token: lead, expect: .ok)
            let unchanged = try await api.call(.GET, E.item, ["project": idea], token: reader, expect: .ok).value()
            #expect(unchanged["title"] == .string("Leseprobe") && unchanged["status"] == .string("idea") && unchanged["archived"] == .bool(true))
        }
    }

    @Test("another municipality's project ids are 404 everywhere and refused as references; its projects never show")
    func otherMunicipality() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let ids = try await E.IDs.load(on: server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let marker = Fixtures.OtherMunicipality.marker
            let foreign = try await ProjectAPIExercise.otherProject(other, title: "Hundesteuer online anmelden \(marker)", on: server)
            let foreignID = try foreign.requireID().uuidString
            let before = try await Project.find(foreign.requireID(), on: server.db)
            let ownID = try #require(try await api.call(.POST, E.collection, token: team, json: [
                "title": "Hundesteuer online anmelden", "departmentId": ids.unit], expect: .created).value()["id"]?.string)

            let project = ["project": foreignID]
            var responses = [
                try await api.call(.GET, E.item, project, token: team, expect: .notFound),
                try await api.call(.PATCH, E.item, project, token: team, json: ["title": "Übernommen"], expect: .notFound),
                try await api.call(.POST, E.item + "/status", project, token: team, json: ["status": "submitted"], expect: .notFound),
                try await api.call(.POST, E.item + "/archive", project, token: team, expect: .notFound),
                try await api.call(.POST, E.item + "/restore", project, token: team, expect: .notFound),
                try await api.call(.POST, E.item + "/merge", project, token: team, json: ["targetId": ownID], expect: .notFound),
                try await api.call(.GET, E.item + "/history", project, token: team, expect: .notFound),
                try await api.call(.GET, E.item + "/similar", project, token: team, expect: .notFound),
                try await api.call(.GET, E.item, ["project": "kein-uuid"], token: team, expect: .notFound),
            ]
            let merge = try await api.call(.POST, E.item + "/merge", ["project": ownID], token: team, json: ["targetId": foreignID], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(merge) == ["targetId"])
            let dependency = try await api.call(.PATCH, E.item, ["project": ownID], token: team, json: ["dependencyIds": [foreignID]], expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(dependency) == ["dependencyIds"])
            let assign = try await api.call(.POST, E.collection + "/assign", token: team, json: ["projectIds": [foreignID], "elementId": ids.program],
                                            expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(assign) == ["projectIds"])
            responses += [merge, dependency, assign,
                          try await api.call(.GET, E.collection, query: "q=\(marker)&includeArchived=true", token: team, expect: .ok),
                          try await api.call(.GET, E.collection + "/duplicates", query: "limit=1000", token: team, expect: .ok),
                          try await api.call(.GET, E.item + "/similar", ["project": ownID], query: "limit=50", token: team, expect: .ok),
                          try await api.call(.POST, E.collection + "/similar", query: "limit=50", token: team,
                                             json: ["title": "Hundesteuer online anmelden \(marker)"], expect: .ok)]
            for response in responses {
                // A problem's `instance` repeats the path the client sent; nothing else may name the foreign project.
                guard case .object(var members) = try response.value() else { Issue.record("not an object: \(response.body)"); continue }
                members["instance"] = nil
                let shown = JSONValue.object(members).description
                #expect(!shown.contains(marker) && !shown.uppercased().contains(foreignID.uppercased()), "\(response.body)")
            }
            let stored = try await Project.find(foreign.requireID(), on: server.db)
            #expect(stored?.title == foreign.title && stored?.archivedAt == nil && stored?.projectStatus == .idea)
            #expect(stored?.updatedAt == before?.updatedAt && stored?.updatedAt != nil)
        }
    }
}

extension ProjectAPIExercise {
    /// A project of the other municipality, created by its own strategy team.
    static func otherProject(_ other: Fixtures.OtherMunicipality, title: String, on server: TestServer) async throws -> Project {
        let found = try await User.find(other.userID, on: server.db)
        let user = try #require(found)
        let context = MunicipalityContext(municipality: other.municipality, municipalityID: try other.municipality.requireID(),
                                          user: CurrentUser(user), role: .strategyTeam,
                                          permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        return try await PortfolioService(db: server.db, context: context)
            .create(ProjectInput(title: title, departmentID: other.departmentID.uuidString, strategyElementIDs: [other.goalID.uuidString]))
    }
}
