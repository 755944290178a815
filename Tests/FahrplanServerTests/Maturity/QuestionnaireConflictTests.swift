import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// A questionnaire edited by two people at once (SQLite, or PostgreSQL with TEST_DATABASE_URL): the second save is
/// refused with 409, and the conflict panel compares field by field what is saved now with the refused input,
/// which stays in the form; saving again with the new version succeeds.
@Suite("Maturity: questionnaire edit conflicts", .serialized)
struct QuestionnaireConflictTests {
    static let labels = ["field.title": "Titel", "field.description": "Beschreibung", "questionnaire.level": "Stufe",
                         "questionnaire.dontKnowLabel": "weiß nicht", "questionnaire.field": "Themenfeld",
                         "questionnaire.fieldTitle": "Titel des Themenfelds", "questionnaire.statement": "Aussage",
                         "questionnaire.statementText": "Text", "questionnaire.explanation": "Erläuterung", "questionnaire.firstSteps": "Erste Schritte"]

    @Test("the comparison names each differing text; statements matched by key; added and removed ones once; CRLF ignored")
    func comparison() throws {
        let standard = try QuestionnaireService.standard()
        var theirs = standard
        theirs.title = "Ihr Titel"
        theirs.fields[0].statements[0].text = "Ihre Fassung"
        theirs.fields[1].statements.removeLast()
        var yours = standard
        yours.title = "Mein Titel"
        yours.fields[0].statements[1].firstSteps = ["Erstens", "Zweitens"]
        yours.fields[2].statements.append(Statement(key: "", text: "Neu von mir", explanation: nil, firstSteps: []))
        var posted = QuestionnaireForm(yours, version: 1)
        posted.fields[0].statements[1].firstSteps = "Erstens\r\nZweitens"
        posted.fields[3].statements[0].explanation = posted.fields[3].statements[0].explanation.replacingOccurrences(of: "\n", with: "\r\n") + "  "
        let rows = QuestionnaireComparison.rows(theirs: QuestionnaireForm(theirs, version: 2), yours: posted,
                                                scaleValues: standard.scale.levels.map(\.value)) { Self.labels[$0] ?? $0 }
        let s0 = standard.fields[0].statements
        let removed = standard.fields[1].statements.last!
        #expect(rows == [
            QuestionnaireComparisonRow(field: "Titel", theirs: "Ihr Titel", yours: "Mein Titel"),
            QuestionnaireComparisonRow(field: "Aussage 1.1 (\(s0[0].key)) – Text", theirs: "Ihre Fassung", yours: s0[0].text),
            QuestionnaireComparisonRow(field: "Aussage 1.2 (\(s0[1].key)) – Erste Schritte", theirs: s0[1].firstSteps.joined(separator: "\n"),
                                       yours: "Erstens\nZweitens"),
            QuestionnaireComparisonRow(field: "Aussage 2.\(standard.fields[1].statements.count) (\(removed.key)) – Text", theirs: "–", yours: removed.text),
            QuestionnaireComparisonRow(field: "Aussage 3.\(standard.fields[2].statements.count + 1) – Text", theirs: "–", yours: "Neu von mir"),
        ])
    }

    @Test("the second save of the same version is refused with a per-field table of saved and own input; saving again works")
    func twoEditors() async throws {
        try await withServer { server in
            try await QuestionnaireWebTests.clearQuestionnaires(server)
            let first = server.client(), second = server.client()
            try await first.login(Fixtures.strategyTeam)
            try await second.login(Fixtures.strategyTeam)
            let record = try await QuestionnaireWebTests.copyStandard(first, server)
            let page = QuestionnaireWebTests.base + "/questionnaires/\(try record.requireID())"
            let standard = try record.questionnaire()

            var theirs = standard
            theirs.title = "Fragebogen der Verwaltung"
            theirs.fields[0].statements[0].text = "Es gibt eine beschlossene Digitalstrategie."
            let saved = try await first.post(page + "/edit", QuestionnaireWebTests.formFields(theirs, version: record.version))
            #expect(saved.status == .seeOther, "\(saved.body.prefix(500))")

            var mine = standard
            mine.title = "Unser Fragebogen"
            mine.fields[2].statements[1].explanation = "Meine Erläuterung"
            let refused = try await second.post(page + "/edit", QuestionnaireWebTests.formFields(mine, version: record.version))
            #expect(refused.status == .conflict && refused.body.contains("id=\"edit-conflict\""))
            #expect(refused.body.contains("id=\"questionnaire-conflict-table\""))
            let start = try #require(refused.body.range(of: "id=\"questionnaire-conflict-table\""))
            let table = String(refused.body[start.lowerBound...].components(separatedBy: "</table>").first ?? "")
            #expect(table.contains("Fragebogen der Verwaltung") && table.contains("Unser Fragebogen"))
            #expect(table.contains("Es gibt eine beschlossene Digitalstrategie.") && table.contains(standard.fields[0].statements[0].text))
            #expect(table.contains("Meine Erläuterung"))
            #expect(!table.contains(standard.fields[4].statements[0].text), "unchanged statements are not listed")
            // The refused input stays in the form, which now carries the current version.
            #expect(refused.body.contains("value=\"Unser Fragebogen\"") && refused.body.contains("name=\"version\" value=\"\(record.version + 1)\""))
            let stored = try #require(try await QuestionnaireRecord.find(record.id, on: server.db))
            #expect(stored.title == "Fragebogen der Verwaltung")

            let english = try await second.post(page + "/edit?lang=en", QuestionnaireWebTests.formFields(mine, version: record.version))
            #expect(english.status == .conflict && english.body.contains("Your input") && english.body.contains("Saved now"))

            let again = try await second.post(page + "/edit", QuestionnaireWebTests.formFields(mine, version: stored.version))
            #expect(again.status == .seeOther)
            #expect(try await QuestionnaireRecord.find(record.id, on: server.db)?.title == "Unser Fragebogen")
        }
    }
}
