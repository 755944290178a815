import Foundation

/// Fahrplan's default criteria for prioritizing municipal digitalization projects, written by us in German with
/// English twins. Every criterion uses a 0–4 scale whose levels carry concrete anchors, so that two raters who
/// read the same profile arrive at the same level. Keys are stable: AHP files, the API and scenarios use them.
/// A municipality copies the catalog and adapts it; the texts here are the starting point, not a standard.
public enum DefaultCriteriaCatalog {
    /// The keys in catalog order.
    public static var keys: [String] { entries.map(\.key) }

    public static func criteria(english: Bool) -> [Criterion] {
        entries.map { entry in
            let text = english ? entry.english : entry.german
            return Criterion(key: entry.key, name: text.name, description: text.description,
                             levels: text.levels.enumerated().map { ScaleLevel(value: $0.offset, label: $0.element.label, description: $0.element.anchor) },
                             direction: entry.direction, source: entry.source)
        }
    }

    /// Direct weights as points (they sum to 100 but need not; the ranking normalizes). Benefit for people comes
    /// first, then relief for staff and the strategy; legal deadlines need little weight because the tier rule
    /// puts them first anyway; risk and basic components correct rather than drive the order.
    public static func defaultWeights() -> [String: Double] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.points) })
    }

    struct Level: Sendable {
        var label: String
        var anchor: String
        init(_ label: String, _ anchor: String) { self.label = label; self.anchor = anchor }
    }

    struct Text: Sendable {
        var name: String
        var description: String
        var levels: [Level]  // values 0, 1, 2, 3, 4
    }

    struct Entry: Sendable {
        var key: String
        var direction: CriterionDirection = .higherIsBetter
        var source: CriterionSource = .rating
        var points: Double
        var german: Text
        var english: Text
    }

    static let entries: [Entry] = [legal, citizenBenefit, staffRelief, strategicFit, urgency, feasibility, risk, costBenefit, basicComponent]

    static let legal = Entry(
        key: "legal", source: .legalObligation, points: 10,
        german: Text(name: "Rechtliche Verpflichtung",
                     description: "Ob ein Gesetz, eine Verordnung oder eine verbindliche Vorgabe das Vorhaben verlangt – und bis wann. Wird aus dem Projektsteckbrief abgeleitet (Rechtspflicht und Frist); eine Pflicht mit Frist steht in der Rangfolge ohnehin vorn.",
                     levels: [
                        Level("Keine Pflicht", "Kein Gesetz und keine verbindliche Vorgabe verlangt das Vorhaben; die Kommune entscheidet frei."),
                        Level("Mittelbare Bindung", "Keine Rechtspflicht, aber eine Bindung: Ratsbeschluss, Förderauflage oder Erwartung von Land oder Aufsicht. Aus dem Steckbrief nicht ableitbar – nur bei manueller Bewertung."),
                        Level("Pflicht ohne Frist", "Eine Rechtsnorm verpflichtet die Kommune (z. B. Onlinezugangsgesetz, E-Government-Gesetz des Landes, Barrierefreiheit), nennt aber keinen festen Termin."),
                        Level("Pflicht mit späterer Frist", "Rechtspflicht mit festem Termin, der mehr als zwei Jahre entfernt ist."),
                        Level("Pflicht mit naher Frist", "Rechtspflicht mit einem Termin in den nächsten zwei Jahren oder schon verstrichen; ohne Umsetzung drohen Beanstandung durch die Aufsicht, Rechtsverstöße oder der Verlust von Mitteln."),
                     ]),
        english: Text(name: "Legal obligation",
                      description: "Whether a law, a regulation or a binding requirement demands the project – and by when. Derived from the project profile (legal obligation and deadline); an obligation with a deadline comes first in the ranking anyway.",
                      levels: [
                        Level("No obligation", "No law and no binding requirement demands the project; the municipality decides freely."),
                        Level("Indirect commitment", "No legal duty, but a commitment: a council resolution, a funding condition or an expectation of the state or the supervisory authority. Not in the profile – only when rated by hand."),
                        Level("Obligation without deadline", "A legal norm obliges the municipality (e.g. the Online Access Act, the state's e-government act, accessibility law) but sets no fixed date."),
                        Level("Obligation with later deadline", "A legal duty with a fixed date more than two years away."),
                        Level("Obligation with near deadline", "A legal duty with a date within the next two years or already passed; without the project the supervisory authority may object, the law is broken or funds are lost."),
                      ]))

    static let citizenBenefit = Entry(
        key: "citizenBenefit", points: 20,
        german: Text(name: "Bürgernutzen",
                     description: "Wie sehr das Vorhaben Bürgerinnen, Bürgern und Unternehmen das Leben erleichtert: weniger Wege und Wartezeit, verständliche Verfahren, Erreichbarkeit rund um die Uhr, Barrierefreiheit.",
                     levels: [
                        Level("Kein spürbarer Nutzen", "Außerhalb der Verwaltung merkt niemand etwas davon; das Vorhaben wirkt nur intern oder der Nutzen ist nicht erkennbar."),
                        Level("Geringer Nutzen", "Wenige Menschen profitieren gelegentlich, etwa durch bessere Informationen oder ein Formular zum Herunterladen; der Gang zum Amt bleibt nötig."),
                        Level("Spürbarer Nutzen für eine Gruppe", "Eine klar umrissene Gruppe (z. B. Eltern mit Kita-Bedarf, Bauherren, Vereine) erledigt ein Anliegen leichter oder schneller, teilweise ohne Behördengang."),
                        Level("Deutlicher Nutzen für viele", "Viele Menschen oder Unternehmen sparen regelmäßig Wege oder Wartezeit; ein häufig genutztes Anliegen lässt sich vollständig online erledigen."),
                        Level("Großer Nutzen für sehr viele", "Sehr viele Bürgerinnen und Bürger oder Unternehmen sparen Wege und Zeit, auch Menschen mit Einschränkungen kommen besser zurecht; das Anliegen ist von Antrag bis Bescheid digital und rund um die Uhr möglich."),
                     ]),
        english: Text(name: "Benefit for citizens",
                      description: "How much the project makes life easier for citizens and businesses: fewer trips and less waiting, understandable procedures, available around the clock, accessible.",
                      levels: [
                        Level("No noticeable benefit", "Nobody outside the administration notices anything; the project only works internally or its benefit cannot be seen."),
                        Level("Small benefit", "A few people benefit now and then, e.g. from better information or a form to download; they still have to go to the office."),
                        Level("Noticeable benefit for one group", "A well-defined group (e.g. parents needing a daycare place, builders, clubs) gets a matter done more easily or faster, partly without a visit to the office."),
                        Level("Clear benefit for many", "Many people or businesses regularly save trips or waiting time; a frequent matter can be done entirely online."),
                        Level("Great benefit for very many", "Very many citizens or businesses save trips and time, people with disabilities manage better; the matter is digital from application to decision and possible around the clock."),
                      ]))

    static let staffRelief = Entry(
        key: "staffRelief", points: 15,
        german: Text(name: "Entlastung der Beschäftigten",
                     description: "Wie stark das Vorhaben Routinearbeit, Doppelerfassung, Rückfragen und Papier in der Verwaltung verringert – bei Fachkräftemangel ein eigener Wert. Richtgröße: eine Vollzeitstelle sind rund 1.600 Arbeitsstunden im Jahr.",
                     levels: [
                        Level("Keine Entlastung", "Der Aufwand bleibt gleich oder steigt dauerhaft, etwa weil ein weiteres System gepflegt werden muss."),
                        Level("Geringe Entlastung", "Kleine Erleichterungen für wenige Beschäftigte, z. B. schnelleres Finden von Unterlagen; zusammen höchstens einige Stunden im Monat."),
                        Level("Spürbare Entlastung in einem Team", "Ein Team spart regelmäßig Zeit, etwa weil Anträge vollständig und maschinenlesbar eingehen; einige Stunden pro Woche."),
                        Level("Deutliche Entlastung", "Mehrere Teams oder ein ganzes Amt sparen Zeit, Medienbrüche und Doppelerfassung entfallen; etwa eine halbe bis eine Vollzeitstelle."),
                        Level("Große Entlastung", "Über mehrere Ämter hinweg entfallen Routinetätigkeiten (Automatisierung, Once-Only, vollautomatische Bescheide); mehr als eine Vollzeitstelle wird für andere Aufgaben frei."),
                     ]),
        english: Text(name: "Relief for staff",
                      description: "How much the project reduces routine work, double entry, queries and paper in the administration – a value of its own when skilled staff are scarce. As a guide: a full-time post is about 1,600 working hours a year.",
                      levels: [
                        Level("No relief", "The workload stays the same or grows for good, e.g. because one more system must be maintained."),
                        Level("Little relief", "Small improvements for a few employees, e.g. finding documents faster; at most a few hours a month in all."),
                        Level("Noticeable relief in one team", "One team regularly saves time, e.g. because applications arrive complete and machine-readable; a few hours a week."),
                        Level("Clear relief", "Several teams or a whole office save time, media breaks and double entry disappear; about half to one full-time post."),
                        Level("Great relief", "Routine work disappears across several offices (automation, once-only, fully automated decisions); more than one full-time post is freed for other tasks."),
                      ]))

    static let strategicFit = Entry(
        key: "strategicFit", points: 15,
        german: Text(name: "Beitrag zur Strategie",
                     description: "Wie direkt das Vorhaben die Ziele und Handlungsfelder der Digitalstrategie der Kommune voranbringt.",
                     levels: [
                        Level("Kein Bezug", "Das Vorhaben lässt sich keinem Ziel und keinem Handlungsfeld der Strategie zuordnen."),
                        Level("Mittelbarer Bezug", "Das Vorhaben berührt ein Handlungsfeld am Rande; ein Beitrag zu einem Ziel ist nur auf Umwegen zu begründen."),
                        Level("Beitrag zu einem Ziel", "Das Vorhaben trägt nachvollziehbar zu einem Ziel der Strategie bei, das Ziel hängt aber nicht davon ab."),
                        Level("Wichtiger Beitrag", "Das Vorhaben ist eine der Maßnahmen, mit denen ein Ziel erreicht werden soll, oder es unterstützt mehrere Ziele."),
                        Level("Schlüsselprojekt", "Ohne das Vorhaben wird ein zentrales Ziel der Strategie verfehlt; die Strategie nennt es ausdrücklich oder es trägt wesentlich zu mehreren Handlungsfeldern bei."),
                     ]),
        english: Text(name: "Contribution to the strategy",
                      description: "How directly the project advances the goals and fields of action of the municipality's digital strategy.",
                      levels: [
                        Level("No link", "The project cannot be assigned to any goal or field of action of the strategy."),
                        Level("Indirect link", "The project touches a field of action at the edge; a contribution to a goal can only be argued in a roundabout way."),
                        Level("Contributes to a goal", "The project clearly contributes to one goal of the strategy, but the goal does not depend on it."),
                        Level("Important contribution", "The project is one of the measures by which a goal is to be reached, or it supports several goals."),
                        Level("Key project", "Without the project a central goal of the strategy is missed; the strategy names it explicitly or it contributes substantially to several fields of action."),
                      ]))

    static let urgency = Entry(
        key: "urgency", points: 10,
        german: Text(name: "Dringlichkeit",
                     description: "Was geschieht, wenn das Vorhaben ein Jahr später beginnt – ohne gesetzliche Fristen, die die rechtliche Verpflichtung erfasst.",
                     levels: [
                        Level("Kein Zeitdruck", "Ein späterer Beginn hat keine Nachteile; ein Jahr zu warten kostet nichts."),
                        Level("Bald wünschenswert", "Ein früher Start wäre gut, eine Verschiebung kostet aber nur Komfort."),
                        Level("Zeitfenster", "Ein Zeitfenster kann sich schließen (Förderaufruf, Vertragsende, geplantes Ereignis) oder ein Missstand wächst langsam."),
                        Level("Dringend", "Innerhalb eines Jahres enden Wartung oder Vertrag eines Altverfahrens, Fördermittel verfallen, oder Rückstände und Beschwerden nehmen deutlich zu."),
                        Level("Sehr dringend", "Der Betrieb ist gefährdet: Ein Altverfahren fällt weg oder ist nicht mehr sicher, eine Leistung kann schon heute nicht mehr zuverlässig erbracht werden; ohne sofortiges Handeln entsteht Schaden."),
                     ]),
        english: Text(name: "Urgency",
                      description: "What happens if the project starts a year later – apart from legal deadlines, which the legal obligation covers.",
                      levels: [
                        Level("No time pressure", "A later start does no harm; waiting a year costs nothing."),
                        Level("Desirable soon", "An early start would be good, but a delay only costs convenience."),
                        Level("Window of opportunity", "A window may close (a funding call, the end of a contract, a planned event) or a problem slowly grows."),
                        Level("Urgent", "Within a year the maintenance or the contract of a legacy system ends, funding expires, or backlogs and complaints grow clearly."),
                        Level("Very urgent", "Operations are at risk: a legacy system goes away or is no longer secure, a service can already no longer be delivered reliably; damage follows without immediate action."),
                      ]))

    static let feasibility = Entry(
        key: "feasibility", points: 10,
        german: Text(name: "Umsetzungsreife",
                     description: "Wie gut das Vorhaben vorbereitet ist: Ziel und Umfang, verfügbare Lösung, Personal, Finanzierung, Beteiligung von Datenschutz und Personalrat.",
                     levels: [
                        Level("Nur eine Idee", "Ziel und Umfang sind offen; es gibt weder eine Lösung noch Verantwortliche oder Mittel."),
                        Level("Erste Skizze", "Das Ziel ist beschrieben; Lösung, Aufwand und Zuständigkeit sind noch weitgehend unklar."),
                        Level("Konzept liegt vor", "Anforderungen und mögliche Lösungen sind bekannt, Verantwortliche benannt; Finanzierung oder Personal sind noch nicht gesichert."),
                        Level("Startklar mit Vorbehalt", "Eine Lösung ist ausgewählt (z. B. Nachnutzung, Rahmenvertrag), Personal und Mittel sind weitgehend gesichert; einzelne Klärungen (Datenschutz, Personalrat) stehen aus."),
                        Level("Sofort umsetzbar", "Die Lösung ist verfügbar und erprobt (z. B. eine Einer-für-Alle-Leistung oder ein bewährtes Produkt), die Mittel stehen im Haushalt, das Projektteam ist benannt, alle Beteiligten sind eingebunden."),
                     ]),
        english: Text(name: "Feasibility",
                      description: "How well the project is prepared: goal and scope, an available solution, staff, funding, involvement of data protection and the staff council.",
                      levels: [
                        Level("Just an idea", "Goal and scope are open; there is no solution, nobody responsible and no money."),
                        Level("First sketch", "The goal is described; solution, effort and responsibility are still largely unclear."),
                        Level("Concept ready", "Requirements and possible solutions are known, people in charge are named; funding or staff are not yet secured."),
                        Level("Ready with reservations", "A solution is chosen (e.g. reuse, a framework contract), staff and money are largely secured; single questions (data protection, staff council) are open."),
                        Level("Ready to start", "The solution is available and proven (e.g. a one-for-all service or a proven product), the money is in the budget, the project team is named, everyone concerned is involved."),
                      ]))

    static let risk = Entry(
        key: "risk", direction: .lowerIsBetter, points: 5,
        german: Text(name: "Risiko",
                     description: "Wie wahrscheinlich und wie schwer Probleme bei der Umsetzung wären: Technik, Abhängigkeit von Anbietern, Datenschutz und IT-Sicherheit, Akzeptanz, Termine. Niedriger ist besser.",
                     levels: [
                        Level("Sehr gering", "Erprobte Lösung, kleiner Umfang, keine sensiblen Daten, keine kritischen Abhängigkeiten."),
                        Level("Gering", "Bekannte Technik und Anbieter, überschaubare Schnittstellen; die Risiken sind benannt und beherrschbar."),
                        Level("Mittel", "Einige Unsicherheiten: neue Schnittstellen, personenbezogene Daten, viele Beteiligte oder ein enger Zeitplan."),
                        Level("Hoch", "Wesentliche Unsicherheiten: neue Technik oder neuer Anbieter, besonders schützenswerte Daten (z. B. Gesundheit, Sozialleistungen), Ablösung eines Kernverfahrens oder geringe Akzeptanz zu erwarten."),
                        Level("Sehr hoch", "Ein Scheitern ist realistisch: unerprobte Lösung, Abhängigkeit von einem einzigen Anbieter ohne Ausweg, große Datenmigration oder Folgen für den laufenden Betrieb, falls es misslingt."),
                     ]),
        english: Text(name: "Risk",
                      description: "How likely and how severe problems during the project would be: technology, dependence on vendors, data protection and IT security, acceptance, schedule. Lower is better.",
                      levels: [
                        Level("Very low", "Proven solution, small scope, no sensitive data, no critical dependencies."),
                        Level("Low", "Known technology and vendors, manageable interfaces; the risks are named and under control."),
                        Level("Medium", "Some uncertainty: new interfaces, personal data, many parties or a tight schedule."),
                        Level("High", "Substantial uncertainty: new technology or a new vendor, especially sensitive data (e.g. health, social benefits), replacing a core system, or low acceptance to be expected."),
                        Level("Very high", "Failure is realistic: an unproven solution, dependence on a single vendor with no way out, a large data migration, or consequences for ongoing operations if it fails."),
                      ]))

    static let costBenefit = Entry(
        key: "costBenefit", source: .costBenefit, points: 10,
        german: Text(name: "Wirtschaftlichkeit",
                     description: "Eingesparte Zeit der Verwaltung, der Bürgerinnen und Bürger und der Unternehmen über den Betrachtungszeitraum der Kommune (Voreinstellung fünf Jahre), bewertet mit ihren Stundensätzen (Voreinstellung Verwaltung 60 € je Stunde), im Verhältnis zu den einmaligen Kosten plus den laufenden Kosten des Zeitraums. Wird aus dem Projektsteckbrief berechnet; ohne Angabe der eingesparten Stunden bleibt der Wert offen.",
                     levels: [
                        Level("Nutzen unter der Hälfte der Kosten", "Die bewertete Zeitersparnis deckt weniger als die Hälfte der Kosten über fünf Jahre (Verhältnis unter 0,5)."),
                        Level("Nutzen deckt die Kosten nicht", "Verhältnis 0,5 bis unter 1: Über eingesparte Zeit allein rechnet sich das Vorhaben in fünf Jahren nicht."),
                        Level("Kosten gedeckt", "Verhältnis 1 bis unter 2: Die eingesparte Zeit wiegt die Kosten in fünf Jahren auf."),
                        Level("Deutlich wirtschaftlich", "Verhältnis 2 bis unter 4: Die Ersparnis ist zwei- bis viermal so hoch wie die Kosten."),
                        Level("Sehr wirtschaftlich", "Verhältnis 4 und mehr, oder Zeitersparnis ohne nennenswerte Kosten."),
                     ]),
        english: Text(name: "Cost-benefit",
                      description: "Time saved by staff, citizens and businesses over the municipality's horizon (by default five years), valued at their hourly rates (by default 60 € per hour of staff time), against the one-off costs plus the running costs of the horizon. Calculated from the project profile; without the hours saved the value stays open.",
                      levels: [
                        Level("Benefit below half the costs", "The valued time saved covers less than half of the five-year costs (ratio below 0.5)."),
                        Level("Benefit below the costs", "Ratio 0.5 to below 1: over five years the project does not pay for itself through time saved alone."),
                        Level("Costs covered", "Ratio 1 to below 2: the time saved outweighs the costs within five years."),
                        Level("Clearly economic", "Ratio 2 to below 4: the savings are two to four times the costs."),
                        Level("Highly economic", "Ratio 4 or more, or time saved at no notable cost."),
                      ]))

    static let basicComponent = Entry(
        key: "basicComponent", source: .dependents, points: 5,
        german: Text(name: "Basiskomponente",
                     description: "Wie viele andere Vorhaben im Portfolio auf diesem aufbauen (z. B. E-Akte, Anbindung an das Servicekonto, Bezahldienst). Wird aus den Abhängigkeiten im Portfolio gezählt.",
                     levels: [
                        Level("Keine abhängigen Vorhaben", "Kein anderes Vorhaben setzt dieses voraus."),
                        Level("Ein abhängiges Vorhaben", "Genau ein anderes Vorhaben baut auf diesem auf."),
                        Level("Zwei abhängige Vorhaben", "Zwei andere Vorhaben bauen auf diesem auf."),
                        Level("Drei oder vier abhängige Vorhaben", "Drei oder vier Vorhaben setzen dieses voraus; Verzögerungen verschieben einen Teil des Portfolios."),
                        Level("Fünf oder mehr abhängige Vorhaben", "Fünf oder mehr Vorhaben setzen dieses voraus; es ist ein Baustein, auf dem die Digitalisierung der Verwaltung aufbaut."),
                     ]),
        english: Text(name: "Basic component",
                      description: "How many other projects in the portfolio build on this one (e.g. the e-file, the link to the citizen account, a payment service). Counted from the dependencies in the portfolio.",
                      levels: [
                        Level("No dependent projects", "No other project requires this one."),
                        Level("One dependent project", "Exactly one other project builds on this one."),
                        Level("Two dependent projects", "Two other projects build on this one."),
                        Level("Three or four dependent projects", "Three or four projects require this one; a delay moves part of the portfolio."),
                        Level("Five or more dependent projects", "Five or more projects require this one; it is a building block of the administration's digitalization."),
                      ]))
}
