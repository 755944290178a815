import Foundation

/// What an update cycle asks owners to keep current (Aktualisierungszyklus-Gegenstand): a project's status
/// report (Statusbericht) or a KPI's measurement (Messwert einer Kennzahl). The raw values are stored and
/// appear in the API.
public enum MonitoringSubjectKind: String, Codable, Sendable, CaseIterable, Hashable {
    case projectStatus
    case kpiMeasurement
}

/// How often an update is due (Turnus): the periods are calendar months, quarters, half-years or years.
public enum UpdateInterval: String, Codable, Sendable, CaseIterable, Hashable {
    case monthly
    case quarterly
    case halfYearly
    case yearly

    /// Calendar months per period; periods start in January and follow each other without gaps.
    public var months: Int {
        switch self {
        case .monthly: return 1
        case .quarterly: return 3
        case .halfYearly: return 6
        case .yearly: return 12
        }
    }

    /// Days of the shortest period of this interval (February, the first quarter or half of a common year).
    /// A deadline must lie within the following period, so it must be shorter than this: then at most the
    /// previous period is still open when a new one begins.
    public var shortestPeriodDays: Int {
        switch self {
        case .monthly: return 28
        case .quarterly: return 90
        case .halfYearly: return 181
        case .yearly: return 365
        }
    }
}

/// Whose job an update is (Zuständigkeitsregel): each project's or KPI's named owner, or one named person for
/// every subject of the cycle.
public enum CycleOwnerRule: String, Codable, Sendable, CaseIterable, Hashable {
    case subjectOwner
    case namedPerson
}

extension Permissions {
    /// Update cycles, the late list and period locks belong to the strategy team.
    public var canManageUpdateCycles: Bool { canEditFrame }
}
