import Foundation

/// Results of one round (or one group of it): distribution and mean per statement, mean per topic field and
/// overall. Means are on the scale's values and leave "don't know" and skipped out.
/// - Field mean: the mean of the field's statement means (each statement weighs the same, however many rated it);
///   statements nobody rated are left out; nil when none was rated.
/// - Overall: the mean of the field means (each field weighs the same, however many statements it has).
/// Computed in one pass over the responses with flat arrays indexed by statement position and level (`MaturityTally`).
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
        var tally = MaturityTally(questionnaire)
        tally.add(contentsOf: responses)
        return tally.results(questionnaire, invited: invited)
    }
}
