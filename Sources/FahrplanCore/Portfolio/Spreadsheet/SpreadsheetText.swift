import Foundation

/// An error of the spreadsheet layer (file decoding, CSV, numbers, dates). Every case carries the data a
/// precise message needs; `code` names the kind in a stable, language-neutral way so the server can pick a
/// German or English message and API clients can branch on it.
public protocol SpreadsheetError: Error, Sendable {
    /// A stable identifier such as `csv.unterminated_quote`; never changes once published.
    var code: String { get }
}

/// The character encoding a spreadsheet file turned out to be in. Departments upload whatever their Excel
/// wrote: "CSV UTF-8" (with BOM), plain "CSV" (Windows-1252 on German Windows) or "Unicode-Text" (UTF-16 LE).
public enum SpreadsheetEncoding: String, Sendable, Equatable, CaseIterable {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
    case windows1252
}

/// A workbook format that people upload instead of CSV; recognised by its magic bytes so the message can
/// tell them to save the sheet as CSV instead of calling the file "binary".
public enum WorkbookFormat: String, Sendable, Equatable, CaseIterable {
    /// Office Open XML (a ZIP file); any ZIP that is not an OpenDocument file is reported as this.
    case xlsx
    /// The old binary Excel 97–2003 format (an OLE2 compound file).
    case xls
    /// OpenDocument spreadsheet (LibreOffice), also a ZIP file.
    case ods
}

/// Why a file could not be turned into text.
public enum SpreadsheetTextError: SpreadsheetError, Equatable {
    /// The file is larger than the limit; checked before anything else is done with it.
    case tooLarge(bytes: Int, limit: Int)
    /// A workbook rather than CSV ("this looks like an Excel workbook (.xlsx); please save as CSV").
    case workbook(WorkbookFormat)
    /// A NUL character, which no text file contains; `offset` is the byte offset in the file.
    case nulByte(offset: Int)
    /// Too many control characters for a text file (see `SpreadsheetText.controlCharacterShare`).
    case controlCharacters(count: Int, characters: Int)
    /// The file starts with a UTF-8 byte order mark but is not valid UTF-8 from `offset` (bytes) on.
    case malformedUTF8(offset: Int)
    /// The file starts with a UTF-16 byte order mark but is not valid UTF-16 at `offset` (bytes): an odd
    /// number of bytes or an unpaired surrogate.
    case malformedUTF16(offset: Int)

    public var code: String {
        switch self {
        case .tooLarge: return "file.too_large"
        case .workbook: return "file.workbook"
        case .nulByte: return "file.binary_nul"
        case .controlCharacters: return "file.binary_control_characters"
        case .malformedUTF8: return "file.malformed_utf8"
        case .malformedUTF16: return "file.malformed_utf16"
        }
    }
}

/// The text of an uploaded spreadsheet file together with the encoding it was detected in.
///
/// Detection order: a UTF-16 BOM (LE or BE) means UTF-16; a UTF-8 BOM means UTF-8 (and invalid bytes are
/// then an error, because the file declared itself); without a BOM the bytes are UTF-8 when they are valid
/// UTF-8 (pure ASCII included) and Windows-1252 otherwise — valid UTF-8 is practically never produced by
/// accident from German Windows-1252 text, so the guess is safe.
///
/// Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). They decode to U+FFFD rather
/// than failing: in a file that is otherwise readable one stray byte should not reject the whole upload,
/// and the replacement character shows the user exactly which cell to look at.
///
/// The BOM is never part of `text`.
public struct SpreadsheetText: Sendable, Equatable {
    public var text: String
    public var encoding: SpreadsheetEncoding
    public var hadByteOrderMark: Bool

    /// 20 MiB: far more than any project list, small enough to keep a request's memory bounded.
    public static let defaultMaxBytes = 20 * 1_048_576
    /// A file is refused as binary when more than this share of its characters are control characters
    /// (other than tab, LF, CR) — and there are at least `minimumControlCharacters` of them, so that one
    /// stray vertical tab in a tiny file does not reject it.
    public static let controlCharacterShare = 0.05
    public static let minimumControlCharacters = 8

    public init(text: String, encoding: SpreadsheetEncoding, hadByteOrderMark: Bool) {
        self.text = text
        self.encoding = encoding
        self.hadByteOrderMark = hadByteOrderMark
    }

    /// Decodes the raw bytes of an uploaded file.
    public init(decoding bytes: [UInt8], maxBytes: Int = SpreadsheetText.defaultMaxBytes) throws(SpreadsheetTextError) {
        if bytes.count > maxBytes { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
        let result = bytes.withUnsafeBufferPointer { Self.decode($0) }
        self = try result.get()
    }

    /// Decodes the raw bytes of an uploaded file.
    public init(decoding data: Data, maxBytes: Int = SpreadsheetText.defaultMaxBytes) throws(SpreadsheetTextError) {
        if data.count > maxBytes { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        let result = data.withUnsafeBytes { Self.decode($0.bindMemory(to: UInt8.self)) }
        self = try result.get()
    }

    // MARK: - Detection

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<SpreadsheetText, SpreadsheetTextError> {
        if let format = workbookFormat(bytes) { return .failure(.workbook(format)) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return decodeUTF16(bytes, littleEndian: true) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return decodeUTF16(bytes, littleEndian: false) }
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let skip = hasBOM ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[skip...])
        if let problem = binaryProblem(body, offsetBase: skip) { return .failure(problem) }
        if let bad = firstInvalidUTF8(body) {
            if hasBOM { return .failure(.malformedUTF8(offset: bad + skip)) }
            return .success(SpreadsheetText(text: windows1252(body), encoding: .windows1252, hadByteOrderMark: false))
        }
        return .success(SpreadsheetText(text: String(decoding: body, as: UTF8.self), encoding: .utf8,
                                        hadByteOrderMark: hasBOM))
    }

    private static func workbookFormat(_ b: UnsafeBufferPointer<UInt8>) -> WorkbookFormat? {
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if b.count >= 8, b.prefix(8).elementsEqual(ole2) { return .xls }
        guard b.count >= 4, b[0] == 0x50, b[1] == 0x4B, b[2] == 0x03, b[3] == 0x04 else { return nil }
        // OpenDocument stores an uncompressed "mimetype" entry first, so its value is readable near the start.
        let marker = Array("opendocument.spreadsheet".utf8)
        let head = Array(b.prefix(128))
        if head.count >= marker.count,
           (0...(head.count - marker.count)).contains(where: { head[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            return .ods
        }
        return .xlsx
    }

    private static func isSuspiciousControl(_ unit: UInt32) -> Bool {
        (unit < 0x20 && unit != 0x09 && unit != 0x0A && unit != 0x0D) || unit == 0x7F
    }

    private static func tooManyControls(_ count: Int, of characters: Int) -> SpreadsheetTextError? {
        guard count >= minimumControlCharacters,
              Double(count) > Double(characters) * controlCharacterShare else { return nil }
        return .controlCharacters(count: count, characters: characters)
    }

    /// Counts on bytes: in UTF-8 and Windows-1252 alike, bytes below 0x80 are the ASCII characters.
    private static func binaryProblem(_ b: UnsafeBufferPointer<UInt8>, offsetBase: Int) -> SpreadsheetTextError? {
        var controls = 0
        for i in 0..<b.count {
            let byte = b[i]
            if byte >= 0x20 && byte != 0x7F { continue }
            if byte == 0 { return .nulByte(offset: offsetBase + i) }
            if isSuspiciousControl(UInt32(byte)) { controls += 1 }
        }
        return tooManyControls(controls, of: b.count)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no surrogates).
    private static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var i = 0
        while i < n {
            let lead = b[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let next = b[i + k]
                guard next & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            switch length {
            case 3 where scalar < 0x800 || (0xD800...0xDFFF).contains(scalar): return i
            case 4 where scalar < 0x10000 || scalar > 0x10FFFF: return i
            default: break
            }
            i += length
        }
        return nil
    }

    // MARK: - Decoders

    /// 0x80–0x9F of Windows-1252; 0 marks the five undefined bytes. 0xA0–0xFF equal Latin-1 = Unicode.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Decodes Windows-1252 to Unicode; undefined bytes become U+FFFD.
    static func windows1252(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(b.count + b.count / 4)
        for byte in b {
            if byte < 0x80 {
                utf8.append(byte)
            } else if byte >= 0xA0 {
                appendUTF8(UInt32(byte), to: &utf8)
            } else {
                let mapped = windows1252High[Int(byte - 0x80)]
                appendUTF8(mapped == 0 ? 0xFFFD : UInt32(mapped), to: &utf8)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static func decodeUTF16(_ b: UnsafeBufferPointer<UInt8>, littleEndian: Bool) -> Result<SpreadsheetText, SpreadsheetTextError> {
        let encoding: SpreadsheetEncoding = littleEndian ? .utf16LittleEndian : .utf16BigEndian
        let n = b.count
        if n % 2 != 0 { return .failure(.malformedUTF16(offset: n - 1)) }
        func unit(_ i: Int) -> UInt32 {
            littleEndian ? UInt32(b[i]) | UInt32(b[i + 1]) << 8 : UInt32(b[i]) << 8 | UInt32(b[i + 1])
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(n / 2 + n / 8)
        var controls = 0, characters = 0
        var i = 2
        while i < n {
            let u = unit(i)
            if u == 0 { return .failure(.nulByte(offset: i)) }
            if isSuspiciousControl(u) { controls += 1 }
            characters += 1
            switch u {
            case 0xD800...0xDBFF:
                guard i + 3 < n, case let low = unit(i + 2), (0xDC00...0xDFFF).contains(low) else {
                    return .failure(.malformedUTF16(offset: i))
                }
                appendUTF8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &utf8)
                i += 4
            case 0xDC00...0xDFFF:
                return .failure(.malformedUTF16(offset: i))
            default:
                appendUTF8(u, to: &utf8)
                i += 2
            }
        }
        if let problem = tooManyControls(controls, of: characters) { return .failure(problem) }
        return .success(SpreadsheetText(text: String(decoding: utf8, as: UTF8.self), encoding: encoding,
                                        hadByteOrderMark: true))
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
