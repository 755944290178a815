import FahrplanCore

/// The portal's two charts as inline SVG (no script, no external file), each followed on the page by a table of the
/// same figures: progress per goal and public projects running per year. Values are written next to the bars, so
/// nothing is told by length or colour alone. Chart ids end in `-chart`; section headings use other ids.
enum PortalCharts {
    static let labelWidth = 170
    static let barWidth = 150
    static let rowHeight = 26

    struct Bar {
        var label: String
        /// 0…1, or nil for "not measured".
        var share: Double?
        var valueText: String
    }

    static func progressSVG(id: String, bars: [Bar], language: Language) -> String {
        let say = ChartWording(language: language)
        let width = labelWidth + barWidth + 70, top = 4
        let height = top + bars.count * rowHeight + 4
        var out = ChartBuffer(capacity: 512 + bars.count * 260)
        out.open(id: id, cssClass: "portal-chart", width: width, height: height)
        out.titleAndDescription(id: id, title: Strings.text("portal.progressChart", language),
                                description: bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ") + ".")
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth - 6)\" y=\"\(y + 17)\" text-anchor=\"end\">")
            out.escaped(ChartWording.shortened(bar.label, limit: 24)); out.raw("</text>")
            out.raw("<rect class=\"portal-track\" x=\"\(labelWidth)\" y=\"\(y + 5)\" width=\"\(barWidth)\" height=\"\(rowHeight - 10)\"/>")
            if let share = bar.share {
                let w = Int((min(1, max(0, share)) * Double(barWidth)).rounded())
                if w > 0 { out.raw("<rect class=\"portal-bar\" x=\"\(labelWidth)\" y=\"\(y + 5)\" width=\"\(w)\" height=\"\(rowHeight - 10)\"/>") }
            }
            out.raw("<text class=\"chart-text\" x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 17)\">")
            out.escaped(bar.share == nil ? say("–", "–") : bar.valueText); out.raw("</text>")
        }
        out.raw("</svg>")
        return out.text
    }

    static func roadmapSVG(id: String, years: [(year: Int, running: Int)], language: Language) -> String {
        let columnWidth = 34, chartHeight = 110, top = 18, bottom = 22
        let width = max(200, years.count * columnWidth + 10)
        let height = top + chartHeight + bottom
        let highest = max(1, years.map(\.running).max() ?? 1)
        var out = ChartBuffer(capacity: 512 + years.count * 260)
        out.open(id: id, cssClass: "portal-chart", width: width, height: height)
        out.titleAndDescription(id: id, title: Strings.text("portal.roadmapChart", language),
                                description: years.map { "\($0.year): \($0.running)" }.joined(separator: "; ") + ".")
        for (index, entry) in years.enumerated() {
            let x = 5 + index * columnWidth
            let h = entry.running == 0 ? 0 : max(2, Int(Double(entry.running) / Double(highest) * Double(chartHeight)))
            if h > 0 {
                out.raw("<rect class=\"portal-bar\" x=\"\(x + 4)\" y=\"\(top + chartHeight - h)\" width=\"\(columnWidth - 8)\" height=\"\(h)\"/>")
            }
            out.raw("<text class=\"chart-text\" x=\"\(x + columnWidth / 2)\" y=\"\(top + chartHeight - h - 4)\" text-anchor=\"middle\">\(entry.running)</text>")
            out.raw("<text class=\"chart-text\" x=\"\(x + columnWidth / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">’\(String(entry.year).suffix(2))</text>")
        }
        out.raw("</svg>")
        return out.text
    }
}
