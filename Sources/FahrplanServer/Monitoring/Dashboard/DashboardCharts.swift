import FahrplanCore

/// The dashboard's two charts as inline SVG (the planning charts' `ChartBuffer`, title and description), each
/// with an HTML table of the same figures. Segments and bars carry their numbers as text, so nothing is told by
/// colour alone; ids start with the chart id, so a section heading must use another id.
enum DashboardCharts {
    // MARK: projects by status and field of action

    struct StatusRow {
        var label: String
        var counts: [ProjectStatus: Int]
        var total: Int { counts.values.reduce(0, +) }
    }

    /// The statuses that occur, in workflow order: the legend and the table's columns.
    static func statuses(in rows: [StatusRow]) -> [ProjectStatus] {
        ProjectStatus.allCases.filter { status in rows.contains { ($0.counts[status] ?? 0) > 0 } }
    }

    static let labelWidth = 220
    static let barWidth = 420
    static let rowHeight = 30

    /// One horizontal bar per field of action, a segment per status with its count written inside when it fits.
    static func statusSVG(id: String, rows: [StatusRow], language: Language) -> String {
        let say = ChartWording(language: language)
        let statuses = Self.statuses(in: rows)
        let legendRows = (statuses.count + 3) / 4
        let top = 10 + legendRows * 22 + 6
        let width = labelWidth + barWidth + 50
        let height = top + max(1, rows.count) * rowHeight + 8
        var out = ChartBuffer(capacity: 2_048 + rows.count * statuses.count * 220)
        out.open(id: id, cssClass: "dash-status-chart", width: width, height: height)
        out.titleAndDescription(id: id, title: say("Projekte nach Status und Handlungsfeld", "Projects by status and field of action"),
                                description: statusDescription(rows, statuses: statuses, say: say))
        // The legend: a swatch with the status's fill and the status's name, four per line.
        for (index, status) in statuses.enumerated() {
            let x = (index % 4) * 165, y = 10 + (index / 4) * 22
            out.raw("<rect class=\"dash-status-\(status.rawValue)\" x=\"\(x)\" y=\"\(y)\" width=\"14\" height=\"14\"/>")
            out.raw("<text class=\"chart-text\" x=\"\(x + 20)\" y=\"\(y + 12)\">"); out.escaped(status.label(english: language == .en)); out.raw("</text>")
        }
        let highest = max(1, rows.map(\.total).max() ?? 0)
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\">")
            out.escaped(ChartWording.shortened(row.label, limit: 27)); out.raw("</text>")
            var x = labelWidth
            for status in statuses {
                let count = row.counts[status] ?? 0
                guard count > 0 else { continue }
                let w = max(2, Int((Double(count) / Double(highest) * Double(barWidth)).rounded()))
                out.raw("<rect class=\"dash-segment dash-status-\(status.rawValue)\" x=\"\(x)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\"/>")
                if w >= 20 {
                    out.raw("<text class=\"dash-segment-label\" x=\"\(x + w / 2)\" y=\"\(y + 19)\" text-anchor=\"middle\">\(count)</text>")
                }
                x += w
            }
            out.raw("<text class=\"chart-text chart-strong\" x=\"\(x + 6)\" y=\"\(y + 19)\">\(row.total)</text>")
        }
        out.raw("<line class=\"chart-baseline\" x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" y2=\"\(height - 8)\"/>")
        out.raw("</svg>")
        return out.text
    }

    static func statusDescription(_ rows: [StatusRow], statuses: [ProjectStatus], say: ChartWording) -> String {
        guard !rows.isEmpty else { return say("Keine Projekte.", "No projects.") }
        let lines = rows.map { row in
            let parts = statuses.compactMap { status -> String? in
                guard let count = row.counts[status], count > 0 else { return nil }
                return "\(count) \(status.label(english: say.language == .en))"
            }
            return say("\(row.label): \(row.total) Projekte (\(say.list(parts)))", "\(row.label): \(row.total) projects (\(say.list(parts)))")
        }
        return say("Gestapelte Balken je Handlungsfeld. ", "Stacked bars per field of action. ") + lines.joined(separator: "; ") + "."
    }

    /// The same counts as a table; `all` is the last row (each project once).
    static func statusTable(id: String, rows: [StatusRow], all: StatusRow, language: Language) -> String {
        let say = ChartWording(language: language)
        let statuses = Self.statuses(in: rows)
        var out = ChartBuffer(capacity: 1_024 + rows.count * statuses.count * 40)
        out.raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\""); out.escaped(id)
        out.raw("-caption\"><table class=\"table chart-table\" id=\""); out.escaped(id); out.raw("\"><caption id=\""); out.escaped(id); out.raw("-caption\">")
        out.escaped(say("Projekte nach Status und Handlungsfeld (Anzahl)", "Projects by status and field of action (count)"))
        out.raw("</caption><thead><tr><th scope=\"col\">"); out.escaped(say("Handlungsfeld", "Field of action")); out.raw("</th>")
        for status in statuses { out.raw("<th scope=\"col\" class=\"number\">"); out.escaped(status.label(english: language == .en)); out.raw("</th>") }
        out.raw("<th scope=\"col\" class=\"number\">"); out.escaped(say("Summe", "Total")); out.raw("</th></tr></thead><tbody>")
        for row in rows + [all] {
            out.raw(row.label == all.label ? "<tr class=\"total\">" : "<tr>")
            out.raw("<th scope=\"row\">"); out.escaped(row.label); out.raw("</th>")
            for status in statuses { out.raw("<td class=\"number\">\(row.counts[status] ?? 0)</td>") }
            out.raw("<td class=\"number\"><strong>\(row.total)</strong></td></tr>")
        }
        out.raw("</tbody></table></div>")
        return out.text
    }

    // MARK: budget planned and spent

    struct BudgetBar {
        var label: String
        var plannedCents: Int64
        var spentCents: Int64?
        var share: String
    }

    static let budgetRowHeight = 34

    /// Per project an outlined box for the plan and a solid bar for what is spent; spending beyond the plan is a
    /// hatched cap marked "▲". The share is written next to each bar.
    static func budgetSVG(id: String, bars: [BudgetBar], language: Language) -> String {
        let say = ChartWording(language: language)
        let width = labelWidth + barWidth + 90
        let top = 30
        let height = top + max(1, bars.count) * budgetRowHeight + 8
        var out = ChartBuffer(capacity: 2_048 + bars.count * 700)
        out.open(id: id, cssClass: "dash-budget-chart", width: width, height: height)
        out.titleAndDescription(id: id, title: say("Budget je Projekt: geplant und ausgegeben", "Budget per project: planned and spent"),
                                description: budgetDescription(bars, say: say))
        out.patterns(id: id)
        // Legend: the outlined box and the solid bar.
        out.raw("<rect class=\"cap-capacity\" x=\"0\" y=\"6\" width=\"26\" height=\"14\"/>")
        out.raw("<text class=\"chart-text\" x=\"32\" y=\"18\">"); out.escaped(say("geplant", "planned")); out.raw("</text>")
        out.raw("<rect class=\"cap-used\" x=\"120\" y=\"9\" width=\"26\" height=\"8\"/>")
        out.raw("<text class=\"chart-text\" x=\"152\" y=\"18\">"); out.escaped(say("ausgegeben", "spent")); out.raw("</text>")
        out.raw("<text class=\"chart-text chart-alert\" x=\"250\" y=\"18\">"); out.escaped(say("▲ mehr als geplant", "▲ more than planned")); out.raw("</text>")
        let highest = Double(max(1, bars.map { max($0.plannedCents, $0.spentCents ?? 0) }.max() ?? 1))
        func length(_ cents: Int64) -> Int { Int((Double(max(0, cents)) / highest * Double(barWidth)).rounded()) }
        for (index, bar) in bars.enumerated() {
            let y = top + index * budgetRowHeight
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth - 8)\" y=\"\(y + 20)\" text-anchor=\"end\">")
            out.escaped(ChartWording.shortened(bar.label, limit: 27)); out.raw("</text>")
            let planned = length(bar.plannedCents)
            if planned > 0 {
                out.raw("<rect class=\"cap-capacity\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(planned)\" height=\"\(budgetRowHeight - 10)\"/>")
            }
            var end = labelWidth + planned
            if let spentCents = bar.spentCents {
                let spent = length(min(spentCents, bar.plannedCents))
                if spent > 0 {
                    out.raw("<rect class=\"cap-used\" x=\"\(labelWidth)\" y=\"\(y + 10)\" width=\"\(spent)\" height=\"\(budgetRowHeight - 22)\"/>")
                }
                if spentCents > bar.plannedCents {
                    let over = length(spentCents) - planned
                    out.raw("<rect class=\"cap-over\" fill=\"url(#"); out.escaped(id)
                    out.raw("-over)\" x=\"\(labelWidth + planned)\" y=\"\(y + 10)\" width=\"\(max(2, over))\" height=\"\(budgetRowHeight - 22)\"/>")
                    end = labelWidth + planned + max(2, over)
                }
            }
            let alert = (bar.spentCents ?? 0) > bar.plannedCents
            out.raw("<text class=\"\(alert ? "chart-text chart-alert chart-strong" : "chart-text")\" x=\"\(end + 6)\" y=\"\(y + 20)\">")
            out.escaped((alert ? "▲ " : "") + bar.share); out.raw("</text>")
        }
        out.raw("<line class=\"chart-baseline\" x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" y2=\"\(height - 8)\"/>")
        out.raw("</svg>")
        return out.text
    }

    static func budgetDescription(_ bars: [BudgetBar], say: ChartWording) -> String {
        guard !bars.isEmpty else { return say("Keine Projekte in Umsetzung.", "No projects in implementation.") }
        let lines = bars.map { bar in
            let spent = bar.spentCents.map { PortfolioDisplay.euros($0, say.language) } ?? say("nicht gemeldet", "not reported")
            return say("\(bar.label): geplant \(PortfolioDisplay.euros(bar.plannedCents, say.language)), ausgegeben \(spent) (\(bar.share))",
                       "\(bar.label): planned \(PortfolioDisplay.euros(bar.plannedCents, say.language)), spent \(spent) (\(bar.share))")
        }
        return lines.joined(separator: "; ") + "."
    }

    static func budgetTable(id: String, bars: [BudgetBar], totals: BudgetBar, language: Language) -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 1_024 + bars.count * 300)
        out.raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\""); out.escaped(id)
        out.raw("-caption\"><table class=\"table chart-table\" id=\""); out.escaped(id); out.raw("\"><caption id=\""); out.escaped(id); out.raw("-caption\">")
        out.escaped(say("Budget je Projekt: geplant und ausgegeben", "Budget per project: planned and spent")); out.raw("</caption><thead><tr>")
        for (heading, numeric) in [(say("Projekt", "Project"), false), (say("Geplant", "Planned"), true), (say("Ausgegeben", "Spent"), true),
                                   (say("Anteil", "Share"), true)] {
            out.raw(numeric ? "<th scope=\"col\" class=\"number\">" : "<th scope=\"col\">"); out.escaped(heading); out.raw("</th>")
        }
        out.raw("</tr></thead><tbody>")
        for bar in bars + [totals] {
            let over = (bar.spentCents ?? 0) > bar.plannedCents
            out.raw(bar.label == totals.label ? "<tr class=\"total\">" : "<tr>")
            out.raw("<th scope=\"row\">"); out.escaped(bar.label); out.raw("</th>")
            out.raw("<td class=\"number\">"); out.escaped(PortfolioDisplay.euros(bar.plannedCents, language)); out.raw("</td>")
            out.raw("<td class=\"number\">"); out.escaped(bar.spentCents.map { PortfolioDisplay.euros($0, language) } ?? say("nicht gemeldet", "not reported"))
            out.raw("</td>")
            out.raw(over ? "<td class=\"number over-allocated\"><strong>" : "<td class=\"number\">"); out.escaped(bar.share)
            if over { out.raw(" – "); out.escaped(say("mehr als geplant", "more than planned")); out.raw("</strong>") }
            out.raw("</td></tr>")
        }
        out.raw("</tbody></table></div>")
        return out.text
    }
}
