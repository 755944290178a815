import Foundation

/// A maturity questionnaire as data (issue 17), in the file format `fahrplan-questionnaire/1`: topic fields with
/// rated statements, a labelled rating scale, optional free-text and grouping questions. Decoding and encoding
/// follow the format exactly (same keys; `description`, `explanation`, `dontKnow`, `options` may be absent,
/// `freeText`, `grouping` and `firstSteps` may be absent and then mean "none").
public struct Questionnaire: Codable, Sendable, Equatable {
    public static let formatName = "fahrplan-questionnaire/1"

    public var format: String
    public var key: String
    public var version: Int
    public var language: String
    public var title: String
    public var description: String?
    public var scale: RatingScale
    public var fields: [TopicField]
    public var freeText: [FreeTextQuestion]
    public var grouping: [GroupingQuestion]

    public init(format: String = Questionnaire.formatName, key: String, version: Int = 1, language: String = "de",
                title: String, description: String? = nil, scale: RatingScale, fields: [TopicField],
                freeText: [FreeTextQuestion] = [], grouping: [GroupingQuestion] = []) {
        self.format = format; self.key = key; self.version = version; self.language = language; self.title = title
        self.description = description; self.scale = scale; self.fields = fields; self.freeText = freeText
        self.grouping = grouping
    }

    enum CodingKeys: String, CodingKey {
        case format, key, version, language, title, description, scale, fields, freeText, grouping
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        key = try c.decode(String.self, forKey: .key)
        version = try c.decode(Int.self, forKey: .version)
        language = try c.decode(String.self, forKey: .language)
        title = try c.decode(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        scale = try c.decode(RatingScale.self, forKey: .scale)
        fields = try c.decode([TopicField].self, forKey: .fields)
        freeText = try c.decodeIfPresent([FreeTextQuestion].self, forKey: .freeText) ?? []
        grouping = try c.decodeIfPresent([GroupingQuestion].self, forKey: .grouping) ?? []
    }

    /// All statements in questionnaire order; a statement's index here is its *position*, which answers and
    /// results use instead of keys so that the counting loops index arrays.
    public var statements: [Statement] { fields.flatMap(\.statements) }
}

/// The rating scale: labelled levels with strictly increasing values (e.g. 0 "trifft nicht zu" … 4 "trifft voll
/// zu") and, optionally, the label of a "don't know" answer (absent: "don't know" is not offered).
public struct RatingScale: Codable, Sendable, Equatable {
    public struct Level: Codable, Sendable, Equatable {
        public var value: Int
        public var label: String
        public init(value: Int, label: String) { self.value = value; self.label = label }
    }

    public var levels: [Level]
    public var dontKnow: String?

    public init(levels: [Level], dontKnow: String? = nil) { self.levels = levels; self.dontKnow = dontKnow }

    public var minimum: Int { levels.first?.value ?? 0 }
    public var maximum: Int { levels.last?.value ?? 0 }

    /// The index of the level with this value, nil when the value is not on the scale.
    public func levelIndex(of value: Int) -> Int? { levels.firstIndex { $0.value == value } }
}

/// A topic field (Themenfeld), e.g. "Führung und Strategie".
public struct TopicField: Codable, Sendable, Equatable {
    public var key: String
    public var title: String
    public var description: String?
    public var statements: [Statement]

    public init(key: String, title: String, description: String? = nil, statements: [Statement]) {
        self.key = key; self.title = title; self.description = description; self.statements = statements
    }
}

/// A statement to rate, with its explanation ("Worum geht es und warum ist das wichtig?") and first steps
/// ("Was können erste Schritte sein?").
public struct Statement: Codable, Sendable, Equatable {
    public var key: String
    public var text: String
    public var explanation: String?
    public var firstSteps: [String]

    public init(key: String, text: String, explanation: String? = nil, firstSteps: [String] = []) {
        self.key = key; self.text = text; self.explanation = explanation; self.firstSteps = firstSteps
    }

    enum CodingKeys: String, CodingKey { case key, text, explanation, firstSteps }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        text = try c.decode(String.self, forKey: .text)
        explanation = try c.decodeIfPresent(String.self, forKey: .explanation)
        firstSteps = try c.decodeIfPresent([String].self, forKey: .firstSteps) ?? []
    }
}

public struct FreeTextQuestion: Codable, Sendable, Equatable {
    public var key: String
    public var text: String
    public init(key: String, text: String) { self.key = key; self.text = text }
}

/// A grouping question for breakdowns. `department`: the options are the municipality's departments at answer
/// time (the file names none); `choice`: the file lists the options (e.g. leadership "ja"/"nein").
public struct GroupingQuestion: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case department, choice }
    public var key: String
    public var text: String
    public var kind: Kind
    public var options: [String]?

    public init(key: String, text: String, kind: Kind, options: [String]? = nil) {
        self.key = key; self.text = text; self.kind = kind; self.options = options
    }
}

extension Questionnaire {
    /// Reads a questionnaire file and validates it. A file that is not JSON of the format's shape is reported as a
    /// problem naming the path of the offending entry (e.g. `fields[0].statements[1].text`), like validation.
    public static func decode(_ data: Data) throws(ValidationFailure) -> Questionnaire {
        let questionnaire: Questionnaire
        do {
            questionnaire = try JSONDecoder().decode(Questionnaire.self, from: data)
        } catch let error as DecodingError {
            throw ValidationFailure([Self.problem(for: error)])
        } catch {
            throw ValidationFailure([FieldProblem("format", .invalidChoice)])
        }
        try questionnaire.validate()
        return questionnaire
    }

    /// The file form: sorted keys and pretty-printed so that files diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func problem(for error: DecodingError) -> FieldProblem {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "format" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return FieldProblem(path(context.codingPath + [key]), .required)
        case .valueNotFound(_, let context): return FieldProblem(path(context.codingPath), .required)
        case .typeMismatch(_, let context): return FieldProblem(path(context.codingPath), .invalidChoice)
        case .dataCorrupted(let context): return FieldProblem(path(context.codingPath), .invalidChoice)
        @unknown default: return FieldProblem("format", .invalidChoice)
        }
    }
}
