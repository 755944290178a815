/// What kind of project it is (Projektart). Drives reporting and, later, default criteria values.
public enum ProjectKind: String, Codable, CaseIterable, Sendable {
    /// Neue Online-Leistung für Bürgerinnen, Bürger oder Unternehmen.
    case onlineService
    /// Ablösung einer Fachsoftware.
    case softwareReplacement
    /// Prozessoptimierung.
    case processOptimization
    /// Basisinfrastruktur oder Basiskomponente, on which other projects build.
    case infrastructure
    /// Qualifizierung, Schulung.
    case training
    /// Smart-City-Lösung.
    case smartCity
    /// Sonstiges.
    case other
}

/// Who benefits from a project (Nutzen für …).
public enum Beneficiary: String, Codable, CaseIterable, Sendable {
    case citizens
    case businesses
    case staff
}
