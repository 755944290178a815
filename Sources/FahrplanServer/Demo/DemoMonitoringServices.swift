import FahrplanCore
import Foundation

// Status reports and milestones of Musterstadt's service projects in implementation. The parking permit (P-0014)
// has not reported since September: the dashboard shows it as stale and the late list names its owner.

extension DemoMonitoringContent {
    static let projectsServices: [DemoProjectMonitoring] = [
        DemoProjectMonitoring(code: "P-0006", ownerEmail: engel, reports: [
            R(on: "2026-07-24", percent: 35, achieved: "Formular-Baukasten produktiv; Formularverantwortliche aus allen Dezernaten geschult.", spentEuros: 31_000),
            R(on: "2026-08-28", percent: 39, achieved: "Erste drei Online-Anträge (Hundesteuer-Anmeldung, Sperrmüll, Straßenfest) freigeschaltet.", spentEuros: 33_500),
            R(on: "2026-09-25", percent: 44, achieved: "Übergabe der Antragsdaten an den Postkorb der E-Akte getestet.", spentEuros: 35_000),
            R(on: "2026-10-23", percent: 49, achieved: "Sieben Online-Anträge live; Barrierefreiheitsprüfung (BITV) für alle bestanden.", spentEuros: 37_500),
            R(on: "2026-11-20", percent: 55,
              achieved: "Acht Online-Anträge live, 1.240 Anträge seit August; Bezahlung über ePayment in allen gebührenpflichtigen Anträgen.",
              obstacles: "Der IT-Dienstleister liefert das Update mit der BundID-Anbindung für Unternehmenskonten erst im Januar.",
              nextSteps: "Anträge neun und zehn (Sondernutzung, Gewerbeabmeldung) bis Mitte Dezember.",
              lessons: "Ein Formular ist schneller gebaut als abgestimmt: Fachamt, Datenschutz und Barrierefreiheit gehören in einen gemeinsamen Termin.",
              spentEuros: 40_000),
        ], milestones: [
            M(title: "Formular-Baukasten abgenommen", due: "2026-03-31", done: "2026-03-27", ownerEmail: engel),
            M(title: "Zehn eigene Online-Anträge freigeschaltet", due: "2026-12-15", ownerEmail: engel),
        ]),
        DemoProjectMonitoring(code: "P-0011", ownerEmail: weissenborn, reports: [
            R(on: "2026-09-25", percent: 15, achieved: "Auftrag erteilt; Einrichtungsworkshop mit dem Anbieter.", spentEuros: 6_000),
            R(on: "2026-10-23", percent: 30, achieved: "Dienstleistungskatalog mit 46 Anliegen und Zeitbedarfen gepflegt.",
              nextSteps: "Aufrufanlage im Wartebereich installieren.", spentEuros: 12_500),
            R(on: "2026-11-20", percent: 45,
              achieved: "Aufrufanlage installiert; interner Testbetrieb mit zwei Schaltern seit dem 09.11.",
              obstacles: "SMS-Erinnerung braucht eine Auftragsverarbeitungsvereinbarung mit dem SMS-Dienstleister; der Datenschutz prüft noch.",
              nextSteps: "Go-live am 11.01.2027; Pressemitteilung und Hinweis auf der Website im Dezember.",
              lessons: "Die Beschäftigten am Schalter haben den Dienstleistungskatalog in zwei Nachmittagen besser gepflegt als jede Vorlage.",
              spentEuros: 16_500),
        ], milestones: [
            M(title: "Aufrufanlage im Bürgerbüro installiert", due: "2026-11-06", done: "2026-11-04", ownerEmail: weissenborn),
            M(title: "Go-live Online-Terminvergabe im Bürgerbüro", due: "2027-01-11", ownerEmail: weissenborn,
              note: "Roll-out für Bürgerinnen und Bürger; Hinweis im Mitarbeiter-Newsletter und auf der Website der Stadt."),
        ]),
        DemoProjectMonitoring(code: "P-0014", ownerEmail: weissenborn, reports: [
            R(on: "2026-09-10", percent: 10, achieved: "Projektstart; Abstimmung mit dem Ordnungsamt über den digitalen Nachweis.",
              nextSteps: "Formular auf dem Formularserver anlegen.", spentEuros: 2_000),
        ], milestones: [
            M(title: "Online-Antrag Bewohnerparkausweis freigeschaltet", due: "2027-02-15", ownerEmail: weissenborn),
        ]),
        DemoProjectMonitoring(code: "P-0018", ownerEmail: goessling, reports: [
            R(on: "2026-10-23", percent: 5, achieved: "Projektauftrag unterschrieben; Bestandsaufnahme der Beteiligungswege mit 14 Fachstellen.",
              spentEuros: 4_000),
            R(on: "2026-11-20", budget: StatusLight(.yellow, reason: "Großformatscanner für Papiereingänge nicht kalkuliert (ca. 9.000 €)."),
              percent: 10,
              achieved: "Anbindung an das Landesportal Bauen beauftragt; Pilotgruppe aus drei Entwurfsverfassern gewonnen.",
              obstacles: "Viele Bauvorlagen kommen weiterhin auf Papier; sie müssen bis auf Weiteres eingescannt werden.",
              nextSteps: "Deckung für den Scanner im Nachtragshaushalt beantragen; Schulung der Sachbearbeitung im Januar.",
              spentEuros: 7_500),
        ], milestones: [
            M(title: "Anbindung an das Landesportal Bauen", due: "2027-04-30", ownerEmail: goessling),
        ]),
        DemoProjectMonitoring(code: "P-0032", ownerEmail: team, reports: [
            R(on: "2026-09-25", percent: 5, achieved: "Vergabe der Vektorisierung an ein Ingenieurbüro.", spentEuros: 3_000),
            R(on: "2026-10-23", scope: StatusLight(.yellow, reason: "31 ältere Bebauungspläne liegen nur als Papieroriginal vor und müssen zusätzlich gescannt werden."),
              percent: 10, achieved: "Erste 20 Pläne XPlanung-konform geliefert und geprüft.", spentEuros: 9_000),
            R(on: "2026-11-20", scope: StatusLight(.yellow, reason: "Zusätzlicher Scan von 31 Papieroriginalen; Abschluss bleibt Ende 2028."),
              percent: 15,
              achieved: "45 von 220 Bebauungsplänen vektorisiert; die ersten 20 sind im Geoportal veröffentlicht.",
              nextSteps: "Qualitätsprüfung der nächsten Lieferung; Info an Architektenkammer und Notariate.",
              lessons: "Eine Stichprobe je Lieferung genügt nicht: Planzeichen-Fehler häufen sich bei den Plänen vor 1990.",
              spentEuros: 14_500),
        ]),
    ]
}
