import Foundation

/// Rules for free text entered by people: what is kept, what is refused.
public enum CleanText {
    /// Trims surrounding white space, unifies line breaks and returns `nil` for blank input.
    public static func normalize(_ raw: String?, multiline: Bool) -> String? {
        guard let raw else { return nil }
        // Most values need no change; saying so without Foundation's string bridge keeps bulk imports fast.
        if let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace,
           !raw.utf8.contains(where: { $0 == 0x0D || (!multiline && $0 == 0x0A) }) {
            return raw
        }
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !multiline { text = text.replacingOccurrences(of: "\n", with: " ") }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Control characters have no place in strategy texts and break exports; tabs and (for multi-line
    /// fields) line breaks are the only ones allowed.
    public static func containsForbiddenControlCharacters(_ raw: String, multiline: Bool) -> Bool {
        raw.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09: return false
            case 0x0A, 0x0D: return false
            case 0x00...0x1F, 0x7F...0x9F: return true
            default: return false
            }
        }
    }
}
