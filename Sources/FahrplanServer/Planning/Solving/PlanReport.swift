import FahrplanCore
import Foundation

/// What the pages and the API say about a schedule: per project its outcome and why, per resource and period
/// its use, and between two plans what changed.
enum PlanReport {
    enum Outcome: String, Codable, Sendable {
        case onTime, late, leftOut
    }

    struct ProjectLine: Sendable {
        var id: UUID
        var code: String
        var title: String
        var fieldOfAction: String?
        var start: Int?
        var duration: Int
        var outcome: Outcome
        var lateBy: Int
        var mandatory: Bool
        var manual: Bool
        var value: Double
        var reason: (de: String, en: String)
    }

    struct Use: Sendable {
        var resource: String
        var label: String
        var kind: RoadmapProblem.ResourceKind
        var used: [Double]
        var capacity: [Double]
    }

    static func projects(_ outcome: PlanOutcome) -> [ProjectLine] {
        let problem = outcome.problem
        let schedule = outcome.schedule
        let use = periodUse(problem, schedule)
        let facts = outcome.data.projectsByID
        var lines: [ProjectLine] = []
        for project in problem.projects {
            guard let id = outcome.built.projectIDs[project.id] else { continue }
            let start = schedule.starts[project.id]
            let late = start.map { $0 - project.earliestStart } ?? 0
            var reason: (de: String, en: String)
            if let note = outcome.built.notes[id] {
                reason = note
            } else if start == nil {
                reason = blocker(project, at: project.earliestStart, problem: problem, use: use, schedule: schedule)
            } else if late > 0 {
                reason = blocker(project, at: project.earliestStart, problem: problem, use: use, schedule: schedule)
            } else {
                reason = ("Beginnt zum frühestmöglichen Zeitpunkt.", "Starts as early as possible.")
            }
            lines.append(ProjectLine(id: id, code: project.id, title: project.title, fieldOfAction: facts[id]?.fieldOfAction, start: start,
                                     duration: project.duration, outcome: start == nil ? .leftOut : late > 0 ? .late : .onTime,
                                     lateBy: max(0, late), mandatory: project.mandatory, manual: outcome.manual.contains(id),
                                     value: project.value, reason: reason))
        }
        return lines
    }

    /// Which capacity the project would exceed when it started in `period` on top of the others.
    private static func blocker(_ project: RoadmapProblem.Project, at period: Int, problem: RoadmapProblem, use: [Use],
                                schedule: RoadmapSchedule) -> (de: String, en: String) {
        let own = schedule.starts[project.id]
        for missing in project.after where schedule.starts[missing] == nil {
            return ("Voraussetzung \(missing) ist nicht im Plan.", "Prerequisite \(missing) is not in the plan.")
        }
        for k in 0..<project.duration where period + k < problem.periods.count {
            for row in use {
                let need = project.usage[row.resource].flatMap { k < $0.count ? $0[k] : nil } ?? 0
                guard need > 0 else { continue }
                let p = period + k
                var used = row.used[p]
                if let own, p >= own, p - own < project.duration { used -= project.usage[row.resource]?[p - own] ?? 0 }
                if used + need > row.capacity[p] + 1e-9 {
                    let percent = row.capacity[p] > 0 ? Int((used / row.capacity[p] * 100).rounded()) : 100
                    return ("\(row.label) ist \(problem.periods[p]) zu \(percent) % ausgelastet.",
                            "\(row.label) is \(percent)% used in \(problem.periods[p]).")
                }
            }
        }
        if let start = own, start > period {
            return ("Ein früherer Beginn bringt insgesamt weniger Wert.", "An earlier start yields less value overall.")
        }
        return ("Andere Vorhaben bringen mit denselben Mitteln mehr Wert.", "Other projects yield more value with the same means.")
    }

    static func periodUse(_ problem: RoadmapProblem, _ schedule: RoadmapSchedule) -> [Use] {
        let count = problem.periods.count
        var used: [String: [Double]] = [:]
        for project in problem.projects {
            guard let start = schedule.starts[project.id] else { continue }
            for (resource, values) in project.usage {
                for (k, value) in values.enumerated() where start + k < count && start + k >= 0 {
                    used[resource, default: Array(repeating: 0, count: count)][start + k] += value
                }
            }
        }
        return problem.resources.map {
            Use(resource: $0.id, label: $0.label, kind: $0.kind, used: used[$0.id] ?? Array(repeating: 0, count: count), capacity: $0.capacity)
        }
    }

    enum Change: String, Codable, Sendable {
        case added, dropped, earlier, later, unchanged
    }

    struct ChangeLine: Sendable {
        var code: String
        var title: String
        var change: Change
        var baseStart: Int?
        var otherStart: Int?
    }

    /// What moves between two plans' schedules, by project code.
    static func compare(_ base: PlanOutcome, _ other: PlanOutcome) -> [ChangeLine] {
        let baseStarts = base.schedule.starts
        let otherStarts = other.schedule.starts
        var titles: [String: String] = [:]
        for project in base.problem.projects + other.problem.projects { titles[project.id] = project.title }
        return Set(baseStarts.keys).union(otherStarts.keys).sorted().map { code in
            let a = baseStarts[code], b = otherStarts[code]
            let change: Change = switch (a, b) {
            case (nil, _): .added
            case (_, nil): .dropped
            case let (a?, b?) where b > a: .later
            case let (a?, b?) where b < a: .earlier
            default: .unchanged
            }
            return ChangeLine(code: code, title: titles[code] ?? "", change: change, baseStart: a, otherStart: b)
        }
    }
}
