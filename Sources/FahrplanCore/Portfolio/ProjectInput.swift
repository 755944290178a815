/// What a person submits to create or change a project profile (Projektsteckbrief), before it is checked.
/// Values arrive as text — from a form, JSON or a spreadsheet row — so every problem can be named by field.
public struct ProjectInput: Sendable, Equatable {
    public var code: String?
    public var title: String?
    public var summary: String?
    public var description: String?
    public var departmentID: String?
    public var responsiblePerson: String?
    public var kind: String?
    public var legalObligation: String?
    public var legalReference: String?
    public var legalDeadline: String?
    public var administrativeService: String?
    public var beneficiaries: [String]
    public var benefitDescription: String?
    /// Hours saved a year by the administration's staff.
    public var hoursSavedPerYear: String?
    /// Hours saved a year by citizens and by businesses (fewer trips, forms, waiting).
    public var citizenHoursSavedPerYear: String?
    public var businessHoursSavedPerYear: String?
    public var startOn: String?
    public var endOn: String?
    public var risks: String?
    public var tags: [String]
    /// Goals, fields of action and programs the project serves.
    public var strategyElementIDs: [String]
    /// Projects this one depends on (needs to be done first).
    public var dependencyIDs: [String]
    public var costs: [CostLineInput]
    public var effort: [EffortLineInput]

    public init(code: String? = nil, title: String? = nil, summary: String? = nil, description: String? = nil,
                departmentID: String? = nil, responsiblePerson: String? = nil, kind: String? = nil,
                legalObligation: String? = nil, legalReference: String? = nil, legalDeadline: String? = nil,
                administrativeService: String? = nil, beneficiaries: [String] = [], benefitDescription: String? = nil,
                hoursSavedPerYear: String? = nil, citizenHoursSavedPerYear: String? = nil, businessHoursSavedPerYear: String? = nil,
                startOn: String? = nil, endOn: String? = nil, risks: String? = nil,
                tags: [String] = [], strategyElementIDs: [String] = [], dependencyIDs: [String] = [],
                costs: [CostLineInput] = [], effort: [EffortLineInput] = []) {
        self.code = code; self.title = title; self.summary = summary; self.description = description
        self.departmentID = departmentID; self.responsiblePerson = responsiblePerson; self.kind = kind
        self.legalObligation = legalObligation; self.legalReference = legalReference; self.legalDeadline = legalDeadline
        self.administrativeService = administrativeService; self.beneficiaries = beneficiaries
        self.benefitDescription = benefitDescription; self.hoursSavedPerYear = hoursSavedPerYear
        self.citizenHoursSavedPerYear = citizenHoursSavedPerYear; self.businessHoursSavedPerYear = businessHoursSavedPerYear
        self.startOn = startOn; self.endOn = endOn; self.risks = risks; self.tags = tags
        self.strategyElementIDs = strategyElementIDs; self.dependencyIDs = dependencyIDs
        self.costs = costs; self.effort = effort
    }
}

/// Money for one year (Haushaltsjahr): one-off costs (Einmalkosten, investment) and running costs
/// (laufende Kosten), both in euros as typed (German or ISO number format).
public struct CostLineInput: Sendable, Equatable {
    public var year: String?
    public var oneOff: String?
    public var running: String?
    public init(year: String?, oneOff: String?, running: String?) {
        self.year = year; self.oneOff = oneOff; self.running = running
    }
}

/// Staff effort of one department in one year, in full-time equivalents (Vollzeitäquivalente, VZÄ).
public struct EffortLineInput: Sendable, Equatable {
    public var departmentID: String?
    public var year: String?
    public var fte: String?
    public init(departmentID: String?, year: String?, fte: String?) {
        self.departmentID = departmentID; self.year = year; self.fte = fte
    }
}

/// A checked profile: clean, typed values ready to be stored. References are still ids as text; the server
/// resolves them within the municipality and reports `unknownReference` when they do not exist there.
public struct ProjectValues: Sendable, Equatable {
    public var code: String?
    public var title: String
    public var summary: String?
    public var description: String?
    public var departmentID: String?
    public var responsiblePerson: String?
    public var kind: ProjectKind
    public var legalObligation: Bool
    public var legalReference: String?
    public var legalDeadline: CalendarDay?
    public var administrativeService: String?
    public var beneficiaries: [Beneficiary]
    public var benefitDescription: String?
    /// Hours saved a year by staff, citizens and businesses.
    public var hoursSavedPerYear: Int?
    public var citizenHoursSavedPerYear: Int?
    public var businessHoursSavedPerYear: Int?
    public var startOn: CalendarDay?
    public var endOn: CalendarDay?
    public var risks: String?
    public var tags: [String]
    public var strategyElementIDs: [String]
    public var dependencyIDs: [String]
    public var costs: [CostLine]
    public var effort: [EffortLine]

    /// Sum over all years, in cents.
    public var totalOneOffCents: Int64 { costs.reduce(0) { $0 + $1.oneOffCents } }
    public var totalRunningCents: Int64 { costs.reduce(0) { $0 + $1.runningCents } }
}

