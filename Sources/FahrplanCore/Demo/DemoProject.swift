// The portfolio part of a demo municipality: project profiles and calls for projects, as plain values.

/// Projektsteckbrief: one digitalisation project of a demo municipality, as a department would submit it and
/// as it then moved through the workflow. References (departments, strategy elements, other projects, calls)
/// are by code, so the content can be checked by fast tests and loaded into a fresh database.
public struct DemoProject: Sendable {
    /// Kennung, e.g. "P-0001"; unique within the municipality.
    public var code: String
    /// Titel.
    public var title: String
    /// Kurzbeschreibung: one or two sentences.
    public var summary: String
    /// Beschreibung in Markdown: Ausgangslage, Ziel, Vorgehen.
    public var description: String
    /// Einreichende Organisationseinheit (must exist in the municipality's departments).
    public var departmentCode: String
    /// Projektverantwortliche Person.
    public var responsiblePerson: String
    /// Projektart.
    public var kind: ProjectKind
    /// Gesetzliche Verpflichtung: the project implements a legal duty.
    public var legalObligation: Bool
    /// Rechtsgrundlage, e.g. "Onlinezugangsgesetz (OZG)"; required when `legalObligation` is set.
    public var legalReference: String?
    /// Gesetzliche Frist, ISO day "YYYY-MM-DD".
    public var legalDeadline: String?
    /// Betroffene Verwaltungsleistung, e.g. "Wohngeld beantragen".
    public var administrativeService: String?
    /// Nutzen für: citizens, businesses, staff.
    public var beneficiaries: [Beneficiary]
    /// Nutzenbeschreibung.
    public var benefitDescription: String?
    /// Eingesparte Arbeitsstunden pro Jahr (estimate of the department).
    public var hoursSavedPerYear: Int?
    /// Eingesparte Stunden der Bürgerinnen und Bürger bzw. der Unternehmen pro Jahr (estimate).
    public var citizenHoursSavedPerYear: Int?
    public var businessHoursSavedPerYear: Int?
    /// Geplanter Beginn, ISO day.
    public var startOn: String?
    /// Geplantes Ende, ISO day, not before `startOn`.
    public var endOn: String?
    /// Risiken.
    public var risks: String?
    /// Schlagworte.
    public var tags: [String]
    /// Codes of the fields of action, goals and programs the project serves (Strategiebezug).
    public var strategyCodes: [String]
    /// Codes of the projects that must be done first (Abhängigkeiten).
    public var dependsOn: [String]
    /// Kosten je Haushaltsjahr.
    public var costs: [CostLine]
    /// Personalaufwand je Organisationseinheit und Jahr.
    public var effort: [DemoEffort]
    /// Aktueller Status; equals the target of the last step of `history`.
    public var status: ProjectStatus
    /// Statusverlauf: the path the project took, from `.idea` to `status`, oldest first.
    public var history: [DemoStatusStep]
    /// Code of the call for projects (Abfrage) it was submitted to, if any.
    public var inCallCode: String?

    public init(code: String, title: String, summary: String, description: String, departmentCode: String,
                responsiblePerson: String, kind: ProjectKind, legalObligation: Bool = false,
                legalReference: String? = nil, legalDeadline: String? = nil, administrativeService: String? = nil,
                beneficiaries: [Beneficiary], benefitDescription: String? = nil, hoursSavedPerYear: Int? = nil,
                citizenHoursSavedPerYear: Int? = nil, businessHoursSavedPerYear: Int? = nil,
                startOn: String? = nil, endOn: String? = nil, risks: String? = nil, tags: [String] = [],
                strategyCodes: [String] = [], dependsOn: [String] = [], costs: [CostLine] = [],
                effort: [DemoEffort] = [], status: ProjectStatus, history: [DemoStatusStep],
                inCallCode: String? = nil) {
        self.code = code; self.title = title; self.summary = summary; self.description = description
        self.departmentCode = departmentCode; self.responsiblePerson = responsiblePerson; self.kind = kind
        self.legalObligation = legalObligation; self.legalReference = legalReference
        self.legalDeadline = legalDeadline; self.administrativeService = administrativeService
        self.beneficiaries = beneficiaries; self.benefitDescription = benefitDescription
        self.hoursSavedPerYear = hoursSavedPerYear; self.citizenHoursSavedPerYear = citizenHoursSavedPerYear
        self.businessHoursSavedPerYear = businessHoursSavedPerYear; self.startOn = startOn; self.endOn = endOn; self.risks = risks
        self.tags = tags; self.strategyCodes = strategyCodes; self.dependsOn = dependsOn; self.costs = costs
        self.effort = effort; self.status = status; self.history = history; self.inCallCode = inCallCode
    }
}

/// Personalaufwand: staff effort of one department for a project in one year.
public struct DemoEffort: Sendable, Equatable {
    /// Code of the department that contributes the staff.
    public var departmentCode: String
    public var year: Int
    /// Hundredths of a full-time equivalent (VZÄ): 0,5 VZÄ = 50.
    public var fteHundredths: Int
    public init(departmentCode: String, year: Int, fteHundredths: Int) {
        self.departmentCode = departmentCode; self.year = year; self.fteHundredths = fteHundredths
    }
}

/// One step of a demo project's status history (Statuswechsel). Dates are relative, so loaded demo content
/// looks recent whenever it is loaded.
public struct DemoStatusStep: Sendable, Equatable {
    /// The status the project moved to.
    public var to: ProjectStatus
    /// Begründung, e.g. why it was deferred or cancelled.
    public var reason: String?
    /// How many days before the content's reference day the step happened.
    public var daysAgo: Int
    public init(to: ProjectStatus, reason: String? = nil, daysAgo: Int) {
        self.to = to; self.reason = reason; self.daysAgo = daysAgo
    }
}

/// Projektabfrage: the strategy team asks departments for their project profiles by a deadline.
public struct DemoCall: Sendable {
    /// Internal reference, e.g. "ABF-2026"; projects name it in `inCallCode`.
    public var code: String
    /// Titel, e.g. "Projektabfrage Digitalisierung 2027/2028".
    public var title: String
    /// Anschreiben in Markdown: what the team asks for, by when, whom to contact.
    public var message: String
    /// Beginn, ISO day.
    public var opensOn: String
    /// Abgabefrist, ISO day.
    public var deadline: String
    /// Angefragte Organisationseinheiten.
    public var departmentCodes: [String]
    /// Organisationseinheiten, die ihre Meldung als vollständig erklärt haben.
    public var completedDepartmentCodes: [String]
    public init(code: String, title: String, message: String, opensOn: String, deadline: String,
                departmentCodes: [String], completedDepartmentCodes: [String] = []) {
        self.code = code; self.title = title; self.message = message; self.opensOn = opensOn
        self.deadline = deadline; self.departmentCodes = departmentCodes
        self.completedDepartmentCodes = completedDepartmentCodes
    }
}
