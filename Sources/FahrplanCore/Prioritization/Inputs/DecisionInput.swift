import Foundation

/// Who decided, when, and why — asked for by every step that creates a decision record.
public struct DecisionInput: Sendable, Equatable {
    public var decidedBy: String?
    /// German or ISO; blank means today.
    public var decidedOn: String?
    public var rationale: String?

    public init(decidedBy: String? = nil, decidedOn: String? = nil, rationale: String? = nil) {
        self.decidedBy = decidedBy; self.decidedOn = decidedOn; self.rationale = rationale
    }
}

/// A checked decision record's who, when and why.
public struct DecisionValues: Sendable, Equatable {
    public var decidedBy: String
    public var decidedOn: CalendarDay
    public var rationale: String
}

public enum DecisionLimits {
    public static let decidedBy = 200
}

extension DecisionInput {
    /// Checks the three fields into `check`, so that a step can report them together with its own fields;
    /// nil when any is wrong. `today` (in the municipality's calendar) is the day of a decision without one.
    public func validated(into check: inout Validator, today: CalendarDay?) -> DecisionValues? {
        let by = check.text("decidedBy", decidedBy, required: true, max: DecisionLimits.decidedBy)
        var day: CalendarDay?
        if let raw = decidedOn?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            day = CalendarDay(parsing: raw)
            if day == nil { check.add("decidedOn", .invalidDate) }
        } else {
            day = today
        }
        let rationale = check.text("rationale", rationale, required: true, max: ProjectLimits.longText, multiline: true)
        guard let by, let day, let rationale else { return nil }
        return DecisionValues(decidedBy: by, decidedOn: day, rationale: rationale)
    }

    /// The three fields alone; throws `ValidationFailure` naming every problem.
    public func validated(today: CalendarDay?) throws -> DecisionValues {
        var check = Validator()
        let values = validated(into: &check, today: today)
        try check.finish()
        guard let values else { throw ValidationFailure([FieldProblem("decidedOn", .required)]) }
        return values
    }
}

/// What a decision record is about.
public enum DecisionKind: String, Codable, CaseIterable, Sendable {
    /// A round's computed ranking becomes official (on closing).
    case adoptRanking
    /// A scenario's ranking becomes the official one.
    case adoptScenario
    /// A project's position set by hand, against the computed one.
    case overrideRank
    case startProject
    case deferProject

    /// The decisions a person records by hand about a project; the others come with closing a round, adopting a
    /// scenario or overriding a rank.
    public static let manual: [DecisionKind] = [.startProject, .deferProject]

    /// The status the project moves to with the decision (Beschlossen, Zurückgestellt); nil for decisions about
    /// a ranking.
    public var resultingStatus: ProjectStatus? {
        switch self {
        case .startProject: return .approved
        case .deferProject: return .deferred
        case .adoptRanking, .adoptScenario, .overrideRank: return nil
        }
    }
}
