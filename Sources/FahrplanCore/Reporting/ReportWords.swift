import Foundation

/// The committee report's fixed words in German and English, for the documents the core writes (DOCX). The web
/// pages take theirs from the string catalogs.
struct ReportWords {
    var english: Bool
    private func t(_ de: String, _ en: String) -> String { english ? en : de }

    var reportTitle: String { t("Bericht an den Digitalisierungsausschuss", "Report to the digitalisation committee") }
    var period: String { t("Berichtszeitraum", "Reporting period") }
    var asOf: String { t("Stand", "As of") }
    var overview: String { t("Überblick", "Overview") }
    var strategyProgress: String { t("Zielerreichung der Strategie", "Progress of the strategy") }
    var projects: String { t("Projekte nach Handlungsfeld", "Projects by field of action") }
    var noField: String { t("Ohne Handlungsfeld", "No field of action") }
    var implemented: String { t("Umgesetzt", "Implemented") }
    var inProgress: String { t("In Umsetzung", "In progress") }
    var planned: String { t("Geplant", "Planned next") }
    var plannedAmount: String { t("Geplant", "Planned") }
    var none: String { t("Keine.", "None.") }
    var code: String { t("Nr.", "No.") }
    var project: String { t("Projekt", "Project") }
    var completedOn: String { t("Abgeschlossen am", "Completed on") }
    var milestonesReached: String { t("Erreichte Meilensteine", "Milestones reached") }
    var complete: String { t("Fortschritt", "Complete") }
    var schedule: String { t("Termine", "Schedule") }
    var budgetLight: String { t("Budget", "Budget") }
    var scope: String { t("Umfang", "Scope") }
    var notes: String { t("Hinweise", "Notes") }
    var reportedOn: String { t("Statusbericht vom", "Status report of") }
    var noReport: String { t("Noch kein Statusbericht", "No status report yet") }
    var nextMilestone: String { t("Nächster Meilenstein", "Next milestone") }
    var status: String { t("Status", "Status") }
    var plannedStart: String { t("Beginn", "Start") }
    var plannedEnd: String { t("Ende", "End") }
    var kpis: String { t("Kennzahlen", "Key performance indicators") }
    var kpi: String { t("Kennzahl (Ziel)", "KPI (goal)") }
    var baseline: String { t("Ausgangswert", "Baseline") }
    var target: String { t("Zielwert (bis)", "Target (by)") }
    var latest: String { t("Aktuell", "Latest") }
    var achieved: String { t("Zielerreichung", "Progress") }
    var change: String { t("Veränderung im Zeitraum", "Change in period") }
    var points: String { t("Pkt.", "pts") }
    var budget: String { t("Budget", "Budget") }
    var field: String { t("Handlungsfeld", "Field of action") }
    var projectCount: String { t("Projekte", "Projects") }
    var spent: String { t("Ausgegeben (Projekte mit Angabe)", "Spent (projects reporting it)") }
    var spentShare: String { t("Anteil", "Share") }
    var total: String { t("Gesamt", "Total") }
    var decisions: String { t("Entscheidungen", "Decisions") }
    var decidedBy: String { t("entschieden von", "decided by") }
    var obstacles: String { t("Hindernisse", "Obstacles") }
    var alsoIn: String { t("auch in:", "also in:") }
    var page: String { t("Seite", "Page") }
    var of: String { t("von", "of") }

    func light(_ light: TrafficLight) -> String {
        switch light {
        case .green: return t("grün", "green")
        case .yellow: return t("gelb", "yellow")
        case .red: return t("rot", "red")
        }
    }

    func dimension(_ dimension: StatusDimension) -> String {
        switch dimension {
        case .schedule: return schedule
        case .budget: return budgetLight
        case .scope: return scope
        }
    }

    /// `47 %` in German, `47%` in English.
    func percent(_ value: Int) -> String { english ? "\(value)%" : "\(value) %" }

    /// Whole euros: `1.234.567 €` in German, `€1,234,567` in English (the report rounds to euros).
    func money(_ cents: Int64) -> String {
        let euros = (Double(cents) / 100).rounded()
        let negative = euros < 0
        var digits = String(Int64(abs(euros)))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        let number = (negative ? "−" : "") + groups.joined(separator: english ? "," : ".")
        return english ? "€" + number : number + " €"
    }
}
