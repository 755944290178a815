import FahrplanCore
import Testing

@Suite("Slug: a municipality's URL name")
struct SlugTests {
    @Test("valid slugs", arguments: [
        "musterstadt", "bad-muenstereifel", "ab", "a1", "frankfurt-oder", "st-ingbert", "kreis-2030",
        "a" + String(repeating: "b", count: 62),
    ])
    func valid(slug: String) {
        #expect(Slug.isValid(slug))
    }

    @Test("invalid slugs", arguments: [
        "", "a", "a" + String(repeating: "b", count: 63), "Musterstadt", "MUSTERSTADT", "1stadt", "2030", "-stadt", "stadt-",
        "bad münstereifel", "bad_muenstereifel", "münster", "giessen.de", "m/x", " musterstadt", "musterstadt ",
        "bad\tx", "stadt\n", "ab-", "-", "--", "stra\u{00DF}e", "e\u{0301}cole", "\u{0430}b",
    ])
    func invalid(slug: String) {
        #expect(!Slug.isValid(slug))
    }

    @Test("names the application uses itself are reserved", arguments: ["admin", "api", "static", "login", "logout", "account", "new"])
    func reserved(slug: String) {
        #expect(Slug.reserved.contains(slug))
        #expect(!Slug.isValid(slug))
        // The same letters as part of a longer name are fine.
        #expect(Slug.isValid(slug + "-stadt"))
    }

    @Test("suggestions from real names", arguments: [
        ("Bad Münstereifel", "bad-muenstereifel"),
        ("Gießen", "giessen"),
        ("Öhringen", "oehringen"),
        ("Überlingen", "ueberlingen"),
        ("Ärzteviertel", "aerzteviertel"),
        ("GROẞHEIRATH", "grossheirath"),
        ("Frankfurt (Oder)", "frankfurt-oder"),
        ("  Halle (Saale)  ", "halle-saale"),
        ("St. Ingbert", "st-ingbert"),
        ("Garmisch-Partenkirchen", "garmisch-partenkirchen"),
        ("Musterstadt  –  Nord", "musterstadt-nord"),
        ("Landkreis Görlitz 2030!", "landkreis-goerlitz-2030"),
        ("Mu\u{0308}nster", "muenster"),
        ("Musterstadt", "musterstadt"),
    ])
    func suggest(name: String, expected: String) {
        #expect(Slug.suggest(from: name) == expected)
        #expect(Slug.isValid(Slug.suggest(from: name)))
    }

    @Test("nothing usable in the name gives an empty suggestion", arguments: ["", "   ", "---", "()", "–"])
    func suggestEmpty(name: String) {
        #expect(Slug.suggest(from: name) == "")
    }

    @Test("suggestions contain only a–z, 0–9 and single inner hyphens", arguments: [
        "İstanbul", "Besançon", "Łódź", "Zürich/Schweiz", "Ĳsselstein", "Dvůr Králové", "東京", "Ça va", "n\u{0303}o",
        "  --Stadt--  ", "Bad\u{00A0}Ems", "Köln\u{200B}Porz",
    ])
    func suggestOnlySafeCharacters(name: String) {
        let slug = Slug.suggest(from: name)
        #expect(slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(slug)")
        #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"), "\(slug)")
    }

    @Test("long names are cut to the maximum length without a trailing hyphen")
    func suggestLong() {
        for wordLength in 1...20 {
            let name = Array(repeating: String(repeating: "x", count: wordLength), count: 40).joined(separator: " ")
            let slug = Slug.suggest(from: name)
            #expect(slug.count <= Slug.maxLength)
            #expect(slug.count >= Slug.maxLength - 1)
            #expect(!slug.hasSuffix("-"), "word length \(wordLength): \(slug)")
            #expect(Slug.isValid(slug), "word length \(wordLength): \(slug)")
        }
        // Umlauts grow by one letter each when folded; the cut happens after folding.
        #expect(Slug.suggest(from: String(repeating: "ü", count: 40)) == String(repeating: "ue", count: 31) + "u")
    }
}

@Suite("EmailAddress: loose plausibility and normalisation")
struct EmailAddressTests {
    @Test("plausible addresses", arguments: [
        "a@b.de", "digitalisierung@musterstadt.example", "julia.sommerfeld+strategie@sub.musterstadt.de",
        "o'neil@example.org", "info@müller.de", "x@b.c",
    ])
    func plausible(email: String) {
        #expect(EmailAddress.isPlausible(email))
    }

    @Test("implausible addresses", arguments: [
        "", "@", "a", "a@", "@b.de", "a@b", "a@@b.de", "a@b@c.de", "a@.de", "a@b.de.", "a@.", "a b@c.de", "a@b .de",
        " a@b.de", "a@b.de ", "a\t@b.de", "a@b.de\n", "a\u{00A0}@b.de", "musterstadt.example",
    ])
    func implausible(email: String) {
        #expect(!EmailAddress.isPlausible(email))
    }

    @Test("at most 254 characters")
    func maximumLength() {
        let domain = "@musterstadt.example"
        let fits = String(repeating: "a", count: 254 - domain.count) + domain
        #expect(fits.count == 254)
        #expect(EmailAddress.isPlausible(fits))
        #expect(!EmailAddress.isPlausible("a" + fits))
    }

    @Test("normalising trims and lower-cases", arguments: [
        ("  Julia.Sommerfeld@MusterStadt.Example \n", "julia.sommerfeld@musterstadt.example"),
        ("\tLESEN@MUSTERSTADT.EXAMPLE", "lesen@musterstadt.example"),
        ("Jörg.Hellwig@Musterstadt.Example", "jörg.hellwig@musterstadt.example"),
        ("", ""),
    ])
    func normalize(raw: String, expected: String) {
        #expect(EmailAddress.normalize(raw) == expected)
    }

    @Test("normalising is idempotent and makes a padded address plausible")
    func normalizeThenCheck() {
        let raw = "  Bewertung@Musterstadt.Example  "
        #expect(!EmailAddress.isPlausible(raw))
        let normalized = EmailAddress.normalize(raw)
        #expect(EmailAddress.normalize(normalized) == normalized)
        #expect(EmailAddress.isPlausible(normalized))
    }
}
