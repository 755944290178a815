import Foundation

/// Why a schedule looks the way it does: for every project left out or started later than it could have, the
/// constraints that held it back, found by trying each earlier start (each start, when left out) against the rest
/// of the schedule; and for every resource and period its use against its capacity.
///
/// A reason is concrete: a resource that would be exceeded in a named period given the projects already running
/// then, a predecessor that is not in the plan or not finished yet, a deadline or the horizon. When some earlier
/// start (or some start, for a left-out project) is blocked by nothing, the reason says so: the plan could take
/// it there and did not, which an optimal plan only does when it gains nothing by it (no value, or no discount),
/// or which shows that a time-limited or hand-changed plan can be improved.
public struct RoadmapExplanation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case scheduledOnTime
        /// Started this many periods after its earliest possible start.
        case startedLate(by: Int)
        case leftOut
    }

    public struct Reason: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, Codable {
            /// A `.budget` resource would be exceeded.
            case budget
            /// A `.staff` resource would be exceeded.
            case capacity
            case predecessorNotSelected
            case predecessorNotFinished
            /// No start at all: the deadline, the horizon or a dependency cycle rule every start out.
            case noWindow
            /// Nothing blocks the starts named: the schedule left it out or later by choice.
            case optimizerChoice
        }

        public var kind: Kind
        public var resource: String?
        public var period: Int?
        public var predecessor: String?
        /// The candidate starts this reason rules out (for `.optimizerChoice`: the starts nothing rules out).
        public var starts: [Int]
        public var message: String
        public var messageEN: String
    }

    public struct ProjectReason: Sendable, Equatable {
        public var id: String
        public var title: String
        public var outcome: Outcome
        public var start: Int?
        /// By the static rules (own earliest start, predecessors' earliest finishes); nil inside a dependency cycle.
        public var earliestPossibleStart: Int?
        public var reasons: [Reason]
        /// One line for tables and tooltips: the outcome and its reasons grouped (bottlenecks per resource).
        public var summary: String
        public var summaryEN: String
    }

    public struct ResourceUse: Sendable, Equatable {
        public var id: String
        public var label: String
        public var kind: RoadmapProblem.ResourceKind
        public var used: [Double]
        public var capacity: [Double]
        /// The projects using the resource in each period, in schedule order.
        public var projects: [[String]]

        /// Use over capacity in a period (0 when both are 0, infinity when used without capacity).
        public func share(in period: Int) -> Double {
            guard capacity[period] > 0 else { return used[period] > 0 ? .infinity : 0 }
            return used[period] / capacity[period]
        }

        public func isOverloaded(in period: Int) -> Bool { RoadmapProblem.exceeds(used[period], capacity[period]) }
    }

    public var projects: [ProjectReason]
    public var periodUse: [ResourceUse]

    public static func explain(_ schedule: RoadmapSchedule, in problem: RoadmapProblem) -> RoadmapExplanation {
        let use = periodUse(of: schedule, in: problem)
        let windows = RoadmapWindows(problem)
        var projects: [ProjectReason] = []
        for (position, project) in problem.projects.enumerated() {
            let start = schedule.starts[project.id]
            let earliest = windows.earliestStart[position]
            var reason = ProjectReason(id: project.id, title: project.title, outcome: .scheduledOnTime, start: start,
                                       earliestPossibleStart: earliest, reasons: [], summary: "", summaryEN: "")
            defer { projects[projects.count - 1].summarize(in: problem) }
            if let start {
                guard let earliest, start > earliest else { projects.append(reason); continue }
                reason.outcome = .startedLate(by: start - earliest)
                reason.reasons = ReasonFinder(problem: problem, schedule: schedule, use: use, project: project,
                                              predecessors: windows.predecessors[position].map { problem.projects[$0] })
                    .reasons(candidates: Array(earliest..<start))
            } else {
                reason.outcome = .leftOut
                if let starts = windows.starts(of: position) {
                    reason.reasons = ReasonFinder(problem: problem, schedule: schedule, use: use, project: project,
                                                  predecessors: windows.predecessors[position].map { problem.projects[$0] })
                        .reasons(candidates: Array(starts))
                } else {
                    // Without any start, a predecessor left out is still the first thing to tell.
                    let missing = windows.predecessors[position].map { problem.projects[$0].id }.filter { schedule.starts[$0] == nil }
                    reason.reasons = missing.map { id in
                        Reason(kind: .predecessorNotSelected, predecessor: id, starts: [],
                               message: "Setzt \(id) voraus, das nicht eingeplant ist.",
                               messageEN: "Requires \(id), which is not scheduled.")
                    } + [noWindow(project, earliest: earliest, in: problem)]
                }
            }
            projects.append(reason)
        }
        return RoadmapExplanation(projects: projects, periodUse: use)
    }

    /// Use of every resource per period by the scheduled projects that lie inside the horizon.
    public static func periodUse(of schedule: RoadmapSchedule, in problem: RoadmapProblem) -> [ResourceUse] {
        let horizon = problem.periods.count
        return problem.resources.map { resource in
            var used = Array(repeating: 0.0, count: horizon)
            var who: [[String]] = Array(repeating: [], count: horizon)
            for project in problem.projects {
                guard let start = schedule.starts[project.id], start >= 0, start + project.duration <= horizon else { continue }
                for k in 0..<project.duration {
                    let need = problem.use(of: project, resource.id, at: k)
                    guard need > 0 else { continue }
                    used[start + k] += need
                    who[start + k].append(project.id)
                }
            }
            return ResourceUse(id: resource.id, label: resource.label, kind: resource.kind, used: used,
                               capacity: resource.capacity, projects: who)
        }
    }

    static func noWindow(_ project: RoadmapProblem.Project, earliest: Int?, in problem: RoadmapProblem) -> Reason {
        let horizon = problem.periods.count
        guard let earliest else {
            return Reason(kind: .noWindow, starts: [],
                          message: "Hängt von einer zirkulären Abhängigkeit ab und kann deshalb nie beginnen.",
                          messageEN: "Depends on a dependency cycle and can therefore never start.")
        }
        let finish = earliest + project.duration - 1
        if let deadline = project.latestFinish, deadline < horizon, finish > deadline {
            return Reason(kind: .noWindow, period: deadline, starts: [],
                message: "Kann seine Frist \(problem.periodLabel(deadline)) nicht einhalten: frühestens fertig \(problem.periodLabel(finish)).",
                messageEN: "Cannot meet its deadline \(problem.periodLabel(deadline, english: true)): finishes "
                    + "\(problem.periodLabel(finish, english: true)) at the earliest.")
        }
        if earliest >= horizon {
            return Reason(kind: .noWindow, starts: [],
                message: "Passt nicht in den Planungszeitraum: Es kann erst nach seinen Vorgängern beginnen, und die sind frühestens an dessen Ende fertig.",
                messageEN: "Does not fit the planning horizon: it can only start after its predecessors, which finish at its end at the earliest.")
        }
        return Reason(kind: .noWindow, starts: [],
            message: "Passt nicht in den Planungszeitraum: Beginn frühestens \(problem.periodLabel(earliest)), "
                + "Dauer \(PlanningText.german.periods(project.duration)), Ende des Planungszeitraums \(problem.periodLabel(horizon - 1)).",
            messageEN: "Does not fit the planning horizon: starts \(problem.periodLabel(earliest, english: true)) at the "
                + "earliest, runs \(PlanningText.englishText.periods(project.duration)), the horizon ends \(problem.periodLabel(horizon - 1, english: true)).")
    }
}
