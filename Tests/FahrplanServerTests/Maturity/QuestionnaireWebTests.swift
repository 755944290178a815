import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Questionnaires on the web (SQLite, or PostgreSQL with TEST_DATABASE_URL): copy the standard, edit in place,
/// edit with answers → a new version and the answered one unchanged, a bad file named by path, a stale edit refused
/// with 409, who may do what.
@Suite("Maturity: questionnaires on the web", .serialized)
struct QuestionnaireWebTests {
    static let base = "/m/musterstadt/maturity"

    /// Musterstadt without questionnaires in use (the demo may bring its own): they are archived, so that the
    /// standard can be copied afresh.
    static func clearQuestionnaires(_ server: TestServer) async throws {
        let id = try await Fixtures.musterstadt(on: server).requireID()
        try await QuestionnaireRecord.query(on: server.db).filter(\.$municipality.$id == id).filter(\.$archivedAt == nil)
            .set(\.$archivedAt, to: Date()).update()
    }

    /// The edit form's fields for a questionnaire, named as the template names them.
    static func formFields(_ q: Questionnaire, version: Int, action: String = "save") -> [(String, String)] {
        var fields: [(String, String)] = [("version", String(version)), ("action", action), ("title", q.title),
                                          ("description", q.description ?? ""), ("levelCount", String(q.scale.levels.count)),
                                          ("dontKnow", q.scale.dontKnow ?? ""), ("fieldCount", String(q.fields.count))]
        for (i, level) in q.scale.levels.enumerated() { fields.append(("level\(i)", level.label)) }
        for (f, field) in q.fields.enumerated() {
            fields += [("f\(f).key", field.key), ("f\(f).title", field.title), ("f\(f).description", field.description ?? ""),
                       ("f\(f).statementCount", String(field.statements.count))]
            for (s, statement) in field.statements.enumerated() {
                let p = "f\(f).s\(s)."
                fields += [(p + "key", statement.key), (p + "text", statement.text), (p + "explanation", statement.explanation ?? ""),
                           (p + "firstSteps", statement.firstSteps.joined(separator: "\n"))]
            }
        }
        return fields
    }

    static func copyStandard(_ team: TestClient, _ server: TestServer) async throws -> QuestionnaireRecord {
        try await team.get(base + "/questionnaires/new")
        let copied = try await team.post(base + "/questionnaires/copy-standard", [])
        #expect(copied.status == .seeOther, "\(copied.body.prefix(500))")
        let id = try #require(copied.location?.firstID(after: base + "/questionnaires/"))
        return try #require(try await QuestionnaireRecord.find(UUID(uuidString: id), on: server.db))
    }

    @Test("copy the standard, edit in place, add and remove statements; with answers an edit becomes version 2 and the old stays")
    func copyAndEdit() async throws {
        try await withServer { server in
            try await Self.clearQuestionnaires(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let record = try await Self.copyStandard(team, server)
            let standard = try QuestionnaireService.standard()
            #expect(try record.questionnaire() == standard)
            let page = Self.base + "/questionnaires/\(try record.requireID())"
            let shown = try await team.get(page + "?saved=copied")
            #expect(shown.status == .ok && shown.body.contains(standard.fields[0].title) && shown.body.contains("trifft voll zu"))
            #expect(shown.body.contains(standard.statements[0].firstSteps[0]))
            // A second copy while the first is in use is refused, naming the key.
            let twice = try await team.post(Self.base + "/questionnaires/copy-standard", [])
            #expect(twice.status == .unprocessableEntity && twice.body.contains("error-summary"))
            #expect(try await QuestionnaireRecord.query(on: server.db).filter(\.$key == standard.key).filter(\.$archivedAt == nil).count() == 1)

            // The edit form shows every statement; "add a statement" re-renders with an empty one and stores nothing.
            let form = try await team.get(page + "/edit")
            #expect(form.status == .ok && form.body.contains("name=\"f7.s0.text\"") && !form.body.contains("id=\"new-version-notice\""))
            var q = standard
            let added = try await team.post(page + "/edit", Self.formFields(q, version: record.version, action: "addStatement-0"))
            #expect(added.status == .ok && added.body.contains("name=\"f0.s\(q.fields[0].statements.count).text\""))

            // Edit in place: no answers yet, the version number stays.
            q.title = "Unser Fragebogen"
            q.fields[0].statements[1].text = "Es gibt eine Digitalstrategie, die der Rat beschlossen hat."
            q.fields[1].statements.removeLast()
            q.fields[0].statements.append(Statement(key: "", text: "Neue Aussage zur Führung", explanation: "Warum", firstSteps: ["Erstens", "Zweitens"]))
            let saved = try await team.post(page + "/edit", Self.formFields(q, version: record.version))
            #expect(saved.status == .seeOther && saved.location == page + "?saved=edited", "\(saved.body.prefix(800))")
            let edited = try #require(try await QuestionnaireRecord.find(record.id, on: server.db))
            let editedQ = try edited.questionnaire()
            #expect(edited.questionnaireVersion == 1 && edited.version == record.version + 1 && edited.title == "Unser Fragebogen")
            #expect(editedQ.fields[0].statements.last?.key == "neue-aussage-zur-fuehrung")
            #expect(editedQ.fields[0].statements.last?.firstSteps == ["Erstens", "Zweitens"])
            #expect(editedQ.statements.count == standard.statements.count)
            #expect(try await AuditEvent.query(on: server.db).filter(\.$entityID == record.id).filter(\.$action == "update").count() == 1)

            // A stale form (based on the first version) is refused with 409 and the conflict panel.
            var stale = q
            stale.title = "Zu spät"
            let conflict = try await team.post(page + "/edit", Self.formFields(stale, version: record.version))
            #expect(conflict.status == .conflict && conflict.body.contains("id=\"edit-conflict\""))
            #expect(try await QuestionnaireRecord.find(record.id, on: server.db)?.title == "Unser Fragebogen")

            // A field without a statement text is named at the input, nothing stored.
            var empty = editedQ
            empty.fields[2].statements[0].text = " "
            let invalid = try await team.post(page + "/edit", Self.formFields(empty, version: edited.version))
            #expect(invalid.status == .unprocessableEntity && invalid.body.contains("id=\"f2.s0.text-error\""))
            #expect(invalid.body.contains("fields[2].statements[0].text"))
            #expect(try await QuestionnaireRecord.find(record.id, on: server.db)?.version == edited.version)

            // Answers exist (a Potenzialcheck): the form says version 2 will be made; saving leaves version 1 as it was.
            let context = try await PrioritizationFixtures.context(try await Fixtures.musterstadt(on: server), email: Fixtures.strategyTeam, on: server.db)
            _ = try await AssessmentService(db: server.db, context: context).create(
                .init(questionnaireID: record.id?.uuidString, title: "Workshop", assessedOn: "01.12.2026"))
            let notice = try await team.get(page + "/edit")
            #expect(notice.body.contains("id=\"new-version-notice\"") && notice.body.contains("Version 2"))
            var second = editedQ
            second.fields[3].statements[0].explanation = "Neue Erläuterung"
            let versioned = try await team.post(page + "/edit", Self.formFields(second, version: edited.version))
            #expect(versioned.status == .seeOther && versioned.location?.hasSuffix("?saved=version") == true)
            let newID = try #require(versioned.location?.firstID(after: Self.base + "/questionnaires/"))
            #expect(newID != record.id?.uuidString)
            let old = try #require(try await QuestionnaireRecord.find(record.id, on: server.db))
            #expect(old.document == edited.document && old.version == edited.version && old.questionnaireVersion == 1)
            let next = try #require(try await QuestionnaireRecord.find(UUID(uuidString: newID), on: server.db))
            #expect(next.questionnaireVersion == 2 && next.key == standard.key)
            #expect(try next.questionnaire().fields[3].statements[0].explanation == "Neue Erläuterung")
            let list = try await team.get(Self.base + "/questionnaires")
            #expect(list.body.contains(next.title) && list.body.contains("v1"))
        }
    }

    @Test("a bad file is named by path and nothing stored; a good file is imported; download gives the file back")
    func importFile() async throws {
        try await withServer { server in
            try await Self.clearQuestionnaires(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            try await team.get(Self.base + "/questionnaires/new")
            let before = try await QuestionnaireRecord.query(on: server.db).count()
            var q = try QuestionnaireService.standard()
            q.key = "eigener-fragebogen"
            q.fields[0].statements[1].text = ""
            q.scale.levels[2].value = 1
            let bad = try await team.post(Self.base + "/questionnaires/import", [("content", String(decoding: try q.encoded(), as: UTF8.self))])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("fields[0].statements[1].text") && bad.body.contains("scale.levels[2].value"))
            let notJSON = try await team.post(Self.base + "/questionnaires/import", [("content", "{\"format\": \"fahrplan-questionnaire/1\", \"key\": 5}")])
            #expect(notJSON.status == .unprocessableEntity && notJSON.body.contains("key"))
            #expect(try await QuestionnaireRecord.query(on: server.db).count() == before)

            q.fields[0].statements[1].text = "Wieder gut"
            q.scale.levels[2].value = 2
            let good = try await team.post(Self.base + "/questionnaires/import", [("content", String(decoding: try q.encoded(), as: UTF8.self))])
            #expect(good.status == .seeOther)
            let id = try #require(good.location?.firstID(after: Self.base + "/questionnaires/"))
            let download = try await team.get(Self.base + "/questionnaires/\(id)/download")
            #expect(download.status == .ok && download.headers.first(name: "Content-Disposition")?.contains("eigener-fragebogen-v1.json") == true)
            #expect(try Questionnaire.decode(Data(download.body.utf8)) == q)
            // The same key again: stored as version 2, the first stays.
            let again = try await team.post(Self.base + "/questionnaires/import", [("content", String(decoding: try q.encoded(), as: UTF8.self))])
            let againID = try #require(again.location?.firstID(after: Self.base + "/questionnaires/"))
            #expect(try await QuestionnaireRecord.find(UUID(uuidString: againID), on: server.db)?.questionnaireVersion == 2)
        }
    }

    @Test("members read questionnaires and the hub; only the strategy team copies, imports, edits and archives")
    func permissions() async throws {
        try await withServer { server in
            try await Self.clearQuestionnaires(server)
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let record = try await Self.copyStandard(team, server)
            let page = Self.base + "/questionnaires/\(try record.requireID())"
            let reader = server.client()
            try await reader.login(Fixtures.reader)
            let hub = try await reader.get(Self.base)
            #expect(hub.status == .ok && hub.body.contains(record.title) && hub.body.contains("aria-current=\"page\""))
            let shown = try await reader.get(page)
            #expect(shown.status == .ok && !shown.body.contains("id=\"edit-questionnaire\""))
            #expect(try await reader.get(page + "/edit").status == .forbidden)
            #expect(try await reader.get(Self.base + "/questionnaires/new").status == .forbidden)
            #expect(try await reader.post(Self.base + "/questionnaires/copy-standard", []).status == .forbidden)
            #expect(try await reader.post(page + "/edit", Self.formFields(try record.questionnaire(), version: record.version)).status == .forbidden)
            #expect(try await reader.post(page + "/archive", [("version", String(record.version))]).status == .forbidden)
            #expect(try await QuestionnaireRecord.find(record.id, on: server.db)?.version == record.version)
            try await team.get(page)
            let archived = try await team.post(page + "/archive", [("version", String(record.version))])
            #expect(archived.status == .seeOther)
            #expect(try await QuestionnaireRecord.find(record.id, on: server.db)?.archivedAt != nil)
            #expect(try await team.get(Self.base + "/questionnaires/\(UUID())").status == .notFound)
        }
    }
}
