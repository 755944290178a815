import FahrplanCore
import Foundation

/// A plan's data as the optimizer's problem, with the mapping back from the problem's ids (project codes) to the
/// app's rows, and what the assembly said about the projects.
struct PlanProblem: Sendable {
    var problem: RoadmapProblem
    /// Problem project id (the project code) → project id.
    var projectIDs: [String: UUID]
    /// Notes per project (German, from the assembly; the plan's own notes in both languages).
    var notes: [UUID: (de: String, en: String)]
    /// Notes about the whole plan (e.g. a missing budget line), German.
    var planNotes: [String]
    /// Mandatory projects the assembly already knows cannot be done.
    var conflicts: [RoadmapConflict]

    var codes: [UUID: String] { Dictionary(projectIDs.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a }) }

    func schedule(from starts: [UUID: Int]) -> RoadmapSchedule {
        let codes = codes
        return RoadmapSchedule(starts: Dictionary(starts.compactMap { id, start in codes[id].map { ($0, start) } }, uniquingKeysWith: { a, _ in a }))
    }

    func starts(from schedule: RoadmapSchedule) -> [UUID: Int] {
        Dictionary(schedule.starts.compactMap { code, start in projectIDs[code].map { ($0, start) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// The plan's data as `RoadmapPlanInput` for the core's `RoadmapAssembly` (whose doc comment states the rules),
/// plus the plan's own settings the assembly does not know:
/// - value: the project's total in the latest official ranking of the plan's round; every project 1 when the plan
///   names no round (then only capacities and timing decide);
/// - decided: a decided rank inside the round's top group makes the project mandatory (a decision taken is not
///   weighed again); a decided rank below it only orders, the value stays the score;
/// - projects the plan leaves out are not candidates (their dependents are left out with a note);
/// - a pinned start fixes the project to that period and makes it mandatory.
enum PlanProblemBuilder {
    static func build(_ data: PlanData) -> PlanProblem {
        var lineIDs: [UUID: String] = [:]
        for (index, line) in data.lines.enumerated() { lineIDs[line.id] = "B\(index + 1)" }
        let byID = data.projectsByID
        let included = data.projects.filter(\.setting.included)
        let input = RoadmapPlanInput(
            name: data.name, periodLength: data.length == .halfYear ? .halfYear : .year, firstYear: data.firstYear,
            periodCount: data.periods.count, discount: data.discount,
            budgetLines: data.lines.map { line in
                let eligible = line.fundingSource == nil && line.eligible.isEmpty ? nil : Set(line.eligible.compactMap { byID[$0]?.code })
                return .init(id: lineIDs[line.id]!, label: line.label, kind: line.kind == .investive ? .investive : .consumptive,
                             amountCents: line.amounts.map { Int64(($0 * 100).rounded()) }, eligibleProjects: eligible)
            },
            departments: data.staff.map { .init(code: $0.code, label: $0.name.isEmpty ? $0.code : "\($0.name) (\($0.code))", fteHundredths: $0.fte.map { Int(($0 * 100).rounded()) }) },
            projects: included.map { facts in
                var fte: [String: [Int: Int]] = [:]
                let codes = Dictionary(data.staff.map { ($0.departmentID, $0.code) }, uniquingKeysWith: { a, _ in a })
                for (year, byDepartment) in facts.effort {
                    for (department, value) in byDepartment {
                        let code = codes[department] ?? data.departmentCodes[department] ?? department.uuidString
                        fte[code, default: [:]][year, default: 0] += Int((value * 100).rounded())
                    }
                }
                return .init(code: facts.code, title: facts.title, value: data.rankingLabel == nil ? 1 : max(0, facts.score ?? 0),
                             status: facts.status, startOn: facts.startOn, endOn: facts.endOn,
                             costs: facts.costs.mapValues { .init(oneOffCents: Int64(($0.oneOff * 100).rounded()), runningCents: Int64(($0.running * 100).rounded())) },
                             fte: fte, dependsOn: facts.dependsOn.compactMap { byID[$0]?.code },
                             legalObligation: facts.legalObligation, legalDeadline: facts.legalDeadline,
                             mandatoryOverride: facts.setting.mandatory, decided: facts.decidedIntoTop,
                             fundingLineID: facts.setting.budgetLineID.flatMap { lineIDs[$0] })
            },
            completedProjectCodes: data.completedCodes)
        let outcome = RoadmapAssembly.assemble(input)
        var problem = outcome.problem
        var ids: [String: UUID] = [:]
        var notes: [UUID: (de: String, en: String)] = [:]
        let byCode = Dictionary(data.projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for facts in data.projects where !facts.setting.included {
            notes[facts.id] = ("Im Plan ausgeschlossen.", "Left out of the plan.")
        }
        for (code, texts) in outcome.notes {
            guard let id = byCode[code]?.id, !texts.isEmpty else { continue }
            let text = texts.joined(separator: " ")
            notes[id] = (text, text)
        }
        for index in problem.projects.indices {
            let project = problem.projects[index]
            guard let facts = byCode[project.id] else { continue }
            ids[project.id] = facts.id
            if let pinned = facts.setting.pinnedStart, pinned < data.periods.count {
                problem.projects[index].earliestStart = pinned
                problem.projects[index].latestFinish = min(data.periods.count - 1, pinned + project.duration - 1)
                problem.projects[index].mandatory = true
                notes[facts.id] = ("Beginn im Plan festgelegt.", "Start fixed in the plan.")
            }
        }
        return PlanProblem(problem: problem, projectIDs: ids, notes: notes, planNotes: outcome.planNotes, conflicts: outcome.conflicts)
    }
}
