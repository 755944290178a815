import Foundation

/// Spelling-insensitive matching of German text (Schreibweisen angleichen): the search box on every project list and
/// the duplicate detection (Dublettenprüfung) both compare *folded* text, so that "Straße", "STRASSE" and "Strasse",
/// or "Müller", "Mueller" and "Muller" are one and the same word.
///
/// Folding is a matching key, never shown to anyone. The same `fold(_:)` must be applied to the indexed text and to
/// the query; the rules are idempotent (`fold(fold(x)) == fold(x)`), so folding twice does no harm.
///
/// Rules, in order of application per Unicode scalar:
/// - lower case; `ß` and `ẞ` become `ss`; `æ` → `ae`, `œ` → `oe`, `ø` → `o`, `ł` → `l`, `ı` → `i`, `đ`/`ð` → `d`,
///   `þ` → `th`; every other diacritic is stripped (`é` → `e`, `ç` → `c`, decomposed input included);
/// - the umlauts and their ASCII spellings meet: `ä`/`ae` → `a`, `ö`/`oe` → `o`, `ü`/`ue` → `u`. A `ue` after
///   `a`, `e` or `q` is left alone, because there the `u` belongs to a diphthong or to "qu" and is no umlaut
///   ("Steuer", "Bauer", "Quelle" stay as they are);
/// - every run of white space becomes one space, leading and trailing white space goes; invisible characters (soft
///   hyphen, zero-width space) are dropped; typographic hyphens and dashes become `-`, typographic apostrophes `'`.
///
/// Known limits, the price of making "Mueller" find "Müller": a query that starts in the middle of a spelled-out
/// umlaut ("el" in "Michael", which folds to "michal") does not find it, and "ue" spelled for "ü" after e/a/q
/// ("geuebt" for "geübt") is not recognised. Both are rare.
public enum GermanFolding {
    /// The folded form of `text`; see the type's documentation for the rules.
    public static func fold(_ text: String) -> String {
        var output: [UInt8] = []
        fold(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// A compact key for matching names people type by hand — spreadsheet headers, labels of choices: the folded
    /// text with everything but letters and digits removed, so `Personal (VZÄ)`, `personal vzae` and `PERSONAL-VZA`
    /// are one key.
    public static func matchKey(_ text: String) -> String {
        var folded: [UInt8] = []
        fold(text, into: &folded)
        // Bytes ≥ 0x80 belong to letters outside ASCII that folding kept (e.g. Cyrillic); keep them whole.
        return String(decoding: folded.filter { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 >= 0x80 }, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of the folded text to `output` (the allocation-free form used for indexing).
    static func fold(_ text: String, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + text.utf8.count)
        let start = output.count
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(truncatingIfNeeded: value)
                switch byte {
                case 0x41...0x5A:  // A–Z
                    flush(&pendingSpace, into: &output, start: start)
                    appendLetter(byte | 0x20, to: &output, start: start)
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                    pendingSpace = true
                default:
                    flush(&pendingSpace, into: &output, start: start)
                    appendLetter(byte, to: &output, start: start)
                }
                continue
            }
            if isSpace(value) {
                pendingSpace = true
                continue
            }
            if isInvisible(value) || (0x300...0x36F).contains(value) { continue }
            flush(&pendingSpace, into: &output, start: start)
            if value >= 0xC0 && value < 0x250 {
                for byte in latinTable[Int(value - 0xC0)] { appendLetter(byte, to: &output, start: start) }
            } else {
                for byte in foldedBytes(of: scalar) { appendLetter(byte, to: &output, start: start) }
            }
        }
    }

    /// Splits what someone typed into a search box into folded terms. White space separates terms; a phrase in
    /// quotation marks ("…", „…“, “…”, «…», »…«) stays one term, so `"E-Akte Bauamt"` finds only that wording. Empty
    /// terms and repetitions are dropped; an unclosed quotation runs to the end of the query.
    public static func searchTerms(_ query: String) -> [String] {
        var terms: [String] = []
        var current = String.UnicodeScalarView()
        var inQuote = false
        func finish() {
            if !current.isEmpty {
                let term = fold(String(current))
                if !term.isEmpty && !terms.contains(term) { terms.append(term) }
                current = String.UnicodeScalarView()
            }
        }
        for scalar in query.unicodeScalars {
            if isQuote(scalar.value) {
                finish()
                inQuote.toggle()
            } else if !inQuote && (scalar.properties.isWhitespace || isSpace(scalar.value)) {
                finish()
            } else {
                current.append(scalar)
            }
        }
        finish()
        return terms
    }

    /// Whether every term occurs in the text (as a substring, so "wohngeld" finds "Wohngeldantrag"). Both sides must
    /// be folded: pass `fold(title + " " + summary …)` (ideally stored with the project) and `searchTerms(query)`.
    /// No terms match everything. Works on UTF-8 bytes, fast enough for thousands of projects per keystroke.
    public static func matches(foldedText: String, terms: [String]) -> Bool {
        if terms.isEmpty { return true }
        var text = foldedText
        return text.withUTF8 { haystack in
            for term in terms {
                var needle = term
                let found = needle.withUTF8 { containsBytes(haystack, $0) }
                if !found { return false }
            }
            return true
        }
    }

    // MARK: - Internals

    /// Appends one folded byte, applying the digraph rule: an `e` after `a` or `o` is dropped (ae → a, oe → o), and
    /// after `u` too unless that `u` follows `a`, `e` or `q`. Looking at the output (not the input) keeps the rule
    /// idempotent.
    @inline(__always)
    private static func appendLetter(_ byte: UInt8, to output: inout [UInt8], start: Int) {
        if byte == 0x65 && output.count > start {  // "e"
            switch output[output.count - 1] {
            case 0x61, 0x6F: return  // "a", "o"
            case 0x75:  // "u"
                let beforeU = output.count - 2 >= start ? output[output.count - 2] : 0
                if beforeU != 0x61 && beforeU != 0x65 && beforeU != 0x71 { return }
            default: break
            }
        }
        output.append(byte)
    }

    @inline(__always)
    private static func flush(_ pendingSpace: inout Bool, into output: inout [UInt8], start: Int) {
        if pendingSpace {
            if output.count > start { output.append(0x20) }
            pendingSpace = false
        }
    }

    private static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    private static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    private static func isQuote(_ value: UInt32) -> Bool {
        switch value {
        case 0x22, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2039, 0x203A: return true
        default: return false
        }
    }

    /// Folded bytes for U+00C0 ..< U+0250 (Latin-1 Supplement, Latin Extended-A and -B), computed once.
    private static let latinTable: [[UInt8]] = (0xC0..<0x250).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return [] }
        return foldedBytes(of: scalar)
    }

    /// The slow path for one non-ASCII scalar: special letters, otherwise lower case plus canonical decomposition
    /// without the combining marks. Letters of other scripts (Greek, Cyrillic …) pass through in lower case.
    private static func foldedBytes(of scalar: Unicode.Scalar) -> [UInt8] {
        switch scalar.value {
        case 0xDF, 0x1E9E: return Array("ss".utf8)
        case 0xC6, 0xE6: return Array("ae".utf8)
        case 0x152, 0x153: return Array("oe".utf8)
        case 0xD8, 0xF8: return Array("o".utf8)
        case 0x141, 0x142: return Array("l".utf8)
        case 0x131: return Array("i".utf8)
        case 0x110, 0x111, 0xD0, 0xF0: return Array("d".utf8)
        case 0xDE, 0xFE: return Array("th".utf8)
        case 0x2010...0x2015, 0x2212: return Array("-".utf8)
        case 0x2018, 0x2019, 0x201B, 0x2032: return Array("'".utf8)
        default: break
        }
        let lowered = scalar.properties.lowercaseMapping.decomposedStringWithCanonicalMapping
        var bytes: [UInt8] = []
        for part in lowered.unicodeScalars where !(0x300...0x36F).contains(part.value) {
            bytes.append(contentsOf: String(part).utf8)
        }
        return bytes
    }

    /// Plain substring search on bytes: scan for the first byte, then compare the rest.
    private static func containsBytes(
        _ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        let h = haystack.count
        if n > h { return false }
        guard let hay = haystack.baseAddress, let pin = needle.baseAddress else { return false }
        let first = pin[0]
        var i = 0
        let last = h - n
        while i <= last {
            if hay[i] == first && memcmp(hay + i + 1, pin + 1, n - 1) == 0 { return true }
            i += 1
        }
        return false
    }
}
