import Foundation

/// One score as a rater enters it: a blank `score` removes an earlier one.
public struct RatingInput: Sendable, Equatable {
    public var projectID: String
    public var criterionKey: String
    public var score: String?
    public var justification: String?

    public init(projectID: String, criterionKey: String, score: String? = nil, justification: String? = nil) {
        self.projectID = projectID; self.criterionKey = criterionKey; self.score = score; self.justification = justification
    }

    public static let justificationLimit = 1_000
}

/// A checked score: `score` nil removes the rater's earlier score.
public struct RatingValues: Sendable, Equatable {
    public var projectID: UUID
    public var criterionKey: String
    public var score: Int?
    public var justification: String
}

extension RatingInput {
    /// Checks a rater's scores against the round (all or nothing): each names a project of the round
    /// (`projects`) and a criterion of the round that is rated (`criteria`, by key), and the score is a level of
    /// that criterion's scale. Throws `ValidationFailure` naming every problem by position (`ratings[2].score`).
    public static func validated(_ inputs: [RatingInput], projects: Set<UUID>,
                                 criteria: [String: Criterion]) throws -> [RatingValues] {
        var check = Validator()
        var values: [RatingValues] = []
        for (index, input) in inputs.enumerated() {
            let field = "ratings[\(index)]"
            guard let project = UUID(uuidString: input.projectID), projects.contains(project) else {
                check.add("\(field).projectID", .unknownReference); continue
            }
            guard let scale = criteria[input.criterionKey], scale.source == .rating else {
                check.add("\(field).criterionKey", .unknownReference); continue
            }
            let score = check.integer("\(field).score", input.score, range: scale.minimum...scale.maximum)
            if let score, scale.level(score) == nil { check.add("\(field).score", .outOfRange(min: scale.minimum, max: scale.maximum)) }
            let justification = check.text("\(field).justification", input.justification, required: false,
                                           max: justificationLimit, multiline: true) ?? ""
            values.append(RatingValues(projectID: project, criterionKey: input.criterionKey, score: score, justification: justification))
        }
        try check.finish()
        return values
    }
}
