import FahrplanCore
import Foundation

/// An IT system of the demo inventory. Units and projects by code, as a spreadsheet would name them;
/// `contractEndsInDays` counts from the day the demo is loaded (so "ends soon" stays soon).
struct DemoITSystem: Sendable {
    var name: String
    var vendor: String?
    var product: String?
    var units: [String]
    var hosting: ITHosting?
    var contractEndsInDays: Int?
    var interfaces: [String]
    var dataProtection: DataProtectionRelevance?
    var lifecycle: ITSystemLifecycle?
    var projects: [(code: String, relation: ITSystemProjectRelation)]
    var note: String?
}

/// An administrative service with its OZG history: per assessment day (days before the load) the levels of the
/// OZG model's criteria Antragstellung, Nachweise, Bescheid — "113" is 1, 1, 3.
struct DemoAdministrativeService: Sendable {
    var name: String
    var unit: String
    var casesPerYear: Int?
    var project: String?
    var history: [(daysAgo: Int, levels: String)]
    var note: String?
}

/// Musterstadt's inventory (issue 17): the IT systems its departments use, with contracts, hosting and the projects
/// that replace or extend them, and the administrative services with their OZG maturity over three assessments
/// (two years ago, a year ago, last month), so the overview shows the change. Vendors and products are invented.
enum DemoInventoryContent {
    static let team = "digitalisierung@musterstadt.example"
    /// The days of the three inventory rounds, before the day the demo is loaded.
    static let twoYearsAgo = 700, lastYear = 340, lastMonth = 25

    static let systems: [DemoITSystem] = [
        DemoITSystem(name: "E-Akte (Dokumentenmanagement)", vendor: "Aktenwerk Software GmbH", product: "Aktenwerk DMS 9",
                     units: ["10", "11", "20", "33"], hosting: .municipalProvider, contractEndsInDays: 790,
                     interfaces: ["Finanzsoftware", "Ratsinformationssystem", "Formularserver und Antragsmanagement"],
                     dataProtection: .personalData, lifecycle: .keep, projects: [("P-0001", .extends), ("P-0002", .extends)],
                     note: "Rollout in Dezernat II läuft; Dezernate III und IV folgen 2027."),
        DemoITSystem(name: "Finanzsoftware", vendor: "KDM Kommunale Datenverarbeitung Musterland", product: "KommFinanz 5 (Haushalt, Kasse, Anlagen)",
                     units: ["20"], hosting: .municipalProvider, contractEndsInDays: 205,
                     interfaces: ["E-Akte (Dokumentenmanagement)", "Personalverwaltung und Entgeltabrechnung"],
                     dataProtection: .personalData, lifecycle: .replace, projects: [("P-0020", .replaces), ("P-0007", .extends)],
                     note: "Hersteller beendet die Wartung; Vertrag nur noch bis zur Ablösung verlängert."),
        DemoITSystem(name: "Einwohnermeldewesen", vendor: "KDM Kommunale Datenverarbeitung Musterland", product: "Melde 21",
                     units: ["33", "33.1"], hosting: .municipalProvider, contractEndsInDays: 400,
                     interfaces: ["Formularserver und Antragsmanagement"],
                     dataProtection: .specialCategories, lifecycle: .replace, projects: [("P-0012", .replaces)],
                     note: "Speichert die Religionszugehörigkeit (Art. 9 DSGVO)."),
        DemoITSystem(name: "Ratsinformationssystem", vendor: "Sitzungsdienst Nord GmbH", product: "RatsPortal 4",
                     units: ["10"], hosting: .onPremises, contractEndsInDays: 95,
                     interfaces: ["E-Akte (Dokumentenmanagement)"],
                     dataProtection: .personalData, lifecycle: .replace, projects: [("P-0008", .replaces)], note: nil),
        DemoITSystem(name: "Geoinformationssystem (GIS)", vendor: "Geodienst Musterland", product: "QGIS mit GeoServer",
                     units: ["61", "62", "63", "66"], hosting: .onPremises, contractEndsInDays: nil,
                     interfaces: ["Baugenehmigungsverfahren"],
                     dataProtection: .personalData, lifecycle: .keep, projects: [("P-0032", .extends), ("P-0029", .extends)],
                     note: "Open-Source-Software; Wartungsvertrag nur für den Support."),
        DemoITSystem(name: "Baugenehmigungsverfahren", vendor: "Bauplan IT AG", product: "ProBau 7",
                     units: ["63", "63.1"], hosting: .cloud, contractEndsInDays: 1_150,
                     interfaces: ["Geoinformationssystem (GIS)", "E-Akte (Dokumentenmanagement)"],
                     dataProtection: .personalData, lifecycle: .keep, projects: [("P-0018", .extends), ("P-0038", .extends)], note: nil),
        DemoITSystem(name: "Formularserver und Antragsmanagement", vendor: "KDM Kommunale Datenverarbeitung Musterland",
                     product: "Antragsportal Musterland", units: ["SD", "32", "33"], hosting: .municipalProvider, contractEndsInDays: 610,
                     interfaces: ["Einwohnermeldewesen", "E-Akte (Dokumentenmanagement)", "Gewerbeverfahren"],
                     dataProtection: .personalData, lifecycle: .keep, projects: [("P-0006", .extends), ("P-0003", .extends), ("P-0004", .extends)],
                     note: "Angebunden an BundID und Mein Unternehmenskonto."),
        DemoITSystem(name: "Personalverwaltung und Entgeltabrechnung", vendor: "KDM Kommunale Datenverarbeitung Musterland",
                     product: "PersoPlus", units: ["11"], hosting: .municipalProvider, contractEndsInDays: 470,
                     interfaces: ["Finanzsoftware"],
                     dataProtection: .specialCategories, lifecycle: .keep, projects: [("P-0043", .extends), ("P-0022", .extends)], note: nil),
        DemoITSystem(name: "Telefonanlage", vendor: "Telekommunikation Weserbergland GmbH", product: "TK-Anlage (Hybrid ISDN/SIP)",
                     units: ["10", "IT"], hosting: .onPremises, contractEndsInDays: 60,
                     interfaces: [], dataProtection: .personalData, lifecycle: .retire, projects: [("P-0044", .replaces)],
                     note: "Ersatzteile nur noch gebraucht erhältlich."),
        DemoITSystem(name: "Kita-Verwaltung", vendor: "Kinderwelt Software GmbH", product: "KitaPlan",
                     units: ["51"], hosting: .cloud, contractEndsInDays: 330,
                     interfaces: ["Finanzsoftware"],
                     dataProtection: .specialCategories, lifecycle: .keep, projects: [("P-0017", .extends)], note: nil),
        DemoITSystem(name: "Gewerbeverfahren", vendor: "KDM Kommunale Datenverarbeitung Musterland", product: "GewerbeNet",
                     units: ["32"], hosting: .municipalProvider, contractEndsInDays: 720,
                     interfaces: ["Formularserver und Antragsmanagement"],
                     dataProtection: .personalData, lifecycle: .keep, projects: [("P-0015", .extends)], note: nil),
        DemoITSystem(name: "IT-Ticketsystem", vendor: nil, product: "Open-Source-Helpdesk",
                     units: ["IT"], hosting: .onPremises, contractEndsInDays: nil, interfaces: [],
                     dataProtection: .personalData, lifecycle: nil, projects: [], note: "Seit Mai im Betrieb; Lebenszyklus noch nicht bewertet."),
    ]

    static let services: [DemoAdministrativeService] = [
        DemoAdministrativeService(name: "Meldebescheinigung beantragen", unit: "33.1", casesPerYear: 4_800, project: "P-0012",
                                  history: [(twoYearsAgo, "110"), (lastYear, "221"), (lastMonth, "444")]),
        DemoAdministrativeService(name: "Wohnsitz anmelden", unit: "33.1", casesPerYear: 5_900, project: "P-0012",
                                  history: [(twoYearsAgo, "100"), (lastYear, "110"), (lastMonth, "211")],
                                  note: "Online-Anmeldung nur mit Online-Ausweis; Wohnungsgeberbestätigung noch auf Papier."),
        DemoAdministrativeService(name: "Personalausweis beantragen", unit: "33", casesPerYear: 5_600, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "111")],
                                  note: "Persönliches Erscheinen gesetzlich vorgeschrieben; Online-Terminvergabe seit dem Frühjahr."),
        DemoAdministrativeService(name: "Reisepass beantragen", unit: "33", casesPerYear: 3_100, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "111")]),
        DemoAdministrativeService(name: "Geburtsurkunde beantragen", unit: "33", casesPerYear: 1_900, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "221"), (lastMonth, "333")]),
        DemoAdministrativeService(name: "Sterbeurkunde beantragen", unit: "33", casesPerYear: 1_150, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "221"), (lastMonth, "332")]),
        DemoAdministrativeService(name: "Eheschließung anmelden", unit: "33", casesPerYear: 310, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "111")]),
        DemoAdministrativeService(name: "Anwohnerparkausweis beantragen", unit: "32", casesPerYear: 1_800, project: "P-0014",
                                  history: [(twoYearsAgo, "211"), (lastYear, "322"), (lastMonth, "444")]),
        DemoAdministrativeService(name: "Gewerbe an-, um- oder abmelden", unit: "32", casesPerYear: 1_450, project: "P-0015",
                                  history: [(twoYearsAgo, "111"), (lastYear, "221"), (lastMonth, "333")]),
        DemoAdministrativeService(name: "Fundsache melden oder abholen", unit: "32", casesPerYear: 900, project: "P-0019",
                                  history: [(twoYearsAgo, "000"), (lastYear, "100"), (lastMonth, "110")]),
        DemoAdministrativeService(name: "Veranstaltung anzeigen", unit: "32", casesPerYear: 260, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "211")]),
        DemoAdministrativeService(name: "Gaststättenerlaubnis beantragen", unit: "32", casesPerYear: 90, project: nil,
                                  history: [(twoYearsAgo, "000"), (lastYear, "111"), (lastMonth, "111")]),
        DemoAdministrativeService(name: "Hundesteuer an- oder abmelden", unit: "20", casesPerYear: 620, project: "P-0016",
                                  history: [(twoYearsAgo, "000"), (lastYear, "110"), (lastMonth, "333")]),
        DemoAdministrativeService(name: "Zweitwohnungsteuer anmelden", unit: "20", casesPerYear: 210, project: nil,
                                  history: [(twoYearsAgo, "000"), (lastYear, "000"), (lastMonth, "110")]),
        DemoAdministrativeService(name: "Wohngeld beantragen", unit: "50", casesPerYear: 1_100, project: "P-0013",
                                  history: [(twoYearsAgo, "111"), (lastYear, "221"), (lastMonth, "332")]),
        DemoAdministrativeService(name: "Betreuungsplatz in der Kita anmelden", unit: "51", casesPerYear: 780, project: "P-0017",
                                  history: [(twoYearsAgo, "111"), (lastYear, "221"), (lastMonth, "222")]),
        DemoAdministrativeService(name: "Unterhaltsvorschuss beantragen", unit: "51", casesPerYear: 410, project: "P-0037",
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "221")]),
        DemoAdministrativeService(name: "Ermäßigung der Kita-Elternbeiträge beantragen", unit: "51", casesPerYear: 520, project: nil,
                                  history: [(twoYearsAgo, "000"), (lastYear, "111"), (lastMonth, "111")]),
        DemoAdministrativeService(name: "Anmeldung zur Offenen Ganztagsschule", unit: "40", casesPerYear: 650, project: "P-0036",
                                  history: [(twoYearsAgo, "000"), (lastYear, "111"), (lastMonth, "221")]),
        DemoAdministrativeService(name: "Schülerbeförderung beantragen", unit: "40", casesPerYear: 1_300, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "221"), (lastMonth, "222")]),
        DemoAdministrativeService(name: "Sporthalle oder Sportplatz buchen", unit: "40", casesPerYear: 340, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "333")]),
        DemoAdministrativeService(name: "Baugenehmigung beantragen", unit: "63.1", casesPerYear: 540, project: "P-0018",
                                  history: [(twoYearsAgo, "111"), (lastYear, "211"), (lastMonth, "322")]),
        DemoAdministrativeService(name: "Bauvoranfrage stellen", unit: "63.1", casesPerYear: 120, project: "P-0018",
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "221")]),
        DemoAdministrativeService(name: "Auszug aus der Liegenschaftskarte beantragen", unit: "62", casesPerYear: 850, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "333"), (lastMonth, "333")]),
        DemoAdministrativeService(name: "Sondernutzung öffentlicher Straßen beantragen", unit: "66", casesPerYear: 380, project: nil,
                                  history: [(twoYearsAgo, "111"), (lastYear, "111"), (lastMonth, "221")]),
        DemoAdministrativeService(name: "Straßenschaden oder Mangel melden", unit: "66", casesPerYear: 2_600, project: "P-0033",
                                  history: [(twoYearsAgo, "000"), (lastYear, "110"), (lastMonth, "333")]),
        DemoAdministrativeService(name: "Sperrmüll anmelden", unit: "66", casesPerYear: 4_200, project: nil,
                                  history: [(twoYearsAgo, "222"), (lastYear, "333"), (lastMonth, "444")]),
        // Newly listed, not yet assessed: the overview counts it as unknown until someone rates it.
        DemoAdministrativeService(name: "Baumfällung auf Privatgrund beantragen", unit: "61", casesPerYear: 180, project: nil,
                                  history: [], note: "Neu aufgenommen; Bewertung folgt mit der nächsten Bestandsaufnahme."),
    ]
}
