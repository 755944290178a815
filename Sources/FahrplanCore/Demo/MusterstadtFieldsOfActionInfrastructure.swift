// Musterstadt's fields of action with their goals and programs: infrastructure, data, education (HF4–HF6).

extension DemoMunicipality {
    static let musterstadtFieldsOfActionInfrastructure: [DemoFieldOfAction] = [
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
