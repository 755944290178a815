@testable import FahrplanCore
import Foundation
import Testing
extension TextMatchingTests {
    @Suite("GermanStemmer: CISTEM, tokens and stop words")
    struct GermanStemmerTests {
        static func stem(_ word: String) -> String { GermanStemmer.stem(GermanFolding.fold(word)) }

        /// The examples published with the official CISTEM implementation, in its case-insensitive mode (which is what
        /// folded input amounts to).
        @Test("the published CISTEM examples", arguments: [
            ("Speicherbehältern", "speicherbehal"), ("Grenzpostens", "grenzpo"), ("Ausgefeiltere", "ausgefeil"),
        ])
        func publishedExamples(word: String, stem: String) {
            #expect(Self.stem(word) == stem)
        }

        /// Clusters from the CISTEM gold standard (all forms of one word), with the stems the reference implementation
        /// gives; each cluster must collapse to one stem.
        @Test("word forms of the CISTEM gold standard collapse to one stem", arguments: [
            (["Adjektiven", "Adjektiv", "Adjektivs", "Adjektives", "Adjektive"], "adjektiv"),
            (["Bezirkes", "Bezirks", "Bezirke", "Bezirken", "Bezirk"], "bezirk"),
            (["Argumente", "Argumenten", "Argumentes", "Arguments", "Argument"], "argum"),
            (["Ausfluges", "Ausflügen", "Ausflug", "Ausflugs", "Ausflüge", "Ausfluge"], "ausflug"),
            (["Bischofs", "Bischof", "Bischöfen", "Bischöfe"], "bischof"),
            (["Bässen", "Basses", "Baß", "Bässe", "Basse"], "bass"),
            (["Bibliotheken", "Bibliothek"], "bibliothek"),
            (["Akademie", "Akademien"], "akademie"),
        ])
        func goldStandard(forms: [String], stem: String) {
            for form in forms { #expect(Self.stem(form) == stem, "\(form)") }
        }

        @Test("municipal words", arguments: [
            (["Anträge", "Antrag", "Antrags", "Anträgen"], "antrag"),
            (["digitalisieren", "digitalisierte", "digitalisiert"], "digitalisier"),
            (["Prozess", "Prozesse", "Prozesses"], "prozess"),
            (["Schule", "Schulen"], "schul"),
            (["Kinder", "Kindern", "Kind", "Kindes"], "kind"),
            (["Parkplätze", "Parkplatz"], "parkplatz"),
            (["Meldebescheinigung", "Meldebescheinigungen"], "meldebescheinigung"),
            (["Akte", "Akten"], "akt"),
        ])
        func municipalWords(forms: [String], stem: String) {
            for form in forms { #expect(Self.stem(form) == stem, "\(form)") }
        }

        @Test("rules: ge- prefix with at least four letters left, sch/ei/ie kept, short words untouched")
        func rules() {
            #expect(Self.stem("gemeldet") == "meld")
            #expect(Self.stem("gebaut") == "bau")
            #expect(Self.stem("Geld") == "geld")
            #expect(Self.stem("Tische") == "tisch")
            #expect(Self.stem("Einheiten") == "einhei")
            #expect(Self.stem("Dienste") == "dien")
            #expect(Self.stem("Kita") == "kita")
            #expect(Self.stem("ein") == "ein")
            #expect(GermanStemmer.stem("") == "")
        }

        @Test("length rules count characters, not UTF-8 bytes")
        func countsCharacters() {
            // Five characters (six bytes): too short for the "-er" rule.
            #expect(GermanStemmer.stem("ωaber") == "ωaber")
            #expect(GermanStemmer.stem("ωabers") == "ωaber")
            #expect(GermanStemmer.stem("xyaber") == "xyab")
            #expect(GermanStemmer.stem("москва") == "москва")
        }

        @Test("tokens are folded runs of letters and digits", arguments: [
            ("E-Akte im Bürgeramt", ["e", "akte", "im", "burgeramt"]),
            ("Bürger*innen, Bürger:innen", ["burger", "innen", "burger", "innen"]),
            ("OZG 2.0 – Stufe 3", ["ozg", "2", "0", "stufe", "3"]),
            ("„Open-Data“-Portal!", ["open", "data", "portal"]),
            ("Straße🚲Weg", ["strasse", "weg"]),
            ("Київ Αθήνα", ["киів", "αθηνα"]),
            ("", []),
        ])
        func tokens(text: String, tokens: [String]) {
            #expect(GermanStemmer.tokens(text) == tokens)
        }

        @Test("content stems drop stop words, single letters and numbers")
        func contentStems() {
            #expect(GermanStemmer.contentStems("Einführung der E-Akte 2025 im Bürgeramt") == ["akt", "burgeram"])
            #expect(GermanStemmer.contentStems("Antrag auf Wohngeld") == ["antrag", "wohngeld"])
            #expect(GermanStemmer.contentStems("Digitalisierung des Wohngeldantrags für Bürger*innen") == ["wohngeldantrag", "burg"])
            #expect(GermanStemmer.contentStems("the online portal for citizens") == ["portal", "citiz"])
            #expect(GermanStemmer.contentStems("Einführung", stopWords: []) == ["einfuhrung"])
        }

        @Test("every stop word is already folded and a single token")
        func stopWordsAreFolded() {
            for word in GermanStemmer.stopWords {
                #expect(GermanFolding.fold(word) == word, "\(word)")
                #expect(GermanStemmer.tokens(word) == [word], "\(word)")
            }
            #expect(GermanStemmer.stopWords == GermanStemmer.functionWords.union(GermanStemmer.municipalFillerWords))
        }

        @Test("filler words say nothing about the subject; subject words are never stop words")
        func fillerWords() {
            for filler in ["Einführung", "digitale", "Digitalisierung", "online", "elektronischen", "Projekt", "Umsetzung"] {
                #expect(GermanStemmer.stopWords.contains(GermanFolding.fold(filler)), "\(filler)")
            }
            for subject in ["Akte", "Antrag", "Portal", "Termin", "Wohngeld", "Schule", "WLAN", "Bürgeramt", "Software", "App"] {
                #expect(!GermanStemmer.stopWords.contains(GermanFolding.fold(subject)), "\(subject)")
            }
        }
    }
}
