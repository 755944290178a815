/// Musterstadt's prioritization: the 2026 round (closed, with an official ranking, an override and decisions),
/// an event scenario, and the 2027 round in which the raters are still at work. Scores follow the profiles
/// (an online service helps citizens, a project that saves many hours relieves staff, a legal obligation is
/// urgent) with each rater's own judgment on top, so the ranking is credible and a few scores are disputed.
public struct DemoRound: Sendable {
    public enum Stage: Sendable { case rating, closed }
    public var title: String
    public var description: String
    public var stage: Stage
    /// Projects in scope: those with these statuses in the demo portfolio.
    public var statuses: [ProjectStatus]
    public var raterEmails: [String]
    /// Raters who have handed in their scores; the others have rated `partialShare` of the projects.
    public var submittedEmails: [String]
    public var partialShare: Double
    public var topN: Int
}

public struct DemoScenario: Sendable {
    public var name: String
    public var description: String
    public var weights: [String: Double]
    public var urgentProjectCodes: [String]
}

public struct DemoDecision: Sendable {
    public var projectCode: String
    public var start: Bool
    public var decidedBy: String
    public var rationale: String
}

extension DemoMunicipality {
    public static let musterstadtRounds: [DemoRound] = [
        DemoRound(title: "Priorisierung 2026",
                  description: "Bewertung der Vorhaben aus der Abfrage 2025 für den Haushalt 2026 – Grundlage des Beschlusses im Verwaltungsvorstand.",
                  stage: .closed, statuses: [.prioritized, .approved, .inProgress],
                  raterEmails: ["digitalisierung@musterstadt.example", "bewertung@musterstadt.example", "personalrat@musterstadt.example"],
                  submittedEmails: ["digitalisierung@musterstadt.example", "bewertung@musterstadt.example", "personalrat@musterstadt.example"],
                  partialShare: 1, topN: 8),
        DemoRound(title: "Priorisierung 2027",
                  description: "Bewertung der eingereichten Vorhaben aus der Abfrage 2026 für den Doppelhaushalt 2027/28.",
                  stage: .rating, statuses: [.submitted, .inReview],
                  raterEmails: ["bewertung@musterstadt.example", "personalrat@musterstadt.example", "strategie@musterstadt.example"],
                  submittedEmails: ["bewertung@musterstadt.example"], partialShare: 0.5, topN: 5),
    ]

    public static let musterstadtScenario = DemoScenario(
        name: "Pandemie",
        description: "Eine neue Pandemiewelle schließt Bürgerbüros zeitweise: Online-Zugänge und mobiles Arbeiten werden dringend, Bürgernutzen zählt mehr.",
        weights: ["citizenBenefit": 30, "urgency": 20],
        urgentProjectCodes: ["P-0011", "P-0013"])

    public static let musterstadtDecisions: [DemoDecision] = [
        DemoDecision(projectCode: "P-0013", start: true, decidedBy: "Verwaltungsvorstand",
                     rationale: "Rang 2 der Priorisierung 2026; Haushaltsmittel im Entwurf 2026 veranschlagt, Personal im Fachdienst gesichert."),
        DemoDecision(projectCode: "P-0031", start: false, decidedBy: "Verwaltungsvorstand",
                     rationale: "Abhängig von der Landeslösung, die erst 2027 bereitsteht; eigene Entwicklung wäre doppelte Arbeit."),
    ]

    /// Pairwise comparisons in the 2027 round (not adopted: the round still uses points): the strategy team
    /// judges close to the default weights, the staff council gives relief for staff more weight.
    public static let musterstadtComparisons: [(email: String, emphasis: [String: Double])] = [
        ("strategie@musterstadt.example", [:]),
        ("personalrat@musterstadt.example", ["staffRelief": 2.5, "risk": 1.5]),
    ]

    /// A participant's judgment of criterion `a` against `b`: the ratio of the default weights (with the
    /// participant's emphasis), rounded to Saaty's scale — so the matrices are nearly, not perfectly, consistent.
    public static func demoJudgment(_ a: String, _ b: String, emphasis: [String: Double]) -> Double {
        let weights = DefaultCriteriaCatalog.defaultWeights()
        let wa = (weights[a] ?? 10) * (emphasis[a] ?? 1), wb = (weights[b] ?? 10) * (emphasis[b] ?? 1)
        return AHP.nearestSaatyValue(wa / wb)
    }

    /// The override recorded on the 2026 ranking: a project moved by hand, with the reason.
    public static let musterstadtOverride = (projectCode: "P-0015", decidedRank: 3, decidedBy: "Verwaltungsvorstand",
                                             rationale: "Fördermittel des Landes laufen Ende 2026 aus; ohne Start im ersten Halbjahr verfällt die Zusage.")

    /// A rater's score of a project on a `rating` criterion, with a short justification.
    public static func demoScore(_ project: DemoProject, criterion key: String, raterIndex: Int) -> (score: Int, justification: String) {
        let base = demoBaseLevel(project, key)
        // Each rater leans a little differently; the strategy team's view is the base.
        let seed = (project.code.unicodeScalars.reduce(0) { $0 &* 31 &+ Int($1.value) } &+ key.count &* 7 &+ raterIndex &* 13) & 0xFFFF
        var score = base + [0, 0, 1, -1, 0][seed % 5] * (raterIndex == 0 ? 0 : 1)
        // One clear disagreement to discuss: the staff council sees the risk of P-0014 very differently.
        if project.code == "P-0014" && key == "risk" && raterIndex == 2 { score = 4 }
        score = min(4, max(0, score))
        return (score, demoJustification(key, score))
    }

    static func demoBaseLevel(_ project: DemoProject, _ key: String) -> Int {
        let forCitizens = project.beneficiaries.contains(.citizens) || project.beneficiaries.contains(.businesses)
        let hours = project.hoursSavedPerYear ?? 0
        let variety = project.code.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 3
        switch key {
        case "citizenBenefit":
            if project.kind == .onlineService { return 3 + (variety == 0 ? 1 : 0) }
            return forCitizens ? 2 + (variety == 2 ? 1 : 0) : 1
        case "staffRelief":
            return hours >= 4_000 ? 4 : hours >= 1_500 ? 3 : hours >= 500 ? 2 : hours > 0 ? 1 : 0
        case "strategicFit":
            return project.strategyCodes.count >= 2 ? 4 : project.kind == .infrastructure ? 3 : 2 + (variety == 1 ? 1 : 0)
        case "urgency":
            if project.legalObligation { return project.legalDeadline != nil ? 4 : 3 }
            return 1 + variety
        case "feasibility":
            return project.kind == .training || project.kind == .processOptimization ? 3 : 2 + (variety == 0 ? 1 : 0)
        case "risk":
            return project.kind == .softwareReplacement || project.kind == .infrastructure ? 3 : 1 + (variety == 2 ? 1 : 0)
        default:
            return 2
        }
    }

    static func demoJustification(_ key: String, _ score: Int) -> String {
        let texts: [String: [String]] = [
            "citizenBenefit": ["Kein direkter Kontakt zu Bürgerinnen und Bürgern.", "Nutzen nur mittelbar über schnellere Bearbeitung.",
                               "Spürbar für eine Gruppe von Antragstellenden.", "Viele Anliegen im Jahr, der Weg ins Amt entfällt.",
                               "Sehr häufige Leistung, rund um die Uhr online – großer Gewinn."],
            "staffRelief": ["Keine Entlastung, eher Mehraufwand in der Einführung.", "Kleine Entlastung einzelner Arbeitsschritte.",
                            "Entlastet ein Team merklich (Erfassung, Rückfragen).", "Entfall von Medienbrüchen in mehreren Fachdiensten.",
                            "Große Entlastung, Stellen werden für andere Aufgaben frei."],
            "strategicFit": ["Kaum Bezug zu den Zielen der Strategie.", "Berührt ein Ziel am Rande.", "Trägt zu einem Ziel bei.",
                             "Trägt deutlich zu einem Handlungsfeld bei.", "Schlüsselvorhaben für mehrere Ziele."],
            "urgency": ["Kann ohne Nachteil warten.", "Wünschenswert in den nächsten Jahren.", "Sollte im Planungszeitraum kommen.",
                        "Frist oder Druck von außen im nächsten Jahr.", "Gesetzliche Frist oder akuter Engpass."],
            "feasibility": ["Lösung und Personal fehlen noch.", "Grobe Idee, viele offene Fragen.", "Lösung am Markt, Team noch zu bilden.",
                            "Lösung erprobt, Verantwortliche benannt.", "Sofort umsetzbar, Nachnutzung aus anderer Kommune."],
            "risk": ["Kaum Risiken.", "Überschaubare Risiken, gut beherrschbar.", "Abhängigkeit von einem Anbieter oder Schnittstellen.",
                     "Hohe Abhängigkeit von Altverfahren und Datenmigration.", "Erhebliche Risiken für Betrieb und Datenschutz."],
        ]
        return texts[key]?[min(4, max(0, score))] ?? ""
    }
}
