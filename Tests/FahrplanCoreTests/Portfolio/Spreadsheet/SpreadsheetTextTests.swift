@testable import FahrplanCore
import Foundation
import Testing

@Suite("SpreadsheetText: decoding uploaded files")
struct SpreadsheetTextTests {
    func decode(_ bytes: [UInt8], maxBytes: Int = SpreadsheetText.defaultMaxBytes) throws(SpreadsheetTextError) -> SpreadsheetText {
        try SpreadsheetText(decoding: bytes, maxBytes: maxBytes)
    }

    func utf16(_ text: String, littleEndian: Bool, bom: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += littleEndian ? pair : pair.reversed()
        }
        return bytes
    }

    @Test("plain ASCII is UTF-8 without BOM")
    func ascii() throws {
        let result = try decode(Array("Titel;Kosten\r\nA;1\r\n".utf8))
        #expect(result == SpreadsheetText(text: "Titel;Kosten\r\nA;1\r\n", encoding: .utf8, hadByteOrderMark: false))
    }

    @Test("empty input is empty UTF-8 text (the CSV parser reports the missing header)")
    func empty() throws {
        #expect(try decode([]) == SpreadsheetText(text: "", encoding: .utf8, hadByteOrderMark: false))
    }

    @Test("UTF-8 with BOM: detected, BOM not part of the text")
    func utf8BOM() throws {
        let result = try decode([0xEF, 0xBB, 0xBF] + Array("Straße;Kosten €\n".utf8))
        #expect(result.text == "Straße;Kosten €\n")
        #expect(result.encoding == .utf8)
        #expect(result.hadByteOrderMark)
        #expect(result.text.unicodeScalars.first != "\u{FEFF}")
    }

    @Test("a lone BOM is an empty UTF-8 text")
    func onlyBOM() throws {
        #expect(try decode([0xEF, 0xBB, 0xBF]) == SpreadsheetText(text: "", encoding: .utf8, hadByteOrderMark: true))
    }

    @Test("UTF-8 without BOM, with umlauts, quotes and emoji")
    func utf8NoBOM() throws {
        let text = "Übersicht;„Zitat“;Größe 😀\n"
        let result = try decode(Array(text.utf8))
        #expect(result == SpreadsheetText(text: text, encoding: .utf8, hadByteOrderMark: false))
    }

    @Test("UTF-16 LE and BE with BOM (Excel 'Unicode-Text'), including a surrogate pair", arguments: [true, false])
    func utf16Decoding(littleEndian: Bool) throws {
        let text = "Titel\tKosten\r\nÄrger\t1.234,56 €\r\n😀 ß\t„x“\r\n"
        let result = try decode(utf16(text, littleEndian: littleEndian))
        #expect(result.text == text)
        #expect(result.encoding == (littleEndian ? .utf16LittleEndian : .utf16BigEndian))
        #expect(result.hadByteOrderMark)
    }

    @Test("UTF-16 with an odd number of bytes is malformed")
    func utf16Odd() {
        let bytes = utf16("ab", littleEndian: true) + [0x41]
        #expect(throws: SpreadsheetTextError.malformedUTF16(offset: 6)) { try decode(bytes) }
    }

    @Test("UTF-16 with unpaired surrogates is malformed")
    func utf16Surrogates() {
        // high surrogate followed by "A", then a lone low surrogate
        #expect(throws: SpreadsheetTextError.malformedUTF16(offset: 2)) { try decode([0xFF, 0xFE, 0x3D, 0xD8, 0x41, 0x00]) }
        #expect(throws: SpreadsheetTextError.malformedUTF16(offset: 4)) { try decode([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC]) }
        #expect(throws: SpreadsheetTextError.malformedUTF16(offset: 2)) { try decode([0xFE, 0xFF, 0xD8, 0x3D]) }
    }

    @Test("Windows-1252: German letters, euro sign and German quotes")
    func windows1252German() throws {
        // "Größe: 5€ „gut“ äÄöÖüÜß" as German Excel writes it
        let bytes: [UInt8] = [0x47, 0x72, 0xF6, 0xDF, 0x65, 0x3A, 0x20, 0x35, 0x80, 0x20, 0x84, 0x67, 0x75, 0x74, 0x93,
                              0x20, 0xE4, 0xC4, 0xF6, 0xD6, 0xFC, 0xDC, 0xDF]
        let result = try decode(bytes)
        #expect(result == SpreadsheetText(text: "Größe: 5€ „gut“ äÄöÖüÜß", encoding: .windows1252, hadByteOrderMark: false))
    }

    @Test("Windows-1252: the full 0x80–0x9F table, undefined bytes become U+FFFD")
    func windows1252Table() throws {
        let result = try decode(Array(0x80...0x9F))
        let expected = "€\u{FFFD}‚ƒ„…†‡ˆ‰Š‹Œ\u{FFFD}Ž\u{FFFD}\u{FFFD}‘’“”•–—˜™š›œ\u{FFFD}žŸ"
        #expect(Array(result.text.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(result.encoding == .windows1252)
    }

    @Test("Windows-1252: 0xA0–0xFF are Latin-1")
    func windows1252Latin1() throws {
        let result = try decode(Array(0xA0...0xFF))
        #expect(result.text.unicodeScalars.map(\.value) == Array(0xA0...0xFF))
    }

    @Test("invalid UTF-8 without BOM falls back to Windows-1252", arguments: [
        [0xC3] as [UInt8],              // truncated sequence
        [0xC0, 0xAF],                   // overlong "/"
        [0xED, 0xA0, 0x80],             // encoded surrogate
        [0xF5, 0x80, 0x80, 0x80],       // beyond U+10FFFF
        [0xE4, 0x20, 0x41],             // "ä A" in Windows-1252
    ])
    func fallback(bytes: [UInt8]) throws {
        #expect(try decode(bytes).encoding == .windows1252)
    }

    @Test("a file that declares UTF-8 by its BOM must be UTF-8")
    func malformedUTF8() {
        #expect(throws: SpreadsheetTextError.malformedUTF8(offset: 5)) {
            try decode([0xEF, 0xBB, 0xBF, 0x41, 0x42, 0xE4, 0x43])
        }
    }

    @Test("NUL bytes mean binary, with the offset in the file")
    func nul() {
        #expect(throws: SpreadsheetTextError.nulByte(offset: 3)) { try decode([0x41, 0x3B, 0x42, 0x00, 0x43]) }
        #expect(throws: SpreadsheetTextError.nulByte(offset: 6)) { try decode([0xEF, 0xBB, 0xBF, 0x41, 0x42, 0x43, 0x00]) }
        #expect(throws: SpreadsheetTextError.nulByte(offset: 4)) { try decode(utf16("a", littleEndian: true) + [0, 0]) }
    }

    @Test("UTF-16 without BOM is refused as binary (NUL bytes)")
    func utf16WithoutBOM() {
        #expect(throws: SpreadsheetTextError.nulByte(offset: 1)) { try decode(utf16("Titel", littleEndian: true, bom: false)) }
    }

    @Test("many control characters mean binary; a few stray ones are tolerated")
    func controls() throws {
        let noisy = (0..<100).flatMap { i -> [UInt8] in i % 5 == 0 ? [0x01] : [0x41] }
        #expect(throws: SpreadsheetTextError.controlCharacters(count: 20, characters: 100)) { try decode(noisy) }
        let stray = Array("Titel;Notiz\nA;Zeile\u{0B}zwei\n".utf8)
        #expect(try decode(stray).text.contains("\u{0B}"))
        // 7 controls are below the minimum even in a short file
        #expect(try decode([UInt8](repeating: 0x1B, count: 7) + Array("abc".utf8)).encoding == .utf8)
        // tabs, CR and LF are text
        #expect(try decode(Array("\t\t\t\t\t\t\t\t\t\r\n\r\n\r\n\r\n\r\n".utf8)).encoding == .utf8)
    }

    @Test("control characters count in UTF-16 too")
    func utf16Controls() {
        let text = String(repeating: "\u{7}x", count: 10)
        #expect(throws: SpreadsheetTextError.controlCharacters(count: 10, characters: 20)) {
            try decode(utf16(text, littleEndian: true))
        }
    }

    @Test("an Excel workbook (.xlsx, a ZIP file) is recognised by its magic bytes")
    func xlsx() {
        let bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)
        #expect(throws: SpreadsheetTextError.workbook(.xlsx)) { try decode(bytes) }
        #expect(throws: SpreadsheetTextError.workbook(.xlsx)) { try decode([0x50, 0x4B, 0x03, 0x04]) }
    }

    @Test("an OpenDocument spreadsheet and an old .xls are recognised, too")
    func otherWorkbooks() {
        let ods: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 26) + Array("mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8)
        #expect(throws: SpreadsheetTextError.workbook(.ods)) { try decode(ods) }
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00]
        #expect(throws: SpreadsheetTextError.workbook(.xls)) { try decode(xls) }
    }

    @Test("'PK' without the rest of the ZIP signature is just text")
    func pkText() throws {
        #expect(try decode(Array("PK;Name\n".utf8)).text == "PK;Name\n")
    }

    @Test("the size limit is checked first and reports size and limit")
    func sizeLimit() throws {
        let bytes = [UInt8](repeating: 0x41, count: 101)
        #expect(throws: SpreadsheetTextError.tooLarge(bytes: 101, limit: 100)) { try decode(bytes, maxBytes: 100) }
        #expect(try decode(Array(bytes.dropLast()), maxBytes: 100).text.count == 100)
        // even a workbook over the limit is "too large": no work is done on oversized input
        #expect(throws: SpreadsheetTextError.tooLarge(bytes: 5, limit: 4)) { try decode([0x50, 0x4B, 0x03, 0x04, 0], maxBytes: 4) }
        #expect(SpreadsheetText.defaultMaxBytes == 20 * 1024 * 1024)
    }

    @Test("Data input behaves like byte arrays")
    func dataInput() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Größe".utf8)
        #expect(try SpreadsheetText(decoding: Data(bytes)) == decode(bytes))
        #expect(throws: SpreadsheetTextError.tooLarge(bytes: 10, limit: 9)) { try SpreadsheetText(decoding: Data(bytes), maxBytes: 9) }
        #expect(throws: SpreadsheetTextError.workbook(.xlsx)) { try SpreadsheetText(decoding: Data([0x50, 0x4B, 0x03, 0x04])) }
    }

    @Test("error codes are stable and distinct")
    func codes() {
        let errors: [SpreadsheetTextError] = [
            .tooLarge(bytes: 2, limit: 1), .workbook(.xlsx), .nulByte(offset: 0),
            .controlCharacters(count: 1, characters: 1), .malformedUTF8(offset: 0), .malformedUTF16(offset: 0),
        ]
        #expect(errors.map(\.code) == [
            "file.too_large", "file.workbook", "file.binary_nul", "file.binary_control_characters",
            "file.malformed_utf8", "file.malformed_utf16",
        ])
    }
}
