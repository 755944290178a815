import FahrplanCore
import Foundation
import Testing

@Suite("Monitoring: iCalendar feed (RFC 5545)")
struct ICalendarTests {
    static let stamp = Date(timeIntervalSince1970: 1_796_600_000)  // 2026-12-06 23:33:20 UTC

    @Test("text escaping: backslash, semicolon, comma, every kind of line break; control characters dropped")
    func escaping() {
        #expect(ICalendar.escapeText(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendar.escapeText("eins\r\nzwei\ndrei\rvier\u{2028}fünf") == #"eins\nzwei\ndrei\nvier\nfünf"#)
        #expect(ICalendar.escapeText("x\u{0}\u{7}\u{1B}y\tz") == "xy\tz")
        #expect(ICalendar.escapeText("END:VCALENDAR\r\nBEGIN:VEVENT") == #"END:VCALENDAR\nBEGIN:VEVENT"#)
    }

    @Test("folding: at most 75 octets per line, continuation starts with a space, UTF-8 never split")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "ä€😀x", count: 40)
        let folded = ICalendar.fold(line)
        #expect(folded.hasSuffix("\r\n"))
        let physical = folded.components(separatedBy: "\r\n").dropLast()
        #expect(physical.count > 1)
        for (index, part) in physical.enumerated() {
            #expect(part.utf8.count <= 75)
            if index > 0 { #expect(part.hasPrefix(" ")) }
        }
        // Unfolding gives the original line back, so no byte was lost or split.
        #expect(physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
        #expect(ICalendar.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75) + "\r\n")
        #expect(ICalendar.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a\r\n")
    }

    @Test("a document: VCALENDAR with one all-day VEVENT, CRLF everywhere, hostile text cannot add properties")
    func document() {
        let hostile = "Abnahme; Teil 1, \\ \"final\"\r\nEND:VEVENT\r\nBEGIN:VEVENT"
        let text = ICalendar.document(name: "Musterstadt, Meilensteine", events: [
            CalendarEvent(uid: "milestone-1@fahrplan", day: CalendarDay(year: 2027, month: 3, day: 31)!, summary: hostile,
                          description: "Projekt P-1\nVerantwortlich: Ümit Ça", url: "https://example.org/m/x/projects/1\r\nX-EVIL:1"),
        ], stamp: Self.stamp)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains("X-WR-CALNAME:Musterstadt\\, Meilensteine"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20270331"))
        #expect(lines.contains("DTSTAMP:20261206T233320Z"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 1)
        #expect(lines.contains(#"SUMMARY:Abnahme\; Teil 1\, \\ "final"\nEND:VEVENT\nBEGIN:VEVENT"#))
        #expect(lines.contains("URL:https://example.org/m/x/projects/1X-EVIL:1"))
        #expect(!lines.contains { $0.hasPrefix("X-EVIL") })
        #expect(lines.dropLast().last == "END:VCALENDAR")
    }
}
