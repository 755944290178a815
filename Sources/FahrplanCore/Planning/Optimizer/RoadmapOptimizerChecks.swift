import Foundation

/// The optimizer's own conflicts, after `RoadmapDiagnosis` (H2's static checks) found none: what only the
/// solver's model or search can tell — a cycle or window the presolve meets, and mandatory projects that cannot
/// be placed together (found by the exhaustive mandatory placement), with German messages.
enum RoadmapOptimizerChecks {
    static func conflict(for error: RoadmapModelError) -> RoadmapConflict {
        switch error {
        case .unknownPredecessor(let project, let predecessor):
            return RoadmapConflict(kind: .unknownPredecessor, projects: [project, predecessor],
                                   message: "Das Projekt \(project) soll nach \(predecessor) beginnen, aber \(predecessor) gibt es nicht.")
        case .cycle(let cycle):
            let ring = (cycle + cycle.prefix(1)).joined(separator: " → ")
            return RoadmapConflict(kind: .dependencyCycle, projects: cycle,
                                   message: "Die Abhängigkeiten bilden einen Kreis: \(ring).")
        }
    }

    /// Mandatory projects (including predecessors of mandatory ones) whose start window is empty.
    static func impossibleMandatory(model: RoadmapModel, problem: RoadmapProblem) -> [RoadmapConflict] {
        var found: [RoadmapConflict] = []
        let periods = problem.periods
        func label(_ t: Int) -> String { t >= 0 && t < periods.count ? periods[t] : "Periode \(t)" }
        for i in model.topologicalOrder where model.mandatory[i] && !model.isPossible(i) {
            let project = problem.projects[i]
            let ownFinish = project.earliestStart + project.duration - 1
            if ownFinish >= periods.count {
                found.append(RoadmapConflict(kind: .beyondHorizon, projects: [project.id],
                    message: "Das Pflichtprojekt \(project.id) passt nicht in den Planungszeitraum: frühester Start \(label(project.earliestStart)), Dauer \(project.duration) Perioden, der Zeitraum endet \(label(periods.count - 1))."))
            } else if let finish = project.latestFinish, ownFinish > finish {
                found.append(RoadmapConflict(kind: .deadlineBeforeEarliestStart, projects: [project.id], periods: [project.earliestStart, finish],
                    message: "Das Pflichtprojekt \(project.id) kann frühestens \(label(ownFinish)) fertig sein, soll aber bis \(label(finish)) fertig sein."))
            } else {
                let blocking = model.predecessors[i].filter { !model.isPossible($0) || model.first[$0] + model.duration[$0] > model.last[i] }
                let names = blocking.map { model.ids[$0] }
                found.append(RoadmapConflict(kind: .mandatoryPredecessorImpossible, projects: [project.id] + names,
                    message: "Das Pflichtprojekt \(project.id) kann nicht rechtzeitig beginnen: seine Vorgänger \(names.joined(separator: ", ")) sind nicht früh genug fertig."))
            }
        }
        return found
    }

    static func mandatoryConflict(model: RoadmapModel, problem: RoadmapProblem, blocker: (resourceRow: Int, period: Int)?) -> RoadmapConflict {
        let names = model.topologicalOrder.filter { model.mandatory[$0] }.map { model.ids[$0] }
        var message = names.count == 1
            ? "Das Pflichtprojekt \(names[0]) passt in keiner erlaubten Periode in die Kapazitäten."
            : "Die Pflichtprojekte \(names.joined(separator: ", ")) passen nicht gemeinsam in die Kapazitäten."
        var resources: [String] = [], periods: [Int] = []
        if let blocker, blocker.resourceRow < problem.resources.count, blocker.period < problem.periods.count {
            let resource = problem.resources[blocker.resourceRow]
            let limit = resource.capacity[blocker.period]
            let amount = resource.kind == .budget
                ? limit.formatted(.number.precision(.fractionLength(0)).locale(Locale(identifier: "de_DE"))) + " €"
                : limit.formatted(.number.precision(.fractionLength(2)).locale(Locale(identifier: "de_DE"))) + " VZÄ"
            message += " Am knappsten: \(resource.label) in \(problem.periods[blocker.period]) (\(amount))."
            resources = [resource.id]
            periods = [blocker.period]
        }
        return RoadmapConflict(kind: .mandatoryDoesNotFit, projects: names, resources: resources, periods: periods, message: message)
    }
}
