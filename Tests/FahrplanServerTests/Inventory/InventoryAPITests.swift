import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The inventory over real HTTP (SQLite, and PostgreSQL with TEST_DATABASE_URL): CRUD, the overall level as the
/// lowest criterion, the overview's counts by level, department and day, CSV errors by row and column with
/// nothing stored, export → import round trip, stale edits, permissions.
@Suite("Inventory: IT systems, services, overview, CSV")
struct InventoryAPITests {
    struct Setup {
        var api: APIConformance
        var team: String
        var reader: String
        var lead: String
        var ids: DemoIDs
        var municipalityID: UUID
    }

    /// Fixes the day (6 December 2026) and empties Musterstadt's inventory (the demo may have one), so counts are exact.
    static func setUp(_ server: TestServer) async throws -> Setup {
        server.app.municipalCalendar = .fixed(at: MonitoringAPIFixture.today)
        let municipalityID = try await Fixtures.musterstadt(on: server).requireID()
        try await ServiceAssessmentRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await AdministrativeServiceRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await ITSystemDepartmentRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await ITSystemProjectRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await ITSystemRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        try await InventorySettingsRecord.query(on: server.db).filter(\.$municipality.$id == municipalityID).delete()
        return Setup(api: try await APIConformance(server: server), team: try await Fixtures.token(for: Fixtures.strategyTeam, on: server),
                     reader: try await Fixtures.token(for: Fixtures.reader, on: server),
                     lead: try await Fixtures.token(for: Fixtures.departmentLead, on: server),
                     ids: try await DemoIDs.load(on: server), municipalityID: municipalityID)
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        try response.value()["errors"]?.array?.compactMap { $0["field"]?.string } ?? []
    }

    static func rating(_ criterion: String, _ level: Int, _ day: String) -> [String: Any] {
        ["criterion": criterion, "level": level, "assessedOn": day]
    }

    @Test("a service's level is the lowest of its criteria, unknown while one is unassessed; the overview counts by level, department and day")
    func levelsAndOverview() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let full = try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Wohnsitzanmeldung", "departmentId": s.ids.unit, "casesPerYear": 8000,
                "assessments": [Self.rating("antrag", 1, "2024-06-01"), Self.rating("nachweise", 1, "2024-06-01"), Self.rating("bescheid", 1, "2024-06-01"),
                                Self.rating("antrag", 4, "2025-03-01"), Self.rating("nachweise", 3, "2025-03-01"), Self.rating("bescheid", 4, "2025-03-01")]],
                expect: .created).value()
            #expect(full["overallLevel"] == .number(3))
            #expect(full["missingCriteria"] == .array([]))
            let partial = try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Hundesteuer", "casesPerYear": 2000, "assessments": [Self.rating("antrag", 2, "2025-05-01")]], expect: .created).value()
            #expect(partial["overallLevel"] == nil)
            #expect(partial["missingCriteria"] == .array([.string("nachweise"), .string("bescheid")]))

            let overview = try await s.api.call(.GET, "/api/v1/inventory/overview", token: s.reader, expect: .ok).value()
            #expect(overview["total"]?["counts"] == .array([0, 0, 0, 1, 0].map { .number(Double($0)) }))
            #expect(overview["total"]?["unknown"] == .number(1))
            // 8000 of 10000 yearly cases are in a service at level ≥ 3.
            #expect(overview["total"]?["onlineShare"] == .number(0.8))
            let departments = overview["byDepartment"]?.array ?? []
            #expect(departments.first { $0["departmentId"]?.string == s.ids.unit }?["counts"]?["counts"]?.array?[3] == .number(1))
            #expect(departments.first { $0["departmentId"] == nil }?["counts"]?["unknown"] == .number(1))
            let history = overview["history"]?.array ?? []
            #expect(history.map { $0["day"]?.string ?? "" } == ["2024-12-31", "2025-12-31", "2026-12-06"])
            // At the end of 2024 Wohnsitzanmeldung stood at 1; Hundesteuer had no rating yet.
            #expect(history.first?["counts"]?["counts"] == .array([0, 1, 0, 0, 0].map { .number(Double($0)) }))
            #expect(history.first?["counts"]?["unknown"] == .number(1))

            let filtered = try await s.api.call(.GET, "/api/v1/inventory/services", query: "level=unknown", token: s.reader, expect: .ok).value()
            #expect(filtered["items"]?.array?.map { $0["name"]?.string ?? "" } == ["Hundesteuer"])
            try await s.api.call(.GET, "/api/v1/inventory/services", query: "level=9", token: s.reader, expect: .unprocessableEntity)

            let bad = try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team, json: [
                "name": "Wohnsitzanmeldung", "leikaKey": "123", "departmentId": UUID().uuidString, "casesPerYear": -3,
                "assessments": [Self.rating("antrag", 7, "2030-01-01"), Self.rating("unbekannt", 1, "2025-01-01")]], expect: .unprocessableEntity)
            // The core's checks come first; references and the name are checked once the input itself is valid.
            #expect(Set(try Self.fields(bad)) == ["leikaKey", "casesPerYear", "assessments[0].level", "assessments[0].assessedOn",
                                                  "assessments[1].criterion"])
            let taken = try await s.api.call(.POST, "/api/v1/inventory/services", token: s.team,
                                             json: ["name": "wohnsitzanmeldung", "departmentId": UUID().uuidString], expect: .unprocessableEntity)
            #expect(Set(try Self.fields(taken)) == ["name", "departmentId"])
        }
    }

    @Test("systems: create with departments and projects, stale If-Match is 412, a stale web form 409, archive hides, permissions hold")
    func systemsAndConcurrency() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let project = try #require(try await Project.query(on: server.db).filter(\.$municipality.$id == s.municipalityID)
                .filter(\.$archivedAt == nil).sort(\.$code).first())
            let created = try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.team, json: [
                "name": "E-Akte", "vendor": "Beispiel GmbH", "hosting": "Kommunales Rechenzentrum", "contractEndsOn": "31.12.2027",
                "dataProtection": "personalData", "lifecycle": "Ersetzen", "departmentIds": [s.ids.unit],
                "projects": [["projectId": project.code]]], expect: .created)
            let body = try created.value()
            let id = try #require(body["id"]?.string)
            #expect(body["hosting"] == .string("municipalProvider") && body["contractEndsOn"] == .string("2027-12-31"))
            #expect(body["projects"]?.array?.first?["relation"] == .string("replaces"), "a system to replace is replaced by its project")
            let etag = created.headers.first(name: "ETag") ?? ""
            let bad = try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.team, json: [
                "name": "e-akte", "contractEndsOn": "31.02.2027", "hosting": "Mond", "interfaces": ["E-Akte"],
                "departmentIds": ["kein-amt"], "projects": [["projectId": project.code, "relation": "zerstört"]]], expect: .unprocessableEntity)
            #expect(Set(try Self.fields(bad)) == ["contractEndsOn", "hosting", "interfaces[0]"])
            let references = try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.team, json: [
                "name": "e-akte", "departmentIds": ["kein-amt"], "projects": [["projectId": project.code, "relation": "zerstört"]]],
                                                  expect: .unprocessableEntity)
            #expect(Set(try Self.fields(references)) == ["name", "departmentIds[0]", "projects[0].relation"])

            let path = "/api/v1/inventory/systems/{system}"
            try await s.api.call(.PUT, path, ["system": id], token: s.team, json: ["name": "E-Akte", "lifecycle": "keep"],
                                 headers: ["If-Match": etag], expect: .ok)
            try await s.api.call(.PUT, path, ["system": id], token: s.team, json: ["name": "E-Akte (alt)"],
                                 headers: ["If-Match": etag], expect: .preconditionFailed)
            let stored = try #require(try await ITSystemRecord.find(UUID(uuidString: id), on: server.db))
            #expect(stored.name == "E-Akte" && stored.version == 2)

            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let form = try await browser.post("/m/musterstadt/inventory/systems/\(id)/edit",
                                              [("name", "E-Akte (Formular)"), ("version", "1")])
            #expect(form.status == .conflict)
            #expect(try await ITSystemRecord.find(UUID(uuidString: id), on: server.db)?.name == "E-Akte")
            let page = try await browser.get("/m/musterstadt/inventory/systems/\(id)")
            #expect(page.status == .ok && page.body.contains("E-Akte"))

            try await s.api.call(.POST, "/api/v1/inventory/systems", token: s.reader, json: ["name": "Leser-System"], expect: .forbidden)
            try await s.api.call(.PUT, path, ["system": id], token: s.reader, json: ["name": "Übernommen"], expect: .forbidden)
            try await s.api.call(.POST, "/api/v1/inventory/systems/import", token: s.lead, json: ["csv": "Name\nX\n"], expect: .forbidden)
            try await s.api.call(.POST, path + "/archive", ["system": id], token: s.team, expect: .ok)
            let list = try await s.api.call(.GET, "/api/v1/inventory/systems", token: s.reader, expect: .ok).value()
            #expect(list["items"] == .array([]))
            let events = try await AuditEvent.query(on: server.db).filter(\.$entityID == UUID(uuidString: id)).count()
            #expect(events == 3, "create, update, archive")
        }
    }

    @Test("a CSV with bad rows names every problem by row and column and stores nothing; an export imports back unchanged")
    func csvImportAndRoundTrip() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let unit = try #require(try await Department.find(UUID(uuidString: s.ids.unit), on: server.db))
            let broken = "Name;Fachdienste;Vertragsende;Betrieb\nE-Akte;\(unit.code);31.12.2027;Cloud\nFachverfahren;Amt 999;31.02.2027;Mond\nE-Akte;;;\n"
            let refused = try await s.api.call(.POST, "/api/v1/inventory/systems/import", token: s.team, json: ["csv": broken],
                                               expect: .unprocessableEntity)
            let fields = try Self.fields(refused)
            #expect(fields.contains { $0.contains("3") && $0.contains("Vertragsende") })
            #expect(fields.contains { $0.contains("3") && $0.contains("Betrieb") })
            let twice = try await s.api.call(.POST, "/api/v1/inventory/systems/import", token: s.team,
                                             json: ["csv": "Name;Fachdienste\nE-Akte;Amt 999\ne-akte;\n"], expect: .unprocessableEntity)
            #expect(try Self.fields(twice).sorted() == ["Zeile 2, Spalte Fachdienste", "Zeile 3, Spalte Name"])
            #expect(try await ITSystemRecord.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).count() == 0)
            // A dry run of a file without a header (or no body at all) has no row to report on: refused, like a real run.
            for kind in ["systems", "services"] {
                let empty = try await s.api.client.api(.POST, "/api/v1/inventory/\(kind)/import?dryRun=true", token: s.team)
                #expect(empty.status == .unprocessableEntity, "\(kind): \(empty.status)")
                #expect(empty.body.contains("Die Datei ist leer"), "\(kind): \(empty.body)")
            }

            let good = "Name;Hersteller;Fachdienste;Vertragsende;Betrieb;Datenschutz;Planung;Schnittstellen\n"
                + "E-Akte;Beispiel;\(unit.code);31.12.2027;Cloud;Ja;Ersetzen;\"Finanzen; Melderegister\"\n"
                + "Fachverfahren Ordnung;Anbieter;\(unit.name);;Rechenzentrum;Nein;Behalten;\n"
            let report = try await s.api.call(.POST, "/api/v1/inventory/systems/import", token: s.team, json: ["csv": good], expect: .ok).value()
            #expect(report["created"] == .number(2) && report["committed"] == .bool(true))
            let services = "Leistung;Fachdienst;Fallzahl pro Jahr;Reifegrad Antragstellung;Stand Antragstellung;Reifegrad Nachweise;Stand Nachweise;Reifegrad Bescheid und Rückkanal;Stand Bescheid und Rückkanal\n"
                + "Wohnsitzanmeldung;\(unit.code);12.500;3;01.03.2025;2;01.03.2025;4;01.03.2025\n"
            let serviceReport = try await s.api.call(.POST, "/api/v1/inventory/services/import", token: s.team, json: ["csv": services], expect: .ok).value()
            #expect(serviceReport["created"] == .number(1))

            for kind in ["systems", "services"] {
                let export = try await s.api.client.api(.GET, "/api/v1/inventory/\(kind)/export", token: s.reader)
                #expect(export.status == .ok && export.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
                let again = try await s.api.call(.POST, "/api/v1/inventory/\(kind)/import", token: s.team, json: ["csv": export.body],
                                                 expect: .ok).value()
                #expect(again["created"] == .number(0) && again["updated"] == .number(0), "\(kind): \(again)")
                #expect(again["unchanged"] == .number(kind == "systems" ? 2 : 1))
            }
            let assessments = try await ServiceAssessmentRecord.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).count()
            #expect(assessments == 3, "re-importing the export adds no assessment")
            let listed = try await s.api.call(.GET, "/api/v1/inventory/services", token: s.reader, expect: .ok).value()
            #expect(listed["items"]?.array?.first?["overallLevel"] == .number(2))
            #expect(listed["items"]?.array?.first?["casesPerYear"] == .number(12_500))
        }
    }

    @Test("the web pages render in German and English and the service form records only changed levels")
    func webPages() async throws {
        try await withServer { server in
            let s = try await Self.setUp(server)
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let csrfForm = try await browser.get("/m/musterstadt/inventory/services/new")
            #expect(csrfForm.status == .ok)
            let created = try await browser.post("/m/musterstadt/inventory/services/new", [
                ("name", "Gewerbeanmeldung"), ("departmentID", s.ids.unit), ("casesPerYear", "1.200"),
                ("criterion[]", "antrag"), ("level[]", "3"), ("assessedOn[]", "01.02.2026"),
                ("criterion[]", "nachweise"), ("level[]", "2"), ("assessedOn[]", "01.02.2026"),
                ("criterion[]", "bescheid"), ("level[]", ""), ("assessedOn[]", "01.02.2026")])
            #expect(created.status == .seeOther)
            let service = try #require(try await AdministrativeServiceRecord.query(on: server.db).filter(\.$municipality.$id == s.municipalityID).first())
            let id = try service.requireID()
            #expect(try await ServiceAssessmentRecord.query(on: server.db).filter(\.$service.$id == id).count() == 2)
            let again = try await browser.post("/m/musterstadt/inventory/services/\(id)/edit", [
                ("name", "Gewerbeanmeldung"), ("departmentID", s.ids.unit), ("casesPerYear", "1200"), ("version", "1"),
                ("criterion[]", "antrag"), ("level[]", "3"), ("assessedOn[]", "06.12.2026"),
                ("criterion[]", "nachweise"), ("level[]", "2"), ("assessedOn[]", "06.12.2026"),
                ("criterion[]", "bescheid"), ("level[]", "4"), ("assessedOn[]", "06.12.2026")])
            #expect(again.status == .seeOther)
            #expect(try await ServiceAssessmentRecord.query(on: server.db).filter(\.$service.$id == id).count() == 3, "only the new rating is stored")
            let invalid = try await browser.post("/m/musterstadt/inventory/systems/new", [("name", ""), ("contractEndsOn", "31.02.2027")])
            #expect(invalid.status == .unprocessableEntity && invalid.body.contains("Vertragsende"))
            for path in ["", "/systems", "/services", "/services/\(id)", "/services/\(id)/edit", "/import", "/model", "/services/\(id)/history"] {
                let page = try await browser.get("/m/musterstadt/inventory\(path)")
                #expect(page.status == .ok, "\(path): \(page.status)")
                #expect(!page.body.contains("inventory.") || page.body.contains("inventory.md"), "\(path) shows a string key")
            }
            let overview = try await browser.get("/m/musterstadt/inventory")
            #expect(overview.body.contains("<svg") && overview.body.contains("inventory-levels-table") && overview.body.contains("Bestandsaufnahme"))
            let english = try await browser.get("/m/musterstadt/inventory?lang=en")
            #expect(english.status == .ok)
        }
    }
}
