// Musterstadt's projects from the open call 2027/2028: services and city (P-0034–P-0039).

extension DemoMunicipality {
    static let musterstadtProjectsCall2027Services: [DemoProject] = [
        DemoProject(
            code: "P-0034",
            title: "Online-Terminvergabe für das Ordnungsamt",
            summary: "Kundinnen und Kunden des Ordnungsamts reservieren Vorsprachetermine für Gewerbe, Fundbüro und Sondernutzungen online statt anzurufen.",
            description: """
                **Ausgangslage:** Das Ordnungsamt hat keine Terminvergabe. Vorsprachen ballen sich dienstags \
                und donnerstags, das Telefon ist dauerbelegt.

                **Ziel:** Vorsprachen nur noch mit Termin; die Kundschaft bucht selbst und erhält eine \
                Bestätigung per E-Mail.

                **Vorgehen:** Auswahl eines Online-Buchungstools, Terminarten je Sachgebiet, Hinweis auf \
                Website und Anrufbeantworter.
                """,
            departmentCode: "32", responsiblePerson: "Ines Fröhlich", kind: .onlineService,
            administrativeService: "Termin im Ordnungsamt vereinbaren",
            beneficiaries: [.citizens, .businesses, .staff],
            benefitDescription: "Keine Warteschlangen mehr; Sachbearbeitung kann Vorsprachen vorbereiten.",
            hoursSavedPerYear: 350, startOn: "2027-05-01", endOn: "2027-09-30",
            tags: ["Terminbuchung", "Online-Dienst", "Ordnungsamt"],
            strategyCodes: ["Z1.3", "HF1"],
            costs: euros((2027, 6_000, 1_600), (2028, 0, 2_400)),
            effort: fte(("32", 2027, 15), ("IT", 2027, 10)),
            status: .submitted,
            history: [step(.idea, "2026-11-05"), step(.submitted, "2026-11-12")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0035",
            title: "Abholstation für Ausweisdokumente",
            summary: "Eine gesicherte Abholstation im Rathausfoyer gibt fertige Personalausweise und Pässe rund um die Uhr aus.",
            description: """
                **Ausgangslage:** Rund 9.000 Abholungen im Jahr belegen ein Drittel der Termine im Bürgerbüro.

                **Ziel:** Abholung ohne Termin und außerhalb der Öffnungszeiten.

                **Vorgehen:** Beschaffung einer zugelassenen Abholstation mit PIN-Benachrichtigung, Anpassung \
                der Abläufe für PIN-Brief und Altdokumente.
                """,
            departmentCode: "33", responsiblePerson: "Markus Weißenborn", kind: .processOptimization,
            administrativeService: "Personalausweis abholen",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Rund 3.000 Termine im Jahr werden für andere Anliegen frei.",
            hoursSavedPerYear: 750, startOn: "2027-04-01", endOn: "2027-10-31",
            risks: "Zulassung und Aufstellort (Brandschutz, Videoüberwachung) klären.",
            tags: ["Bürgerbüro", "Ausweis", "Selbstbedienung"],
            strategyCodes: ["Z1.2", "P1.2.1"],
            costs: euros((2027, 45_000, 3_000), (2028, 0, 5_000)),
            effort: fte(("33", 2027, 20), ("10", 2027, 10)),
            status: .inReview,
            history: [step(.idea, "2026-11-03"), step(.submitted, "2026-11-05"), step(.inReview, "2026-11-19")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0036",
            title: "Anmeldung zur Offenen Ganztagsschule online",
            summary: "Eltern melden ihr Kind online für die OGS an; Plätze und Elternbeiträge werden digital verwaltet.",
            description: """
                **Ausgangslage:** Mit dem Rechtsanspruch auf Ganztagsbetreuung für Grundschulkinder steigt die \
                Zahl der Anmeldungen; heute laufen sie über Papierbögen an den Schulen.

                **Ziel:** Eine Online-Anmeldung für alle Grundschulen, Übersicht über Plätze und Wartelisten.

                *Entwurf – Kosten werden noch mit den Trägern abgestimmt.*
                """,
            departmentCode: "40", responsiblePerson: "Claudia Petersen", kind: .onlineService,
            administrativeService: "Platz in der Offenen Ganztagsschule beantragen",
            beneficiaries: [.citizens, .staff],
            hoursSavedPerYear: 400, startOn: "2027-09-01", endOn: "2028-06-30",
            tags: ["Schulen", "Ganztag", "Online-Dienst", "Familien"],
            strategyCodes: ["HF6", "Z1.1"],
            dependsOn: ["P-0003", "P-0006"],
            costs: euros((2027, 8_000, 0), (2028, 0, 2_000)),
            effort: fte(("40", 2027, 20), ("40", 2028, 10)),
            status: .idea,
            history: [step(.idea, "2026-11-20")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0037",
            title: "Unterhaltsvorschuss online beantragen",
            summary: "Einführung des Online-Antrags auf Unterhaltsvorschuss mit digitaler Übernahme in Fachverfahren und E-Akte.",
            description: """
                **Ausgangslage:** Rund 1.100 laufende Fälle; Anträge kommen auf Papier, Nachweise werden \
                mehrfach nachgefordert.

                **Ziel:** Alleinerziehende stellen den Antrag online mit allen Nachweisen; die Daten landen \
                ohne Abtippen im Fachverfahren.

                **Vorgehen:** Nachnutzung des Online-Dienstes aus dem Landesportal, Schnittstelle zum \
                Fachverfahren, digitale Fallakte.
                """,
            departmentCode: "51", responsiblePerson: "Stefanie Hahn", kind: .onlineService,
            legalObligation: true, legalReference: "Onlinezugangsgesetz (OZG)",
            administrativeService: "Unterhaltsvorschuss beantragen",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Schnellere Leistung für Alleinerziehende; weniger Nachforderungen.",
            hoursSavedPerYear: 650, startOn: "2027-09-01", endOn: "2028-03-31",
            tags: ["Unterhaltsvorschuss", "OZG", "Online-Dienst", "EfA"],
            strategyCodes: ["Z1.1", "P1.1.1"],
            dependsOn: ["P-0003", "P-0001"],
            costs: euros((2027, 5_000, 300), (2028, 0, 1_000)),
            effort: fte(("51", 2027, 20), ("IT", 2027, 10)),
            status: .submitted,
            history: [step(.idea, "2026-11-10"), step(.submitted, "2026-11-23")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0038",
            title: "Digitalisierung des Bauaktenarchivs",
            summary: "Die rund 18.000 Bauakten des Archivs werden gescannt und in die E-Akte übernommen.",
            description: """
                **Ausgangslage:** Für Auskünfte, Akteneinsicht und neue Bauanträge werden Altakten aus dem \
                Keller geholt; das Archiv ist voll und nicht klimatisiert.

                **Ziel:** Alle Bauakten digital verfügbar, Akteneinsicht auch online nach Terminvereinbarung.

                **Vorgehen:** Scandienstleister in zwei Losen (nach Baujahr), Großformatpläne gesondert, \
                Übernahme mit Metadaten in die E-Akte, danach Aussonderung nach Archivrecht.
                """,
            departmentCode: "63", responsiblePerson: "Ralf Gößling", kind: .processOptimization,
            beneficiaries: [.staff, .citizens, .businesses],
            benefitDescription: "Akten sind sofort verfügbar; Archivraum wird frei; Grundlage für den digitalen Bauantrag.",
            hoursSavedPerYear: 1_500, startOn: "2027-03-01", endOn: "2028-12-31",
            risks: "Qualität der Altpläne; Datenschutz beim Dienstleister.",
            tags: ["Bauakten", "Scannen", "E-Akte", "Archiv"],
            strategyCodes: ["Z2.1", "Z1.3"],
            dependsOn: ["P-0001"],
            costs: euros((2027, 95_000, 2_000), (2028, 95_000, 4_000), (2029, 0, 4_000)),
            effort: fte(("63", 2027, 50), ("63", 2028, 50), ("10.2", 2027, 10)),
            status: .submitted,
            history: [step(.idea, "2026-11-04"), step(.submitted, "2026-11-11")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0039",
            title: "Pegel- und Starkregensensoren",
            summary: "Sensoren an Bächen und Unterführungen warnen frühzeitig vor Hochwasser und Überflutung.",
            description: """
                **Ausgangslage:** Nach dem Starkregen 2024 wurden Unterführungen zu spät gesperrt.

                **Ziel:** Echtzeit-Pegel an 12 Messpunkten mit automatischer Alarmierung.

                *Entwurf – Angebote für Sensoren werden noch eingeholt.*
                """,
            departmentCode: "66", responsiblePerson: "Uwe Strothmann", kind: .smartCity,
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Frühere Warnung und Sperrung; Daten für die Starkregenvorsorge.",
            startOn: "2027-06-01", endOn: "2028-05-31",
            tags: ["Sensorik", "Hochwasser", "Klimaanpassung", "LoRaWAN"],
            strategyCodes: ["Z5.2", "P5.2.1"],
            dependsOn: ["P-0030"],
            costs: euros((2027, 48_000, 2_000), (2028, 0, 7_000)),
            effort: fte(("66", 2027, 20), ("IT", 2027, 10)),
            status: .idea,
            history: [step(.idea, "2026-11-12")],
            inCallCode: "ABF-2027"
        ),
    ]
}
