import FahrplanCore
import Testing

@Suite("CleanText: what free text keeps and what it refuses")
struct CleanTextTests {
    @Test("nil and blank input normalize to nil", arguments: [false, true])
    func blankIsNil(multiline: Bool) {
        for raw in [nil, "", " ", "\n", "\r\n\r\n", "\t \t", "\u{00A0}\u{2003}", " \n \r "] as [String?] {
            #expect(CleanText.normalize(raw, multiline: multiline) == nil, "\(String(describing: raw))")
        }
    }

    @Test("surrounding white space goes, inner spacing stays")
    func trims() {
        #expect(CleanText.normalize("  Once-Only:  Daten nur einmal  ", multiline: false) == "Once-Only:  Daten nur einmal")
        #expect(CleanText.normalize("\n\n  Absatz\n\n", multiline: true) == "Absatz")
    }

    @Test("line breaks of every platform become \\n in multi-line text", arguments: [
        ("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\nb", "a\nb"), ("a\r\n\r\nb", "a\n\nb"), ("a\n\r\nb", "a\n\nb"),
    ])
    func unifiesLineBreaks(raw: String, expected: String) {
        #expect(CleanText.normalize(raw, multiline: true) == expected)
    }

    @Test("single-line text gets one space per line break, \\r\\n included", arguments: [
        ("a\r\nb", "a b"), ("a\rb", "a b"), ("a\nb", "a b"), ("a\n\nb", "a  b"), ("Titel\n", "Titel"),
    ])
    func singleLine(raw: String, expected: String) {
        #expect(CleanText.normalize(raw, multiline: false) == expected)
    }

    @Test("umlauts, ß and other letters pass through unchanged")
    func keepsLetters() {
        let text = "Größere Übersicht für Bürgerinnen – „Einer für Alle“ · Schäfer-Yılmaz"
        #expect(CleanText.normalize(text, multiline: false) == text)
        #expect(!CleanText.containsForbiddenControlCharacters(text, multiline: false))
    }

    @Test("C0 control characters and DEL are forbidden", arguments: Array(0x00...0x1F).filter { ![0x09, 0x0A, 0x0D].contains($0) } + [0x7F])
    func c0AndDelete(value: Int) {
        let text = "a" + String(Character(Unicode.Scalar(UInt8(value)))) + "b"
        #expect(CleanText.containsForbiddenControlCharacters(text, multiline: true))
        #expect(CleanText.containsForbiddenControlCharacters(text, multiline: false))
    }

    @Test("C1 control characters (U+0080–U+009F) are forbidden too", arguments: [0x80, 0x85, 0x9B, 0x9F])
    func c1(value: UInt32) {
        let text = "a" + String(Character(Unicode.Scalar(value)!)) + "b"
        #expect(CleanText.containsForbiddenControlCharacters(text, multiline: true))
        #expect(CleanText.containsForbiddenControlCharacters(text, multiline: false))
    }

    @Test("tab and line breaks are allowed", arguments: ["a\tb", "a\nb", "a\r\nb", "a\rb"])
    func allowed(text: String) {
        #expect(!CleanText.containsForbiddenControlCharacters(text, multiline: true))
    }

    @Test("the first character after the control range is fine", arguments: [0x20, 0x7E, 0xA0, 0xFC])
    func justOutsideControlRanges(value: UInt32) {
        let text = "a" + String(Character(Unicode.Scalar(value)!)) + "b"
        #expect(!CleanText.containsForbiddenControlCharacters(text, multiline: false))
    }

    @Test("a control character hidden in a CRLF pair or at the very end is still found")
    func hidden() {
        #expect(CleanText.containsForbiddenControlCharacters("Zeile\r\n\u{0000}", multiline: true))
        #expect(CleanText.containsForbiddenControlCharacters(String(repeating: "x", count: 10_000) + "\u{001B}", multiline: false))
        #expect(!CleanText.containsForbiddenControlCharacters("", multiline: false))
    }
}
