// Musterstadt's fields of action with their goals and programs: services, administration, staff (HF1–HF3).

extension DemoMunicipality {
    static let musterstadtFieldsOfAction: [DemoFieldOfAction] = musterstadtFieldsOfActionPeopleAndServices + musterstadtFieldsOfActionInfrastructure

    static let musterstadtFieldsOfActionPeopleAndServices: [DemoFieldOfAction] = [
        DemoFieldOfAction(
            code: "HF1",
            title: "Bürger- und Unternehmensservices",
            description: """
                Die Leistungen der Stadt sollen dort erreichbar sein, wo die Menschen sind: online, mobil und \
                weiterhin persönlich. Wir setzen das **Onlinezugangsgesetz** konsequent um und nutzen dafür \
                vorrangig landesweit bereitgestellte „Einer für Alle“-Dienste.
                """,
            goals: [
                DemoGoal(
                    code: "Z1.1",
                    title: "Verwaltungsleistungen vollständig online",
                    description: "Die am häufigsten genutzten Leistungen lassen sich von der Antragstellung bis zum Bescheid digital abwickeln.",
                    targetStatement: "Bis 31.12.2028 sind die 60 am häufigsten nachgefragten Verwaltungsleistungen der Stadt vollständig online beantragbar (mindestens Reifegrad 3 nach OZG-Reifegradmodell).",
                    targetYear: 2028,
                    responsibleDepartmentCode: "SD",
                    programs: [
                        DemoProgram(
                            code: "P1.1.1",
                            title: "Online-Dienste-Offensive",
                            description: """
                                Ämterübergreifende Einführung der Online-Dienste aus dem Landesportal, Anbindung \
                                an BundID und ePayment sowie digitale Zustellung von Bescheiden in das Postfach \
                                der Antragstellenden. Reihenfolge nach Fallzahlen und Aufwand im Bürgeramt.
                                """,
                            responsibleDepartmentCode: "SD"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z1.2",
                    title: "Kurze Wege im Bürgeramt",
                    description: "Termine sind schnell und bequem buchbar, Wartezeiten sinken spürbar.",
                    targetStatement: "Bis 30.06.2027 werden 90 % der Termine im Bürgeramt online gebucht, und die durchschnittliche Wartezeit auf einen freien Termin liegt unter 5 Arbeitstagen.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "33",
                    programs: [
                        DemoProgram(
                            code: "P1.2.1",
                            title: "Bürgerbüro 2027",
                            description: """
                                Neue Online-Terminvergabe mit Erinnerungsfunktion, Selbstbedienungsterminal für \
                                biometrische Passfotos und Abholfächer für Ausweisdokumente außerhalb der \
                                Öffnungszeiten.
                                """,
                            responsibleDepartmentCode: "33"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z1.3",
                    title: "Digitale Services für Unternehmen",
                    description: "Betriebe und Bauherren reichen Anzeigen und Anträge ohne Papier ein und verfolgen den Bearbeitungsstand online.",
                    targetStatement: "Bis 31.12.2029 gehen mindestens 70 % aller Gewerbeanzeigen, Sondernutzungsanträge und Bauanträge digital ein; alle 12 unternehmensbezogenen Leistungen der Stadt sind online verfügbar.",
                    targetYear: 2029,
                    responsibleDepartmentCode: "32",
                    programs: [
                        DemoProgram(
                            code: "P1.3.1",
                            title: "Digitaler Bauantrag",
                            description: "Einführung des digitalen Baugenehmigungsverfahrens nach XBau mit elektronischer Beteiligung der Träger öffentlicher Belange und Statusabfrage für Bauherren.",
                            responsibleDepartmentCode: "63"
                        ),
                    ]
                ),
            ]
        ),
        DemoFieldOfAction(
            code: "HF2",
            title: "Digitale Verwaltung und Prozesse",
            description: """
                Was außen digital beginnt, muss innen digital weiterlaufen. Wir führen die **E-Akte** \
                flächendeckend ein, vereinfachen Abläufe vor ihrer Digitalisierung und schließen Medienbrüche \
                zwischen Online-Antrag, Fachverfahren und Archiv.
                """,
            goals: [
                DemoGoal(
                    code: "Z2.1",
                    title: "E-Akte in der gesamten Verwaltung",
                    description: "Akten werden nur noch elektronisch geführt; Suchen, Mitzeichnen und Vertretung funktionieren ortsunabhängig.",
                    targetStatement: "Bis 31.12.2027 arbeiten alle 14 Ämter und Stabsstellen ausschließlich mit der E-Akte; neue Papierakten werden nicht mehr angelegt.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "10",
                    programs: [
                        DemoProgram(
                            code: "P2.1.1",
                            title: "Rollout E-Akte",
                            description: """
                                Einführung der E-Akte in vier Wellen je Dezernat, jeweils mit Aktenplan, \
                                Schulung, Key-Usern und zentralem Scan-Posteingang. Start mit Hauptamt und \
                                Kämmerei als Pilotbereichen.
                                """,
                            responsibleDepartmentCode: "10.2"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z2.2",
                    title: "Medienbruchfreie Kernprozesse",
                    description: "Die wichtigsten Abläufe sind dokumentiert, vereinfacht und durchgängig digital.",
                    targetStatement: "Bis 31.12.2028 sind 40 Kernprozesse modelliert, optimiert und ohne Medienbruch an die jeweiligen Fachverfahren angebunden.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "10.2",
                    programs: [
                        DemoProgram(
                            code: "P2.2.1",
                            title: "Prozesslandkarte und Prozessmanagement",
                            description: """
                                Aufbau einer städtischen Prozesslandkarte, Modellierung in BPMN und \
                                Prozessworkshops mit den Fachämtern. Erfolgreiche Lösungen werden als Vorlagen \
                                mit Nachbarkommunen geteilt.
                                """,
                            responsibleDepartmentCode: "10.2"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z2.3",
                    title: "Papierlose Gremienarbeit",
                    description: "Vorlagen entstehen, laufen und werden beraten ohne Papier – für Verwaltung und Ehrenamt.",
                    targetStatement: "Bis 30.09.2027 werden 100 % der Sitzungsunterlagen für Rat, Ausschüsse und Ortsbeiräte ausschließlich digital bereitgestellt, und alle Vorlagen durchlaufen einen elektronischen Mitzeichnungsworkflow.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "10",
                    programs: [
                        DemoProgram(
                            code: "P2.3.1",
                            title: "Digitale Vorlagen- und Sitzungsarbeit",
                            description: """
                                Modernisierung des Ratsinformationssystems, elektronischer Vorlagenworkflow \
                                und Tablets mit Sitzungs-App für alle Mandatsträgerinnen und Mandatsträger.
                                """,
                            responsibleDepartmentCode: "10"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z2.4",
                    title: "Elektronische Rechnungsbearbeitung",
                    description: "Rechnungen werden elektronisch empfangen, geprüft und freigegeben.",
                    targetStatement: "Bis 31.12.2027 gehen 95 % aller Eingangsrechnungen elektronisch (XRechnung oder ZUGFeRD) ein und werden ohne Ausdruck im Workflow geprüft und angeordnet.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "20",
                    programs: [
                        DemoProgram(
                            code: "P2.4.1",
                            title: "Digitaler Rechnungsworkflow",
                            description: "Zentraler Rechnungseingang, automatische Erfassung und Freigabe im Finanzverfahren; Information der Lieferanten über die E-Rechnungspflicht.",
                            responsibleDepartmentCode: "20"
                        ),
                    ]
                ),
            ]
        ),
        DemoFieldOfAction(
            code: "HF3",
            title: "Personal und Kompetenzen",
            description: """
                Die digitale Transformation ist vor allem ein Wandel der Arbeitskultur. Wir befähigen \
                Beschäftigte und Führungskräfte, neue Werkzeuge sicher zu nutzen, und machen die Stadt als \
                moderne Arbeitgeberin sichtbar.
                """,
            goals: [
                DemoGoal(
                    code: "Z3.1",
                    title: "Digitale Grundkompetenzen für alle",
                    description: "Alle Beschäftigten kennen die digitalen Basiswerkzeuge der Stadt und wissen, wo sie Hilfe finden.",
                    targetStatement: "Bis 31.12.2027 haben 80 % der rund 900 Beschäftigten mindestens ein Qualifizierungsangebot zu digitalen Grundkompetenzen abgeschlossen.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "11",
                    programs: [
                        DemoProgram(
                            code: "P3.1.1",
                            title: "Digitalakademie Musterstadt",
                            description: "Modulares Fortbildungsprogramm aus kurzen Präsenz- und Online-Formaten: E-Akte, Videokonferenzen, Datenschutz im Alltag, kollaboratives Arbeiten.",
                            responsibleDepartmentCode: "11"
                        ),
                        DemoProgram(
                            code: "P3.1.2",
                            title: "Netzwerk Digitallotsinnen und Digitallotsen",
                            description: """
                                In jedem Amt unterstützt mindestens eine geschulte Person die Kolleginnen und \
                                Kollegen bei Einführungen und sammelt Verbesserungsideen für die Stabsstelle.
                                """,
                            responsibleDepartmentCode: "SD"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z3.2",
                    title: "Führen im digitalen Wandel",
                    description: "Führungskräfte gehen bei digitalen Themen voran und geben ihren Teams Raum zum Ausprobieren.",
                    targetStatement: "Bis 30.06.2028 haben alle 45 Führungskräfte das Modul „Führen im digitalen Wandel“ abgeschlossen und führen jährlich ein Teamgespräch zum Stand der Digitalisierung.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "11",
                    programs: []
                ),
                DemoGoal(
                    code: "Z3.3",
                    title: "Digitale Personalgewinnung",
                    description: "Bewerbungen sind einfach möglich, Stellen werden schneller besetzt.",
                    targetStatement: "Bis 31.12.2027 laufen 100 % der Stellenbesetzungsverfahren über ein Bewerbermanagementsystem, und die Zeit von der Ausschreibung bis zur Zusage liegt im Durchschnitt unter 10 Wochen.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "11",
                    programs: [
                        DemoProgram(
                            code: "P3.3.1",
                            title: "Karriereportal und Bewerbermanagement",
                            description: """
                                Einführung einer Bewerbermanagementsoftware mit städtischem Karriereportal, \
                                Online-Bewerbung ohne Registrierungszwang und digitaler Beteiligung des \
                                Personalrats.
                                """,
                            responsibleDepartmentCode: "11"
                        ),
                    ]
                ),
            ]
        ),
    ]
}
