import FahrplanCore

/// The roadmap (Gantt chart) as inline SVG: a row per scheduled project under its field of action, a column per
/// period, a bar from start to end. Marked bars differ by fill pattern or outline and carry a letter in their own
/// column (colour alone never tells); today's period is a shaded column with a dashed edge and the word "heute".
/// Colours come from CSS classes in fahrplan.css (the CSP forbids inline styles). The image has a title and a
/// description that say the plan in words; `table` gives every row as an HTML table for the page to show too.
enum RoadmapGanttChart {
    static let labelWidth = 300
    static let marksWidth = 44
    static let headerHeight = 38
    static let rowHeight = 22
    static let groupHeight = 26
    static let legendHeight = 52
    /// Characters of a title shown beside its bar; the full title is the row's tooltip and is in the table.
    static let titleLimit = 38

    static func periodWidth(_ periods: Int) -> Int { max(56, min(120, 640 / max(1, periods))) }

    static func svg(_ input: GanttInput, language: Language) -> String {
        let say = ChartWording(language: language)
        let periods = input.periods.count
        let pw = periodWidth(periods)
        let chartLeft = labelWidth + marksWidth
        let width = chartLeft + periods * pw + 8
        let bodyHeight = input.groups.count * groupHeight + max(1, input.rowCount) * rowHeight
        let height = headerHeight + bodyHeight + legendHeight
        var out = ChartBuffer(capacity: 4_096 + input.rowCount * 420)
        out.open(id: input.id, cssClass: "roadmap-chart", width: width, height: height)
        out.titleAndDescription(id: input.id, title: title(input, say), description: description(input, say))
        out.patterns(id: input.id)

        // Period columns and their labels; today's column shaded with a dashed left edge.
        for index in 0..<periods {
            let x = chartLeft + index * pw
            let isToday = index == input.currentPeriod
            out.raw("<rect class=\""); out.raw(isToday ? "gantt-today" : (index % 2 == 0 ? "gantt-column" : "gantt-column-alt"))
            out.raw("\" x=\""); out.number(x); out.raw("\" y=\""); out.number(headerHeight); out.raw("\" width=\""); out.number(pw)
            out.raw("\" height=\""); out.number(bodyHeight); out.raw("\"/>")
            out.raw("<text class=\"chart-axis"); out.raw(isToday ? " chart-strong" : ""); out.raw("\" x=\""); out.number(x + pw / 2)
            out.raw("\" y=\"16\" text-anchor=\"middle\">"); out.escaped(input.periods[index]); out.raw("</text>")
            if isToday {
                out.raw("<text class=\"chart-axis chart-strong\" x=\""); out.number(x + pw / 2)
                out.raw("\" y=\"32\" text-anchor=\"middle\">"); out.escaped(say("▼ heute", "▼ today")); out.raw("</text>")
                out.raw("<line class=\"gantt-today-line\" x1=\""); out.number(x); out.raw("\" y1=\""); out.number(headerHeight)
                out.raw("\" x2=\""); out.number(x); out.raw("\" y2=\""); out.number(headerHeight + bodyHeight); out.raw("\"/>")
            }
        }

        var y = headerHeight
        if input.rowCount == 0 {
            out.raw("<text class=\"chart-text\" x=\"6\" y=\""); out.number(y + 15); out.raw("\">")
            out.escaped(say("Keine Projekte eingeplant.", "No projects scheduled.")); out.raw("</text>")
        }
        for group in input.groups {
            out.raw("<rect class=\"gantt-group\" x=\"0\" y=\""); out.number(y); out.raw("\" width=\""); out.number(width)
            out.raw("\" height=\""); out.number(groupHeight); out.raw("\"/>")
            out.raw("<text class=\"chart-text chart-strong\" x=\"6\" y=\""); out.number(y + 18); out.raw("\">")
            out.escaped(ChartWording.shortened(group.title, limit: 70)); out.raw(" ("); out.number(group.rows.count); out.raw(")</text>")
            y += groupHeight
            for row in group.rows {
                bar(row, y: y, chartLeft: chartLeft, pw: pw, input: input, say: say, into: &out)
                y += rowHeight
            }
        }
        legend(y: headerHeight + bodyHeight + 12, width: width, input: input, say: say, into: &out)
        out.raw("</svg>")
        return out.text
    }

    private static func bar(_ row: GanttInput.Row, y: Int, chartLeft: Int, pw: Int, input: GanttInput, say: ChartWording,
                            into out: inout ChartBuffer) {
        let periods = input.periods.count
        out.raw("<g class=\"gantt-row\"><title>"); out.escaped(row.code); out.raw(" "); out.escaped(row.title)
        out.raw(": "); out.escaped(span(row, input.periods, say)); out.raw("</title>")
        out.raw("<text class=\"chart-text\" x=\"6\" y=\""); out.number(y + 15); out.raw("\"><tspan class=\"chart-strong\">")
        out.escaped(row.code); out.raw("</tspan> "); out.escaped(ChartWording.shortened(row.title, limit: titleLimit)); out.raw("</text>")
        let letters = markLetters(row.marks, say)
        if !letters.isEmpty {
            out.raw("<text class=\"chart-text chart-strong\" x=\""); out.number(labelWidth + 4); out.raw("\" y=\""); out.number(y + 15)
            out.raw("\">"); out.escaped(letters); out.raw("</text>")
        }
        let start = min(max(0, row.start), periods)
        let end = min(periods, max(start, row.start + max(1, row.duration)))
        if end > start {
            out.raw("<rect class=\"gantt-bar"); out.raw(fillClass(row.marks)); out.raw(row.marks.contains(.manual) ? " gantt-manual" : "")
            out.raw("\""); fillPattern(row.marks, id: input.id, into: &out)
            out.raw(" x=\""); out.number(chartLeft + start * pw + 3); out.raw("\" y=\""); out.number(y + 4)
            out.raw("\" width=\""); out.number((end - start) * pw - 6); out.raw("\" height=\"14\" rx=\"2\"/>")
        }
        out.raw("</g>")
    }

    /// Mandatory bars are hatched, fixed ones cross-hatched, the rest solid; the pattern is an attribute because its
    /// id depends on the chart, so the CSS class of patterned bars sets no fill.
    private static func fillClass(_ marks: GanttInput.Marks) -> String {
        marks.contains(.mandatory) || marks.contains(.fixed) ? " gantt-patterned" : " gantt-plain"
    }

    private static func fillPattern(_ marks: GanttInput.Marks, id: String, into out: inout ChartBuffer) {
        if marks.contains(.mandatory) {
            out.raw(" fill=\"url(#"); out.escaped(id); out.raw("-hatch)\"")
        } else if marks.contains(.fixed) {
            out.raw(" fill=\"url(#"); out.escaped(id); out.raw("-cross)\"")
        }
    }

    /// The letters in the marks column: P(flicht)/M(andatory), F(est)/F(ixed), H(and) — explained by the legend.
    static func markLetters(_ marks: GanttInput.Marks, _ say: ChartWording) -> String {
        var letters: [String] = []
        if marks.contains(.mandatory) { letters.append(say("P", "M")) }
        if marks.contains(.fixed) { letters.append("F") }
        if marks.contains(.manual) { letters.append("H") }
        return letters.joined(separator: " ")
    }

    static func markNames(_ marks: GanttInput.Marks, _ say: ChartWording) -> [String] {
        var names: [String] = []
        if marks.contains(.mandatory) { names.append(say("Pflichtprojekt", "mandatory")) }
        if marks.contains(.fixed) { names.append(say("fester Beginn", "fixed start")) }
        if marks.contains(.manual) { names.append(say("von Hand geändert", "changed by hand")) }
        return names
    }

    private static func legend(y top: Int, width: Int, input: GanttInput, say: ChartWording, into out: inout ChartBuffer) {
        let items: [(kind: String, text: String)] = [
            ("plain", say("eingeplant", "scheduled")),
            ("hatch", say("P = Pflichtprojekt", "M = mandatory")),
            ("cross", say("F = fester Beginn", "F = fixed start")),
            ("manual", say("H = von Hand geändert", "H = changed by hand")),
            ("today", say("heute", "today")),
        ]
        var (x, y) = (6, top)
        for item in items {
            let itemWidth = 40 + item.text.count * 7 + 16
            if x > 6 && x + itemWidth > width { (x, y) = (6, y + 20) }
            switch item.kind {
            case "hatch", "cross":
                out.raw("<rect class=\"gantt-bar gantt-patterned\" fill=\"url(#"); out.escaped(input.id); out.raw("-\(item.kind))\"")
            case "manual": out.raw("<rect class=\"gantt-bar gantt-plain gantt-manual\"")
            case "today": out.raw("<rect class=\"gantt-today gantt-today-swatch\"")
            default: out.raw("<rect class=\"gantt-bar gantt-plain\"")
            }
            out.raw(" x=\""); out.number(x); out.raw("\" y=\""); out.number(y); out.raw("\" width=\"28\" height=\"14\" rx=\"2\"/>")
            out.raw("<text class=\"chart-text\" x=\""); out.number(x + 34); out.raw("\" y=\""); out.number(y + 12); out.raw("\">")
            out.escaped(item.text); out.raw("</text>")
            x += itemWidth
        }
    }

    /// "2027-H1 bis 2028-H2", "2027-H1", or "ab 2030-H1, über den Zeitraum hinaus".
    static func span(_ row: GanttInput.Row, _ periods: [String], _ say: ChartWording) -> String {
        guard !periods.isEmpty else { return "" }
        let first = min(max(0, row.start), periods.count - 1)
        let last = row.start + max(1, row.duration) - 1
        if last >= periods.count {
            return say("ab \(periods[first]), über \(periods[periods.count - 1]) hinaus", "from \(periods[first]), beyond \(periods[periods.count - 1])")
        }
        if last == first { return periods[first] }
        return say("\(periods[first]) bis \(periods[last])", "\(periods[first]) to \(periods[last])")
    }

    static func title(_ input: GanttInput, _ say: ChartWording) -> String {
        guard let first = input.periods.first, let last = input.periods.last else { return say("Fahrplan", "Roadmap") }
        return say("Fahrplan \(first) bis \(last)", "Roadmap \(first) to \(last)")
    }

    /// The plan in words: counts per field of action with their first and last period, the marked projects,
    /// what is left out and where today is. Individual projects are in the table, so a long plan stays readable.
    static func description(_ input: GanttInput, _ say: ChartWording) -> String {
        var sentences: [String] = []
        let count = input.rowCount
        let fields = input.groups.count
        sentences.append(say("\(count) \(count == 1 ? "Projekt" : "Projekte") eingeplant in \(fields) \(fields == 1 ? "Handlungsfeld" : "Handlungsfeldern").",
                             "\(count) \(count == 1 ? "project" : "projects") scheduled in \(fields) \(fields == 1 ? "field" : "fields") of action."))
        for group in input.groups where !group.rows.isEmpty {
            let starts = group.rows.map(\.start)
            let lastEnd = group.rows.map { $0.start + max(1, $0.duration) - 1 }.max() ?? 0
            let from = input.periods.indices.contains(starts.min() ?? 0) ? input.periods[starts.min() ?? 0] : "?"
            let to = input.periods[min(max(0, lastEnd), max(0, input.periods.count - 1))]
            let when = from == to ? say("in \(from)", "in \(from)") : say("von \(from) bis \(to)", "from \(from) to \(to)")
            sentences.append(say("\(group.title): \(group.rows.count) \(group.rows.count == 1 ? "Projekt" : "Projekte"), \(when).",
                                 "\(group.title): \(group.rows.count) \(group.rows.count == 1 ? "project" : "projects"), \(when)."))
        }
        let rows = input.groups.flatMap(\.rows)
        for (mark, german, english) in [(GanttInput.Marks.mandatory, "Pflichtprojekte", "Mandatory"),
                                        (.fixed, "Fester Beginn", "Fixed start"), (.manual, "Von Hand geändert", "Changed by hand")] {
            let codes = rows.filter { $0.marks.contains(mark) }.map(\.code)
            guard !codes.isEmpty else { continue }
            sentences.append(say(german, english) + ": " + named(codes, say) + ".")
        }
        if !input.leftOut.isEmpty {
            sentences.append(say("Nicht eingeplant: ", "Not scheduled: ") + named(input.leftOut.map(\.code), say) + ".")
        }
        if let today = input.currentPeriod, input.periods.indices.contains(today) {
            sentences.append(say("Heute liegt in \(input.periods[today]).", "Today lies in \(input.periods[today])."))
        }
        sentences.append(say("Die Tabelle zum Fahrplan nennt jedes Projekt mit Beginn und Ende.",
                             "The roadmap's table lists every project with its start and end."))
        return sentences.joined(separator: " ")
    }

    /// Up to ten codes by name, then how many more.
    static func named(_ codes: [String], _ say: ChartWording) -> String {
        guard codes.count > 10 else { return say.list(codes) }
        let more = codes.count - 10
        return codes.prefix(10).joined(separator: ", ") + say(" und \(more) weitere", " and \(more) more")
    }

    /// The same plan as a table (every project, its field, start, end and marks), for the page beside the chart.
    static func table(_ input: GanttInput, language: Language) -> String {
        let say = ChartWording(language: language)
        var out = ChartBuffer(capacity: 1_024 + (input.rowCount + input.leftOut.count) * 260)
        out.raw("<table class=\"chart-table\" id=\""); out.escaped(input.id); out.raw("-table\"><caption>")
        out.escaped(title(input, say)); out.raw("</caption><thead><tr><th scope=\"col\">"); out.escaped(say("Handlungsfeld", "Field of action"))
        out.raw("</th><th scope=\"col\">"); out.escaped(say("Projekt", "Project")); out.raw("</th><th scope=\"col\">")
        out.escaped(say("Zeitraum", "Period")); out.raw("</th><th scope=\"col\">"); out.escaped(say("Kennzeichen", "Marks"))
        out.raw("</th></tr></thead><tbody>")
        for group in input.groups {
            for row in group.rows {
                out.raw("<tr><td>"); out.escaped(group.title); out.raw("</td><th scope=\"row\">")
                projectCell(code: row.code, title: row.title, url: row.url, into: &out)
                out.raw("</th><td>"); out.escaped(span(row, input.periods, say)); out.raw("</td><td>")
                out.escaped(markNames(row.marks, say).joined(separator: ", ")); out.raw("</td></tr>")
            }
        }
        for project in input.leftOut {
            out.raw("<tr><td>–</td><th scope=\"row\">"); projectCell(code: project.code, title: project.title, url: nil, into: &out)
            out.raw("</th><td>"); out.escaped(say("nicht eingeplant", "not scheduled")); out.raw("</td><td></td></tr>")
        }
        out.raw("</tbody></table>")
        return out.text
    }

    private static func projectCell(code: String, title: String, url: String?, into out: inout ChartBuffer) {
        if let url { out.raw("<a href=\""); out.escaped(url); out.raw("\">") }
        out.raw("<span class=\"code\">"); out.escaped(code); out.raw("</span> "); out.escaped(title)
        if url != nil { out.raw("</a>") }
    }
}
