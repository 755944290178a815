import Foundation

/// One all-day entry of a calendar feed (Kalendereintrag): a milestone's due day or a planned roll-out.
public struct CalendarEvent: Sendable, Equatable {
    /// Globally unique and stable across feeds, so calendar programs update the entry instead of duplicating it.
    public var uid: String
    public var day: CalendarDay
    public var summary: String
    public var description: String?
    public var url: String?

    public init(uid: String, day: CalendarDay, summary: String, description: String? = nil, url: String? = nil) {
        self.uid = uid; self.day = day; self.summary = summary; self.description = description; self.url = url
    }
}

/// Writes an iCalendar document (RFC 5545) that calendar programs subscribe to: one VCALENDAR with an all-day
/// VEVENT per entry. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; text
/// values escape backslash, semicolon, comma and line breaks (§3.3.11), and other control characters are dropped,
/// so no value can start a property or component of its own.
public enum ICalendar {
    public static let productID = "-//Fahrplan//Monitoring//DE"
    public static let maxLineOctets = 75

    public static func document(name: String, events: [CalendarEvent], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + productID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escapeText(name)]
        let stampText = utcStamp(stamp)
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + escapeText(event.uid))
            lines.append("DTSTAMP:" + stampText)
            lines.append("DTSTART;VALUE=DATE:" + dateValue(event.day))
            lines.append("SUMMARY:" + escapeText(event.summary))
            if let description = event.description { lines.append("DESCRIPTION:" + escapeText(description)) }
            if let url = event.url.map(uriValue), !url.isEmpty { lines.append("URL:" + url) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    /// A TEXT value: `\` `;` `,` escaped, any line break (CRLF, CR, LF, Unicode separators) as `\n`, other
    /// control characters (except tab) removed.
    public static func escapeText(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r", "\u{2028}", "\u{2029}", "\u{85}": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URI value is not escaped (RFC 5545 §3.3.13); only characters that could break the line are dropped.
    static func uriValue(_ url: String) -> String {
        String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.properties.generalCategory != .control && $0 != "\u{2028}" && $0 != "\u{2029}" }))
    }

    /// Folds one content line into lines of at most 75 octets (the continuation's leading space included),
    /// each ending in CRLF. A character is never split: folding happens before the first byte of a scalar.
    public static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        var lineOctets = 0
        for scalar in line.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if lineOctets + bytes.count > maxLineOctets {
                out += [0x0D, 0x0A, 0x20]
                lineOctets = 1
            }
            out += bytes
            lineOctets += bytes.count
        }
        out += [0x0D, 0x0A]
        return String(decoding: out, as: UTF8.self)
    }

    /// `20271231`
    static func dateValue(_ day: CalendarDay) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    /// `20261205T231500Z`
    static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ v: Int?, _ width: Int) -> String {
            let text = String(v ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(p.year, 4) + pad(p.month, 2) + pad(p.day, 2) + "T" + pad(p.hour, 2) + pad(p.minute, 2) + pad(p.second, 2) + "Z"
    }
}
