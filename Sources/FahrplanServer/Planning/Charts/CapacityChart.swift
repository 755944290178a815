import FahrplanCore

/// Use against capacity as inline SVG: a panel per budget line or department, a column per period. The capacity
/// is an outlined box with a thick limit line, the use a solid bar inside it; use above the limit is drawn as a
/// hatched red cap, labelled "▲ 125 %" and "überbelegt" in words, so over-allocation shows without colour.
/// `table` gives the same figures as an HTML table.
enum CapacityChart {
    static let axisWidth = 86
    static let panelTitle = 22
    static let plotHeight = 100
    static let labelsHeight = 34
    static let panelGap = 10

    static var panelHeight: Int { panelTitle + plotHeight + labelsHeight + panelGap }
    static func columnWidth(_ periods: Int) -> Int { max(70, min(120, 720 / max(1, periods))) }

    static func svg(_ input: CapacityChartInput, language: Language) -> String {
        let say = ChartWording(language: language)
        let periods = input.periods.count
        let cw = columnWidth(periods)
        let width = axisWidth + periods * cw + 10
        let height = max(1, input.series.count) * panelHeight + 8
        var out = ChartBuffer(capacity: 2_048 + input.series.count * periods * 700)
        out.open(id: input.id, cssClass: "capacity-chart", width: width, height: height)
        out.titleAndDescription(id: input.id, title: title(say), description: description(input, say))
        out.patterns(id: input.id)
        if input.series.isEmpty {
            out.raw("<text class=\"chart-text\" x=\"6\" y=\"20\">"); out.escaped(say("Keine Kapazitäten erfasst.", "No capacities recorded."))
            out.raw("</text>")
        }
        for (index, series) in input.series.enumerated() {
            panel(series, top: index * panelHeight, cw: cw, width: width, input: input, say: say, into: &out)
        }
        out.raw("</svg>")
        return out.text
    }

    private static func panel(_ series: CapacityChartInput.Series, top: Int, cw: Int, width: Int, input: CapacityChartInput,
                              say: ChartWording, into out: inout ChartBuffer) {
        let periods = input.periods.count
        let highest = (0..<periods).map { max(value(series.capacity, $0), value(series.used, $0)) }.max() ?? 0
        let scale = highest > 0 ? Double(plotHeight - 16) / highest : 0
        let baseline = top + panelTitle + plotHeight
        func height(_ amount: Double) -> Int { Int((max(0, amount) * scale).rounded()) }

        out.raw("<text class=\"chart-text chart-strong\" x=\"0\" y=\""); out.number(top + 15); out.raw("\">")
        out.escaped(series.label); out.raw(" ("); out.escaped(unit(series.kind, say)); out.raw(")</text>")
        // The axis: zero and the largest capacity, with a faint grid line at the latter.
        let maxCapacity = series.capacity.max() ?? 0
        axisLabel(say.shortAmount(0, kind: series.kind), y: baseline, into: &out)
        if maxCapacity > 0 {
            let y = baseline - height(maxCapacity)
            axisLabel(say.shortAmount(maxCapacity, kind: series.kind), y: y, into: &out)
            out.raw("<line class=\"chart-grid\" x1=\""); out.number(axisWidth); out.raw("\" y1=\""); out.number(y)
            out.raw("\" x2=\""); out.number(width - 10); out.raw("\" y2=\""); out.number(y); out.raw("\"/>")
        }
        for period in 0..<periods {
            let x = axisWidth + period * cw
            let (used, capacity) = (value(series.used, period), value(series.capacity, period))
            let over = CapacityChartInput.exceeds(used, capacity)
            if period == input.currentPeriod {
                out.raw("<rect class=\"gantt-today\" x=\""); out.number(x); out.raw("\" y=\""); out.number(top + panelTitle)
                out.raw("\" width=\""); out.number(cw); out.raw("\" height=\""); out.number(plotHeight); out.raw("\"/>")
            }
            let (barX, barWidth) = (x + cw / 5, cw - 2 * (cw / 5))
            rect("cap-capacity", x: barX, y: baseline - height(capacity), width: barWidth, height: height(capacity), into: &out)
            let usedHeight = height(min(used, capacity))
            rect("cap-used", x: barX + 5, y: baseline - usedHeight, width: barWidth - 10, height: usedHeight, into: &out)
            if over {
                out.raw("<rect class=\"cap-over\" fill=\"url(#"); out.escaped(input.id); out.raw("-over)\"")
                out.raw(" x=\""); out.number(barX + 5); out.raw("\" y=\""); out.number(baseline - height(used))
                out.raw("\" width=\""); out.number(barWidth - 10); out.raw("\" height=\""); out.number(height(used) - height(capacity)); out.raw("\"/>")
            }
            rect("cap-limit", x: barX - 3, y: baseline - height(capacity) - 1, width: barWidth + 6, height: 3, into: &out)
            // The share above the bar: a reader sees the figure, not only the length.
            let labelY = baseline - height(max(used, capacity)) - 4
            out.raw("<text class=\""); out.raw(over ? "chart-text chart-alert chart-strong" : "chart-text")
            out.raw("\" x=\""); out.number(x + cw / 2); out.raw("\" y=\""); out.number(labelY); out.raw("\" text-anchor=\"middle\">")
            out.escaped((over ? "▲ " : "") + share(used: used, capacity: capacity, say)); out.raw("</text>")
            out.raw("<text class=\"chart-axis"); out.raw(period == input.currentPeriod ? " chart-strong" : "")
            out.raw("\" x=\""); out.number(x + cw / 2); out.raw("\" y=\""); out.number(baseline + 14)
            out.raw("\" text-anchor=\"middle\">"); out.escaped(input.periods[period]); out.raw("</text>")
            if over {
                out.raw("<text class=\"chart-text chart-alert chart-strong\" x=\""); out.number(x + cw / 2); out.raw("\" y=\"")
                out.number(baseline + 28); out.raw("\" text-anchor=\"middle\">"); out.escaped(say("überbelegt", "over capacity")); out.raw("</text>")
            }
        }
        out.raw("<line class=\"chart-baseline\" x1=\""); out.number(axisWidth); out.raw("\" y1=\""); out.number(baseline)
        out.raw("\" x2=\""); out.number(width - 10); out.raw("\" y2=\""); out.number(baseline); out.raw("\"/>")
    }

    private static func rect(_ cssClass: String, x: Int, y: Int, width: Int, height: Int, into out: inout ChartBuffer) {
        guard height > 0, width > 0 else { return }
        out.raw("<rect class=\""); out.raw(cssClass); out.raw("\" x=\""); out.number(x); out.raw("\" y=\""); out.number(y)
        out.raw("\" width=\""); out.number(width); out.raw("\" height=\""); out.number(height); out.raw("\"/>")
    }

    private static func axisLabel(_ text: String, y: Int, into out: inout ChartBuffer) {
        out.raw("<text class=\"chart-axis\" x=\""); out.number(axisWidth - 6); out.raw("\" y=\""); out.number(y + 4)
        out.raw("\" text-anchor=\"end\">"); out.escaped(text); out.raw("</text>")
    }

    private static func value(_ values: [Double], _ index: Int) -> Double { index < values.count ? values[index] : 0 }

    static func unit(_ kind: RoadmapProblem.ResourceKind, _ say: ChartWording) -> String {
        kind == .staff ? say("VZÄ", "FTE") : say("Euro", "euros")
    }

    /// "88 %"; use without any capacity is "∞" rather than a division by zero.
    static func share(used: Double, capacity: Double, _ say: ChartWording) -> String {
        if capacity > 0 { return say.percent(used / capacity) }
        return used > 0 ? "∞" : "–"
    }

    static func title(_ say: ChartWording) -> String {
        say("Auslastung je Periode: Budget und Personal", "Use per period: budget and staff")
    }

    /// Per series its busiest period, then every over-allocation with its excess (or that there is none).
    static func description(_ input: CapacityChartInput, _ say: ChartWording) -> String {
        var sentences: [String] = []
        for series in input.series {
            guard let busiest = input.periods.indices.max(by: { ratio(series, $0) < ratio(series, $1) }) else { continue }
            let (used, capacity) = (value(series.used, busiest), value(series.capacity, busiest))
            sentences.append(say("\(series.label): höchste Auslastung \(input.periods[busiest]) mit \(say.amount(used, kind: series.kind)) von \(say.amount(capacity, kind: series.kind)) (\(share(used: used, capacity: capacity, say))).",
                                 "\(series.label): highest use in \(input.periods[busiest]), \(say.amount(used, kind: series.kind)) of \(say.amount(capacity, kind: series.kind)) (\(share(used: used, capacity: capacity, say)))."))
        }
        let over = input.overAllocations
        if over.isEmpty {
            sentences.append(say("Keine Überbelegung: jede Periode liegt innerhalb der Kapazität.", "No over-allocation: every period stays within capacity."))
        } else {
            let items = over.map { item in
                say("\(item.label) \(input.periods[item.period]) mit \(say.amount(item.used, kind: item.kind)) von \(say.amount(item.capacity, kind: item.kind)) (\(say.amount(item.excess, kind: item.kind)) zu viel)",
                    "\(item.label) in \(input.periods[item.period]), \(say.amount(item.used, kind: item.kind)) of \(say.amount(item.capacity, kind: item.kind)) (\(say.amount(item.excess, kind: item.kind)) too much)")
            }
            sentences.append(say("Überbelegt: ", "Over capacity: ") + items.joined(separator: "; ") + ".")
        }
        return sentences.joined(separator: " ")
    }

    private static func ratio(_ series: CapacityChartInput.Series, _ period: Int) -> Double {
        let (used, capacity) = (value(series.used, period), value(series.capacity, period))
        return capacity > 0 ? used / capacity : (used > 0 ? .infinity : 0)
    }

    /// The figures as a table: a row per budget line or department, a column per period, "3,5 / 4 VZÄ (88 %)";
    /// an over-allocated cell says so in words.
    static func table(_ input: CapacityChartInput, language: Language) -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 1_024 + input.series.count * input.periods.count * 120)
        out.raw("<table class=\"chart-table\" id=\""); out.escaped(input.id); out.raw("-table\"><caption>"); out.escaped(title(say))
        out.raw("</caption><thead><tr><th scope=\"col\">"); out.escaped(say("Budget / Fachdienst", "Budget / department")); out.raw("</th>")
        for period in input.periods { out.raw("<th scope=\"col\">"); out.escaped(period); out.raw("</th>") }
        out.raw("</tr></thead><tbody>")
        for series in input.series {
            out.raw("<tr><th scope=\"row\">"); out.escaped(series.label); out.raw("</th>")
            for period in input.periods.indices {
                let (used, capacity) = (value(series.used, period), value(series.capacity, period))
                let over = CapacityChartInput.exceeds(used, capacity)
                out.raw(over ? "<td class=\"over-allocated\"><strong>" : "<td>")
                let usedText = series.kind == .staff ? say.decimal(used, digits: 2) : say.amount(used, kind: series.kind)
                out.escaped("\(usedText) / \(say.amount(capacity, kind: series.kind)) (\(share(used: used, capacity: capacity, say)))")
                if over { out.raw(" – "); out.escaped(say("überbelegt", "over capacity")); out.raw("</strong>") }
                out.raw("</td>")
            }
            out.raw("</tr>")
        }
        out.raw("</tbody></table>")
        return out.text
    }
}
