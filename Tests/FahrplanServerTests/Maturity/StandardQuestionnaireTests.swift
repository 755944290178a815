@testable import FahrplanServer
import FahrplanCore
import Foundation
import Testing

/// The default German questionnaire Fahrplan ships (issue 17). The content checks use plain Foundation JSON on
/// purpose, so they state the promises of the file (eight topic fields, 5–8 statements each, explanation and 2–4
/// first steps per statement) independently of how FahrplanCore's `Questionnaire` decodes it.
@Suite("Standard questionnaire (de)")
struct StandardQuestionnaireTests {
    static let relativePath = "Questionnaires/standard-de.json"

    static var sourceURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/FahrplanServer/Resources/" + relativePath)
    }

    static let requiredFields = [
        "Führung und Strategie", "Organisation und Prozesse", "Personal und Kompetenzen", "Technik und Infrastruktur",
        "Services für Bürger und Unternehmen", "Daten, Datenschutz und Informationssicherheit",
        "Kommunikation und Beteiligung", "Smart City/Region",
    ]

    static let scaleLabels = ["trifft nicht zu", "trifft eher nicht zu", "teils/teils", "trifft eher zu", "trifft voll zu"]

    /// Leftovers of drafting or templating that must never reach a respondent.
    static let placeholderMarkers = ["TODO", "TBD", "FIXME", "XXX", "{{", "}}", "<", ">", "…", "...", "Lorem", "[", "]", "??"]

    static func object(_ value: Any?, _ path: String) throws -> [String: Any] {
        try #require(value as? [String: Any], "\(path) is not an object")
    }

    static func array(_ value: Any?, _ path: String) throws -> [Any] {
        try #require(value as? [Any], "\(path) is not an array")
    }

    static func text(_ value: Any?, _ path: String) throws -> String {
        let text = try #require(value as? String, "\(path) is not a string")
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!trimmed.isEmpty, "\(path) is empty")
        #expect(trimmed == text, "\(path) has leading or trailing whitespace")
        for marker in placeholderMarkers {
            #expect(!text.contains(marker), "\(path) contains the placeholder \"\(marker)\": \(text)")
        }
        return text
    }

    static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func load() throws -> [String: Any] {
        let data = try Data(contentsOf: sourceURL)
        return try object(try JSONSerialization.jsonObject(with: data), "document")
    }

    @Test("has the format tag, the labelled 0–4 scale with \"weiß nicht\", and German header texts")
    func header() throws {
        let document = try Self.load()
        #expect(document["format"] as? String == "fahrplan-questionnaire/1")
        #expect(document["key"] as? String == "fahrplan-standard")
        #expect(document["version"] as? Int == 1)
        #expect(document["language"] as? String == "de")
        _ = try Self.text(document["title"], "title")
        _ = try Self.text(document["description"], "description")
        let scale = try Self.object(document["scale"], "scale")
        let levels = try Self.array(scale["levels"], "scale.levels").enumerated().map { index, level in
            try Self.object(level, "scale.levels[\(index)]")
        }
        #expect(levels.map { $0["value"] as? Int } == [0, 1, 2, 3, 4])
        #expect(levels.map { $0["label"] as? String } == Self.scaleLabels)
        #expect(scale["dontKnow"] as? String == "weiß nicht")
    }

    @Test("covers the eight topic fields with 5–8 statements each, every one explained and with 2–4 first steps")
    func fieldsAndStatements() throws {
        let document = try Self.load()
        let fields = try Self.array(document["fields"], "fields")
        var titles: [String] = []
        var keys: [String] = []
        var statementTexts = Set<String>()
        for (f, value) in fields.enumerated() {
            let field = try Self.object(value, "fields[\(f)]")
            let fieldKey = try Self.text(field["key"], "fields[\(f)].key")
            keys.append(fieldKey)
            titles.append(try Self.text(field["title"], "fields[\(f)].title"))
            _ = try Self.text(field["description"], "fields[\(f)].description")
            let statements = try Self.array(field["statements"], "fields[\(f)].statements")
            #expect((5...8).contains(statements.count), "\(fieldKey) has \(statements.count) statements")
            for (s, value) in statements.enumerated() {
                let path = "fields[\(f)].statements[\(s)]"
                let statement = try Self.object(value, path)
                let key = try Self.text(statement["key"], path + ".key")
                keys.append(key)
                #expect(key.hasPrefix(fieldKey + "-"), "\(path).key \(key) does not name its field")
                let text = try Self.text(statement["text"], path + ".text")
                #expect(statementTexts.insert(text).inserted, "\(path).text is repeated")
                #expect(text.hasSuffix("."), "\(path).text is not one complete sentence")
                let explanation = try Self.text(statement["explanation"], path + ".explanation")
                #expect(explanation.count >= 120, "\(path).explanation is too short to explain anything")
                let steps = try Self.array(statement["firstSteps"], path + ".firstSteps")
                #expect((2...4).contains(steps.count), "\(path) has \(steps.count) first steps")
                for (n, step) in steps.enumerated() { _ = try Self.text(step, "\(path).firstSteps[\(n)]") }
            }
        }
        for required in Self.requiredFields {
            #expect(titles.contains(required), "topic field \"\(required)\" is missing")
        }
        for (q, value) in try Self.array(document["freeText"], "freeText").enumerated() {
            let question = try Self.object(value, "freeText[\(q)]")
            keys.append(try Self.text(question["key"], "freeText[\(q)].key"))
            #expect(try Self.text(question["text"], "freeText[\(q)].text").hasSuffix("?"))
        }
        let grouping = try Self.array(document["grouping"], "grouping").enumerated().map { index, value in
            try Self.object(value, "grouping[\(index)]")
        }
        keys += try grouping.enumerated().map { index, question in try Self.text(question["key"], "grouping[\(index)].key") }
        #expect(grouping.contains { $0["kind"] as? String == "department" })
        #expect(grouping.contains { $0["kind"] as? String == "choice" && $0["options"] as? [String] == ["ja", "nein"] })

        #expect(keys.allSatisfy(Self.isKey), "keys outside [a-z0-9-]: \(keys.filter { !Self.isKey($0) })")
        #expect(Set(keys).count == keys.count, "duplicate keys: \(Dictionary(grouping: keys) { $0 }.filter { $1.count > 1 }.keys.sorted())")
    }

    @Test("is shipped in the server's resource bundle unchanged")
    func shipped() throws {
        let bundled = URL(fileURLWithPath: FahrplanResources.directory + "Resources/" + Self.relativePath)
        let shippedData = try Data(contentsOf: bundled)
        #expect(shippedData == (try Data(contentsOf: Self.sourceURL)), "the bundled copy differs from \(Self.sourceURL.path)")
    }

    @Test("decodes as a FahrplanCore Questionnaire and passes its validation")
    func decodesWithCore() throws {
        let questionnaire = try Questionnaire.decode(try Data(contentsOf: Self.sourceURL))
        #expect(questionnaire.fields.count >= 8)
        #expect(questionnaire.statements.count == questionnaire.fields.reduce(0) { $0 + $1.statements.count })
        #expect(questionnaire.scale.dontKnow == "weiß nicht")
        #expect(questionnaire.grouping.map(\.kind) == [.department, .choice])
    }
}
