import Foundation

/// Results of one round (or one group of it): distribution and mean per statement, mean per topic field and
/// overall. Means are on the scale's values and leave "don't know" and skipped out.
/// - Field mean: the mean of the field's statement means (each statement weighs the same, however many rated it);
///   statements nobody rated are left out; nil when none was rated.
/// - Overall: the mean of the field means (each field weighs the same, however many statements it has).
/// Computed in one pass over the responses with flat arrays indexed by statement position and level.
public struct MaturityResults: Sendable, Equatable {
    public struct StatementResult: Sendable, Equatable {
        public var key: String
        public var fieldKey: String
        public var text: String
        /// Count per scale level, in scale order.
        public var counts: [Int]
        public var dontKnow: Int
        public var skipped: Int
        public var mean: Double?
        public var rated: Int { counts.reduce(0, +) }
    }

    public struct FieldResult: Sendable, Equatable {
        public var key: String
        public var title: String
        public var mean: Double?
        /// Positions in `statements` of this field's statements.
        public var statementRange: Range<Int>
    }

    public var responseCount: Int
    /// Invited people (or staff count) when known.
    public var invited: Int?
    public var statements: [StatementResult]
    public var fields: [FieldResult]
    public var overall: Double?
    public var scaleMinimum: Int
    public var scaleMaximum: Int

    /// Responses per invited person, nil without a positive invited count (can exceed 1 with a public link).
    public var responseRate: Double? {
        guard let invited, invited > 0 else { return nil }
        return Double(responseCount) / Double(invited)
    }

    public static func compute(_ questionnaire: Questionnaire, responses: [MaturityResponse], invited: Int? = nil) -> MaturityResults {
        compute(questionnaire, responses: responses[...], invited: invited)
    }

    public static func compute<C: Collection>(_ questionnaire: Questionnaire, responses: C, invited: Int? = nil) -> MaturityResults
    where C.Element == MaturityResponse {
        let statementCount = questionnaire.fields.reduce(0) { $0 + $1.statements.count }
        let levelCount = questionnaire.scale.levels.count
        let width = levelCount + 2  // levels, then don't know, then skipped
        var counts = [Int](repeating: 0, count: statementCount * width)
        counts.withUnsafeMutableBufferPointer { buffer in
            for response in responses {
                response.levels.withUnsafeBufferPointer { levels in
                    let n = min(levels.count, statementCount)
                    var base = 0
                    for s in 0..<n {
                        let code = Int(levels[s])
                        buffer[base + (code >= 0 ? code : levelCount - 1 - code)] += 1
                        base += width
                    }
                    // A response shorter than the questionnaire (should not happen) counts the rest as skipped.
                    if n < statementCount { for s in n..<statementCount { buffer[s * width + levelCount + 1] += 1 } }
                }
            }
        }
        let values = questionnaire.scale.levels.map { Double($0.value) }
        var statements: [StatementResult] = []
        statements.reserveCapacity(statementCount)
        var fields: [FieldResult] = []
        var position = 0
        for field in questionnaire.fields {
            let start = position
            var sum = 0.0, counted = 0
            for statement in field.statements {
                let row = Array(counts[position * width ..< position * width + levelCount])
                let rated = row.reduce(0, +)
                var mean: Double?
                if rated > 0 {
                    var total = 0.0
                    for l in 0..<levelCount { total += Double(row[l]) * values[l] }
                    mean = total / Double(rated)
                }
                if let mean { sum += mean; counted += 1 }
                statements.append(StatementResult(key: statement.key, fieldKey: field.key, text: statement.text, counts: row,
                                                  dontKnow: counts[position * width + levelCount],
                                                  skipped: counts[position * width + levelCount + 1], mean: mean))
                position += 1
            }
            fields.append(FieldResult(key: field.key, title: field.title, mean: counted > 0 ? sum / Double(counted) : nil,
                                      statementRange: start..<position))
        }
        let fieldMeans = fields.compactMap(\.mean)
        return MaturityResults(responseCount: responses.count, invited: invited, statements: statements, fields: fields,
                               overall: fieldMeans.isEmpty ? nil : fieldMeans.reduce(0, +) / Double(fieldMeans.count),
                               scaleMinimum: questionnaire.scale.minimum, scaleMaximum: questionnaire.scale.maximum)
    }
}
