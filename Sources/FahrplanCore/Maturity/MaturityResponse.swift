import Foundation

/// One rating as given: a value on the scale, "don't know", or nothing (skipped).
public enum MaturityRating: Equatable, Sendable {
    case value(Int)
    case dontKnow
    case skipped
}

/// A response as a form or the API sends it, by keys.
public struct MaturityResponseInput: Sendable, Equatable {
    public var ratings: [String: MaturityRating]
    public var freeTexts: [String: String]
    /// Grouping question key → chosen option (for `department` questions: the department's key).
    public var groups: [String: String]

    public init(ratings: [String: MaturityRating] = [:], freeTexts: [String: String] = [:], groups: [String: String] = [:]) {
        self.ratings = ratings; self.freeTexts = freeTexts; self.groups = groups
    }
}

/// A checked response in the compact form the results count: one level code per statement *position*
/// (`Questionnaire.statements` order) so that counting indexes arrays, never dictionaries.
public struct MaturityResponse: Sendable, Equatable {
    /// Level index on the scale (0 = lowest level), or `dontKnowCode`, or `skippedCode`.
    public var levels: [Int8]
    /// Chosen option per grouping question position, nil when not answered.
    public var groups: [String?]
    /// Free-text answers per free-text question position, nil when not answered.
    public var freeTexts: [String?]

    public static let dontKnowCode: Int8 = -1
    public static let skippedCode: Int8 = -2

    public init(levels: [Int8], groups: [String?] = [], freeTexts: [String?] = []) {
        self.levels = levels; self.groups = groups; self.freeTexts = freeTexts
    }
}

extension Questionnaire {
    public static let maxFreeTextAnswerLength = 4000

    /// Checks an answer against this questionnaire. Problems name the entry: `ratings.<key>` unknown statement
    /// (`unknownReference`), a value outside the scale (`outOfRange(min, max)`), a value inside but not a level,
    /// or "don't know" where the scale offers none (`invalidChoice`); `groups.<key>` an unknown question
    /// (`unknownReference`) or an option that is not offered (`invalidChoice`; department questions offer
    /// `departments`); `freeTexts.<key>` unknown question or too long. Statements not rated count as skipped.
    public func validatedResponse(_ input: MaturityResponseInput, departments: [String] = []) throws(ValidationFailure) -> MaturityResponse {
        var problems: [FieldProblem] = []
        let statements = self.statements
        var position: [String: Int] = [:]
        for (i, statement) in statements.enumerated() { position[statement.key] = i }
        var levels = [Int8](repeating: MaturityResponse.skippedCode, count: statements.count)
        for (key, rating) in input.ratings.sorted(by: { $0.key < $1.key }) {
            let field = "ratings.\(key)"
            guard let index = position[key] else { problems.append(FieldProblem(field, .unknownReference)); continue }
            switch rating {
            case .skipped: levels[index] = MaturityResponse.skippedCode
            case .dontKnow:
                if scale.dontKnow == nil { problems.append(FieldProblem(field, .invalidChoice)) }
                else { levels[index] = MaturityResponse.dontKnowCode }
            case .value(let value):
                if let level = scale.levelIndex(of: value) { levels[index] = Int8(clamping: level) }
                else if value < scale.minimum || value > scale.maximum {
                    problems.append(FieldProblem(field, .outOfRange(min: scale.minimum, max: scale.maximum)))
                } else { problems.append(FieldProblem(field, .invalidChoice)) }
            }
        }
        var groups = [String?](repeating: nil, count: grouping.count)
        for (key, option) in input.groups.sorted(by: { $0.key < $1.key }) {
            let field = "groups.\(key)"
            guard let index = grouping.firstIndex(where: { $0.key == key }) else {
                problems.append(FieldProblem(field, .unknownReference)); continue
            }
            let offered = grouping[index].kind == .department ? departments : (grouping[index].options ?? [])
            if offered.contains(option) { groups[index] = option } else { problems.append(FieldProblem(field, .invalidChoice)) }
        }
        var texts = [String?](repeating: nil, count: freeText.count)
        for (key, raw) in input.freeTexts.sorted(by: { $0.key < $1.key }) {
            let field = "freeTexts.\(key)"
            guard let index = freeText.firstIndex(where: { $0.key == key }) else {
                problems.append(FieldProblem(field, .unknownReference)); continue
            }
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.count > Self.maxFreeTextAnswerLength {
                problems.append(FieldProblem(field, .tooLong(max: Self.maxFreeTextAnswerLength)))
            } else if !text.isEmpty { texts[index] = text }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return MaturityResponse(levels: levels, groups: groups, freeTexts: texts)
    }
}
