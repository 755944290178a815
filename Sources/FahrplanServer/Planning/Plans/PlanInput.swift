import FahrplanCore
import Foundation

/// A number as a form or a JSON body carries it: text typed by a person (German `1.234,5` or ISO) or a JSON number.
enum PlanNumber: Sendable, Equatable {
    case text(String?)
    case number(Double?)

    /// Checks the value in place: not negative, a number; blank text counts as 0 in a capacity cell.
    func value(_ field: String, _ check: inout Validator) -> Double? {
        switch self {
        case .number(let value):
            guard let value else { return 0 }
            guard value.isFinite else { check.add(field, .notADecimal); return nil }
            guard value >= 0 else { check.add(field, .negative); return nil }
            return value
        case .text(let text):
            return check.nonNegativeDecimal(field, text) ?? (CleanText.normalize(text, multiline: false) == nil ? 0 : nil)
        }
    }
}

/// A plan's frame as a form or JSON body gives it, before validation.
struct PlanInput: Sendable {
    var name: String?
    var periodLength: String?
    var firstYear: String?
    var periodCount: String?
    var discount: PlanNumber
    var roundID: String?
    var scenarioNote: String?

    struct Valid: Sendable {
        var name: String
        var periodLength: PlanPeriodLength
        var firstYear: Int
        var periodCount: Int
        var discount: Double
        var roundID: UUID?
        var scenarioNote: String
    }

    static let maximumPeriods = 20

    func validated() throws -> Valid {
        var check = Validator()
        let name = check.text("name", name, required: true, max: 200)
        let length = PlanPeriodLength(rawValue: periodLength ?? "")
        if length == nil { check.add("periodLength", periodLength?.isEmpty == false ? .invalidChoice : .required) }
        let first = check.integer("firstYear", firstYear, required: true, range: 2000...2100)
        let count = check.integer("periodCount", periodCount, required: true, range: 1...Self.maximumPeriods)
        var discount: Double?
        if case .text(let raw) = self.discount, CleanText.normalize(raw, multiline: false) == nil {
            discount = 1
        } else if let value = self.discount.value("discount", &check) {
            if value <= 0 || value > 1 { check.add("discount", .outOfRange(min: 0, max: 1)) } else { discount = value }
        }
        var round: UUID?
        if let text = CleanText.normalize(roundID, multiline: false) {
            round = UUID(uuidString: text)
            if round == nil { check.add("roundId", .unknownReference) }
        }
        let note = check.text("scenarioNote", scenarioNote, required: false, max: 200) ?? ""
        try check.finish()
        guard let name, let length, let first, let count, let discount else { throw ValidationFailure(check.problems) }
        return Valid(name: name, periodLength: length, firstYear: first, periodCount: count, discount: discount, roundID: round,
                     scenarioNote: note)
    }
}

/// The capacity matrix: budget lines × periods and departments × periods. One bad cell refuses the whole matrix.
struct CapacitiesInput: Sendable {
    struct Line: Sendable {
        var label: String?
        var kind: String?
        var fundingSource: String?
        var eligibleProjectIDs: [String]
        var amounts: [PlanNumber]
    }

    struct Staff: Sendable {
        var departmentID: String?
        var fte: [PlanNumber]
    }

    var lines: [Line]
    var staff: [Staff]

    struct Valid: Sendable {
        struct Line: Sendable {
            var label: String
            var kind: BudgetKind
            var fundingSource: String?
            var eligible: [UUID]
            var amounts: [Double]
        }

        var lines: [Line]
        var staff: [(department: UUID, fte: [Double])]
    }

    /// `projects` and `departments`: the municipality's ids, so a foreign one is an unknown reference.
    func validated(periods: Int, projects: Set<UUID>, departments: Set<UUID>) throws -> Valid {
        var check = Validator()
        var lines: [Valid.Line] = []
        if self.lines.count > 50 { check.add("budgetLines", .tooMany(max: 50)) }
        for (index, line) in self.lines.enumerated() {
            let field = "budgetLines[\(index)]"
            let label = check.text("\(field).label", line.label, required: true, max: 200)
            let kind = BudgetKind(rawValue: line.kind ?? "")
            if kind == nil { check.add("\(field).kind", line.kind?.isEmpty == false ? .invalidChoice : .required) }
            let source = check.text("\(field).fundingSource", line.fundingSource, required: false, max: 200)
            var eligible: [UUID] = []
            for (position, raw) in line.eligibleProjectIDs.enumerated() {
                if let id = UUID(uuidString: raw), projects.contains(id) { eligible.append(id) } else {
                    check.add("\(field).eligibleProjectIds[\(position)]", .unknownReference)
                }
            }
            let amounts = amounts(line.amounts, field: "\(field).amounts", periods: periods, &check)
            if let label, let kind, let amounts {
                lines.append(.init(label: label, kind: kind, fundingSource: source, eligible: eligible, amounts: amounts))
            }
        }
        var staff: [(department: UUID, fte: [Double])] = []
        var seen: Set<UUID> = []
        for (index, row) in self.staff.enumerated() {
            let field = "staff[\(index)]"
            let department = row.departmentID.flatMap(UUID.init(uuidString:))
            if department == nil || !departments.contains(department!) {
                check.add("\(field).departmentId", row.departmentID?.isEmpty == false ? .unknownReference : .required)
            } else if !seen.insert(department!).inserted {
                check.add("\(field).departmentId", .duplicate)
            }
            if let fte = amounts(row.fte, field: "\(field).fte", periods: periods, &check), let department {
                staff.append((department, fte))
            }
        }
        try check.finish()
        return Valid(lines: lines, staff: staff)
    }

    private func amounts(_ values: [PlanNumber], field: String, periods: Int, _ check: inout Validator) -> [Double]? {
        guard values.count == periods else {
            check.add(field, .outOfRange(min: periods, max: periods))
            return nil
        }
        var result: [Double] = []
        var ok = true
        for (period, value) in values.enumerated() {
            if let number = value.value("\(field)[\(period)]", &check) { result.append(number) } else { ok = false }
        }
        return ok ? result : nil
    }
}

/// One project's settings in a plan.
struct ProjectSettingInput: Sendable {
    var projectID: String?
    var included: Bool
    /// nil = as the assembly rules say.
    var mandatory: Bool?
    var pinnedStart: Int?
    var budgetLineID: String?
}

/// What a scenario changes in its copy of the plan.
struct ScenarioCopyInput: Sendable {
    var name: String?
    var note: String?
    /// Percent change of every budget line, e.g. -20.
    var budgetPercent: String?
    /// Department id → FTE added in every period.
    var addedFTE: [String: PlanNumber]
    /// When given, exactly these projects are mandatory (overrides on the copy); nil keeps the base's settings.
    var mandatoryProjectIDs: [String]?
}
