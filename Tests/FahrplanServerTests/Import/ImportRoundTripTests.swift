import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Export → import through the command line's operations: the same municipality sees no change, a
/// municipality with the same units and strategy codes gets equal projects; errors write nothing.
@Suite("Project import and export: round trips and the command line")
struct ImportRoundTripTests {
    @Test("re-importing the export into the same municipality changes nothing and records nothing")
    func reimportIsUnchanged() async throws {
        try await withServer { server in
            let export = try await Operations.exportProjects(server.app, municipalitySlug: "musterstadt", format: "csv")
            let events = try await AuditEvent.query(on: server.db).count()
            let updatedAt = try await ImportFixtures.projects(on: server).map(\.updatedAt)
            let outcome = try await Operations.importProjects(server.app, file: export, fileName: "export.csv", municipalitySlug: "musterstadt", dryRun: false)
            let active = try await ImportFixtures.projects(on: server).filter { $0.archivedAt == nil }.count
            #expect(outcome.errors == [])
            #expect(outcome.created == 0 && outcome.updated == 0 && outcome.unchanged == active)
            #expect(outcome.summary == "0 new, 0 updated, \(active) unchanged")
            #expect(try await AuditEvent.query(on: server.db).count() == events)
            #expect(try await ImportFixtures.projects(on: server).map(\.updatedAt) == updatedAt)
            let again = try await Operations.exportProjects(server.app, municipalitySlug: "musterstadt", format: "csv")
            #expect(again == export)
        }
    }

    @Test("the export imported into a municipality with the same units and strategy codes gives equal projects")
    func importIntoTwin() async throws {
        try await withServer { server in
            try await ImportFixtures.twin(on: server)
            let csv = try await Operations.exportProjects(server.app, municipalitySlug: "musterstadt", format: "csv")
            let active = try await ImportFixtures.projects(on: server).filter { $0.archivedAt == nil }.count
            let outcome = try await Operations.importProjects(server.app, file: csv, fileName: "musterstadt.csv", municipalitySlug: "zwillingsstadt", dryRun: false)
            #expect(outcome.errors == [])
            #expect(outcome.created == active && outcome.updated == 0)
            let twin = try await Operations.exportProjects(server.app, municipalitySlug: "zwillingsstadt", format: "csv")
            #expect(String(decoding: twin, as: UTF8.self) == String(decoding: csv, as: UTF8.self))
            let json = try await Operations.exportProjects(server.app, municipalitySlug: "musterstadt", format: "json")
            let twinJSON = try await Operations.exportProjects(server.app, municipalitySlug: "zwillingsstadt", format: "json")
            #expect(try JSONDecoder().decode([ProjectExportJSON].self, from: json) == JSONDecoder().decode([ProjectExportJSON].self, from: twinJSON))
        }
    }

    @Test("the command line's import: a dry run writes nothing, a bad row writes nothing and lists every error")
    func commandLine() async throws {
        try await withServer { server in
            let before = try await ImportFixtures.projects(on: server).count
            let good = ImportFixtures.csv(["Titel;Fachdienst;Beginn", "Neu A;33;01.01.2027", "Neu B;IT;2027-02-01"])
            let dry = try await Operations.importProjects(server.app, file: good, fileName: "a.csv", municipalitySlug: "musterstadt", dryRun: true)
            #expect(!dry.hasErrors && dry.created == 2 && !dry.committed)
            #expect(try await ImportFixtures.projects(on: server).count == before)

            let bad = ImportFixtures.csv(["Titel;Fachdienst;Beginn", "Neu A;33;01.01.2027", "Neu B;Gibtsnicht;31.02.2027", ";33;"])
            let refused = try await Operations.importProjects(server.app, file: bad, fileName: "b.csv", municipalitySlug: "musterstadt",
                                                              dryRun: false, german: true)
            #expect(refused.hasErrors && !refused.committed)
            #expect(refused.errors == ["Zeile 3, Spalte Fachdienst: 'Gibtsnicht' ist keine Organisationseinheit dieser Kommune (Kürzel oder Name).",
                                       "Zeile 3, Spalte Beginn: '31.02.2027' ist kein gültiges Datum.",
                                       "Zeile 4, Spalte Titel: Bitte ausfüllen."])
            #expect(try await ImportFixtures.projects(on: server).count == before)

            let done = try await Operations.importProjects(server.app, file: good, fileName: "a.csv", municipalitySlug: "musterstadt", dryRun: false)
            #expect(done.committed && done.summary == "2 new, 0 updated, 0 unchanged")
            #expect(try await ImportFixtures.projects(on: server).count == before + 2)
            let history = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$reason == "Import aus a.csv").all()
            #expect(history.count == 2 && history.allSatisfy { $0.changedByName == "System" })

            await #expect(throws: (any Error).self) {
                _ = try await Operations.importProjects(server.app, file: good, fileName: "a.csv", municipalitySlug: "gibt-es-nicht", dryRun: true)
            }
            await #expect(throws: (any Error).self) {
                _ = try await Operations.exportProjects(server.app, municipalitySlug: "musterstadt", format: "xlsx")
            }
        }
    }

    @Test("rows with an existing Kennung update that project: changed fields, status with history, other columns kept")
    func upsert() async throws {
        try await withServer { server in
            let project = try await PortfolioFixtures.project("P-0004", on: server)
            let detailsBefore = try await ProjectDetails.load(project, on: server.db)
            let statusBefore = project.projectStatus
            let target = statusBefore == .cancelled ? ProjectStatus.idea : .cancelled
            let file = ImportFixtures.csv(["Kennung;Titel;Fachdienst;Status", "p-0004;Neuer Titel;\(project.$department.id!.uuidString);\(target.germanLabel)",
                                           "P-0900;Ganz neu mit Kennung;33;"])
            let outcome = try await Operations.importProjects(server.app, file: file, fileName: "status.csv", municipalitySlug: "musterstadt", dryRun: false)
            #expect(outcome.errors == [])
            #expect(outcome.created == 1 && outcome.updated == 1)
            let after = try await PortfolioFixtures.project("P-0004", on: server)
            #expect(after.title == "Neuer Titel" && after.projectStatus == target && after.code == "P-0004")
            #expect(after.summary == project.summary && after.description == project.description)
            let detailsAfter = try await ProjectDetails.load(after, on: server.db)
            #expect(Set(detailsAfter.elementIDs) == Set(detailsBefore.elementIDs))
            #expect(detailsAfter.costs == detailsBefore.costs)
            #expect(Set(detailsAfter.effort) == Set(detailsBefore.effort))
            #expect(Set(detailsAfter.dependencyIDs) == Set(detailsBefore.dependencyIDs))
            let history = try await ProjectStatusChangeRecord.query(on: server.db).filter(\.$project.$id == after.requireID()).sort(\.$changedAt).all()
            #expect(history.last?.toStatus == target.rawValue && history.last?.reason == "Import aus status.csv")
            let events = try await AuditEvent.query(on: server.db).filter(\.$entityID == after.requireID()).all()
            #expect(events.contains { $0.changes.contains("Neuer Titel") })
            #expect(events.contains { $0.changes.contains(target.rawValue) })
            #expect(try await PortfolioFixtures.project("P-0900", on: server).title == "Ganz neu mit Kennung")
        }
    }

    @Test("the same Kennung twice, a dependency cycle inside the file and an archived project are reported by row")
    func batchProblems() async throws {
        try await withServer { server in
            let archived = try await PortfolioFixtures.project("P-0010", on: server)
            archived.archivedAt = Date()
            try await archived.save(on: server.db)
            let file = ImportFixtures.csv([
                "Kennung;Titel;Fachdienst;Abhängigkeiten",
                "X-1;Huhn;33;X-2", "X-2;Ei;33;X-1", "X-1;Nochmal;33;", "P-0010;Archiviert;33;", "X-3;Selbst;33;X-3",
            ])
            let outcome = try await Operations.importProjects(server.app, file: file, fileName: "k.csv", municipalitySlug: "musterstadt",
                                                              dryRun: true, german: true)
            #expect(outcome.errors.count == 4, "\(outcome.errors)")
            #expect(outcome.errors.contains { $0.hasPrefix("Zeile 3, Spalte Abhängigkeiten: ") && $0.contains("Zirkuläre Abhängigkeit") })
            #expect(outcome.errors.contains("Zeile 4, Spalte Kennung: Die Kennung 'X-1' steht schon in Zeile 2."))
            #expect(outcome.errors.contains { $0.hasPrefix("Zeile 5, Spalte Kennung: Das Projekt 'P-0010' ist archiviert") })
            #expect(outcome.errors.contains { $0.hasPrefix("Zeile 6, Spalte Abhängigkeiten: ") })
        }
    }

    @Test("the committed template in docs/ is the one the server generates")
    func committedTemplate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let committed = try Data(contentsOf: root.appendingPathComponent("docs/fahrplan-projekte-vorlage.csv"))
        #expect(committed == ProjectSpreadsheet.template(), "regenerate docs/fahrplan-projekte-vorlage.csv from ProjectSpreadsheet.template()")
    }
}

@Suite("Bulk inserts")
struct BulkInsertTests {
    @Test("every bulk-inserted model lists exactly its fields, so none is left out")
    func columnsMatchTheModels() {
        #expect(BulkInsert.matchesModel(Project.self))
        #expect(BulkInsert.matchesModel(ProjectStrategyLink.self))
        #expect(BulkInsert.matchesModel(ProjectCost.self))
        #expect(BulkInsert.matchesModel(ProjectEffort.self))
        #expect(BulkInsert.matchesModel(ProjectDependency.self))
        #expect(BulkInsert.matchesModel(ProjectStatusChangeRecord.self))
        #expect(BulkInsert.matchesModel(AuditEvent.self))
    }

    @Test("a project written in bulk reads back like one Fluent wrote, and can be saved again")
    func readsBack() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let project = Project(municipalityID: try municipality.requireID(), code: "B-1")
            project.title = "Gesammelt geschrieben"
            project.legalDeadline = "2027-12-31"
            project.hoursSavedPerYear = 12
            project.statusChangedAt = Date(timeIntervalSince1970: 1_800_000_000)
            try await BulkInsert.insert([project], on: server.db)
            let stored = try #require(try await Project.find(project.requireID(), on: server.db))
            #expect(stored.title == "Gesammelt geschrieben" && stored.code == "B-1" && stored.summary == nil)
            #expect(stored.legalDeadline == "2027-12-31" && stored.hoursSavedPerYear == 12 && stored.legalObligation == false)
            #expect(stored.statusChangedAt == Date(timeIntervalSince1970: 1_800_000_000))
            #expect(stored.createdAt != nil && stored.updatedAt != nil)
            project.title = "Danach geändert"
            try await project.save(on: server.db)
            #expect(try await Project.find(project.requireID(), on: server.db)?.title == "Danach geändert")
        }
    }
}

@Suite("FastUUIDs")
struct FastUUIDTests {
    @Test("are version-4 UUIDs and do not repeat")
    func versionAndUniqueness() {
        var ids = FastUUIDs()
        var seen = Set<UUID>()
        for _ in 0..<100_000 {
            let id = ids.next()
            let text = id.uuidString
            #expect(text[text.index(text.startIndex, offsetBy: 14)] == "4")
            #expect("89AB".contains(text[text.index(text.startIndex, offsetBy: 19)]))
            seen.insert(id)
        }
        #expect(seen.count == 100_000)
        var other = FastUUIDs()
        #expect(!seen.contains(other.next()), "each generator starts from its own system seed")
    }
}
