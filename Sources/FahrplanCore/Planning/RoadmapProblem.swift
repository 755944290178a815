import Foundation

/// The roadmap optimizer's problem: which projects to do, and when, within the money and staff each period has.
///
/// Resources are generic capacity rows (a budget line, a department's FTE, a funding programme), so the same
/// solver serves the reference format `fahrplan-planning/1` (one budget row plus one row per department) and
/// the app's plans (investive and consumptive budget, funding sources, departments). Periods are indexed
/// 0..<periods.count.
public struct RoadmapProblem: Sendable, Equatable {
    public enum ResourceKind: String, Sendable, Equatable, Codable {
        /// Money (euros) — explanations say "Budget".
        case budget
        /// Staff (FTE) of a department.
        case staff
    }

    public struct Resource: Sendable, Equatable {
        /// Unique among the problem's resources; the department code for staff ("FD-IT"), e.g. "budget" for money.
        public var id: String
        public var kind: ResourceKind
        /// Human-readable name used in explanations ("Haushalt investiv", "FD-IT").
        public var label: String
        /// Capacity per period; exactly `periods.count` values, each >= 0.
        public var capacity: [Double]

        public init(id: String, kind: ResourceKind, label: String? = nil, capacity: [Double]) {
            self.id = id
            self.kind = kind
            self.label = label ?? id
            self.capacity = capacity
        }
    }

    public struct Project: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Value when started in period 0; started in period s it counts `value * discount^s`. >= 0.
        public var value: Double
        /// Number of periods it runs, >= 1.
        public var duration: Int
        /// Use per resource id, one value per running period k = 0..<duration (missing entries count as 0).
        public var usage: [String: [Double]]
        public var earliestStart: Int
        /// Last period in which it may still run (its finish deadline); nil = the horizon's end.
        public var latestFinish: Int?
        public var mandatory: Bool
        /// Ids of the projects that must be selected and finished before this one starts.
        public var after: [String]

        public init(id: String, title: String = "", value: Double, duration: Int, usage: [String: [Double]] = [:],
                    earliestStart: Int = 0, latestFinish: Int? = nil, mandatory: Bool = false, after: [String] = []) {
            self.id = id
            self.title = title
            self.value = value
            self.duration = duration
            self.usage = usage
            self.earliestStart = earliestStart
            self.latestFinish = latestFinish
            self.mandatory = mandatory
            self.after = after
        }
    }

    public var name: String
    /// Labels of the periods in order, e.g. "2027-H1" or "2027".
    public var periods: [String]
    /// Factor per period of delay, 0 < discount <= 1.
    public var discount: Double
    public var resources: [Resource]
    public var projects: [Project]

    public init(name: String = "", periods: [String], discount: Double, resources: [Resource], projects: [Project]) {
        self.name = name
        self.periods = periods
        self.discount = discount
        self.resources = resources
        self.projects = projects
    }

    /// A project's contribution to the objective when it starts in `start`.
    public func value(of project: Project, startingIn start: Int) -> Double {
        project.value * pow(discount, Double(start))
    }
}

/// A schedule: the selected projects and their start periods (projects not listed are not selected).
public struct RoadmapSchedule: Sendable, Equatable {
    public var starts: [String: Int]

    public init(starts: [String: Int] = [:]) { self.starts = starts }

    public func objective(in problem: RoadmapProblem) -> Double {
        problem.projects.reduce(0) { sum, project in
            guard let start = starts[project.id] else { return sum }
            return sum + problem.value(of: project, startingIn: start)
        }
    }
}

public enum RoadmapSolveStatus: String, Sendable, Equatable, Codable {
    /// The schedule is proven optimal (within the gap tolerance).
    case optimal
    /// The work or time limit ended the search: the best schedule found, with a proven bound.
    case limitReached
}

public struct RoadmapSolution: Sendable, Equatable {
    public var schedule: RoadmapSchedule
    public var objective: Double
    /// Proven upper bound on the optimum (== objective when proven optimal).
    public var bound: Double
    public var status: RoadmapSolveStatus
    /// Branch-and-bound nodes explored (deterministic for the same input and options).
    public var nodes: Int

    public init(schedule: RoadmapSchedule, objective: Double, bound: Double, status: RoadmapSolveStatus, nodes: Int) {
        self.schedule = schedule
        self.objective = objective
        self.bound = bound
        self.status = status
        self.nodes = nodes
    }

    /// (bound − objective) / bound; 0 when proven optimal.
    public var gap: Double { bound > 0 ? max(0, (bound - objective) / bound) : 0 }
}

/// Why a problem has no feasible schedule, naming the items in conflict.
public struct RoadmapConflict: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, Codable {
        /// `after` links that form a cycle (projects named in order).
        case dependencyCycle
        /// `after` names a project that is not in the problem.
        case unknownPredecessor
        /// The latest finish lies before the earliest possible finish (earliest start, predecessors, duration).
        case deadlineBeforeEarliestStart
        /// The project cannot run inside the horizon at all.
        case beyondHorizon
        /// A mandatory project that does not fit (alone, or together with the other mandatory ones named).
        case mandatoryDoesNotFit
        /// A mandatory project depends on one that can never be scheduled.
        case mandatoryPredecessorImpossible
        /// Malformed input: wrong vector lengths, negative numbers, duplicate ids, a discount outside (0, 1].
        case invalidInput
    }

    public var kind: Kind
    /// Project ids involved, in a meaningful order (a cycle in cycle order).
    public var projects: [String]
    /// Resource ids and period indices involved, when the conflict is about capacity.
    public var resources: [String]
    public var periods: [Int]
    /// A German sentence naming the conflict, e.g. "Pflichtprojekt P007 passt nicht: FD-IT hat 2028-H1 nur 2,0 VZÄ".
    public var message: String

    public init(kind: Kind, projects: [String] = [], resources: [String] = [], periods: [Int] = [], message: String) {
        self.kind = kind
        self.projects = projects
        self.resources = resources
        self.periods = periods
        self.message = message
    }
}

public enum RoadmapResult: Sendable, Equatable {
    case solved(RoadmapSolution)
    case infeasible([RoadmapConflict])
}

/// Progress of a running solve, reported from the solver's thread.
public struct RoadmapProgress: Sendable, Equatable {
    public var objective: Double?
    public var bound: Double?
    public var nodes: Int
    /// Share of the work limit used, 0...1.
    public var fractionDone: Double

    public init(objective: Double?, bound: Double?, nodes: Int, fractionDone: Double) {
        self.objective = objective
        self.bound = bound
        self.nodes = nodes
        self.fractionDone = fractionDone
    }
}

public struct RoadmapSolverOptions: Sendable {
    /// Deterministic effort limit (solver work units); the same input and limit give the same schedule.
    public var workLimit: Int
    /// Safety net in seconds; when it ends a search, the result may differ between machines.
    public var timeLimit: Double
    /// Relative gap at which a schedule counts as optimal.
    public var gapTolerance: Double
    public var progress: (@Sendable (RoadmapProgress) -> Void)?
    /// Polled now and then; true ends the search with the best schedule so far.
    public var isCancelled: (@Sendable () -> Bool)?

    public init(workLimit: Int = RoadmapSolverOptions.defaultWorkLimit, timeLimit: Double = 60, gapTolerance: Double = 1e-6,
                progress: (@Sendable (RoadmapProgress) -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil) {
        self.workLimit = workLimit
        self.timeLimit = timeLimit
        self.gapTolerance = gapTolerance
        self.progress = progress
        self.isCancelled = isCancelled
    }

    /// Calibrated on the reference problems: 1.5–2 s for 150 projects on a busy 2-core machine (release build);
    /// left at this value, the optimizer scales it up for larger problems (see `RoadmapOptimizer.effectiveWorkLimit`).
    public static let defaultWorkLimit = 500_000_000
}
