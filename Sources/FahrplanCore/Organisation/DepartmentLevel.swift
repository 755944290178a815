/// The level of an organisational unit in a German municipal administration.
/// Dezernat (division under a deputy mayor) → Amt/Fachdienst (office) → Sachgebiet (section).
public enum DepartmentLevel: String, Codable, CaseIterable, Sendable {
    case division      // Dezernat / Fachbereich
    case office        // Amt / Fachdienst
    case section       // Sachgebiet / Abteilung

    /// The level a child of this unit has; a section has no children.
    public var childLevel: DepartmentLevel? {
        switch self {
        case .division: return .office
        case .office: return .section
        case .section: return nil
        }
    }
}
