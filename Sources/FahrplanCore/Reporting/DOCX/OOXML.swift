import Foundation

/// Pieces of WordprocessingML (Office Open XML) written as text. Every text that came from people passes
/// through `text(_:)`: characters XML 1.0 does not allow (control characters, U+FFFE/U+FFFF) are dropped and the
/// five markup characters escaped, so a title with `]]>`, `<w:p>` or a form feed still gives a well-formed part.
/// Direction marks (U+200E/U+200F) and other format characters are legal XML and kept.
enum OOXML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let wordNamespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// Whether XML 1.0 allows the character in a document (production `Char`).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Escaped text for element content and attribute values.
    static func text(_ raw: String) -> String {
        // Most texts need nothing: no markup character, no control, no lead byte of U+0080–U+00BF (C1) or
        // U+F000–U+FFFF (U+FFFE/U+FFFF). Saying so on the bytes keeps a 2,000-project report fast.
        if !raw.utf8.contains(where: { byte in
            (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2 || byte == 0xEF
                || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }) { return raw }
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // C1 controls are legal XML but no one means them; they print as boxes.
                if isAllowed(scalar) && !(0x7F...0x9F).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Runs of one text: line breaks (`\r\n`, `\r`, `\n`) become `<w:br/>`, tabs `<w:tab/>`. One pass over the
    /// scalars: splitting with Foundation's `replacingOccurrences` and `components(separatedBy:)` took a quarter
    /// of a DOCX request over 2,000 projects in the release profile.
    static func runs(_ raw: String, bold: Bool = false, color: String? = nil) -> String {
        var body = "<w:r>"
        if bold || color != nil {
            body += "<w:rPr>"
            if bold { body += "<w:b/>" }
            if let color { body += #"<w:color w:val="\#(color)"/>"# }
            body += "</w:rPr>"
        }
        // Plain text (no line break, no tab) is the common case: one `w:t`.
        if !raw.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if !raw.isEmpty { body += #"<w:t xml:space="preserve">"# + text(raw) + "</w:t>" }
            return body + "</w:r>"
        }
        var piece = ""
        func flush() {
            if !piece.isEmpty { body += #"<w:t xml:space="preserve">"# + text(piece) + "</w:t>"; piece = "" }
        }
        var afterCR = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "\n" where afterCR:
                afterCR = false
            case "\r", "\n":
                flush(); body += "<w:br/>"; afterCR = scalar == "\r"
            case "\t":
                flush(); body += "<w:tab/>"; afterCR = false
            default:
                piece.unicodeScalars.append(scalar); afterCR = false
            }
        }
        flush()
        return body + "</w:r>"
    }

    /// A paragraph in a style (nil: Normal), optionally a bullet item of list `numID`.
    static func paragraph(_ raw: String, style: String? = nil, bold: Bool = false, bullet numID: Int? = nil,
                          keepNext: Bool = false) -> String {
        var pPr = ""
        if let style { pPr += #"<w:pStyle w:val="\#(style)"/>"# }
        if keepNext { pPr += "<w:keepNext/>" }
        if let numID { pPr += #"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="\#(numID)"/></w:numPr>"# }
        return "<w:p>" + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + runs(raw, bold: bold) + "</w:p>"
    }

    /// A table cell: text, optional background fill (hex RGB) for a traffic light.
    struct Cell {
        var text: String
        var fill: String?
        var bold = false
        init(_ text: String, fill: String? = nil, bold: Bool = false) { self.text = text; self.fill = fill; self.bold = bold }
    }

    /// A table over the text width (twentieths of a point per column); the header row repeats on every page.
    static func table(header: [String], rows: [[Cell]], widths: [Int]) -> String {
        var xml = #"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="\#(widths.reduce(0, +))" w:type="dxa"/>"#
            + #"<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        for width in widths { xml += #"<w:gridCol w:w="\#(width)"/>"# }
        xml += "</w:tblGrid>"
        func row(_ cells: [Cell], isHeader: Bool) -> String {
            var out = isHeader ? "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for (index, cell) in cells.enumerated() {
                let width = index < widths.count ? widths[index] : widths.last ?? 1000
                var tcPr = #"<w:tcW w:w="\#(width)" w:type="dxa"/>"#
                if let fill = cell.fill ?? (isHeader ? "D9E2F3" : nil) {
                    tcPr += #"<w:shd w:val="clear" w:color="auto" w:fill="\#(fill)"/>"#
                }
                out += "<w:tc><w:tcPr>\(tcPr)</w:tcPr>"
                    + paragraph(cell.text, style: "TableText", bold: isHeader || cell.bold) + "</w:tc>"
            }
            return out + "</w:tr>"
        }
        xml += row(header.map { Cell($0) }, isHeader: true)
        for cells in rows { xml += row(cells, isHeader: false) }
        return xml + "</w:tbl>"
    }
}
