import Foundation

extension CommitteeReport {
    /// Assembles the report in one pass over the projects and one over the KPIs (linear apart from sorting).
    ///
    /// - implemented: completed with a completion day within the period (a completed project without one is
    ///   not listed: nothing says it was this period);
    /// - in progress: in implementation now, or completed after the period's end having started by then (a
    ///   report for a past period shows what was running at its end);
    /// - planned next: a status in `plannedStatuses`.
    /// A project is listed once, under the first of its fields in the municipality's order.
    public static func assemble(_ input: CommitteeReportInput) -> CommitteeReport {
        let period = input.period
        var fieldIndex: [String: Int] = [:]
        for (index, field) in input.fields.enumerated() where fieldIndex[field.id] == nil { fieldIndex[field.id] = index }
        let noField = input.fields.count
        var buckets = Array(repeating: ([ProjectRow](), [ProjectRow](), [ProjectRow]()), count: input.fields.count + 1)
        var projectsByID: [UUID: MonitoredProject] = [:]
        var obstacles: [ObstacleRow] = []
        var budgets = input.fields.map { Budget.FieldBudget.empty($0) } + [Budget.FieldBudget.empty(nil)]
        var totals = Budget.FieldBudget.empty(nil)

        for entry in input.projects {
            let project = entry.project
            projectsByID[project.id] = project
            let group = Self.group(of: entry, period: period, planned: input.plannedStatuses)
            if let (report, text) = entry.newestReport(from: period.start, to: period.end, with: { $0.obstacles }) {
                obstacles.append(ObstacleRow(projectID: project.id, projectCode: project.code, projectTitle: project.title,
                                             reportedOn: report.reportedOn, light: report.overall, text: text))
            }
            guard let group else { continue }
            let indices = project.fieldsOfAction.compactMap { fieldIndex[$0] }
            let primary = indices.min() ?? noField
            let others = Array(Set(indices.filter { $0 != primary })).sorted().map { input.fields[$0].name }
            let report = entry.newestReport(onOrBefore: period.end)
            let before = period.start.adding(days: -1).flatMap { entry.newestReport(onOrBefore: $0)?.overall }
            let spent = Self.spent(entry, until: period.end)
            var reached: [Milestone] = [], next: Milestone?
            for dated in project.milestones {
                let milestone = dated.milestone
                if let done = milestone.doneOn, period.contains(done) { reached.append(milestone) }
                if milestone.doneOn.map({ $0 > period.end }) ?? true,
                   next.map({ (milestone.dueOn, milestone.title) < ($0.dueOn, $0.title) }) ?? true { next = milestone }
            }
            reached.sort { ($0.doneOn!, $0.title) < ($1.doneOn!, $1.title) }
            let row = ProjectRow(id: project.id, code: project.code, title: project.title, status: project.status,
                                 otherFields: others, startedOn: entry.startedOn, completedOn: entry.completedOn,
                                 plannedStartOn: entry.plannedStartOn, plannedEndOn: entry.plannedEndOn, report: report, overallAtStart: before,
                                 milestonesReached: reached, nextMilestone: next, plannedCents: project.plannedCents,
                                 spentCents: spent)
            switch group {
            case .implemented: buckets[primary].0.append(row)
            case .inProgress: buckets[primary].1.append(row)
            case .planned: buckets[primary].2.append(row)
            }
            if group != .planned {
                budgets[primary].add(row)
                totals.add(row)
            }
        }

        var sections: [FieldSection] = []
        for (index, bucket) in buckets.enumerated() {
            let field = index < noField ? input.fields[index] : nil
            let section = FieldSection(
                field: field,
                implemented: bucket.0.sorted { a, b in
                    if a.completedOn != b.completedOn { return a.completedOn! < b.completedOn! }
                    return ReportOrder.before((a.code, a.id), (b.code, b.id))
                },
                inProgress: bucket.1.sorted { ReportOrder.before(($0.code, $0.id), ($1.code, $1.id)) },
                planned: bucket.2.sorted { a, b in
                    switch (a.plannedStartOn, b.plannedStartOn) {
                    case let (x?, y?) where x != y: return x < y
                    case (.some, nil): return true
                    case (nil, .some): return false
                    default: return ReportOrder.before((a.code, a.id), (b.code, b.id))
                    }
                })
            if field != nil || !section.isEmpty { sections.append(section) }
        }
        if budgets[noField].projects == 0 { budgets.removeLast() }

        let (kpiRows, rollup) = Self.kpis(input, fieldIndex: fieldIndex)
        let decisions = input.decisions.filter { period.contains($0.decidedOn) }
            .sorted { a, b in
                if a.decidedOn != b.decidedOn { return a.decidedOn < b.decidedOn }
                return ReportOrder.before((a.summary, a.id), (b.summary, b.id))
            }
            .map { decision in
                let project = decision.projectID.flatMap { projectsByID[$0] }
                return DecisionRow(decision: decision, projectCode: project?.code, projectTitle: project?.title)
            }
        obstacles.sort { a, b in
            if a.light != b.light { return a.light > b.light }
            return ReportOrder.before((a.projectCode, a.projectID), (b.projectCode, b.projectID))
        }
        let versions = input.versions.filter { period.contains($0.adoptedOn) }
            .sorted { ($0.number, $0.adoptedOn, $0.id.uuidString) < ($1.number, $1.adoptedOn, $1.id.uuidString) }
        return CommitteeReport(period: period, sections: sections, kpis: kpiRows, rollup: rollup,
                               budget: Budget(fields: budgets, totals: totals), decisions: decisions, obstacles: obstacles,
                               versions: versions)
    }

    enum Group { case implemented, inProgress, planned }

    static func group(of entry: ReportProject, period: UpdatePeriod, planned: Set<ProjectStatus>) -> Group? {
        switch entry.project.status {
        case .completed:
            guard let done = entry.completedOn else { return nil }
            if period.contains(done) { return .implemented }
            if done > period.end, let started = entry.startedOn, started <= period.end { return .inProgress }
            return nil
        case .inProgress:
            return .inProgress
        case let status where planned.contains(status):
            return .planned
        default:
            return nil
        }
    }

    /// The spent figure of the newest report up to `day` that states one.
    static func spent(_ entry: ReportProject, until day: CalendarDay) -> Int64? {
        var best: StatusReport?
        var all = entry.reports
        if let latest = entry.project.latestReport, !entry.reports.contains(latest) { all.append(latest) }
        for report in all where report.spentToDateCents != nil && report.reportedOn <= day {
            if best.map({ report.reportedOn >= $0.reportedOn }) ?? true { best = report }
        }
        return best?.spentToDateCents
    }

    /// KPI rows ordered by field (municipality order; KPIs of goals without a known field last), goal (input
    /// order), KPI name and id; and the roll-up at the period's end.
    static func kpis(_ input: CommitteeReportInput, fieldIndex: [String: Int]) -> ([KPIRow], KPIRollup) {
        let period = input.period
        var goals: [String: (index: Int, goal: KPIRollup.Goal)] = [:]
        for (index, goal) in input.goals.enumerated() where goals[goal.id] == nil { goals[goal.id] = (index, goal) }
        let dayBefore = period.start.adding(days: -1) ?? period.start
        var keyed: [(field: Int, goal: Int, row: KPIRow)] = []
        var rollupKPIs: [KPIRollup.KPI] = []
        keyed.reserveCapacity(input.kpis.count)
        for kpi in input.kpis {
            let upToEnd = kpi.measurements.filter { $0.measuredOn <= period.end }
            let upToStart = upToEnd.filter { $0.measuredOn <= dayBefore }
            let progress = KPIProgress.of(kpi.definition, measurements: upToEnd)
            let goal = goals[kpi.goalID]
            let fieldID = goal?.goal.fieldOfActionID
            let row = KPIRow(id: kpi.id, name: kpi.definition.name, unit: kpi.definition.unit, direction: kpi.definition.direction,
                             goalID: kpi.goalID, goalName: goal?.goal.name, fieldID: fieldID,
                             baseline: kpi.definition.baseline, target: kpi.definition.target, targetOn: kpi.definition.targetOn,
                             progress: progress,
                             progressAtStart: KPIProgress.of(kpi.definition, measurements: upToStart)?.clamped,
                             onTrack: KPITrend.of(kpi.definition, measurements: upToEnd)?.onTrack,
                             measurementsInPeriod: upToEnd.count - upToStart.count)
            keyed.append((fieldID.flatMap { fieldIndex[$0] } ?? Int.max, goal?.index ?? Int.max, row))
            rollupKPIs.append(KPIRollup.KPI(id: kpi.id, name: kpi.definition.name, goalID: kpi.goalID,
                                            progress: progress?.clamped, weight: kpi.weight))
        }
        keyed.sort { a, b in
            if a.field != b.field { return a.field < b.field }
            if a.goal != b.goal { return a.goal < b.goal }
            if a.row.name != b.row.name { return a.row.name < b.row.name }
            return a.row.id < b.row.id
        }
        let rollup = KPIRollup.compute(fields: input.fields, goals: input.goals, kpis: rollupKPIs)
        return (keyed.map(\.row), rollup)
    }
}
