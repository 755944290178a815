import Foundation

/// Deterministic, credible-looking report inputs of any size (SplitMix64), for the benchmarks and the tests of
/// large reports: projects spread over eight fields of action and all statuses, status reports with lights and
/// obstacles, milestones, KPIs with measurements, decisions; and two strategy versions that differ a little.
public enum ReportingSample {
    static let fieldNames = ["Verwaltung", "Bildung", "Mobilität", "Wirtschaft", "Gesundheit", "Umwelt", "Kultur", "Infrastruktur"]
    static let statuses: [ProjectStatus] = [.idea, .submitted, .inReview, .prioritized, .approved, .inProgress, .inProgress,
                                            .inProgress, .completed, .completed, .deferred, .cancelled]

    public static let period = UpdatePeriod(start: CalendarDay(year: 2026, month: 1, day: 1)!,
                                            end: CalendarDay(year: 2026, month: 6, day: 30)!)

    static func uuid(_ n: Int, kind: Int) -> UUID {
        UUID(uuidString: String(format: "%08X-0000-4000-8000-%012X", kind, n))!
    }

    static func day(_ random: inout SplitMix64, from start: CalendarDay, days: Int) -> CalendarDay {
        start.adding(days: random.int(0..<days)) ?? start
    }

    public static func fields() -> [KPIRollup.FieldOfAction] {
        fieldNames.enumerated().map { KPIRollup.FieldOfAction(id: "field-\($0.offset + 1)", name: $0.element) }
    }

    public static func goals() -> [KPIRollup.Goal] {
        (0..<40).map { KPIRollup.Goal(id: "goal-\($0 + 1)", name: "Ziel \($0 + 1)", fieldOfActionID: "field-\($0 % 8 + 1)") }
    }

    public static func projects(_ count: Int, seed: UInt64 = 18) -> [ReportProject] {
        var random = SplitMix64(seed: seed)
        let base = CalendarDay(year: 2025, month: 1, day: 1)!
        let lights: [TrafficLight] = [.green, .green, .green, .yellow, .red]
        return (0..<count).map { n in
            let status = statuses[random.int(0..<statuses.count)]
            var fields = ["field-\(random.int(1...8))"]
            if random.uniform() < 0.2 { fields.append("field-\(random.int(1...8))") }
            let started = day(&random, from: base, days: 540)
            let completed = status == .completed ? started.adding(days: random.int(30..<400)) : nil
            var reports: [StatusReport] = []
            if status == .inProgress || status == .completed {
                for r in 0..<random.int(1...4) {
                    let light = { lights[random.int(0..<lights.count)] }
                    let (s, b, c) = (light(), light(), light())
                    reports.append(StatusReport(
                        reportedOn: started.adding(days: 30 * (r + 1) + random.int(0..<20)) ?? started,
                        schedule: StatusLight(s, reason: s == .green ? nil : "Verzug bei der Ausschreibung"),
                        budget: StatusLight(b, reason: b == .green ? nil : "Preissteigerung"),
                        scope: StatusLight(c, reason: c == .green ? nil : "Anforderungen erweitert"),
                        percentComplete: min(100, 20 * (r + 1)),
                        obstacles: random.uniform() < 0.3 ? "Fachkräfte fehlen im Amt \(n % 17)" : nil,
                        lessonsLearned: random.uniform() < 0.2 ? "Früh mit dem Personalrat sprechen" : nil,
                        spentToDateCents: random.uniform() < 0.7 ? Int64(random.int(1_000...500_000)) * 100 : nil))
                }
            }
            let milestones = (0..<random.int(0...4)).map { m -> DatedMilestone in
                let due = started.adding(days: 60 * (m + 1)) ?? started
                let done = random.uniform() < 0.5 ? due.adding(days: random.int(-10...20)) : nil
                return DatedMilestone(id: uuid(n * 10 + m, kind: 2), milestone: Milestone(title: "Meilenstein \(m + 1)", dueOn: due, doneOn: done))
            }
            let project = MonitoredProject(id: uuid(n, kind: 1), code: String(format: "P-%04d", n + 1),
                                           title: "Projekt \(n + 1) – Digitale Dienste", status: status, fieldsOfAction: fields,
                                           plannedCents: Int64(random.int(10_000...2_000_000)) * 100, milestones: milestones)
            return ReportProject(project: project, reports: reports,
                                 startedOn: status == .inProgress || status == .completed ? started : nil, completedOn: completed,
                                 plannedStartOn: started, plannedEndOn: started.adding(days: 365))
        }
    }

    public static func kpis(_ count: Int, seed: UInt64 = 19) -> [ReportKPI] {
        var random = SplitMix64(seed: seed)
        let base = CalendarDay(year: 2024, month: 1, day: 1)!
        return (0..<count).map { k in
            let baseline = Double(random.int(0...50))
            let target = baseline + Double(random.int(10...50))
            let measurements = (0..<random.int(0...12)).map { m in
                KPIMeasurement(measuredOn: base.adding(days: 90 * m + random.int(0..<30)) ?? base,
                               value: baseline + Double(m) * (target - baseline) / 12 * (0.5 + random.uniform()))
            }
            return ReportKPI(id: String(format: "kpi-%03d", k + 1), goalID: "goal-\(k % 40 + 1)",
                             definition: KPIDefinition(name: "Kennzahl \(k + 1)", unit: k % 3 == 0 ? "%" : "Anzahl",
                                                       direction: .increase, baseline: baseline, baselineOn: base,
                                                       target: target, targetOn: CalendarDay(year: 2028, month: 12, day: 31)!),
                             measurements: measurements)
        }
    }

    public static func decisions(_ count: Int, projects: [ReportProject], seed: UInt64 = 20) -> [ReportDecision] {
        var random = SplitMix64(seed: seed)
        let base = CalendarDay(year: 2025, month: 7, day: 1)!
        return (0..<count).map { d in
            let project = projects.isEmpty ? nil : projects[random.int(0..<projects.count)].project
            return ReportDecision(id: uuid(d, kind: 3), kind: d % 3 == 0 ? .adoptRanking : .startProject,
                                  decidedOn: day(&random, from: base, days: 365), decidedBy: "Digitalisierungsausschuss",
                                  summary: "Beschluss \(d + 1)", rationale: "Begründung", projectID: d % 3 == 0 ? nil : project?.id)
        }
    }

    public static func committee(projects count: Int, kpis kpiCount: Int) -> CommitteeReportInput {
        let projects = projects(count)
        return CommitteeReportInput(period: period, fields: fields(), goals: goals(), projects: projects,
                                    kpis: kpis(kpiCount), decisions: decisions(60, projects: projects))
    }

    /// A strategy version with `projects` ranked and on the roadmap, and a later one in which about one project in
    /// twenty moved, one in a hundred left or joined, a few goals and KPIs changed.
    public static func versions(projects count: Int) -> (StrategyVersion, StrategyVersion) {
        let municipality = uuid(1, kind: 9)
        var elements: [StrategyVersion.Element] = []
        for (i, field) in fields().enumerated() {
            elements.append(.init(id: field.id, kind: .fieldOfAction, position: i + 1, code: "H\(i + 1)", title: field.name))
        }
        for (i, goal) in goals().enumerated() {
            elements.append(.init(id: goal.id, kind: .goal, position: i / 8 + 1, code: "Z\(i + 1)", title: goal.name,
                                  targetStatement: "Bis 2030 erreicht", targetYear: 2030, parentID: goal.fieldOfActionID))
        }
        let kpis = kpis(200).map { StrategyVersion.KPI(id: $0.id, goalID: $0.goalID, definition: $0.definition) }
        let ranked = projects(count).map(\.project)
        let ranking = ranked.enumerated().map { StrategyVersion.RankingEntry(projectID: $0.element.id.uuidString, code: $0.element.code,
                                                                             title: $0.element.title, position: $0.offset + 1) }
        let roadmap = projects(count).map {
            StrategyVersion.RoadmapEntry(projectID: $0.project.id.uuidString, code: $0.project.code, title: $0.project.title,
                                         status: $0.project.status, startOn: $0.plannedStartOn, endOn: $0.plannedEndOn)
        }
        let old = StrategyVersion(municipalityID: municipality, name: "Strategie 2026", adoptedOn: CalendarDay(year: 2026, month: 1, day: 20)!,
                                  vision: "Musterstadt ist digital und nah.", elements: elements, kpis: kpis, ranking: ranking,
                                  roadmap: roadmap)
        var new = old
        new.name = "Strategie 2026, Fortschreibung"
        new.adoptedOn = CalendarDay(year: 2026, month: 11, day: 20)!
        var random = SplitMix64(seed: 21)
        new.ranking = ranking.filter { _ in random.uniform() > 0.01 }
        for i in stride(from: 0, to: new.ranking.count - 1, by: 20) { new.ranking.swapAt(i, i + 1) }
        new.ranking.append(.init(projectID: uuid(900_000, kind: 1).uuidString, code: "P-NEU", title: "Neues Projekt", position: 0))
        for i in new.ranking.indices { new.ranking[i].position = i + 1 }
        for i in stride(from: 0, to: new.roadmap.count, by: 50) { new.roadmap[i].startOn = new.roadmap[i].startOn?.adding(days: 90) }
        for i in stride(from: 0, to: new.kpis.count, by: 25) { new.kpis[i].definition.target += 5 }
        if let goal = new.elements.firstIndex(where: { $0.kind == .goal }) { new.elements[goal].title += " (geschärft)" }
        new.normalize()
        return (old, new)
    }
}
