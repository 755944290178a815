import Foundation

/// Static checks that find why a roadmap problem has no feasible schedule, before any search: malformed input,
/// unknown or circular dependencies, deadlines that cannot be met, and mandatory projects that cannot fit. Each
/// conflict names the items involved and says in German what is wrong.
///
/// Rules: malformed input is reported alone (the other checks need well-formed vectors). A deadline before the
/// earliest possible finish is reported for every project (the data contradict themselves); a project that is too
/// long for the horizon or does not fit the capacities only when it is mandatory (an optional one is simply left
/// out). A mandatory project whose predecessors (transitively) can never be scheduled is reported naming them.
/// The capacity checks are necessary conditions only: a mandatory project alone in each start of its window,
/// mandatory projects fixed to one start together, and all mandatory work against the whole horizon's capacity.
public enum RoadmapDiagnosis {
    public static func conflicts(in problem: RoadmapProblem) -> [RoadmapConflict] {
        let invalid = invalidInput(problem)
        if !invalid.isEmpty { return invalid }
        let windows = RoadmapWindows(problem)
        let text = PlanningText.german
        var conflicts: [RoadmapConflict] = []
        /// Why a project can never be scheduled, for the projects where that is its own fault.
        var rootCause: [Int: String] = [:]

        for (position, project) in problem.projects.enumerated() {
            let unknown = project.after.filter { windows.index[$0] == nil }
            for id in Array(Set(unknown)).sorted() {
                conflicts.append(RoadmapConflict(kind: .unknownPredecessor, projects: [project.id, id],
                    message: "\(project.id) setzt \(id) voraus, das es in diesem Plan nicht gibt."))
            }
            if !unknown.isEmpty { rootCause[position] = "setzt \(text.list(unknown.sorted())) voraus, das es nicht gibt" }
        }

        let cycles = dependencyCycles(problem, windows)
        for cycle in cycles {
            let message = cycle.count == 2
                ? "\(cycle[0]) setzt sich selbst voraus."
                : "Zirkuläre Abhängigkeit: \(cycle.joined(separator: " → ")) (jedes Projekt setzt das nächste voraus)."
            conflicts.append(RoadmapConflict(kind: .dependencyCycle, projects: cycle, message: message))
            for id in cycle { if let position = windows.index[id] { rootCause[position] = "ist Teil einer zirkulären Abhängigkeit" } }
        }

        let mandatory = effectivelyMandatory(problem, windows)
        let horizon = problem.periods.count
        for (position, project) in problem.projects.enumerated() {
            guard let earliest = windows.earliestStart[position], windows.starts(of: position) == nil else { continue }
            let finish = earliest + project.duration - 1
            let binding = windows.predecessors[position]
                .filter { (windows.earliestStart[$0] ?? 0) + problem.projects[$0].duration == earliest && earliest > project.earliestStart }
                .map { problem.projects[$0].id }
            let because = binding.isEmpty ? "" : " (nach \(text.list(binding)))"
            if let deadline = project.latestFinish, deadline < horizon, finish > deadline {
                let message = "\(project.id) muss bis \(problem.periodLabel(deadline)) abgeschlossen sein, kann aber frühestens "
                    + "\(problem.periodLabel(finish)) fertig werden: Beginn frühestens \(problem.periodLabel(earliest))\(because), "
                    + "Dauer \(text.periods(project.duration))."
                conflicts.append(RoadmapConflict(kind: .deadlineBeforeEarliestStart, projects: [project.id] + binding,
                                                 periods: [deadline, earliest], message: message))
                rootCause[position] = "kann seine Frist \(problem.periodLabel(deadline)) nicht einhalten"
            } else {
                rootCause[position] = "passt nicht in den Planungszeitraum"
                guard project.mandatory else { continue }
                let message = "Pflichtprojekt \(project.id) passt nicht in den Planungszeitraum: Beginn frühestens "
                    + "\(problem.periodLabel(earliest))\(because), Dauer \(text.periods(project.duration)), der Planungszeitraum "
                    + "endet \(problem.periodLabel(horizon - 1))."
                conflicts.append(RoadmapConflict(kind: .beyondHorizon, projects: [project.id] + binding,
                                                 periods: [earliest], message: message))
            }
        }

        for (position, project) in problem.projects.enumerated() {
            guard let starts = windows.starts(of: position) else { continue }
            let blockers = starts.map { firstBlocker(project, startingIn: $0, problem) }
            guard blockers.allSatisfy({ $0 != nil }) else { continue }
            var distinct: [Blocker] = []
            for case let blocker? in blockers where !distinct.contains(blocker) { distinct.append(blocker) }
            let sentences = distinct.prefix(3).map { blocker in
                let resource = problem.resources[blocker.resource]
                return "\(text.resource(resource)) hat \(problem.periodLabel(blocker.period)) nur "
                    + "\(text.amount(resource.capacity[blocker.period], kind: resource.kind)), benötigt "
                    + text.amount(blocker.need, kind: resource.kind)
            }
            let more = distinct.count > 3 ? " und \(distinct.count - 3) weitere Engpässe" : ""
            rootCause[position] = "passt in keinem Zeitraum in die Kapazitäten"
            guard project.mandatory else { continue }
            let message = "Pflichtprojekt \(project.id) passt \(starts.count == 1 ? "nicht" : "in keinem Zeitraum"): "
                + sentences.joined(separator: "; ") + more + "."
            conflicts.append(RoadmapConflict(kind: .mandatoryDoesNotFit, projects: [project.id],
                resources: distinct.map { problem.resources[$0.resource].id }.withoutRepeats(),
                periods: distinct.map(\.period).withoutRepeats(), message: message))
        }

        conflicts += impossiblePredecessors(problem, windows, rootCause: rootCause, cycles: cycles)
        conflicts += pinnedMandatoryOverload(problem, windows, mandatory: mandatory, impossible: rootCause)
        conflicts += horizonOverload(problem, mandatory: mandatory)
        return conflicts
    }

    struct Blocker: Equatable {
        var resource: Int
        var period: Int
        var need: Double
    }

    /// The first resource and period in which the project alone exceeds the capacity, or nil when it fits alone.
    static func firstBlocker(_ project: RoadmapProblem.Project, startingIn start: Int, _ problem: RoadmapProblem) -> Blocker? {
        let needed = problem.resources.enumerated().compactMap { index, resource in
            project.usage[resource.id].map { (index, $0) }
        }
        for k in 0..<project.duration {
            for (resourceIndex, needs) in needed where k < needs.count {
                let need = needs[k]
                if need > 0, RoadmapProblem.exceeds(need, problem.resources[resourceIndex].capacity[start + k]) {
                    return Blocker(resource: resourceIndex, period: start + k, need: need)
                }
            }
        }
        return nil
    }

    /// Disjoint cycles of the `after` links, each in dependency order starting at its smallest id (`[A, B, A]`).
    static func dependencyCycles(_ problem: RoadmapProblem, _ windows: RoadmapWindows) -> [[String]] {
        var edges: [String: Set<String>] = [:]
        for (position, project) in problem.projects.enumerated() where windows.earliestStart[position] == nil {
            edges[project.id] = Set(windows.predecessors[position].map { problem.projects[$0].id })
        }
        var cycles: [[String]] = []
        while let cycle = DependencyGraph.cycle(edges: edges) {
            cycles.append(cycle)
            let members = Set(cycle)
            edges = edges.filter { !members.contains($0.key) }.mapValues { $0.subtracting(members) }
        }
        return cycles
    }

    /// Mandatory projects and, transitively, everything they need: all of them must be scheduled.
    static func effectivelyMandatory(_ problem: RoadmapProblem, _ windows: RoadmapWindows) -> Set<Int> {
        var result = Set<Int>()
        var stack = problem.projects.indices.filter { problem.projects[$0].mandatory }
        while let position = stack.popLast() {
            guard result.insert(position).inserted else { continue }
            stack += windows.predecessors[position]
        }
        return result
    }

    static func impossiblePredecessors(_ problem: RoadmapProblem, _ windows: RoadmapWindows, rootCause: [Int: String],
                                       cycles: [[String]]) -> [RoadmapConflict] {
        let inCycle = Set(cycles.flatMap { $0 })
        var conflicts: [RoadmapConflict] = []
        for (position, project) in problem.projects.enumerated() where project.mandatory && rootCause[position] == nil {
            // The impossible projects this one needs, nearest first.
            var seen: Set<Int> = [position]
            var queue = windows.predecessors[position]
            var culprits: [Int] = []
            var head = 0
            while head < queue.count {
                let other = queue[head]; head += 1
                guard seen.insert(other).inserted else { continue }
                if rootCause[other] != nil { culprits.append(other); continue }
                queue += windows.predecessors[other]
            }
            guard !culprits.isEmpty, !inCycle.contains(project.id) else { continue }
            let reasons = culprits.map { "\(problem.projects[$0].id) \(rootCause[$0]!)" }
            let message = "Pflichtprojekt \(project.id) kann nicht eingeplant werden, weil es Projekte voraussetzt, die nie "
                + "eingeplant werden können: \(reasons.joined(separator: "; "))."
            conflicts.append(RoadmapConflict(kind: .mandatoryPredecessorImpossible,
                                             projects: [project.id] + culprits.map { problem.projects[$0].id }, message: message))
        }
        return conflicts
    }

    /// Mandatory projects with exactly one possible start, added up per resource and period.
    static func pinnedMandatoryOverload(_ problem: RoadmapProblem, _ windows: RoadmapWindows, mandatory: Set<Int>,
                                        impossible: [Int: String]) -> [RoadmapConflict] {
        let text = PlanningText.german
        var conflicts: [RoadmapConflict] = []
        let pinned = mandatory.sorted().filter { impossible[$0] == nil && windows.starts(of: $0)?.count == 1 }
        for resource in problem.resources {
            for period in problem.periods.indices {
                var total = 0.0
                var who: [String] = []
                for position in pinned {
                    let project = problem.projects[position]
                    let need = problem.use(of: project, resource.id, at: period - windows.earliestStart[position]!)
                    if need > 0 { total += need; who.append(project.id) }
                }
                guard who.count > 1, RoadmapProblem.exceeds(total, resource.capacity[period]) else { continue }
                let message = "Die fest eingeplanten Pflichtprojekte \(text.list(who)) brauchen \(problem.periodLabel(period)) "
                    + "zusammen \(text.amount(total, kind: resource.kind)) von \(text.resource(resource)), verfügbar sind nur "
                    + "\(text.amount(resource.capacity[period], kind: resource.kind))."
                conflicts.append(RoadmapConflict(kind: .mandatoryDoesNotFit, projects: who, resources: [resource.id],
                                                 periods: [period], message: message))
            }
        }
        return conflicts
    }

    /// All mandatory work of a resource against its capacity summed over the whole horizon.
    static func horizonOverload(_ problem: RoadmapProblem, mandatory: Set<Int>) -> [RoadmapConflict] {
        let text = PlanningText.german
        var conflicts: [RoadmapConflict] = []
        for resource in problem.resources {
            var total = 0.0
            var who: [String] = []
            for position in mandatory.sorted() {
                let project = problem.projects[position]
                let need = (project.usage[resource.id] ?? []).prefix(project.duration).reduce(0, +)
                if need > 0 { total += need; who.append(project.id) }
            }
            let capacity = resource.capacity.reduce(0, +)
            guard who.count > 1, RoadmapProblem.exceeds(total, capacity) else { continue }
            let message = "Die Pflichtprojekte \(text.list(who)) brauchen von \(text.resource(resource)) insgesamt "
                + "\(text.amount(total, kind: resource.kind)), im ganzen Planungszeitraum sind nur "
                + "\(text.amount(capacity, kind: resource.kind)) verfügbar."
            conflicts.append(RoadmapConflict(kind: .mandatoryDoesNotFit, projects: who, resources: [resource.id], message: message))
        }
        return conflicts
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each only at its first occurrence.
    func withoutRepeats() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
