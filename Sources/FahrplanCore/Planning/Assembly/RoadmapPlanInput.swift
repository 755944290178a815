import Foundation

/// The app's data for one roadmap plan, as plain values: the periods, the budget lines, the departments' staff and
/// the candidate projects with their profiles. `RoadmapAssembly.assemble` turns it into a `RoadmapProblem`.
///
/// Rules of the assembly (they go into the docs):
/// - Periods: `periodCount` half-years ("2027-H1", "2027-H2", …) or years ("2027") from `firstYear` on.
/// - Which projects: completed, cancelled and deferred ones are left out; all others are candidates.
/// - Duration: from `startOn` to `endOn` when both are given (the periods containing them), otherwise the span of
///   the years that have cost or FTE figures (whole years), at least one period. Without figures the project has
///   no usage and gets the note "ohne Kosten- und Personalangaben".
/// - Usage per running period: money is an amount per year, split evenly over the project's periods in that year
///   (a year fully run in half-years: half in each); FTE is a staffing level, so each of the year's periods uses
///   the year's FTE. Figures of a year outside the project's dates count in its first or last period (noted).
/// - Where money goes: one-off costs to the project's funding line when it has one and the line may fund it
///   (`eligibleProjects` nil or naming it), otherwise to the first investive own-funds line (eligibility nil);
///   running costs to the first consumptive own-funds line. When such a line is missing, that money is not limited
///   (a plan note says so). FTE go to the department rows; FTE of a department without a row are not limited.
/// - Dates of projects not yet running shape their profile only: the optimizer chooses their start (earliest 0).
/// - Projects in progress stay where they are: pinned to the period containing `startOn` (or their first figure
///   year), mandatory. Started before the horizon: only the remaining periods count, from period 0. Running past
///   the horizon's end: only the periods inside count. Their dependencies count as met.
/// - Mandatory: in progress, approved, decided, or a legal obligation; `mandatoryOverride` true/false wins.
/// - A legal deadline becomes `latestFinish` (the period containing it), kept only when it is inside the horizon.
/// - Dependencies: on a project in the plan, kept; on a completed project (in the input or in
///   `completedProjectCodes`), dropped as met; on anything else (unknown, cancelled, deferred, or a project left out
///   for that reason) the project cannot be done and is left out with a note — for a mandatory project that is a
///   conflict.
/// - Values: the ranking score as given. Cents become euros, FTE hundredths become FTE.
public struct RoadmapPlanInput: Sendable, Equatable {
    public enum PeriodLength: String, Sendable, Equatable, Codable {
        case halfYear, year
    }

    public enum BudgetKind: String, Sendable, Equatable, Codable {
        /// One-off costs (Investitionen, Einmalkosten).
        case investive
        /// Running costs (laufende Kosten).
        case consumptive
    }

    public struct BudgetLine: Sendable, Equatable {
        public var id: String
        public var label: String
        public var kind: BudgetKind
        /// Amount available in each period, in cents; `periodCount` values (missing ones count as 0).
        public var amountCents: [Int64]
        /// Project codes this line may fund (a funding programme); nil = own funds, for every project.
        public var eligibleProjects: Set<String>?

        public init(id: String, label: String, kind: BudgetKind, amountCents: [Int64], eligibleProjects: Set<String>? = nil) {
            self.id = id
            self.label = label
            self.kind = kind
            self.amountCents = amountCents
            self.eligibleProjects = eligibleProjects
        }
    }

    public struct Department: Sendable, Equatable {
        public var code: String
        public var label: String
        /// FTE available for digitalization projects in each period, in hundredths.
        public var fteHundredths: [Int]

        public init(code: String, label: String, fteHundredths: [Int]) {
            self.code = code
            self.label = label
            self.fteHundredths = fteHundredths
        }
    }

    public struct YearCost: Sendable, Equatable {
        public var oneOffCents: Int64
        public var runningCents: Int64

        public init(oneOffCents: Int64 = 0, runningCents: Int64 = 0) {
            self.oneOffCents = oneOffCents
            self.runningCents = runningCents
        }
    }

    public struct Project: Sendable, Equatable {
        public var code: String
        public var title: String
        /// The score in the adopted ranking (0 when unranked).
        public var value: Double
        public var status: ProjectStatus
        /// ISO dates "2027-03-01".
        public var startOn: String?
        public var endOn: String?
        public var costs: [Int: YearCost]
        /// Department code → year → FTE in hundredths.
        public var fte: [String: [Int: Int]]
        public var dependsOn: [String]
        public var legalObligation: Bool
        /// ISO date by which a legal obligation must be done.
        public var legalDeadline: String?
        /// True or false overrides the mandatory rules (a what-if scenario); nil applies them.
        public var mandatoryOverride: Bool?
        /// Approved by a decision (Beschluss).
        public var decided: Bool
        public var fundingLineID: String?

        public init(code: String, title: String, value: Double, status: ProjectStatus, startOn: String? = nil,
                    endOn: String? = nil, costs: [Int: YearCost] = [:], fte: [String: [Int: Int]] = [:],
                    dependsOn: [String] = [], legalObligation: Bool = false, legalDeadline: String? = nil,
                    mandatoryOverride: Bool? = nil, decided: Bool = false, fundingLineID: String? = nil) {
            self.code = code
            self.title = title
            self.value = value
            self.status = status
            self.startOn = startOn
            self.endOn = endOn
            self.costs = costs
            self.fte = fte
            self.dependsOn = dependsOn
            self.legalObligation = legalObligation
            self.legalDeadline = legalDeadline
            self.mandatoryOverride = mandatoryOverride
            self.decided = decided
            self.fundingLineID = fundingLineID
        }
    }

    public var name: String
    public var periodLength: PeriodLength
    public var firstYear: Int
    public var periodCount: Int
    /// Factor per period of delay, 0 < discount <= 1.
    public var discount: Double
    public var budgetLines: [BudgetLine]
    public var departments: [Department]
    public var projects: [Project]
    /// Codes of completed projects not listed in `projects` (dependencies on them are met).
    public var completedProjectCodes: Set<String>

    public init(name: String = "", periodLength: PeriodLength, firstYear: Int, periodCount: Int, discount: Double,
                budgetLines: [BudgetLine], departments: [Department], projects: [Project],
                completedProjectCodes: Set<String> = []) {
        self.name = name
        self.periodLength = periodLength
        self.firstYear = firstYear
        self.periodCount = periodCount
        self.discount = discount
        self.budgetLines = budgetLines
        self.departments = departments
        self.projects = projects
        self.completedProjectCodes = completedProjectCodes
    }

    /// Periods per year: 2 for half-years, 1 for years.
    var periodsPerYear: Int { periodLength == .halfYear ? 2 : 1 }

    /// Labels of the periods: "2027-H1", "2027-H2", … or "2027", "2028", ….
    public var periodLabels: [String] {
        (0..<max(0, periodCount)).map { index in
            periodLength == .year ? "\(firstYear + index)" : "\(firstYear + index / 2)-H\(index % 2 + 1)"
        }
    }

    /// Index of the period containing an ISO date, relative to the first period (negative before it); nil if unreadable.
    public func period(containing isoDate: String) -> Int? {
        let parts = isoDate.prefix(10).split(separator: "-")
        guard parts.count >= 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return firstPeriod(ofYear: year) + (periodLength == .halfYear && month >= 7 ? 1 : 0)
    }

    /// Index of the first period of a calendar year, relative to the first period.
    func firstPeriod(ofYear year: Int) -> Int { (year - firstYear) * periodsPerYear }
}

/// The assembled problem and what the assembly has to say about it.
public struct RoadmapAssemblyOutcome: Sendable, Equatable {
    public var problem: RoadmapProblem
    /// German notes per project code, e.g. "ohne Kosten- und Personalangaben".
    public var notes: [String: [String]]
    /// German notes about the whole plan, e.g. a missing budget line.
    public var planNotes: [String]
    /// Codes of input projects that are not in the problem, in input order (each has a note saying why).
    public var excluded: [String]
    /// Mandatory projects the assembly already knows cannot be done (a dependency outside the plan).
    public var conflicts: [RoadmapConflict]
}
