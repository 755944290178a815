import FahrplanCore
import Foundation
import Vapor

/// Turns the core's `CommitteeReport` into the page's rows, labels and links, in the request's language.
struct CommitteeReportPageBuilder {
    var req: Request
    var context: MunicipalityContext

    var language: Language { req.language }
    var english: Bool { language != .de }
    var slug: String { context.municipality.slug }

    func day(_ day: CalendarDay?) -> String? { day.map { english ? $0.iso : $0.german } }

    func periodLabel(_ period: UpdatePeriod) -> String { "\(day(period.start)!) – \(day(period.end)!)" }

    /// `?from=…&to=…` of the period (and `&detail=full` for the full listing), for the print and DOCX links.
    static func query(_ period: UpdatePeriod, detail: Detail = .summary) -> String {
        "?from=\(period.start.iso)&to=\(period.end.iso)" + (detail == .full ? "&detail=full" : "")
    }

    func page(chrome: Chrome, from: String, to: String, report: CommitteeReport?, problems: [FieldProblem],
              detail: Detail = .summary) -> CommitteeReportPage {
        let (lines, byField) = req.problemLines(problems)
        let base = SiteURL.municipality(slug, .reports(.committee)).path
        let query = report.map { Self.query($0.period, detail: detail) } ?? ""
        let fullURL = report.map { base + Self.query($0.period, detail: .full) }
        return CommitteeReportPage(
            chrome: chrome, municipality: context.municipality.name, heading: req.t("report.committee.title"),
            periodLabel: report.map { periodLabel($0.period) } ?? "", asOf: day(context.calendar.today)!,
            from: from, to: to, action: base,
            printURL: report == nil ? nil : SiteURL.municipality(slug, .reports(.committeePrint)).path + query,
            docxURL: report == nil ? nil : SiteURL.municipality(slug, .reports(.committeeDOCX)).path + query,
            hubURL: SiteURL.municipality(slug, .reports()).path,
            fullURL: detail == .full ? nil : fullURL, summaryURL: detail == .full ? report.map { base + Self.query($0.period) } : nil,
            isFull: detail == .full,
            problems: lines, fieldErrors: byField, report: report.map { body($0, detail: detail, fullURL: fullURL) })
    }

    func body(_ report: CommitteeReport, detail: Detail = .summary, fullURL: String? = nil) -> CommitteeReportPage.Body {
        let rollup = report.rollup
        var rollupRows = rollup.fields.map { field in
            Fact(label: field.node.name, value: field.node.progress.map { KPIRollup.percent($0, english: english) } ?? req.t("report.noMeasurement"))
        }
        rollupRows.append(Fact(label: req.t("report.strategyTotal"),
                               value: rollup.strategy.progress.map { KPIRollup.percent($0, english: english) } ?? req.t("report.noMeasurement")))
        let fieldNames = Dictionary(report.sections.compactMap { $0.field }.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let obstacles = obstaclesHTML(report, detail: detail)
        return CommitteeReportPage.Body(
            summary: [
                Fact(label: req.t("report.implemented"), value: String(report.implementedCount)),
                Fact(label: req.t("report.inProgress"), value: String(report.inProgressCount)),
                Fact(label: req.t("report.planned"), value: String(report.plannedCount)),
                Fact(label: req.t("report.decisions"), value: String(report.decisions.count)),
            ],
            strategyProgress: rollup.strategy.progress.map { KPIRollup.percent($0, english: english) },
            strategyExplanation: rollup.strategy.explanation(english: english),
            rollupChart: CommitteeReportChart.rollupSVG(id: "committee-rollup-chart", rollup: rollup, language: language),
            rollupRows: rollupRows,
            sectionsHTML: sectionsHTML(report, detail: detail, fullURL: fullURL),
            hasKPIs: !report.kpis.isEmpty,
            kpiRowsHTML: kpiRowsHTML(report.kpis.map { kpiRow($0, fieldNames: fieldNames) }),
            budget: report.budget.fields.map { budgetRow($0, label: $0.field?.name ?? req.t("report.noField")) },
            budgetTotal: budgetRow(report.budget.totals, label: req.t("report.total")),
            decisions: report.decisions.map(decisionRow),
            hasObstacles: !report.obstacles.isEmpty,
            obstaclesHTML: obstacles.html,
            obstaclesMore: obstacles.hidden == 0 ? nil : "\(obstacles.hidden) \(req.t("report.moreObstacles"))",
            versions: report.versions.map { version in
                CommitteeReportPage.VersionRow(name: "\(version.number). \(version.name)",
                                               url: SiteURL.municipality(slug, .strategyVersion(.value(version.id))).path,
                                               day: day(version.adoptedOn)!, dayISO: version.adoptedOn.iso,
                                               adoptedBy: version.adoptedBy, note: version.note)
            },
            hasVersions: !report.versions.isEmpty)
    }

    func projectURL(_ id: UUID) -> String { SiteURL.municipality(slug, .project(.value(id), .status)).path }

    func kpiRow(_ row: CommitteeReport.KPIRow, fieldNames: [String: String]) -> CommitteeReportPage.KPIRow {
        let say = ChartWording(language: language)
        func value(_ number: Double) -> String { say.decimal(number, digits: 2) + (row.unit.isEmpty ? "" : " \(row.unit)") }
        let change = row.changePoints.map { points -> String in
            let text = say.decimal(points, digits: 1)
            return (points > 0 ? "+" : "") + text + " " + req.t("report.points")
        }
        let goal = [row.goalName, row.fieldID.flatMap { fieldNames[$0] }].compactMap { $0 }.joined(separator: " · ")
        return CommitteeReportPage.KPIRow(
            name: row.name, url: UUID(uuidString: row.id).map { SiteURL.municipality(slug, .kpi(.value($0))).path } ?? "",
            goal: goal.isEmpty ? "–" : goal, baseline: value(row.baseline),
            target: "\(value(row.target)) (\(day(row.targetOn)!))",
            latest: row.progress.map { "\(value($0.latest.value)) (\(day($0.latest.measuredOn)!))" } ?? req.t("report.noMeasurement"),
            progress: row.progress.map { KPIRollup.percent($0.clamped, english: english) } ?? "–",
            change: change ?? "–",
            onTrack: row.onTrack.map { req.t($0 ? "report.onTrack.yes" : "report.onTrack.no") } ?? "–")
    }

    func budgetRow(_ budget: CommitteeReport.Budget.FieldBudget, label: String) -> CommitteeReportPage.BudgetRow {
        CommitteeReportPage.BudgetRow(
            field: label, projects: String(budget.projects), planned: PortfolioDisplay.euros(budget.plannedCents, language),
            spent: budget.projectsWithSpent == 0 ? "–"
                : "\(PortfolioDisplay.euros(budget.spentCents, language)) (\(budget.projectsWithSpent) \(req.t("report.ofProjects")))",
            share: budget.spentPercentOfKnown.map { english ? "\($0)%" : "\($0) %" } ?? "–")
    }

    func decisionRow(_ row: CommitteeReport.DecisionRow) -> CommitteeReportPage.DecisionRow {
        let decision = row.decision
        return CommitteeReportPage.DecisionRow(
            day: day(decision.decidedOn)!, dayISO: decision.decidedOn.iso, kind: RankingWords.kind(decision.kind, language),
            summary: decision.summary, decidedBy: decision.decidedBy, rationale: decision.rationale,
            project: row.projectCode.map { "\($0) \(row.projectTitle ?? "")" },
            projectURL: decision.projectID.map { SiteURL.municipality(slug, .project(.value($0))).path })
    }
}

/// The strategy's progress per field of action at the period's end, as horizontal bars (0–100 %), each with its
/// value as text; the page puts the same figures in a table next to it.
enum CommitteeReportChart {
    static func rollupSVG(id: String, rollup: KPIRollup, language: Language) -> String {
        let say = ChartWording(language: language)
        let english = language != .de
        let rows = rollup.fields.map { ($0.node.name, $0.node.progress) } + [(say("Strategie gesamt", "Strategy overall"), rollup.strategy.progress)]
        let rowHeight = 28, labelWidth = 220, barWidth = 300, width = labelWidth + barWidth + 80
        let height = rows.count * rowHeight + 30
        var out = ChartBuffer(capacity: 1_024 + rows.count * 400)
        out.open(id: id, cssClass: "committee-rollup", width: width, height: height)
        let described = rows.map { "\($0.0): \($0.1.map { KPIRollup.percent($0, english: english) } ?? say("kein Messwert", "no measurement"))" }
        out.titleAndDescription(id: id, title: say("Zielerreichung je Handlungsfeld zum Ende des Zeitraums", "Progress per field of action at the end of the period"),
                                description: described.joined(separator: "; "))
        for (index, row) in rows.enumerated() {
            let y = 10 + index * rowHeight
            out.raw("<text class=\"chart-text\" x=\"0\" y=\"\(y + 17)\">"); out.escaped(ChartWording.shortened(row.0, limit: 30)); out.raw("</text>")
            out.raw("<rect class=\"chart-hatch-ground\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"18\"/>")
            if let progress = row.1 {
                let filled = Int((max(0, min(1, progress)) * Double(barWidth)).rounded())
                out.raw("<rect class=\"kpi-point\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(filled)\" height=\"18\"/>")
            }
            out.raw("<text class=\"\(index == rows.count - 1 ? "chart-strong" : "chart-text")\" x=\"\(labelWidth + barWidth + 8)\" y=\"\(y + 17)\">")
            out.escaped(row.1.map { KPIRollup.percent($0, english: english) } ?? "–"); out.raw("</text>")
        }
        out.raw("<line class=\"chart-baseline\" x1=\"\(labelWidth)\" y1=\"6\" x2=\"\(labelWidth)\" y2=\"\(height - 20)\"/>")
        out.raw("</svg>")
        return out.text
    }
}
