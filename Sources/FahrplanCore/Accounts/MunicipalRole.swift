/// What a person may do within one municipality (Kommune). A person can hold different roles in different
/// municipalities of the same installation.
public enum MunicipalRole: String, Codable, CaseIterable, Sendable, Comparable {
    /// Reads the strategy and reports (e.g. council members, leadership).
    case reader
    /// Rates projects in prioritization rounds; reads everything else.
    case rater
    /// Leads a department: edits the items of the own department.
    case departmentLead
    /// Digital strategy team: full rights within the municipality.
    case strategyTeam

    private var rank: Int {
        switch self {
        case .reader: return 0
        case .rater: return 1
        case .departmentLead: return 2
        case .strategyTeam: return 3
        }
    }

    public static func < (lhs: MunicipalRole, rhs: MunicipalRole) -> Bool { lhs.rank < rhs.rank }
}
