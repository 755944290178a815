/// People's text placed into markup written by hand (HTML, SVG): the committee report's long parts, the charts.
/// One rule for all of them, so a title with markup stays text wherever it appears.
public enum MarkupEscaping {
    /// What happens to tabs and line feeds: kept (blocks shown with `white-space: pre-line`) or turned into spaces
    /// (attributes, chart labels).
    public enum LineBreaks: Sendable { case keep, space }

    /// Appends `value` to `text` with `& < > " '` escaped and the other control characters (C0, DEL) dropped:
    /// XML forbids them and on a page they say nothing. Most values need no change; those are appended whole.
    public static func append(_ value: String, to text: inout String, lineBreaks: LineBreaks) {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20 || $0 == 0x7F })
        else { text += value; return }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": text += "&amp;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "\"": text += "&quot;"
            case "'": text += "&#39;"
            case "\n", "\t":
                if lineBreaks == .keep { text.unicodeScalars.append(scalar) } else { text += " " }
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { text.unicodeScalars.append(scalar) }
            }
        }
    }

    /// `value` escaped as by `append`.
    public static func escaped(_ value: String, lineBreaks: LineBreaks = .space) -> String {
        var text = ""
        append(value, to: &text, lineBreaks: lineBreaks)
        return text
    }
}
