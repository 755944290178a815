import FahrplanCore
import Foundation

/// One budget level of the efficient frontier: the best portfolio value found for a total budget.
struct FrontierChartPoint: Sendable, Equatable {
    /// The budget as a share of the plan's (1 = the plan as it is), e.g. 0.8.
    var factor: Double
    /// Total budget over all periods and budget lines, in euros.
    var budget: Double
    /// The best value found; nil when no plan is feasible at this budget (mandatory projects do not fit).
    var value: Double?
    /// The proven upper bound when the search ended before proving optimality; nil when proven.
    var bound: Double? = nil
    /// The budget of the plan being looked at (highlighted).
    var isCurrent: Bool = false

    var isProven: Bool { bound == nil }
}

extension FrontierChartPoint {
    /// A point of the core's frontier; `currentFactor` is the budget level of the plan being looked at (1 = as planned).
    init(_ point: EfficientFrontier.FrontierPoint, currentFactor: Double = 1) {
        self.init(factor: point.factor, budget: point.totalBudget,
                  value: point.status == .infeasible ? nil : point.objective,
                  bound: point.status == .limitReached && point.bound > point.objective ? point.bound : nil,
                  isCurrent: abs(point.factor - currentFactor) < 1e-9)
    }
}

/// The efficient frontier as inline SVG: portfolio value (y) against total budget (x), a point per budget level
/// joined by a line. Proven points are filled circles; a point whose search ran out of time is hollow with a
/// whisker up to its proven bound; the current plan is a large diamond labelled in words. Levels without a feasible
/// plan are crosses on the budget axis. `table` gives the same figures as an HTML table.
enum FrontierChart {
    static let width = 640
    static let height = 360
    static let left = 92
    static let right = 24
    static let top = 24
    static let bottom = 62

    static func svg(_ points: [FrontierChartPoint], language: Language, id: String = "frontier") -> String {
        let say = ChartWording(language: language)
        let sorted = points.sorted { $0.budget < $1.budget }
        // The budget axis spans the levels (a frontier from 0 € would crowd them to the right); values start at 0.
        let (xMin, xMax, xStep) = budgetAxis(sorted.map(\.budget))
        let yMax = niceCeiling(max(1, sorted.compactMap { max($0.value ?? 0, $0.bound ?? 0) }.max() ?? 1) * 1.08)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ budget: Double) -> Int { left + Int(((budget - xMin) / (xMax - xMin) * Double(plotWidth)).rounded()) }
        func y(_ value: Double) -> Int { top + plotHeight - Int((value / yMax * Double(plotHeight)).rounded()) }

        var out = ChartBuffer(capacity: 4_096 + points.count * 400)
        out.open(id: id, cssClass: "frontier-chart", width: width, height: height)
        out.titleAndDescription(id: id, title: title(say), description: description(sorted, say))

        // Axes with four or five round ticks each.
        for tick in stride(from: xMin, through: xMax + xStep / 2, by: xStep) {
            out.raw("<line class=\"chart-grid\" x1=\""); out.number(x(tick)); out.raw("\" y1=\""); out.number(top)
            out.raw("\" x2=\""); out.number(x(tick)); out.raw("\" y2=\""); out.number(top + plotHeight); out.raw("\"/>")
            out.raw("<text class=\"chart-axis\" x=\""); out.number(x(tick)); out.raw("\" y=\""); out.number(top + plotHeight + 16)
            out.raw("\" text-anchor=\"middle\">"); out.escaped(say.shortAmount(tick, kind: .budget)); out.raw("</text>")
        }
        for tick in ticks(upTo: yMax) {
            out.raw("<line class=\"chart-grid\" x1=\""); out.number(left); out.raw("\" y1=\""); out.number(y(tick))
            out.raw("\" x2=\""); out.number(left + plotWidth); out.raw("\" y2=\""); out.number(y(tick)); out.raw("\"/>")
            out.raw("<text class=\"chart-axis\" x=\""); out.number(left - 6); out.raw("\" y=\""); out.number(y(tick) + 4)
            out.raw("\" text-anchor=\"end\">"); out.escaped(say.decimal(tick, digits: tick < 10 ? 1 : 0)); out.raw("</text>")
        }
        out.raw("<line class=\"chart-baseline\" x1=\""); out.number(left); out.raw("\" y1=\""); out.number(top + plotHeight)
        out.raw("\" x2=\""); out.number(left + plotWidth); out.raw("\" y2=\""); out.number(top + plotHeight); out.raw("\"/>")
        out.raw("<line class=\"chart-baseline\" x1=\""); out.number(left); out.raw("\" y1=\""); out.number(top)
        out.raw("\" x2=\""); out.number(left); out.raw("\" y2=\""); out.number(top + plotHeight); out.raw("\"/>")
        out.raw("<text class=\"chart-axis chart-strong\" x=\""); out.number(left + plotWidth / 2); out.raw("\" y=\""); out.number(height - 10)
        out.raw("\" text-anchor=\"middle\">"); out.escaped(say("Gesamtbudget aller Perioden", "Total budget of all periods")); out.raw("</text>")
        out.raw("<text class=\"chart-axis chart-strong\" x=\"14\" y=\""); out.number(top + plotHeight / 2)
        out.raw("\" text-anchor=\"middle\" transform=\"rotate(-90 14 "); out.number(top + plotHeight / 2); out.raw(")\">")
        out.escaped(say("Portfoliowert", "Portfolio value")); out.raw("</text>")

        let feasible = sorted.filter { $0.value != nil }
        if feasible.count > 1 {
            out.raw("<polyline class=\"frontier-line\" points=\"")
            for (index, point) in feasible.enumerated() {
                if index > 0 { out.raw(" ") }
                out.number(x(point.budget)); out.raw(","); out.number(y(point.value ?? 0))
            }
            out.raw("\"/>")
        }
        for point in sorted {
            let px = x(point.budget)
            guard let value = point.value else {
                // No feasible plan at this budget: a cross on the axis.
                let py = top + plotHeight
                out.raw("<path class=\"frontier-infeasible\" d=\"M"); out.number(px - 5); out.raw(" "); out.number(py - 5)
                out.raw(" L"); out.number(px + 5); out.raw(" "); out.number(py + 5); out.raw(" M"); out.number(px - 5); out.raw(" ")
                out.number(py + 5); out.raw(" L"); out.number(px + 5); out.raw(" "); out.number(py - 5); out.raw("\"/>")
                continue
            }
            let py = y(value)
            if let bound = point.bound, bound > value {
                out.raw("<line class=\"frontier-bound\" x1=\""); out.number(px); out.raw("\" y1=\""); out.number(py)
                out.raw("\" x2=\""); out.number(px); out.raw("\" y2=\""); out.number(y(bound)); out.raw("\"/>")
                out.raw("<line class=\"frontier-bound\" x1=\""); out.number(px - 4); out.raw("\" y1=\""); out.number(y(bound))
                out.raw("\" x2=\""); out.number(px + 4); out.raw("\" y2=\""); out.number(y(bound)); out.raw("\"/>")
            }
            if point.isCurrent {
                out.raw("<path class=\"frontier-current\" d=\"M"); out.number(px); out.raw(" "); out.number(py - 10)
                out.raw(" L"); out.number(px + 10); out.raw(" "); out.number(py); out.raw(" L"); out.number(px); out.raw(" ")
                out.number(py + 10); out.raw(" L"); out.number(px - 10); out.raw(" "); out.number(py); out.raw(" Z\"/>")
                // Above and to the left: a frontier rises to the right, so that corner is free of the line.
                out.raw("<text class=\"chart-text chart-strong\" x=\""); out.number(max(left + 90, px - 8))
                out.raw("\" y=\""); out.number(max(top + 12, py - 14)); out.raw("\" text-anchor=\"end\">")
                out.escaped(say("aktueller Plan", "current plan")); out.raw("</text>")
            } else {
                out.raw("<circle class=\""); out.raw(point.isProven ? "frontier-point" : "frontier-point frontier-open")
                out.raw("\" cx=\""); out.number(px); out.raw("\" cy=\""); out.number(py); out.raw("\" r=\"5\"/>")
            }
        }
        out.raw("</svg>")
        return out.text
    }

    /// Round ends and step for the budget axis around the levels' budgets, with a little room on either side.
    static func budgetAxis(_ budgets: [Double]) -> (min: Double, max: Double, step: Double) {
        let low = (budgets.min() ?? 0) * 0.9
        let high = max(low + 1, (budgets.max() ?? 1) * 1.05)
        let step = niceStep((high - low) / 4)
        return (max(0, (low / step).rounded(.down) * step), (high / step).rounded(.up) * step, step)
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `value`, so the axis ends on a round number.
    static func niceCeiling(_ value: Double) -> Double {
        let step = niceStep(value / 4)
        return (value / step).rounded(.up) * step
    }

    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, floor(log10(rough)))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= rough { return factor * power }
        return 10 * power
    }

    static func ticks(upTo maximum: Double) -> [Double] {
        let step = niceStep(maximum / 4)
        var ticks: [Double] = []
        var tick = 0.0
        while tick <= maximum * (1 + 1e-9) && ticks.count < 12 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    static func title(_ say: ChartWording) -> String {
        say("Effizienzkurve: Portfoliowert je Gesamtbudget", "Efficient frontier: portfolio value by total budget")
    }

    static func level(_ point: FrontierChartPoint, _ say: ChartWording) -> String {
        say.percent(point.factor) + " (" + say.amount(point.budget, kind: .budget) + ")"
    }

    static func status(_ point: FrontierChartPoint, _ say: ChartWording) -> String {
        guard point.value != nil else { return say("kein zulässiger Plan", "no feasible plan") }
        guard let bound = point.bound else { return say("optimal", "optimal") }
        return say("beste gefundene Lösung, Schranke \(say.decimal(bound))", "best plan found, bound \(say.decimal(bound))")
    }

    /// Every budget level with its value and status, and which one is the current plan.
    static func description(_ sorted: [FrontierChartPoint], _ say: ChartWording) -> String {
        guard !sorted.isEmpty else { return say("Noch keine Budgetstufen berechnet.", "No budget levels computed yet.") }
        var sentences = [say("Portfoliowert für \(sorted.count) Budgetstufen.", "Portfolio value for \(sorted.count) budget levels.")]
        let levels = sorted.map { point -> String in
            let value = point.value.map { say("Wert \(say.decimal($0))", "value \(say.decimal($0))") } ?? ""
            let state = point.value == nil || point.bound != nil ? status(point, say) : ""
            let parts = [value, state].filter { !$0.isEmpty }.joined(separator: ", ")
            return level(point, say) + ": " + parts + (point.isCurrent ? say(" – aktueller Plan", " – current plan") : "")
        }
        sentences.append(levels.joined(separator: "; ") + ".")
        return sentences.joined(separator: " ")
    }

    static func table(_ points: [FrontierChartPoint], language: Language, id: String = "frontier") -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 1_024 + points.count * 240)
        out.raw("<table class=\"chart-table\" id=\""); out.escaped(id); out.raw("-table\"><caption>"); out.escaped(title(say))
        out.raw("</caption><thead><tr>")
        for heading in [say("Budgetstufe", "Budget level"), say("Gesamtbudget", "Total budget"), say("Portfoliowert", "Portfolio value"), say("Status", "Status")] {
            out.raw("<th scope=\"col\">"); out.escaped(heading); out.raw("</th>")
        }
        out.raw("</tr></thead><tbody>")
        for point in points.sorted(by: { $0.budget < $1.budget }) {
            out.raw(point.isCurrent ? "<tr class=\"current\"><th scope=\"row\">" : "<tr><th scope=\"row\">")
            out.escaped(say.percent(point.factor))
            if point.isCurrent { out.raw(" <strong>"); out.escaped(say("(aktueller Plan)", "(current plan)")); out.raw("</strong>") }
            out.raw("</th><td class=\"number\">"); out.escaped(say.amount(point.budget, kind: .budget))
            out.raw("</td><td class=\"number\">"); out.escaped(point.value.map { say.decimal($0) } ?? "–")
            out.raw("</td><td>"); out.escaped(status(point, say)); out.raw("</td></tr>")
        }
        out.raw("</tbody></table>")
        return out.text
    }
}
