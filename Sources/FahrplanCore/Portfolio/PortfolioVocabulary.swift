/// The words for the portfolio's fixed choices in German and English. The UI shows them, the spreadsheet
/// export writes the German ones, and the import recognises either (plus the code names), so a file can be
/// filled in by hand without knowing Fahrplan's internals.
public protocol LabelledChoice: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    var germanLabel: String { get }
    var englishLabel: String { get }
    /// Further spellings people use in their spreadsheets.
    var aliases: [String] { get }
}

extension LabelledChoice {
    public var aliases: [String] { [] }

    public func label(english: Bool) -> String { english ? englishLabel : germanLabel }

    /// The choice a spreadsheet cell or form value names: its code, German or English label or an alias,
    /// compared without case, umlauts, spaces, hyphens or punctuation.
    public init?(label text: String) {
        // The code name itself (what forms, the API and the import hand on) needs no key comparison.
        if let exact = Self(rawValue: text) { self = exact; return }
        let key = GermanFolding.matchKey(text)
        guard !key.isEmpty else { return nil }
        for choice in Self.allCases {
            let names = [choice.rawValue, choice.germanLabel, choice.englishLabel] + choice.aliases
            if names.contains(where: { GermanFolding.matchKey($0) == key }) { self = choice; return }
        }
        return nil
    }
}

extension ProjectStatus: LabelledChoice {
    public var germanLabel: String {
        switch self {
        case .idea: return "Idee"
        case .submitted: return "Eingereicht"
        case .inReview: return "In Bewertung"
        case .prioritized: return "Priorisiert"
        case .approved: return "Beschlossen"
        case .inProgress: return "In Umsetzung"
        case .completed: return "Abgeschlossen"
        case .deferred: return "Zurückgestellt"
        case .cancelled: return "Abgebrochen"
        }
    }

    public var englishLabel: String {
        switch self {
        case .idea: return "Idea"
        case .submitted: return "Submitted"
        case .inReview: return "In review"
        case .prioritized: return "Prioritized"
        case .approved: return "Approved"
        case .inProgress: return "In progress"
        case .completed: return "Completed"
        case .deferred: return "Deferred"
        case .cancelled: return "Cancelled"
        }
    }

    public var aliases: [String] {
        switch self {
        case .idea: return ["Entwurf", "Draft", "Vorschlag"]
        case .submitted: return ["Gemeldet"]
        case .inReview: return ["Bewertung", "Prüfung", "In Prüfung"]
        case .approved: return ["Genehmigt", "Freigegeben", "Decided"]
        case .inProgress: return ["Umsetzung", "Laufend", "In Arbeit", "Ongoing"]
        case .completed: return ["Umgesetzt", "Erledigt", "Fertig", "Done", "Implemented"]
        case .deferred: return ["Zurueckgestellt", "Verschoben", "Postponed", "On hold"]
        case .cancelled: return ["Abgelehnt", "Eingestellt", "Canceled"]
        default: return []
        }
    }
}

extension ProjectKind: LabelledChoice {
    public var germanLabel: String {
        switch self {
        case .onlineService: return "Neue Online-Leistung"
        case .softwareReplacement: return "Ablösung einer Software"
        case .processOptimization: return "Prozessoptimierung"
        case .infrastructure: return "Basisinfrastruktur / Basiskomponente"
        case .training: return "Qualifizierung"
        case .smartCity: return "Smart-City-Lösung"
        case .other: return "Sonstiges"
        }
    }

    public var englishLabel: String {
        switch self {
        case .onlineService: return "New online service"
        case .softwareReplacement: return "Software replacement"
        case .processOptimization: return "Process optimisation"
        case .infrastructure: return "Basic infrastructure / component"
        case .training: return "Training"
        case .smartCity: return "Smart-city solution"
        case .other: return "Other"
        }
    }

    public var aliases: [String] {
        switch self {
        case .onlineService: return ["Online-Dienst", "Online-Leistung", "Onlinedienst", "OZG-Leistung", "Online service"]
        case .softwareReplacement: return ["Softwareablösung", "Software-Ablösung", "Fachverfahren", "Ablösung"]
        case .processOptimization: return ["Prozess", "Process optimization", "Prozessverbesserung"]
        case .infrastructure: return ["Basisinfrastruktur", "Basiskomponente", "Infrastruktur", "Infrastructure", "Basic component"]
        case .training: return ["Schulung", "Fortbildung", "Qualifikation"]
        case .smartCity: return ["Smart City", "Smart-City"]
        case .other: return ["Andere", "Sonstige"]
        }
    }
}

extension Beneficiary: LabelledChoice {
    public var germanLabel: String {
        switch self {
        case .citizens: return "Bürgerinnen und Bürger"
        case .businesses: return "Unternehmen"
        case .staff: return "Beschäftigte"
        }
    }

    public var englishLabel: String {
        switch self {
        case .citizens: return "Citizens"
        case .businesses: return "Businesses"
        case .staff: return "Staff"
        }
    }

    public var aliases: [String] {
        switch self {
        case .citizens: return ["Bürger", "Bürger:innen", "BürgerInnen", "Einwohner"]
        case .businesses: return ["Wirtschaft", "Firmen", "Betriebe"]
        case .staff: return ["Mitarbeitende", "Mitarbeiter", "Verwaltung", "Beschäftigte der Verwaltung", "Employees"]
        }
    }
}
