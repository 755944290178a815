import FahrplanCore
import Foundation

/// What the pages and the API say about a schedule, from the core's `RoadmapExplanation` and
/// `RoadmapComparison`: per project its outcome and why, per resource and period its use, between two plans
/// what changed.
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

    /// `explanation`: the schedule's analysis when the caller has it already (the plan page keeps it, see
    /// `PlanAnalysisCache`); computed here otherwise.
    static func projects(_ outcome: PlanOutcome, explanation known: RoadmapExplanation? = nil) -> [ProjectLine] {
        let problem = outcome.problem
        let explanation = known ?? RoadmapExplanation.explain(outcome.schedule, in: problem)
        let reasons = Dictionary(explanation.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let facts = outcome.data.projectsByID
        var lines: [ProjectLine] = []
        for project in problem.projects {
            guard let id = outcome.built.projectIDs[project.id], let explained = reasons[project.id] else { continue }
            let (kind, late): (Outcome, Int) = switch explained.outcome {
            case .scheduledOnTime: (.onTime, 0)
            case .startedLate(let by): (.late, by)
            case .leftOut: (.leftOut, 0)
            }
            var reason: (de: String, en: String)
            if explained.reasons.isEmpty {
                reason = outcome.built.notes[id] ?? (kind == .onTime ? ("Beginnt zum frühestmöglichen Zeitpunkt.", "Starts as early as possible.") : ("", ""))
            } else {
                reason = (explained.reasons.map(\.message).joined(separator: " "), explained.reasons.map(\.messageEN).joined(separator: " "))
            }
            lines.append(ProjectLine(id: id, code: project.id, title: project.title, fieldOfAction: facts[id]?.fieldOfAction,
                                     start: explained.start, duration: project.duration, outcome: kind, lateBy: late,
                                     mandatory: project.mandatory, manual: outcome.manual.contains(id), value: project.value, reason: reason))
        }
        // Projects the assembly or the plan left out, with the note that says why.
        let inProblem = Set(outcome.built.projectIDs.values)
        for facts in outcome.data.projects where !inProblem.contains(facts.id) {
            let note = outcome.built.notes[facts.id] ?? ("Nicht im Plan.", "Not in the plan.")
            lines.append(ProjectLine(id: facts.id, code: facts.code, title: facts.title, fieldOfAction: facts.fieldOfAction, start: nil,
                                     duration: 0, outcome: .leftOut, lateBy: 0, mandatory: false, manual: false, value: facts.score ?? 0,
                                     reason: note))
        }
        return lines
    }

    static func periodUse(_ problem: RoadmapProblem, _ schedule: RoadmapSchedule) -> [RoadmapExplanation.ResourceUse] {
        RoadmapExplanation.periodUse(of: schedule, in: problem)
    }

    /// What moves between two plans' schedules, by project code; a project only one plan holds counts as
    /// added or dropped.
    static func compare(_ base: PlanOutcome, _ other: PlanOutcome) -> [RoadmapComparison.ProjectChange] {
        var union = base.problem
        let known = Set(union.projects.map(\.id))
        union.projects += other.problem.projects.filter { !known.contains($0.id) }
        return RoadmapComparison.compare(base.schedule, other.schedule, in: union)
    }
}
