import Foundation

/// Reduction of German words to a common stem (Stammformreduktion), so that "Anträge", "Antrag" and "Antrags", or
/// "digitalisieren" and "digitalisierte" count as one word when project profiles are compared for duplicates.
///
/// The stemmer is CISTEM (Leonie Weißweiler, Alexander Fraser: "Developing a Stemmer for German Based on a Comparative
/// Analysis of Publicly Available Stemmers", GSCL 2017): a handful of suffix rules, published with gold standards, as
/// good as Snowball on them and much simpler. It runs on *folded* words (see `GermanFolding`), i.e. in CISTEM's
/// case-insensitive mode: project titles are often in capitals ("E-AKTE") or lower case, so the capital letter of a
/// noun cannot be relied on.
///
/// The tokenizer and the stop-word list belong here as well, because stop words are looked up on folded tokens and
/// everything that compares texts must cut them the same way.
public enum GermanStemmer {
    /// The CISTEM stem of one folded, lower-case word ("speicherbehaltern" → "speicherbehal"). Apply
    /// `GermanFolding.fold(_:)` first (or use `tokens(_:)`, which does). Words of up to three letters are kept.
    public static func stem(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = Array(word.utf8)
            stemInPlace(&bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = word.unicodeScalars.map(\.value)
        stemInPlace(&scalars)
        return String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    /// Folds `text` and splits it into runs of letters and digits ("E-Akte im Bürgeramt" → ["e", "akte", "im",
    /// "burgeramt"]). Everything else — punctuation, hyphens, the gender star in "Bürger*innen" — separates words.
    public static func tokens(_ text: String) -> [String] {
        var folded: [UInt8] = []
        GermanFolding.fold(text, into: &folded)
        var result: [String] = []
        forEachToken(in: folded) { result.append(String(decoding: folded[$0], as: UTF8.self)) }
        return result
    }

    /// The stems that carry the meaning of `text`: tokens without stop words, single letters and plain numbers
    /// (years, "2.0"), each stemmed. This is what duplicate detection compares.
    public static func contentStems(_ text: String, stopWords: Set<String> = stopWords) -> [String] {
        var result: [String] = []
        var buffers = Buffers()
        forEachContentStem(text, stopWords: stopWords, buffers: &buffers) {
            result.append(String(decoding: $0, as: UTF8.self))
        }
        return result
    }

    /// German and English function words (articles, pronouns, prepositions, conjunctions, auxiliaries), folded.
    public static let functionWords: Set<String> = Set("""
        aber als am an auch auf aus bei beim bis bzw da damit dann das dass dem den denen der deren des dessen die dies
        diese diesem diesen dieser dieses doch durch ein eine einem einen einer eines er es etwa fur gegen hat haben
        hier ihr ihre ihrem ihren ihrer im in ins ist jede jedem jeden jeder jedes kann konnen man mehr mit muss nach
        neben nicht noch nur ob oder ohne sein seine sich sie sind so sollen soll sowie uber um und uns unser unsere
        unter usw vom von vor wann war waren was weil welche welchem welchen welcher welches wenn werden wer wie wir
        wird wo zu zum zur zwischen innen ggf inkl sowohl
        a an and are as at be by for from has have in into is it its of on or that the their this to was were will
        with within without
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Words that appear in nearly every municipal project profile and say nothing about *what* is done: the
    /// portfolio is a digital strategy, so "digital", "online", "elektronisch" and "Digitalisierung" describe every
    /// project; "Einführung", "Umsetzung", "Projekt" describe the kind of text, not its subject. Dropping them lets
    /// "E-Akte im Bürgeramt" meet "Einführung der elektronischen Akte für das Bürgeramt" (tests show the effect).
    /// Kept on purpose: words naming a subject ("Akte", "Portal", "Antrag", "Termin"), however frequent — the inverse
    /// document frequency weighs those down where they are common.
    public static let municipalFillerWords: Set<String> = Set("""
        digital digitale digitalen digitaler digitales digitalisierung digitalisieren digitalisiert digitalisierte
        digitalisierten online elektronisch elektronische elektronischen elektronischer elektronisches
        einfuhrung einfuhren eingefuhrt umsetzung umsetzen projekt projekte projekts projektes vorhaben
        neu neue neuen neuer neues stadt stadtverwaltung verwaltung kommune kommunal kommunale kommunalen
        aufbau ausbau bereitstellung schaffung
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// The stop words removed before stemming: `functionWords` ∪ `municipalFillerWords`.
    public static let stopWords: Set<String> = functionWords.union(municipalFillerWords)

    // MARK: - Internals

    /// Reusable scratch space, so that indexing thousands of profiles does not allocate per word.
    struct Buffers {
        var folded: [UInt8] = []
        var word: [UInt8] = []
        var scalars: [UInt32] = []
    }

    /// Calls `body` with the UTF-8 bytes of each content stem of `text` (see `contentStems`).
    static func forEachContentStem(
        _ text: String, stopWords: Set<String>, buffers: inout Buffers, _ body: ([UInt8]) -> Void
    ) {
        buffers.folded.removeAll(keepingCapacity: true)
        GermanFolding.fold(text, into: &buffers.folded)
        let folded = buffers.folded
        forEachToken(in: folded) { range in
            if range.count < 2 { return }
            var ascii = true, digitsOnly = true
            for byte in folded[range] {
                if byte >= 0x80 { ascii = false }
                if byte < 0x30 || byte > 0x39 { digitsOnly = false }
            }
            if digitsOnly { return }
            let token = folded[range]
            if !ascii && String(decoding: token, as: UTF8.self).unicodeScalars.count < 2 { return }
            if stopWords.contains(String(decoding: token, as: UTF8.self)) { return }
            if ascii {
                buffers.word.removeAll(keepingCapacity: true)
                buffers.word.append(contentsOf: token)
                stemInPlace(&buffers.word)
                if buffers.word.count >= 2 { body(buffers.word) }
            } else {
                buffers.scalars.removeAll(keepingCapacity: true)
                buffers.scalars.append(contentsOf: String(decoding: token, as: UTF8.self).unicodeScalars.map(\.value))
                stemInPlace(&buffers.scalars)
                if buffers.scalars.count >= 2 {
                    body(Array(String(String.UnicodeScalarView(buffers.scalars.compactMap(Unicode.Scalar.init))).utf8))
                }
            }
        }
    }

    /// Calls `body` with the byte range of each run of letters and digits in folded text.
    static func forEachToken(in folded: [UInt8], _ body: (Range<Int>) -> Void) {
        var start = -1
        var k = 0
        while k < folded.count {
            let byte = folded[k]
            var length = 1
            let isWordPart: Bool
            if byte < 0x80 {
                isWordPart = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            } else {
                length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                length = min(length, folded.count - k)
                let scalar = String(decoding: folded[k..<(k + length)], as: UTF8.self).unicodeScalars.first
                isWordPart = scalar.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
            }
            if isWordPart {
                if start < 0 { start = k }
            } else if start >= 0 {
                body(start..<k); start = -1
            }
            k += length
        }
        if start >= 0 { body(start..<folded.count) }
    }

    private static let markSch = 1, markEi = 2, markIe = 3, markDouble = 4

    /// CISTEM on a folded word given as UTF-8 bytes (ASCII) or Unicode scalar values; markers are control
    /// characters, which tokens never contain.
    static func stemInPlace<T: FixedWidthInteger>(_ s: inout [T]) {
        let e = T(0x65), i = T(0x69), g = T(0x67), m = T(0x6D), r = T(0x72), n = T(0x6E), d = T(0x64), t = T(0x74)
        let sLetter = T(0x73), c = T(0x63), h = T(0x68)
        let sch = T(markSch), ei = T(markEi), ie = T(markIe), double = T(markDouble)
        // Strip the participle prefix "ge" when at least four letters remain ("gebaut" stays, "gemeldet" → "meldet").
        if s.count >= 6 && s[0] == g && s[1] == e { s.removeFirst(2) }
        replace(&s, sLetter, c, h, with: sch)
        replace(&s, e, i, nil, with: ei)
        replace(&s, i, e, nil, with: ie)
        // A doubled letter becomes letter + marker, so the suffix rules see "ss" as one unit ("prozess" → "proze*").
        var k = 0
        while k + 1 < s.count {
            if s[k] == s[k + 1] { s[k + 1] = double; k += 2 } else { k += 1 }
        }
        while s.count > 3 {
            let last = s[s.count - 1], secondLast = s[s.count - 2]
            if s.count > 5 {
                if secondLast == e && (last == m || last == r) { s.removeLast(2); continue }
                if secondLast == n && last == d { s.removeLast(2); continue }
            }
            if last == t { s.removeLast(); continue }
            if last == e || last == sLetter || last == n { s.removeLast(); continue }
            break
        }
        var expandedCount = 0
        for index in s.indices {
            if s[index] == double && index > 0 { s[index] = s[index - 1] }
            expandedCount += s[index] == sch ? 3 : (s[index] == ei || s[index] == ie) ? 2 : 1
        }
        guard expandedCount > s.count else { return }
        // Expand the markers from the back, in place.
        var write = expandedCount
        var read = s.count
        s.append(contentsOf: repeatElement(0, count: expandedCount - s.count))
        while read > 0 {
            read -= 1
            let value = s[read]
            if value == sch {
                write -= 3; s[write] = sLetter; s[write + 1] = c; s[write + 2] = h
            } else if value == ei || value == ie {
                write -= 2; s[write] = value == ei ? e : i; s[write + 1] = value == ei ? i : e
            } else {
                write -= 1; s[write] = value
            }
        }
    }

    /// Left-to-right, non-overlapping replacement of a two- or three-letter pattern by one marker, in place.
    private static func replace<T: FixedWidthInteger>(_ s: inout [T], _ p0: T, _ p1: T, _ p2: T?, with marker: T) {
        let length = p2 == nil ? 2 : 3
        var read = 0, write = 0
        while read < s.count {
            if read + length <= s.count && s[read] == p0 && s[read + 1] == p1 && (p2 == nil || s[read + 2] == p2!) {
                s[write] = marker; read += length
            } else {
                s[write] = s[read]; read += 1
            }
            write += 1
        }
        s.removeLast(s.count - write)
    }
}
