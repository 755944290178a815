import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Project import and export in the browser")
struct ImportWebTests {
    static let goodFile = ImportFixtures.csv([
        "Titel;Fachdienst;Kurzbeschreibung;Ziele;Abhängigkeiten;Beginn;Ende;Einmalkosten 2027;Laufende Kosten 2028;Personal (VZÄ) 2027;Personal weitere Einheiten;Status",
        "Import-Test Bauantrag;63;Bauanträge online stellen;Z1.1;Import-Test Terminbuchung;01.03.2027;31.12.2028;1.234,56;500;0,5;IT 2027: 0,25;Eingereicht",
        "Import-Test Terminbuchung;Bürgeramt;\"Ein Termin-\nsystem für alle\";;P-0001;2027-01-01;;;;;;",
    ])

    @Test("upload → preview with counts → confirm writes every row; nothing is written before the confirmation")
    func uploadPreviewConfirm() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let form = try await browser.get("/m/musterstadt/projects/import")
            #expect(form.status == .ok)
            #expect(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("/m/musterstadt/projects/import/template.csv"))
            let before = try await ImportFixtures.projects(on: server).count

            let (url, preview) = try await ImportFixtures.preview(browser, Self.goodFile, fileName: "antraege.csv")
            #expect(preview.status == .ok)
            #expect(preview.body.contains("antraege.csv"))
            #expect(preview.body.contains("<dt>neu</dt><dd>2</dd>"))
            #expect(preview.body.contains("action=\"\(url)\""), "a file without errors can be confirmed")
            #expect(try await ImportFixtures.projects(on: server).count == before, "the preview writes nothing")
            #expect(try await StagedImport.query(on: server.db).count() == 1)

            let confirmed = try await browser.post(url, [])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location?.hasPrefix("/m/musterstadt/projects/import?created=2&updated=0") == true)
            let done = try await browser.get(confirmed.location ?? "")
            #expect(done.body.contains("Import abgeschlossen: 2 neu"))
            #expect(try await ImportFixtures.projects(on: server).count == before + 2)
            #expect(try await StagedImport.query(on: server.db).count() == 0)

            let antrag = try #require(try await ImportFixtures.project(titled: "Import-Test Bauantrag", on: server))
            let termin = try #require(try await ImportFixtures.project(titled: "Import-Test Terminbuchung", on: server))
            #expect(antrag.projectStatus == .submitted && termin.projectStatus == .idea)
            #expect(termin.summary == "Ein Termin-\nsystem für alle")
            let details = try await ProjectDetails.load(antrag, on: server.db)
            #expect(details.dependencyIDs == [try termin.requireID()], "a forward reference to a later row of the same file")
            #expect(details.costs == [CostLine(year: 2027, oneOffCents: 123_456, runningCents: 0), CostLine(year: 2028, oneOffCents: 0, runningCents: 50_000)])
            #expect(details.effort.map(\.fteHundredths).sorted() == [25, 50])
            let history = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$project.$id == antrag.requireID()).all()
            #expect(history.map(\.reason) == ["Import aus antraege.csv"])
            #expect(history.first?.changedByName.isEmpty == false)
            let events = try await AuditEvent.query(on: server.db).filter(\.$action == "importRows").all()
            #expect(events.count == 1 && events.first?.entityLabel == "antraege.csv")
        }
    }

    @Test("a file with one bad row writes nothing; the preview names row, column and reason, and a confirmation is refused")
    func badRowWritesNothing() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            var lines = ["Titel;Fachdienst;Beginn;Einmalkosten 2027;Projektart;Bemerkung"]
            for index in 1...12 { lines.append("Vorhaben \(index);33;01.01.2027;1.000;Qualifizierung;egal") }
            lines.append("Kaputt;33;31.02.2027;viel;Raumfahrt;")
            let before = try await ImportFixtures.projects(on: server).count
            let (url, preview) = try await ImportFixtures.preview(browser, ImportFixtures.csv(lines))
            #expect(preview.status == .ok)
            #expect(preview.body.contains("<td class=\"number\">14</td><td>Beginn</td><td>31.02.2027</td>"))
            #expect(preview.body.contains("&#39;31.02.2027&#39; ist kein gültiges Datum") || preview.body.contains("'31.02.2027' ist kein gültiges Datum"))
            #expect(preview.body.contains("<td>Einmalkosten 2027</td><td>viel</td>"))
            #expect(preview.body.contains("<td>Projektart</td><td>Raumfahrt</td>"))
            #expect(preview.body.contains("Unbekannte Spalte"), "the unknown column is a warning")
            #expect(!preview.body.contains("action=\"\(url)\""), "no confirmation for a file with errors")
            let forced = try await browser.post(url, [])
            #expect(forced.status == .unprocessableEntity)
            #expect(try await ImportFixtures.projects(on: server).count == before)
        }
    }

    @Test("a Windows-1252 file keeps its umlauts; units and goals are found by name")
    func windows1252() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let text = "Projekttitel;Amt;Kurzbeschreibung;Ziele\r\nÜbergänge für Größen – „schön“;Bürgeramt;Kosten: 5 € pro Straße;Z1.1\r\n"
            let (url, preview) = try await ImportFixtures.preview(browser, ImportFixtures.windows1252(text))
            #expect(preview.body.contains("<dt>neu</dt><dd>1</dd>"))
            #expect(try await browser.post(url, []).status == .seeOther)
            let project = try #require(try await ImportFixtures.project(titled: "Übergänge für Größen – „schön“", on: server))
            #expect(project.summary == "Kosten: 5 € pro Straße")
            let unit = try await PortfolioFixtures.department("33", on: server)
            #expect(project.$department.id == unit.id)
        }
    }

    @Test("a formula cell is refused with its row and column; an apostrophe-escaped one is text")
    func formulas() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let file = ImportFixtures.csv(["Titel;Fachdienst;Kurzbeschreibung",
                                           "Sicher;33;'=SUMME(A1:A3)",
                                           "Gefährlich;33;\"=HYPERLINK(\"\"http://evil.example\"\";\"\"klick\"\")\""])
            let (url, preview) = try await ImportFixtures.preview(browser, file)
            #expect(preview.body.contains("<td class=\"number\">3</td><td>Kurzbeschreibung</td>"))
            #expect(preview.body.contains("Tabellenformel"))
            #expect(!preview.body.contains("action=\"\(url)\""))
            let safe = ImportFixtures.csv(["Titel;Fachdienst;Kurzbeschreibung", "Sicher;33;'=SUMME(A1:A3)"])
            let second = try await ImportFixtures.preview(browser, safe)
            #expect(try await browser.post(second.url, []).status == .seeOther)
            #expect(try await ImportFixtures.project(titled: "Sicher", on: server)?.summary == "=SUMME(A1:A3)")
        }
    }

    @Test("a workbook, a file over 20 MB and an upload over 25 MB get a clear answer and stage nothing")
    func hostileFiles() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let xlsx = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array(repeating: 0x00, count: 200))
            let workbook = try await ImportFixtures.upload(browser, xlsx, fileName: "projekte.xlsx")
            #expect(workbook.status == .unprocessableEntity)
            #expect(workbook.body.contains("CSV UTF-8"))

            let large = Data(repeating: UInt8(ascii: "a"), count: 21 * 1_048_576)
            let tooLarge = try await ImportFixtures.upload(browser, large)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.body.contains("zu groß"))

            let huge = Data(repeating: UInt8(ascii: "a"), count: 100 * 1_048_576)
            let refused = try await ImportFixtures.upload(browser, huge)
            #expect(refused.status == .payloadTooLarge)
            #expect(refused.body.contains("zu groß (höchstens 25 MB)"))
            // The server is still there and has staged nothing.
            #expect(try await browser.get("/m/musterstadt/projects/import").status == .ok)
            #expect(try await StagedImport.query(on: server.db).count() == 0)

            let empty = try await browser.post("/m/musterstadt/projects/import", [("content", "  ")])
            #expect(empty.status == .unprocessableEntity)
            let pasted = try await browser.post("/m/musterstadt/projects/import", [("content", "Titel\tFachdienst\nAus Excel kopiert\t33\n")])
            #expect(pasted.status == .seeOther, "cells pasted from Excel (tab-separated) are staged like a file")
        }
    }

    @Test("only the strategy team imports; every member exports and gets the template")
    func permissions() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let (url, _) = try await ImportFixtures.preview(team, ImportFixtures.csv(["Titel;Fachdienst", "Nur Team;33"]))
            for email in [Fixtures.reader, Fixtures.departmentLead, Fixtures.rater] {
                let browser = server.client()
                try await browser.login(email)
                #expect(try await browser.get("/m/musterstadt/projects/import").status == .forbidden)
                #expect(try await browser.get(url).status == .forbidden)
                #expect(try await browser.post(url, []).status == .forbidden)
                #expect(try await ImportFixtures.upload(browser, ImportFixtures.csv(["Titel;Fachdienst", "X;33"])).status == .forbidden)
                #expect(try await browser.get("/m/musterstadt/projects/export?format=csv").status == .ok)
                #expect(try await browser.get("/m/musterstadt/projects/import/template.csv").status == .ok)
            }
            #expect(try await ImportFixtures.project(titled: "Nur Team", on: server) == nil)
            // Another municipality's team cannot see or confirm Musterstadt's staged import.
            let outsider = server.client()
            try await outsider.login(other.teamEmail)
            #expect(try await outsider.get(url).status == .notFound)
            #expect(try await outsider.post(url, []).status == .notFound)
            let foreign = url.replacingOccurrences(of: "/m/musterstadt/", with: "/m/nachbarstadt/")
            #expect(try await outsider.get(foreign).status == .notFound)
            #expect(try await outsider.post(foreign, []).status == .notFound)
            #expect(try await ImportFixtures.project(titled: "Nur Team", on: server) == nil)
        }
    }

    @Test("the export downloads CSV for Excel and JSON with a file name; the template is the column catalogue")
    func downloads() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            let csv = try await browser.get("/m/musterstadt/projects/export?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: "Content-Disposition")?.contains("filename=\"fahrplan-projekte-musterstadt-") == true)
            #expect(csv.body.hasPrefix("\u{FEFF}Kennung;Titel;Fachdienst;"))
            #expect(csv.body.contains("\r\nP-0001;Einführung der E-Akte in der Kernverwaltung;10.2;"))
            let json = try await browser.get("/m/musterstadt/projects/export?format=json")
            #expect(json.headers.first(name: "Content-Disposition")?.contains(".json\"") == true)
            let items = try #require(try json.json() as? [[String: Any]])
            #expect(items.count == (try await ImportFixtures.projects(on: server).filter { $0.archivedAt == nil }.count))
            #expect(try await browser.get("/m/musterstadt/projects/export?format=xlsx").status == .badRequest)
            let template = try await browser.get("/m/musterstadt/projects/import/template.csv")
            #expect(template.headers.first(name: "Content-Disposition")?.contains("fahrplan-projekte-vorlage.csv") == true)
            #expect(template.body == String(decoding: ProjectSpreadsheet.template(), as: UTF8.self))
        }
    }
}
