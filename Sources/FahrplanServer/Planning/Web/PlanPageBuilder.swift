import FahrplanCore
import Foundation
import Vapor

/// The plan page: status and solve button (with progress while a solve runs, the page reloading itself), the
/// schedule per field of action and period, each project's reason, the use per period, violations and conflicts,
/// the charts, the manual change form, scenarios, export and import.
struct PlanPageBuilder {
    let scope: PlanWebController.Scope

    func page(notice: String? = nil, problems: [FieldProblem] = []) async throws -> View {
        let req = scope.req
        let lang = scope.language
        let db = req.db
        let context = scope.context
        let manage = context.permissions.canManagePlanning && scope.plan.archivedAt == nil
        let outcome = try await PlanResultService(db: db, context: context).outcome(scope.plan)
        let status = await req.application.planSolveJobs.status(scope.planID)
        let running = status?.state == .running
        let periods = outcome.problem.periods
        // Reasons and period use: computed once per stored result or change, not per render.
        let explanation = await req.application.planAnalysisCache.explanation(
            planID: scope.planID, stamp: .init(plan: scope.plan, result: outcome.result), problem: outcome.problem, schedule: outcome.schedule)
        let lines = PlanReport.projects(outcome, explanation: explanation)
        // One set, not `built.codes` per line: that property builds a dictionary each time (quadratic on 500 projects).
        let problemIDs = Set(outcome.built.projectIDs.values)

        var groups: [String: [PlanPage.ScheduleRow]] = [:]
        for line in lines.sorted(by: { ($0.start ?? Int.max, $0.code) < ($1.start ?? Int.max, $1.code) }) {
            let key = line.fieldOfAction ?? req.t("plan.noField")
            let bars = periods.indices.map { p in line.start.map { p >= $0 && p < $0 + line.duration ? "■" : "" } ?? "" }
            groups[key, default: []].append(.init(
                id: line.id.uuidString, code: line.code, title: line.title,
                url: SiteURL.municipality(scope.slug, .project(.value(line.id))).path,
                start: line.start.flatMap { periods.indices.contains($0) ? periods[$0] : nil } ?? "–",
                outcome: req.t("plan.outcome.\(line.outcome.rawValue)") + (line.lateBy > 0 ? " (+\(line.lateBy))" : ""),
                outcomeClass: "plan-\(line.outcome.rawValue)", mandatory: line.mandatory, manual: line.manual,
                reason: lang == .de ? line.reason.de : line.reason.en, bars: bars,
                settingsURL: scope.url(.projects) + "?project=\(line.id.uuidString)"))
        }
        let noField = req.t("plan.noField")
        let ordered = groups.keys.sorted { ($0 == noField ? 1 : 0, $0) < ($1 == noField ? 1 : 0, $1) }

        let use = explanation.periodUse.map { row in
            PlanPage.UseRow(label: row.label + (row.kind == .budget ? " (€)" : " (VZÄ)"), cells: periods.indices.map { p in
                .init(text: "\(PlanFormat.number(row.used[p], decimals: row.kind == .budget ? 0 : 2, lang)) / \(PlanFormat.number(row.capacity[p], decimals: row.kind == .budget ? 0 : 2, lang))",
                      over: row.isOverloaded(in: p))
            })
        }
        var charts: [String] = []
        if outcome.result != nil, outcome.result?.status != "infeasible" {
            var fieldOf: [String: String] = [:]
            for line in lines { if let field = line.fieldOfAction { fieldOf[line.code] = field } }
            let gantt = GanttInput.make(problem: outcome.problem, schedule: outcome.schedule, fieldOf: fieldOf,
                                        fieldOrder: ordered.filter { $0 != noField },
                                        manual: Set(lines.filter(\.manual).map(\.code)),
                                        urlOf: Dictionary(lines.map { ($0.code, SiteURL.municipality(scope.slug, .project(.value($0.id))).path) },
                                                          uniquingKeysWith: { a, _ in a }),
                                        noField: noField)
            charts.append(RoadmapGanttChart.svg(gantt, language: lang))
            charts.append(CapacityChart.svg(CapacityChartInput(periodUse: explanation.periodUse, periods: periods), language: lang))
        }

        let result = outcome.result
        let scenarios = try await PlanService(db: db, context: context).scenarios(of: scope.plan)
        let base = try await scope.plan.$basePlan.get(on: db)
        var noticeText: String?
        switch notice {
        case "saved": noticeText = req.t("plan.saveChange")
        case "imported": noticeText = req.t("plan.importButton")
        case "violations": noticeText = req.t("plan.violations")
        case "frameSaved": noticeText = req.t("plan.frameSaved")
        case "resultDiscarded": noticeText = req.t("plan.resultDiscarded")
        case "settingsSaved": noticeText = req.t("plan.settingsSaved")
        default: noticeText = nil
        }
        // The last solve ended without storing (e.g. the plan changed meanwhile): say why until the next one.
        if noticeText == nil, status?.state == .failed { noticeText = status?.message(lang) }
        let frontier = try await PlanFrontierService(db: db, context: context).sectionHTML(for: scope.plan, problem: outcome.problem, language: lang)
        if !problems.isEmpty {
            noticeText = problems.map { "\(Strings.fieldLabel($0.field, lang)): \(Strings.problem($0, lang))" }.joined(separator: " ")
        }
        let page = PlanPage(
            chrome: scope.chrome(scope.plan.name), listURL: SiteURL.municipality(scope.slug, .plans()).path, name: scope.plan.name,
            note: scope.plan.scenarioNote.isEmpty ? nil : scope.plan.scenarioNote, baseName: base?.name,
            baseURL: base.map { SiteURL.municipality(scope.slug, .plan(.value($0.id))).path }, periods: periods,
            ranking: outcome.data.rankingLabel ?? req.t("plan.noRanking"),
            status: req.t("plan.status.\(result?.status ?? "none")"), solvedAt: result.map { req.formatted($0.solvedAt) },
            objective: result.map { _ in PlanFormat.number(outcome.objective, lang) },
            bound: result.map { PlanFormat.number($0.bound, lang) },
            gap: result.map { PlanFormat.number($0.gap * 100, decimals: 2, lang) + " %" },
            running: running,
            progress: running ? status.map { "\($0.stage.label(lang)): \(Int(($0.progress.fractionDone * 100).rounded())) % · \($0.progress.nodes)" } : nil,
            selfURL: scope.url(), solveURL: manage && !running ? scope.url(.solve) : nil, capacitiesURL: scope.url(.capacities),
            frameURL: manage ? scope.url(.edit) : nil, settingsURL: scope.url(.projects),
            groups: ordered.map { .init(title: $0, rows: groups[$0] ?? []) }, use: use,
            violations: outcome.violations.map { lang == .de ? $0.message : $0.messageEN },
            conflicts: outcome.conflicts.map(\.message), notes: outcome.built.planNotes,
            changeURL: manage && result != nil ? scope.url(.starts) : nil,
            startOptions: [Option(value: "", label: req.t("plan.drop"), selected: false)]
                + periods.enumerated().map { Option(value: String($0.offset), label: $0.element, selected: false) },
            projectOptions: lines.filter { problemIDs.contains($0.id) }.sorted { $0.code < $1.code }
                .map { Option(value: $0.id.uuidString, label: "\($0.code) \($0.title)", selected: false) },
            scenarios: scenarios.map { .init(name: $0.name, url: SiteURL.municipality(scope.slug, .plan(.value($0.id))).path,
                                             compareURL: scope.url(.compare) + "?with=\($0.id!.uuidString)") },
            scenarioURL: manage ? scope.url(.scenario) : nil, exportURL: scope.url(.export),
            solutionURL: result != nil && result?.status != "infeasible" ? scope.url(.solution) : nil,
            importURL: manage ? scope.url(.import) : nil, archiveURL: manage ? scope.url(.archive) : nil,
            charts: charts, frontier: frontier, notice: noticeText)
        return try await req.view.render("planning/plan", page)
    }
}
