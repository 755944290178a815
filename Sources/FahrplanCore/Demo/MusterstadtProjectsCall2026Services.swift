// Musterstadt's projects from the call 2026: services for citizens and businesses (P-0011–P-0019).

extension DemoMunicipality {
    static let musterstadtProjectsCall2026Services: [DemoProject] = [
        DemoProject(
            code: "P-0011",
            title: "Online-Terminvergabe im Bürgerbüro mit Erinnerungsfunktion",
            summary: "Neues Terminbuchungssystem für das Bürgerbüro mit SMS- und E-Mail-Erinnerung und Aufrufanlage.",
            description: """
                **Ausgangslage:** Termine werden telefonisch und über ein veraltetes Online-Tool vergeben; rund \
                15 % der Termine verfallen ungenutzt.

                **Ziel:** 90 % der Termine werden online gebucht, Wartezeit auf einen Termin unter fünf Arbeitstagen.

                **Vorgehen:** Beschaffung eines Terminmanagementsystems mit Erinnerungen und Warteraumaufruf, \
                Absageoption per Link, Auswertung der Auslastung.
                """,
            departmentCode: "33", responsiblePerson: "Markus Weißenborn", kind: .onlineService,
            administrativeService: "Termin im Bürgerbüro vereinbaren",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Weniger Anrufe und verfallene Termine; planbare Auslastung am Schalter.",
            hoursSavedPerYear: 900, citizenHoursSavedPerYear: 2_500, startOn: "2026-08-17", endOn: "2027-03-31",
            risks: "Das System sollte später auch anderen Ämtern offenstehen; Lizenzmodell vorher klären.",
            tags: ["Terminvergabe", "Bürgerbüro", "Online-Dienst"],
            strategyCodes: ["Z1.2", "P1.2.1"],
            costs: euros((2026, 18_000, 2_400), (2027, 0, 7_200), (2028, 0, 7_200)),
            effort: fte(("33", 2026, 20), ("33", 2027, 10), ("IT", 2026, 10)),
            status: .inProgress,
            history: [
                step(.idea, "2026-02-20"), step(.submitted, "2026-03-02"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24", "Priorisierungsrunde 2026: Rang 2 von 31."),
                step(.approved, "2026-07-07", "Vorgezogen: Finanzierung aus dem Budget 2026 der Stabsstelle."),
                step(.inProgress, "2026-08-17"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0012",
            title: "Ablösung des Fachverfahrens Einwohnerwesen",
            summary: "Das Meldeverfahren wird durch ein XMeld-konformes Nachfolgeprodukt mit Anbindung an Online-Dienste ersetzt.",
            description: """
                **Ausgangslage:** Der Hersteller stellt die Pflege des bisherigen Verfahrens Ende 2027 ein.

                **Ziel:** Nahtloser Umstieg ohne Unterbrechung des Meldebetriebs, Anbindung der Online-Dienste.

                **Vorgehen:** Vergabe über den kommunalen IT-Dienstleister, Datenmigration mit Testläufen, \
                Schulung aller Sachbearbeitenden, Parallelbetrieb über zwei Wochen.
                """,
            departmentCode: "33.1", responsiblePerson: "Tatjana Reimer", kind: .softwareReplacement,
            administrativeService: "Wohnsitz anmelden",
            beneficiaries: [.staff, .citizens],
            benefitDescription: "Zukunftssicheres Verfahren; Online-Anmeldungen laufen ohne Abtippen ins Register.",
            hoursSavedPerYear: 700, startOn: "2027-02-01", endOn: "2027-12-31",
            risks: "Fester Endtermin des Altverfahrens; Migrationsfehler würden den Meldebetrieb stören.",
            tags: ["Einwohnerwesen", "Fachverfahren", "XMeld"],
            strategyCodes: ["Z1.2", "Z2.2"],
            costs: euros((2027, 120_000, 42_000), (2028, 0, 42_000)),
            effort: fte(("33.1", 2027, 80), ("IT", 2027, 40)),
            status: .approved,
            history: [
                step(.idea, "2026-02-23"), step(.submitted, "2026-03-09"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24", "Unabweisbar: Herstellerpflege endet 2027."),
                step(.approved, "2026-09-15", "Verwaltungsvorstand; Mittel im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0013",
            title: "Wohngeld digital beantragen und bearbeiten",
            summary: "Einführung des Online-Antrags Wohngeld aus dem Landesportal mit Übernahme der Daten ins Fachverfahren und in die E-Akte.",
            description: """
                **Ausgangslage:** Rund 1.400 Wohngeldfälle im Jahr, Anträge und Nachweise fast ausschließlich \
                auf Papier; lange Bearbeitungszeiten.

                **Ziel:** Antrag und Nachweise kommen digital an; Bearbeitungszeit sinkt auf unter sechs Wochen.

                **Vorgehen:** Nachnutzung des Online-Dienstes des Landes, Schnittstelle ins Fachverfahren, \
                digitale Wohngeldakte, Information der Antragstellenden.
                """,
            departmentCode: "50", responsiblePerson: "Melanie Vogt", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG)",
            administrativeService: "Wohngeld beantragen",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Weniger unvollständige Anträge und Nachforderungen; schnellere Bescheide für Haushalte mit geringem Einkommen.",
            hoursSavedPerYear: 1_200, citizenHoursSavedPerYear: 1_500, startOn: "2027-01-15", endOn: "2027-09-30",
            risks: "Schnittstelle des Fachverfahrens ist noch nicht zertifiziert.",
            tags: ["Wohngeld", "OZG", "Online-Dienst", "EfA"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            dependsOn: ["P-0003", "P-0001"],
            costs: euros((2027, 12_000, 3_000), (2028, 0, 3_000)),
            effort: fte(("50", 2027, 30), ("IT", 2027, 10)),
            status: .approved,
            history: [
                step(.idea, "2026-03-04"), step(.submitted, "2026-03-16"), step(.inReview, "2026-04-28"),
                step(.prioritized, "2026-06-24"),
                step(.approved, "2026-09-15", "Verwaltungsvorstand; Mittel im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0014",
            title: "Anwohnerparkausweis online beantragen",
            summary: "Bewohnerparkausweise werden online beantragt, bezahlt und als Nachweis digital oder per Post zugestellt.",
            description: """
                **Ausgangslage:** Jährlich rund 3.500 Anträge in sechs Bewohnerparkzonen, alle persönlich im \
                Ordnungsamt.

                **Ziel:** 70 % der Verlängerungen laufen online ohne Behördengang.

                **Vorgehen:** Online-Formular mit Meldedatenabgleich, Bezahlung per ePayment, automatische \
                Erinnerung vor Ablauf.
                """,
            departmentCode: "32", responsiblePerson: "Jan Pohlmann", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG)",
            administrativeService: "Bewohnerparkausweis beantragen",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Kein Behördengang mehr; Ordnungsamt spart Schalterzeit in der Hauptsaison.",
            hoursSavedPerYear: 800, citizenHoursSavedPerYear: 1_200, startOn: "2026-09-01", endOn: "2027-02-28",
            tags: ["Parken", "Online-Dienst", "ePayment"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            dependsOn: ["P-0003", "P-0004"],
            costs: euros((2026, 14_000, 800), (2027, 0, 2_500)),
            effort: fte(("32", 2026, 20), ("IT", 2026, 10)),
            status: .inProgress,
            history: [
                step(.idea, "2026-02-18"), step(.submitted, "2026-02-27"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"), step(.approved, "2026-07-07"), step(.inProgress, "2026-09-01"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0015",
            title: "Gewerbe online an-, um- und abmelden",
            summary: "Gewerbeanzeigen gehen über den Online-Dienst des Landes ein und werden ohne Abtippen weiterverarbeitet.",
            description: """
                **Ausgangslage:** Rund 900 Gewerbeanzeigen im Jahr, meist als PDF per E-Mail.

                **Ziel:** Gewerbeanzeigen kommen strukturiert an; Weiterleitung an Kammern und Finanzamt automatisch.

                **Vorgehen:** Anbindung des Landesdienstes an das Gewerbeverfahren, Gebühr per ePayment, \
                Hinweise auf der Website.
                """,
            departmentCode: "32", responsiblePerson: "Ines Fröhlich", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG); Gewerbeordnung",
            administrativeService: "Gewerbe anmelden",
            beneficiaries: [.businesses, .staff],
            benefitDescription: "Gründerinnen und Gründer sparen den Behördengang; Datenweitergabe ohne Medienbruch.",
            hoursSavedPerYear: 600, businessHoursSavedPerYear: 900, startOn: "2027-04-01", endOn: "2027-12-31",
            tags: ["Gewerbe", "OZG", "Online-Dienst", "EfA"],
            strategyCodes: ["Z1.3", "Z1.1"],
            dependsOn: ["P-0003", "P-0004"],
            costs: euros((2027, 10_000, 1_500), (2028, 0, 2_000)),
            effort: fte(("32", 2027, 20), ("IT", 2027, 10)),
            status: .prioritized,
            history: [
                step(.idea, "2026-02-18"), step(.submitted, "2026-03-02"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24", "Priorisierungsrunde 2026: Rang 7 von 31."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0016",
            title: "Hundesteuer online an- und abmelden",
            summary: "An- und Abmeldung von Hunden zur Hundesteuer über ein Online-Formular mit automatischem Versand der Steuermarke.",
            description: """
                **Ausgangslage:** Rund 4.000 steuerpflichtige Hunde; An- und Abmeldungen per Papierformular.

                **Ziel:** An- und Abmeldung online, Daten direkt im Steuerverfahren.

                **Vorgehen:** Formular auf dem Formularserver, Schnittstelle zum Steuerverfahren, Versand der \
                Hundesteuermarke per Post.
                """,
            departmentCode: "20", responsiblePerson: "Holger Wiebe", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG)",
            administrativeService: "Hund zur Hundesteuer anmelden",
            beneficiaries: [.citizens, .staff],
            hoursSavedPerYear: 250, startOn: "2027-06-01", endOn: "2027-12-31",
            tags: ["Hundesteuer", "Steuern", "Online-Dienst"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            dependsOn: ["P-0003", "P-0006"],
            costs: euros((2027, 6_000, 500), (2028, 0, 1_000)),
            effort: fte(("20", 2027, 10), ("IT", 2027, 10)),
            status: .inReview,
            history: [
                step(.idea, "2026-03-10"), step(.submitted, "2026-03-17"),
                step(.idea, "2026-03-24", "Zur Überarbeitung zurückgegeben: laufende Kosten und Aufwand im IT-Service fehlen."),
                step(.submitted, "2026-04-14"), step(.inReview, "2026-04-29"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0017",
            title: "Kita-Portal: Betreuungsplätze online vormerken",
            summary: "Trägerübergreifendes Vormerkportal für alle 42 Kindertageseinrichtungen mit Schnittstelle zum Jugendhilfeverfahren.",
            description: """
                **Ausgangslage:** Eltern melden ihr Kind bei mehreren Einrichtungen einzeln an; Doppelanmeldungen \
                machen die Bedarfsplanung ungenau.

                **Ziel:** Eine Anmeldung für alle Einrichtungen, transparenter Stand für Eltern, verlässliche \
                Planungsdaten.

                **Vorgehen:** Vereinbarung mit den freien Trägern, Auswahl des Portals, Schnittstelle zum \
                Fachverfahren, Einführung zum Kita-Jahr 2027/28.
                """,
            departmentCode: "51", responsiblePerson: "Katrin Lehmann", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG)",
            administrativeService: "Betreuungsplatz in einer Kindertageseinrichtung beantragen",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Eltern sparen Wege und Mehrfachanmeldungen; Jugendhilfeplanung erhält belastbare Zahlen.",
            hoursSavedPerYear: 2_000, citizenHoursSavedPerYear: 2_000, startOn: "2027-01-01", endOn: "2028-06-30",
            risks: "Alle freien Träger müssen mitmachen; Datenschutzvereinbarungen erforderlich.",
            tags: ["Kita", "Online-Dienst", "Familien"],
            strategyCodes: ["Z6.3", "P6.3.1"],
            dependsOn: ["P-0003"],
            costs: euros((2027, 50_000, 9_000), (2028, 15_000, 18_000), (2029, 0, 18_000)),
            effort: fte(("51", 2027, 60), ("51", 2028, 40), ("IT", 2027, 20)),
            status: .approved,
            history: [
                step(.idea, "2026-02-25"), step(.submitted, "2026-03-12"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"),
                step(.approved, "2026-09-15", "Verwaltungsvorstand; Mittel im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0018",
            title: "Digitaler Bauantrag",
            summary: "Bauanträge gehen digital ein und werden mit elektronischer Beteiligung der Fachstellen bearbeitet.",
            description: """
                **Ausgangslage:** Rund 650 Bauanträge im Jahr in bis zu fünffacher Papierausfertigung.

                **Ziel:** Der Bauantrag ist vollständig digital – vom Eingang über die Beteiligung bis zur \
                Genehmigung.

                **Vorgehen:** Anbindung des Online-Dienstes des Landes (XBau) an das Fachverfahren, digitale \
                Beteiligung der Träger öffentlicher Belange, Großbildschirme für Planprüfung.
                """,
            departmentCode: "63.1", responsiblePerson: "Birgit Neumeyer", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG); Landesbauordnung; Standard XBau",
            administrativeService: "Baugenehmigung beantragen",
            beneficiaries: [.businesses, .citizens, .staff],
            benefitDescription: "Kein Druck und Versand der Planunterlagen; parallele Beteiligung verkürzt das Verfahren.",
            hoursSavedPerYear: 1_800, citizenHoursSavedPerYear: 800, businessHoursSavedPerYear: 3_000, startOn: "2026-10-01", endOn: "2027-12-31",
            risks: "Große Plandateien; Akzeptanz bei Entwurfsverfassern.",
            tags: ["Bauantrag", "XBau", "OZG", "Online-Dienst"],
            strategyCodes: ["Z1.3", "P1.3.1"],
            dependsOn: ["P-0001", "P-0003", "P-0004"],
            costs: euros((2026, 30_000, 0), (2027, 55_000, 16_000), (2028, 0, 16_000)),
            effort: fte(("63.1", 2026, 30), ("63.1", 2027, 80), ("IT", 2027, 30)),
            status: .inProgress,
            history: [
                step(.idea, "2026-02-17"), step(.submitted, "2026-02-26"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24", "Priorisierungsrunde 2026: Rang 1 von 31."),
                step(.approved, "2026-07-07"), step(.inProgress, "2026-10-01"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0019",
            title: "Digitales Fundbüro",
            summary: "Fundsachen werden online recherchierbar, Verlustmeldungen online aufgegeben.",
            description: """
                **Ausgangslage:** Fundsachen werden in einer Tabelle erfasst; Verlierende müssen anrufen oder \
                vorbeikommen.

                **Ziel:** Online-Suche nach Fundsachen und Verlustanzeige rund um die Uhr.

                **Vorgehen:** Fundbüro-Software mit öffentlicher Suche, Bezahlung von Gebühren und Finderlohn \
                per ePayment.
                """,
            departmentCode: "32", responsiblePerson: "Ines Fröhlich", kind: .onlineService,
            administrativeService: "Verlust einer Sache melden",
            beneficiaries: [.citizens, .staff],
            hoursSavedPerYear: 300,
            tags: ["Fundbüro", "Online-Dienst"],
            strategyCodes: ["Z1.1"],
            dependsOn: ["P-0004"],
            costs: euros((2027, 6_000, 1_500), (2028, 0, 1_500)),
            effort: fte(("32", 2027, 10)),
            status: .deferred,
            history: [
                step(.idea, "2026-03-05"), step(.submitted, "2026-03-19"), step(.inReview, "2026-04-30"),
                step(.deferred, "2026-06-24", "Das Land hat einen landesweiten Online-Fundbürodienst angekündigt; Entscheidung nach dessen Vorstellung."),
            ],
            inCallCode: "ABF-2026"
        ),
    ]
}
