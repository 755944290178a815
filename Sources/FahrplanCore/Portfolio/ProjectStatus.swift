/// Where a project stands in its life (Projektstatus). The workflow runs
/// Idee → Eingereicht → In Bewertung → Priorisiert → Beschlossen → In Umsetzung → Abgeschlossen;
/// Zurückgestellt (deferred) and Abgebrochen (cancelled) are possible from every open state.
public enum ProjectStatus: String, Codable, CaseIterable, Sendable, Comparable {
    case idea
    case submitted
    case inReview
    case prioritized
    case approved
    case inProgress
    case completed
    case deferred
    case cancelled

    /// The main line of the workflow, in order.
    public static let mainLine: [ProjectStatus] = [.idea, .submitted, .inReview, .prioritized, .approved, .inProgress, .completed]

    /// Completed and cancelled projects are closed; a deferred one may be taken up again.
    public var isClosed: Bool { self == .completed || self == .cancelled }

    /// The statuses a project may move to from here. A deferred project goes back to where the main line
    /// can pick it up again (review or idea); a cancelled one can only be revived as an idea.
    public var nextStatuses: [ProjectStatus] {
        switch self {
        case .completed: return []
        case .cancelled: return [.idea]
        case .deferred: return [.idea, .submitted, .inReview, .cancelled]
        default:
            var next: [ProjectStatus] = []
            if let index = Self.mainLine.firstIndex(of: self) {
                if index + 1 < Self.mainLine.count { next.append(Self.mainLine[index + 1]) }
                // One step back, e.g. a submission returned to the department for rework.
                if index > 0 && self != .inProgress { next.append(Self.mainLine[index - 1]) }
            }
            return next + [.deferred, .cancelled]
        }
    }

    public func canMove(to target: ProjectStatus) -> Bool { nextStatuses.contains(target) }

    /// A department lead moves the own projects only where the department acts: submitting an idea (or
    /// taking a submission back), and reporting the end of an implementation. Everything else is decided
    /// by the strategy team.
    public func departmentMayMove(to target: ProjectStatus) -> Bool {
        switch (self, target) {
        case (.idea, .submitted), (.submitted, .idea), (.inProgress, .completed): return true
        default: return false
        }
    }

    /// Reporting groups for the council: implemented, in progress, planned.
    public var reportGroup: ReportGroup {
        switch self {
        case .completed: return .implemented
        case .inProgress: return .inProgress
        case .cancelled, .deferred: return .stopped
        default: return .planned
        }
    }

    public enum ReportGroup: String, Sendable { case implemented, inProgress, planned, stopped }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: ProjectStatus, rhs: ProjectStatus) -> Bool { lhs.rank < rhs.rank }
}

/// One step in a project's status history: who moved it, when, from where to where and why.
public struct ProjectStatusChange: Sendable, Equatable {
    public var from: ProjectStatus?
    public var to: ProjectStatus
    public var reason: String?

    public init(from: ProjectStatus?, to: ProjectStatus, reason: String?) {
        self.from = from; self.to = to; self.reason = reason
    }
}
