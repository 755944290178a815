import FahrplanCore

/// The overview's charts as inline SVG, each with an HTML table of the same figures: services per maturity level
/// today, stacked bars of the levels per department and per point in time. Counts are written on the bars and
/// the levels carry their number in the legend, so nothing is told by colour alone; ids start with the chart id,
/// so section headings use other ids.
enum InventoryCharts {
    struct Row {
        var label: String
        /// One count per level of the model, in its order.
        var counts: [Int]
        var unknown: Int
        var total: Int { counts.reduce(0, +) + unknown }
    }

    /// Light fills from red (offline) to green and blue (transactional), dark text stays readable on all.
    static let fills = ["#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#b6d7a8", "#93c47d", "#a2c4c9", "#9fc5e8"]
    static let unknownFill = "#e6e6e6"

    static func fill(_ index: Int, of count: Int) -> String {
        guard count > 1 else { return fills[0] }
        // Spread a short model over the whole palette, so 0–4 runs from red to green like 0–7 does.
        let position = Int((Double(index) / Double(count - 1) * Double(fills.count - 1)).rounded())
        return fills[min(fills.count - 1, max(0, position))]
    }

    static let labelWidth = 230
    static let barWidth = 420
    static let rowHeight = 30

    static func levelNames(_ model: MaturityModel, _ language: Language) -> [String] {
        model.levels.map { "\($0.number) \($0.label(english: language == .en))" }
    }

    /// One bar per level (and one for the unknown), its count written after it.
    static func levelsSVG(id: String, model: MaturityModel, counts: Row, language: Language) -> String {
        let say = ChartWording(language: language)
        let names = levelNames(model, language) + [say("unbekannt", "unknown")]
        let values = counts.counts + [counts.unknown]
        let width = labelWidth + barWidth + 60, top = 8
        let height = top + names.count * rowHeight + 8
        var out = ChartBuffer(capacity: 2_048 + names.count * 300)
        out.open(id: id, cssClass: "inventory-levels-chart", width: width, height: height)
        let parts = zip(names, values).map { "\($0): \($1)" }
        out.titleAndDescription(id: id, title: say("Verwaltungsleistungen nach Reifegrad", "Administrative services by maturity level"),
                                description: say("Balken je Reifegrad. ", "One bar per level. ") + parts.joined(separator: "; ") + ".")
        let highest = max(1, values.max() ?? 1)
        for (index, (name, value)) in zip(names, values).enumerated() {
            let y = top + index * rowHeight
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\">")
            out.escaped(ChartWording.shortened(name, limit: 30)); out.raw("</text>")
            let w = value == 0 ? 0 : max(2, Int((Double(value) / Double(highest) * Double(barWidth)).rounded()))
            let color = index < model.levels.count ? fill(index, of: model.levels.count) : unknownFill
            if w > 0 {
                out.raw("<rect class=\"dash-segment\" fill=\"\(color)\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\"/>")
            }
            out.raw("<text class=\"chart-text chart-strong\" x=\"\(labelWidth + w + 6)\" y=\"\(y + 19)\">\(value)</text>")
        }
        out.raw("<line class=\"chart-baseline\" x1=\"\(labelWidth)\" y1=\"\(top)\" x2=\"\(labelWidth)\" y2=\"\(height - 8)\"/>")
        out.raw("</svg>")
        return out.text
    }

    /// One stacked bar per row (a department, a day): a segment per level with its count inside when it fits.
    static func stackedSVG(id: String, title: String, rows: [Row], model: MaturityModel, language: Language) -> String {
        let say = ChartWording(language: language)
        let names = levelNames(model, language) + [say("unbekannt", "unknown")]
        let legendRows = (names.count + 3) / 4
        let top = 10 + legendRows * 22 + 6
        let width = labelWidth + barWidth + 50
        let height = top + max(1, rows.count) * rowHeight + 8
        var out = ChartBuffer(capacity: 2_048 + rows.count * names.count * 220)
        out.open(id: id, cssClass: "inventory-stacked-chart", width: width, height: height)
        let lines = rows.map { row in
            let parts = zip(names, row.counts + [row.unknown]).filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
            return "\(row.label): \(row.total) (\(say.list(parts)))"
        }
        out.titleAndDescription(id: id, title: title, description: rows.isEmpty ? say("Keine Leistungen.", "No services.")
                                    : say("Gestapelte Balken. ", "Stacked bars. ") + lines.joined(separator: "; ") + ".")
        for (index, name) in names.enumerated() {
            let x = (index % 4) * 165, y = 10 + (index / 4) * 22
            let color = index < model.levels.count ? fill(index, of: model.levels.count) : unknownFill
            out.raw("<rect class=\"dash-segment\" fill=\"\(color)\" x=\"\(x)\" y=\"\(y)\" width=\"14\" height=\"14\"/>")
            out.raw("<text class=\"chart-text\" x=\"\(x + 20)\" y=\"\(y + 12)\">"); out.escaped(ChartWording.shortened(name, limit: 22)); out.raw("</text>")
        }
        let highest = max(1, rows.map(\.total).max() ?? 0)
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\">")
            out.escaped(ChartWording.shortened(row.label, limit: 30)); out.raw("</text>")
            var x = labelWidth
            for (level, count) in (row.counts + [row.unknown]).enumerated() where count > 0 {
                let w = max(2, Int((Double(count) / Double(highest) * Double(barWidth)).rounded()))
                let color = level < model.levels.count ? fill(level, of: model.levels.count) : unknownFill
                out.raw("<rect class=\"dash-segment\" fill=\"\(color)\" x=\"\(x)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\"/>")
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

    /// The same counts as a table: a row per entry, a column per level, unknown and total.
    static func table(id: String, caption: String, rowHeader: String, rows: [Row], total: Row?, model: MaturityModel,
                      language: Language) -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 1_024 + rows.count * model.levels.count * 40)
        out.raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\""); out.escaped(id)
        out.raw("-caption\"><table class=\"table chart-table\" id=\""); out.escaped(id); out.raw("\"><caption id=\""); out.escaped(id)
        out.raw("-caption\">"); out.escaped(caption); out.raw("</caption><thead><tr><th scope=\"col\">"); out.escaped(rowHeader); out.raw("</th>")
        for name in levelNames(model, language) + [say("unbekannt", "unknown"), say("Summe", "Total")] {
            out.raw("<th scope=\"col\" class=\"number\">"); out.escaped(name); out.raw("</th>")
        }
        out.raw("</tr></thead><tbody>")
        for row in rows + (total.map { [$0] } ?? []) {
            out.raw(total != nil && row.label == total!.label ? "<tr class=\"total\">" : "<tr>")
            out.raw("<th scope=\"row\">"); out.escaped(row.label); out.raw("</th>")
            for count in row.counts + [row.unknown] { out.raw("<td class=\"number\">\(count)</td>") }
            out.raw("<td class=\"number\"><strong>\(row.total)</strong></td></tr>")
        }
        out.raw("</tbody></table></div>")
        return out.text
    }
}
