import Foundation

extension Questionnaire {
    public static let maxKeyLength = 80
    public static let maxTextLength = 4000

    /// Keys appear in files, URLs and CSV headers: lowercase ASCII letters, digits and `-`, at most 80 characters.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= maxKeyLength
            && key.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Every problem of the questionnaire at once, each naming the path of its entry (`scale.levels[2].value`,
    /// `fields[1].statements`, `grouping[0].options`): wrong format name, bad or duplicate keys (statement keys
    /// are unique across fields, and all keys of the file are unique together), empty texts, a scale with fewer
    /// than two levels (`scaleTooShort`) or a level value not above the previous one (`outOfRange(min: previous
    /// + 1, …)`), a field without statements, a choice question with fewer than two (or repeated) options.
    public func validate() throws(ValidationFailure) {
        var check = QuestionnaireCheck()
        if format != Self.formatName { check.add("format", .invalidChoice) }
        check.key("key", key)
        if version < 1 { check.add("version", .outOfRange(min: 1, max: Int.max)) }
        check.text("language", language)
        check.text("title", title)
        if scale.levels.count < 2 { check.add("scale.levels", .scaleTooShort) }
        for (i, level) in scale.levels.enumerated() {
            if i > 0, level.value <= scale.levels[i - 1].value {
                check.add("scale.levels[\(i)].value", .outOfRange(min: scale.levels[i - 1].value + 1, max: Int.max))
            }
            check.text("scale.levels[\(i)].label", level.label)
        }
        if let dontKnow = scale.dontKnow { check.text("scale.dontKnow", dontKnow) }
        if fields.isEmpty { check.add("fields", .required) }
        for (f, field) in fields.enumerated() {
            let base = "fields[\(f)]"
            check.key(base + ".key", field.key)
            check.text(base + ".title", field.title)
            if field.statements.isEmpty { check.add(base + ".statements", .required) }
            for (s, statement) in field.statements.enumerated() {
                let path = "\(base).statements[\(s)]"
                check.key(path + ".key", statement.key)
                check.text(path + ".text", statement.text)
                if let explanation = statement.explanation { check.text(path + ".explanation", explanation) }
                for (n, step) in statement.firstSteps.enumerated() { check.text("\(path).firstSteps[\(n)]", step) }
            }
        }
        for (q, question) in freeText.enumerated() {
            check.key("freeText[\(q)].key", question.key)
            check.text("freeText[\(q)].text", question.text)
        }
        for (q, question) in grouping.enumerated() {
            let base = "grouping[\(q)]"
            check.key(base + ".key", question.key)
            check.text(base + ".text", question.text)
            if question.kind == .choice {
                let options = question.options ?? []
                if options.count < 2 { check.add(base + ".options", .tooShort(min: 2)) }
                var seen = Set<String>()
                for (o, option) in options.enumerated() {
                    check.text("\(base).options[\(o)]", option)
                    if !seen.insert(option).inserted { check.add("\(base).options[\(o)]", .duplicate) }
                }
            }
        }
        try check.finish()
    }
}

/// Collects questionnaire problems; keys are checked for syntax and for uniqueness across the whole file.
struct QuestionnaireCheck {
    var problems: [FieldProblem] = []
    var seenKeys = Set<String>()

    mutating func add(_ field: String, _ kind: FieldProblem.Kind) { problems.append(FieldProblem(field, kind)) }

    mutating func key(_ field: String, _ key: String) {
        if !Questionnaire.isValidKey(key) {
            add(field, key.isEmpty ? .required : key.utf8.count > Questionnaire.maxKeyLength
                ? .tooLong(max: Questionnaire.maxKeyLength) : .invalidKey)
        } else if !seenKeys.insert(key).inserted {
            add(field, .duplicate)
        }
    }

    mutating func text(_ field: String, _ value: String) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add(field, .required) }
        else if value.count > Questionnaire.maxTextLength { add(field, .tooLong(max: Questionnaire.maxTextLength)) }
    }

    func finish() throws(ValidationFailure) {
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }
}

/// What saving an edited questionnaire means (issue 17: "a questionnaire that has answers is versioned, never
/// changed under them").
public enum QuestionnaireEditDecision: Equatable, Sendable {
    /// Nothing changed; nothing to save.
    case unchanged
    /// No answers refer to the questionnaire yet: it may be overwritten, version stays.
    case editInPlace
    /// Answers exist: the edit must be saved as a new questionnaire with this version number; the old one stays
    /// as it is for the answers given to it.
    case newVersion(Int)

    /// `latestVersion` is the highest version stored under the questionnaire's key (a new version takes the next
    /// number even when an older version is edited).
    public static func decide(original: Questionnaire, edited: Questionnaire, hasAnswers: Bool,
                              latestVersion: Int? = nil) -> QuestionnaireEditDecision {
        var comparable = edited
        comparable.version = original.version
        if comparable == original { return .unchanged }
        guard hasAnswers else { return .editInPlace }
        return .newVersion(max(latestVersion ?? original.version, original.version) + 1)
    }
}
