import FahrplanCore
import Foundation

/// Duplicate detection at scale: 10,000 generated German project profiles (deterministic), then the look-up a
/// department triggers when it saves a new profile, and the "likely duplicates" view over 2,000 profiles.
enum DuplicatesBenchmark {
    typealias Document = SimilarityIndex<String>.Document

    static func run() throws {
        var generator = ProfileGenerator(seed: 2026)
        let generated = (0..<10_000).map { generator.profile(id: "P\($0)") }
        let corpus = generated.map(\.document)
        let clock = ContinuousClock()
        let threshold = SimilarityIndex<String>.defaultMinimumScore

        var index = SimilarityIndex<String>()
        print("duplicates.build_10000_ms", format(clock.measure { index = SimilarityIndex(documents: corpus) }))

        // 200 new profiles: half rewrite an existing project in other words (planted duplicates), half are new.
        var probes: [(document: Document, original: String?)] = []
        for k in 0..<200 {
            if k % 2 == 0 {
                let original = generated[generator.int(0..<corpus.count)]
                probes.append((generator.make(id: "N\(k)", subject: original.subject), original.document.id))
            } else {
                probes.append((generator.profile(id: "N\(k)").document, nil))
            }
        }
        var times: [Double] = []
        var hits = 0
        for probe in probes {
            var result: [SimilarityIndex<String>.Match] = []
            times.append(ms(clock.measure { result = index.candidates(for: probe.document, limit: 10) }))
            hits += result.count
        }
        times.sort()
        print("duplicates.candidates.mean_ms", format(times.reduce(0, +) / Double(times.count)))
        print("duplicates.candidates.p50_ms", format(times[times.count / 2]))
        print("duplicates.candidates.p99_ms", format(times[Int(Double(times.count - 1) * 0.99)]))
        print("duplicates.candidates.max_ms", format(times.last!))
        print("duplicates.candidates.mean_results", format(Double(hits) / Double(probes.count)))

        // Does a rewritten profile find its original above the default threshold?
        var plantedScores: [Double] = []
        for probe in probes {
            guard let original = probe.original else { continue }
            let all = index.candidates(for: probe.document, limit: index.count, minimumScore: 0)
            plantedScores.append(all.first { $0.id == original }?.score ?? 0)
        }
        plantedScores.sort()
        print("duplicates.planted.above_default", "\(plantedScores.filter { $0 >= threshold }.count)/\(plantedScores.count)")
        print("duplicates.planted.score_p10", format(plantedScores[plantedScores.count / 10]))
        print("duplicates.planted.score_p50", format(plantedScores[plantedScores.count / 2]))

        var changed = index
        changed.insert(generator.profile(id: "X0").document)  // the first change copies the shared storage
        print("duplicates.insert_into_10000_ms", format(clock.measure { changed.insert(generator.profile(id: "X1").document) }))
        print("duplicates.remove_from_10000_ms", format(clock.measure { changed.remove("P17") }))
        var pairs: [SimilarityIndex<String>.Pair] = []
        print("duplicates.likely_pairs_10000_ms", format(clock.measure { pairs = index.likelyPairs(limit: 200) }))
        print("duplicates.likely_pairs_10000.listed", pairs.count)
        print("duplicates.likely_pairs_10000.above_default", index.likelyPairs(limit: .max).count)

        var small = SimilarityIndex<String>()
        print("duplicates.build_2000_ms", format(clock.measure { small = SimilarityIndex(documents: corpus.prefix(2_000)) }))
        print("duplicates.likely_pairs_2000_ms", format(clock.measure { pairs = small.likelyPairs(limit: 200) }))
        print("duplicates.likely_pairs_2000.listed", pairs.count)
        print("duplicates.likely_pairs_2000.above_default", small.likelyPairs(limit: .max).count)
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func format(_ duration: Duration) -> String { format(ms(duration)) }
    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// Realistic municipal project profiles from combined vocabulary, reproducible through a seeded PRNG (SplitMix64).
struct ProfileGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: Range<Int>) -> Int { random.int(range) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// Online services (Leistungen), software (Fachverfahren) and offices (Ämter, with their dative form).
    static let services = [
        "Wohngeld", "Elterngeld", "Hundesteuer", "Gewerbeanmeldung", "Bauantrag", "Meldebescheinigung",
        "Bewohnerparkausweis", "Kitaplatz", "Schülerfahrkarte", "Sperrmüllabholung", "Führungszeugnis",
        "Sondernutzungserlaubnis", "Baumfällgenehmigung", "Fundsachen", "Eheschließung", "Geburtsurkunde",
        "Briefwahl", "Grundsteuer", "Gaststättenerlaubnis", "Marktstand", "Fischereischein", "Einbürgerung",
        "Aufenthaltstitel", "Bildungs- und Teilhabepaket", "Unterhaltsvorschuss", "Kindertagespflege",
        "Schwerbehindertenausweis", "Wohnsitzanmeldung", "Vereinsförderung", "Sportstättenbelegung",
        "Grabnutzungsrecht", "Abwassergebühren", "Veranstaltungsgenehmigung", "Plakatierungserlaubnis",
        "Wohnberechtigungsschein", "Zweitwohnungsteuer", "Hausnummernvergabe", "Schulanmeldung", "Ferienbetreuung",
        "Musikschulanmeldung", "Bibliotheksausweis", "Halteverbotszone", "Taxikonzession", "Lärmschutzantrag",
        "Denkmalförderung", "Winterdienstmeldung", "Hilfe zur Pflege", "Blindengeld", "Beistandschaft",
        "Jagdschein", "Waffenbesitzkarte", "Reisegewerbekarte", "Spielhallenerlaubnis", "Feuerwerksgenehmigung",
    ]
    static let software = [
        "E-Akte", "Dokumentenmanagementsystem", "Ratsinformationssystem", "Finanzsoftware", "Personalverwaltung",
        "Zeiterfassung", "Ticketsystem", "Geoinformationssystem", "Einwohnermeldeverfahren", "Sozialhilfesoftware",
        "Kita-Verwaltungssoftware", "Schulverwaltungssoftware", "Vergabemanagement", "Fuhrparkmanagement",
        "Gebäudemanagement", "Friedhofsverwaltung", "Bußgeldverfahren", "Baumkataster", "Straßenkataster", "Intranet",
        "Videokonferenzsystem", "Telefonanlage", "Terminvergabe", "Bezahlplattform", "Formularserver",
        "Postfachlösung", "Scanstraße", "Archivsystem", "Vertragsmanagement", "Fördermittelmanagement",
        "Beschwerdemanagement", "Wissensdatenbank", "Chatbot", "Beteiligungsplattform", "Open-Data-Portal",
    ]
    static let offices = [
        ("Bürgeramt", "im Bürgeramt"), ("Bauamt", "im Bauamt"), ("Ordnungsamt", "im Ordnungsamt"),
        ("Jugendamt", "im Jugendamt"), ("Sozialamt", "im Sozialamt"), ("Standesamt", "im Standesamt"),
        ("Kämmerei", "in der Kämmerei"), ("Schulamt", "im Schulamt"), ("Personalamt", "im Personalamt"),
        ("Hauptamt", "im Hauptamt"), ("Umweltamt", "im Umweltamt"), ("Tiefbauamt", "im Tiefbauamt"),
        ("Grünflächenamt", "im Grünflächenamt"), ("Kulturamt", "im Kulturamt"), ("Stadtkasse", "in der Stadtkasse"),
        ("Steueramt", "im Steueramt"), ("Ausländerbehörde", "in der Ausländerbehörde"),
        ("Feuerwehr", "bei der Feuerwehr"), ("Stadtbibliothek", "in der Stadtbibliothek"),
        ("Volkshochschule", "in der Volkshochschule"), ("Liegenschaftsamt", "im Liegenschaftsamt"),
        ("Vermessungsamt", "im Vermessungsamt"), ("Stadtplanungsamt", "im Stadtplanungsamt"),
        ("Gesundheitsamt", "im Gesundheitsamt"), ("Wirtschaftsförderung", "in der Wirtschaftsförderung"),
    ]
    static let serviceTitles = [
        "Online-Antrag {s}", "{s} online beantragen", "Onlinedienst {s}", "{s} digital", "Digitaler Antrag: {s}",
        "{s} – medienbruchfreie Bearbeitung", "Ende-zu-Ende-Digitalisierung {s}", "Antragsassistent {s}",
        "{s} mit Online-Bezahlung", "OZG-Leistung {s}", "{s}", "{s}", "{s}", "{s} über das Bürgerportal",
        "Servicekonto-Anbindung {s}", "{s} ohne Behördengang", "{s}: Nachweise hochladen", "Chat-Beratung {s}",
        "{s} per App", "Bescheid {s} digital", "{s} – Antrag und Bescheid online", "Serviceportal: {s}",
    ]
    static let softwareTitles = [
        "Einführung {s} {o}", "Ablösung {s} {o}", "{s} {o}", "Neues {s} {o}", "Modernisierung {s} {o}",
        "Schnittstelle {s} {o}", "Cloud-Migration {s} {o}", "Upgrade {s} {o}", "{s}", "{s}", "Ersatz für {s}",
        "Ausschreibung {s}", "Rollout {s} {o}", "Pilot {s} {o}", "Konsolidierung {s}", "Zentralisierung {s}",
    ]
    /// What software is used for: "Dokumentenmanagementsystem für Bauakten".
    static let domains = [
        "Bauakten", "Personalakten", "Ratsvorlagen", "Bußgeldbescheide", "Gewerbeakten", "Kita-Verträge",
        "Schülerdaten", "Friedhofsakten", "Vergabeakten", "Sozialhilfeakten", "Steuerbescheide", "Fundsachen",
        "Liegenschaften", "Spielplätze", "Straßenbäume", "Brücken", "Ampelanlagen", "Schulgebäude", "Turnhallen",
        "Dienstfahrzeuge", "Feuerwehrfahrzeuge", "Einsatzberichte", "Bibliotheksmedien", "Kursanmeldungen",
        "Förderanträge", "Zuwendungsbescheide", "Mietverträge", "Pachtverträge", "Beschwerden", "Bürgeranfragen",
    ]
    static let goals = [
        "Wartezeiten verkürzen", "Papierakten vermeiden", "Medienbrüche beseitigen", "Bearbeitungszeiten senken",
        "Nachweise automatisch abrufen", "Rückfragen reduzieren", "Fehler bei der Erfassung vermeiden",
        "Gebühren online bezahlen lassen", "Bescheide digital zustellen", "Termine vor Ort einsparen",
        "Daten nur einmal erfassen", "Auswertungen für die Steuerung erhalten", "die Barrierefreiheit verbessern",
        "den Fachkräftemangel abfedern", "Porto und Druckkosten sparen", "die Rechtssicherheit erhöhen",
        "Vertretungen im Urlaub erleichtern", "Akten schneller finden", "Fristen zuverlässig überwachen",
        "Doppelerfassungen abschaffen", "die Zufriedenheit der Kundschaft steigern", "Anfragen rund um die Uhr annehmen",
        "Lizenzkosten senken", "eine veraltete Insellösung abschalten", "den Datenschutz verbessern",
        "mobiles Arbeiten ermöglichen", "Kennzahlen für den Haushalt liefern", "Beschwerden schneller bearbeiten",
        "die Kommunikation mit Antragstellenden verbessern", "Prüfungen durch das Rechnungsprüfungsamt erleichtern",
    ]
    static let summaries = [
        "Das {o} möchte mit {s} {g1} und {g2}.", "Mit {s} will das {o} {g1}; außerdem sollen wir {g2}.",
        "Ziel: {g1}. Dafür braucht das {o} {s}.", "{s} soll helfen, {g1} und {g2}.",
        "Heute arbeitet das {o} bei {s} auf Papier. Wir wollen {g1}.", "Vorschlag des {o}: {s}, um {g1}.",
    ]
    static let details = [
        "Schnittstelle zum Fachverfahren", "Anbindung an das Servicekonto", "Datenschutz-Folgenabschätzung",
        "Barrierefreiheit nach BITV", "Schulung der Beschäftigten", "Pilotbetrieb im Stadtteil Nord",
        "Ausschreibung über den Rahmenvertrag", "Betrieb im kommunalen Rechenzentrum", "Mobile Nutzung per Smartphone",
        "Elektronische Signatur", "Archivierung nach Aufbewahrungsfristen", "Statistik und Berichtswesen",
        "Mehrsprachige Oberfläche", "Automatische Prüfung der Vollständigkeit", "Beteiligung des Personalrats",
        "Kosten für Lizenzen und Wartung", "Migration der Altdaten", "Rollen- und Rechtekonzept",
        "Benachrichtigung per E-Mail", "Übergabe an die E-Akte", "Online-Bezahlung per Paypal und Kreditkarte",
        "Single Sign-on", "Scannen des Altbestands", "Vorlagen für Bescheide", "Einbindung des Zahlungsverkehrs",
        "Anbindung an das Finanzwesen", "Georeferenzierung", "Offline-Fähigkeit", "Löschkonzept", "Notfallkonzept",
        "Sicherheitskonzept nach BSI-Grundschutz", "Lasttest vor dem Start", "Hotline des Herstellers",
    ]
    /// The long tail of real texts: places and product names nobody else mentions.
    static let placeHeads = [
        "Linden", "Eichen", "Buchen", "Ahorn", "Birken", "Kastanien", "Rosen", "Mühlen", "Brunnen", "Schloss",
        "Kirch", "Markt", "Bahnhofs", "Hafen", "Berg", "Tal", "Wiesen", "Feld", "Wald", "See", "Burg", "Garten",
        "Sonnen", "Stern", "Adler", "Falken", "Kranich", "Storchen", "Fuchs", "Biber",
    ]
    static let placeTails = [
        "weg", "straße", "platz", "park", "hof", "viertel", "siedlung", "allee", "ring", "graben", "grund", "aue",
        "höhe", "tor", "brücke", "halle", "schule", "zentrum", "bad", "markt",
    ]
    static let syllables = ["ka", "lo", "mi", "ter", "vo", "sa", "di", "ra", "ne", "tu", "ber", "fin", "gal", "ho", "ix", "quo"]

    mutating func place() -> String { pick(Self.placeHeads) + pick(Self.placeTails) }
    mutating func product() -> String {
        let name = pick(Self.syllables) + pick(Self.syllables) + pick(Self.syllables)
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    static let sentences = [
        "Pilot im Quartier {p}.", "Die Lösung {x} läuft schon im {p}.", "Abgestimmt mit dem Team am {p}.",
        "Vorbild ist {x} aus einer Nachbarstadt.", "Die Daten liegen heute in {x}.",
        "Geplant sind {d1} und {d2}.", "Ziel ist es, {g1} und {g2}.", "Voraussetzung ist {d1}.",
        "Beteiligt sind {o2} und die IT mit {n} Beschäftigten.", "Jährlich fallen rund {n}00 Vorgänge an.",
        "Ohne {d1} ist der Start nicht möglich.", "Im ersten Schritt: {d1}; danach {d2}.",
        "Die Kosten umfassen {d1}.", "Risiken sehen wir bei {d1}.", "Nachnutzung aus einer Nachbarkommune ist möglich.",
        "Der Nutzen: wir können {g1}.", "Abhängig vom Projekt {d1}.",
    ]
    static let tags = [
        "OZG", "Once-Only", "E-Akte", "Bürgerservice", "Prozessoptimierung", "Schnittstelle", "Cloud",
        "Datenschutz", "Barrierefreiheit", "KI", "Open Data", "Smart City", "Personal", "Finanzen",
    ]

    func fill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    /// What a project is about: an online service ("Wohngeld für Studierende", "Sportförderung") or software for
    /// a purpose ("Archivsystem für Bauakten").
    struct Subject {
        var name: String
        var isService: Bool
    }

    static let groups = [
        "für Studierende", "für Unternehmen", "für Seniorinnen und Senioren", "für Familien", "für Vereine",
        "für Geflüchtete", "in Leichter Sprache", "für Pflegebedürftige", "für Alleinerziehende", "für Auszubildende",
    ]
    static let compoundHeads = [
        "Sport", "Kultur", "Vereins", "Wirtschafts", "Jugend", "Senioren", "Schul", "Kita", "Park", "Markt", "Wald",
        "Friedhofs", "Gewerbe", "Bau", "Abfall", "Wasser", "Denkmal", "Grünflächen", "Spielplatz", "Radverkehrs",
        "Lärmschutz", "Klimaschutz", "Energie", "Integrations", "Ehrenamts", "Stadtteil", "Musik", "Museums",
        "Bibliotheks", "Tourismus", "Veranstaltungs", "Straßen", "Brücken", "Hochwasser", "Feuerwehr", "Rettungs",
    ]
    static let compoundTails = [
        "förderung", "antrag", "anmeldung", "genehmigung", "erlaubnis", "bescheid", "ausweis", "gebühren", "kataster",
        "register", "beratung", "planung", "portal", "statistik", "kalender", "karte", "beteiligung", "melder",
        "monitoring", "verträge",
    ]

    mutating func subject() -> Subject {
        switch int(0..<20) {
        case 0..<2: return Subject(name: pick(Self.services), isService: true)
        case 2..<4: return Subject(name: "\(pick(Self.services)) \(pick(Self.groups))", isService: true)
        case 4..<13: return Subject(name: pick(Self.compoundHeads) + pick(Self.compoundTails), isService: true)
        case 13: return Subject(name: pick(Self.software), isService: false)
        default: return Subject(name: "\(pick(Self.software)) für \(pick(Self.domains))", isService: false)
        }
    }

    mutating func profile(id: String) -> (document: SimilarityIndex<String>.Document, subject: Subject) {
        let subject = subject()
        return (make(id: id, subject: subject), subject)
    }

    /// A profile about `subject`; called twice with the same subject it gives the same project written by two
    /// departments: other office, title, sentences and tags.
    mutating func make(id: String, subject: Subject) -> SimilarityIndex<String>.Document {
        make(id: id, subject: subject.name, isService: subject.isService)
    }

    private mutating func make(id: String, subject: String, isService: Bool) -> SimilarityIndex<String>.Document {
        let office = pick(Self.offices)
        let heading = isService
            ? fill(pick(Self.serviceTitles), ["s": subject])
            : fill(pick(Self.softwareTitles), ["s": subject, "o": office.1])
        func values() -> [String: String] {
            ["s": subject, "o": office.0, "o2": pick(Self.offices).1, "g1": pick(Self.goals), "g2": pick(Self.goals),
             "d1": pick(Self.details), "d2": pick(Self.details), "n": String(int(2..<90)), "p": place(), "x": product()]
        }
        let summary = fill(pick(Self.summaries), values())
        let description = (0..<int(3..<8)).map { _ in fill(pick(Self.sentences), values()) }.joined(separator: " ")
        return .init(id: id, title: heading, summary: summary, description: description,
                     tags: (0..<int(1..<4)).map { _ in pick(Self.tags) })
    }
}
