// Musterstadt's projects from before the first call: basic components and cross-cutting work (P-0001–P-0010).

extension DemoMunicipality {
    static let musterstadtProjectsFoundations: [DemoProject] = [
        DemoProject(
            code: "P-0001",
            title: "Einführung der E-Akte in der Kernverwaltung",
            summary: "Flächendeckende Einführung der elektronischen Akte in vier Wellen, beginnend mit Hauptamt und Kämmerei.",
            description: """
                **Ausgangslage:** Akten werden überwiegend auf Papier geführt; ein DMS wird nur im Ratsbüro genutzt.

                **Ziel:** Bis Ende 2027 arbeiten alle Ämter ausschließlich mit der E-Akte.

                **Vorgehen:**
                - Einheitlicher Aktenplan und Berechtigungskonzept
                - Rollout in vier Wellen je Dezernat mit Key-Usern und Schulungen
                - Schnittstellen zu Fachverfahren und zum Scan-Posteingang
                """,
            departmentCode: "10.2", responsiblePerson: "Lena Marquardt", kind: .infrastructure,
            beneficiaries: [.staff, .citizens],
            benefitDescription: "Kein Suchen und Transportieren von Papierakten mehr, Vertretung und mobiles Arbeiten werden möglich, Auskünfte gehen schneller.",
            hoursSavedPerYear: 6_500, startOn: "2025-03-01", endOn: "2027-12-31",
            risks: "Hohe Belastung der Ämter durch Tagesgeschäft; Akzeptanz hängt an guter Schulung. Schnittstellen zu älteren Fachverfahren fehlen teilweise.",
            tags: ["E-Akte", "DMS", "Basiskomponente"],
            strategyCodes: ["Z2.1", "P2.1.1"],
            costs: euros((2025, 120_000, 20_000), (2026, 60_000, 35_000), (2027, 0, 35_000), (2028, 0, 35_000)),
            effort: fte(("10.2", 2025, 150), ("10.2", 2026, 150), ("10.2", 2027, 100),
                        ("IT", 2025, 50), ("IT", 2026, 50), ("IT", 2027, 30)),
            status: .inProgress,
            history: [
                step(.idea, "2024-05-06"), step(.submitted, "2024-06-03"), step(.inReview, "2024-06-17"),
                step(.prioritized, "2024-09-04", "Basiskomponente für viele weitere Vorhaben: höchste Priorität."),
                step(.approved, "2024-12-12", "Ratsbeschluss zum Haushalt 2025."),
                step(.inProgress, "2025-03-03"),
            ]
        ),
        DemoProject(
            code: "P-0002",
            title: "Zentraler Scan-Posteingang",
            summary: "Die Eingangspost wird zentral gescannt und digital an die Ämter verteilt.",
            description: """
                **Ausgangslage:** Die Post wird in der Poststelle geöffnet und in Umlaufmappen verteilt.

                **Ziel:** Papierpost kommt am Tag des Eingangs digital im Postkorb der E-Akte an.

                **Vorgehen:** Zwei Hochleistungsscanner mit Erfassungssoftware, Dienstanweisung Posteingang, \
                schrittweise Anbindung der Ämter parallel zum E-Akte-Rollout.
                """,
            departmentCode: "10", responsiblePerson: "Michael Rautenberg", kind: .infrastructure,
            beneficiaries: [.staff],
            benefitDescription: "Post liegt schneller und auch im Homeoffice vor; Botengänge entfallen.",
            hoursSavedPerYear: 2_400, startOn: "2025-09-01", endOn: "2026-06-30",
            tags: ["E-Akte", "Posteingang", "Scannen"],
            strategyCodes: ["Z2.1", "P2.1.1", "Z2.2"],
            dependsOn: ["P-0001"],
            costs: euros((2025, 38_000, 2_000), (2026, 0, 6_000), (2027, 0, 6_000)),
            effort: fte(("10", 2025, 40), ("10", 2026, 30), ("IT", 2025, 20)),
            status: .completed,
            history: [
                step(.idea, "2024-11-18"), step(.submitted, "2024-11-25"), step(.inReview, "2025-01-13"),
                step(.prioritized, "2025-02-05"), step(.approved, "2025-03-18"), step(.inProgress, "2025-09-01"),
                step(.completed, "2026-06-30", "Abnahme erfolgt: Die Post aller Ämter außer dem Bauordnungsamt wird zentral gescannt."),
            ]
        ),
        DemoProject(
            code: "P-0003",
            title: "Anbindung an BundID und Postfach",
            summary: "Die städtischen Online-Dienste nutzen die BundID zur Anmeldung und stellen Bescheide in das zugehörige Postfach zu.",
            description: """
                **Ausgangslage:** Für eigene Online-Formulare gab es kein einheitliches Nutzerkonto.

                **Ziel:** Bürgerinnen, Bürger und Unternehmen melden sich mit einem Konto an und erhalten \
                Bescheide digital.

                **Vorgehen:** Anbindung von Formularserver und Antragsmanagement an die BundID, Test mit dem \
                Online-Ausweis, Freischaltung für die ersten Dienste.
                """,
            departmentCode: "IT", responsiblePerson: "Daniel Krämer", kind: .infrastructure,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG), zentrales Bürgerkonto",
            beneficiaries: [.citizens, .businesses],
            benefitDescription: "Einmal anmelden, alle Dienste nutzen; digitale Zustellung von Bescheiden spart Porto.",
            startOn: "2024-07-01", endOn: "2025-02-28",
            tags: ["BundID", "OZG", "Basiskomponente"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            costs: euros((2024, 8_000, 0), (2025, 0, 1_500), (2026, 0, 1_500)),
            effort: fte(("IT", 2024, 30), ("SD", 2024, 20)),
            status: .completed,
            history: [
                step(.idea, "2024-03-11"), step(.submitted, "2024-03-18"), step(.inReview, "2024-04-02"),
                step(.prioritized, "2024-04-22"), step(.approved, "2024-05-14"), step(.inProgress, "2024-07-01"),
                step(.completed, "2025-02-28", "Produktivbetrieb seit 24.02.2025."),
            ]
        ),
        DemoProject(
            code: "P-0004",
            title: "ePayment für Online-Dienste",
            summary: "Gebühren für Online-Anträge werden direkt im Antrag bezahlt und automatisch in der Stadtkasse verbucht.",
            description: """
                **Ausgangslage:** Gebühren werden nach Bescheid per Überweisung gezahlt; die Zuordnung in der \
                Stadtkasse ist Handarbeit.

                **Ziel:** Bezahlung mit gängigen Verfahren direkt im Online-Antrag, automatischer Abgleich.

                **Vorgehen:** Ausschreibung eines Zahlungsdienstleisters, Schnittstelle zum Finanzverfahren, \
                Pilot mit dem Anwohnerparkausweis.
                """,
            departmentCode: "20", responsiblePerson: "Sabine Hoffmeister", kind: .infrastructure,
            beneficiaries: [.citizens, .businesses, .staff],
            benefitDescription: "Anträge können ohne Zahlungsaufforderung abgeschlossen werden; Stadtkasse spart den manuellen Abgleich.",
            hoursSavedPerYear: 600, startOn: "2025-02-01", endOn: "2025-10-31",
            tags: ["ePayment", "Basiskomponente", "Stadtkasse"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            costs: euros((2025, 15_000, 6_000), (2026, 0, 9_000), (2027, 0, 9_000)),
            effort: fte(("20", 2025, 30), ("IT", 2025, 20)),
            status: .completed,
            history: [
                step(.idea, "2024-08-19"), step(.submitted, "2024-09-02"), step(.inReview, "2024-09-16"),
                step(.prioritized, "2024-10-07"), step(.approved, "2024-12-12", "Ratsbeschluss zum Haushalt 2025."),
                step(.inProgress, "2025-02-03"), step(.completed, "2025-10-31"),
            ]
        ),
        DemoProject(
            code: "P-0005",
            title: "Selbstbedienungsterminals für digitale Passbilder",
            summary: "Zwei Terminals im Bürgerbüro nehmen biometrische Lichtbilder auf und übermitteln sie direkt an den Antrag.",
            description: """
                **Ausgangslage:** Seit Mai 2025 dürfen für Pass und Personalausweis nur noch digital \
                übermittelte Lichtbilder verwendet werden.

                **Ziel:** Antragstellende können das Foto direkt im Bürgerbüro aufnehmen.

                **Vorgehen:** Beschaffung über den Rahmenvertrag, Aufstellung im Wartebereich, Gebühr nach \
                Gebührenordnung, Schulung des Front-Office.
                """,
            departmentCode: "33", responsiblePerson: "Tatjana Reimer", kind: .processOptimization,
            legalObligation: true, legalReference: "Passgesetz und Personalausweisgesetz (elektronische Lichtbildübermittlung)",
            legalDeadline: "2025-05-01", administrativeService: "Personalausweis beantragen",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Kein Weg zum Fotostudio nötig; weniger Rückfragen wegen ungeeigneter Fotos.",
            hoursSavedPerYear: 350, startOn: "2025-01-13", endOn: "2025-04-30",
            tags: ["Bürgerbüro", "Passbild", "Ausweis"],
            strategyCodes: ["Z1.2", "P1.2.1"],
            costs: euros((2025, 24_000, 4_800), (2026, 0, 4_800)),
            effort: fte(("33", 2025, 20)),
            status: .completed,
            history: [
                step(.idea, "2024-10-01"), step(.submitted, "2024-10-08"), step(.inReview, "2024-10-15"),
                step(.prioritized, "2024-10-22"),
                step(.approved, "2024-11-05", "Dringlich wegen der gesetzlichen Frist zum 01.05.2025."),
                step(.inProgress, "2025-01-13"), step(.completed, "2025-04-25"),
            ]
        ),
        DemoProject(
            code: "P-0006",
            title: "Formularserver und Antragsmanagement",
            summary: "Ein Formularserver für eigene Online-Anträge der Stadt, mit Übergabe der Antragsdaten an E-Akte und Fachverfahren.",
            description: """
                **Ausgangslage:** Für Leistungen ohne Landesdienst gibt es nur PDF-Formulare zum Ausdrucken.

                **Ziel:** Eigene Online-Anträge lassen sich ohne Programmierung erstellen und münden \
                strukturiert in die Sachbearbeitung.

                **Vorgehen:** Nachnutzung der Lösung des kommunalen IT-Dienstleisters, Formular-Baukasten, \
                Schulung von zwei Formularverantwortlichen je Dezernat.
                """,
            departmentCode: "IT", responsiblePerson: "Daniel Krämer", kind: .infrastructure,
            beneficiaries: [.citizens, .businesses, .staff],
            benefitDescription: "Grundlage für rund 30 eigene Online-Anträge; keine Abtipparbeit mehr.",
            startOn: "2025-10-01", endOn: "2027-03-31",
            risks: "Abhängigkeit vom IT-Dienstleister; Formulare müssen barrierefrei gestaltet werden.",
            tags: ["Formularserver", "OZG", "Basiskomponente"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            dependsOn: ["P-0003"],
            costs: euros((2025, 25_000, 3_000), (2026, 15_000, 12_000), (2027, 0, 12_000)),
            effort: fte(("IT", 2025, 30), ("IT", 2026, 60), ("IT", 2027, 20), ("SD", 2026, 20)),
            status: .inProgress,
            history: [
                step(.idea, "2025-01-20"), step(.submitted, "2025-02-03"), step(.inReview, "2025-02-17"),
                step(.prioritized, "2025-04-09"), step(.approved, "2025-06-24"), step(.inProgress, "2025-10-06"),
            ]
        ),
        DemoProject(
            code: "P-0007",
            title: "Eingangsrechnungen elektronisch empfangen und freigeben",
            summary: "Zentraler Rechnungseingang für XRechnung und ZUGFeRD mit digitalem Prüf- und Freigabeworkflow.",
            description: """
                **Ausgangslage:** Rund 28.000 Rechnungen im Jahr, überwiegend auf Papier oder als PDF per E-Mail.

                **Ziel:** 95 % der Rechnungen gehen elektronisch ein und werden ohne Ausdruck angeordnet.

                **Vorgehen:**
                - Zentrale Rechnungseingangsadresse und Anbindung an die Plattform des Landes
                - Workflow für sachliche und rechnerische Prüfung im Finanzverfahren
                - Anschreiben an die 300 häufigsten Lieferanten
                """,
            departmentCode: "20", responsiblePerson: "Kerstin Albrecht", kind: .processOptimization,
            legalObligation: true, legalReference: "Richtlinie 2014/55/EU und E-Rechnungsverordnung des Landes",
            beneficiaries: [.staff, .businesses],
            benefitDescription: "Kürzere Durchlaufzeiten, Skonto wird häufiger genutzt, kein Papierumlauf.",
            hoursSavedPerYear: 3_200, startOn: "2025-04-01", endOn: "2027-06-30",
            risks: "Viele kleine Lieferanten stellen noch keine E-Rechnungen aus.",
            tags: ["E-Rechnung", "XRechnung", "Workflow"],
            strategyCodes: ["Z2.4", "P2.4.1"],
            dependsOn: ["P-0001"],
            costs: euros((2025, 40_000, 6_000), (2026, 20_000, 14_000), (2027, 0, 14_000)),
            effort: fte(("20", 2025, 80), ("20", 2026, 60), ("20", 2027, 20), ("IT", 2025, 20), ("IT", 2026, 10)),
            status: .inProgress,
            history: [
                step(.idea, "2024-06-10"), step(.submitted, "2024-06-24"), step(.inReview, "2024-07-08"),
                step(.prioritized, "2024-09-04"), step(.approved, "2024-12-12", "Ratsbeschluss zum Haushalt 2025."),
                step(.inProgress, "2025-04-01"),
            ]
        ),
        DemoProject(
            code: "P-0008",
            title: "Neues Ratsinformationssystem mit Sitzungs-App",
            summary: "Ablösung des Ratsinformationssystems, elektronischer Vorlagenworkflow und Tablets für alle Mandatsträgerinnen und Mandatsträger.",
            description: """
                **Ausgangslage:** Das Ratsinformationssystem ist über 15 Jahre alt; Sitzungsunterlagen werden \
                weiterhin gedruckt und verschickt.

                **Ziel:** Vorlagen entstehen und laufen digital, Gremien arbeiten papierlos.

                **Vorgehen:** Ausschreibung, Migration der Altdaten, Tablets mit Sitzungs-App, Schulungen für \
                Verwaltung und Ehrenamt.
                """,
            departmentCode: "10", responsiblePerson: "Carsten Ebeling", kind: .softwareReplacement,
            beneficiaries: [.staff, .citizens],
            benefitDescription: "Rund 250.000 Druckseiten und der Botendienst entfallen jährlich; Bürgerinnen und Bürger finden Vorlagen online.",
            hoursSavedPerYear: 1_400, startOn: "2025-11-01", endOn: "2027-09-30",
            risks: "Akzeptanz im Ehrenamt; Einführung muss außerhalb der Haushaltsberatungen liegen.",
            tags: ["Ratsinformationssystem", "Gremien", "Tablets"],
            strategyCodes: ["Z2.3", "P2.3.1"],
            costs: euros((2025, 20_000, 0), (2026, 75_000, 22_000), (2027, 0, 22_000), (2028, 0, 22_000)),
            effort: fte(("10", 2025, 20), ("10", 2026, 60), ("10", 2027, 40), ("IT", 2026, 30)),
            status: .inProgress,
            history: [
                step(.idea, "2025-02-10"), step(.submitted, "2025-02-24"), step(.inReview, "2025-03-10"),
                step(.prioritized, "2025-04-09"), step(.approved, "2025-06-24"), step(.inProgress, "2025-11-03"),
            ]
        ),
        DemoProject(
            code: "P-0009",
            title: "Informationssicherheitsmanagement nach BSI IT-Grundschutz",
            summary: "Aufbau eines ISMS mit Informationssicherheitsbeauftragter, Notfallhandbuch und jährlicher Sensibilisierung.",
            description: """
                **Ausgangslage:** Sicherheitsmaßnahmen sind vorhanden, aber nicht systematisch dokumentiert \
                und geprüft.

                **Ziel:** Vollständige Basis-Absicherung nach IT-Grundschutz bis Ende 2027.

                **Vorgehen:** Strukturanalyse, Modellierung, Umsetzung fehlender Maßnahmen, Notfallübungen \
                und Phishing-Kampagnen.
                """,
            departmentCode: "IT", responsiblePerson: "Aylin Öztürk", kind: .infrastructure,
            beneficiaries: [.staff, .citizens, .businesses],
            benefitDescription: "Geringeres Risiko von Ausfällen und Datenabflüssen; Nachweisfähigkeit gegenüber Aufsicht und Versicherung.",
            startOn: "2024-09-01", endOn: "2027-12-31",
            risks: "Stelle der Informationssicherheitsbeauftragten war lange unbesetzt.",
            tags: ["Informationssicherheit", "BSI", "Notfallvorsorge"],
            strategyCodes: ["Z4.1", "P4.1.1"],
            costs: euros((2024, 15_000, 0), (2025, 30_000, 18_000), (2026, 0, 18_000), (2027, 0, 18_000)),
            effort: fte(("IT", 2024, 50), ("IT", 2025, 100), ("IT", 2026, 100), ("IT", 2027, 100)),
            status: .inProgress,
            history: [
                step(.idea, "2024-02-05"), step(.submitted, "2024-02-19"), step(.inReview, "2024-03-04"),
                step(.prioritized, "2024-04-22"), step(.approved, "2024-05-14"), step(.inProgress, "2024-09-02"),
            ]
        ),
        DemoProject(
            code: "P-0010",
            title: "Netzwerk der Digitallotsinnen und Digitallotsen",
            summary: "In jedem Amt unterstützt eine geschulte Person die Kolleginnen und Kollegen bei digitalen Einführungen.",
            description: """
                **Ausgangslage:** Einführungen scheitern oft an fehlender Unterstützung vor Ort.

                **Ziel:** Mindestens eine Digitallotsin oder ein Digitallotse je Amt, regelmäßiger Austausch.

                **Vorgehen:** Qualifizierung in vier Modulen, monatlicher Lotsentreff, Ideenbörse im Intranet.
                """,
            departmentCode: "SD", responsiblePerson: "Tobias Engel", kind: .training,
            beneficiaries: [.staff],
            benefitDescription: "Schnellere Hilfe im Alltag, weniger Tickets beim IT-Service, Verbesserungsideen aus den Ämtern.",
            startOn: "2025-09-15", endOn: "2027-12-31",
            tags: ["Digitallotsen", "Qualifizierung", "Change"],
            strategyCodes: ["Z3.1", "P3.1.2"],
            costs: euros((2025, 8_000, 0), (2026, 4_000, 3_000), (2027, 0, 3_000)),
            effort: fte(("SD", 2025, 30), ("SD", 2026, 50), ("SD", 2027, 50), ("11", 2026, 10)),
            status: .inProgress,
            history: [
                step(.idea, "2025-05-12"), step(.submitted, "2025-05-19"), step(.inReview, "2025-06-02"),
                step(.prioritized, "2025-06-16"), step(.approved, "2025-06-24"), step(.inProgress, "2025-09-15"),
            ]
        ),
    ]
}
