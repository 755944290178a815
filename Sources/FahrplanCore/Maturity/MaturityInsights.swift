import Foundation

/// Statements scoring low, worst first, with their first steps (issue 17: "statements scoring low show their
/// first steps"). Low means a mean below `minimum + share × (maximum − minimum)` of the scale; the default share
/// 0.5 gives "below 2" on a 0–4 scale. Ties keep questionnaire order; unrated statements are not listed.
public struct MaturityFirstStep: Sendable, Equatable {
    public var statementKey: String
    public var fieldKey: String
    public var text: String
    public var mean: Double
    public var firstSteps: [String]

    public static func low(_ results: MaturityResults, questionnaire: Questionnaire, share: Double = 0.5) -> [MaturityFirstStep] {
        let threshold = Double(results.scaleMinimum) + share * Double(results.scaleMaximum - results.scaleMinimum)
        let statements = questionnaire.statements
        var picks: [(Int, MaturityFirstStep)] = []
        for (i, result) in results.statements.enumerated() {
            guard let mean = result.mean, mean < threshold, i < statements.count else { continue }
            picks.append((i, MaturityFirstStep(statementKey: result.key, fieldKey: result.fieldKey, text: result.text,
                                               mean: mean, firstSteps: statements[i].firstSteps)))
        }
        return picks.sorted { $0.1.mean != $1.1.mean ? $0.1.mean < $1.1.mean : $0.0 < $1.0 }.map(\.1)
    }
}

/// What a radar chart of the topic fields needs: one axis per field with its mean (nil: nothing rated), the
/// scale's range for the axis length; a second series (an earlier round, a group) may be laid over it.
public struct MaturityRadar: Sendable, Equatable {
    public struct Axis: Sendable, Equatable {
        public var key: String
        public var label: String
        public var value: Double?
        public var comparison: Double?
    }

    public var minimum: Int
    public var maximum: Int
    public var axes: [Axis]

    public init(_ results: MaturityResults, comparedWith other: MaturityResults? = nil) {
        minimum = results.scaleMinimum
        maximum = results.scaleMaximum
        axes = results.fields.map { field in
            Axis(key: field.key, label: field.title, value: field.mean,
                 comparison: other?.fields.first { $0.key == field.key }?.mean)
        }
    }
}

/// Change between two results (an earlier and a later round, or the total and a group): per field, per
/// statement and overall, matched by key; `delta` = later − earlier, nil when either side has no mean.
/// Fields or statements present in only one of them are left out (a new questionnaire version may differ).
public struct MaturityComparison: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var key: String
        public var earlier: Double?
        public var later: Double?
        public var delta: Double? { if let earlier, let later { return later - earlier }; return nil }
    }

    public var fields: [Change]
    public var statements: [Change]
    public var overall: Change
    public var responseCounts: (earlier: Int, later: Int)

    public static func == (a: MaturityComparison, b: MaturityComparison) -> Bool {
        a.fields == b.fields && a.statements == b.statements && a.overall == b.overall && a.responseCounts == b.responseCounts
    }

    public init(earlier: MaturityResults, later: MaturityResults) {
        var earlierFields: [String: Double?] = [:]
        for field in earlier.fields { earlierFields[field.key] = field.mean }
        fields = later.fields.compactMap { field in
            earlierFields[field.key].map { Change(key: field.key, earlier: $0, later: field.mean) }
        }
        var earlierStatements: [String: Double?] = [:]
        for statement in earlier.statements { earlierStatements[statement.key] = statement.mean }
        statements = later.statements.compactMap { statement in
            earlierStatements[statement.key].map { Change(key: statement.key, earlier: $0, later: statement.mean) }
        }
        overall = Change(key: "overall", earlier: earlier.overall, later: later.overall)
        responseCounts = (earlier.responseCount, later.responseCount)
    }

    /// Groups of a breakdown against the breakdown's total; suppressed groups (or a suppressed total) give no
    /// comparison at all, so no difference of hidden figures leaks.
    public static func groupsAgainstTotal(_ breakdown: MaturityBreakdown) -> [(option: String, comparison: MaturityComparison)] {
        guard let total = breakdown.total.results else { return [] }
        return breakdown.groups.compactMap { group in
            group.outcome.results.map { (group.option, MaturityComparison(earlier: total, later: $0)) }
        }
    }
}
