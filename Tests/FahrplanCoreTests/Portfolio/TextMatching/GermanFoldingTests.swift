@testable import FahrplanCore
import Foundation
import Testing

/// Parent of the text-matching suites, so `--filter TextMatching` selects them all.
@Suite("Text matching") enum TextMatchingTests {}

extension TextMatchingTests {
    @Suite("GermanFolding: spelling-insensitive search")
    struct GermanFoldingTests {
        @Test("ß, umlauts and their ASCII spellings fold together", arguments: [
            (["Straße", "STRASSE", "Strasse", "straße", "STRAẞE"], "strasse"),
            (["Müller", "Mueller", "MÜLLER", "MUELLER", "Muller"], "muller"),
            (["Öffnungszeiten", "Oeffnungszeiten", "OEFFNUNGSZEITEN"], "offnungszeiten"),
            (["Bürgeramt", "Buergeramt", "BÜRGERAMT", "Burgeramt"], "burgeramt"),
            (["Kämmerei", "Kaemmerei", "KÄMMEREI"], "kammerei"),
            (["Gebäude", "Gebaeude"], "gebaude"),
            (["Maß", "Mass", "MASS"], "mass"),
        ])
        func germanSpellings(variants: [String], folded: String) {
            for variant in variants { #expect(GermanFolding.fold(variant) == folded, "\(variant)") }
        }

        @Test("other diacritics are stripped, special letters spelled out", arguments: [
            ("Café", "cafe"), ("Élodie Ça", "elodie ca"), ("Yılmaz", "yilmaz"), ("Łódź", "lodz"), ("Søren", "soren"),
            ("Šimić", "simic"), ("Ærø", "aro"), ("Œuvre", "ouvre"), ("İstanbul", "istanbul"), ("Þór", "thor"),
            ("Ñandú", "nandu"), ("Åse", "ase"),
        ])
        func diacritics(raw: String, folded: String) {
            #expect(GermanFolding.fold(raw) == folded)
        }

        @Test("decomposed input (u + combining diaeresis) folds like the precomposed letter")
        func decomposed() {
            #expect(GermanFolding.fold("Mu\u{0308}ller") == "muller")
            #expect(GermanFolding.fold("Mu\u{0308}ller") == GermanFolding.fold("Müller"))
            #expect(GermanFolding.fold("Cafe\u{0301}") == "cafe")
        }

        @Test("a ue after a, e or q is a diphthong or qu, no umlaut, and stays", arguments: [
            ("Steuer", "steuer"), ("Bauer", "bauer"), ("Quelle", "quelle"), ("neue", "neue"), ("Feuerwehr", "feuerwehr"),
            ("Mauer", "mauer"), ("Abenteuer", "abenteuer"),
        ])
        func diphthongs(raw: String, folded: String) {
            #expect(GermanFolding.fold(raw) == folded)
        }

        @Test("white space collapses and is trimmed; invisible characters go; dashes become hyphens")
        func spacing() {
            #expect(GermanFolding.fold("  E-Akte \n\t im\u{00A0}\u{2003}Bürgeramt  ") == "e-akte im burgeramt")
            #expect(GermanFolding.fold("Bürger\u{00AD}amt") == "burgeramt")
            #expect(GermanFolding.fold("Zero\u{200B}width") == "zerowidth")
            #expect(GermanFolding.fold("E\u{2010}Akte – Bauamt") == "e-akte - bauamt")
            #expect(GermanFolding.fold("Bürger’innen") == "burger'innen")
            #expect(GermanFolding.fold("") == "")
            #expect(GermanFolding.fold(" \n ") == "")
        }

        @Test("digits, punctuation and other scripts pass through")
        func passThrough() {
            #expect(GermanFolding.fold("OZG 2.0: 100 % (Stufe 3)") == "ozg 2.0: 100 % (stufe 3)")
            #expect(GermanFolding.fold("Киев Αθήνα") == "киев αθηνα")
        }

        @Test("folding is idempotent")
        func idempotent() {
            let samples = [
                "Straße", "Mueller", "Maee", "Baeuerin", "Bäuerin", "aeue", "Ärger über Öl", "QUEUE", "Geübt", "Michael",
                "E‐Akte", "ẞ", "Ærø", "Mu\u{0308}e", "  a  b  ", "Œuvre",
            ]
            for sample in samples {
                let once = GermanFolding.fold(sample)
                #expect(GermanFolding.fold(once) == once, "\(sample) → \(once)")
            }
        }

        @Test("search terms: white space separates, quotes keep a phrase, terms are folded and unique", arguments: [
            ("Wohngeld online", ["wohngeld", "online"]),
            ("\"E-Akte Bauamt\" Straße", ["e-akte bauamt", "strasse"]),
            ("„Elektronische Akte“ Bürgeramt", ["elektronische akte", "burgeramt"]),
            ("«Open Data»  portal", ["open data", "portal"]),
            ("Antrag \"auf Wohngeld", ["antrag", "auf wohngeld"]),
            ("Müller mueller MÜLLER", ["muller"]),
            ("  \"\"  \t ", []),
            ("", []),
        ])
        func searchTerms(query: String, terms: [String]) {
            #expect(GermanFolding.searchTerms(query) == terms)
        }

        @Test("a text matches when it contains every term, in any spelling")
        func matching() {
            let text = GermanFolding.fold("Wohngeldantrag digitalisieren – Müller, Straßenverkehrsamt")
            func matches(_ query: String) -> Bool { GermanFolding.matches(foldedText: text, terms: GermanFolding.searchTerms(query)) }
            #expect(matches("wohngeld"))
            #expect(matches("Antrag WOHNGELD"))
            #expect(matches("Mueller strasse"))
            #expect(matches("\"mueller, strassen\""))
            #expect(!matches("\"antrag wohngeld\""))
            #expect(!matches("wohngeld elterngeld"))
            #expect(matches(""))
            #expect(GermanFolding.matches(foldedText: "", terms: []))
            #expect(!GermanFolding.matches(foldedText: "", terms: ["a"]))
            #expect(!GermanFolding.matches(foldedText: "ab", terms: ["abc"]))
            #expect(GermanFolding.matches(foldedText: "abc", terms: ["abc", "c", "bc"]))
        }

        @Test("2,000 project texts can be searched on every keystroke")
        func manyProjects() {
            let texts = (0..<2_000).map { GermanFolding.fold("Projekt \($0): Online-Antrag Wohngeld für das Bürgeramt, Straße \($0 % 97)") }
            let terms = GermanFolding.searchTerms("buergeramt \"strasse 42\"")
            #expect(texts.filter { GermanFolding.matches(foldedText: $0, terms: terms) }.count == 21)
        }
    }
}
