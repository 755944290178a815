import FahrplanCore
import Foundation

// Status reports and milestones of Musterstadt's projects in implementation, in the words of the people who write
// them for the staff newsletter and the committee: achievements, obstacles, next steps, lessons learned.

extension DemoMonitoringContent {
    typealias R = DemoProjectMonitoring.Report
    typealias M = DemoProjectMonitoring.MilestoneSeed

    static let projectsAdministration: [DemoProjectMonitoring] = [
        DemoProjectMonitoring(code: "P-0001", ownerEmail: team, reports: [
            R(on: "2026-06-26", percent: 48, achieved: "Welle 2 (Bürgerservice, Ordnung, Soziales) ist seit dem 12.06. im Echtbetrieb; 212 Beschäftigte geschult.",
              nextSteps: "Feinkonzept Welle 3 mit Bauordnung und Umwelt.", spentEuros: 171_000),
            R(on: "2026-07-24", percent: 51, achieved: "Nacharbeiten Welle 2 abgeschlossen; Aktenplan um 38 Betreffseinheiten ergänzt.",
              nextSteps: "Key-User-Schulung Welle 3 planen.", spentEuros: 176_500),
            R(on: "2026-08-28", schedule: StatusLight(.yellow, reason: "Im Bauordnungsamt fehlen zwei Key-User (Elternzeit, Stellenwechsel); Vorbereitung Welle 3 hinkt etwa sechs Wochen hinterher."),
              percent: 53, achieved: "Schnittstelle zum Fachverfahren Bauantrag spezifiziert.",
              obstacles: "Personalengpass im Bauordnungsamt.", nextSteps: "Ersatz-Key-User benennen; Entscheidung Verwaltungsvorstand zum Termin Welle 3.",
              spentEuros: 181_000),
            R(on: "2026-09-25", schedule: StatusLight(.yellow, reason: "Welle 3 vom 02.11.2026 auf den 01.02.2027 verschoben (Beschluss Verwaltungsvorstand vom 15.09.)."),
              percent: 55, achieved: "Neue Key-User im Bauordnungsamt benannt; Schulungstermine stehen.",
              obstacles: "Aktenbestand Bauordnung größer als angenommen (rund 4.000 laufende Vorgänge).",
              nextSteps: "Altaktenmigration mit dem Scan-Dienstleister abstimmen.",
              lessons: "Key-User brauchen eine Vertretung, bevor eine Welle geplant wird – sonst hängt der Termin an einer Person.",
              spentEuros: 186_000),
            R(on: "2026-10-23", schedule: StatusLight(.yellow, reason: "Neuer Termin Welle 3: 01.02.2027; Puffer gering."),
              percent: 58, achieved: "Testmandant Welle 3 eingerichtet; erste Schulungsgruppe (18 Personen) abgeschlossen.",
              nextSteps: "Schnittstellentest mit dem Bauantragsverfahren im November.", spentEuros: 192_500),
            R(on: "2026-11-20", schedule: StatusLight(.yellow, reason: "Welle 3 am 01.02.2027 ist haltbar, wenn der Schnittstellentest im Dezember ohne Befund bleibt."),
              percent: 62,
              achieved: """
                - Schnittstellentest mit dem Bauantragsverfahren bestanden (zwei kleinere Befunde behoben)
                - 46 von 58 Beschäftigten der Welle 3 geschult
                - Hauptamt und Kämmerei arbeiten seit einem Jahr ohne Papierakte
                """,
              obstacles: "Scan-Dienstleister kann die Altakten der Bauordnung erst ab Januar übernehmen.",
              nextSteps: "Restliche Schulungen bis 18.12.; Go/No-Go-Entscheidung Welle 3 am 14.01.2027.",
              lessons: "Die Digitallotsen in den Ämtern halbieren die Zahl der Rückfragen nach dem Go-live – bei Welle 3 sind sie von Anfang an dabei.",
              spentEuros: 198_000),
        ], milestones: [
            M(title: "Welle 1 live: Hauptamt und Kämmerei", due: "2025-09-30", done: "2025-09-26", ownerEmail: team),
            M(title: "Welle 2 live: Bürgerservice, Ordnung, Soziales", due: "2026-05-31", done: "2026-06-12", ownerEmail: team,
              note: "Zwei Wochen später wegen der Umstellung des Sozialamts auf das neue Fachverfahren."),
            M(title: "Welle 3 live: Bauen und Umwelt", due: "2027-02-01", ownerEmail: team,
              note: "Ursprünglich 02.11.2026; verschoben durch Beschluss des Verwaltungsvorstands vom 15.09.2026."),
            M(title: "Welle 4 live: Jugend, Schule, Kultur", due: "2027-09-30", ownerEmail: team),
        ]),
        DemoProjectMonitoring(code: "P-0007", ownerEmail: team, reports: [
            R(on: "2026-06-26", percent: 60, achieved: "Freigabeworkflow im Finanzverfahren für alle Ämter aktiv.", spentEuros: 61_000),
            R(on: "2026-07-24", percent: 63, achieved: "Zweites Anschreiben an 300 Lieferanten versandt.", spentEuros: 62_500),
            R(on: "2026-08-28", percent: 67, achieved: "Anteil elektronischer Rechnungen erstmals über 60 %.", spentEuros: 64_000),
            R(on: "2026-09-25", percent: 70, achieved: "Skontoquote gegenüber dem Vorjahr um 9 Prozentpunkte gestiegen.", spentEuros: 66_000),
            R(on: "2026-10-23", percent: 74, achieved: "Prüfregeln für wiederkehrende Rechnungen (Energie, Leasing) automatisiert.",
              nextSteps: "Papierrechnungen ab 01.01.2027 nur noch über den Scan-Posteingang.", spentEuros: 67_500),
            R(on: "2026-11-20", percent: 78,
              achieved: "68 % der Rechnungen kommen elektronisch; die Durchlaufzeit bis zur Anordnung sank von 19 auf 8 Tage.",
              obstacles: "Kleine Handwerksbetriebe schicken weiterhin PDF per E-Mail.",
              nextSteps: "Infoveranstaltung mit der Kreishandwerkerschaft am 10.12.; Dienstanweisung Rechnungseingang aktualisieren.",
              lessons: "Persönliche Ansprache der zwanzig größten Lieferanten hat mehr bewirkt als zwei Serienbriefe an alle.",
              spentEuros: 69_000),
        ], milestones: [
            M(title: "Anbindung an die Rechnungseingangsplattform des Landes", due: "2025-11-30", done: "2025-11-28", ownerEmail: team),
            M(title: "Papierrechnungen nur noch über den Scan-Posteingang", due: "2027-01-01", ownerEmail: team),
        ]),
        DemoProjectMonitoring(code: "P-0008", ownerEmail: engel, reports: [
            R(on: "2026-07-24", percent: 18, achieved: "Ausschreibung veröffentlicht; vier Angebote eingegangen.", spentEuros: 9_000),
            R(on: "2026-08-28", percent: 20, achieved: "Präsentationen der Bieter mit Ratsmitgliedern aller Fraktionen.", spentEuros: 12_000),
            R(on: "2026-09-25", schedule: StatusLight(.yellow, reason: "Ein unterlegener Bieter hat die Wertung gerügt; der Zuschlag verzögert sich."),
              percent: 21, achieved: "Wertung abgeschlossen, Vorabinformation an die Bieter versandt.",
              obstacles: "Rüge nach § 160 GWB.", spentEuros: 14_000),
            R(on: "2026-10-23", schedule: StatusLight(.red, reason: "Nachprüfungsantrag bei der Vergabekammer; Zuschlag frühestens im Januar 2027, Start der Sitzungs-App zur Haushaltsberatung nicht mehr erreichbar."),
              percent: 22, achieved: "Stellungnahme an die Vergabekammer abgegeben.",
              obstacles: "Vergabekammerverfahren; bis zur Entscheidung darf kein Zuschlag erteilt werden.",
              nextSteps: "Altsystem bis Ende 2027 verlängern (Angebot liegt vor).", spentEuros: 16_000),
            R(on: "2026-11-20", schedule: StatusLight(.red, reason: "Entscheidung der Vergabekammer steht aus; Einführung verschiebt sich um mindestens sechs Monate."),
              budget: StatusLight(.yellow, reason: "Verlängerung des Altsystems kostet 14.000 € zusätzlich; Tablet-Preise seit der Kalkulation um 12 % gestiegen."),
              percent: 24,
              achieved: "Verlängerung des Wartungsvertrags für das Altsystem bis 31.12.2027 gesichert; Schulungskonzept für das Ehrenamt abgestimmt.",
              obstacles: "Vergabekammerverfahren; Tablet-Beschaffung kann erst nach dem Zuschlag erfolgen.",
              nextSteps: "Ältestenrat am 03.12. informieren; neuer Zeitplan nach der Entscheidung der Vergabekammer.",
              lessons: "Wertungskriterien und Gewichtung vorab mit der Vergabestelle durchspielen – die Rüge richtete sich gegen eine missverständliche Formulierung.",
              spentEuros: 18_000),
        ], milestones: [
            M(title: "Zuschlag Ratsinformationssystem erteilt", due: "2026-10-15", ownerEmail: engel,
              note: "Rüge und Nachprüfungsantrag eines Bieters; Zuschlag erst nach Entscheidung der Vergabekammer."),
            M(title: "Tablets an alle Mandatsträgerinnen und Mandatsträger ausgegeben", due: "2027-06-30", ownerEmail: engel),
        ]),
        DemoProjectMonitoring(code: "P-0009", ownerEmail: team, reports: [
            R(on: "2026-07-24", percent: 55, achieved: "Modellierung nach IT-Grundschutz-Kompendium 2023 aktualisiert.", spentEuros: 58_000),
            R(on: "2026-08-28", percent: 57, achieved: "Phishing-Kampagne: Klickrate von 14 % auf 6 % gesunken.", spentEuros: 60_500),
            R(on: "2026-09-25", scope: StatusLight(.yellow, reason: "Notfallhandbuch deckt die Außenstellen noch nicht ab; Umfang wird um die Schulstandorte erweitert."),
              percent: 59, achieved: "Informationssicherheitsbeauftragte seit 01.09. in Vollzeit.", spentEuros: 63_000),
            R(on: "2026-10-23", scope: StatusLight(.yellow, reason: "Schulstandorte zusätzlich im Geltungsbereich (Beschluss IT-Lenkungskreis)."),
              percent: 61, achieved: "Strukturanalyse der 18 Schulstandorte begonnen.", spentEuros: 65_500),
            R(on: "2026-11-20", scope: StatusLight(.yellow, reason: "Erweiterter Geltungsbereich (Schulen); Zieltermin Ende 2027 bleibt."),
              percent: 64,
              achieved: "Notfallübung „Ausfall Rechenzentrum“ am 12.11. durchgeführt: Wiederanlauf der Kernverfahren nach 5,5 Stunden (Ziel: 8 Stunden).",
              obstacles: "Schulträger-IT und pädagogische Netze haben getrennte Zuständigkeiten.",
              nextSteps: "Übungsbericht an den Verwaltungsvorstand; Maßnahmenplan Schulen bis Februar.",
              lessons: "Die Übung hat gezeigt, dass die Telefonliste im Notfallhandbuch veraltet war – Kontaktdaten gehören in die halbjährliche Prüfung.",
              spentEuros: 68_000),
        ], milestones: [
            M(title: "Strukturanalyse und Modellierung abgeschlossen", due: "2025-06-30", done: "2025-07-15", ownerEmail: team),
            M(title: "Notfallübung Ausfall Rechenzentrum", due: "2026-11-12", done: "2026-11-12", ownerEmail: team),
            M(title: "Basis-Absicherung vollständig umgesetzt", due: "2027-12-31", ownerEmail: team),
        ]),
        DemoProjectMonitoring(code: "P-0010", ownerEmail: engel, reports: [
            R(on: "2026-08-28", percent: 40, achieved: "Modul 3 der Lotsenqualifizierung abgeschlossen (21 Lotsinnen und Lotsen).", spentEuros: 9_500),
            R(on: "2026-09-25", percent: 46, achieved: "Lotsentreff mit 19 Teilnehmenden; Ideenbörse im Intranet freigeschaltet.", spentEuros: 10_200),
            R(on: "2026-10-23", percent: 52, achieved: "Zwölf Ideen eingereicht, drei davon in der Umsetzung (u. a. Vorlagen für Serienbriefe).", spentEuros: 10_800),
            R(on: "2026-11-20", percent: 58,
              achieved: "In 13 von 14 Ämtern ist mindestens eine Lotsin oder ein Lotse benannt; die Lotsen begleiten die Schulungen der E-Akte-Welle 3.",
              obstacles: "Im Jugendamt fehlt noch eine Person; Freistellung für die Lotsentätigkeit ist nicht überall geregelt.",
              nextSteps: "Freistellung (10 % der Arbeitszeit) in der Dienstvereinbarung festhalten; Modul 4 im Februar.",
              lessons: "Der monatliche Lotsentreff funktioniert am besten mit einem konkreten Thema aus einem laufenden Projekt.",
              spentEuros: 11_300),
        ]),
        DemoProjectMonitoring(code: "P-0024", ownerEmail: engel, reports: [
            R(on: "2026-08-28", percent: 8, achieved: "Auftakt mit allen Amtsleitungen; Methode (BPMN 2.0, Modellierungskonventionen) festgelegt."),
            R(on: "2026-09-25", percent: 15, achieved: "Entwurf der Prozesslandkarte mit 212 Prozessen auf drei Ebenen."),
            R(on: "2026-10-23", percent: 22, achieved: "Priorisierung der 40 Kernprozesse nach Fallzahl und Medienbrüchen."),
            R(on: "2026-11-20", percent: 30,
              achieved: "Prozesslandkarte am 17.11. vom Verwaltungsvorstand beschlossen; die ersten fünf Kernprozesse (u. a. Wohngeld, Gewerbeanmeldung) sind modelliert.",
              nextSteps: "Modellierungswerkstätten mit Sozialamt und Ordnungsamt im Dezember.",
              lessons: "Prozesse mit den Sachbearbeitenden am Whiteboard aufnehmen, nicht mit den Amtsleitungen am Schreibtisch."),
        ], milestones: [
            M(title: "Prozesslandkarte vom Verwaltungsvorstand beschlossen", due: "2026-11-17", done: "2026-11-17", ownerEmail: engel),
            M(title: "20 Kernprozesse modelliert", due: "2027-06-30", ownerEmail: engel),
        ]),
    ]
}
