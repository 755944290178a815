import FahrplanCore
import Foundation
import Vapor

/// The structured edit form of a questionnaire as flat form fields (`f0.title`, `f0.s1.text`, `level2`): brackets
/// would make the form decoder build nested containers, and each input's name must stay a plain key.
/// `action` says what the button pressed does: `save`, `addField`, `addStatement-<f>`, `removeField-<f>`,
/// `removeStatement-<f>-<s>` (all but `save` only re-render the form with the change, nothing is stored).
struct QuestionnaireForm: Decodable, VersionedForm {
    struct Field {
        var key: String
        var title: String
        var description: String
        var statements: [StatementInput]
    }

    struct StatementInput {
        var key: String
        var text: String
        var explanation: String
        var firstSteps: String
    }

    var version: Int?
    var action: String
    var title: String
    var description: String
    var levelLabels: [String]
    var dontKnow: String
    var fields: [Field]

    init(_ questionnaire: Questionnaire, version: Int) {
        self.version = version
        action = "save"
        title = questionnaire.title
        description = questionnaire.description ?? ""
        levelLabels = questionnaire.scale.levels.map(\.label)
        dontKnow = questionnaire.scale.dontKnow ?? ""
        fields = questionnaire.fields.map { field in
            Field(key: field.key, title: field.title, description: field.description ?? "",
                  statements: field.statements.map {
                      StatementInput(key: $0.key, text: $0.text, explanation: $0.explanation ?? "", firstSteps: $0.firstSteps.joined(separator: "\n"))
                  })
        }
    }

    init(from decoder: any Decoder) throws {
        let values = try [String: String](from: decoder)
        func value(_ name: String) -> String { values[name] ?? "" }
        func count(_ name: String, max: Int) -> Int { Swift.min(Swift.max(Int(value(name)) ?? 0, 0), max) }
        version = Int(value("version"))
        action = values["action"] ?? "save"
        title = value("title")
        description = value("description")
        levelLabels = (0..<count("levelCount", max: MaturityResponseCoding.maximumLevels)).map { value("level\($0)") }
        dontKnow = value("dontKnow")
        fields = (0..<count("fieldCount", max: 100)).map { f in
            Field(key: value("f\(f).key"), title: value("f\(f).title"), description: value("f\(f).description"),
                  statements: (0..<count("f\(f).statementCount", max: 200)).map { s in
                      let p = "f\(f).s\(s)."
                      return StatementInput(key: value(p + "key"), text: value(p + "text"), explanation: value(p + "explanation"),
                                            firstSteps: value(p + "firstSteps"))
                  })
        }
    }

    /// Applies an add or remove button; false for `save` (or an unknown action).
    mutating func applyStructuralAction() -> Bool {
        let parts = action.split(separator: "-").map(String.init)
        let empty = StatementInput(key: "", text: "", explanation: "", firstSteps: "")
        switch parts.first {
        case "addField":
            fields.append(Field(key: "", title: "", description: "", statements: [empty]))
        case "addStatement":
            guard parts.count == 2, let f = Int(parts[1]), fields.indices.contains(f) else { return false }
            fields[f].statements.append(empty)
        case "removeField":
            guard parts.count == 2, let f = Int(parts[1]), fields.indices.contains(f) else { return false }
            fields.remove(at: f)
        case "removeStatement":
            guard parts.count == 3, let f = Int(parts[1]), let s = Int(parts[2]), fields.indices.contains(f),
                  fields[f].statements.indices.contains(s) else { return false }
            fields[f].statements.remove(at: s)
        default:
            return false
        }
        return true
    }

    /// The edited questionnaire: scale values, free-text and grouping questions come from the stored one (the form
    /// does not edit them); new fields and statements get keys made from their titles and texts.
    func questionnaire(basedOn original: Questionnaire) -> Questionnaire {
        var result = original
        result.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        result.description = CleanText.normalize(description, multiline: true)
        result.scale.levels = original.scale.levels.enumerated().map { i, level in
            RatingScale.Level(value: level.value, label: i < levelLabels.count ? levelLabels[i].trimmingCharacters(in: .whitespacesAndNewlines) : level.label)
        }
        if original.scale.dontKnow != nil || !dontKnow.isEmpty {
            result.scale.dontKnow = CleanText.normalize(dontKnow, multiline: false) ?? (original.scale.dontKnow == nil ? nil : "")
        }
        var used = Set(original.grouping.map(\.key) + original.freeText.map(\.key))
        for field in fields { used.insert(field.key); for s in field.statements { used.insert(s.key) } }
        used.remove("")
        func newKey(_ text: String, fallback: String) -> String {
            let base = QuestionnaireKeys.slug(text).isEmpty ? fallback : QuestionnaireKeys.slug(text)
            var key = base, n = 2
            while used.contains(key) { key = "\(base.prefix(Questionnaire.maxKeyLength - 4))-\(n)"; n += 1 }
            used.insert(key)
            return key
        }
        result.fields = fields.map { field in
            TopicField(key: field.key.isEmpty ? newKey(field.title, fallback: "themenfeld") : field.key,
                       title: field.title.trimmingCharacters(in: .whitespacesAndNewlines),
                       description: CleanText.normalize(field.description, multiline: true),
                       statements: field.statements.map { s in
                           Statement(key: s.key.isEmpty ? newKey(s.text, fallback: "aussage") : s.key,
                                     text: s.text.trimmingCharacters(in: .whitespacesAndNewlines),
                                     explanation: CleanText.normalize(s.explanation, multiline: true),
                                     firstSteps: s.firstSteps.split(whereSeparator: \.isNewline)
                                         .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
                       })
        }
        return result
    }
}

enum QuestionnaireKeys {
    /// A key from a title: lowercase ASCII, umlauts spelled out, other characters as `-`, at most 40 characters.
    static func slug(_ text: String) -> String {
        let spelled = text.lowercased().replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
        var out = ""
        for scalar in spelled.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") { out.unicodeScalars.append(scalar) }
            else if !out.isEmpty, !out.hasSuffix("-") { out.append("-") }
            if out.count >= 40 { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
