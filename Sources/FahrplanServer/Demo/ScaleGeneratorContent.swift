import FahrplanCore
import Foundation

/// The vocabulary of the scale generator: German municipal units, fields of action, goals with KPIs and project
/// names. Everything drawn from it goes through a seeded generator, so a seed gives the same municipalities.
enum ScaleGeneratorContent {
    static let namePrefixes = ["Bad ", "Neu", "Ober", "Unter", "Alt", "Groß", "Klein", "Hohen", "Nieder", "", "", "", "", ""]
    static let nameStems = ["Lind", "Eich", "Buch", "Tann", "Rosen", "Mühl", "Stein", "Wald", "Berg", "Brunn", "Hasel", "Birken",
                            "Wiesen", "Sonnen", "Kirch", "Fels", "Erlen", "Weiden", "Hirsch", "Falken"]
    static let nameSuffixes = ["bach", "dorf", "feld", "hausen", "heim", "stadt", "burg", "au", "hagen", "ingen", "rode", "born"]
    static let kinds = ["Stadt", "Gemeinde", "Gemeinde", "Stadt", "Verbandsgemeinde", "Landkreis"]

    struct Unit {
        var code: String
        var name: String
        var level: DepartmentLevel
        var parentCode: String?
    }

    /// Three divisions (Dezernate) with their offices (Ämter): the shape of a mid-sized municipality.
    static let units: [Unit] = [
        Unit(code: "D1", name: "Dezernat I – Zentrale Dienste", level: .division),
        Unit(code: "10", name: "Hauptamt", level: .office, parentCode: "D1"),
        Unit(code: "11", name: "Personalamt", level: .office, parentCode: "D1"),
        Unit(code: "12", name: "IT und Digitalisierung", level: .office, parentCode: "D1"),
        Unit(code: "20", name: "Kämmerei", level: .office, parentCode: "D1"),
        Unit(code: "D2", name: "Dezernat II – Bürgerdienste und Soziales", level: .division),
        Unit(code: "32", name: "Ordnungsamt", level: .office, parentCode: "D2"),
        Unit(code: "33", name: "Bürgeramt", level: .office, parentCode: "D2"),
        Unit(code: "40", name: "Schulamt", level: .office, parentCode: "D2"),
        Unit(code: "50", name: "Sozialamt", level: .office, parentCode: "D2"),
        Unit(code: "51", name: "Jugendamt", level: .office, parentCode: "D2"),
        Unit(code: "D3", name: "Dezernat III – Bauen und Umwelt", level: .division),
        Unit(code: "61", name: "Stadtplanungsamt", level: .office, parentCode: "D3"),
        Unit(code: "63", name: "Bauaufsichtsamt", level: .office, parentCode: "D3"),
        Unit(code: "66", name: "Tiefbauamt", level: .office, parentCode: "D3"),
        Unit(code: "70", name: "Umweltamt", level: .office, parentCode: "D3"),
    ]

    /// Offices that carry projects (divisions do not).
    static var offices: [Unit] { units.filter { $0.level == .office } }

    struct Goal {
        var title: String
        var target: String
        var kpi: (name: String, unit: String, direction: KPIDirection, baseline: Double, target: Double)
    }

    struct Field {
        var title: String
        var description: String
        var goals: [Goal]
    }

    static let fields: [Field] = [
        Field(title: "Bürgernahe Verwaltung", description: "Leistungen online, einfach und barrierefrei.", goals: [
            Goal(title: "Verwaltungsleistungen online anbieten", target: "80 % der OZG-Leistungen vollständig online",
                 kpi: ("Anteil online verfügbarer Leistungen", "%", .increase, 35, 80)),
            Goal(title: "Wartezeiten im Bürgeramt senken", target: "Termin innerhalb von 5 Werktagen",
                 kpi: ("Wartezeit auf einen Termin", "Tage", .decrease, 14, 5)),
        ]),
        Field(title: "Moderne Arbeitswelt", description: "Digitale Werkzeuge und Kompetenzen für die Beschäftigten.", goals: [
            Goal(title: "E-Akte flächendeckend einführen", target: "Alle Ämter arbeiten mit der E-Akte",
                 kpi: ("Ämter mit E-Akte", "Anzahl", .increase, 2, 12)),
            Goal(title: "Digitalkompetenz stärken", target: "90 % der Beschäftigten geschult",
                 kpi: ("Geschulte Beschäftigte", "%", .increase, 20, 90)),
        ]),
        Field(title: "Digitale Infrastruktur", description: "Netze, Rechenzentrum und sichere Basisdienste.", goals: [
            Goal(title: "Schulen digital ausstatten", target: "Alle Schulen mit WLAN und Endgeräten",
                 kpi: ("Schulen mit WLAN", "%", .increase, 40, 100)),
            Goal(title: "Informationssicherheit erhöhen", target: "ISMS nach BSI-Grundschutz eingeführt",
                 kpi: ("Umgesetzte Grundschutz-Bausteine", "%", .increase, 30, 95)),
        ]),
        Field(title: "Smarte und nachhaltige Kommune", description: "Daten für Klima, Mobilität und Planung nutzen.", goals: [
            Goal(title: "Offene Daten bereitstellen", target: "50 Datensätze im Open-Data-Portal",
                 kpi: ("Veröffentlichte Datensätze", "Anzahl", .increase, 5, 50)),
            Goal(title: "Energieverbrauch der Liegenschaften senken", target: "20 % weniger Energie bis 2030",
                 kpi: ("Energieverbrauch der Liegenschaften", "MWh", .decrease, 12_000, 9_600)),
        ]),
    ]

    static let actions = ["Einführung", "Ablösung", "Digitalisierung", "Online-Antrag", "Modernisierung", "Ausbau", "Pilotierung",
                          "Automatisierung", "Neuausschreibung", "Konsolidierung"]
    static let objects: [(String, ProjectKind)] = [
        ("E-Akte", .softwareReplacement), ("Bauantrag", .onlineService), ("Kita-Anmeldung", .onlineService),
        ("Ratsinformationssystem", .softwareReplacement), ("Gewerbeanmeldung", .onlineService), ("Schul-WLAN", .infrastructure),
        ("Terminvergabe", .onlineService), ("Rechnungseingang", .processOptimization), ("Personalverwaltung", .softwareReplacement),
        ("Bewohnerparkausweis", .onlineService), ("Hundesteuer", .onlineService), ("Geodateninfrastruktur", .infrastructure),
        ("Sitzungsdienst", .processOptimization), ("Beschaffungsportal", .processOptimization), ("Fundbüro", .onlineService),
        ("Wohngeldantrag", .onlineService), ("Serverraum", .infrastructure), ("Telefonanlage", .infrastructure),
        ("Friedhofsverwaltung", .softwareReplacement), ("Straßenbeleuchtung", .other), ("Mängelmelder", .onlineService),
        ("Vergabemanagement", .processOptimization), ("Zeiterfassung", .softwareReplacement), ("Open-Data-Portal", .infrastructure),
    ]
    static let people = ["Frau Schneider", "Herr Wagner", "Frau Becker", "Herr Hoffmann", "Frau Schulz", "Herr Koch", "Frau Richter",
                         "Herr Klein", "Frau Wolf", "Herr Neumann", "Frau Braun", "Herr Zimmermann"]
    static let tags = ["OZG", "E-Government", "Cloud", "Barrierefreiheit", "Datenschutz", "Schule", "Klima", "KI", "Pilot"]

    /// How often each status occurs in a portfolio (weights, not shares).
    static let statusWeights: [(ProjectStatus, Int)] = [
        (.idea, 15), (.submitted, 18), (.inReview, 12), (.prioritized, 10), (.approved, 10), (.inProgress, 20), (.completed, 10),
        (.deferred, 3), (.cancelled, 2),
    ]

    static func municipalityName(index: Int, random: inout SplitMix64) -> String {
        let prefix = namePrefixes[random.int(0..<namePrefixes.count)]
        let stem = nameStems[random.int(0..<nameStems.count)]
        let suffix = nameSuffixes[random.int(0..<nameSuffixes.count)]
        let name = prefix.hasSuffix(" ") || prefix.isEmpty ? prefix + stem + suffix : prefix + stem.lowercased() + suffix
        return "\(name) (\(index))"
    }

    static func status(_ random: inout SplitMix64) -> ProjectStatus {
        let total = statusWeights.reduce(0) { $0 + $1.1 }
        var draw = random.int(0..<total)
        for (status, weight) in statusWeights {
            if draw < weight { return status }
            draw -= weight
        }
        return .idea
    }
}
