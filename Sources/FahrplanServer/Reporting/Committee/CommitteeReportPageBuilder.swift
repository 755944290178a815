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

    /// `?from=…&to=…` of the period, for the print and DOCX links.
    static func query(_ period: UpdatePeriod) -> String { "?from=\(period.start.iso)&to=\(period.end.iso)" }

    func page(chrome: Chrome, from: String, to: String, report: CommitteeReport?, problems: [FieldProblem]) -> CommitteeReportPage {
        let (lines, byField) = req.problemLines(problems)
        let base = SiteURL.municipality(slug, .reports(.committee)).path
        let query = report.map { Self.query($0.period) } ?? ""
        return CommitteeReportPage(
            chrome: chrome, municipality: context.municipality.name, heading: req.t("report.committee.title"),
            periodLabel: report.map { periodLabel($0.period) } ?? "", asOf: day(context.calendar.today)!,
            from: from, to: to, action: base,
            printURL: report == nil ? nil : SiteURL.municipality(slug, .reports(.committeePrint)).path + query,
            docxURL: report == nil ? nil : SiteURL.municipality(slug, .reports(.committeeDOCX)).path + query,
            hubURL: SiteURL.municipality(slug, .reports()).path,
            problems: lines, fieldErrors: byField, report: report.map(body))
    }

    func body(_ report: CommitteeReport) -> CommitteeReportPage.Body {
        let rollup = report.rollup
        var rollupRows = rollup.fields.map { field in
            Fact(label: field.node.name, value: field.node.progress.map { KPIRollup.percent($0, english: english) } ?? req.t("report.noMeasurement"))
        }
        rollupRows.append(Fact(label: req.t("report.strategyTotal"),
                               value: rollup.strategy.progress.map { KPIRollup.percent($0, english: english) } ?? req.t("report.noMeasurement")))
        let fieldNames = Dictionary(report.sections.compactMap { $0.field }.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
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
            sections: report.sections.enumerated().map { index, section in
                CommitteeReportPage.Section(
                    anchor: "field-\(index + 1)", title: section.field?.name ?? req.t("report.noField"),
                    implemented: section.implemented.map(projectRow), inProgress: section.inProgress.map(projectRow),
                    planned: section.planned.map(projectRow), isEmpty: section.isEmpty)
            },
            kpis: report.kpis.map { kpiRow($0, fieldNames: fieldNames) },
            budget: report.budget.fields.map { budgetRow($0, label: $0.field?.name ?? req.t("report.noField")) },
            budgetTotal: budgetRow(report.budget.totals, label: req.t("report.total")),
            decisions: report.decisions.map(decisionRow),
            obstacles: report.obstacles.map { row in
                CommitteeReportPage.ObstacleRow(project: "\(row.projectCode) \(row.projectTitle)", url: projectURL(row.projectID),
                                                reportedOn: day(row.reportedOn)!, light: row.light.rawValue,
                                                lightLabel: req.t("report.light.\(row.light.rawValue)"), text: row.text)
            })
    }

    func projectURL(_ id: UUID) -> String { SiteURL.municipality(slug, .project(.value(id), .status)).path }

    func projectRow(_ row: CommitteeReport.ProjectRow) -> CommitteeReportPage.ProjectRow {
        let report = row.report
        let lights: [CommitteeReportPage.Light] = report.map { report in
            StatusDimension.allCases.map { dimension -> CommitteeReportPage.Light in
                let light = report.light(dimension)
                return CommitteeReportPage.Light(dimension: req.t("report.dimension.\(dimension.rawValue)"), light: light.light.rawValue,
                                                 label: req.t("report.light.\(light.light.rawValue)"), reason: light.reason)
            }
        } ?? []
        let reached = row.milestonesReached.map { "\($0.title) (\(day($0.doneOn)!))" }
        return CommitteeReportPage.ProjectRow(
            code: row.code, title: row.title, url: projectURL(row.id), status: PortfolioDisplay.status(row.status, language),
            alsoIn: row.otherFields.isEmpty ? nil : row.otherFields.joined(separator: ", "),
            completedOn: day(row.completedOn), plannedStart: day(row.plannedStartOn), plannedEnd: day(row.plannedEndOn),
            reportedOn: day(report?.reportedOn), percent: report.map { english ? "\($0.percentComplete)%" : "\($0.percentComplete) %" },
            overall: row.overall?.rawValue, overallLabel: row.overall.map { req.t("report.light.\($0.rawValue)") },
            lights: lights, milestonesReached: reached.isEmpty ? nil : reached.joined(separator: "; "),
            nextMilestone: row.nextMilestone.map { "\($0.title) (\(day($0.dueOn)!))" })
    }

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
