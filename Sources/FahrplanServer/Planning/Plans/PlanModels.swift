import FahrplanCore
import Fluent
import Foundation

/// A roadmap plan: which periods it covers, how much a later start is worth less, and which adopted ranking
/// gives the projects their value. A scenario is a plan with a base plan (its copy source) and a note.
final class RoadmapPlan: Model, @unchecked Sendable {
    static let schema = "roadmap_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "name") var name: String
    /// `halfYear` or `year` (`PlanPeriodLength`).
    @Field(key: "period_length") var periodLength: String
    @Field(key: "first_year") var firstYear: Int
    @Field(key: "period_count") var periodCount: Int
    /// Factor per period of delay, 0 < discount <= 1.
    @Field(key: "discount") var discount: Double
    /// The closed round whose latest official ranking gives the projects' values; nil = every value 1.
    @OptionalParent(key: "round_id") var round: PrioritizationRound?
    @OptionalParent(key: "base_plan_id") var basePlan: RoadmapPlan?
    @Field(key: "scenario_note") var scenarioNote: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "created_by_name") var createdByName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    init(municipalityID: UUID, name: String, periodLength: PlanPeriodLength, firstYear: Int, periodCount: Int, discount: Double) {
        self.$municipality.id = municipalityID
        self.name = name
        self.periodLength = periodLength.rawValue
        self.firstYear = firstYear
        self.periodCount = periodCount
        self.discount = discount
        self.scenarioNote = ""
        self.version = 1
    }

    var length: PlanPeriodLength { PlanPeriodLength(rawValue: periodLength) ?? .year }
    var periodLabels: [String] { length.labels(firstYear: firstYear, count: periodCount) }

    var properties: [any AnyProperty] { [_id, _municipality, _name, _periodLength, _firstYear, _periodCount, _discount, _round, _basePlan, _scenarioNote, _version, _createdByName, _createdAt, _updatedAt, _archivedAt] }
}

/// Half-years ("2027-H1") or years ("2027").
enum PlanPeriodLength: String, Codable, CaseIterable, Sendable {
    case halfYear, year

    func labels(firstYear: Int, count: Int) -> [String] {
        (0..<max(0, count)).map { index in
            switch self {
            case .year: "\(firstYear + index)"
            case .halfYear: "\(firstYear + index / 2)-H\(index % 2 + 1)"
            }
        }
    }

    /// The period a calendar year starts in (the first half-year), nil before the plan.
    func period(ofYear year: Int, firstYear: Int) -> Int {
        switch self {
        case .year: year - firstYear
        case .halfYear: (year - firstYear) * 2
        }
    }
}

/// Money a plan may spend per period: investive (one-off) or consumptive (running), optionally from a funding
/// source that may only pay for the projects it names.
final class PlanBudgetLine: Model, @unchecked Sendable {
    static let schema = "plan_budget_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "plan_id") var plan: RoadmapPlan
    @Field(key: "label") var label: String
    /// `investive` or `consumptive` (`BudgetKind`).
    @Field(key: "kind") var kind: String
    @OptionalField(key: "funding_source") var fundingSource: String?
    /// Project ids (uuid strings) the funding source may pay for, newline-separated; empty = any project.
    @Field(key: "eligible_project_ids") var eligibleProjectIDs: String
    /// Euros per period as a JSON array with one number per period.
    @Field(key: "amounts") var amounts: String
    @Field(key: "position") var position: Int

    init() {}

    init(municipalityID: UUID, planID: UUID, label: String, kind: BudgetKind, fundingSource: String?, eligible: [UUID],
         amounts: [Double], position: Int) {
        self.$municipality.id = municipalityID
        self.$plan.id = planID
        self.label = label
        self.kind = kind.rawValue
        self.fundingSource = fundingSource
        self.eligibleProjectIDs = eligible.map(\.uuidString).joined(separator: "\n")
        self.amounts = PlanJSON.encode(amounts)
        self.position = position
    }

    var budgetKind: BudgetKind { BudgetKind(rawValue: kind) ?? .investive }
    var amountList: [Double] { PlanJSON.decode([Double].self, amounts) ?? [] }
    var eligibleIDs: [UUID] { eligibleProjectIDs.split(separator: "\n").compactMap { UUID(uuidString: String($0)) } }

    var properties: [any AnyProperty] { [_id, _municipality, _plan, _label, _kind, _fundingSource, _eligibleProjectIDs, _amounts, _position] }
}

enum BudgetKind: String, Codable, CaseIterable, Sendable {
    /// One-off costs (Investitionen).
    case investive
    /// Running costs (konsumtiv).
    case consumptive
}

/// The FTE a department can give to the plan's projects, per period.
final class PlanStaffCapacity: Model, @unchecked Sendable {
    static let schema = "plan_staff_capacities"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "plan_id") var plan: RoadmapPlan
    @Parent(key: "department_id") var department: Department
    /// FTE per period as a JSON array with one number per period.
    @Field(key: "fte") var fte: String

    init() {}

    init(municipalityID: UUID, planID: UUID, departmentID: UUID, fte: [Double]) {
        self.$municipality.id = municipalityID
        self.$plan.id = planID
        self.$department.id = departmentID
        self.fte = PlanJSON.encode(fte)
    }

    var fteList: [Double] { PlanJSON.decode([Double].self, fte) ?? [] }

    var properties: [any AnyProperty] { [_id, _municipality, _plan, _department, _fte] }
}

/// What a plan says about one project beyond its profile: left out, mandatory or not, a fixed start, which
/// budget line pays for it.
final class PlanProjectSetting: Model, @unchecked Sendable {
    static let schema = "plan_project_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "plan_id") var plan: RoadmapPlan
    @Parent(key: "project_id") var project: Project
    @Field(key: "included") var included: Bool
    /// nil = as the assembly rules say (legal obligations, decided projects); true/false overrides.
    @OptionalField(key: "mandatory") var mandatory: Bool?
    @OptionalField(key: "pinned_start") var pinnedStart: Int?
    @OptionalParent(key: "budget_line_id") var budgetLine: PlanBudgetLine?

    init() {}

    init(municipalityID: UUID, planID: UUID, projectID: UUID) {
        self.$municipality.id = municipalityID
        self.$plan.id = planID
        self.$project.id = projectID
        self.included = true
    }

    var properties: [any AnyProperty] { [_id, _municipality, _plan, _project, _included, _mandatory, _pinnedStart, _budgetLine] }
}

/// The stored outcome of the last solve of a plan (one row per plan), or of an imported schedule.
final class PlanResult: Model, @unchecked Sendable {
    static let schema = "plan_results"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "plan_id") var plan: RoadmapPlan
    /// `optimal`, `limitReached`, `infeasible` or `manual` (an imported schedule).
    @Field(key: "status") var status: String
    @Field(key: "objective") var objective: Double
    @Field(key: "bound") var bound: Double
    @Field(key: "gap") var gap: Double
    @Field(key: "nodes") var nodes: Int
    /// For an infeasible problem: the conflicts as JSON (`[PlanConflictDTO]`).
    @Field(key: "conflicts") var conflicts: String
    @Field(key: "solved_at") var solvedAt: Date
    @OptionalField(key: "solved_by_name") var solvedByName: String?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _plan, _status, _objective, _bound, _gap, _nodes, _conflicts, _solvedAt, _solvedByName] }
}

/// One project's start in a plan's result. `manual` marks a start someone set by hand after the solve.
final class PlanStart: Model, @unchecked Sendable {
    static let schema = "plan_starts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "plan_id") var plan: RoadmapPlan
    @Parent(key: "project_id") var project: Project
    @Field(key: "start_period") var startPeriod: Int
    @Field(key: "manual") var manual: Bool

    init() {}

    init(municipalityID: UUID, planID: UUID, projectID: UUID, start: Int, manual: Bool) {
        self.$municipality.id = municipalityID
        self.$plan.id = planID
        self.$project.id = projectID
        self.startPeriod = start
        self.manual = manual
    }

    var properties: [any AnyProperty] { [_id, _municipality, _plan, _project, _startPeriod, _manual] }
}

/// Small JSON columns (amounts per period) as text, readable on both databases.
enum PlanJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
