import Foundation

/// One dated rating of one criterion of a service. Assessments are kept, never overwritten, so the overview can
/// show how the services' maturity changed.
public struct MaturityAssessment: Sendable, Equatable, Codable {
    public var criterionKey: String
    public var level: Int
    public var assessedOn: CalendarDay
    public var note: String?

    public init(criterionKey: String, level: Int, assessedOn: CalendarDay, note: String? = nil) {
        self.criterionKey = criterionKey; self.level = level; self.assessedOn = assessedOn; self.note = note
    }
}

/// The overall maturity of a service on a day: the lowest level of its criteria, or unknown while a criterion
/// has no assessment yet (a missing rating must not pass for a good one).
public enum OverallMaturity: Sendable, Equatable {
    case known(level: Int)
    /// `missingCriteria` are the keys of criteria without an assessment on or before the day.
    case unknown(missingCriteria: [String])

    public var level: Int? {
        if case .known(let level) = self { return level }
        return nil
    }
}

extension MaturityModel {
    /// The level of each criterion on `day`: the latest assessment on or before it (the later one in the list wins
    /// on the same day, as it was entered later). nil for a criterion without one.
    public func criterionLevels(_ assessments: [MaturityAssessment], on day: CalendarDay) -> [String: Int] {
        var latest: [String: MaturityAssessment] = [:]
        for assessment in assessments where assessment.assessedOn <= day {
            if let current = latest[assessment.criterionKey], current.assessedOn > assessment.assessedOn { continue }
            latest[assessment.criterionKey] = assessment
        }
        return latest.mapValues(\.level)
    }

    /// The overall level on `day` (the minimum over the model's criteria; assessments of criteria the model does
    /// not have are ignored).
    public func overall(_ assessments: [MaturityAssessment], on day: CalendarDay) -> OverallMaturity {
        let levels = criterionLevels(assessments, on: day)
        let missing = criteria.map(\.key).filter { levels[$0] == nil }
        if !missing.isEmpty { return .unknown(missingCriteria: missing) }
        return .known(level: criteria.compactMap { levels[$0.key] }.min()!)
    }

    /// The overall level after all assessments (their latest day).
    public func current(_ assessments: [MaturityAssessment]) -> OverallMaturity {
        guard let last = assessments.map(\.assessedOn).max() else { return .unknown(missingCriteria: criteria.map(\.key)) }
        return overall(assessments, on: last)
    }
}

/// An administrative service (Verwaltungsleistung) the municipality offers. References (department, project)
/// are ids or codes; the server resolves them.
public struct AdministrativeService: Sendable, Equatable {
    public var name: String
    /// The service's key in the Leistungskatalog (LeiKa), 14 digits.
    public var leikaKey: String?
    /// The OZG service's identifier in the OZG catalogue (e.g. `10085`), free text.
    public var ozgID: String?
    public var departmentID: String?
    public var casesPerYear: Int?
    /// The project that raises the service's maturity.
    public var projectID: String?
    public var assessments: [MaturityAssessment]

    public init(name: String, leikaKey: String? = nil, ozgID: String? = nil, departmentID: String? = nil,
                casesPerYear: Int? = nil, projectID: String? = nil, assessments: [MaturityAssessment] = []) {
        self.name = name; self.leikaKey = leikaKey; self.ozgID = ozgID; self.departmentID = departmentID
        self.casesPerYear = casesPerYear; self.projectID = projectID; self.assessments = assessments
    }
}

/// A service as a form, the API or a spreadsheet row sends it.
public struct AdministrativeServiceInput: Sendable, Equatable {
    public var name: String?
    public var leikaKey: String?
    public var ozgID: String?
    public var departmentID: String?
    public var casesPerYear: String?
    public var projectID: String?
    public var assessments: [MaturityAssessmentInput]

    public static let maxNameLength = 300
    public static let maxIDLength = 40
    public static let maxCasesPerYear = 100_000_000

    public init(name: String? = nil, leikaKey: String? = nil, ozgID: String? = nil, departmentID: String? = nil,
                casesPerYear: String? = nil, projectID: String? = nil, assessments: [MaturityAssessmentInput] = []) {
        self.name = name; self.leikaKey = leikaKey; self.ozgID = ozgID; self.departmentID = departmentID
        self.casesPerYear = casesPerYear; self.projectID = projectID; self.assessments = assessments
    }

    /// The service, or every problem: a blank name, a LeiKa key that is not 14 digits (spaces are allowed as
    /// people group them), case numbers that are no whole non-negative number (German `12.500` is 12500), and
    /// the assessments' problems as `assessments[i].field`.
    public func validated(model: MaturityModel, today: CalendarDay) throws -> AdministrativeService {
        var check = Validator()
        let name = check.text("name", name, required: true, max: Self.maxNameLength)
        var leika = check.text("leikaKey", leikaKey, required: false, max: Self.maxIDLength)
        leika = leika.map { $0.filter { !$0.isWhitespace } }
        if let key = leika, key.count != 14 || !key.allSatisfy({ $0.isASCII && $0.isNumber }) { check.add("leikaKey", .invalidKey) }
        let ozg = check.text("ozgID", ozgID, required: false, max: Self.maxIDLength)
        let department = check.text("departmentID", departmentID, required: false, max: Self.maxIDLength)
        let project = check.text("projectID", projectID, required: false, max: Self.maxIDLength)
        let cases = InventoryNumber.count("casesPerYear", casesPerYear, max: Self.maxCasesPerYear, &check)
        var assessments: [MaturityAssessment] = []
        for (index, input) in self.assessments.enumerated() {
            if let assessment = input.checked(model: model, today: today, field: "assessments[\(index)].", &check) {
                assessments.append(assessment)
            }
        }
        try check.finish()
        return AdministrativeService(name: name!, leikaKey: leika, ozgID: ozg, departmentID: department, casesPerYear: cases,
                                     projectID: project, assessments: assessments)
    }
}

/// An assessment as text: criterion key, level (number or label), day.
public struct MaturityAssessmentInput: Sendable, Equatable {
    public var criterion: String?
    public var level: String?
    public var assessedOn: String?
    public var note: String?

    public static let maxNoteLength = 1000

    public init(criterion: String? = nil, level: String? = nil, assessedOn: String? = nil, note: String? = nil) {
        self.criterion = criterion; self.level = level; self.assessedOn = assessedOn; self.note = note
    }

    /// The assessment, or every problem: an unknown criterion, a level the model does not have, a day that is
    /// none or lies after `today`.
    public func validated(model: MaturityModel, today: CalendarDay) throws -> MaturityAssessment {
        var check = Validator()
        let result = checked(model: model, today: today, field: "", &check)
        try check.finish()
        return result!
    }

    func checked(model: MaturityModel, today: CalendarDay, field prefix: String, _ check: inout Validator) -> MaturityAssessment? {
        let before = check.problems.count
        let key = check.text(prefix + "criterion", criterion, required: true, max: 40)
        if let key, model.criterion(key) == nil { check.add(prefix + "criterion", .unknownReference) }
        var level: MaturityLevel?
        if let text = check.text(prefix + "level", self.level, required: true, max: 200) {
            level = model.level(named: text)
            if level == nil { check.add(prefix + "level", .invalidChoice) }
        }
        let day = MonitoringInput.day(prefix + "assessedOn", assessedOn, required: true, &check)
        if let day, day > today { check.add(prefix + "assessedOn", .dateInFuture) }
        let note = check.text(prefix + "note", note, required: false, max: Self.maxNoteLength, multiline: true)
        guard check.problems.count == before, let key, let level, let day else { return nil }
        return MaturityAssessment(criterionKey: key, level: level.number, assessedOn: day, note: note)
    }
}

/// Whole numbers of the inventory as people type them (`12.500`, `12500`, `12 500`).
enum InventoryNumber {
    static func count(_ field: String, _ raw: String?, max: Int, _ check: inout Validator) -> Int? {
        guard let text = CleanText.normalize(raw, multiline: false) else { return nil }
        let value: Decimal
        do throws(LocaleNumberError) {
            value = try LocaleNumber.parse(text)
        } catch {
            if case .negative = error { check.add(field, .negative) } else { check.add(field, .notANumber) }
            return nil
        }
        var rounded = Decimal(), copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == value else { check.add(field, .notANumber); return nil }
        let number = NSDecimalNumber(decimal: value).intValue
        guard number <= max else { check.add(field, .outOfRange(min: 0, max: max)); return nil }
        return number
    }
}
