// Musterstadt's projects from the call 2026: administration, staff and processes (P-0020–P-0025).

extension DemoMunicipality {
    static let musterstadtProjectsCall2026Administration: [DemoProject] = [
        DemoProject(
            code: "P-0020",
            title: "Ablösung der Finanzsoftware",
            summary: "Das doppische Finanzverfahren wird durch eine moderne, webbasierte Lösung mit integriertem Rechnungsworkflow ersetzt.",
            description: """
                **Ausgangslage:** Das Finanzverfahren läuft seit der Doppik-Umstellung; Auswertungen entstehen \
                in Tabellen, Schnittstellen sind teuer.

                **Ziel:** Ein Verfahren für Haushalt, Buchhaltung, Anlagen und Kasse mit Self-Service-Berichten \
                für die Ämter.

                **Vorgehen:**
                - Markterkundung und Anforderungskatalog 2027
                - Vergabe und Migration 2028, Echtstart zum Jahreswechsel 2029
                - Schulung aller rund 120 anordnungsbefugten Beschäftigten
                """,
            departmentCode: "20", responsiblePerson: "Frank Oltmanns", kind: .softwareReplacement,
            beneficiaries: [.staff],
            benefitDescription: "Aktuelle Finanzberichte für Ämter und Politik ohne Handarbeit; weniger Schnittstellenpflege.",
            hoursSavedPerYear: 2_500, startOn: "2028-01-01", endOn: "2029-12-31",
            risks: "Großes Vorhaben mit Jahresabschluss-Risiko; Umstellung nur zum Jahreswechsel möglich; Personalengpass in der Kämmerei.",
            tags: ["Finanzsoftware", "Doppik", "Fachverfahren"],
            strategyCodes: ["HF2", "Z2.4"],
            costs: euros((2027, 30_000, 0), (2028, 250_000, 40_000), (2029, 100_000, 85_000), (2030, 0, 85_000)),
            effort: fte(("20", 2027, 30), ("20", 2028, 150), ("20", 2029, 100), ("IT", 2028, 50), ("IT", 2029, 30)),
            status: .inReview,
            history: [
                step(.idea, "2026-03-02"), step(.submitted, "2026-04-10"), step(.inReview, "2026-05-04"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0021",
            title: "E-Learning-Plattform für die Digitalakademie",
            summary: "Eine Lernplattform bündelt Online-Kurse, Lernvideos und Anmeldungen zu Präsenzschulungen der Digitalakademie.",
            description: """
                **Ausgangslage:** Fortbildungen werden per E-Mail angeboten und in Listen nachgehalten; \
                Selbstlernangebote fehlen.

                **Ziel:** Alle Beschäftigten finden Kurse an einem Ort und lernen zeitlich flexibel.

                **Vorgehen:** Open-Source-Lernplattform beim kommunalen IT-Dienstleister, erste 15 Kurse \
                (E-Akte, Videokonferenz, Datenschutz), Nachweis der Teilnahme für die Personalakte.
                """,
            departmentCode: "11", responsiblePerson: "Nina Hartwig", kind: .training,
            beneficiaries: [.staff],
            benefitDescription: "Schulungen ohne Dienstreise und Raumbuchung; Schichtdienste und Teilzeitkräfte erreichen Kurse besser.",
            hoursSavedPerYear: 1_000, startOn: "2027-03-01", endOn: "2027-12-31",
            tags: ["E-Learning", "Lernplattform", "Qualifizierung"],
            strategyCodes: ["Z3.1", "P3.1.1"],
            costs: euros((2027, 15_000, 9_000), (2028, 5_000, 9_000)),
            effort: fte(("11", 2027, 50), ("11", 2028, 30), ("IT", 2027, 10)),
            status: .prioritized,
            history: [
                step(.idea, "2026-02-19"), step(.submitted, "2026-03-05"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0022",
            title: "Bewerbermanagement mit Karriereportal",
            summary: "Stellenausschreibung, Online-Bewerbung und Auswahlverfahren laufen digital, mit Beteiligung des Personalrats.",
            description: """
                **Ausgangslage:** Bewerbungen kommen per E-Mail und Post; Auswahlkommissionen erhalten Kopien.

                **Ziel:** Alle Stellenbesetzungen laufen über ein Bewerbermanagementsystem; im Durchschnitt \
                unter zehn Wochen bis zur Zusage.

                **Vorgehen:** Ausschreibung als Software-as-a-Service, Karriereseite im Stadtdesign, \
                Dienstvereinbarung mit dem Personalrat.
                """,
            departmentCode: "11", responsiblePerson: "Robert Simon", kind: .processOptimization,
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Bewerbung ohne Registrierungszwang; schnellere Verfahren im Wettbewerb um Fachkräfte.",
            hoursSavedPerYear: 1_600, startOn: "2027-01-01", endOn: "2027-09-30",
            risks: "Dienstvereinbarung mit dem Personalrat ist Voraussetzung für den Echtbetrieb.",
            tags: ["Personalgewinnung", "Karriereportal", "Bewerbermanagement"],
            strategyCodes: ["Z3.3", "P3.3.1"],
            costs: euros((2027, 30_000, 14_000), (2028, 0, 14_000)),
            effort: fte(("11", 2027, 40), ("IT", 2027, 10)),
            status: .approved,
            history: [
                step(.idea, "2026-02-19"), step(.submitted, "2026-02-24"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"),
                step(.approved, "2026-09-15", "Verwaltungsvorstand; Mittel im Haushaltsentwurf 2027."),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0023",
            title: "Mobiles Arbeiten: Dienstvereinbarung, Ausstattung und Desk-Sharing-Pilot",
            summary: "Neue Dienstvereinbarung zum mobilen Arbeiten, Notebooks statt Desktop-PCs und ein Desk-Sharing-Pilot im Rathaus.",
            description: """
                **Ausgangslage:** Mobiles Arbeiten ist seit der Pandemie geduldet, aber nicht geregelt; rund \
                40 % der Büroarbeitsplätze haben ein Notebook.

                **Ziel:** Alle Büroarbeitsplätze sind mobil nutzbar; klare Regeln für Erreichbarkeit und \
                Arbeitsschutz.

                **Vorgehen:** Dienstvereinbarung mit dem Personalrat, Austausch der Geräte im Lebenszyklus, \
                Desk-Sharing-Pilot mit 40 Arbeitsplätzen im Hauptamt.
                """,
            departmentCode: "11", responsiblePerson: "Sevgi Demir", kind: .other,
            beneficiaries: [.staff],
            benefitDescription: "Attraktivere Arbeitgeberin; Bürofläche kann reduziert werden; weniger Pendelzeiten.",
            startOn: "2027-01-01", endOn: "2028-06-30",
            risks: "Gerätepreise; Akzeptanz von Desk-Sharing.",
            tags: ["Mobiles Arbeiten", "Arbeitsplatz", "Personal"],
            strategyCodes: ["Z4.2", "P4.2.1", "HF3"],
            costs: euros((2027, 180_000, 12_000), (2028, 150_000, 20_000)),
            effort: fte(("11", 2027, 30), ("IT", 2027, 80), ("IT", 2028, 60), ("10", 2027, 20)),
            status: .prioritized,
            history: [
                step(.idea, "2026-03-11"), step(.submitted, "2026-04-02"), step(.inReview, "2026-05-04"),
                step(.prioritized, "2026-06-24"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0024",
            title: "Prozesslandkarte und Prozessmodellierung",
            summary: "Aufbau einer städtischen Prozesslandkarte und Modellierung der 40 wichtigsten Kernprozesse in BPMN.",
            description: """
                **Ausgangslage:** Abläufe sind kaum dokumentiert; Digitalisierung bildet oft den Papierprozess nach.

                **Ziel:** 40 Kernprozesse modelliert, vereinfacht und als Grundlage für Digitalisierungsprojekte \
                verfügbar.

                **Vorgehen:** Modellierungswerkzeug, Prozessworkshops mit den Ämtern, Austausch von \
                Prozessmodellen mit Nachbarkommunen.
                """,
            departmentCode: "10.2", responsiblePerson: "Lena Marquardt", kind: .processOptimization,
            beneficiaries: [.staff, .citizens],
            benefitDescription: "Erst der Prozess, dann die Software: Projekte starten mit einem gemeinsamen Bild des Ablaufs.",
            hoursSavedPerYear: 3_000, startOn: "2026-08-03", endOn: "2028-12-31",
            tags: ["Prozessmanagement", "BPMN"],
            strategyCodes: ["Z2.2", "P2.2.1"],
            costs: euros((2026, 15_000, 1_000), (2027, 10_000, 5_000), (2028, 0, 5_000)),
            effort: fte(("10.2", 2026, 50), ("10.2", 2027, 100), ("10.2", 2028, 100)),
            status: .inProgress,
            history: [
                step(.idea, "2026-02-16"), step(.submitted, "2026-02-18"), step(.inReview, "2026-04-27"),
                step(.prioritized, "2026-06-24"), step(.approved, "2026-07-07"), step(.inProgress, "2026-08-03"),
            ],
            inCallCode: "ABF-2026"
        ),
        DemoProject(
            code: "P-0025",
            title: "Eigene Bürger-App „Musterstadt mobil“",
            summary: "Eine städtische App mit Nachrichten, Terminen, Mängelmeldungen und Zugang zu Online-Diensten.",
            description: """
                **Ausgangslage:** Viele Menschen nutzen städtische Angebote vor allem auf dem Smartphone.

                **Ziel:** Alle städtischen Informationen und Dienste in einer App.

                **Vorgehen:** Entwicklung durch eine Agentur, Redaktion in der Pressestelle.
                """,
            departmentCode: "10", responsiblePerson: "Svenja Lindner", kind: .onlineService,
            beneficiaries: [.citizens],
            startOn: "2027-01-01", endOn: "2027-12-31",
            risks: "Hohe Folgekosten für Pflege, Barrierefreiheit und Betriebssystem-Updates.",
            tags: ["App", "Bürgerservice"],
            strategyCodes: ["HF1"],
            dependsOn: ["P-0003"],
            costs: euros((2027, 120_000, 10_000), (2028, 0, 25_000)),
            effort: fte(("10", 2027, 50), ("IT", 2027, 20)),
            status: .cancelled,
            history: [
                step(.idea, "2026-03-18"), step(.submitted, "2026-04-16"), step(.inReview, "2026-05-04"),
                step(.cancelled, "2026-06-24", "In der Priorisierungsrunde verworfen: Landesportal, Online-Terminvergabe (P-0011) und Mängelmelder (P-0033) decken die Funktionen ab; eine eigene App wäre in Pflege und Barrierefreiheit zu teuer. Stattdessen wird die Website mobil optimiert."),
            ],
            inCallCode: "ABF-2026"
        ),
    ]
}
