@testable import FahrplanCore
import Foundation
import Testing

/// Project profiles as departments write them: pairs that ask for the same thing in other words (duplicates), and
/// pairs from the same field that are different projects (related, not duplicates). All eighty profiles go into one
/// index, so every score is measured against the same background.
enum SimilarityFixtures {
    typealias Profile = (title: String, summary: String)
    typealias ProfilePair = (a: Profile, b: Profile)

    static let duplicates: [ProfilePair] = [
        (("Online-Antrag Wohngeld", "Bürgerinnen und Bürger beantragen Wohngeld online und laden die Nachweise hoch."),
         ("Wohngeldantrag digitalisieren", "Der Antrag auf Wohngeld soll vollständig digital gestellt werden, inklusive Upload der Nachweise.")),
        (("E-Akte im Bürgeramt", "Die Vorgänge des Bürgeramts werden in der E-Akte geführt statt in Papierakten."),
         ("Einführung der elektronischen Akte für das Bürgeramt", "Papierakten im Bürgeramt werden durch eine elektronische Aktenführung ersetzt.")),
        (("Online-Terminvergabe Bürgerbüro", "Termine im Bürgerbüro können rund um die Uhr online gebucht werden."),
         ("Terminbuchung im Internet für das Bürgerbüro", "Bürger buchen ihren Termin für das Bürgerbüro selbst im Internet, Wartezeiten sinken.")),
        (("Kita-Platzvergabe online", "Eltern melden ihr Kind online für einen Kitaplatz an; die Vergabe erfolgt zentral."),
         ("Zentrales Anmeldeportal für Kitaplätze", "Ein Portal, über das Eltern Kitaplätze suchen, ihr Kind vormerken und eine Zusage erhalten.")),
        (("WLAN in allen Schulen", "Alle Schulgebäude erhalten flächendeckendes WLAN für Unterricht und Verwaltung."),
         ("Flächendeckendes WLAN für die Schulen der Stadt", "Ausstattung sämtlicher Schulen mit leistungsfähigem WLAN in allen Unterrichtsräumen.")),
        (("Bewohnerparkausweis online beantragen", "Anwohnende beantragen und bezahlen den Bewohnerparkausweis online."),
         ("Digitaler Antrag auf Anwohnerparkausweis", "Der Anwohnerparkausweis wird online beantragt, bezahlt und als Nachweis zugestellt.")),
        (("Ratsinformationssystem ablösen", "Das veraltete Ratsinformationssystem wird durch eine moderne Lösung für Sitzungsdienst und Gremien ersetzt."),
         ("Neues Ratsinformationssystem für die Gremienarbeit", "Ausschreibung und Einführung eines neuen Ratsinformationssystems für Sitzungsdienst, Rat und Ausschüsse.")),
        (("Baumfällgenehmigung online", "Die Genehmigung zum Fällen geschützter Bäume wird online beantragt, mit Fotos und Lageplan."),
         ("Digitaler Antrag auf Fällgenehmigung", "Eigentümer beantragen das Fällen eines Baumes nach der Baumschutzsatzung digital.")),
        (("Mängelmelder für Bürgerinnen und Bürger", "Schlaglöcher, defekte Straßenlaternen und wilden Müll per App oder Web melden."),
         ("Schadensmelder-App für Straßenschäden", "Bürger melden Schlaglöcher, kaputte Laternen und Müll per App an die Stadt.")),
        (("Hundesteuer-Anmeldung online", "Hunde können online zur Hundesteuer an- und abgemeldet werden."),
         ("Online-Anmeldung eines Hundes zur Hundesteuer", "Hundehalter melden ihren Hund digital zur Hundesteuer an, die Steuermarke kommt per Post.")),
        (("Elektronische Rechnungsverarbeitung", "Eingangsrechnungen werden elektronisch empfangen, geprüft und freigegeben."),
         ("E-Rechnung: digitaler Rechnungseingang mit Freigabe-Workflow", "Empfang von E-Rechnungen und digitaler Workflow für Prüfung und Freigabe der Rechnungen.")),
        (("Gewerbeanmeldung digital", "Gewerbe können online angemeldet, umgemeldet und abgemeldet werden."),
         ("Online-Gewerbeanzeige", "Gewerbean-, -um- und -abmeldungen werden online gestellt und medienbruchfrei bearbeitet.")),
        (("Open-Data-Portal", "Die Stadt veröffentlicht Datensätze als offene Daten in einem Open-Data-Portal."),
         ("Offene Daten der Stadtverwaltung veröffentlichen", "Aufbau eines Portals, auf dem Datensätze der Verwaltung als Open Data bereitgestellt werden.")),
        (("Papierlose Gremienarbeit", "Ratsmitglieder erhalten Tablets und die Sitzungsunterlagen nur noch digital."),
         ("Tablets und digitale Sitzungsunterlagen für den Stadtrat", "Sitzungsunterlagen werden nicht mehr gedruckt; die Ratsmitglieder arbeiten papierlos mit Tablets.")),
        (("Videodolmetschen im Sozialamt", "Für Beratungsgespräche im Sozialamt wird ein Dolmetscher per Video zugeschaltet."),
         ("Dolmetschen per Video für Beratungen", "Sprachmittlung über Videodolmetscher in den Beratungsgesprächen des Sozialamts.")),
        (("Smart Parking in der Innenstadt", "Sensoren erfassen freie Parkplätze in der Innenstadt und zeigen sie in einer App an."),
         ("Sensorbasierte Parkplatzerfassung Innenstadt", "Parkplatzsensoren melden die Belegung der Parkplätze in der Innenstadt an ein Parkleitsystem und eine App.")),
        (("Elektronische Personalakte", "Die Personalakten aller Beschäftigten werden digital geführt."),
         ("Digitale Personalakte für das Personalamt", "Das Personalamt führt die Personalakten künftig elektronisch und scannt den Altbestand.")),
        (("Meldebescheinigung online", "Meldebescheinigungen können online beantragt und sofort heruntergeladen werden."),
         ("Online-Ausstellung von Meldebescheinigungen", "Bürger erhalten ihre Meldebescheinigung online, ohne Termin im Bürgerbüro.")),
        (("Zentrales Fördermittelmanagement", "Alle Förderprogramme, Anträge und Fristen werden in einer Software verwaltet."),
         ("Software für das Fördermittelmanagement", "Eine Software verwaltet Förderanträge, Fristen und Verwendungsnachweise der Fördermittel.")),
        (("Sperrmüll online anmelden", "Sperrmülltermine werden online angemeldet und bestätigt."),
         ("Online-Anmeldung der Sperrmüllabholung", "Bürgerinnen und Bürger melden Sperrmüll online an und wählen einen Abholtermin.")),
    ]

    static let related: [ProfilePair] = [
        (("E-Akte im Bauamt", "Die Bauakten werden im Bauamt künftig elektronisch geführt; Altakten werden gescannt."),
         ("Bauantrag online", "Bauherren stellen Bauanträge online über das Bauportal.")),
        (("Online-Antrag Wohngeld", "Bürgerinnen und Bürger beantragen Wohngeld online und laden die Nachweise hoch."),
         ("Online-Antrag Elterngeld", "Eltern beantragen Elterngeld online; die Geburtsurkunde wird automatisch abgerufen.")),
        (("Aufrufsystem im Bürgerbüro", "Wartende Kunden werden über Bildschirme aufgerufen; die Wartezeit wird angezeigt."),
         ("Online-Terminvergabe Kfz-Zulassung", "Termine für die Kfz-Zulassungsstelle werden online gebucht.")),
        (("Tablets für Grundschulen", "Jede Grundschulklasse erhält einen Klassensatz Tablets mit Geräteverwaltung."),
         ("WLAN in allen Schulen", "Alle Schulgebäude erhalten flächendeckendes WLAN für Unterricht und Verwaltung.")),
        (("Livestream der Ratssitzungen", "Öffentliche Sitzungen des Stadtrats werden live im Internet übertragen."),
         ("Ratsinformationssystem ablösen", "Das veraltete Ratsinformationssystem wird durch eine moderne Lösung für Sitzungsdienst und Gremien ersetzt.")),
        (("Mahnwesen automatisieren", "Mahnungen der Stadtkasse werden automatisch erstellt und verschickt."),
         ("Haushaltsplanung mit Planungssoftware", "Die Kämmerei plant den Haushalt in einer Planungssoftware statt in Tabellen.")),
        (("Open-Data-Portal", "Die Stadt veröffentlicht Datensätze als offene Daten in einem Open-Data-Portal."),
         ("Geodateninfrastruktur modernisieren", "Das GIS und der Geodatenserver des Vermessungsamts werden erneuert.")),
        (("Bewohnerparkausweis online beantragen", "Anwohnende beantragen und bezahlen den Bewohnerparkausweis online."),
         ("Handyparken in der Innenstadt", "Parkgebühren können per Smartphone-App minutengenau bezahlt werden.")),
        (("Smart Parking in der Innenstadt", "Sensoren erfassen freie Parkplätze in der Innenstadt und zeigen sie in einer App an."),
         ("Pegelsensoren zur Hochwasserfrühwarnung", "Sensoren an Bächen messen Pegelstände und warnen bei Hochwasser per App.")),
        (("Elektronische Personalakte", "Die Personalakten aller Beschäftigten werden digital geführt."),
         ("Online-Bewerbungsportal", "Bewerbungen auf Stellenausschreibungen der Stadt werden über ein Bewerbungsportal eingereicht.")),
        (("Hundesteuer-Anmeldung online", "Hunde können online zur Hundesteuer an- und abgemeldet werden."),
         ("Grundsteuerbescheide digital zustellen", "Grundsteuerbescheide werden auf Wunsch digital in das Postfach zugestellt.")),
        (("Gewerbeanmeldung digital", "Gewerbe können online angemeldet, umgemeldet und abgemeldet werden."),
         ("Gaststättenerlaubnis online beantragen", "Wirte beantragen die Gaststättenerlaubnis online mit allen Unterlagen.")),
        (("Mängelmelder für Bürgerinnen und Bürger", "Schlaglöcher, defekte Straßenlaternen und wilden Müll per App oder Web melden."),
         ("Beteiligungsplattform für die Bauleitplanung", "Bürger geben Stellungnahmen zu Bebauungsplänen online ab.")),
        (("Kita-Platzvergabe online", "Eltern melden ihr Kind online für einen Kitaplatz an; die Vergabe erfolgt zentral."),
         ("Kita-Elternbeiträge digital abrechnen", "Die Elternbeiträge für Kitas werden automatisch berechnet und per Lastschrift eingezogen.")),
        (("Videodolmetschen im Sozialamt", "Für Beratungsgespräche im Sozialamt wird ein Dolmetscher per Video zugeschaltet."),
         ("Chatbot für Bürgeranfragen", "Ein Chatbot beantwortet häufige Fragen von Bürgern rund um die Uhr.")),
        (("Meldebescheinigung online", "Meldebescheinigungen können online beantragt und sofort heruntergeladen werden."),
         ("Anmeldung zur Eheschließung im Standesamt", "Paare melden die Eheschließung online beim Standesamt an und laden Urkunden hoch.")),
        (("Zentrales Fördermittelmanagement", "Alle Förderprogramme, Anträge und Fristen werden in einer Software verwaltet."),
         ("Vertragsmanagement-Software", "Verträge der Stadt mit Laufzeiten und Kündigungsfristen werden in einer Software verwaltet.")),
        (("Sperrmüll online anmelden", "Sperrmülltermine werden online angemeldet und bestätigt."),
         ("Abfall-App mit Abfuhrkalender", "Eine App erinnert an die Abfuhrtermine für Restmüll, Papier und Bioabfall.")),
        (("Schülerfahrkarten online beantragen", "Eltern beantragen die Schülerfahrkarte für den Schulbus online."),
         ("Schulanmeldung online", "Die Anmeldung an weiterführenden Schulen erfolgt online.")),
        (("Papierlose Gremienarbeit", "Ratsmitglieder erhalten Tablets und die Sitzungsunterlagen nur noch digital."),
         ("Konferenztechnik für hybride Sitzungen im Ratssaal", "Kameras, Mikrofone und Bildschirme im Ratssaal für hybride Sitzungen.")),
    ]

    static func document(_ profile: Profile) -> SimilarityIndex<String>.Document {
        .init(id: profile.title, title: profile.title, summary: profile.summary)
    }

    /// Every distinct profile once, identified by its title (some related pairs reuse a profile of a duplicate pair).
    static var documents: [SimilarityIndex<String>.Document] {
        var seen: Set<String> = []
        return (duplicates + related).flatMap { [$0.a, $0.b] }.filter { seen.insert($0.title).inserted }.map(document)
    }

    static func scores(_ index: SimilarityIndex<String>, _ pairs: [ProfilePair]) -> [Double] {
        pairs.map { index.score($0.a.title, $0.b.title)! }
    }
}

/// Other projects of a large portfolio, from combined vocabulary (deterministic), as background for the fixtures.
enum BackgroundPortfolio {
    static let subjects = [
        "Wohngeld", "Elterngeld", "Hundesteuer", "Gewerbeanmeldung", "Bauantrag", "Meldebescheinigung", "Kitaplatz",
        "Schülerfahrkarte", "Sperrmüll", "Führungszeugnis", "Baumfällgenehmigung", "Fundsachen", "Eheschließung",
        "Briefwahl", "Grundsteuer", "Einbürgerung", "Aufenthaltstitel", "Unterhaltsvorschuss", "Blindengeld",
        "E-Akte", "Dokumentenmanagement", "Ratsinformationssystem", "Finanzsoftware", "Zeiterfassung", "Ticketsystem",
        "Geoinformationssystem", "Vergabemanagement", "Fuhrparkmanagement", "Gebäudemanagement", "Intranet",
        "Videokonferenzen", "Telefonanlage", "Terminvergabe", "Formularserver", "Scanstelle", "Archiv", "Chatbot",
        "Beteiligungsplattform", "WLAN", "Tablets", "Sensoren", "Parkleitsystem", "Straßenbeleuchtung", "Open Data",
    ]
    static let actions = ["Einführung", "Ablösung", "Modernisierung", "Online-Antrag", "Digitalisierung", "Ausbau", "Neuorganisation"]
    static let offices = [
        "Bürgeramt", "Bauamt", "Ordnungsamt", "Jugendamt", "Sozialamt", "Standesamt", "Kämmerei", "Schulamt",
        "Personalamt", "Hauptamt", "Umweltamt", "Tiefbauamt", "Kulturamt", "Stadtkasse", "Feuerwehr", "Stadtbibliothek",
    ]
    static let goals = [
        "Wartezeiten verkürzen", "Papier sparen", "Medienbrüche beseitigen", "Bearbeitungszeiten senken",
        "Nachweise automatisch abrufen", "Rückfragen reduzieren", "Fehler vermeiden", "Gebühren online bezahlen",
        "Bescheide digital zustellen", "Termine einsparen", "Daten nur einmal erfassen", "Kennzahlen erhalten",
        "Barrierefreiheit verbessern", "Lizenzkosten senken", "mobiles Arbeiten ermöglichen", "Fristen überwachen",
    ]

    static func documents(count: Int) -> [SimilarityIndex<String>.Document] {
        var state: UInt64 = 42
        func pick(_ items: [String]) -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return items[Int((state >> 33) % UInt64(items.count))]
        }
        return (0..<count).map { k in
            let subject = pick(subjects), office = pick(offices)
            return .init(id: "background\(k)", title: "\(pick(actions)) \(subject) im \(office)",
                         summary: "Das \(office) will mit \(subject) \(pick(goals)) und \(pick(goals)).",
                         description: "Ziel ist es, \(pick(goals)). Außerdem wollen wir \(pick(goals)).")
        }
    }
}
extension TextMatchingTests {
    @Suite("SimilarityIndex on realistic duplicate and related project pairs")
    struct SimilarityPairsTests {
        typealias Index = SimilarityIndex<String>
        static let alone = Index(documents: SimilarityFixtures.documents)
        static let inPortfolio = Index(documents: SimilarityFixtures.documents + BackgroundPortfolio.documents(count: 2_000))

        static func margin(_ index: Index) -> Double {
            SimilarityFixtures.scores(index, SimilarityFixtures.duplicates).min()!
                - SimilarityFixtures.scores(index, SimilarityFixtures.related).max()!
        }

        @Test("every duplicate pair scores above every related pair, alone and among 2,000 other projects")
        func rankingSeparates() {
            for index in [Self.alone, Self.inPortfolio] {
                let duplicates = SimilarityFixtures.scores(index, SimilarityFixtures.duplicates)
                let related = SimilarityFixtures.scores(index, SimilarityFixtures.related)
                #expect(duplicates.min()! > related.max()!, "duplicates \(duplicates.sorted().prefix(3)), related \(related.sorted().suffix(3))")
            }
        }

        @Test("the default threshold keeps every duplicate and lets through at most one related pair")
        func defaultThreshold() {
            let threshold = Index.defaultMinimumScore
            for index in [Self.alone, Self.inPortfolio] {
                for (pair, score) in zip(SimilarityFixtures.duplicates, SimilarityFixtures.scores(index, SimilarityFixtures.duplicates)) {
                    #expect(score >= threshold, "\(pair.a.title) / \(pair.b.title): \(score)")
                }
                let above = zip(SimilarityFixtures.related, SimilarityFixtures.scores(index, SimilarityFixtures.related)).filter { $0.1 >= threshold }
                #expect(above.count <= 1, "\(above.map { "\($0.0.a.title) / \($0.0.b.title): \($0.1)" })")
            }
            // Among many projects, where "Antrag" and "Wohngeld" are common, even the look-alike pair falls below.
            #expect(SimilarityFixtures.scores(Self.inPortfolio, SimilarityFixtures.related).allSatisfy { $0 < threshold })
        }

        @Test("each profile of a duplicate pair finds its partner as the best candidate")
        func partnerComesFirst() {
            for pair in SimilarityFixtures.duplicates {
                for (profile, partner) in [(pair.a, pair.b), (pair.b, pair.a)] {
                    let best = Self.alone.candidates(for: SimilarityFixtures.document(profile), limit: 1, minimumScore: 0)
                    #expect(best.first?.id == partner.title, "\(profile.title) → \(best.first?.id ?? "nothing")")
                }
            }
        }

        @Test("the likely-duplicates view lists every duplicate pair with its exact score")
        func likelyPairsFindsDuplicates() {
            let pairs = Self.inPortfolio.likelyPairs(limit: .max)
            let byKey = Dictionary(pairs.map { (Set([$0.a, $0.b]), $0.score) }, uniquingKeysWith: max)
            for pair in SimilarityFixtures.duplicates {
                let score = byKey[Set([pair.a.title, pair.b.title])]
                #expect(score != nil, "\(pair.a.title) / \(pair.b.title)")
                #expect(abs((score ?? 0) - Self.inPortfolio.score(pair.a.title, pair.b.title)!) < 1e-5)
            }
        }

        @Test("dropping the municipal filler words widens the gap between duplicates and related pairs")
        func fillerWordsHelp() {
            var functionWordsOnly = Index.Configuration()
            functionWordsOnly.stopWords = GermanStemmer.functionWords
            let without = Index(documents: SimilarityFixtures.documents, configuration: functionWordsOnly)
            #expect(Self.margin(Self.alone) > 0)
            #expect(Self.margin(without) < Self.margin(Self.alone), "\(Self.margin(without)) vs \(Self.margin(Self.alone))")
            // The E-Akte pair lives from it: "Einführung" and "elektronisch" are all its second title adds.
            #expect(Self.alone.score("E-Akte im Bürgeramt", "Einführung der elektronischen Akte für das Bürgeramt")!
                > without.score("E-Akte im Bürgeramt", "Einführung der elektronischen Akte für das Bürgeramt")!)
        }

        @Test("character n-grams let compounds meet their parts")
        func ngramsHelp() {
            var stemsOnly = Index.Configuration()
            stemsOnly.wordShare = 1
            let without = Index(documents: SimilarityFixtures.documents, configuration: stemsOnly)
            #expect(Self.margin(without) < Self.margin(Self.alone))
            #expect(Self.alone.score("Online-Antrag Wohngeld", "Wohngeldantrag digitalisieren")!
                > without.score("Online-Antrag Wohngeld", "Wohngeldantrag digitalisieren")! + 0.2)
        }
    }
}
