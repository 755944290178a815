import FahrplanCore
import Testing

@Suite("Markup escaping of people's text")
struct MarkupEscapingTests {
    @Test("markup characters escaped, control characters dropped, line breaks kept or made spaces, plain text unchanged")
    func rules() {
        let hostile = "<script>alert('x')</script> & \"Zitat\""
        #expect(MarkupEscaping.escaped(hostile) == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Zitat&quot;")
        #expect(MarkupEscaping.escaped("Zeile 1\nZeile 2\tEnde", lineBreaks: .space) == "Zeile 1 Zeile 2 Ende")
        #expect(MarkupEscaping.escaped("Zeile 1\nZeile 2\tEnde", lineBreaks: .keep) == "Zeile 1\nZeile 2\tEnde")
        #expect(MarkupEscaping.escaped("a\u{0}b\u{7}c\u{7F}d\re") == "abcde")
        #expect(MarkupEscaping.escaped("Straßenverkehrsamt – Größe ✓") == "Straßenverkehrsamt – Größe ✓")
        var text = "<p>"
        MarkupEscaping.append("A & B", to: &text, lineBreaks: .keep)
        #expect(text == "<p>A &amp; B")
    }
}
