import FahrplanCore
import Foundation

/// The results' charts as inline SVG in the planning charts' style (`ChartBuffer`: title and description for
/// screen readers), each with a table of the same figures. The radar shows the topic fields' means, optionally with
/// a second series (an earlier round, the Potenzialcheck) as a dashed outline with square marks; the bar chart per
/// field shows each statement's mean with the earlier value as a tick. Every value is also written as text, so
/// nothing is told by colour or position alone. Ids start with the chart id; section headings use other ids.
enum ResultsCharts {
    struct Series {
        var label: String
        var values: [Double?]
    }

    // MARK: radar

    static let radarSize = 560
    static let radarRadius = 150.0

    static func radarSVG(id: String, radar: MaturityRadar, current: String, comparison: String?, language: Language) -> String {
        let say = ChartWording(language: language)
        let size = radarSize, center = Double(radarSize) / 2 + 10
        let count = radar.axes.count
        let span = Double(max(1, radar.maximum - radar.minimum))
        var out = ChartBuffer(capacity: 6_144)
        out.open(id: id, cssClass: "mres-radar", width: size, height: size + 20)
        out.titleAndDescription(id: id, title: say("Mittelwerte je Themenfeld", "Mean per topic field"),
                                description: radarDescription(radar, current: current, comparison: comparison, say: say))
        func point(_ axis: Int, _ fraction: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(max(1, count))
            return (center + cos(angle) * radarRadius * fraction, center + sin(angle) * radarRadius * fraction)
        }
        func coordinates(_ points: [(Double, Double)]) -> String {
            points.map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
        }
        // Legend: the round as a solid line with dots, the comparison dashed with squares.
        out.raw("<line class=\"mres-series\" x1=\"0\" y1=\"12\" x2=\"28\" y2=\"12\"/><circle class=\"mres-dot\" cx=\"14\" cy=\"12\" r=\"4\"/>")
        out.raw("<text class=\"chart-text\" x=\"36\" y=\"16\">"); out.escaped(ChartWording.shortened(current, limit: 34)); out.raw("</text>")
        if let comparison {
            out.raw("<line class=\"mres-compare\" x1=\"290\" y1=\"12\" x2=\"318\" y2=\"12\" stroke-dasharray=\"6 4\"/>")
            out.raw("<rect class=\"mres-square\" x=\"300\" y=\"8\" width=\"8\" height=\"8\"/>")
            out.raw("<text class=\"chart-text\" x=\"326\" y=\"16\">"); out.escaped(ChartWording.shortened(comparison, limit: 34)); out.raw("</text>")
        }
        guard count >= 3 else {
            out.raw("<text class=\"chart-text\" x=\"20\" y=\"60\">")
            out.escaped(say("Zu wenige Themenfelder für ein Netzdiagramm.", "Too few topic fields for a radar chart.")); out.raw("</text></svg>")
            return out.text
        }
        // Grid: one ring per scale step, the step's value on the first axis.
        for step in 0...Int(span) {
            let fraction = Double(step) / span
            out.raw("<polygon class=\"mres-grid\" points=\""); out.raw(coordinates((0..<count).map { point($0, fraction) })); out.raw("\"/>")
            let (x, y) = point(0, fraction)
            out.raw("<text class=\"chart-axis\" x=\"\(Int(x) + 4)\" y=\"\(Int(y) + 4)\">\(radar.minimum + step)</text>")
        }
        for axis in 0..<count {
            let (x, y) = point(axis, 1)
            out.raw("<line class=\"mres-grid\" x1=\"\(Int(center))\" y1=\"\(Int(center))\" x2=\"\(Int(x))\" y2=\"\(Int(y))\"/>")
            let (lx, ly) = point(axis, 1.14)
            let anchor = abs(lx - center) < 10 ? "middle" : (lx > center ? "start" : "end")
            let value = radar.axes[axis].value.map { say.decimal($0, digits: 1) } ?? "–"
            out.raw("<text class=\"chart-text\" x=\"\(Int(lx))\" y=\"\(Int(ly) + 4)\" text-anchor=\"\(anchor)\">")
            out.escaped(ChartWording.shortened(radar.axes[axis].label, limit: 24) + " " + value); out.raw("</text>")
        }
        func fraction(_ value: Double?) -> Double { value.map { max(0, min(1, (($0 - Double(radar.minimum)) / span))) } ?? 0 }
        if comparison != nil, radar.axes.contains(where: { $0.comparison != nil }) {
            let points = (0..<count).map { point($0, fraction(radar.axes[$0].comparison)) }
            out.raw("<polygon class=\"mres-compare\" fill=\"none\" stroke-dasharray=\"6 4\" points=\""); out.raw(coordinates(points)); out.raw("\"/>")
            for (axis, (x, y)) in points.enumerated() where radar.axes[axis].comparison != nil {
                out.raw(String(format: "<rect class=\"mres-square\" x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\"/>", x - 4, y - 4))
            }
        }
        let points = (0..<count).map { point($0, fraction(radar.axes[$0].value)) }
        out.raw("<polygon class=\"mres-series\" points=\""); out.raw(coordinates(points)); out.raw("\"/>")
        for (axis, (x, y)) in points.enumerated() where radar.axes[axis].value != nil {
            out.raw(String(format: "<circle class=\"mres-dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y))
        }
        out.raw("</svg>")
        return out.text
    }

    static func radarDescription(_ radar: MaturityRadar, current: String, comparison: String?, say: ChartWording) -> String {
        let values = radar.axes.map { "\($0.label) \($0.value.map { say.decimal($0, digits: 2) } ?? "–")" }
        var text = say("Netzdiagramm der Mittelwerte je Themenfeld auf der Skala \(radar.minimum) bis \(radar.maximum). \(current): ",
                       "Radar chart of the mean per topic field on the scale \(radar.minimum) to \(radar.maximum). \(current): ")
            + values.joined(separator: "; ") + "."
        if let comparison {
            let others = radar.axes.map { "\($0.label) \($0.comparison.map { say.decimal($0, digits: 2) } ?? "–")" }
            text += " " + comparison + ": " + others.joined(separator: "; ") + "."
        }
        return text
    }

    /// The radar's figures: field, mean, and with a comparison its value and the change.
    static func radarTable(id: String, radar: MaturityRadar, current: String, comparison: String?, language: Language) -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 2_048)
        tableStart(&out, id: id, caption: say("Mittelwerte je Themenfeld", "Mean per topic field"))
        var headings = [(say("Themenfeld", "Topic field"), false), (current, true)]
        if let comparison { headings += [(comparison, true), (say("Veränderung", "Change"), true)] }
        headerRow(&out, headings)
        for axis in radar.axes {
            out.raw("<tr><th scope=\"row\">"); out.escaped(axis.label); out.raw("</th>")
            cell(&out, axis.value.map { say.decimal($0, digits: 2) } ?? "–")
            if comparison != nil {
                cell(&out, axis.comparison.map { say.decimal($0, digits: 2) } ?? "–")
                cell(&out, change(axis.value, axis.comparison, say))
            }
            out.raw("</tr>")
        }
        out.raw("</tbody></table></div>")
        return out.text
    }

    // MARK: bars per field

    static let labelWidth = 300
    static let barWidth = 300
    static let rowHeight = 30

    struct Bar {
        var label: String
        var value: Double?
        var comparison: Double?
    }

    /// One horizontal bar per statement, its mean written after it; the comparison value as a dark tick.
    static func barsSVG(id: String, title: String, bars: [Bar], minimum: Int, maximum: Int, comparison: String?, language: Language) -> String {
        let say = ChartWording(language: language)
        let span = Double(max(1, maximum - minimum))
        let top = comparison == nil ? 26 : 46
        let width = labelWidth + barWidth + 70
        let height = top + max(1, bars.count) * rowHeight + 10
        var out = ChartBuffer(capacity: 2_048 + bars.count * 400)
        out.open(id: id, cssClass: "mres-bars", width: width, height: height)
        let lines = bars.map { bar in
            "\(bar.label): \(bar.value.map { say.decimal($0, digits: 2) } ?? say("keine Bewertung", "not rated"))"
                + (comparison != nil ? " (\(bar.comparison.map { say.decimal($0, digits: 2) } ?? "–"))" : "")
        }
        out.titleAndDescription(id: id, title: say("Mittelwerte der Aussagen: \(title)", "Statement means: \(title)"),
                                description: say("Balken je Aussage auf der Skala \(minimum) bis \(maximum)", "Bar per statement on the scale \(minimum) to \(maximum)")
                                    + (comparison.map { say(", in Klammern \($0)", ", in brackets \($0)") } ?? "") + ". " + lines.joined(separator: "; ") + ".")
        // Scale along the top: each step's value with a grid line.
        for step in 0...Int(span) {
            let x = labelWidth + Int(Double(step) / span * Double(barWidth))
            out.raw("<line class=\"chart-grid\" x1=\"\(x)\" y1=\"\(top - 6)\" x2=\"\(x)\" y2=\"\(height - 10)\"/>")
            out.raw("<text class=\"chart-axis\" x=\"\(x)\" y=\"\(top - 10)\" text-anchor=\"middle\">\(minimum + step)</text>")
        }
        if let comparison {
            out.raw("<line class=\"mres-tick\" x1=\"4\" y1=\"4\" x2=\"4\" y2=\"20\"/>")
            out.raw("<text class=\"chart-text\" x=\"12\" y=\"17\">"); out.escaped(ChartWording.shortened(comparison, limit: 60)); out.raw("</text>")
        }
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\">")
            out.escaped(ChartWording.shortened(bar.label, limit: 44)); out.raw("</text>")
            var end = labelWidth
            if let value = bar.value {
                let length = max(2, Int((value - Double(minimum)) / span * Double(barWidth)))
                out.raw("<rect class=\"cap-used\" x=\"\(labelWidth)\" y=\"\(y + 6)\" width=\"\(length)\" height=\"\(rowHeight - 12)\"/>")
                end = labelWidth + length
            }
            if let other = bar.comparison {
                let x = labelWidth + Int((other - Double(minimum)) / span * Double(barWidth))
                out.raw("<line class=\"mres-tick\" x1=\"\(x)\" y1=\"\(y + 2)\" x2=\"\(x)\" y2=\"\(y + rowHeight - 2)\"/>")
                end = max(end, x)
            }
            out.raw("<text class=\"chart-text chart-strong\" x=\"\(end + 6)\" y=\"\(y + 19)\">")
            out.escaped(bar.value.map { say.decimal($0, digits: 2) } ?? "–"); out.raw("</text>")
        }
        out.raw("<line class=\"chart-baseline\" x1=\"\(labelWidth)\" y1=\"\(top - 6)\" x2=\"\(labelWidth)\" y2=\"\(height - 10)\"/>")
        out.raw("</svg>")
        return out.text
    }

    /// The distribution of one field's statements: count and share per level, "don't know", no answer, mean —
    /// the bar chart's figures and more.
    static func distributionTable(id: String, caption: String, results: MaturityResults, field: MaturityResults.FieldResult,
                                  levels: [RatingScale.Level], dontKnow: String?, comparison: [String: Double]?, comparisonLabel: String?,
                                  language: Language) -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 4_096)
        tableStart(&out, id: id, caption: caption)
        var headings = [(say("Aussage", "Statement"), false)]
        headings += levels.map { ("\($0.value) \($0.label)", true) }
        if let dontKnow { headings.append((dontKnow, true)) }
        headings += [(say("ohne Antwort", "no answer"), true), (say("Mittelwert", "Mean"), true)]
        if let comparisonLabel { headings += [(comparisonLabel, true), (say("Veränderung", "Change"), true)] }
        headerRow(&out, headings)
        for statement in results.statements[field.statementRange] {
            let answered = statement.rated + statement.dontKnow + statement.skipped
            func share(_ count: Int) -> String {
                answered == 0 ? "0" : "\(count) (\(say.percent(Double(count) / Double(answered))))"
            }
            out.raw("<tr><th scope=\"row\">"); out.escaped(statement.text); out.raw("</th>")
            for count in statement.counts { cell(&out, share(count)) }
            if dontKnow != nil { cell(&out, share(statement.dontKnow)) }
            cell(&out, share(statement.skipped))
            cell(&out, statement.mean.map { say.decimal($0, digits: 2) } ?? "–", strong: true)
            if comparisonLabel != nil {
                let other = comparison?[statement.key]
                cell(&out, other.map { say.decimal($0, digits: 2) } ?? "–")
                cell(&out, change(statement.mean, other, say))
            }
            out.raw("</tr>")
        }
        out.raw("<tr class=\"total\"><th scope=\"row\">"); out.escaped(say("Themenfeld", "Topic field")); out.raw("</th>")
        for _ in levels { out.raw("<td></td>") }
        if dontKnow != nil { out.raw("<td></td>") }
        out.raw("<td></td>")
        cell(&out, field.mean.map { say.decimal($0, digits: 2) } ?? "–", strong: true)
        if comparisonLabel != nil { out.raw("<td></td><td></td>") }
        out.raw("</tr></tbody></table></div>")
        return out.text
    }

    // MARK: table pieces

    static func tableStart(_ out: inout ChartBuffer, id: String, caption: String) {
        out.raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\""); out.escaped(id)
        out.raw("-caption\"><table class=\"table chart-table\" id=\""); out.escaped(id); out.raw("\"><caption id=\""); out.escaped(id)
        out.raw("-caption\">"); out.escaped(caption); out.raw("</caption>")
    }

    static func headerRow(_ out: inout ChartBuffer, _ headings: [(String, Bool)]) {
        out.raw("<thead><tr>")
        for (heading, numeric) in headings {
            out.raw(numeric ? "<th scope=\"col\" class=\"number\">" : "<th scope=\"col\">"); out.escaped(heading); out.raw("</th>")
        }
        out.raw("</tr></thead><tbody>")
    }

    static func cell(_ out: inout ChartBuffer, _ text: String, strong: Bool = false) {
        out.raw(strong ? "<td class=\"number\"><strong>" : "<td class=\"number\">"); out.escaped(text)
        out.raw(strong ? "</strong></td>" : "</td>")
    }

    /// "+0,40" / "−0,25" / "±0"; "–" when either side is missing.
    static func change(_ later: Double?, _ earlier: Double?, _ say: ChartWording) -> String {
        guard let later, let earlier else { return "–" }
        let delta = later - earlier
        if abs(delta) < 0.005 { return "±0" }
        return (delta > 0 ? "+" : "−") + say.decimal(abs(delta), digits: 2)
    }
}
