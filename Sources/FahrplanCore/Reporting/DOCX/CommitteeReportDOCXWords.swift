import Foundation

/// The words of the committee report's summary and its strategy versions in the DOCX (German, English).
extension ReportWords {
    private func say(_ de: String, _ en: String) -> String { english ? en : de }

    /// "1.547 in Umsetzung: 731 grün · 598 gelb · 218 rot · 0 ohne Statusbericht"
    func lightCounts(_ counts: CommitteeReport.LightCounts) -> String {
        var text = "\(counts.total) \(say("in Umsetzung", "in progress")): \(counts.green) \(light(.green)) · "
            + "\(counts.yellow) \(light(.yellow)) · \(counts.red) \(light(.red))"
        if counts.noReport > 0 { text += " · \(counts.noReport) \(say("ohne Statusbericht", "without a status report"))" }
        return text
    }

    var attentionIntro: String {
        say("Mit Handlungsbedarf (Ampel rot oder im Zeitraum verschlechtert):",
            "Needing attention (light red, or worse than at the start of the period):")
    }
    var moreInProgress: String {
        say("weitere Projekte in Umsetzung ohne Handlungsbedarf (vollständige Liste: Bericht mit allen Projekten).",
            "further projects in progress needing no attention (full list: the report with all projects).")
    }
    var moreObstacles: String {
        say("weitere Hindernisse bei Projekten ohne Handlungsbedarf (vollständige Liste: Bericht mit allen Projekten).",
            "further obstacles of projects needing no attention (full list: the report with all projects).")
    }
    var versions: String { say("Im Zeitraum beschlossene Strategieversionen", "Strategy versions adopted in the period") }
    var noVersions: String { say("Keine Strategieversion in diesem Zeitraum beschlossen.", "No strategy version adopted in this period.") }
    var adoptedOn: String { say("beschlossen am", "adopted on") }
    var adoptedBy: String { say("von", "by") }
}
