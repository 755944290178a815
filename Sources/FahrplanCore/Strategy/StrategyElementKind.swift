/// The kinds of element in a municipality's strategy frame (Strategierahmen), below the vision.
/// They form a tree: Handlungsfeld → strategisches Ziel → Programm; Leitlinien stand on their own.
public enum StrategyElementKind: String, Codable, CaseIterable, Sendable {
    /// Leitlinie: a guiding principle.
    case principle
    /// Handlungsfeld: a field of action.
    case fieldOfAction
    /// Strategisches Ziel: a measurable strategic goal under a field of action.
    case goal
    /// Programm: bundles projects and work under a goal.
    case program

    /// The segment used in web and API paths, e.g. `/m/musterstadt/goals`.
    public var pathSegment: String {
        switch self {
        case .principle: return "principles"
        case .fieldOfAction: return "fields-of-action"
        case .goal: return "goals"
        case .program: return "programs"
        }
    }

    public init?(pathSegment: String) {
        guard let kind = Self.allCases.first(where: { $0.pathSegment == pathSegment }) else { return nil }
        self = kind
    }

    /// The kind an element of this kind hangs under, if any.
    public var parentKind: StrategyElementKind? {
        switch self {
        case .principle, .fieldOfAction: return nil
        case .goal: return .fieldOfAction
        case .program: return .goal
        }
    }

    /// Goals must say how their achievement is measured.
    public var requiresTargetStatement: Bool { self == .goal }
    public var hasTarget: Bool { self == .goal }
    public var hasResponsibleDepartment: Bool { self == .goal || self == .program }
}
