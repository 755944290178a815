import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The import's part of the OpenAPI conformance tests: both operations once with success, and the bodies
/// `badRequests` sends.
enum ImportAPIExercise {
    static let importPath = "/api/v1/projects/import"
    static let exportPath = "/api/v1/projects/export"

    static func everyOperation(_ api: APIConformance, token: String) async throws {
        let file = ImportFixtures.csv(["Titel;Fachdienst;Beginn;Einmalkosten 2027", "Aus der API;33;01.01.2027;1.000"])
        let dry = try await api.call(.POST, importPath, query: "dryRun=true", token: token, rawBody: file,
                                     headers: ["Content-Type": "text/csv"], expect: .ok)
        #expect(try dry.value()["created"] == .number(1))
        try await api.call(.POST, importPath, query: "fileName=api.csv", token: token,
                           json: ["csv": "Titel;Fachdienst\nAus JSON;33\n", "fileName": "liste.csv"], expect: .ok)
        try await api.call(.GET, exportPath, token: token, expect: .ok)
        try await api.call(.GET, exportPath, query: "format=json", token: token, expect: .ok)
    }

    /// For `badRequests`: a body with a field of the wrong JSON type and the field's name.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        template == importPath ? (["csv": 5], "csv", nil) : nil
    }
}

@Suite("Project import and export over the API")
struct ImportAPITests {
    @Test("a dry run reports without writing; the real import writes; a bad file is 422 naming every cell and writes nothing")
    func dryRunAndImport() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let before = try await ImportFixtures.projects(on: server).count
            let file = ImportFixtures.csv(["Titel;Fachdienst;Beginn;Bemerkung", "API eins;33;01.01.2027;x", "API zwei;IT;;y"])
            let dry = try await api.call(.POST, ImportAPIExercise.importPath, query: "dryRun=true", token: token, rawBody: file,
                                         headers: ["Content-Type": "text/csv; charset=utf-8"], expect: .ok)
            let report = try dry.value()
            #expect(report["dryRun"] == .bool(true) && report["committed"] == .bool(false))
            #expect(report["created"] == .number(2) && report["errorCount"] == .number(0) && report["warningCount"] == .number(1))
            #expect(report["warnings"]?.array?.first?["column"] == .string("Bemerkung"))
            #expect(try await ImportFixtures.projects(on: server).count == before)

            let real = try await api.call(.POST, ImportAPIExercise.importPath, query: "fileName=api.csv", token: token, rawBody: file,
                                          headers: ["Content-Type": "application/octet-stream"], expect: .ok)
            #expect(try real.value()["committed"] == .bool(true))
            #expect(try await ImportFixtures.projects(on: server).count == before + 2)
            let history = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$reason == "Import aus api.csv").count()
            #expect(history == 2)

            let bad = ImportFixtures.csv(["Titel;Fachdienst;Beginn", "Gut;33;01.01.2027", "Schlecht;33;31.02.2027"])
            let checked = try await api.call(.POST, ImportAPIExercise.importPath, query: "dryRun=true", token: token, rawBody: bad,
                                             headers: ["Content-Type": "text/csv"], expect: .ok)
            let error = try #require(try checked.value()["errors"]?.array?.first)
            #expect(error["row"] == .number(3) && error["column"] == .string("Beginn") && error["value"] == .string("31.02.2027"))
            #expect(error["code"] == .string("date.invalid") && error["severity"] == .string("error"))
            let refused = try await api.call(.POST, ImportAPIExercise.importPath, token: token, rawBody: bad,
                                             headers: ["Content-Type": "text/csv"], expect: .unprocessableEntity)
            let entries = try #require(try refused.value()["errors"]?.array)
            #expect(entries.count == 1 && entries[0]["field"] == .string("Zeile 3, Spalte Beginn"))
            #expect(entries[0]["problem"]?.string?.contains("31.02.2027") == true)
            #expect(try await ImportFixtures.project(titled: "Gut", on: server) == nil, "all or nothing")
        }
    }

    @Test("workbooks, foreign media types, oversized files and readers are refused")
    func refusals() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let xlsx = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x00, count: 100))
            let workbook = try await api.call(.POST, ImportAPIExercise.importPath, token: token, rawBody: xlsx,
                                              headers: ["Content-Type": "application/octet-stream"], expect: .unprocessableEntity)
            #expect(workbook.body.contains("xlsx"))
            let missing = try await api.call(.POST, ImportAPIExercise.importPath, query: "lang=en", token: token, rawBody: ImportFixtures.csv(["Titel", "Nur Titel"]),
                                             headers: ["Content-Type": "text/csv"], expect: .unprocessableEntity)
            #expect(try missing.value()["errors"]?.array?.first?["field"] == .string("Row 1, column Fachdienst"))
            try await api.call(.POST, ImportAPIExercise.importPath, token: token, rawBody: Data("<x/>".utf8),
                               headers: ["Content-Type": "application/xml"], expect: .unsupportedMediaType)
            let large = Data(repeating: UInt8(ascii: "a"), count: 21 * 1_048_576)
            let tooLarge = try await api.call(.POST, ImportAPIExercise.importPath, token: token, rawBody: large,
                                              headers: ["Content-Type": "text/csv"], expect: .payloadTooLarge)
            #expect(tooLarge.body.contains("20 MB"))
            let huge = Data(repeating: UInt8(ascii: "a"), count: 26 * 1_048_576)
            let refused = try await api.call(.POST, ImportAPIExercise.importPath, token: token, rawBody: huge,
                                             headers: ["Content-Type": "text/csv"], expect: .payloadTooLarge)
            #expect(refused.body.contains("25 MB"))
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            try await api.call(.POST, ImportAPIExercise.importPath, token: reader, rawBody: ImportFixtures.csv(["Titel;Fachdienst", "X;33"]),
                               headers: ["Content-Type": "text/csv"], expect: .forbidden)
            try await api.call(.GET, ImportAPIExercise.exportPath, query: "format=json", token: reader, expect: .ok)
            try await api.call(.GET, ImportAPIExercise.exportPath, query: "format=pdf", token: reader, expect: .unprocessableEntity)
        }
    }

    @Test("the API export: JSON profiles with codes, CSV for Excel; only the token's municipality")
    func export() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let token = try await Fixtures.token(for: Fixtures.reader, on: server)
            let json = try await server.client().api(.GET, ImportAPIExercise.exportPath, token: token)
            #expect(json.status == .ok)
            let items = try #require(try json.json() as? [[String: Any]])
            let first = try #require(items.first)
            #expect(first["code"] as? String == "P-0001" && first["department"] as? String == "10.2")
            #expect(!json.body.contains(Fixtures.OtherMunicipality.marker))
            let csv = try await server.client().api(.GET, ImportAPIExercise.exportPath + "?format=csv", token: token)
            #expect(csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("\u{FEFF}Kennung;Titel;"))
            let otherToken = try await Fixtures.token(for: other.teamEmail, on: server, slug: "nachbarstadt")
            let empty = try await server.client().api(.GET, ImportAPIExercise.exportPath, token: otherToken)
            #expect(try empty.json() as? [Any] != nil && (try empty.json() as? [Any])?.isEmpty == true)
        }
    }
}
