// Musterstadt's projects from the open call 2027/2028: internal services, IT and staff (P-0040–P-0045).

extension DemoMunicipality {
    static let musterstadtProjectsCall2027Internal: [DemoProject] = [
        DemoProject(
            code: "P-0040",
            title: "Schulnetz: zentral verwaltetes WLAN an allen Schulstandorten",
            summary: "Einheitliches, zentral administriertes WLAN für alle Schulen mit getrennten Netzen für Unterricht, Verwaltung und Gäste.",
            description: """
                **Ausgangslage:** Jede Schule hat über die Jahre eigene Access Points verschiedener Hersteller \
                beschafft. Der IT-Service kann Störungen nicht aus der Ferne beheben; viele Geräte erhalten \
                keine Sicherheitsupdates mehr.

                **Ziel:** Ein WLAN-Controller für alle Schulen, standardisierte Hardware, Netztrennung und \
                Überwachung aus dem IT-Service.

                **Vorgehen:**
                - Bestandsaufnahme der Access Points und Switche
                - Rahmenvertrag für Hardware, Austausch im Zuge der Glasfaseranbindung
                - Einheitliche Netze und Anmeldung für Lehrkräfte, Schülerinnen und Schüler
                """,
            departmentCode: "IT", responsiblePerson: "Sebastian Wolff", kind: .infrastructure,
            beneficiaries: [.citizens, .staff],
            benefitDescription: "Weniger Störungen im Unterricht; Support aus der Ferne statt Vor-Ort-Einsätzen.",
            hoursSavedPerYear: 900, startOn: "2027-08-01", endOn: "2028-12-31",
            risks: "Abstimmung mit dem Amt für Schule und Sport zum Ausbau in den Unterrichtsräumen nötig.",
            tags: ["WLAN", "Schulen", "Netzwerk"],
            strategyCodes: ["Z6.1", "P6.1.1"],
            dependsOn: ["P-0027"],
            costs: euros((2027, 200_000, 10_000), (2028, 250_000, 30_000), (2029, 0, 30_000)),
            effort: fte(("IT", 2027, 60), ("IT", 2028, 80)),
            status: .submitted,
            history: [step(.idea, "2026-11-03"), step(.submitted, "2026-11-16")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0041",
            title: "E-Learning-Plattform für Pflichtunterweisungen (Arbeitsschutz, Datenschutz, Informationssicherheit)",
            summary: "Die jährlichen Pflichtunterweisungen werden als Online-Kurse auf einer Lernplattform angeboten und dokumentiert.",
            description: """
                **Ausgangslage:** Rund 900 Beschäftigte müssen jährlich unterwiesen werden; Präsenztermine und \
                Unterschriftenlisten binden viel Zeit, Nachweise sind lückenhaft.

                **Ziel:** Jede und jeder absolviert die Unterweisungen online; Vorgesetzte sehen den Stand \
                ihres Teams.

                **Vorgehen:** Lernmanagementsystem mit fertigen Kursen, automatische Erinnerungen, Bericht \
                für Fachkraft für Arbeitssicherheit und Datenschutzbeauftragte.
                """,
            departmentCode: "10", responsiblePerson: "Yvonne Krüger", kind: .training,
            beneficiaries: [.staff],
            benefitDescription: "Lückenlose Nachweise; Beschäftigte lernen, wann es passt.",
            hoursSavedPerYear: 800, startOn: "2027-04-01", endOn: "2027-12-31",
            tags: ["Lernplattform", "Unterweisung", "Arbeitsschutz", "Informationssicherheit"],
            strategyCodes: ["Z3.1", "Z4.1"],
            costs: euros((2027, 12_000, 6_000), (2028, 0, 8_000)),
            effort: fte(("10", 2027, 20), ("IT", 2027, 10)),
            status: .submitted,
            history: [step(.idea, "2026-11-04"), step(.submitted, "2026-11-18")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0042",
            title: "Ausgangsrechnungen als E-Rechnung",
            summary: "Rechnungen der Stadt an Unternehmen, etwa aus Betrieben gewerblicher Art, werden als E-Rechnung erstellt und versendet.",
            description: """
                **Ausgangslage:** Ausgangsrechnungen werden als Papier oder PDF versandt. Für Umsätze mit \
                Unternehmen wird die strukturierte E-Rechnung verpflichtend.

                **Ziel:** Alle umsatzsteuerpflichtigen Ausgangsrechnungen an Unternehmen gehen als E-Rechnung \
                hinaus.

                **Vorgehen:** Bestandsaufnahme der Betriebe gewerblicher Art, Erweiterung des \
                Finanzverfahrens, Versand über den Rechnungsworkflow.
                """,
            departmentCode: "20", responsiblePerson: "Kerstin Albrecht", kind: .processOptimization,
            legalObligation: true, legalReference: "§ 14 Umsatzsteuergesetz (E-Rechnungspflicht nach dem Wachstumschancengesetz)",
            legalDeadline: "2028-01-01",
            beneficiaries: [.businesses, .staff],
            benefitDescription: "Rechtssicherheit; Empfänger verarbeiten Rechnungen automatisch, Zahlungen kommen schneller.",
            hoursSavedPerYear: 300, businessHoursSavedPerYear: 400, startOn: "2027-01-01", endOn: "2027-12-31",
            risks: "Eine Ablösung der Finanzsoftware (P-0020) muss die Lösung übernehmen.",
            tags: ["E-Rechnung", "XRechnung", "Steuern"],
            strategyCodes: ["Z2.4", "P2.4.1"],
            dependsOn: ["P-0007"],
            costs: euros((2027, 25_000, 2_500), (2028, 0, 5_000)),
            effort: fte(("20", 2027, 30), ("IT", 2027, 10)),
            status: .submitted,
            history: [step(.idea, "2026-11-06"), step(.submitted, "2026-11-13")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0043",
            title: "Digitale Personalakte",
            summary: "Die Personalakten der rund 900 Beschäftigten werden digital geführt; der Bestand wird gescannt.",
            description: """
                **Ausgangslage:** Papierpersonalakten in Hängeregistraturen; Einsicht nur im Personalamt.

                **Ziel:** Neue Vorgänge nur noch digital, Bestandsakten gescannt, Einsicht für Beschäftigte \
                auf Antrag digital.

                **Vorgehen:** Aktenplan für Personalakten in der E-Akte, Berechtigungskonzept mit Personalrat \
                und Datenschutz, Scandienstleister für den Bestand.
                """,
            departmentCode: "11", responsiblePerson: "Anja Reuter", kind: .processOptimization,
            beneficiaries: [.staff],
            benefitDescription: "Schnellerer Zugriff, Vertretung möglich, Grundlage für mobiles Arbeiten im Personalamt.",
            hoursSavedPerYear: 900, startOn: "2028-01-01", endOn: "2028-12-31",
            risks: "Besonders schutzwürdige Daten; Beteiligung des Personalrats.",
            tags: ["Personalakte", "E-Akte", "Personal"],
            strategyCodes: ["Z2.1", "HF3"],
            dependsOn: ["P-0001"],
            costs: euros((2028, 40_000, 6_000), (2029, 0, 6_000)),
            effort: fte(("11", 2028, 40), ("10.2", 2028, 10)),
            status: .submitted,
            history: [step(.idea, "2026-11-09"), step(.submitted, "2026-11-17")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0044",
            title: "Cloud-Telefonie statt Telefonanlage",
            summary: "Die abgekündigte Telefonanlage wird durch Cloud-Telefonie aus einem kommunalen Rechenzentrum mit Softphones ersetzt.",
            description: """
                **Ausgangslage:** Der Wartungsvertrag der Telefonanlage endet 2028; Ersatzteile sind kaum noch \
                erhältlich.

                **Ziel:** Telefonie über Notebook und Headset an jedem Ort, Anbindung an die Terminvergabe \
                und das Bürgertelefon.

                **Vorgehen:** Abruf aus dem Rahmenvertrag des Rechenzentrums, Umstellung standortweise, \
                Erhalt der Rufnummern.
                """,
            departmentCode: "IT", responsiblePerson: "Sebastian Wolff", kind: .infrastructure,
            beneficiaries: [.staff, .citizens],
            benefitDescription: "Erreichbarkeit auch im Homeoffice; keine Investition in eine neue Anlage.",
            startOn: "2027-09-01", endOn: "2028-06-30",
            risks: "Notrufe und Aufzugnotruf müssen gesondert gelöst werden.",
            tags: ["Telefonie", "Arbeitsplatz", "Rechenzentrum"],
            strategyCodes: ["Z4.2", "P4.2.1"],
            costs: euros((2027, 40_000, 10_000), (2028, 20_000, 55_000), (2029, 0, 55_000)),
            effort: fte(("IT", 2027, 40), ("IT", 2028, 40)),
            status: .submitted,
            history: [step(.idea, "2026-11-03"), step(.submitted, "2026-11-10")],
            inCallCode: "ABF-2027"
        ),
        DemoProject(
            code: "P-0045",
            title: "Pilot: KI-Textassistent für die Verwaltung",
            summary: "Ein datenschutzkonformer KI-Assistent hilft in drei Pilotämtern beim Zusammenfassen, Formulieren und Recherchieren.",
            description: """
                **Ausgangslage:** Beschäftigte nutzen privat KI-Werkzeuge; dienstlich gibt es weder ein \
                Angebot noch Regeln.

                **Ziel:** Ein sicherer Assistent aus einem deutschen Rechenzentrum, Nutzungsregeln und \
                Schulung zur KI-Kompetenz (Art. 4 KI-Verordnung).

                *Entwurf – wird vor Einreichung mit der Informationssicherheit abgestimmt.*
                """,
            departmentCode: "10", responsiblePerson: "Jörg Hellwig", kind: .other,
            beneficiaries: [.staff],
            hoursSavedPerYear: 1_000, startOn: "2027-03-01", endOn: "2027-12-31",
            risks: "Datenschutz und Informationssicherheit; falsche Antworten ohne Prüfung.",
            tags: ["KI", "Pilot"],
            strategyCodes: ["HF2", "Z3.1"],
            dependsOn: ["P-0009"],
            costs: euros((2027, 15_000, 12_000)),
            effort: fte(("10", 2027, 20), ("IT", 2027, 10), ("SD", 2027, 10)),
            status: .idea,
            history: [step(.idea, "2026-11-16")],
            inCallCode: "ABF-2027"
        ),
    ]
}
