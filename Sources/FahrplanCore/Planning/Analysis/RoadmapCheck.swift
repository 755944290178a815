import Foundation

/// One way a schedule breaks the rules of its problem. The kinds match `check_plan.py` of the reference format.
public struct RoadmapViolation: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, Codable {
        case unknownProject = "unknown-project"
        case earliestStart = "earliest-start"
        case horizon
        case latestFinish = "latest-finish"
        case mandatory
        case afterMissing = "after-missing"
        case afterOverlap = "after-overlap"
        /// A `.budget` resource exceeded in a period.
        case budget
        /// A `.staff` resource (a department's FTE) exceeded in a period.
        case capacity
    }

    public var kind: Kind
    /// The project concerned first; for the `after` kinds the predecessor second. For budget and capacity, every
    /// project using the resource in that period.
    public var projects: [String]
    public var resource: String?
    public var period: Int?
    public var used: Double?
    public var limit: Double?
    /// German sentence, e.g. "FD-IT 2028-H1: 4,5 VZÄ verplant, verfügbar sind 4,0 VZÄ (0,5 VZÄ zu viel): P001 und P002."
    public var message: String
    public var messageEN: String

    public init(kind: Kind, projects: [String], resource: String? = nil, period: Int? = nil, used: Double? = nil,
                limit: Double? = nil, message: String, messageEN: String) {
        self.kind = kind
        self.projects = projects
        self.resource = resource
        self.period = period
        self.used = used
        self.limit = limit
        self.message = message
        self.messageEN = messageEN
    }

    /// How much more than the limit is used (budget and capacity only).
    public var excess: Double? {
        guard let used, let limit else { return nil }
        return used - limit
    }
}

/// Every rule a given schedule breaks — used for schedules people changed by hand, and to double-check solvers.
public enum RoadmapCheck {
    public static func violations(of schedule: RoadmapSchedule, in problem: RoadmapProblem) -> [RoadmapViolation] {
        let de = PlanningText.german, en = PlanningText.englishText
        let horizon = problem.periods.count
        var byID: [String: RoadmapProblem.Project] = [:]
        for project in problem.projects where byID[project.id] == nil { byID[project.id] = project }
        var violations: [RoadmapViolation] = []
        func label(_ period: Int) -> String { problem.periodLabel(period) }
        func labelEN(_ period: Int) -> String { problem.periodLabel(period, english: true) }

        for id in schedule.starts.keys.sorted() where byID[id] == nil {
            violations.append(RoadmapViolation(kind: .unknownProject, projects: [id],
                message: "\(id) ist kein Projekt dieses Plans.", messageEN: "\(id) is not a project of this plan."))
        }
        /// Scheduled projects whose whole run lies inside the horizon, so that their use can be counted.
        var placed: [(project: RoadmapProblem.Project, start: Int)] = []
        for project in problem.projects {
            guard let start = schedule.starts[project.id] else {
                if project.mandatory {
                    violations.append(RoadmapViolation(kind: .mandatory, projects: [project.id],
                        message: "Das Pflichtprojekt \(project.id) ist nicht eingeplant.",
                        messageEN: "The mandatory project \(project.id) is not scheduled."))
                }
                continue
            }
            let finish = start + project.duration - 1
            if start < project.earliestStart {
                violations.append(RoadmapViolation(kind: .earliestStart, projects: [project.id], period: start,
                    message: "\(project.id) beginnt \(label(start)), darf aber frühestens \(label(project.earliestStart)) beginnen.",
                    messageEN: "\(project.id) starts in \(labelEN(start)) but may start in \(labelEN(project.earliestStart)) at the earliest."))
            }
            if start < 0 || start + project.duration > horizon {
                violations.append(RoadmapViolation(kind: .horizon, projects: [project.id], period: start,
                    message: "\(project.id) läuft außerhalb des Planungszeitraums (Beginn \(label(start)), Dauer "
                        + "\(de.periods(project.duration)), Planungszeitraum \(label(0)) bis \(label(horizon - 1))).",
                    messageEN: "\(project.id) runs outside the planning horizon (start \(labelEN(start)), "
                        + "\(en.periods(project.duration)), horizon \(labelEN(0)) to \(labelEN(horizon - 1)))."))
            } else {
                placed.append((project, start))
            }
            if let deadline = project.latestFinish, finish > deadline {
                violations.append(RoadmapViolation(kind: .latestFinish, projects: [project.id], period: finish,
                    message: "\(project.id) endet \(label(finish)), muss aber bis \(label(deadline)) abgeschlossen sein.",
                    messageEN: "\(project.id) ends in \(labelEN(finish)) but must be finished by \(labelEN(deadline))."))
            }
            for predecessorID in project.after.withoutRepeats() {
                guard let predecessor = byID[predecessorID], let predecessorStart = schedule.starts[predecessorID] else {
                    violations.append(RoadmapViolation(kind: .afterMissing, projects: [project.id, predecessorID],
                        message: "\(project.id) setzt \(predecessorID) voraus, das nicht eingeplant ist.",
                        messageEN: "\(project.id) requires \(predecessorID), which is not scheduled."))
                    continue
                }
                // Like check_plan.py: a run already reported outside the horizon is not compared again.
                let end = predecessorStart + predecessor.duration - 1
                let inside = { (first: Int, length: Int) in first >= 0 && first + length <= horizon }
                if start <= end, inside(start, project.duration), inside(predecessorStart, predecessor.duration) {
                    violations.append(RoadmapViolation(kind: .afterOverlap, projects: [project.id, predecessorID], period: start,
                        message: "\(project.id) beginnt \(label(start)), \(predecessorID) läuft aber bis \(label(end)); "
                            + "frühester Beginn wäre \(label(end + 1)).",
                        messageEN: "\(project.id) starts in \(labelEN(start)) but \(predecessorID) runs until \(labelEN(end)); "
                            + "the earliest allowed start is \(labelEN(end + 1))."))
                }
            }
        }

        for resource in problem.resources {
            var used = Array(repeating: 0.0, count: horizon)
            var who: [[String]] = Array(repeating: [], count: horizon)
            for (project, start) in placed {
                for k in 0..<project.duration {
                    let need = problem.use(of: project, resource.id, at: k)
                    guard need != 0 else { continue }
                    used[start + k] += need
                    who[start + k].append(project.id)
                }
            }
            for period in 0..<horizon {
                let limit = period < resource.capacity.count ? resource.capacity[period] : 0
                guard RoadmapProblem.exceeds(used[period], limit) else { continue }
                let projects = who[period].sorted()
                let kind = resource.kind
                violations.append(RoadmapViolation(kind: kind == .budget ? .budget : .capacity, projects: projects,
                    resource: resource.id, period: period, used: used[period], limit: limit,
                    message: "\(de.resource(resource)) \(label(period)): \(de.amount(used[period], kind: kind)) verplant, verfügbar "
                        + "sind \(de.amount(limit, kind: kind)) (\(de.amount(used[period] - limit, kind: kind)) zu viel): \(de.list(projects)).",
                    messageEN: "\(en.resource(resource)) \(labelEN(period)): \(en.amount(used[period], kind: kind)) planned, "
                        + "\(en.amount(limit, kind: kind)) available (\(en.amount(used[period] - limit, kind: kind)) too much): "
                        + "\(en.list(projects))."))
            }
        }
        return violations
    }
}
