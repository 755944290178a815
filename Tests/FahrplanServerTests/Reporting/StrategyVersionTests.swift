import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// Strategy versions over real HTTP (SQLite, and PostgreSQL with TEST_DATABASE_URL): taking versions, their
/// difference (added, removed, changed, re-ranked), what changed since the last one with its audit trail, clear
/// errors for bad input (nothing stored), another municipality's version refused, permissions, hostile text escaped.
@Suite("Strategy versions: snapshot, diff, since last")
struct StrategyVersionTests {
    struct Setup {
        var api: APIConformance
        var team: String
        var reader: String
        var ids: DemoIDs
        var municipalityID: UUID
    }

    static func setUp(_ server: TestServer) async throws -> Setup {
        server.app.municipalCalendar = .fixed(at: MonitoringAPIFixture.today)
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        try await StrategyVersionRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        return Setup(api: try await APIConformance(server: server), team: try await Fixtures.token(for: Fixtures.strategyTeam, on: server),
                     reader: try await Fixtures.token(for: Fixtures.reader, on: server), ids: try await DemoIDs.load(on: server),
                     municipalityID: municipalityID)
    }

    static func problems(_ response: TestResponse) throws -> [String] {
        try response.value()["errors"]?.array?.compactMap { error in
            guard let field = error["field"]?.string, let code = error["code"]?.string else { return nil }
            return "\(field):\(code)"
        } ?? []
    }

    static func count(_ server: TestServer, _ municipalityID: UUID) async throws -> Int {
        try await StrategyVersionRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).count()
    }

    @Test("two versions differ by what changed in between: added, changed; since-last lists the changes with their audit events")
    func diffAndSinceLast() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let first = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team, json: [
                "name": "Digitalstrategie 2025", "adoptedOn": "15.01.2026", "adoptedBy": "Rat der Stadt", "note": "Erste Fassung"], expect: .created)
            let firstID = try #require(try first.value()["id"]?.string)
            #expect(first.location == "/api/v1/strategy-versions/\(firstID)")
            #expect(try first.value()["number"] == .number(1))
            #expect(try first.value()["adoptedOn"]?.string == "2026-01-15")
            #expect(try first.value()["snapshot"]?["elements"]?.array?.isEmpty == false)

            // Nothing changed yet: since-last is empty, and the version's own event is not "since" it.
            let quiet = try await s.api.call(.GET, "/api/v1/strategy-versions/since-last", token: s.reader, expect: .ok).value()
            #expect(quiet["since"]?["id"]?.string == firstID)
            #expect(quiet["changes"]?["changed"]?.array?.isEmpty == true)
            #expect(quiet["changes"]?["added"]?.array?.isEmpty == true)
            #expect(quiet["events"]?.array?.isEmpty == true)

            try await s.api.call(.PATCH, "/api/v1/goals/{element}", ["element": s.ids.goal], token: s.team,
                                 json: ["title": "Verwaltung vollständig digital"], expect: .ok)
            let principle = try await s.api.call(.POST, "/api/v1/principles", token: s.team,
                                                 json: ["title": "Offene Standards zuerst"], expect: .created)
            let principleID = try #require(try principle.value()["id"]?.string)

            let since = try await s.api.call(.GET, "/api/v1/strategy-versions/since-last", token: s.reader, expect: .ok).value()
            #expect(since["changes"]?["added"]?.array?.contains { $0["id"]?.string == principleID && $0["section"]?.string == "principle" } == true)
            let changedGoal = since["changes"]?["changed"]?.array?.first { $0["id"]?.string == s.ids.goal }
            #expect(changedGoal?["fields"]?.array?.contains { $0["field"]?.string == "title" && $0["new"]?.string == "Verwaltung vollständig digital" } == true)
            let events = since["events"]?.array ?? []
            #expect(events.count == 2)
            #expect(events.first?["entityLabel"]?.string?.contains("Offene Standards zuerst") == true)

            let second = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team, json: [
                "name": "Fortschreibung 2026", "adoptedOn": "2026-11-20"], expect: .created)
            let secondID = try #require(try second.value()["id"]?.string)
            #expect(try second.value()["number"] == .number(2))

            let diff = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(firstID)&to=\(secondID)", token: s.reader,
                                            expect: .ok).value()
            #expect(diff["from"]?["number"] == .number(1))
            #expect(diff["to"]?["number"] == .number(2))
            #expect(diff["added"]?.array?.map { $0["id"]?.string ?? "" } == [principleID])
            #expect(diff["removed"]?.array?.isEmpty == true)
            #expect(diff["changed"]?.array?.map { $0["id"]?.string ?? "" } == [s.ids.goal])
            // The other way round, the principle is removed.
            let back = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(secondID)&to=\(firstID)", token: s.reader,
                                            expect: .ok).value()
            #expect(back["removed"]?.array?.map { $0["id"]?.string ?? "" } == [principleID])

            let list = try await s.api.call(.GET, "/api/v1/strategy-versions", token: s.reader, expect: .ok).value()
            #expect(list["items"]?.array?.map { $0["name"]?.string ?? "" } == ["Fortschreibung 2026", "Digitalstrategie 2025"])
            try await s.api.call(.GET, "/api/v1/strategy-versions/{version}", ["version": firstID], token: s.reader, expect: .ok)
        }
    }

    @Test("a re-ranked project shows its old and new position on the page and in the API")
    func reranked() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let municipality = try await Fixtures.musterstadt(on: server)
            let projects = try await Project.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).sort(\.$code).limit(3).all()
            #expect(projects.count == 3)
            func version(_ order: [Project], name: String) throws -> StrategyVersion {
                StrategyVersion(municipalityID: s.municipalityID, name: name, adoptedOn: CalendarDay(year: 2026, month: 1, day: 1)!, vision: "V",
                                elements: [], kpis: [],
                                ranking: try order.enumerated().map { .init(projectID: try $1.requireID().uuidString, code: $1.code, title: $1.title, position: $0 + 1) },
                                roadmap: [])
            }
            let a = try await Self.insert(try version(projects, name: "A"), number: 1, server: server, municipality: municipality)
            let b = try await Self.insert(try version([projects[2], projects[0], projects[1]], name: "B"), number: 2, server: server, municipality: municipality)
            let diff = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(a)&to=\(b)", token: s.reader, expect: .ok).value()
            let reranked = diff["reranked"]?.array ?? []
            #expect(reranked.count == 3)
            #expect(reranked.first?["oldPosition"] == .number(3))
            #expect(reranked.first?["newPosition"] == .number(1))
            #expect(diff["changed"]?.array?.isEmpty == true)

            let client = server.client()
            try await client.login(Fixtures.reader)
            let page = try await client.get("/m/musterstadt/versions/diff?from=\(a)&to=\(b)")
            #expect(page.status == .ok)
            #expect(page.body.contains("diff-ranking"))
            #expect(page.body.contains("▲ 2"))
            #expect(page.body.contains(projects[2].code))
        }
    }

    static func insert(_ version: StrategyVersion, number: Int, server: TestServer, municipality: Municipality) async throws -> String {
        let record = StrategyVersionRecord()
        record.id = UUID()
        record.$municipality.id = try municipality.requireID()
        record.number = number; record.name = version.name; record.adoptedOn = version.adoptedOn.iso
        record.snapshot = String(decoding: try version.encoded(), as: UTF8.self)
        record.elementCount = version.elements.count; record.kpiCount = version.kpis.count
        record.rankingCount = version.ranking.count; record.roadmapCount = version.roadmap.count
        record.createdByName = "Test"; record.takenAt = Date(); record.frameVersion = 0
        try await record.create(on: server.db)
        return try record.requireID().uuidString
    }

    @Test("bad input is refused naming the field, nothing is stored; names are unique")
    func badInput() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let empty = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team, json: ["name": "  "], expect: .unprocessableEntity)
            #expect(try Self.problems(empty) == ["name:required", "adoptedOn:required"])
            let future = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team,
                                              json: ["name": "Zukunft", "adoptedOn": "2027-01-01"], expect: .unprocessableEntity)
            #expect(try Self.problems(future) == ["adoptedOn:date_in_future"])
            let bad = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team,
                                           json: ["name": String(repeating: "x", count: 201), "adoptedOn": "31.02.2026"], expect: .unprocessableEntity)
            #expect(try Self.problems(bad) == ["name:too_long", "adoptedOn:invalid_date"])
            #expect(try await Self.count(server, s.municipalityID) == 0)
            try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team, json: ["name": "Stand 2026", "adoptedOn": "2026-06-01"], expect: .created)
            let twice = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team,
                                             json: ["name": "stand 2026", "adoptedOn": "2026-06-02"], expect: .unprocessableEntity)
            #expect(try Self.problems(twice) == ["name:already_taken"])
            #expect(try await Self.count(server, s.municipalityID) == 1)
        }
    }

    @Test("a diff with another municipality's version, the same version twice or none is refused clearly; another's version is 404")
    func diffRefusals() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let other = try await Fixtures.otherMunicipality(on: server)
            let otherVersion = try await Self.insert(
                StrategyVersion(municipalityID: try other.municipality.requireID(), name: "Geheim \(Fixtures.OtherMunicipality.marker)",
                                adoptedOn: CalendarDay(year: 2026, month: 1, day: 1)!, vision: Fixtures.OtherMunicipality.marker,
                                elements: [], kpis: [], ranking: [], roadmap: []),
                number: 1, server: server, municipality: other.municipality)
            let own = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team, json: ["name": "Eigene", "adoptedOn": "2026-06-01"],
                                           expect: .created)
            let ownID = try #require(try own.value()["id"]?.string)

            let foreign = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(otherVersion)&to=\(ownID)", token: s.team,
                                               expect: .unprocessableEntity)
            #expect(try Self.problems(foreign) == ["from:unknown_reference"])
            #expect(!foreign.body.contains(Fixtures.OtherMunicipality.marker))
            let unknown = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(UUID().uuidString)&to=\(ownID)", token: s.team,
                                               expect: .unprocessableEntity)
            #expect(try Self.problems(unknown) == ["from:unknown_reference"])
            let same = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(ownID)&to=\(ownID)", token: s.team,
                                            expect: .unprocessableEntity)
            #expect(try Self.problems(same) == ["to:duplicate"])
            let none = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", token: s.team, expect: .unprocessableEntity)
            #expect(try Self.problems(none) == ["from:required", "to:required"])
            let read = try await s.api.call(.GET, "/api/v1/strategy-versions/{version}", ["version": otherVersion], token: s.team, expect: .notFound)
            #expect(!read.body.contains(Fixtures.OtherMunicipality.marker))

            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let page = try await client.get("/m/musterstadt/versions/diff?from=\(otherVersion)&to=\(ownID)")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("Diese Version gibt es in dieser Kommune nicht."))
            #expect(!page.body.contains(Fixtures.OtherMunicipality.marker))
            let twice = try await client.get("/m/musterstadt/versions/diff?from=\(ownID)&to=\(ownID)")
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.contains("zwei verschiedene Versionen"))
            #expect(try await client.get("/m/musterstadt/versions/\(otherVersion)").status == .notFound)
        }
    }

    @Test("the strategy team takes versions; every member reads them")
    func permissions() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.reader, json: ["name": "Leser", "adoptedOn": "2026-06-01"], expect: .forbidden)
            let lead = try await Fixtures.token(for: Fixtures.departmentLead, on: server)
            try await s.api.call(.POST, "/api/v1/strategy-versions", token: lead, json: ["name": "Leitung", "adoptedOn": "2026-06-01"], expect: .forbidden)
            #expect(try await Self.count(server, s.municipalityID) == 0)
            try await s.api.call(.GET, "/api/v1/strategy-versions", token: s.reader, expect: .ok)
            try await s.api.call(.GET, "/api/v1/strategy-versions/since-last", token: s.reader, expect: .ok)

            let client = server.client()
            try await client.login(Fixtures.reader)
            let list = try await client.get("/m/musterstadt/versions")
            #expect(list.status == .ok)
            #expect(!list.body.contains("id=\"new-version\""))
            #expect(try await client.get("/m/musterstadt/versions/new").status == .forbidden)
            #expect(try await client.post("/m/musterstadt/versions", [("name", "Leser"), ("adoptedOn", "01.06.2026")]).status == .forbidden)
            #expect(try await Self.count(server, s.municipalityID) == 0)
        }
    }

    @Test("the pages: the form with its errors in German, a version taken through it, its snapshot and the comparison; hostile text escaped")
    func pages() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let hostile = "<script>alert('v')</script> & \"Rat\""
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            #expect(try await client.get("/m/musterstadt/versions/new").status == .ok)
            let invalid = try await client.post("/m/musterstadt/versions", [("name", ""), ("adoptedOn", "morgen")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("id=\"name-error\""))
            #expect(invalid.body.contains("id=\"adoptedOn-error\""))
            #expect(invalid.body.contains("Beschlossen am"))
            #expect(try await Self.count(server, s.municipalityID) == 0)

            let created = try await client.post("/m/musterstadt/versions", [("name", hostile), ("adoptedOn", "01.03.2026"),
                                                                             ("adoptedBy", hostile), ("note", hostile)])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            #expect(location.hasPrefix("/m/musterstadt/versions/"))
            let show = try await client.get(location)
            #expect(show.status == .ok)
            #expect(!show.body.contains("<script>alert"))
            #expect(show.body.contains("&lt;script&gt;"))
            #expect(show.body.contains("id=\"version-goal\""))
            #expect(show.body.contains("01.03.2026"))

            try await s.api.call(.PATCH, "/api/v1/goals/{element}", ["element": s.ids.goal], token: s.team, json: ["title": hostile], expect: .ok)
            try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team, json: ["name": "Zweite", "adoptedOn": "2026-06-01"], expect: .created)
            let list = try await client.get("/m/musterstadt/versions")
            #expect(list.status == .ok)
            #expect(list.body.contains("id=\"compare-versions\""))
            #expect(!list.body.contains("<script>alert"))
            let versions = try await StrategyVersionRecord.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).sort(\.$number).all()
            let diff = try await client.get("/m/musterstadt/versions/diff?from=\(try versions[0].requireID())&to=\(try versions[1].requireID())")
            #expect(diff.status == .ok)
            #expect(diff.body.contains("id=\"diff-goal\""))
            #expect(!diff.body.contains("<script>alert"))
            let since = try await client.get("/m/musterstadt/versions/since-last")
            #expect(since.status == .ok)
            #expect(since.body.contains("id=\"no-differences\""))
            let english = try await client.get("/m/musterstadt/versions/since-last?lang=en")
            #expect(english.body.contains("Changes since the last version"))
        }
    }
}
