import FahrplanCore
import Foundation

/// The committee report's long parts — projects by field of action, the KPI table, the obstacles — are written
/// into an `HTMLBuffer` (the profile that led to it: `HTMLBuffer`'s note).
typealias CommitteeReportHTML = HTMLBuffer

extension HTMLBuffer {
    mutating func badge(_ light: TrafficLight, _ label: String) {
        raw("<span class=\"badge light light-"); raw(light.rawValue); raw("\">"); escaped(label); raw("</span>")
    }
}

extension CommitteeReportPageBuilder {
    /// Whether the page lists every project in progress (`?detail=full`) or the committee's summary.
    enum Detail: String { case summary, full }

    func light(_ light: TrafficLight) -> String { req.t("report.light.\(light.rawValue)") }

    /// The sections "projects by field of action". Summary: per field the implemented projects, the projects in
    /// progress counted by light with those needing attention (`ProjectRow.needsAttention`) in a table, a link to
    /// the full listing for the rest, and the planned ones. Full: every project in progress in the table.
    func sectionsHTML(_ report: CommitteeReport, detail: Detail, fullURL: String?) -> String {
        var out = CommitteeReportHTML(capacity: 8_192 + report.inProgressCount * (detail == .full ? 900 : 60))
        for (index, section) in report.sections.enumerated() {
            let anchor = "field-\(index + 1)", title = section.field?.name ?? req.t("report.noField")
            out.raw("<section class=\"report-field\" aria-labelledby=\"\(anchor)\">\n<h3 id=\"\(anchor)\">"); out.escaped(title); out.raw("</h3>\n")
            if section.isEmpty { out.raw("<p class=\"muted\">"); out.escaped(req.t("report.none")); out.raw("</p>\n") }
            if !section.implemented.isEmpty {
                out.raw("<h4>"); out.escaped(req.t("report.implemented")); out.raw("</h4>\n<ul class=\"report-projects\">\n")
                for row in section.implemented {
                    out.raw("<li>"); out.link(projectURL(row.id), "\(row.code) \(row.title)")
                    if let done = day(row.completedOn) { out.raw(" – "); out.escaped(req.t("report.completedOn") + " " + done) }
                    alsoIn(row, &out, lineBreak: false)
                    if !row.milestonesReached.isEmpty {
                        out.raw("<br><span class=\"small\">"); out.escaped(req.t("report.milestonesReached") + ": " + reached(row)); out.raw("</span>")
                    }
                    out.raw("</li>\n")
                }
                out.raw("</ul>\n")
            }
            if !section.inProgress.isEmpty { inProgress(section, title: title, anchor: anchor, detail: detail, fullURL: fullURL, &out) }
            if !section.planned.isEmpty {
                out.raw("<h4>"); out.escaped(req.t("report.planned")); out.raw("</h4>\n<ul class=\"report-projects\">\n")
                for row in section.planned {
                    out.raw("<li>"); out.link(projectURL(row.id), "\(row.code) \(row.title)")
                    out.raw(" – "); out.escaped(PortfolioDisplay.status(row.status, language))
                    if let start = day(row.plannedStartOn) { out.raw(" · "); out.escaped(req.t("report.plannedStart") + " " + start) }
                    if let end = day(row.plannedEndOn) { out.raw(" · "); out.escaped(req.t("report.plannedEnd") + " " + end) }
                    alsoIn(row, &out, lineBreak: false)
                    out.raw("</li>\n")
                }
                out.raw("</ul>\n")
            }
            out.raw("</section>\n")
        }
        return out.text
    }

    private func reached(_ row: CommitteeReport.ProjectRow) -> String {
        row.milestonesReached.map { "\($0.title) (\(day($0.doneOn)!))" }.joined(separator: "; ")
    }

    private func alsoIn(_ row: CommitteeReport.ProjectRow, _ out: inout CommitteeReportHTML, lineBreak: Bool) {
        guard !row.otherFields.isEmpty else { return }
        out.raw(lineBreak ? "<br><span class=\"muted small\">" : " <span class=\"muted\">(")
        out.escaped(req.t("report.alsoIn") + " " + row.otherFields.joined(separator: ", "))
        out.raw(lineBreak ? "</span>" : ")</span>")
    }

    /// "1,547 in progress: 731 green · 598 yellow · 218 red · 0 without a status report", the table, the rest.
    private func inProgress(_ section: CommitteeReport.FieldSection, title: String, anchor: String, detail: Detail, fullURL: String?,
                            _ out: inout CommitteeReportHTML) {
        let counts = section.lights
        out.raw("<h4>"); out.escaped(req.t("report.inProgress")); out.raw("</h4>\n<p class=\"report-lights\">")
        out.escaped("\(counts.total) \(req.t("report.countInProgress")): ")
        var parts: [(TrafficLight?, Int)] = [(.green, counts.green), (.yellow, counts.yellow), (.red, counts.red)]
        if counts.noReport > 0 { parts.append((nil, counts.noReport)) }
        for (index, part) in parts.enumerated() {
            if index > 0 { out.raw(" · ") }
            if let light = part.0 { out.badge(light, "\(part.1) \(self.light(light))") } else { out.escaped("\(part.1) \(req.t("report.withoutReport"))") }
        }
        out.raw("</p>\n")
        let rows = detail == .full ? section.inProgress : section.attention
        if !rows.isEmpty {
            let caption = detail == .full ? req.t("report.inProgress") + " – " + title : req.t("report.attention") + " – " + title
            if detail == .summary { out.raw("<p class=\"hint\">"); out.escaped(req.t("report.attentionIntro")); out.raw("</p>\n") }
            out.raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\""); out.escaped(caption)
            out.raw("\">\n<table class=\"data report-progress\">\n<caption class=\"visually-hidden\">"); out.escaped(caption)
            out.raw("</caption>\n<thead><tr><th scope=\"col\">"); out.escaped(req.t("report.project"))
            out.raw("</th><th scope=\"col\">"); out.escaped(req.t("report.status"))
            out.raw("</th><th scope=\"col\">"); out.escaped(req.t("report.lights"))
            out.raw("</th><th scope=\"col\" class=\"number\">"); out.escaped(req.t("report.percent"))
            out.raw("</th><th scope=\"col\">"); out.escaped(req.t("report.milestones")); out.raw("</th></tr></thead>\n<tbody>")
            for row in rows { progressRow(row, &out) }
            out.raw("</tbody>\n</table>\n</div>\n")
        }
        let rest = section.inProgress.count - rows.count
        if rest > 0 {
            out.raw("<p class=\"report-more\">"); out.escaped("\(rest) \(req.t("report.moreInProgress"))")
            if let fullURL { out.raw(" – "); out.link(fullURL + "#" + anchor, req.t("report.showAll")) }
            out.raw("</p>\n")
        }
    }

    private func progressRow(_ row: CommitteeReport.ProjectRow, _ out: inout CommitteeReportHTML) {
        out.raw("<tr><th scope=\"row\">"); out.link(projectURL(row.id), "\(row.code) \(row.title)"); alsoIn(row, &out, lineBreak: true)
        out.raw("</th>\n<td>"); out.escaped(PortfolioDisplay.status(row.status, language))
        if let overall = row.overall { out.raw("<br>"); out.badge(overall, light(overall)) }
        if let before = row.overallAtStart, let overall = row.overall, before != overall {
            out.raw(" <span class=\"muted small\">("); out.escaped(req.t("report.before") + " " + light(before)); out.raw(")</span>")
        }
        if let reported = day(row.report?.reportedOn) {
            out.raw("<br><span class=\"muted small\">"); out.escaped(req.t("report.reportedOn") + " " + reported); out.raw("</span>")
        } else {
            out.raw("<br><span class=\"muted small\">"); out.escaped(req.t("report.noReport")); out.raw("</span>")
        }
        out.raw("</td>\n<td>")
        if let report = row.report {
            out.raw("<ul class=\"plain\">")
            for dimension in StatusDimension.allCases {
                let light = report.light(dimension)
                out.raw("<li>"); out.escaped(req.t("report.dimension.\(dimension.rawValue)")); out.raw(": ")
                out.badge(light.light, self.light(light.light))
                if let reason = light.reason { out.raw(" – "); out.escaped(reason) }
                out.raw("</li>")
            }
            out.raw("</ul>")
        } else {
            out.raw("–")
        }
        out.raw("</td>\n<td class=\"number\">")
        if let report = row.report { out.escaped(english ? "\(report.percentComplete)%" : "\(report.percentComplete) %") } else { out.raw("–") }
        out.raw("</td>\n<td>")
        if !row.milestonesReached.isEmpty { out.escaped(req.t("report.milestonesReached") + ": " + reached(row)); out.raw("<br>") }
        if let next = row.nextMilestone { out.escaped(req.t("report.nextMilestone") + ": \(next.title) (\(day(next.dueOn)!))") }
        out.raw("</td></tr>\n")
    }

    /// The KPI table's rows.
    func kpiRowsHTML(_ rows: [CommitteeReportPage.KPIRow]) -> String {
        var out = CommitteeReportHTML(capacity: rows.count * 400)
        for row in rows {
            out.raw("<tr><th scope=\"row\">"); out.link(row.url, row.name); out.raw("</th><td>"); out.escaped(row.goal)
            for cell in [row.baseline, row.target, row.latest, row.progress, row.change] {
                out.raw("</td><td class=\"number\">"); out.escaped(cell)
            }
            out.raw("</td><td>"); out.escaped(row.onTrack); out.raw("</td></tr>\n")
        }
        return out.text
    }

    /// The obstacles' list items. Summary: those of projects needing attention and those reported with a red
    /// light; the rest are counted (`hidden`).
    func obstaclesHTML(_ report: CommitteeReport, detail: Detail) -> (html: String, shown: Int, hidden: Int) {
        var attention = Set<UUID>()
        if detail == .summary { for section in report.sections { for row in section.inProgress where row.needsAttention { attention.insert(row.id) } } }
        var out = CommitteeReportHTML(capacity: 1_024 + report.obstacles.count * 200)
        var shown = 0
        for row in report.obstacles where detail == .full || row.light == .red || attention.contains(row.projectID) {
            shown += 1
            out.raw("<li>"); out.link(projectURL(row.projectID), "\(row.projectCode) \(row.projectTitle)"); out.raw(" ")
            out.badge(row.light, light(row.light))
            out.raw(" <span class=\"muted small\">"); out.escaped(req.t("report.reportedOn") + " " + day(row.reportedOn)!)
            out.raw("</span><br><span class=\"pre-line\">"); out.escaped(row.text); out.raw("</span></li>\n")
        }
        return (out.text, shown, report.obstacles.count - shown)
    }
}
