extension Strings {
    /// Texts of the strategy team's monitoring dashboard and the monitoring entries of the main navigation.
    /// (`nav.kpis` is the KPI table's.)
    ///
    /// Who sees the dashboard: every member of the municipality. The role model has no separate "leadership"
    /// role — mayors, department heads and council members are readers (`MunicipalRole.reader`), and the seeds
    /// want running, late and planned projects reported to them. Only the late list of update cycles (who owes
    /// an update) stays with the strategy team, as on its own page (`canManageUpdateCycles`).
    static let monitoringDashboardTable: [String: (String, String)] = [
        "nav.monitoring": ("Monitoring", "Monitoring"),
        "nav.cycles": ("Aktualisierung", "Update cycles"),

        "dash.title": ("Monitoring-Übersicht", "Monitoring dashboard"),
        "dash.intro": ("Wie die Umsetzung der Strategie steht: Projekte nach Status und Handlungsfeld, rote Ampeln, überfällige Meilensteine, Projekte ohne aktuellen Statusbericht, Budget geplant und ausgegeben sowie die Kennzahlen. Alle Mitglieder der Kommune sehen diese Übersicht; wer mit Aktualisierungen im Verzug ist, sieht nur das Strategieteam.",
                       "How the strategy's implementation stands: projects by status and field of action, red lights, overdue milestones, projects without a current status report, budget planned and spent, and the KPIs. Every member of the municipality sees this dashboard; who is late with updates only the strategy team sees."),
        "dash.asOf": ("Stand", "As of"),
        "dash.summary": ("Auf einen Blick", "At a glance"),
        "dash.running": ("Projekte in Umsetzung", "Projects in implementation"),
        "dash.redCount": ("Projekte mit roter Ampel", "Projects with a red light"),
        "dash.lateCount": ("Überfällige Meilensteine", "Overdue milestones"),
        "dash.staleCount": ("Projekte ohne aktuellen Bericht", "Projects without a current report"),
        "dash.kpiCount": ("Kennzahlen (davon ohne aktuellen Messwert)", "KPIs (of which without a recent measurement)"),
        "dash.lateUpdatesCount": ("Aktualisierungen im Verzug", "Updates overdue"),
        "dash.shown": ("Gezeigt werden die dringendsten %1 von %2.", "Showing the most urgent %1 of %2."),

        "dash.statusTitle": ("Projekte nach Status und Handlungsfeld", "Projects by status and field of action"),
        "dash.statusIntro": ("Alle aktiven Projekte. Ein Projekt, das mehreren Handlungsfeldern dient, zählt in jeder dieser Zeilen.",
                             "Every active project. A project that serves several fields of action counts in each of those rows."),
        "dash.noProjects": ("Noch keine Projekte.", "No projects yet."),
        "dash.noField": ("Ohne Handlungsfeld", "No field of action"),
        "dash.field": ("Handlungsfeld", "Field of action"),
        "dash.total": ("Summe", "Total"),
        "dash.allProjects": ("Alle Projekte (jedes einmal)", "All projects (each once)"),
        "dash.allRunning": ("Alle Projekte in Umsetzung", "All projects in implementation"),

        "dash.redTitle": ("Rote Ampeln", "Red lights"),
        "dash.redIntro": ("Projekte, deren neuester Statusbericht mindestens eine Ampel auf Rot stellt, mit der Begründung.",
                          "Projects whose newest status report sets at least one light to red, with the reason."),
        "dash.noRed": ("Keine rote Ampel: Kein neuester Statusbericht meldet Rot.", "No red light: no newest status report says red."),
        "dash.reportedOn": ("Bericht vom", "Report of"),
        "dash.red": ("rot", "red"),
        "dash.noReason": ("ohne Begründung", "no reason given"),
        "dash.dimension.schedule": ("Termine", "Schedule"),
        "dash.dimension.budget": ("Budget", "Budget"),
        "dash.dimension.scope": ("Umfang", "Scope"),

        "dash.lateTitle": ("Überfällige Meilensteine", "Overdue milestones"),
        "dash.lateIntro": ("Meilensteine beschlossener und laufender Projekte, deren Termin verstrichen ist, ohne dass sie erledigt sind – die am längsten überfälligen zuerst.",
                           "Milestones of approved and running projects whose due date has passed without being done – the longest overdue first."),
        "dash.noLate": ("Kein Meilenstein ist überfällig.", "No milestone is overdue."),
        "dash.project": ("Projekt", "Project"),
        "dash.milestone": ("Meilenstein", "Milestone"),
        "dash.dueOn": ("Fällig am", "Due on"),
        "dash.daysLate": ("Tage überfällig", "Days overdue"),

        "dash.staleTitle": ("Projekte ohne aktuellen Statusbericht", "Projects without a current status report"),
        "dash.staleIntro": ("Projekte in Umsetzung, deren letzter Statusbericht älter als %1 Wochen ist oder die noch keinen haben – die ältesten zuerst.",
                            "Projects in implementation whose last status report is older than %1 weeks, or that have none yet – the oldest first."),
        "dash.noStale": ("Alle Projekte in Umsetzung haben einen aktuellen Statusbericht.", "Every project in implementation has a current status report."),
        "dash.settings": ("Wochen und Kalender-Abo einstellen", "Set the weeks and the calendar subscription"),
        "dash.lastReport": ("Letzter Bericht", "Last report"),
        "dash.neverReported": ("noch kein Bericht", "no report yet"),
        "dash.weeksAgo": ("vor %1 Wochen", "%1 weeks ago"),

        "dash.budgetTitle": ("Budget: geplant und ausgegeben", "Budget: planned and spent"),
        "dash.budgetIntro": ("Geplant sind die Kosten des Projektsteckbriefs über alle Jahre (einmalig und laufend), ausgegeben der Stand des neuesten Statusberichts, der ihn nennt.",
                             "Planned is the project profile's cost over all years (one-off and running); spent is the figure of the newest status report that states one."),
        "dash.budgetTotals": ("Projekte in Umsetzung zusammen: geplant %1, ausgegeben %2 (gemeldet von %3 von %4 Projekten).",
                              "Projects in implementation together: planned %1, spent %2 (reported by %3 of %4 projects)."),
        "dash.noBudget": ("Kein Projekt in Umsetzung – noch nichts zu vergleichen.", "No project in implementation – nothing to compare yet."),
        "dash.budgetShown": ("Die Grafik und die Tabelle zeigen die %1 Projekte mit dem höchsten Anteil ausgegeben, dann die mit dem höchsten geplanten Budget.",
                             "The chart and the table show the %1 projects with the highest share spent, then those with the largest planned budget."),
        "dash.planned": ("Geplant", "Planned"),
        "dash.spent": ("Ausgegeben", "Spent"),
        "dash.spentShare": ("Anteil", "Share"),
        "dash.notReported": ("nicht gemeldet", "not reported"),

        "dash.kpiTitle": ("Kennzahlen", "KPIs"),
        "dash.noKPIs": ("Noch keine Kennzahlen. Kennzahlen werden bei den strategischen Zielen angelegt.", "No KPIs yet. KPIs are defined for the strategic goals."),
        "dash.kpiFigures": ("%1 Kennzahlen, %2 mit Messwerten, %3 auf Kurs, %4 ohne aktuellen Messwert.", "%1 KPIs, %2 with measurements, %3 on track, %4 without a recent measurement."),
        "dash.strategyProgress": ("Fortschritt der Strategie", "Progress of the strategy"),
        "dash.staleKPIs": ("Kennzahlen ohne aktuellen Messwert", "KPIs without a recent measurement"),
        "dash.allKPIs": ("Alle Kennzahlen", "All KPIs"),
        "dash.rollup": ("Zusammenfassung Ziel → Handlungsfeld → Strategie", "Roll-up goal → field of action → strategy"),

        "dash.updatesTitle": ("Aktualisierungen im Verzug", "Updates overdue"),
        "dash.updatesIntro": ("Wer Statusberichte oder Messwerte nach den Aktualisierungszyklen schuldet und die Frist verpasst hat.",
                              "Who owes status reports or measurements under the update cycles and has missed the deadline."),
        "dash.noCycles": ("Noch keine Aktualisierungszyklen festgelegt.", "No update cycles set yet."),
        "dash.nobodyLate": ("Niemand ist im Verzug.", "Nobody is late."),
        "dash.owner": ("Verantwortlich", "Owner"),
        "dash.lateItems": ("Im Verzug", "Overdue"),
        "dash.longest": ("Längster Verzug (Tage)", "Longest overdue (days)"),
        "dash.lateList": ("Vollständige Liste: Wer ist im Verzug", "Full list: who is late"),
        "dash.cycles": ("Aktualisierungszyklen festlegen", "Set update cycles"),
    ]
}
