import FahrplanCore
import Fluent
import Vapor

/// Builds the monitoring dashboard from a fixed number of queries per municipality (projects, strategy links,
/// reports, milestones, settings, KPIs, measurements; the late list only for the strategy team), whatever the
/// number of projects: nothing is loaded per project. Long lists are cut to the most urgent `listLimit` entries
/// and say how many there are, so the page stays small for a municipality with thousands of projects.
struct DashboardPageBuilder {
    static let listLimit = 25
    static let budgetBars = 12

    var req: Request
    var context: MunicipalityContext

    var language: Language { req.language }
    var english: Bool { req.language != .de }
    var slug: String { context.municipality.slug }

    func page() async throws -> DashboardPage {
        let today = context.calendar.today
        let service = MonitoringDashboardService(db: req.db, context: context)
        let staleness = try await service.staleness()
        let projects = try await MonitoringLoad.projects(context.municipalityID, on: req.db, today: today)
        let overview = MonitoringDashboard.overview(of: projects, today: today, staleness: staleness)
        let kpis = try await KPIDashboardSummary.load(db: req.db, context: context, english: english)
        let updates = context.permissions.canManageUpdateCycles ? try await updatesSection() : nil
        let running = projects.filter { MonitoringScope.acceptsReports($0.status) }.count

        var figures = [
            figure("dash-running", "dash.running", running, anchor: "dash-budget"),
            figure("dash-red-count", "dash.redCount", overview.redLights.count, anchor: "dash-red"),
            figure("dash-late-count", "dash.lateCount", overview.lateMilestones.count, anchor: "dash-late"),
            figure("dash-stale-count", "dash.staleCount", overview.stale.count, anchor: "dash-stale"),
            DashboardPage.Figure(id: "dash-kpi-count", label: req.t("dash.kpiCount"), value: "\(kpis.kpiCount) (\(kpis.staleCount))", anchor: "dash-kpis"),
        ]
        if let updates {
            figures.append(figure("dash-updates-count", "dash.lateUpdatesCount", updates.owners?.reduce(0) { $0 + $1.count } ?? 0,
                                  anchor: "dash-updates"))
        }
        let red = overview.redLights.prefix(Self.listLimit).map { light in
            DashboardPage.RedLight(project: label(light.projectCode, light.projectTitle), url: statusURL(light.projectID),
                                   reportedOn: KPIDisplay.day(light.reportedOn, english: english),
                                   dimensions: light.dimensions.map { dimension, reason in
                                       "\(req.t("dash.dimension.\(dimension.rawValue)")): \(reason ?? req.t("dash.noReason"))"
                                   })
        }
        let late = overview.lateMilestones.prefix(Self.listLimit).map { item in
            DashboardPage.LateMilestone(project: label(item.projectCode, item.projectTitle), url: statusURL(item.projectID),
                                        title: item.milestone.milestone.title,
                                        dueOn: KPIDisplay.day(item.milestone.milestone.dueOn, english: english), daysLate: item.daysLate)
        }
        let stale = overview.stale.prefix(Self.listLimit).map { item in
            DashboardPage.StaleProject(project: label(item.projectCode, item.projectTitle), url: statusURL(item.projectID),
                                       lastReport: item.lastReportOn.map {
                                           "\(KPIDisplay.day($0, english: english)) (\(fill("dash.weeksAgo", String(item.weeksSince ?? 0))))"
                                       } ?? req.t("dash.neverReported"))
        }
        return DashboardPage(
            chrome: context.chrome(req, title: req.t("dash.title"), section: "monitoring"),
            asOf: KPIDisplay.day(today, english: english), figures: figures,
            status: statusChart(overview, projects: projects),
            redLights: red.isEmpty ? nil : Array(red), redMore: more(overview.redLights.count),
            lateMilestones: late.isEmpty ? nil : Array(late), lateMore: more(overview.lateMilestones.count),
            staleIntro: fill("dash.staleIntro", String(staleness.weeks)),
            settingsURL: context.permissions.canEditFrame ? SiteURL.municipality(slug, .monitoringSettings()).path : nil,
            stale: stale.isEmpty ? nil : Array(stale), staleMore: more(overview.stale.count),
            budget: budgetChart(overview),
            budgetTotals: overview.budget.isEmpty ? nil : fill(
                "dash.budgetTotals", PortfolioDisplay.euros(overview.budgetTotals.plannedCents, language),
                PortfolioDisplay.euros(overview.budgetTotals.spentCents, language), String(overview.budgetTotals.projectsWithSpent),
                String(overview.budget.count)),
            budgetShown: overview.budget.count > Self.budgetBars ? fill("dash.budgetShown", String(Self.budgetBars)) : nil,
            kpis: kpis.kpiCount == 0 ? nil : DashboardPage.KPIBox(
                figures: fill("dash.kpiFigures", String(kpis.kpiCount), String(kpis.measuredCount), String(kpis.onTrackCount), String(kpis.staleCount)),
                strategyProgress: kpis.strategyProgress, explanation: kpis.explanation,
                listURL: SiteURL.municipality(slug, .kpis()).path, rollupURL: kpis.rollupURL,
                stale: kpis.stale.isEmpty ? nil : kpis.stale),
            updates: updates)
    }

    // MARK: sections

    private func statusChart(_ overview: MonitoringOverview, projects: [MonitoredProject]) -> DashboardPage.Chart? {
        guard !projects.isEmpty else { return nil }
        let rows = overview.statusByField.map {
            DashboardCharts.StatusRow(label: $0.field ?? req.t("dash.noField"), counts: $0.counts)
        }
        var all: [ProjectStatus: Int] = [:]
        for project in projects { all[project.status, default: 0] += 1 }
        let allRow = DashboardCharts.StatusRow(label: req.t("dash.allProjects"), counts: all)
        return DashboardPage.Chart(svg: DashboardCharts.statusSVG(id: "dash-status-chart", rows: rows, language: language),
                                   table: DashboardCharts.statusTable(id: "dash-status-table", rows: rows, all: allRow, language: language))
    }

    /// The projects most at risk of overspending first (highest share spent), then the largest plans.
    private func budgetChart(_ overview: MonitoringOverview) -> DashboardPage.Chart? {
        guard !overview.budget.isEmpty else { return nil }
        let chosen = overview.budget.sorted { a, b in
            let (x, y) = (a.spentPercent ?? -1, b.spentPercent ?? -1)
            if x != y { return x > y }
            if a.plannedCents != b.plannedCents { return a.plannedCents > b.plannedCents }
            return a.projectCode < b.projectCode
        }.prefix(Self.budgetBars)
        let bars = chosen.map { row in
            DashboardCharts.BudgetBar(label: label(row.projectCode, row.projectTitle), plannedCents: row.plannedCents, spentCents: row.spentCents,
                                      share: share(spent: row.spentCents, planned: row.plannedCents))
        }
        let totals = overview.budgetTotals
        let total = DashboardCharts.BudgetBar(
            label: req.t("dash.allRunning"), plannedCents: totals.plannedCents,
            spentCents: totals.projectsWithSpent > 0 ? totals.spentCents : nil,
            share: share(spent: totals.projectsWithSpent > 0 ? totals.spentCents : nil, planned: totals.plannedCents))
        return DashboardPage.Chart(svg: DashboardCharts.budgetSVG(id: "dash-budget-chart", bars: Array(bars), language: language),
                                   table: DashboardCharts.budgetTable(id: "dash-budget-table", bars: Array(bars), totals: total, language: language))
    }

    /// Who is late with updates, one line per owner; the late list itself stays on its page.
    private func updatesSection() async throws -> DashboardPage.Updates {
        let service = UpdateCycleService(req, context: context)
        let hasCycles = try await !service.cycles().isEmpty
        let groups = hasCycles ? try await service.lateList() : []
        let owners = groups.map { group in
            DashboardPage.LateOwner(owner: group.owner?.displayName ?? req.t("cyc.noOwner"), count: group.items.count,
                                    longest: group.items.map(\.due.daysLate).max() ?? 0)
        }
        return DashboardPage.Updates(hasCycles: hasCycles, owners: owners.isEmpty ? nil : owners,
                                     lateURL: SiteURL.municipality(slug, .updateCycles(.late)).path,
                                     cyclesURL: SiteURL.municipality(slug, .updateCycles()).path)
    }

    // MARK: wording

    private func figure(_ id: String, _ key: String, _ count: Int, anchor: String) -> DashboardPage.Figure {
        DashboardPage.Figure(id: id, label: req.t(key), value: PortfolioDisplay.whole(Int64(count), language), anchor: anchor)
    }

    private func statusURL(_ project: UUID) -> String { SiteURL.municipality(slug, .project(.value(project), .status)).path }

    private func label(_ code: String, _ title: String) -> String { code.isEmpty ? title : "\(code) \(title)" }

    private func share(spent: Int64?, planned: Int64) -> String {
        guard let spent else { return req.t("dash.notReported") }
        guard planned > 0 else { return spent > 0 ? "∞" : "–" }
        return ChartWording(language: language).percent(Double(spent) / Double(planned))
    }

    /// "Showing the most urgent 25 of 312." when the list was cut.
    private func more(_ count: Int) -> String? {
        count > Self.listLimit ? fill("dash.shown", String(Self.listLimit), PortfolioDisplay.whole(Int64(count), language)) : nil
    }

    /// A text with `%1`, `%2`, … filled in.
    private func fill(_ key: String, _ values: String...) -> String {
        var text = req.t(key)
        for (index, value) in values.enumerated().reversed() { text = text.replacingOccurrences(of: "%\(index + 1)", with: value) }
        return text
    }
}
