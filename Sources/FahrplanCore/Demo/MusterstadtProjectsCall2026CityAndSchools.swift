// Musterstadt's projects from the call 2026: schools, participation, data and smart city (P-0026–P-0033).

extension DemoMunicipality {
    static let musterstadtProjectsCall2026CityAndSchools: [DemoProject] = [
        DemoProject(
            code: "P-0026",
            title: "WLAN in allen Unterrichtsräumen",
            summary: "Alle Unterrichtsräume der 18 städtischen Schulen erhalten leistungsfähiges WLAN für Tablet-Unterricht.",
            description: """
                **Ausgangslage:** Nur etwa die Hälfte der rund 620 Unterrichtsräume ist ausgeleuchtet; in \
                Klassenarbeiten mit Tablets bricht das Netz zusammen.

                **Ziel:** WLAN in 100 % der Unterrichtsräume bis zum Schuljahr 2028/29.

                **Vorgehen:** Ausleuchtungsmessung, Verkabelung in den Ferien, Priorisierung nach dem \
                Medienentwicklungsplan, Förderantrag für ein Nachfolgeprogramm des DigitalPakts.
                """,
            departmentCode: "40", responsiblePerson: "Mario Schulte", kind: .infrastructure,
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Verlässlicher digitaler Unterricht für rund 7.500 Schülerinnen und Schüler.",
            startOn: "2027-06-01", endOn: "2028-07-31",
            risks: "Bauarbeiten nur in den Ferien möglich; Förderkulisse noch unklar; Brandschutz in Altbauten.",
            tags: ["Schulen", "WLAN", "Medienentwicklungsplan"],
            strategyCodes: ["Z6.1", "P6.1.1"],
            dependsOn: ["P-0027"],
            costs: euros((2027, 600_000, 0), (2028, 500_000, 40_000), (2029, 0, 40_000)),
            effort: fte(("40", 2027, 30), ("40", 2028, 30), ("IT", 2027, 50), ("IT", 2028, 50)),
            status: .inReview,
            history: [
                step(.idea, "2026-03-03"), step(.submitted, "2026-04-15"), step(.inReview, "2026-05-05"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0027",
            title: "Glasfaseranbindung der übrigen sieben Schulen",
            summary: "Die letzten sieben städtischen Schulen ohne Glasfaser werden angebunden.",
            description: """
                **Ausgangslage:** 11 von 18 Schulen sind per Glasfaser angebunden; die übrigen hängen an \
                VDSL-Leitungen mit 50 bis 100 Mbit/s.

                **Ziel:** Alle Schulen mit mindestens 1 Gbit/s angebunden bis Mitte 2028.

                **Vorgehen:** Mitverlegung in Tiefbaumaßnahmen des Tiefbauamts, Anschluss über den regionalen \
                Netzbetreiber, Förderbescheid liegt vor.
                """,
            departmentCode: "40", responsiblePerson: "Mario Schulte", kind: .infrastructure,
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Voraussetzung für WLAN-Ausbau und cloudbasierte Lernanwendungen.",
            startOn: "2027-03-01", endOn: "2028-07-31",
            risks: "Tiefbaukapazitäten der Firmen; Genehmigungen im Straßenraum.",
            tags: ["Schulen", "Glasfaser", "Breitband"],
            strategyCodes: ["Z6.1", "P6.1.1"],
            costs: euros((2027, 220_000, 0), (2028, 130_000, 14_000), (2029, 0, 14_000)),
            effort: fte(("40", 2027, 20), ("66", 2027, 30), ("66", 2028, 20), ("IT", 2028, 20)),
            status: .approved,
            history: [
                step(.idea, "2026-02-20"), step(.submitted, "2026-03-06"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"),
                step(.approved, "2026-09-15", "Förderbescheid liegt vor; Eigenanteil im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0028",
            title: "Digitaltreffs in Stadtbibliothek und Stadtteilzentren",
            summary: "Vier wöchentliche Sprechstunden, in denen Ehrenamtliche bei Smartphone, Online-Ausweis und städtischen Online-Diensten helfen.",
            description: """
                **Ausgangslage:** Ältere Menschen und Neuzugewanderte fragen im Bürgerbüro oft nach Hilfe mit \
                Online-Diensten.

                **Ziel:** Vier Digitaltreffs mit zusammen mindestens 1.500 Beratungen im Jahr.

                **Vorgehen:** Gewinnung und Schulung von Digitalpatinnen und -paten, Leihgeräte, Kooperation \
                mit Seniorenbeirat und Volkshochschule.
                """,
            departmentCode: "50", responsiblePerson: "Gül Aksoy", kind: .training,
            beneficiaries: [.citizens],
            benefitDescription: "Niemand wird abgehängt; Bürgerbüro wird bei Erklärfragen entlastet.",
            hoursSavedPerYear: 200, startOn: "2027-01-01", endOn: "2027-12-31",
            tags: ["Teilhabe", "Ehrenamt", "Senioren"],
            strategyCodes: ["Z6.2", "P6.2.1"],
            costs: euros((2027, 12_000, 8_000), (2028, 0, 8_000)),
            effort: fte(("50", 2027, 30)),
            status: .approved,
            history: [
                step(.idea, "2026-03-12"), step(.submitted, "2026-03-26"), step(.inReview, "2026-04-28"),
                step(.prioritized, "2026-06-24"),
                step(.approved, "2026-09-15", "Verwaltungsvorstand; Mittel im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0029",
            title: "Open-Data-Portal der Stadt",
            summary: "Städtische Daten werden in einem Open-Data-Portal unter offener Lizenz veröffentlicht und an das Landesportal gemeldet.",
            description: """
                **Ausgangslage:** Daten liegen verstreut in Ämtern; Anfragen von Presse, Wissenschaft und \
                Zivilgesellschaft werden einzeln beantwortet.

                **Ziel:** 80 Datensätze offen verfügbar, davon 20 automatisch aktualisiert.

                **Vorgehen:** Datenkatalog mit den Ämtern, Open-Source-Portal, Metadaten nach DCAT-AP.de, \
                Datenpatenschaften in jedem Amt.
                """,
            departmentCode: "62", responsiblePerson: "Olga Baumann", kind: .smartCity,
            beneficiaries: [.citizens, .businesses, .staff],
            benefitDescription: "Transparenz; weniger Einzelanfragen; Grundlage für Anwendungen Dritter.",
            hoursSavedPerYear: 400, startOn: "2027-04-01", endOn: "2028-12-31",
            tags: ["Open Data", "Datenplattform", "Transparenz"],
            strategyCodes: ["Z5.1", "P5.1.1"],
            costs: euros((2027, 35_000, 4_000), (2028, 0, 9_000)),
            effort: fte(("62", 2027, 50), ("62", 2028, 40), ("IT", 2027, 10)),
            status: .prioritized,
            history: [
                step(.idea, "2026-03-16"), step(.submitted, "2026-04-17"), step(.inReview, "2026-05-05"),
                step(.prioritized, "2026-06-24"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0030",
            title: "LoRaWAN-Netz und Bodenfeuchtesensoren für Stadtbäume",
            summary: "Gemeinsam mit den Stadtwerken entsteht ein stadtweites LoRaWAN-Netz; 100 Sensoren steuern die Bewässerung junger Stadtbäume.",
            description: """
                **Ausgangslage:** Jungbäume werden nach festem Plan gewässert – in Hitzesommern zu selten, sonst \
                oft unnötig.

                **Ziel:** Bewässerung nach Bedarf; Netz als Grundlage für weitere Sensorik.

                **Vorgehen:** Zehn Gateways auf städtischen Gebäuden, Sensoren an 100 Jungbäumen, Daten auf der \
                urbanen Datenplattform und im Stadtdashboard.
                """,
            departmentCode: "66", responsiblePerson: "Felix Brandt", kind: .smartCity,
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Weniger Baumverluste, rund 30 % weniger Gießfahrten.",
            hoursSavedPerYear: 500, startOn: "2027-03-01", endOn: "2028-06-30",
            risks: "Abstimmung mit den Stadtwerken über Betrieb und Kosten des Netzes.",
            tags: ["LoRaWAN", "Sensorik", "Klimaanpassung", "Stadtgrün"],
            strategyCodes: ["Z5.2", "P5.2.1"],
            costs: euros((2027, 55_000, 4_000), (2028, 15_000, 12_000), (2029, 0, 12_000)),
            effort: fte(("66", 2027, 40), ("66", 2028, 20), ("IT", 2027, 20)),
            status: .approved,
            history: [
                step(.idea, "2026-02-26"), step(.submitted, "2026-03-13"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"),
                step(.approved, "2026-09-15", "Verwaltungsvorstand; Mittel im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0031",
            title: "Parkraumsensorik in der Innenstadt",
            summary: "Sensoren erfassen die Belegung von 400 Stellplätzen; freie Plätze werden online und auf Anzeigetafeln angezeigt.",
            description: """
                **Ausgangslage:** Parksuchverkehr belastet die Innenstadt; die Auslastung ist nur aus \
                Stichproben bekannt.

                **Ziel:** Weniger Suchverkehr, Datengrundlage für die Parkraumbewirtschaftung.

                **Vorgehen:** Bodensensoren in vier Straßenzügen und zwei Parkplätzen, Anzeige im \
                Stadtdashboard und als offene Daten.
                """,
            departmentCode: "32", responsiblePerson: "Jan Pohlmann", kind: .smartCity,
            beneficiaries: [.citizens, .businesses],
            benefitDescription: "Kürzere Parksuche, weniger Emissionen; belastbare Daten für Gebühren und Zonen.",
            risks: "Haltbarkeit der Sensoren im Winterdienst; Folgekosten der Datenübertragung.",
            tags: ["Parken", "Sensorik", "Mobilität"],
            strategyCodes: ["Z5.2"],
            dependsOn: ["P-0030"],
            costs: euros((2028, 160_000, 10_000), (2029, 0, 25_000)),
            effort: fte(("32", 2028, 20), ("66", 2028, 20), ("IT", 2028, 10)),
            status: .deferred,
            history: [
                step(.idea, "2026-03-20"), step(.submitted, "2026-04-09"), step(.inReview, "2026-05-04"),
                step(.deferred, "2026-06-24", "Erst nach Aufbau des LoRaWAN-Netzes (P-0030) sinnvoll; erneute Bewertung in der Abfrage 2028."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0032",
            title: "XPlanung: Bebauungspläne digitalisieren und im Geoportal veröffentlichen",
            summary: "Alle rund 220 rechtskräftigen Bebauungspläne werden XPlanung-konform vektorisiert und online abrufbar gemacht.",
            description: """
                **Ausgangslage:** Bebauungspläne liegen als Papier und Rasterscans vor; Auskünfte erfordern \
                einen Blick ins Planarchiv.

                **Ziel:** Alle Pläne XPlanung-konform im Geoportal; neue Verfahren direkt in XPlanung.

                **Vorgehen:** Vektorisierung durch einen Dienstleister in drei Losen, Qualitätssicherung im \
                Amt, Veröffentlichung über Geoportal und Landesdienste.
                """,
            departmentCode: "61", responsiblePerson: "Mareike Sander", kind: .processOptimization,
            legalObligation: true, legalReference: "Beschluss des IT-Planungsrats zum Standard XPlanung",
            beneficiaries: [.citizens, .businesses, .staff],
            benefitDescription: "Bauherren und Planungsbüros finden Festsetzungen online; weniger Auskunftsanfragen.",
            hoursSavedPerYear: 700, startOn: "2026-09-14", endOn: "2028-12-31",
            tags: ["XPlanung", "Bauleitplanung", "Geoportal"],
            strategyCodes: ["Z5.3", "P5.3.1"],
            costs: euros((2026, 30_000, 0), (2027, 60_000, 3_000), (2028, 50_000, 6_000)),
            effort: fte(("61", 2026, 20), ("61", 2027, 50), ("61", 2028, 50), ("62", 2027, 20)),
            status: .inProgress,
            history: [
                step(.idea, "2026-02-17"), step(.submitted, "2026-03-03"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"), step(.approved, "2026-07-07"), step(.inProgress, "2026-09-14"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0033",
            title: "Mängelmelder für Straßen, Grünflächen und Beleuchtung",
            summary: "Bürgerinnen und Bürger melden Schlaglöcher, defekte Laternen oder wilden Müll online mit Foto und Standort.",
            description: """
                **Ausgangslage:** Meldungen kommen per Telefon und E-Mail an verschiedene Stellen und gehen \
                teilweise verloren.

                **Ziel:** Ein Meldeweg, Weiterleitung an den Bauhof, Rückmeldung an die Meldenden.

                **Vorgehen:** Nachnutzung einer bewährten Lösung anderer Kommunen, Anbindung an die \
                Auftragsverwaltung des Bauhofs.
                """,
            departmentCode: "66", responsiblePerson: "Dirk Höfer", kind: .onlineService,
            administrativeService: "Mängel im öffentlichen Raum melden",
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Schnellere Behebung; Meldende sehen den Bearbeitungsstand.",
            hoursSavedPerYear: 450, startOn: "2027-02-01", endOn: "2027-06-30",
            tags: ["Mängelmelder", "Bürgerbeteiligung", "Online-Dienst"],
            strategyCodes: ["HF1", "Z1.1"],
            costs: euros((2027, 9_000, 4_000), (2028, 0, 4_000)),
            effort: fte(("66", 2027, 20)),
            status: .prioritized,
            history: [
                step(.idea, "2025-04-07"), step(.submitted, "2025-04-22"), step(.inReview, "2025-05-12"),
                step(.deferred, "2025-06-24", "Haushaltssperre 2025: keine neuen freiwilligen Vorhaben."),
                step(.submitted, "2026-03-04", "Zur Projektabfrage 2026 erneut eingereicht."),
                step(.inReview, "2026-04-27"), step(.prioritized, "2026-06-24"),
            ],
            inCallCode: "ABF-2026"
        ),
    ]
}
