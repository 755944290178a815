import Foundation

/// What the DOCX says about itself: whose report, which title, the day it was made, the language.
public struct ReportDocumentInfo: Sendable, Equatable {
    public var municipality: String
    /// nil: the standard title (Bericht an den Digitalisierungsausschuss).
    public var title: String?
    public var createdOn: CalendarDay
    public var english: Bool

    public init(municipality: String, title: String? = nil, createdOn: CalendarDay, english: Bool = false) {
        self.municipality = municipality; self.title = title; self.createdOn = createdOn; self.english = english
    }
}

/// The committee report as a Word document (DOCX, Office Open XML) for the council's document system:
/// A4 portrait, headings by field of action, tables of implemented / in-progress / planned projects with the
/// lights as words and colour, KPI and budget tables, decisions and obstacles as bullet lists, page numbers
/// ("Seite 3 von 12") in the footer, title and date in the document properties.
public enum CommitteeReportDOCX {
    /// A4 in twentieths of a point, margins 2.5 cm; the text is 9,072 twips wide.
    static let pageWidth = 11_906, pageHeight = 16_838, margin = 1_417
    static let textWidth = pageWidth - 2 * margin
    static let bulletList = 1

    /// How much of the projects in progress the document lists: the committee's summary (per field the counts by
    /// light and, in the table, the projects needing attention: `ProjectRow.needsAttention`; obstacles of those
    /// and red ones) or everything (`full`, the appendix for the files: 300 pages for 2,000 projects).
    public enum Detail: Sendable { case summary, full }

    /// The document's bytes (a ZIP of XML parts, `OfficePackage`).
    public static func data(_ report: CommitteeReport, info: ReportDocumentInfo, detail: Detail = .full) throws -> Data {
        try OfficePackage.zip(parts(report, info: info, detail: detail), modified: info.createdOn)
    }

    /// The parts by path inside the package, in the order they are written.
    static func parts(_ report: CommitteeReport, info: ReportDocumentInfo, detail: Detail = .full) -> [(path: String, xml: String)] {
        let w = ReportWords(english: info.english)
        let title = info.title.map { PlainText.clean($0, multiline: false) }.flatMap { $0.isEmpty ? nil : $0 } ?? w.reportTitle
        return OfficePackage.wordParts(document: document(report, info: info, title: title, detail: detail), title: title,
                                       createdOn: info.createdOn, english: info.english,
                                       footer: (w.page, w.of))
    }

    static func document(_ report: CommitteeReport, info: ReportDocumentInfo, title: String, detail: Detail = .full) -> String {
        let w = ReportWords(english: info.english)
        let en = info.english
        var body = OOXML.paragraph(title, style: "Title")
        body += OOXML.paragraph(info.municipality, style: "Subtitle")
        body += OOXML.paragraph(w.period + ": " + report.period.start.formatted(english: en) + " – "
                                + report.period.end.formatted(english: en))
        body += OOXML.paragraph(w.asOf + ": " + info.createdOn.formatted(english: en))

        body += OOXML.paragraph(w.overview, style: "Heading1", keepNext: true)
        body += OOXML.paragraph("\(w.implemented): \(report.implementedCount) · \(w.inProgress): \(report.inProgressCount) · "
                                + "\(w.planned): \(report.plannedCount)")
        if let progress = report.rollup.strategy.progress {
            body += OOXML.paragraph(w.strategyProgress + ": " + KPIRollup.percent(progress, english: en))
        }

        body += OOXML.paragraph(w.projects, style: "Heading1", keepNext: true)
        for section in report.sections {
            body += OOXML.paragraph(section.field?.name ?? w.noField, style: "Heading2", keepNext: true)
            body += OOXML.paragraph(w.implemented, style: "Heading3", keepNext: true)
            body += section.implemented.isEmpty ? OOXML.paragraph(w.none) : implementedTable(section.implemented, w)
            body += OOXML.paragraph(w.inProgress, style: "Heading3", keepNext: true)
            if section.inProgress.isEmpty {
                body += OOXML.paragraph(w.none)
            } else {
                let counts = section.lights
                body += OOXML.paragraph(w.lightCounts(counts))
                let rows = detail == .full ? section.inProgress : section.attention
                if detail == .summary && !rows.isEmpty { body += OOXML.paragraph(w.attentionIntro, keepNext: true) }
                if !rows.isEmpty { body += inProgressTable(rows, w) }
                if rows.count < section.inProgress.count {
                    body += OOXML.paragraph("\(section.inProgress.count - rows.count) \(w.moreInProgress)")
                }
            }
            body += OOXML.paragraph(w.planned, style: "Heading3", keepNext: true)
            body += section.planned.isEmpty ? OOXML.paragraph(w.none) : plannedTable(section.planned, w)
        }

        body += OOXML.paragraph(w.kpis, style: "Heading1", keepNext: true)
        body += report.kpis.isEmpty ? OOXML.paragraph(w.none) : kpiTable(report, w)
        body += OOXML.paragraph(w.budget, style: "Heading1", keepNext: true)
        body += budgetTable(report.budget, w)
        body += OOXML.paragraph(w.decisions, style: "Heading1", keepNext: true)
        if report.decisions.isEmpty { body += OOXML.paragraph(w.none) }
        for row in report.decisions {
            var text = row.decision.decidedOn.formatted(english: en) + " – " + row.decision.summary
            if let code = row.projectCode { text += " (" + code + (row.projectTitle.map { " " + $0 } ?? "") + ")" }
            text += " – " + w.decidedBy + " " + row.decision.decidedBy
            body += OOXML.paragraph(text, style: "ListParagraph", bullet: bulletList)
        }
        body += OOXML.paragraph(w.obstacles, style: "Heading1", keepNext: true)
        if report.obstacles.isEmpty { body += OOXML.paragraph(w.none) }
        var attention = Set<UUID>()
        if detail == .summary { for section in report.sections { for row in section.inProgress where row.needsAttention { attention.insert(row.id) } } }
        var hidden = 0
        for row in report.obstacles {
            guard detail == .full || row.light == .red || attention.contains(row.projectID) else { hidden += 1; continue }
            body += OOXML.paragraph("\(row.projectCode) \(row.projectTitle) (\(row.reportedOn.formatted(english: en)), "
                                    + "\(w.light(row.light))): \(row.text)", style: "ListParagraph", bullet: bulletList)
        }
        if hidden > 0 { body += OOXML.paragraph("\(hidden) \(w.moreObstacles)") }

        body += OOXML.paragraph(w.versions, style: "Heading1", keepNext: true)
        if report.versions.isEmpty { body += OOXML.paragraph(w.noVersions) }
        for version in report.versions {
            var text = "\(version.number). \(version.name) – \(w.adoptedOn) \(version.adoptedOn.formatted(english: en))"
            if let by = version.adoptedBy { text += " " + w.adoptedBy + " " + by }
            if let note = version.note { text += "\n" + note }
            body += OOXML.paragraph(text, style: "ListParagraph", bullet: bulletList)
        }

        let sectPr = #"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>"#
            + #"<w:pgSz w:w="\#(pageWidth)" w:h="\#(pageHeight)" w:orient="portrait"/>"#
            + #"<w:pgMar w:top="\#(margin)" w:right="\#(margin)" w:bottom="\#(margin)" w:left="\#(margin)" w:header="708" w:footer="708" w:gutter="0"/>"#
            + #"<w:pgNumType w:start="1"/></w:sectPr>"#
        return OOXML.declaration + "<w:document \(OOXML.wordNamespaces)><w:body>" + body + sectPr + "</w:body></w:document>"
    }

    static func implementedTable(_ rows: [CommitteeReport.ProjectRow], _ w: ReportWords) -> String {
        OOXML.table(header: [w.code, w.project, w.completedOn, w.milestonesReached],
                    rows: rows.map { row in
                        [OOXML.Cell(row.code), OOXML.Cell(projectText(row, w)),
                         OOXML.Cell(row.completedOn?.formatted(english: w.english) ?? "–"),
                         OOXML.Cell(row.milestonesReached.map(\.title).joined(separator: "\n"))]
                    },
                    widths: [1_200, 3_472, 1_600, 2_800])
    }

    static func inProgressTable(_ rows: [CommitteeReport.ProjectRow], _ w: ReportWords) -> String {
        OOXML.table(header: [w.code, w.project, w.complete, w.schedule, w.budgetLight, w.scope, w.notes],
                    rows: rows.map { row in
                        var cells = [OOXML.Cell(row.code), OOXML.Cell(projectText(row, w)),
                                     OOXML.Cell(row.report.map { w.percent($0.percentComplete) } ?? "–")]
                        var notes: [String] = []
                        if let report = row.report {
                            for dimension in StatusDimension.allCases {
                                let light = report.light(dimension)
                                cells.append(OOXML.Cell(w.light(light.light), fill: fill(light.light)))
                                if let reason = light.reason { notes.append(w.dimension(dimension) + ": " + reason) }
                            }
                            notes.append(w.reportedOn + " " + report.reportedOn.formatted(english: w.english))
                        } else {
                            cells += [OOXML.Cell("–"), OOXML.Cell("–"), OOXML.Cell("–")]
                            notes.append(w.noReport)
                        }
                        if let next = row.nextMilestone {
                            notes.append(w.nextMilestone + ": " + next.title + " (" + next.dueOn.formatted(english: w.english) + ")")
                        }
                        cells.append(OOXML.Cell(notes.joined(separator: "\n")))
                        return cells
                    },
                    widths: [1_000, 2_300, 1_000, 850, 850, 850, 2_222])
    }

    static func plannedTable(_ rows: [CommitteeReport.ProjectRow], _ w: ReportWords) -> String {
        OOXML.table(header: [w.code, w.project, w.status, w.plannedStart, w.plannedEnd],
                    rows: rows.map { row in
                        [OOXML.Cell(row.code), OOXML.Cell(projectText(row, w)),
                         OOXML.Cell(w.english ? row.status.englishLabel : row.status.germanLabel),
                         OOXML.Cell(row.plannedStartOn?.formatted(english: w.english) ?? "–"),
                         OOXML.Cell(row.plannedEndOn?.formatted(english: w.english) ?? "–")]
                    },
                    widths: [1_200, 4_272, 1_400, 1_100, 1_100])
    }

    static func kpiTable(_ report: CommitteeReport, _ w: ReportWords) -> String {
        let en = w.english
        return OOXML.table(header: [w.kpi, w.baseline, w.target, w.latest, w.achieved, w.change],
                           rows: report.kpis.map { row in
                               let unit = row.unit.isEmpty ? "" : " " + row.unit
                               let latest = row.progress.map {
                                   KPIRollup.number($0.latest.value, english: en) + unit + " (" + $0.latest.measuredOn.formatted(english: en) + ")"
                               } ?? "–"
                               let change = row.changePoints.map { (($0 > 0) ? "+" : "") + KPIRollup.number($0, english: en) + " " + w.points } ?? "–"
                               return [OOXML.Cell(row.name + (row.goalName.map { "\n" + $0 } ?? "")),
                                       OOXML.Cell(KPIRollup.number(row.baseline, english: en) + unit),
                                       OOXML.Cell(KPIRollup.number(row.target, english: en) + unit + " (" + row.targetOn.formatted(english: en) + ")"),
                                       OOXML.Cell(latest),
                                       OOXML.Cell(row.progress.map { KPIRollup.percent($0.clamped, english: en) } ?? "–"),
                                       OOXML.Cell(change)]
                           },
                           widths: [2_672, 1_200, 1_700, 1_700, 900, 900])
    }

    static func budgetTable(_ budget: CommitteeReport.Budget, _ w: ReportWords) -> String {
        func cells(_ b: CommitteeReport.Budget.FieldBudget, name: String, bold: Bool) -> [OOXML.Cell] {
            [OOXML.Cell(name, bold: bold), OOXML.Cell(String(b.projects), bold: bold),
             OOXML.Cell(w.money(b.plannedCents), bold: bold),
             OOXML.Cell(w.money(b.spentCents) + " (\(b.projectsWithSpent))", bold: bold),
             OOXML.Cell(b.spentPercentOfKnown.map { w.percent($0) } ?? "–", bold: bold)]
        }
        let rows = budget.fields.map { cells($0, name: $0.field?.name ?? w.noField, bold: false) }
            + [cells(budget.totals, name: w.total, bold: true)]
        return OOXML.table(header: [w.field, w.projectCount, w.plannedAmount, w.spent, w.spentShare], rows: rows,
                           widths: [2_872, 1_100, 1_800, 2_000, 1_300])
    }

    static func projectText(_ row: CommitteeReport.ProjectRow, _ w: ReportWords) -> String {
        row.otherFields.isEmpty ? row.title : row.title + "\n" + w.alsoIn + " " + row.otherFields.joined(separator: ", ")
    }

    static func fill(_ light: TrafficLight) -> String {
        switch light {
        case .green: return "C6EFCE"
        case .yellow: return "FFEB9C"
        case .red: return "FFC7CE"
        }
    }
}
