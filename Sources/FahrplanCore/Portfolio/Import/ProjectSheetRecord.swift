import Foundation

/// One project as the spreadsheet shows it: the checked values with every reference written as text
/// (a unit's code, a goal's code, another project's Kennung — or ids, where the server wants exact
/// references), the status, and the strategy elements split by kind into their three columns.
public struct ProjectSheetRecord: Sendable, Equatable {
    /// `departmentID`, `effort[].departmentID` and `dependencyIDs` hold references as text;
    /// `strategyElementIDs` is not used (see the three lists below).
    public var values: ProjectValues
    public var status: ProjectStatus
    public var fieldsOfAction: [String]
    public var goals: [String]
    public var programs: [String]

    public init(values: ProjectValues, status: ProjectStatus, fieldsOfAction: [String] = [], goals: [String] = [],
                programs: [String] = []) {
        self.values = values
        self.status = status
        self.fieldsOfAction = fieldsOfAction
        self.goals = goals
        self.programs = programs
    }

    /// The elements of one strategy column.
    func elements(_ column: ProjectColumn) -> [String] {
        switch column {
        case .fieldsOfAction: return fieldsOfAction
        case .goals: return goals
        case .programs: return programs
        default: return []
        }
    }

    /// Effort of the submitting unit (the `Personal (VZÄ) <Jahr>` columns), by year.
    var ownEffort: [Int: Int] {
        var result: [Int: Int] = [:]
        for line in values.effort where line.departmentID == values.departmentID { result[line.year, default: 0] += line.fteHundredths }
        return result
    }

    /// Effort of other units (`Personal weitere Einheiten`), in the order stored.
    var otherEffort: [EffortLine] { values.effort.filter { $0.departmentID != values.departmentID } }

    // MARK: - Cells

    /// The cell of a single-valued column (not the year columns), as the export writes it: German labels,
    /// numbers and dates, lists joined with `; `.
    public func cell(_ column: ProjectColumn) -> String {
        let v = values
        switch column {
        case .code: return v.code ?? ""
        case .title: return v.title
        case .department: return v.departmentID ?? ""
        case .summary: return v.summary ?? ""
        case .description: return v.description ?? ""
        case .responsiblePerson: return v.responsiblePerson ?? ""
        case .kind: return v.kind.germanLabel
        case .status: return status.germanLabel
        case .fieldsOfAction, .goals, .programs: return elements(column).joined(separator: "; ")
        case .legalObligation: return v.legalObligation ? "ja" : "nein"
        case .legalReference: return v.legalReference ?? ""
        case .legalDeadline: return v.legalDeadline?.german ?? ""
        case .administrativeService: return v.administrativeService ?? ""
        case .beneficiaries: return v.beneficiaries.map(\.germanLabel).joined(separator: "; ")
        case .benefitDescription: return v.benefitDescription ?? ""
        case .hoursSavedPerYear: return v.hoursSavedPerYear.map(String.init) ?? ""
        case .citizenHoursSavedPerYear: return v.citizenHoursSavedPerYear.map(String.init) ?? ""
        case .businessHoursSavedPerYear: return v.businessHoursSavedPerYear.map(String.init) ?? ""
        case .startOn: return v.startOn?.german ?? ""
        case .endOn: return v.endOn?.german ?? ""
        case .risks: return v.risks ?? ""
        case .tags: return v.tags.joined(separator: "; ")
        case .dependencies: return v.dependencyIDs.joined(separator: "; ")
        case .oneOffCosts, .runningCosts, .staff: return ""
        case .otherUnitsStaff:
            return otherEffort.map { "\($0.departmentID) \($0.year): \(LocaleNumber.german(hundredths: $0.fteHundredths))" }
                .joined(separator: "; ")
        }
    }

    /// The cell of a year column; empty when there is nothing (zero amounts are left empty, too).
    public func cell(_ column: ProjectColumn, year: Int) -> String {
        switch column {
        case .oneOffCosts:
            let cents = values.costs.first { $0.year == year }?.oneOffCents ?? 0
            return cents == 0 ? "" : LocaleNumber.german(cents: cents)
        case .runningCosts:
            let cents = values.costs.first { $0.year == year }?.runningCents ?? 0
            return cents == 0 ? "" : LocaleNumber.german(cents: cents)
        case .staff:
            let fte = ownEffort[year] ?? 0
            return fte == 0 ? "" : LocaleNumber.german(hundredths: fte)
        default:
            return cell(column)
        }
    }
}

/// A project as the JSON export writes it: stable field names, codes instead of database ids, amounts
/// as whole cents and hundredths of an FTE, days as ISO dates, choices as their code names.
public struct ProjectExportJSON: Codable, Sendable, Equatable {
    public struct Cost: Codable, Sendable, Equatable {
        public var year: Int
        public var oneOffCents: Int64
        public var runningCents: Int64
    }

    public struct Effort: Codable, Sendable, Equatable {
        public var department: String
        public var year: Int
        public var fteHundredths: Int
    }

    public var code: String?
    public var title: String
    public var department: String?
    public var summary: String?
    public var description: String?
    public var responsiblePerson: String?
    public var kind: String
    public var status: String
    public var fieldsOfAction: [String]
    public var goals: [String]
    public var programs: [String]
    public var legalObligation: Bool
    public var legalReference: String?
    public var legalDeadline: String?
    public var administrativeService: String?
    public var beneficiaries: [String]
    public var benefitDescription: String?
    public var hoursSavedPerYear: Int?
    public var citizenHoursSavedPerYear: Int?
    public var businessHoursSavedPerYear: Int?
    public var startOn: String?
    public var endOn: String?
    public var risks: String?
    public var tags: [String]
    public var dependencies: [String]
    public var costs: [Cost]
    public var effort: [Effort]

    public init(_ record: ProjectSheetRecord) {
        let v = record.values
        code = v.code; title = v.title; department = v.departmentID; summary = v.summary; description = v.description
        responsiblePerson = v.responsiblePerson; kind = v.kind.rawValue; status = record.status.rawValue
        fieldsOfAction = record.fieldsOfAction; goals = record.goals; programs = record.programs
        legalObligation = v.legalObligation; legalReference = v.legalReference; legalDeadline = v.legalDeadline?.iso
        administrativeService = v.administrativeService; beneficiaries = v.beneficiaries.map(\.rawValue)
        benefitDescription = v.benefitDescription; hoursSavedPerYear = v.hoursSavedPerYear
        citizenHoursSavedPerYear = v.citizenHoursSavedPerYear; businessHoursSavedPerYear = v.businessHoursSavedPerYear
        startOn = v.startOn?.iso; endOn = v.endOn?.iso; risks = v.risks; tags = v.tags; dependencies = v.dependencyIDs
        costs = v.costs.map { Cost(year: $0.year, oneOffCents: $0.oneOffCents, runningCents: $0.runningCents) }
        effort = v.effort.map { Effort(department: $0.departmentID, year: $0.year, fteHundredths: $0.fteHundredths) }
    }
}

extension ProjectValues {
    /// Checked values put together from stored data (for the export, and for imports that update projects);
    /// they passed validation when they were saved.
    public static func stored(code: String?, title: String, summary: String? = nil, description: String? = nil, departmentID: String?,
                              responsiblePerson: String? = nil, kind: ProjectKind = .other, legalObligation: Bool = false,
                              legalReference: String? = nil, legalDeadline: CalendarDay? = nil, administrativeService: String? = nil,
                              beneficiaries: [Beneficiary] = [], benefitDescription: String? = nil, hoursSavedPerYear: Int? = nil,
                              citizenHoursSavedPerYear: Int? = nil, businessHoursSavedPerYear: Int? = nil,
                              startOn: CalendarDay? = nil, endOn: CalendarDay? = nil, risks: String? = nil, tags: [String] = [],
                              dependencyIDs: [String] = [], costs: [CostLine] = [], effort: [EffortLine] = []) -> ProjectValues {
        ProjectValues(code: code, title: title, summary: summary, description: description, departmentID: departmentID,
                      responsiblePerson: responsiblePerson, kind: kind, legalObligation: legalObligation, legalReference: legalReference,
                      legalDeadline: legalDeadline, administrativeService: administrativeService, beneficiaries: beneficiaries,
                      benefitDescription: benefitDescription, hoursSavedPerYear: hoursSavedPerYear,
                      citizenHoursSavedPerYear: citizenHoursSavedPerYear, businessHoursSavedPerYear: businessHoursSavedPerYear,
                      startOn: startOn, endOn: endOn,
                      risks: risks, tags: tags, strategyElementIDs: [], dependencyIDs: dependencyIDs, costs: costs, effort: effort)
    }
}
