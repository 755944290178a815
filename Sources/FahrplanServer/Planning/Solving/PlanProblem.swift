import FahrplanCore
import Foundation

/// A plan's data as the optimizer's problem, with the mapping back from the problem's ids (project codes,
/// resource ids) to the app's rows.
struct PlanProblem: Sendable {
    var problem: RoadmapProblem
    /// Problem project id (the project code) → project id.
    var projectIDs: [String: UUID]
    /// Why a project is not in the problem or is fixed (German and English).
    var notes: [UUID: (de: String, en: String)]

    var codes: [UUID: String] { Dictionary(projectIDs.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a }) }

    func schedule(from starts: [UUID: Int]) -> RoadmapSchedule {
        let codes = codes
        return RoadmapSchedule(starts: Dictionary(starts.compactMap { id, start in codes[id].map { ($0, start) } }, uniquingKeysWith: { a, _ in a }))
    }

    func starts(from schedule: RoadmapSchedule) -> [UUID: Int] {
        Dictionary(schedule.starts.compactMap { code, start in projectIDs[code].map { ($0, start) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// The rules that turn a plan's data into the problem (see docs/planning.md):
/// - value: the project's total in the adopted ranking of the plan's round (0 when it is not ranked; every
///   project 1 when the plan names no round);
/// - mandatory: the plan's override, else a legal obligation or a project decided into implementation
///   (status approved or in progress) — a decided rank is a decision taken, not a value to weigh again;
/// - running projects (in progress) start in the first period, a pinned start fixes the start;
/// - duration and usage: the years of the profile's costs and effort, from the first such year, one-off costs
///   on an investive line, running costs on a consumptive one (the line the plan names for the project, else the
///   first of its kind), FTE on the department's row; money of a year is split evenly over its half-years;
/// - a legal deadline sets the latest finish; a predecessor that is not plannable (done) is dropped, one the plan
///   left out keeps its dependents out too.
enum PlanProblemBuilder {
    static func build(_ data: PlanData) -> PlanProblem {
        let periods = data.periods.count
        let halves = data.length == .halfYear
        var resources: [RoadmapProblem.Resource] = []
        var lineResource: [UUID: String] = [:]
        for (index, line) in data.lines.enumerated() {
            let id = index == 0 ? PlanningFormat.budgetResourceID : "budget-\(index + 1)"
            lineResource[line.id] = id
            resources.append(.init(id: id, kind: .budget, label: line.label, capacity: fit(line.amounts, periods)))
        }
        var staffResource: [UUID: String] = [:]
        for row in data.staff {
            staffResource[row.departmentID] = row.code
            resources.append(.init(id: row.code, kind: .staff, label: row.code, capacity: fit(row.fte, periods)))
        }
        let firstOfKind = Dictionary(data.lines.map { ($0.kind, $0.id) }.reversed(), uniquingKeysWith: { _, b in b })

        let plannable = Set(data.projects.map(\.id))
        var excluded = Set(data.projects.filter { !$0.setting.included }.map(\.id))
        // A project whose predecessor is left out cannot be done either.
        var changed = true
        while changed {
            changed = false
            for project in data.projects where !excluded.contains(project.id) && project.dependsOn.contains(where: excluded.contains) {
                excluded.insert(project.id)
                changed = true
            }
        }
        var notes: [UUID: (de: String, en: String)] = [:]
        var projects: [RoadmapProblem.Project] = []
        var ids: [String: UUID] = [:]
        let byID = data.projectsByID
        for facts in data.projects {
            if excluded.contains(facts.id) {
                notes[facts.id] = facts.setting.included
                    ? ("Nicht im Plan: eine Voraussetzung ist ausgeschlossen.", "Not in the plan: a prerequisite is left out.")
                    : ("Im Plan ausgeschlossen.", "Left out of the plan.")
                continue
            }
            let years = Set(facts.costs.keys).union(facts.effort.keys).sorted()
            let firstYear = years.first ?? data.firstYear
            let lastYear = years.last ?? firstYear
            let yearCount = lastYear - firstYear + 1
            let duration = max(1, halves ? yearCount * 2 : yearCount)
            var usage: [String: [Double]] = [:]
            func add(_ resource: String?, _ k: Int, _ amount: Double) {
                guard let resource, amount != 0 else { return }
                usage[resource, default: Array(repeating: 0, count: duration)][k] += amount
            }
            let investive = facts.setting.budgetLineID.flatMap { id in data.lines.first { $0.id == id && $0.kind == .investive }?.id } ?? firstOfKind[.investive]
            let consumptive = facts.setting.budgetLineID.flatMap { id in data.lines.first { $0.id == id && $0.kind == .consumptive }?.id } ?? firstOfKind[.consumptive]
            for k in 0..<duration {
                let year = firstYear + (halves ? k / 2 : k)
                let share = halves ? 0.5 : 1
                if let cost = facts.costs[year] {
                    add(investive.flatMap { lineResource[$0] }, k, cost.oneOff * share)
                    add(consumptive.flatMap { lineResource[$0] }, k, cost.running * share)
                }
                for (department, fte) in facts.effort[year] ?? [:] { add(staffResource[department], k, fte) }
            }
            var earliest = 0
            var latest: Int?
            if let deadline = facts.legalDeadline, let year = Int(deadline.prefix(4)) {
                let month = Int(deadline.dropFirst(5).prefix(2)) ?? 12
                latest = min(periods - 1, data.length.period(ofYear: year, firstYear: data.firstYear) + (halves && month > 6 ? 1 : 0) + (halves ? 0 : 0))
                if let value = latest, value < 0 { latest = 0 }
            }
            var mandatory = facts.setting.mandatory ?? (facts.legalObligation || facts.status == .approved || facts.status == .inProgress)
            if facts.status == .inProgress && facts.setting.pinnedStart == nil {
                earliest = 0
                latest = max(latest ?? 0, duration - 1)
                mandatory = true
                notes[facts.id] = ("Läuft bereits: beginnt in der ersten Periode.", "Already running: starts in the first period.")
            }
            if let pinned = facts.setting.pinnedStart {
                earliest = pinned
                latest = pinned + duration - 1
                mandatory = true
                notes[facts.id] = ("Beginn im Plan festgelegt.", "Start fixed in the plan.")
            }
            let value = data.rankingLabel == nil ? 1 : max(0, facts.score ?? 0)
            ids[facts.code] = facts.id
            projects.append(.init(id: facts.code, title: facts.title, value: value, duration: duration, usage: usage,
                                  earliestStart: earliest, latestFinish: latest, mandatory: mandatory,
                                  after: facts.dependsOn.filter { plannable.contains($0) }.compactMap { byID[$0]?.code }))
        }
        let problem = RoadmapProblem(name: data.name, periods: data.periods, discount: data.discount, resources: resources, projects: projects)
        return PlanProblem(problem: problem, projectIDs: ids, notes: notes)
    }

    private static func fit(_ values: [Double], _ count: Int) -> [Double] {
        Array((values + Array(repeating: 0, count: max(0, count - values.count))).prefix(count))
    }
}
