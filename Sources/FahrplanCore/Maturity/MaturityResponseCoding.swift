import Foundation

/// The stored form of a response's ratings: one ASCII character per statement in questionnaire order — the level
/// index as `0`–`9` then `a`–`z` (scales of up to 36 levels), `?` for "don't know", `-` for skipped. Results read
/// tens of thousands of responses at once; a short string per row decodes without JSON or reflection.
public enum MaturityResponseCoding {
    public static let maximumLevels = 36
    static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    public static func encode(_ levels: [Int8]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(levels.count)
        for level in levels {
            switch level {
            case MaturityResponse.dontKnowCode: bytes.append(UInt8(ascii: "?"))
            case 0..<Int8(maximumLevels): bytes.append(digits[Int(level)])
            default: bytes.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Nil for a string with a character outside the alphabet or a level at or above `levelCount`: a stored row
    /// that does not fit its questionnaire is reported, never counted as something else. A string shorter than
    /// `statementCount` is padded with "skipped" (never happens for rows this code wrote), a longer one refused.
    public static func decode(_ text: String, statementCount: Int, levelCount: Int) -> [Int8]? {
        var levels = [Int8](repeating: MaturityResponse.skippedCode, count: statementCount)
        var i = 0
        for byte in text.utf8 {
            guard i < statementCount else { return nil }
            switch byte {
            case UInt8(ascii: "?"): levels[i] = MaturityResponse.dontKnowCode
            case UInt8(ascii: "-"): levels[i] = MaturityResponse.skippedCode
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                let value = byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : Int(byte - UInt8(ascii: "a")) + 10
                guard value < levelCount else { return nil }
                levels[i] = Int8(value)
            default: return nil
            }
            i += 1
        }
        return levels
    }

    /// Grouping answers and free texts are stored as JSON arrays of optional strings (`["amt-32", null]`).
    public static func encodeOptionals(_ values: [String?]) -> String? {
        guard values.contains(where: { $0 != nil }) else { return nil }
        return (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) }
    }

    public static func decodeOptionals(_ text: String?, count: Int) -> [String?] {
        guard let text else { return [String?](repeating: nil, count: count) }
        // Results decode two of these per response: JSONDecoder was a fifth of a 20,000-response recomputation.
        // What `encodeOptionals` writes without escapes is read directly; anything else goes through JSONDecoder.
        guard let values = plainOptionals(text) ?? (try? JSONDecoder().decode([String?].self, from: Data(text.utf8))) else {
            return [String?](repeating: nil, count: count)
        }
        return (0..<count).map { $0 < values.count ? values[$0] : nil }
    }

    /// `["a",null,"b"]` without whitespace, escapes or control characters, else nil.
    static func plainOptionals(_ text: String) -> [String?]? {
        var utf8 = text.utf8[...]
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        utf8 = utf8.dropFirst().dropLast()
        var values: [String?] = []
        if utf8.isEmpty { return values }
        while true {
            if utf8.starts(with: "null".utf8) {
                values.append(nil)
                utf8 = utf8.dropFirst(4)
            } else if utf8.first == UInt8(ascii: "\"") {
                let body = utf8.dropFirst()
                guard let end = body.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
                      body[end] == UInt8(ascii: "\"") else { return nil }
                guard let value = String(body[..<end]) else { return nil }
                values.append(value)
                utf8 = body[body.index(after: end)...]
            } else {
                return nil
            }
            if utf8.isEmpty { return values }
            guard utf8.first == UInt8(ascii: ","), utf8.count > 1 else { return nil }
            utf8 = utf8.dropFirst()
        }
    }
}
