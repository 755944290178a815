import Foundation

/// Tries candidate starts of one project against the rest of a schedule and says what rules each out.
struct ReasonFinder {
    typealias Reason = RoadmapExplanation.Reason
    /// Identifies a reason so that the starts it rules out are collected on one entry.
    private struct Key: Hashable {
        var tag: Int
        var id: String
        var index: Int
    }
    let problem: RoadmapProblem
    let schedule: RoadmapSchedule
    let use: [RoadmapExplanation.ResourceUse]
    let project: RoadmapProblem.Project
    let predecessors: [RoadmapProblem.Project]

    func reasons(candidates: [Int]) -> [Reason] {
        var reasons: [Reason] = []
        var position: [Key: Int] = [:]
        func add(_ key: Key, _ start: Int, _ make: () -> Reason) {
            if let index = position[key] {
                reasons[index].starts.append(start)
            } else {
                var reason = make()
                reason.starts = [start]
                position[key] = reasons.count
                reasons.append(reason)
            }
        }
        var free: [Int] = []
        // Only the resources the project uses, in the problem's order.
        let needed = problem.resources.enumerated().compactMap { index, resource in
            project.usage[resource.id].map { (index, $0) }
        }
        for start in candidates {
            var blocked = false
            for predecessor in predecessors {
                guard let predecessorStart = schedule.starts[predecessor.id] else {
                    blocked = true
                    add(Key(tag: 0, id: predecessor.id, index: 0), start) { missing(predecessor) }
                    continue
                }
                let end = predecessorStart + predecessor.duration - 1
                if start <= end {
                    blocked = true
                    add(Key(tag: 1, id: predecessor.id, index: 0), start) { running(predecessor, until: end) }
                }
            }
            for k in 0..<project.duration {
                let period = start + k
                for (resourceIndex, needs) in needed where k < needs.count {
                    let resource = problem.resources[resourceIndex]
                    let need = needs[k]
                    guard need > 0 else { continue }
                    let others = usedByOthers(resourceIndex, period)
                    guard RoadmapProblem.exceeds(others + need, resource.capacity[period]) else { continue }
                    blocked = true
                    add(Key(tag: 2, id: "", index: resourceIndex * problem.periods.count + period), start) {
                        full(resource, period: period, used: others,
                             by: use[resourceIndex].projects[period].filter { $0 != project.id }, need: need)
                    }
                }
            }
            if !blocked { free.append(start) }
        }
        reasons.sort { ($0.period ?? -1, $0.kind.rawValue) < ($1.period ?? -1, $1.kind.rawValue) }
        if !free.isEmpty { reasons.insert(choice(free), at: 0) }
        return reasons
    }

    /// What the other scheduled projects use of a resource in a period.
    private func usedByOthers(_ resourceIndex: Int, _ period: Int) -> Double {
        let row = use[resourceIndex]
        var amount = row.used[period]
        if let ownStart = schedule.starts[project.id], period >= ownStart, period < ownStart + project.duration {
            amount -= problem.use(of: project, row.id, at: period - ownStart)
        }
        return max(0, amount)
    }

    private func missing(_ predecessor: RoadmapProblem.Project) -> Reason {
        Reason(kind: .predecessorNotSelected, predecessor: predecessor.id, starts: [],
               message: "Setzt \(predecessor.id) voraus, das nicht eingeplant ist.",
               messageEN: "Requires \(predecessor.id), which is not scheduled.")
    }

    private func running(_ predecessor: RoadmapProblem.Project, until end: Int) -> Reason {
        Reason(kind: .predecessorNotFinished, period: end, predecessor: predecessor.id, starts: [],
               message: "Setzt \(predecessor.id) voraus, das erst \(problem.periodLabel(end)) fertig wird.",
               messageEN: "Requires \(predecessor.id), which finishes only in \(problem.periodLabel(end, english: true)).")
    }

    private func full(_ resource: RoadmapProblem.Resource, period: Int, used: Double, by projects: [String], need: Double) -> Reason {
        let de = PlanningText.german, en = PlanningText.englishText
        let kind = resource.kind
        let label = problem.periodLabel(period), labelEN = problem.periodLabel(period, english: true)
        let capacity = resource.capacity[period]
        let names = projects.count > 3 ? Array(projects.prefix(2)) + ["\(projects.count - 2) weitere"] : projects
        let namesEN = projects.count > 3 ? Array(projects.prefix(2)) + ["\(projects.count - 2) more"] : projects
        let message: String, messageEN: String
        if projects.isEmpty {
            message = "\(de.resource(resource)) hat \(label) nur \(de.amount(capacity, kind: kind)), das Projekt braucht "
                + "\(de.amount(need, kind: kind))."
            messageEN = "\(en.resource(resource)) has only \(en.amount(capacity, kind: kind)) in \(labelEN); the project needs "
                + "\(en.amount(need, kind: kind))."
        } else if kind == .budget {
            message = "\(de.resource(resource)) \(label): \(de.amount(used, kind: kind)) von \(de.amount(capacity, kind: kind)) "
                + "verplant (\(de.list(names))), das Projekt braucht \(de.amount(need, kind: kind))."
            messageEN = "\(en.resource(resource)) \(labelEN): \(en.amount(used, kind: kind)) of \(en.amount(capacity, kind: kind)) "
                + "planned (\(en.list(namesEN))); the project needs \(en.amount(need, kind: kind))."
        } else {
            let share = capacity > 0 ? used / capacity : 1
            message = "\(de.resource(resource)) ist \(label) zu \(de.percent(share)) ausgelastet (\(de.decimal(used, minDecimals: 1)) "
                + "von \(de.amount(capacity, kind: kind)): \(de.list(names))), das Projekt braucht \(de.amount(need, kind: kind))."
            messageEN = "\(en.resource(resource)) is \(en.percent(share)) used in \(labelEN) (\(en.decimal(used, minDecimals: 1)) "
                + "of \(en.amount(capacity, kind: kind)): \(en.list(namesEN))); the project needs \(en.amount(need, kind: kind))."
        }
        return Reason(kind: kind == .budget ? .budget : .capacity, resource: resource.id, period: period, starts: [],
                      message: message, messageEN: messageEN)
    }

    private func choice(_ free: [Int]) -> Reason {
        let de = PlanningText.german, en = PlanningText.englishText
        let labels = free.prefix(3).map { problem.periodLabel($0) } + (free.count > 3 ? ["\(free.count - 3) weiteren"] : [])
        let labelsEN = free.prefix(3).map { problem.periodLabel($0, english: true) } + (free.count > 3 ? ["\(free.count - 3) more"] : [])
        let leftOut = schedule.starts[project.id] == nil
        let message = "Ein Beginn \(de.list(labels)) wäre mit allen anderen Projekten vereinbar; "
            + (leftOut ? "der Plan lässt das Projekt" : "der Plan beginnt es später")
            + " zugunsten einer anderen Kombination (Wahl des Optimierers oder Änderung von Hand)."
        let messageEN = "A start in \(en.list(labelsEN)) would fit with all other projects; the plan "
            + (leftOut ? "leaves the project out" : "starts it later") + " in favour of another combination (the optimizer's choice or a manual change)."
        return Reason(kind: .optimizerChoice, starts: free, message: message, messageEN: messageEN)
    }
}
