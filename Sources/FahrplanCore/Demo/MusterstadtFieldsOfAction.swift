// Musterstadt's fields of action with their goals and programs.

// MARK: - Handlungsfelder, Ziele und Programme

extension DemoMunicipality {
    static let musterstadtFieldsOfAction: [DemoFieldOfAction] = [
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
        DemoFieldOfAction(
            code: "HF4",
            title: "IT-Infrastruktur und Informationssicherheit",
            description: """
                Stabile, sichere und moderne IT ist die Grundlage aller anderen Handlungsfelder. Wir bauen die \
                Informationssicherheit systematisch aus und schaffen Arbeitsplätze, die mobiles und \
                ortsunabhängiges Arbeiten ermöglichen.
                """,
            goals: [
                DemoGoal(
                    code: "Z4.1",
                    title: "Informationssicherheit nach BSI-Standard",
                    description: "Ein gelebtes Informationssicherheitsmanagement schützt Daten und Systeme der Stadt.",
                    targetStatement: "Bis 31.12.2027 erfüllt die Stadt die Basis-Absicherung nach BSI IT-Grundschutz vollständig, und 100 % der Beschäftigten mit PC-Arbeitsplatz absolvieren jährlich eine Sensibilisierungsschulung.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "IT",
                    programs: [
                        DemoProgram(
                            code: "P4.1.1",
                            title: "Informationssicherheit und Notfallvorsorge",
                            description: """
                                Aufbau eines ISMS mit Informationssicherheitsbeauftragter, Notfallhandbuch, \
                                regelmäßigen Wiederherstellungstests der Datensicherung und jährlichen \
                                Phishing-Übungen.
                                """,
                            responsibleDepartmentCode: "IT"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z4.2",
                    title: "Moderner, mobiler Arbeitsplatz",
                    description: "Beschäftigte können sicher von jedem Standort und aus dem Homeoffice arbeiten.",
                    targetStatement: "Bis 30.06.2028 sind 100 % der Büroarbeitsplätze mobil nutzbar (Notebook, gesicherter Fernzugriff, Softphone), und alle 12 Verwaltungsstandorte sind mit mindestens 1 Gbit/s angebunden.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "IT",
                    programs: [
                        DemoProgram(
                            code: "P4.2.1",
                            title: "Arbeitsplatz 2028",
                            description: "Schrittweiser Austausch der Desktop-PCs, Umstellung auf Cloud-Telefonie aus einem kommunalen Rechenzentrum und Glasfaseranbindung der Außenstellen.",
                            responsibleDepartmentCode: "IT"
                        ),
                    ]
                ),
            ]
        ),
        DemoFieldOfAction(
            code: "HF5",
            title: "Daten und Smart City",
            description: """
                Daten sind eine gemeinsame Ressource von Verwaltung, Politik und Stadtgesellschaft. Wir machen \
                städtische Daten **offen zugänglich**, nutzen Sensorik für eine klimaresiliente Stadt und planen \
                mit digitalen, standardisierten Plänen.
                """,
            goals: [
                DemoGoal(
                    code: "Z5.1",
                    title: "Offene Daten",
                    description: "Nicht personenbezogene Daten der Stadt stehen frei und maschinenlesbar zur Verfügung.",
                    targetStatement: "Bis 31.12.2028 veröffentlicht die Stadt mindestens 80 Datensätze unter offener Lizenz im Open-Data-Portal, davon mindestens 20 mit automatischer Aktualisierung.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "62",
                    programs: [
                        DemoProgram(
                            code: "P5.1.1",
                            title: "Open Data und urbane Datenplattform",
                            description: "Aufbau einer Datenplattform auf Open-Source-Basis, Datenkatalog der Ämter und Anbindung an das Open-Data-Portal des Landes.",
                            responsibleDepartmentCode: "62"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z5.2",
                    title: "Sensorik für eine klimaresiliente Stadt",
                    description: "Echtzeitdaten unterstützen Hochwasservorsorge, Stadtbegrünung und Parkraumsteuerung.",
                    targetStatement: "Bis 31.12.2029 liefern mindestens 150 Sensoren Echtzeitdaten zu Pegelständen, Bodenfeuchte und Parkraum, die in einem öffentlichen Stadtdashboard sichtbar sind.",
                    targetYear: 2029,
                    responsibleDepartmentCode: "66",
                    programs: [
                        DemoProgram(
                            code: "P5.2.1",
                            title: "LoRaWAN-Netz und Sensorik",
                            description: """
                                Aufbau eines stadtweiten LoRaWAN-Funknetzes gemeinsam mit den Stadtwerken und \
                                Pilotprojekte zur Bewässerung von Stadtbäumen und zur Pegelüberwachung.
                                """,
                            responsibleDepartmentCode: "IT"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z5.3",
                    title: "Digitale Bauleitplanung",
                    description: "Bebauungspläne liegen standardisiert vor und sind online für alle einsehbar.",
                    targetStatement: "Bis 31.12.2028 liegen alle rund 220 rechtskräftigen Bebauungspläne XPlanung-konform vor und sind im städtischen Geoportal abrufbar.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "61",
                    programs: [
                        DemoProgram(
                            code: "P5.3.1",
                            title: "XPlanung und Geoportal",
                            description: """
                                Digitalisierung und Vektorisierung der Bestandspläne, neue Verfahren direkt in \
                                XPlanung sowie Online-Beteiligung der Öffentlichkeit in der Bauleitplanung.
                                """,
                            responsibleDepartmentCode: "61"
                        ),
                    ]
                ),
            ]
        ),
        DemoFieldOfAction(
            code: "HF6",
            title: "Bildung und Teilhabe",
            description: """
                Digitalisierung soll allen Menschen in Musterstadt nützen. Wir statten die Schulen zeitgemäß \
                aus, vereinfachen den Zugang zu Angeboten für Familien und unterstützen alle, die mit digitalen \
                Diensten noch unsicher sind.
                """,
            goals: [
                DemoGoal(
                    code: "Z6.1",
                    title: "Digitale Schulen",
                    description: "Alle städtischen Schulen verfügen über schnelle Netze, zeitgemäße Geräte und verlässlichen Support.",
                    targetStatement: "Bis 31.07.2028 sind alle 18 städtischen Schulen per Glasfaser angebunden, haben WLAN in 100 % der Unterrichtsräume und stellen mindestens ein Leihgerät je 3 Schülerinnen und Schüler bereit.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "40",
                    programs: [
                        DemoProgram(
                            code: "P6.1.1",
                            title: "Medienentwicklungsplan Schulen",
                            description: """
                                Fortschreibung des Medienentwicklungsplans mit den Schulleitungen, \
                                Ausstattungsprogramm aus Förder- und Eigenmitteln und ein zentraler \
                                IT-Support für alle Schulen in Zusammenarbeit mit dem IT-Service.
                                """,
                            responsibleDepartmentCode: "40"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z6.2",
                    title: "Digitale Teilhabe sichern",
                    description: "Niemand wird abgehängt: Wohnortnahe Anlaufstellen helfen beim Umgang mit digitalen Diensten.",
                    targetStatement: "Bis 31.12.2027 bieten 4 Digitaltreffs in Stadtbibliothek und Stadtteilzentren wöchentliche Sprechstunden an und führen jährlich mindestens 1.500 Beratungen durch.",
                    targetYear: 2027,
                    responsibleDepartmentCode: "50",
                    programs: [
                        DemoProgram(
                            code: "P6.2.1",
                            title: "Digitaltreffs und Digitalpatenschaften",
                            description: """
                                Ehrenamtliche Digitalpatinnen und -paten helfen älteren Menschen und \
                                Neuzugewanderten bei Smartphone, Online-Ausweis und städtischen Online-Diensten.
                                """,
                            responsibleDepartmentCode: "50"
                        ),
                    ]
                ),
                DemoGoal(
                    code: "Z6.3",
                    title: "Kitaplatz online finden",
                    description: "Eltern melden ihren Betreuungsbedarf an einer Stelle an und sehen den Stand ihrer Anmeldung.",
                    targetStatement: "Bis 31.12.2028 werden 100 % der Anmeldungen für alle 42 Kindertageseinrichtungen in Musterstadt über ein zentrales Online-Vormerkportal abgewickelt.",
                    targetYear: 2028,
                    responsibleDepartmentCode: "51",
                    programs: [
                        DemoProgram(
                            code: "P6.3.1",
                            title: "Kita-Portal",
                            description: """
                                Einführung eines trägerübergreifenden Vormerkportals gemeinsam mit den freien \
                                Trägern, inklusive Schnittstelle zum Fachverfahren der Jugendhilfe.
                                """,
                            responsibleDepartmentCode: "51"
                        ),
                    ]
                ),
            ]
        ),
    ]
}
