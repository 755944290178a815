import FahrplanCore
import Foundation

/// One Quick-Check round of the demo: when it ran (days before the day the demo is loaded; a negative
/// `closesDaysAgo` lies ahead), how many staff were asked, how many answered in which unit, and the profile the
/// answers are drawn from (mean rating per topic field on the 0–4 scale, before each person's own leaning).
struct DemoQuickCheckRound: Sendable {
    var title: String
    var opensDaysAgo: Int
    var closesDaysAgo: Int
    var invited: Int
    /// Responses per unit code, in the order the results list units; a unit under k = 5 shows the anonymity rule.
    var departmentCounts: [(code: String, count: Int)]
    /// Responses that left the unit (and the leadership) question open. At least k, so that "total minus the
    /// shown units" never reveals the small unit alone and no shown unit is withheld for difference protection.
    var withoutDepartment: Int
    /// Share of respondents with leadership responsibility (they rate a little higher, as in most surveys).
    var leadershipShare: Double
    var fieldMeans: [String: Double]
    var seed: UInt64

    var responseCount: Int { departmentCounts.reduce(withoutDepartment) { $0 + $1.count } }
}

/// A Potenzialcheck of the demo: a workshop's or the strategy team's joint ratings (scale values) with the
/// evidence they rest on.
struct DemoPotenzialcheck: Sendable {
    var title: String
    var daysAgo: Int
    var participants: String
    var note: String
    var createdBy: String
    var fieldMeans: [String: Double]
    /// Statements the group could not judge.
    var dontKnow: Set<String>
    var evidence: [String: String]
}

/// Musterstadt's maturity data (issue 17): the standard questionnaire copied, two all-staff Quick-Checks a year
/// apart (the second a little better, "Daten" and "Smart City" weakest, "Technik" best), an open round of the
/// trainees' Quick-Check with its public link, two Potenzialchecks and one first step that became a project idea.
/// Figures are invented; the profile follows what such surveys in German town halls typically show.
enum DemoMaturityContent {
    static let team = "digitalisierung@musterstadt.example"

    static let lastYear = DemoQuickCheckRound(
        title: "Quick-Check Digitalisierung 2025 – alle Beschäftigten",
        opensDaysAgo: 392, closesDaysAgo: 371, invited: 596,
        departmentCounts: [("10", 12), ("11", 6), ("20", 10), ("IT", 7), ("32", 9), ("33", 16), ("40", 6), ("50", 11),
                           ("51", 12), ("61", 5), ("62", 3), ("63", 8)],
        withoutDepartment: 7, leadershipShare: 0.13,
        fieldMeans: ["fuehrung-strategie": 2.0, "organisation-prozesse": 1.7, "personal-kompetenzen": 1.9,
                     "technik-infrastruktur": 2.6, "services": 1.8, "daten-sicherheit": 1.3,
                     "kommunikation-beteiligung": 1.9, "smart-city-region": 1.0],
        seed: 2025)

    static let thisYear = DemoQuickCheckRound(
        title: "Quick-Check Digitalisierung 2026 – alle Beschäftigten",
        opensDaysAgo: 31, closesDaysAgo: 10, invited: 612,
        departmentCounts: [("10", 14), ("11", 7), ("20", 12), ("IT", 8), ("32", 10), ("33", 19), ("40", 7), ("50", 13),
                           ("51", 14), ("61", 6), ("62", 4), ("63", 10), ("66", 6)],
        withoutDepartment: 8, leadershipShare: 0.12,
        fieldMeans: ["fuehrung-strategie": 2.3, "organisation-prozesse": 2.0, "personal-kompetenzen": 2.1,
                     "technik-infrastruktur": 2.8, "services": 2.2, "daten-sicherheit": 1.5,
                     "kommunikation-beteiligung": 2.1, "smart-city-region": 1.2],
        seed: 2026)

    /// Open now, reached through its public link; few answers yet, so most units are still withheld.
    static let trainees = DemoQuickCheckRound(
        title: "Quick-Check Auszubildende und Nachwuchskräfte 2026",
        opensDaysAgo: 5, closesDaysAgo: -16, invited: 46,
        departmentCounts: [("10", 4), ("20", 2), ("33", 3)],
        withoutDepartment: 2, leadershipShare: 0,
        fieldMeans: ["fuehrung-strategie": 2.1, "organisation-prozesse": 1.8, "personal-kompetenzen": 2.4,
                     "technik-infrastruktur": 2.5, "services": 2.0, "daten-sicherheit": 1.6,
                     "kommunikation-beteiligung": 2.0, "smart-city-region": 1.4],
        seed: 2027)

    /// How far single statements lie from their field's mean (what people commonly answer): the IT hotline and
    /// the staff council are rated well, rules on AI, open data and sensors poorly.
    static let statementOffsets: [String: Double] = [
        "fuehrung-strategie-2": 0.4, "fuehrung-strategie-4": -0.5, "fuehrung-strategie-6": 0.5,
        "organisation-prozesse-2": 0.3, "organisation-prozesse-3": 0.4, "organisation-prozesse-6": -0.6,
        "organisation-prozesse-7": -0.4,
        "personal-kompetenzen-2": -0.5, "personal-kompetenzen-5": 0.8, "personal-kompetenzen-7": -0.3,
        "technik-infrastruktur-1": 0.4, "technik-infrastruktur-2": 0.5, "technik-infrastruktur-4": -0.7,
        "technik-infrastruktur-6": -0.5, "technik-infrastruktur-7": 0.7,
        "services-1": 0.3, "services-2": -0.4, "services-3": -0.6, "services-6": 1.0, "services-7": -0.5,
        "daten-sicherheit-1": 0.9, "daten-sicherheit-3": 0.5, "daten-sicherheit-5": -0.3, "daten-sicherheit-6": -0.2,
        "daten-sicherheit-7": -0.8,
        "kommunikation-beteiligung-3": 0.6, "kommunikation-beteiligung-5": -0.6, "kommunikation-beteiligung-7": 0.5,
        "smart-city-region-2": -0.4, "smart-city-region-3": -0.3, "smart-city-region-5": 0.5, "smart-city-region-7": 0.6,
    ]

    /// Share of "weiß nicht" per field: staff can judge their workplace better than the city's sensors.
    static let dontKnowShare: [String: Double] = [
        "fuehrung-strategie": 0.07, "organisation-prozesse": 0.04, "personal-kompetenzen": 0.04,
        "technik-infrastruktur": 0.03, "services": 0.08, "daten-sicherheit": 0.11,
        "kommunikation-beteiligung": 0.06, "smart-city-region": 0.19,
    ]

    /// The free-text answers, by question key. Each is given at most once per round.
    static let freeTexts: [String: [String]] = [
        "hindernis": [
            "Zu wenig Zeit neben dem Tagesgeschäft, die Vorgänge stapeln sich ohnehin schon.",
            "Jedes Amt hat seine eigene Software, und die Programme sprechen nicht miteinander.",
            "Es fehlt an Personal in der IT. Tickets bleiben oft tagelang liegen.",
            "Viele Entscheidungen dauern zu lange, weil nicht klar ist, wer sie treffen darf.",
            "Die Schulungen kommen erst, wenn die neue Software schon eingeführt ist.",
            "Wir digitalisieren Papierabläufe eins zu eins, statt sie vorher zu vereinfachen.",
            "Unklare Regeln zum Datenschutz – im Zweifel wird dann lieber gar nichts gemacht.",
            "Das WLAN in der Außenstelle ist so langsam, dass Videokonferenzen nicht gehen.",
            "Man erfährt oft erst aus der Zeitung, welche Projekte geplant sind.",
            "Die Haushaltsmittel reichen nur für das Nötigste, Lizenzen sind teuer.",
        ],
        "wunsch": [
            "Ein zweiter Bildschirm und ein Headset für alle.",
            "Die E-Akte endlich auch in unserem Amt, damit die Suche nach Papierakten aufhört.",
            "Eine feste Ansprechperson für Fragen zu den Programmen in unserem Bereich.",
            "Kurze Schulungsvideos, die man sich ansehen kann, wenn man sie braucht.",
            "Mobiles Arbeiten mit Zugriff auf die Fachverfahren, nicht nur auf E-Mails.",
            "Dass Online-Anträge direkt im Fachverfahren ankommen und nicht abgetippt werden müssen.",
            "Eine gemeinsame Ablage statt E-Mails mit Anhängen hin und her.",
            "Digitale Unterschriften für Freigaben statt Umlaufmappe.",
        ],
        "idee": [
            "Urlaubsanträge und Dienstreisen digital beantragen und genehmigen.",
            "Terminbuchung auch für das Standesamt und die Gewerbeanmeldung.",
            "Ein Chat oder Rückrufservice auf der Website für einfache Fragen.",
            "Sitzungsunterlagen für den Rat nur noch digital verschicken.",
            "Sperrmüll- und Mängelmeldungen per App mit Foto und Standort.",
            "Eingangsrechnungen komplett ohne Papier prüfen und freigeben.",
        ],
    ]

    /// Share of respondents who answer each free-text question (until its texts run out).
    static let freeTextShare: [String: Double] = ["hindernis": 0.09, "wunsch": 0.07, "idee": 0.05]

    static let workshop = DemoPotenzialcheck(
        title: "Potenzialcheck-Workshop 2025 mit den Amtsleitungen",
        daysAgo: 380,
        participants: "Julia Sommerfeld, Tobias Engel (Stabsstelle Digitalisierung); Jörg Hellwig (Hauptamt); "
            + "Frank Oltmanns (Kämmerei); Patrick Lorenz (IT-Service); Markus Weißenborn (Bürgeramt); "
            + "Dr. Nadine Schäfer-Yılmaz (Jugendamt); Petra Jankowski (Personalrat)",
        note: "Halbtägiger Workshop im Ratssaal. Jede Aussage wurde gemeinsam bewertet; wo die Einschätzungen weit "
            + "auseinanderlagen, steht die Begründung bei der Aussage.",
        createdBy: "Julia Sommerfeld",
        fieldMeans: ["fuehrung-strategie": 1.7, "organisation-prozesse": 1.6, "personal-kompetenzen": 1.7,
                     "technik-infrastruktur": 2.3, "services": 1.6, "daten-sicherheit": 1.3,
                     "kommunikation-beteiligung": 1.6, "smart-city-region": 0.7],
        dontKnow: ["smart-city-region-6", "daten-sicherheit-2"],
        evidence: [
            "fuehrung-strategie-2": "Es gibt nur das IT-Konzept von 2019; eine Digitalstrategie ist vom Verwaltungsvorstand beauftragt.",
            "fuehrung-strategie-6": "Stabsstelle Digitalisierung seit Anfang des Jahres eingerichtet, zwei Stellen besetzt.",
            "organisation-prozesse-2": "E-Akte nur im Hauptamt und in der Kämmerei im Pilotbetrieb.",
            "organisation-prozesse-3": "XRechnung wird angenommen, aber ausgedruckt und auf Papier freigegeben.",
            "personal-kompetenzen-5": "Dienstvereinbarung IT-Rahmen mit dem Personalrat von 2021 gilt.",
            "technik-infrastruktur-4": "Keine Übersicht; Lizenzen und Verträge liegen verteilt in den Ämtern.",
            "technik-infrastruktur-7": "IT-Hotline zu den Kernzeiten, Tickets über E-Mail.",
            "services-1": "Nur Wunschkennzeichen und Bewohnerparken online; Meldebescheinigung auf Papier.",
            "daten-sicherheit-1": "Informationssicherheitsbeauftragter benannt, Sicherheitskonzept fehlt.",
            "daten-sicherheit-2": "Ob die Rücksicherung beim Rechenzentrum getestet wird, konnte niemand sagen.",
            "smart-city-region-2": "Keine offenen Daten veröffentlicht.",
            "smart-city-region-6": "Thema war im Workshop niemandem zuzuordnen.",
        ])

    static let strategyTeam = DemoPotenzialcheck(
        title: "Potenzialcheck 2026 des Strategieteams",
        daysAgo: 12,
        participants: "Julia Sommerfeld, Tobias Engel (Stabsstelle Digitalisierung); Patrick Lorenz (IT-Service); "
            + "Lena Marquardt (Organisation und Prozessmanagement); Petra Jankowski (Personalrat)",
        note: "Fortschreibung des Workshops vom Vorjahr, mit den Ergebnissen des Quick-Checks 2026 als Grundlage.",
        createdBy: "Julia Sommerfeld",
        fieldMeans: ["fuehrung-strategie": 2.5, "organisation-prozesse": 2.1, "personal-kompetenzen": 2.1,
                     "technik-infrastruktur": 2.8, "services": 2.1, "daten-sicherheit": 1.7,
                     "kommunikation-beteiligung": 2.3, "smart-city-region": 1.3],
        dontKnow: ["smart-city-region-6"],
        evidence: [
            "fuehrung-strategie-1": "Digitalisierung steht monatlich auf der Tagesordnung des Verwaltungsvorstands.",
            "fuehrung-strategie-2": "Digitalstrategie „Musterstadt 2030“ vom Rat beschlossen; Fortschreibung jährlich geplant.",
            "fuehrung-strategie-4": "Eigenes Digitalisierungsbudget im Haushalt 2026, Finanzplanung bis 2029 noch offen.",
            "fuehrung-strategie-5": "Priorisierung der Projektideen nach veröffentlichten Kriterien seit dem Projektaufruf 2026.",
            "organisation-prozesse-2": "E-Akte in Hauptamt, Kämmerei und Personalamt produktiv; Rollout in Dezernat II läuft.",
            "organisation-prozesse-3": "Eingangsrechnungen werden seit dem Frühjahr digital geprüft und freigegeben.",
            "organisation-prozesse-4": "Nur der Anwohnerparkausweis landet ohne Abtippen im Fachverfahren.",
            "organisation-prozesse-6": "Gremienvorlagen noch in der Umlaufmappe.",
            "personal-kompetenzen-1": "Fortbildungsprogramm Digitalkompetenz gestartet, rund ein Drittel der Beschäftigten erreicht.",
            "personal-kompetenzen-7": "Netzwerk der Digitallotsinnen und Digitallotsen mit 14 Personen aufgebaut.",
            "technik-infrastruktur-2": "VPN für alle Beschäftigten mit Telearbeit; Fachverfahren teilweise nur im Haus.",
            "technik-infrastruktur-3": "Schulen angebunden; Bauhof und zwei Kitas noch mit DSL.",
            "technik-infrastruktur-4": "Bestandsaufnahme der IT-Systeme in Fahrplan begonnen, etwa zehn Systeme erfasst.",
            "technik-infrastruktur-7": "Ticketsystem seit Mai, Reaktionszeit im Schnitt unter einem Arbeitstag.",
            "services-1": "Vier der zehn häufigsten Leistungen online, Meldebescheinigung seit dem Sommer.",
            "services-2": "BundID-Anbindung für die Onlinedienste des Formularservers umgesetzt.",
            "services-4": "Verwaltungsleistungen mit OZG-Reifegrad in der Bestandsaufnahme erfasst.",
            "daten-sicherheit-1": "Sicherheitskonzept nach IT-Grundschutz-Kompendium in Arbeit (Projekt P-0009).",
            "daten-sicherheit-2": "Wiederherstellung der E-Akte im Oktober getestet; Notfallhandbuch im Entwurf.",
            "daten-sicherheit-6": "Kennzahlen zu den strategischen Zielen werden quartalsweise erhoben.",
            "daten-sicherheit-7": "Keine Regeln für KI-Assistenten; Beschäftigte nutzen private Zugänge.",
            "kommunikation-beteiligung-1": "Monatlicher Newsletter „Digital im Rathaus“ im Intranet.",
            "kommunikation-beteiligung-3": "Halbjährlicher Bericht im Ausschuss für Digitalisierung.",
            "smart-city-region-2": "Open-Data-Portal ist beantragt (P-0029), noch keine Datensätze veröffentlicht.",
            "smart-city-region-3": "LoRaWAN-Pilot für Pegelsensoren vorbereitet.",
        ])

    /// The first step the strategy team turned into a project idea from the 2026 Quick-Check's results.
    static let firstStepStatement = "daten-sicherheit-7"
}
