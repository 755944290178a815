/// One column of the project spreadsheet (Projektliste): its German and English header, the other names
/// people give it, and which part of a profile it fills. The catalogue is the single source for import,
/// export, the downloadable template and the documentation's column table.
public enum ProjectColumn: String, CaseIterable, Sendable, Hashable {
    case code, title, department, summary, description, responsiblePerson, kind, status
    case fieldsOfAction, goals, programs
    case legalObligation, legalReference, legalDeadline, administrativeService
    case beneficiaries, benefitDescription, hoursSavedPerYear, citizenHoursSavedPerYear, businessHoursSavedPerYear
    case startOn, endOn, risks, tags, dependencies
    /// Year columns: `Einmalkosten 2027`; without a year the start year (or the current one) is meant.
    case oneOffCosts, runningCosts, staff
    /// `32 2027: 0,5; IT 2028: 1` — effort of units other than the submitting one.
    case otherUnitsStaff

    /// The header the export and the template write (German, as the municipality's staff read it).
    public var germanHeader: String {
        switch self {
        case .code: return "Kennung"
        case .title: return "Titel"
        case .department: return "Fachdienst"
        case .summary: return "Kurzbeschreibung"
        case .description: return "Beschreibung"
        case .responsiblePerson: return "Verantwortlich"
        case .kind: return "Projektart"
        case .status: return "Status"
        case .fieldsOfAction: return "Handlungsfeld"
        case .goals: return "Ziele"
        case .programs: return "Programm"
        case .legalObligation: return "Gesetzliche Pflicht"
        case .legalReference: return "Rechtsgrundlage"
        case .legalDeadline: return "Gesetzliche Frist"
        case .administrativeService: return "Verwaltungsleistung"
        case .beneficiaries: return "Nutzen für"
        case .benefitDescription: return "Nutzenbeschreibung"
        case .hoursSavedPerYear: return "Eingesparte Stunden Verwaltung pro Jahr"
        case .citizenHoursSavedPerYear: return "Eingesparte Stunden Bürger pro Jahr"
        case .businessHoursSavedPerYear: return "Eingesparte Stunden Unternehmen pro Jahr"
        case .startOn: return "Beginn"
        case .endOn: return "Ende"
        case .risks: return "Risiken"
        case .tags: return "Schlagworte"
        case .dependencies: return "Abhängigkeiten"
        case .oneOffCosts: return "Einmalkosten"
        case .runningCosts: return "Laufende Kosten"
        case .staff: return "Personal (VZÄ)"
        case .otherUnitsStaff: return "Personal weitere Einheiten"
        }
    }

    public var englishHeader: String {
        switch self {
        case .code: return "Code"
        case .title: return "Title"
        case .department: return "Department"
        case .summary: return "Summary"
        case .description: return "Description"
        case .responsiblePerson: return "Responsible person"
        case .kind: return "Project kind"
        case .status: return "Status"
        case .fieldsOfAction: return "Field of action"
        case .goals: return "Goals"
        case .programs: return "Program"
        case .legalObligation: return "Legal obligation"
        case .legalReference: return "Legal basis"
        case .legalDeadline: return "Legal deadline"
        case .administrativeService: return "Administrative service"
        case .beneficiaries: return "Beneficiaries"
        case .benefitDescription: return "Benefit"
        case .hoursSavedPerYear: return "Staff hours saved per year"
        case .citizenHoursSavedPerYear: return "Citizens' hours saved per year"
        case .businessHoursSavedPerYear: return "Businesses' hours saved per year"
        case .startOn: return "Start"
        case .endOn: return "End"
        case .risks: return "Risks"
        case .tags: return "Tags"
        case .dependencies: return "Dependencies"
        case .oneOffCosts: return "One-off costs"
        case .runningCosts: return "Running costs"
        case .staff: return "Staff (FTE)"
        case .otherUnitsStaff: return "Staff of other units"
        }
    }

    /// Further names found in real project lists; compared like the headers (see `ProjectColumn.key`).
    public var aliases: [String] {
        switch self {
        case .code: return ["ID", "Projekt-ID", "Projektkennung", "Projektnummer", "Projekt-Nr.", "Nr.", "Nummer", "Kennzeichen", "Project code", "Project ID"]
        case .title: return ["Projekttitel", "Projektname", "Name", "Bezeichnung", "Vorhaben", "Projekt", "Project", "Project title", "Project name"]
        case .department: return ["Amt", "Organisationseinheit", "OE", "Fachbereich", "Dienststelle", "Einheit", "Einreichende Einheit",
                                  "Einreichende Organisationseinheit", "Federführung", "Federführendes Amt", "Unit", "Organisational unit",
                                  "Organizational unit", "Office"]
        case .summary: return ["Kurzfassung", "Zusammenfassung", "Kurzbeschreibung des Projekts", "Short description", "Abstract"]
        case .description: return ["Projektbeschreibung", "Langbeschreibung", "Details", "Erläuterung"]
        case .responsiblePerson: return ["Verantwortliche Person", "Projektverantwortung", "Projektverantwortlich", "Projektverantwortliche Person",
                                         "Projektleitung", "Ansprechperson", "Ansprechpartner", "Ansprechpartnerin", "Kontakt",
                                         "Responsible", "Project lead", "Contact"]
        case .kind: return ["Art", "Projekttyp", "Typ", "Kategorie", "Kind", "Type", "Project type"]
        case .status: return ["Projektstatus", "Stand", "Project status"]
        case .fieldsOfAction: return ["Handlungsfelder", "Fields of action"]
        case .goals: return ["Ziel", "Strategische Ziele", "Strategieziele", "Strategiebezug", "Goal"]
        case .programs: return ["Programme", "Maßnahmenprogramm", "Programs"]
        case .legalObligation: return ["Gesetzliche Verpflichtung", "Gesetzlich verpflichtend", "Pflichtaufgabe", "Pflicht", "Legal requirement", "Mandatory"]
        case .legalReference: return ["Gesetz", "Rechtsvorschrift", "Rechtsgrundlagen", "Legal reference"]
        case .legalDeadline: return ["Frist", "Umsetzungsfrist", "Deadline"]
        case .administrativeService: return ["Leistung", "Betroffene Verwaltungsleistung", "OZG-Leistung", "Service"]
        case .beneficiaries: return ["Zielgruppe", "Zielgruppen", "Nutzende", "Nutzen für wen", "Benefits for", "Target group", "Target groups"]
        case .benefitDescription: return ["Nutzen", "Mehrwert", "Benefit description", "Benefits"]
        // The plain names are the staff's: before citizens' and businesses' hours had columns, this was the only one.
        case .hoursSavedPerYear: return ["Eingesparte Stunden pro Jahr", "Eingesparte Stunden", "Eingesparte Arbeitsstunden",
                                         "Eingesparte Arbeitsstunden pro Jahr", "Stundenersparnis", "Zeitersparnis",
                                         "Eingesparte Stunden Verwaltung", "Hours saved per year", "Hours saved", "Staff hours saved"]
        case .citizenHoursSavedPerYear: return ["Eingesparte Stunden Bürgerinnen und Bürger pro Jahr", "Eingesparte Stunden Bürger",
                                                "Eingesparte Stunden Bürgerinnen und Bürger", "Zeitersparnis Bürger",
                                                "Citizen hours saved per year", "Citizens' hours saved", "Hours saved for citizens"]
        case .businessHoursSavedPerYear: return ["Eingesparte Stunden Unternehmen", "Eingesparte Stunden Wirtschaft",
                                                 "Zeitersparnis Unternehmen", "Business hours saved per year",
                                                 "Businesses' hours saved", "Hours saved for businesses"]
        case .startOn: return ["Projektbeginn", "Startdatum", "Geplanter Beginn", "Start date", "Begin"]
        case .endOn: return ["Projektende", "Enddatum", "Geplantes Ende", "Abschluss", "End date", "Finish"]
        case .risks: return ["Risiko", "Risk"]
        case .tags: return ["Schlagwörter", "Stichworte", "Stichwörter", "Keywords"]
        case .dependencies: return ["Abhängig von", "Voraussetzungen", "Vorgänger", "Depends on", "Prerequisites"]
        case .oneOffCosts: return ["Investitionskosten", "Investition", "Einmalige Kosten", "Einmalkosten (EUR)", "Investment", "One-off cost"]
        case .runningCosts: return ["Betriebskosten", "Folgekosten", "Jährliche Kosten", "Laufende Kosten (EUR)", "Operating costs", "Running cost"]
        case .staff: return ["Personal", "VZÄ", "Personalaufwand", "Personalbedarf", "Personalaufwand (VZÄ)", "Stellen", "FTE", "Staff"]
        case .otherUnitsStaff: return ["Personal andere Einheiten", "Personal weiterer Einheiten", "Weitere Einheiten", "Personalaufwand weitere Einheiten",
                                       "Staff other units", "Other units' staff", "Staff (FTE) of other units"]
        }
    }

    /// A file without these columns cannot be imported.
    public var isRequired: Bool { self == .title || self == .department }

    /// Columns that may carry a year (`Einmalkosten 2027`).
    public var isYearColumn: Bool { self == .oneOffCosts || self == .runningCosts || self == .staff }

    /// The strategy columns, which all fill `strategyElementIDs`.
    public var isStrategyColumn: Bool { self == .fieldsOfAction || self == .goals || self == .programs }

    /// The `ProjectInput` field the column fills (line fields as a pattern); documentation and messages.
    public var field: String {
        switch self {
        case .code: return "code"
        case .title: return "title"
        case .department: return "departmentID"
        case .summary: return "summary"
        case .description: return "description"
        case .responsiblePerson: return "responsiblePerson"
        case .kind: return "projectKind"
        case .status: return "status"
        case .fieldsOfAction, .goals, .programs: return "strategyElementIDs"
        case .legalObligation: return "legalObligation"
        case .legalReference: return "legalReference"
        case .legalDeadline: return "legalDeadline"
        case .administrativeService: return "administrativeService"
        case .beneficiaries: return "beneficiaries"
        case .benefitDescription: return "benefitDescription"
        case .hoursSavedPerYear: return "hoursSavedPerYear"
        case .citizenHoursSavedPerYear: return "citizenHoursSavedPerYear"
        case .businessHoursSavedPerYear: return "businessHoursSavedPerYear"
        case .startOn: return "startOn"
        case .endOn: return "endOn"
        case .risks: return "risks"
        case .tags: return "tags"
        case .dependencies: return "dependencyIDs"
        case .oneOffCosts: return "costs[].oneOff"
        case .runningCosts: return "costs[].running"
        case .staff, .otherUnitsStaff: return "effort[].fte"
        }
    }

    /// The German header of a year column for `year` (`Einmalkosten 2027`), or the plain header.
    public func germanHeader(year: Int?) -> String {
        year.map { "\(germanHeader) \($0)" } ?? germanHeader
    }

    // MARK: - Matching headers

    /// Header text compared without case, spaces, punctuation and umlauts (`ä`, `ae` and `a` are the same),
    /// so `Personal (VZÄ)`, `personal vzae` and `PERSONAL-VZA` all name the staff column.
    public static func key(_ header: String) -> String { GermanFolding.matchKey(header) }

    /// Every known name by its key.
    static let byKey: [String: ProjectColumn] = {
        var table: [String: ProjectColumn] = [:]
        for column in allCases {
            for name in [column.germanHeader, column.englishHeader] + column.aliases {
                table[key(name)] = table[key(name)] ?? column
            }
        }
        return table
    }()

    /// Units people append to money headers (`Einmalkosten 2027 (EUR)`, `Laufende Kosten in €`).
    private static let unitSuffixes = ["ineuro", "ineur", "euro", "eur", "in"]

    /// What a header names: a column and, for year columns, the year; nil for an unknown header.
    public static func match(_ header: String) -> (column: ProjectColumn, year: Int?)? {
        let full = key(header)
        guard !full.isEmpty else { return nil }
        if let column = byKey[full] { return (column, nil) }
        var stripped = full
        for suffix in unitSuffixes where stripped.hasSuffix(suffix) && stripped.count > suffix.count {
            stripped.removeLast(suffix.count)
            break
        }
        if let column = byKey[stripped], column.isYearColumn { return (column, nil) }
        // A year at the end: `einmalkosten2027`; a year at the start is accepted too (`2027 Einmalkosten`).
        let digits = stripped.reversed().prefix(while: { $0.isASCII && $0.isNumber })
        if digits.count == 4, let year = Int(String(digits.reversed())), ProjectLimits.years.contains(year) {
            let base = String(stripped.dropLast(4))
            if let column = byKey[base], column.isYearColumn { return (column, year) }
        }
        let leading = stripped.prefix(while: { $0.isASCII && $0.isNumber })
        if leading.count == 4, let year = Int(leading), ProjectLimits.years.contains(year),
           let column = byKey[String(stripped.dropFirst(4))], column.isYearColumn {
            return (column, year)
        }
        return nil
    }
}
