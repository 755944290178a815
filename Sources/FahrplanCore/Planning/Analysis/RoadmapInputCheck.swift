import Foundation

extension RoadmapDiagnosis {
    /// Malformed input: the checks every other analysis relies on (vector lengths, signs, unique ids, the discount).
    static func invalidInput(_ problem: RoadmapProblem) -> [RoadmapConflict] {
        let text = PlanningText.german
        let horizon = problem.periods.count
        var conflicts: [RoadmapConflict] = []
        func invalid(_ message: String, projects: [String] = [], resources: [String] = []) {
            conflicts.append(RoadmapConflict(kind: .invalidInput, projects: projects, resources: resources, message: message))
        }
        if horizon == 0 { invalid("Der Plan hat keine Zeiträume.") }
        if !(problem.discount > 0 && problem.discount <= 1) {
            invalid("Der Abzinsungsfaktor je Zeitraum muss größer als 0 und höchstens 1 sein (ist \(text.decimal(problem.discount, maxDecimals: 4))).")
        }
        var resourceIDs = Set<String>()
        for resource in problem.resources {
            if !resourceIDs.insert(resource.id).inserted {
                invalid("Die Ressource \(resource.id) ist doppelt angegeben.", resources: [resource.id])
            }
            if resource.capacity.count != horizon {
                invalid("Die Ressource \(resource.id) hat \(resource.capacity.count) Kapazitätswerte, der Plan aber \(horizon) Zeiträume.",
                        resources: [resource.id])
            }
            for (period, value) in resource.capacity.enumerated() where !(value.isFinite && value >= 0) {
                invalid("Die Ressource \(resource.id) hat \(problem.periodLabel(period)) keine gültige Kapazität "
                        + "(\(text.decimal(value))); erlaubt sind Zahlen ab 0.", resources: [resource.id])
            }
        }
        var projectIDs = Set<String>()
        for project in problem.projects {
            let id = project.id
            if !projectIDs.insert(id).inserted { invalid("Das Projekt \(id) ist doppelt angegeben.", projects: [id]) }
            if project.duration < 1 {
                invalid("\(id): Die Dauer muss mindestens 1 Zeitraum sein (ist \(project.duration)).", projects: [id])
            }
            if !(project.value.isFinite && project.value >= 0) {
                invalid("\(id): Der Wert muss eine Zahl ab 0 sein (ist \(text.decimal(project.value))).", projects: [id])
            }
            if project.earliestStart < 0 {
                invalid("\(id): Der früheste Beginn darf nicht negativ sein (ist \(project.earliestStart)).", projects: [id])
            }
            for (resourceID, values) in project.usage.sorted(by: { $0.key < $1.key }) {
                if !resourceIDs.contains(resourceID) {
                    invalid("\(id) braucht die Ressource \(resourceID), die es in diesem Plan nicht gibt.",
                            projects: [id], resources: [resourceID])
                    continue
                }
                if values.count > max(project.duration, 0) {
                    invalid("\(id): Der Bedarf an \(resourceID) hat \(values.count) Werte, das Projekt dauert aber nur "
                            + "\(text.periods(project.duration)).", projects: [id], resources: [resourceID])
                }
                if let bad = values.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                    invalid("\(id): Der Bedarf an \(resourceID) im \(bad + 1). Laufzeitraum ist ungültig (\(text.decimal(values[bad]))); "
                            + "erlaubt sind Zahlen ab 0.", projects: [id], resources: [resourceID])
                }
            }
        }
        return conflicts
    }
}
