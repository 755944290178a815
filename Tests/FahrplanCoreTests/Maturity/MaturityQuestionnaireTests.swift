import FahrplanCore
import Foundation
import Testing

@Suite("Maturity: questionnaire format fahrplan-questionnaire/1 and its validation")
struct MaturityQuestionnaireTests {
    static let json = """
    { "format": "fahrplan-questionnaire/1", "key": "mini", "version": 1, "language": "de", "title": "Mini-Check",
      "description": "Zum Testen",
      "scale": { "levels": [ {"value": 0, "label": "trifft nicht zu"}, {"value": 1, "label": "eher nicht"},
                             {"value": 2, "label": "teils"}, {"value": 3, "label": "eher"}, {"value": 4, "label": "trifft voll zu"} ],
                 "dontKnow": "weiß nicht" },
      "fields": [
        { "key": "fuehrung", "title": "Führung und Strategie", "description": "Wer steuert?",
          "statements": [ { "key": "fuehrung-1", "text": "Es gibt eine Digitale Agenda.", "explanation": "Warum?",
                            "firstSteps": ["Agenda-Workshop", "Zuständigkeit klären"] },
                          { "key": "fuehrung-2", "text": "Die Leitung treibt die Digitalisierung." } ] },
        { "key": "technik", "title": "Technik",
          "statements": [ { "key": "technik-1", "text": "Das WLAN reicht.", "firstSteps": ["Ausleuchtung messen"] } ] } ],
      "freeText": [ { "key": "wunsch", "text": "Was wünschen Sie sich?" } ],
      "grouping": [ { "key": "department", "text": "In welchem Bereich arbeiten Sie?", "kind": "department" },
                    { "key": "leadership", "text": "Haben Sie Führungsverantwortung?", "kind": "choice", "options": ["ja", "nein"] } ] }
    """

    static func sample() throws -> Questionnaire { try Questionnaire.decode(Data(json.utf8)) }

    static func problems(_ change: (inout Questionnaire) -> Void) throws -> [FieldProblem] {
        var q = try sample()
        change(&q)
        do { try q.validate() } catch { return error.problems }
        return []
    }

    @Test("decodes every part and round-trips through encoding")
    func roundTrip() throws {
        let q = try Self.sample()
        #expect(q.key == "mini" && q.version == 1 && q.language == "de" && q.description == "Zum Testen")
        #expect(q.scale.levels.map(\.value) == [0, 1, 2, 3, 4] && q.scale.dontKnow == "weiß nicht")
        #expect(q.fields.map(\.key) == ["fuehrung", "technik"])
        #expect(q.statements.map(\.key) == ["fuehrung-1", "fuehrung-2", "technik-1"])
        #expect(q.fields[0].statements[0].firstSteps == ["Agenda-Workshop", "Zuständigkeit klären"])
        #expect(q.fields[0].statements[1].explanation == nil && q.fields[0].statements[1].firstSteps == [])
        #expect(q.grouping[0].kind == .department && q.grouping[0].options == nil)
        #expect(q.grouping[1].options == ["ja", "nein"])
        let again = try Questionnaire.decode(try q.encoded())
        #expect(again == q)
        let object = try JSONSerialization.jsonObject(with: try q.encoded()) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["format", "key", "version", "language", "title", "description",
                                                       "scale", "fields", "freeText", "grouping"])
    }

    @Test("a file of the wrong shape names the entry")
    func shape() {
        #expect(throws: ValidationFailure([FieldProblem("fields", .required)])) {
            try Questionnaire.decode(Data(#"{"format":"fahrplan-questionnaire/1","key":"a","version":1,"language":"de","title":"t","scale":{"levels":[]}}"#.utf8))
        }
        #expect(throws: ValidationFailure([FieldProblem("grouping[1].kind", .invalidChoice)])) {
            try Questionnaire.decode(Data(Self.json.replacingOccurrences(of: #""kind": "choice""#, with: #""kind": "role""#).utf8))
        }
    }

    @Test("validation names each problem")
    func validation() throws {
        #expect(try Self.problems { _ in } == [])
        #expect(try Self.problems { $0.format = "fahrplan-questionnaire/2" } == [FieldProblem("format", .invalidChoice)])
        #expect(try Self.problems { $0.key = "Mini Check" } == [FieldProblem("key", .invalidKey)])
        #expect(try Self.problems { $0.key = "" } == [FieldProblem("key", .required)])
        #expect(try Self.problems { $0.version = 0 } == [FieldProblem("version", .outOfRange(min: 1, max: Int.max))])
        #expect(try Self.problems { $0.title = "  " } == [FieldProblem("title", .required)])
        #expect(try Self.problems { $0.fields = [] } == [FieldProblem("fields", .required)])
        #expect(try Self.problems { $0.fields[1].statements = [] } == [FieldProblem("fields[1].statements", .required)])
        #expect(try Self.problems { $0.fields[1].statements[0].key = "fuehrung-2" }
                == [FieldProblem("fields[1].statements[0].key", .duplicate)])
        #expect(try Self.problems { $0.fields[1].key = "wunsch" } == [FieldProblem("freeText[0].key", .duplicate)])
        #expect(try Self.problems { $0.fields[0].statements[0].key = "führung_1" }
                == [FieldProblem("fields[0].statements[0].key", .invalidKey)])
        #expect(try Self.problems { $0.fields[0].statements[1].text = "" } == [FieldProblem("fields[0].statements[1].text", .required)])
        #expect(try Self.problems { $0.fields[0].statements[0].firstSteps[1] = " " }
                == [FieldProblem("fields[0].statements[0].firstSteps[1]", .required)])
        #expect(try Self.problems { $0.fields[0].title = "" } == [FieldProblem("fields[0].title", .required)])
        #expect(try Self.problems { $0.scale.levels = [.init(value: 0, label: "nein")] } == [FieldProblem("scale.levels", .scaleTooShort)])
        #expect(try Self.problems { $0.scale.levels[3].value = 2 } == [FieldProblem("scale.levels[3].value", .outOfRange(min: 3, max: Int.max))])
        #expect(try Self.problems { $0.scale.levels[0].label = "" } == [FieldProblem("scale.levels[0].label", .required)])
        #expect(try Self.problems { $0.scale.dontKnow = "" } == [FieldProblem("scale.dontKnow", .required)])
        #expect(try Self.problems { $0.freeText[0].text = "" } == [FieldProblem("freeText[0].text", .required)])
        #expect(try Self.problems { $0.grouping[1].options = ["ja"] } == [FieldProblem("grouping[1].options", .tooShort(min: 2))])
        #expect(try Self.problems { $0.grouping[1].options = ["ja", "ja"] } == [FieldProblem("grouping[1].options[1]", .duplicate)])
        #expect(try Self.problems { $0.grouping[1].options = nil } == [FieldProblem("grouping[1].options", .tooShort(min: 2))])
        // All at once, so a form or an import report shows them together.
        #expect(try Self.problems { $0.title = ""; $0.fields[1].statements = [] }.count == 2)
    }

    @Test("a questionnaire with answers is never changed in place")
    func versioning() throws {
        let original = try Self.sample()
        var edited = original
        #expect(QuestionnaireEditDecision.decide(original: original, edited: edited, hasAnswers: true) == .unchanged)
        edited.fields[0].statements[0].text = "Es gibt eine beschlossene Digitale Agenda."
        #expect(QuestionnaireEditDecision.decide(original: original, edited: edited, hasAnswers: false) == .editInPlace)
        #expect(QuestionnaireEditDecision.decide(original: original, edited: edited, hasAnswers: true) == .newVersion(2))
        #expect(QuestionnaireEditDecision.decide(original: original, edited: edited, hasAnswers: true, latestVersion: 4) == .newVersion(5))
    }
}
