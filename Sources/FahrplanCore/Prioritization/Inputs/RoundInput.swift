import Foundation

/// The settings of a prioritization round as a person submits them.
public struct RoundInput: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var aggregation: String?
    public var topN: String?
    public var legalDeadlineFirst: Bool
    public var inheritUrgency: Bool
    /// Only when creating: catalog criteria (ids; empty = every active criterion), projects, raters (user ids).
    /// The server resolves them within the municipality.
    public var criterionIDs: [String]
    public var projectIDs: [String]
    public var raterIDs: [String]

    public init(title: String? = nil, description: String? = nil, aggregation: String? = nil, topN: String? = nil,
                legalDeadlineFirst: Bool = true, inheritUrgency: Bool = true, criterionIDs: [String] = [],
                projectIDs: [String] = [], raterIDs: [String] = []) {
        self.title = title; self.description = description; self.aggregation = aggregation; self.topN = topN
        self.legalDeadlineFirst = legalDeadlineFirst; self.inheritUrgency = inheritUrgency
        self.criterionIDs = criterionIDs; self.projectIDs = projectIDs; self.raterIDs = raterIDs
    }
}

/// A round's checked settings: what will be stored.
public struct RoundSettings: Sendable, Equatable {
    public var title: String
    public var description: String
    public var aggregation: Aggregation
    /// How many projects the short list shows.
    public var topN: Int
    public var rules: RankingRules
}

public enum RoundLimits {
    public static let title = 200
    public static let topN = 1...1000
    public static let defaultTopN = 10
}

extension RoundInput {
    /// Checks the settings; throws `ValidationFailure` naming every problem. A blank aggregation is the mean,
    /// a blank short list 10 projects.
    public func validated() throws -> RoundSettings {
        var check = Validator()
        let title = check.text("title", title, required: true, max: RoundLimits.title)
        let description = check.text("description", description, required: false, max: ProjectLimits.longText, multiline: true)
        let aggregation = Aggregation(rawValue: aggregation ?? Aggregation.mean.rawValue)
        if aggregation == nil { check.add("aggregation", .invalidChoice) }
        let topN = check.integer("topN", topN ?? "\(RoundLimits.defaultTopN)", required: true, range: RoundLimits.topN)
        try check.finish()
        return RoundSettings(title: title ?? "", description: description ?? "", aggregation: aggregation ?? .mean,
                             topN: topN ?? RoundLimits.defaultTopN,
                             rules: RankingRules(legalDeadlineFirst: legalDeadlineFirst, inheritUrgency: inheritUrgency))
    }
}
