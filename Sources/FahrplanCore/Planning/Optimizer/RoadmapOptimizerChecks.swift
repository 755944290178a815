import Foundation

/// The optimizer's own checks of its input, turned into named conflicts with German messages: malformed
/// input, broken dependencies, and mandatory projects that cannot be scheduled (alone through their window, or
/// together through the capacities).
enum RoadmapOptimizerChecks {
    static func conflicts(in problem: RoadmapProblem) -> [RoadmapConflict] {
        var found: [RoadmapConflict] = []
        func invalid(_ message: String, projects: [String] = [], resources: [String] = []) {
            found.append(RoadmapConflict(kind: .invalidInput, projects: projects, resources: resources, message: message))
        }
        let periods = problem.periods.count
        if periods == 0 { invalid("Der Plan hat keine Perioden.") }
        if !(problem.discount > 0 && problem.discount <= 1) {
            invalid("Der Abzinsungsfaktor \(problem.discount) liegt nicht in (0, 1].")
        }
        var resourceIDs = Set<String>()
        for resource in problem.resources {
            if !resourceIDs.insert(resource.id).inserted { invalid("Die Ressource \(resource.id) ist doppelt.", resources: [resource.id]) }
            if resource.capacity.count != periods {
                invalid("Die Ressource \(resource.id) hat \(resource.capacity.count) statt \(periods) Kapazitätswerte.", resources: [resource.id])
            }
            if resource.capacity.contains(where: { !($0 >= 0) }) { invalid("Die Ressource \(resource.id) hat eine negative Kapazität.", resources: [resource.id]) }
        }
        var projectIDs = Set<String>()
        for project in problem.projects where !projectIDs.insert(project.id).inserted {
            invalid("Das Projekt \(project.id) ist doppelt.", projects: [project.id])
        }
        for project in problem.projects {
            if project.duration < 1 { invalid("Das Projekt \(project.id) hat die Dauer \(project.duration).", projects: [project.id]) }
            if !(project.value >= 0) { invalid("Das Projekt \(project.id) hat einen negativen Wert.", projects: [project.id]) }
            if project.earliestStart < 0 { invalid("Das Projekt \(project.id) hat einen negativen frühesten Start.", projects: [project.id]) }
            for (resource, amounts) in project.usage.sorted(by: { $0.key < $1.key }) {
                if !resourceIDs.contains(resource) {
                    invalid("Das Projekt \(project.id) nutzt die unbekannte Ressource \(resource).", projects: [project.id], resources: [resource])
                } else if amounts.count > project.duration || amounts.contains(where: { !($0 >= 0) }) {
                    invalid("Das Projekt \(project.id) hat für \(resource) ungültige Werte (mehr als \(project.duration) oder negative).",
                            projects: [project.id], resources: [resource])
                }
            }
            for predecessor in project.after where !projectIDs.contains(predecessor) {
                found.append(RoadmapConflict(kind: .unknownPredecessor, projects: [project.id, predecessor],
                                             message: "Das Projekt \(project.id) soll nach \(predecessor) beginnen, aber \(predecessor) gibt es nicht."))
            }
        }
        return found
    }

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
