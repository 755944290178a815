import FahrplanCore
import Foundation

// Musterstadt's KPIs on its strategic goals, with baselines and targets taken from the goals' target statements and
// the figures the departments report. The qualification KPI (Z3.1) has had no figure since March: it is flagged.

extension DemoMonitoringContent {
    static let kpis: [DemoKPISeed] = [
        DemoKPISeed(goalCode: "Z1.1", name: "Anteil der 60 meistgefragten Leistungen vollständig online (OZG-Reifegrad ≥ 3)", unit: "%",
                    direction: .increase, baseline: 23.3, baselineMonth: (2024, 3), target: 100, targetMonth: (2028, 12),
                    cadence: .quarterly, ownerEmail: team, first: (2024, 6),
                    values: [25.0, 28.3, 31.7, 36.7, 40.0, 45.0, 48.3, 51.7, 56.7, 61.7],
                    notes: [3: "Anbindung an die BundID: fünf Landesdienste auf einmal freigeschaltet.",
                            9: "37 von 60 Leistungen; die eigenen Formulare vom Formularserver zählen mit."]),
        DemoKPISeed(goalCode: "Z1.2", projectCode: "P-0011", name: "Anteil online gebuchter Termine im Bürgerbüro", unit: "%",
                    direction: .increase, baseline: 38, baselineMonth: (2024, 12), target: 90, targetMonth: (2027, 6),
                    cadence: .monthly, ownerEmail: weissenborn, first: (2025, 1),
                    values: [39, 40, 41, 41, 43, 44, 44, 45, 47, 48, 49, 50, 51, 52, 52, 53, 55, 56, 58, 57, 59, 61],
                    notes: [19: "Sommerferien: mehr Vorsprachen ohne Termin."]),
        DemoKPISeed(goalCode: "Z1.2", name: "Wartezeit auf einen freien Termin im Bürgerbüro", unit: "Arbeitstage",
                    direction: .decrease, baseline: 14, baselineMonth: (2024, 12), target: 5, targetMonth: (2027, 6),
                    cadence: .monthly, ownerEmail: weissenborn, first: (2025, 1),
                    values: [14, 15, 13, 12, 12, 11, 13, 12, 11, 10, 10, 9, 9, 10, 9, 8, 8, 7, 8, 7, 7, 6],
                    notes: [1: "Zwei Stellen im Front-Office unbesetzt.", 6: "Ferienzeit und Reisepass-Saison."]),
        DemoKPISeed(goalCode: "Z2.1", projectCode: "P-0001", name: "E-Akte-Quote: Ämter und Stabsstellen im Echtbetrieb", unit: "%",
                    direction: .increase, baseline: 7.1, baselineMonth: (2025, 3), target: 100, targetMonth: (2027, 12),
                    cadence: .quarterly, ownerEmail: team, first: (2025, 6),
                    values: [7.1, 21.4, 21.4, 21.4, 50.0, 50.0],
                    notes: [1: "Welle 1: Hauptamt und Kämmerei.", 4: "Welle 2: Bürgerservice, Ordnung, Soziales."]),
        DemoKPISeed(goalCode: "Z2.4", projectCode: "P-0007", name: "Anteil elektronisch eingegangener Rechnungen", unit: "%",
                    direction: .increase, baseline: 10, baselineMonth: (2025, 3), target: 95, targetMonth: (2027, 12),
                    cadence: .monthly, ownerEmail: team, first: (2025, 4),
                    values: [12, 13, 15, 18, 22, 27, 31, 36, 41, 44, 47, 50, 53, 55, 58, 60, 63, 65, 68],
                    notes: [8: "Landesplattform angebunden."]),
        DemoKPISeed(goalCode: "Z2.2", name: "Durchschnittliche Bearbeitungszeit Wohngeld (Erstantrag)", unit: "Tage",
                    direction: .decrease, baseline: 68, baselineMonth: (2024, 12), target: 30, targetMonth: (2027, 12),
                    cadence: .monthly, ownerEmail: engel, first: (2025, 1),
                    values: [69, 71, 74, 72, 69, 66, 67, 63, 61, 60, 58, 59, 62, 57, 55, 54, 52, 50, 51, 49, 47, 46],
                    notes: [2: "Antragsspitze nach der Wohngeld-Anpassung zum Jahresbeginn.", 12: "Jahreswechsel: erneut viele Weiterleistungsanträge."]),
        DemoKPISeed(goalCode: "Z6.1", name: "Glasfaser-Anschlussquote der städtischen Schulen", unit: "%",
                    direction: .increase, baseline: 38.9, baselineMonth: (2024, 6), target: 100, targetMonth: (2028, 7),
                    cadence: .quarterly, ownerEmail: engel, first: (2024, 9),
                    values: [44.4, 50.0, 50.0, 55.6, 55.6, 55.6, 61.1, 61.1, 61.1],
                    notes: [6: "11 von 18 Schulen angebunden; die übrigen sieben folgen mit P-0027."]),
        DemoKPISeed(goalCode: "Z3.1", name: "Beschäftigte mit abgeschlossener Grundqualifizierung Digitalkompetenz", unit: "%",
                    direction: .increase, baseline: 8, baselineMonth: (2024, 12), target: 80, targetMonth: (2027, 12),
                    cadence: .quarterly, ownerEmail: oltmanns, first: (2025, 3),
                    values: [12, 19, 26, 31, 36]),
        DemoKPISeed(goalCode: "Z4.1", projectCode: "P-0009", name: "Umsetzungsgrad der Basis-Absicherung nach IT-Grundschutz", unit: "%",
                    direction: .increase, baseline: 35, baselineMonth: (2024, 9), target: 100, targetMonth: (2027, 12),
                    cadence: .quarterly, ownerEmail: team, first: (2024, 12),
                    values: [38, 42, 47, 51, 55, 60, 62, 64]),
    ]
}
