import Foundation

/// Writes records as CSV that German Excel opens correctly with a double click: `;` between cells, CRLF
/// after every record, a UTF-8 byte order mark (without it Excel reads the file as Windows-1252 and
/// garbles umlauts), and cells neutralised against formula injection (see `FormulaGuard`).
///
/// A cell is quoted when it contains the separator, a quote, CR or LF, or starts or ends with a space or
/// tab (so that no reader trims it), or starts with `sep=`. `CSVTable` reads the result back, and `FormulaGuard.unescape` on
/// each cell restores the original text.
public struct CSVWriter: Sendable {
    public var separator: CSVSeparator
    /// Whether `string`/`data` start with a UTF-8 byte order mark.
    public var byteOrderMark: Bool

    public init(separator: CSVSeparator = .semicolon, byteOrderMark: Bool = true) {
        self.separator = separator
        self.byteOrderMark = byteOrderMark
    }

    /// One cell as it appears in the file: neutralised, then quoted if necessary.
    public func field(_ cell: String) -> String {
        var out: [UInt8] = []
        appendField(cell, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One record including its CRLF line end.
    public func line(_ cells: [String]) -> String {
        var out: [UInt8] = []
        append(cells, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A whole file; starts with U+FEFF when `byteOrderMark` is set.
    public func string<S: Sequence>(_ records: S) -> String where S.Element == [String] {
        String(decoding: bytes(records), as: UTF8.self)
    }

    /// A whole file as UTF-8 bytes, ready to send.
    public func data<S: Sequence>(_ records: S) -> Data where S.Element == [String] {
        Data(bytes(records))
    }

    // Works on UTF-8 bytes: every character that matters here is ASCII, and building one byte buffer is
    // many times faster than concatenating strings.

    private func bytes<S: Sequence>(_ records: S) -> [UInt8] where S.Element == [String] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        for record in records { append(record, to: &out) }
        return out
    }

    private func append(_ cells: [String], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(separator.byte) }
            appendField(cell, to: &out)
        }
        out.append(Self.cr)
        out.append(Self.lf)
    }

    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    /// `FormulaGuard.triggers` as bytes (all ASCII).
    private static let triggers: [UInt8] = Array("=+-@\t\r".utf8)

    private func appendField(_ cell: String, to out: inout [UInt8]) {
        let utf8 = cell.utf8
        guard let first = utf8.first, let last = utf8.last else { return }
        let neutralise = utf8.first(where: { $0 != Self.apostrophe }).map(Self.triggers.contains) ?? false
        let sep = separator.byte
        var quoted = last == Self.space || last == Self.tab
            || (!neutralise && (first == Self.space || first == Self.tab || Self.startsWithSepDirective(utf8)))
        if !quoted {
            quoted = utf8.contains { $0 == sep || $0 == Self.quote || $0 == Self.cr || $0 == Self.lf }
        }
        if quoted { out.append(Self.quote) }
        if neutralise { out.append(Self.apostrophe) }
        if quoted {
            for byte in utf8 {
                out.append(byte)
                if byte == Self.quote { out.append(Self.quote) }
            }
            out.append(Self.quote)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    /// Alone on the first line, an unquoted `sep=;` would be taken for Excel's separator directive.
    private static func startsWithSepDirective(_ utf8: String.UTF8View) -> Bool {
        let prefix = Array("sep=".utf8)
        var index = 0
        for byte in utf8.prefix(4) {
            guard (index < 3 ? byte | 0x20 : byte) == prefix[index] else { return false }
            index += 1
        }
        return index == 4
    }
}
