import Foundation

/// The character between the cells of a CSV file. German Excel writes `;` (the comma is the decimal
/// separator), English Excel `,`, and "Unicode-Text" exports use tabs.
public enum CSVSeparator: String, Sendable, Equatable, CaseIterable {
    case semicolon = ";"
    case comma = ","
    case tab = "\t"

    var byte: UInt8 { rawValue.utf8.first! }

    /// The separator of a CSV text, chosen by counting `;`, `,` and tabs outside quotes in its header (the
    /// first record that is not blank). On a tie the German default wins (`;`, then tab, then `,`), so a
    /// single-column file is read as semicolon-separated. An Excel `sep=` first line decides on its own.
    public static func detect(in text: String) -> CSVSeparator {
        var copy = text
        return copy.withUTF8 { buffer in
            let start = CSVParser.contentStart(buffer)
            if let declared = CSVParser.declaredSeparator(buffer, from: start) { return declared.separator }
            return CSVParser.detectSeparator(buffer, from: start)
        }
    }
}

/// One data record of a CSV file: its cells (always exactly as many as the header has columns) and the row
/// number Excel shows for it, so that messages can point at the right line of the user's sheet.
public struct CSVRecord: Sendable, Equatable {
    /// The spreadsheet row: records are counted from 1 like Excel's rows, including blank records that were
    /// skipped, but a line break inside a quoted cell does not start a new row.
    public var row: Int
    /// The cells exactly as written (not trimmed, quotes removed); missing trailing cells are empty.
    public var cells: [String]

    public init(row: Int, cells: [String]) {
        self.row = row
        self.cells = cells
    }

    /// The cell in the column (0-based), or "" when the record has no such cell.
    public subscript(column: Int) -> String {
        cells.indices.contains(column) ? cells[column] : ""
    }
}

/// Why a CSV text could not be read. `column` is a 0-based index into the header (name it with
/// `CSVTable.header`); `row` is the spreadsheet row as in `CSVRecord.row`.
public enum CSVError: SpreadsheetError, Equatable {
    /// No record with any content: the file is empty or blank.
    case noHeader
    /// A cell opens a quote that is never closed; `row` is where the quoted cell starts (the rest of the
    /// file was swallowed by it, so that is where the user has to look).
    case unterminatedQuote(row: Int, column: Int)
    /// More data rows than allowed; reading stopped at `row`, the first one over the limit.
    case tooManyRows(limit: Int, row: Int)
    /// A cell longer than allowed; `length` and `limit` count characters (Unicode scalars).
    case fieldTooLong(row: Int, column: Int, length: Int, limit: Int)
    /// A row with content in more columns than the header names; `cells` counts up to its last non-empty
    /// cell, `columns` is the header's width.
    case tooManyCells(row: Int, cells: Int, columns: Int)

    public var code: String {
        switch self {
        case .noHeader: return "csv.no_header"
        case .unterminatedQuote: return "csv.unterminated_quote"
        case .tooManyRows: return "csv.too_many_rows"
        case .fieldTooLong: return "csv.field_too_long"
        case .tooManyCells: return "csv.too_many_cells"
        }
    }

    /// The spreadsheet row the error refers to, if any.
    public var row: Int? {
        switch self {
        case .noHeader: return nil
        case let .unterminatedQuote(row, _), let .tooManyRows(_, row), let .fieldTooLong(row, _, _, _),
             let .tooManyCells(row, _, _):
            return row
        }
    }
}

/// A parsed CSV file: the header names the columns, each record is one data row.
///
/// Parsing follows RFC 4180 with Excel's leniency: cells may be quoted (`"a;b"`), a doubled quote inside
/// quotes is one quote, quoted cells may contain line breaks, and records end at CRLF, LF or a lone CR.
/// A quote inside an unquoted cell (`5" Monitor`) is literal, and text after a closing quote (`"a"b`) is
/// appended to the cell, as Excel does. Records whose cells are all empty or spaces are skipped (but still
/// counted as rows). The header is the first non-blank record; its cells are trimmed and trailing empty
/// header cells are dropped, because Excel pads every row to the sheet's used range — for the same reason
/// empty cells beyond the header are ignored, and only non-empty ones are an error. An Excel `sep=;` first
/// line sets the separator and is not counted as a row (Excel hides it, too).
public struct CSVTable: Sendable, Equatable {
    public var separator: CSVSeparator
    public var header: [String]
    /// The spreadsheet row of the header, 1 unless blank lines precede it.
    public var headerRow: Int
    public var records: [CSVRecord]

    /// A project list has hundreds of rows; 50,000 allows every realistic file and bounds the work.
    public static let defaultMaxDataRows = 50_000
    public static let defaultMaxFieldLength = 100_000

    public init(separator: CSVSeparator, header: [String], headerRow: Int = 1, records: [CSVRecord]) {
        self.separator = separator
        self.header = header
        self.headerRow = headerRow
        self.records = records
    }

    /// Parses CSV text. The separator is detected unless given. Parsing stops as soon as a limit is
    /// exceeded, so an oversized file costs no more than the allowed part of it.
    public init(parsing text: String, separator: CSVSeparator? = nil,
                maxDataRows: Int = CSVTable.defaultMaxDataRows,
                maxFieldLength: Int = CSVTable.defaultMaxFieldLength) throws(CSVError) {
        var copy = text
        let result = copy.withUTF8 { buffer in
            var parser = CSVParser(buffer: buffer, maxDataRows: maxDataRows, maxFieldLength: maxFieldLength)
            return parser.parse(separator: separator)
        }
        self = try result.get()
    }

    /// The index of the first column whose header equals `name`, ignoring case.
    public func column(named name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        return header.firstIndex { $0.compare(wanted, options: .caseInsensitive) == .orderedSame }
    }
}

/// The byte-level parser. It works on the UTF-8 bytes because every structural character (separators,
/// quote, CR, LF) is ASCII and can never occur inside a multi-byte sequence; cells are decoded straight
/// from slices of the buffer, so the common unquoted cell costs one scan and one string creation.
struct CSVParser {
    static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " "), htab = UInt8(ascii: "\t")

    let buffer: UnsafeBufferPointer<UInt8>
    let maxDataRows: Int
    let maxFieldLength: Int
    /// Unescaped bytes of a quoted cell that contains doubled quotes or text after its closing quote.
    private var scratch: [UInt8] = []

    init(buffer: UnsafeBufferPointer<UInt8>, maxDataRows: Int, maxFieldLength: Int) {
        self.buffer = buffer
        self.maxDataRows = maxDataRows
        self.maxFieldLength = maxFieldLength
    }

    /// Skips a UTF-8 BOM that survived into the string.
    static func contentStart(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }

    /// Excel's `sep=;` directive line: the separator and where the first real record starts.
    static func declaredSeparator(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (separator: CSVSeparator, next: Int)? {
        let prefix = Array("sep=".utf8)
        guard b.count >= start + 5 else { return nil }
        // Excel accepts `SEP=` as well; only the letters are compared without case.
        for k in 0..<4 where (k < 3 ? b[start + k] | 0x20 : b[start + k]) != prefix[k] { return nil }
        guard let separator = CSVSeparator.allCases.first(where: { $0.byte == b[start + 4] }) else { return nil }
        var next = start + 5
        if next < b.count {
            if b[next] == cr { next += 1; if next < b.count, b[next] == lf { next += 1 } }
            else if b[next] == lf { next += 1 }
            else { return nil }
        }
        return (separator, next)
    }

    /// Counts like the parser reads: a quote opens a quoted cell only at the start of a cell (after any
    /// candidate separator), so `24" Monitor,Preis` counts its comma.
    static func detectSeparator(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> CSVSeparator {
        var counts = [0, 0, 0] // semicolon, comma, tab
        var content = false, cellStart = true
        var i = start
        scan: while i < b.count {
            let byte = b[i]
            i += 1
            if byte == quote && cellStart {
                content = true
                cellStart = false
                while i < b.count {
                    if b[i] == quote {
                        if i + 1 < b.count && b[i + 1] == quote { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            cellStart = false
            switch byte {
            case UInt8(ascii: ";"): counts[0] += 1; cellStart = true
            case UInt8(ascii: ","): counts[1] += 1; cellStart = true
            case htab: counts[2] += 1; cellStart = true
            case cr, lf:
                if content { break scan }
                counts = [0, 0, 0]
                cellStart = true
            case space: break
            default: content = true
            }
        }
        let best = counts.max()!
        if best == 0 || counts[0] == best { return .semicolon }
        return counts[2] == best ? .tab : .comma
    }

    mutating func parse(separator given: CSVSeparator?) -> Result<CSVTable, CSVError> {
        var start = Self.contentStart(buffer)
        var separator = given
        if let declared = Self.declaredSeparator(buffer, from: start) {
            separator = separator ?? declared.separator
            start = declared.next
        }
        let sep = separator ?? Self.detectSeparator(buffer, from: start)
        let sepByte = sep.byte
        let b = buffer, n = buffer.count
        var header: [String]? = nil
        var headerRow = 0
        var records: [CSVRecord] = []
        var dataRows = 0
        var row = 0
        var i = start
        var fields: [String] = []

        while i < n {
            row += 1
            fields = []
            fields.reserveCapacity(header?.count ?? 16)
            var hasContent = false
            while true {
                let column = fields.count
                let value: String
                let byteLength: Int
                if i < n && b[i] == Self.quote {
                    i += 1
                    var segment = i
                    var unescaped = false
                    scratch.removeAll(keepingCapacity: true)
                    while true {
                        while i < n && b[i] != Self.quote { i += 1 }
                        if i >= n { return .failure(.unterminatedQuote(row: row, column: column)) }
                        if i + 1 < n && b[i + 1] == Self.quote {
                            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment...i]))
                            unescaped = true
                            i += 2
                            segment = i
                            continue
                        }
                        break
                    }
                    let closing = i
                    i += 1
                    let tail = i
                    while i < n, b[i] != sepByte, b[i] != Self.cr, b[i] != Self.lf { i += 1 }
                    if unescaped || tail < i {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[segment..<closing]))
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[tail..<i]))
                        value = String(decoding: scratch, as: UTF8.self)
                        byteLength = scratch.count
                        if !hasContent { hasContent = Self.hasContent(scratch) }
                    } else {
                        let slice = UnsafeBufferPointer(rebasing: b[segment..<closing])
                        value = String(decoding: slice, as: UTF8.self)
                        byteLength = slice.count
                        if !hasContent { hasContent = Self.hasContent(slice) }
                    }
                } else {
                    let s = i
                    while i < n {
                        let byte = b[i]
                        if byte == sepByte || byte == Self.cr || byte == Self.lf { break }
                        i += 1
                    }
                    let slice = UnsafeBufferPointer(rebasing: b[s..<i])
                    value = String(decoding: slice, as: UTF8.self)
                    byteLength = slice.count
                    if !hasContent { hasContent = Self.hasContent(slice) }
                }
                // A scalar takes at least one byte, so only a long byte count needs the exact count.
                if byteLength > maxFieldLength {
                    let length = value.unicodeScalars.count
                    if length > maxFieldLength {
                        return .failure(.fieldTooLong(row: row, column: column, length: length, limit: maxFieldLength))
                    }
                }
                fields.append(value)
                if i >= n { break }
                let byte = b[i]
                i += 1
                if byte == sepByte { continue }
                if byte == Self.cr, i < n, b[i] == Self.lf { i += 1 }
                break
            }

            guard hasContent else { continue }
            guard let columns = header?.count else {
                var names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                while names.last?.isEmpty == true { names.removeLast() }
                if names.isEmpty { continue }
                header = names
                headerRow = row
                continue
            }
            dataRows += 1
            if dataRows > maxDataRows { return .failure(.tooManyRows(limit: maxDataRows, row: row)) }
            if fields.count > columns {
                if let last = fields.lastIndex(where: { Self.hasContent($0.utf8) }), last >= columns {
                    return .failure(.tooManyCells(row: row, cells: last + 1, columns: columns))
                }
                fields.removeLast(fields.count - columns)
            } else if fields.count < columns {
                fields.append(contentsOf: repeatElement("", count: columns - fields.count))
            }
            records.append(CSVRecord(row: row, cells: fields))
        }
        guard let header else { return .failure(.noHeader) }
        return .success(CSVTable(separator: sep, header: header, headerRow: headerRow, records: records))
    }

    /// Whether a cell has anything but spaces and tabs; blank-record detection works on bytes to stay fast.
    private static func hasContent<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { $0 != space && $0 != htab }
    }
}
