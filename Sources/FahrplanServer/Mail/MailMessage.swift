import Foundation

/// Why a message cannot be built; nothing is sent then.
enum MailError: Error, CustomStringConvertible, Equatable {
    /// A header value with CR, LF or another control character: refused, since a line break would let the
    /// value add headers of its own (header injection).
    case headerInjection(field: String)
    case invalidAddress(String, reason: String)

    var description: String {
        switch self {
        case .headerInjection(let field):
            return "the \(field) header contains a line break or control character (refused: it could inject headers)"
        case .invalidAddress(let address, let reason):
            return "\(address.prefix(80)) is not a usable e-mail address: \(reason)"
        }
    }
}

/// An address with an optional display name ("Fahrplan <fahrplan@stadt.example>").
struct MailAddress: Sendable, Hashable {
    var name: String?
    var address: String

    init(_ address: String, name: String? = nil) throws {
        try MailAddress.check(address)
        if let name, MIMEHeader.hasControlCharacter(name) { throw MailError.headerInjection(field: "display name") }
        self.address = address
        self.name = name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    }

    /// "addr@host" or "Name <addr@host>" (the name may be quoted).
    static func parse(_ text: String) throws -> MailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if MIMEHeader.hasControlCharacter(trimmed) { throw MailError.headerInjection(field: "address") }
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return try MailAddress(trimmed) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        return try MailAddress(address, name: name.isEmpty ? nil : name)
    }

    /// Deliberately simple: one @, something on both sides, nothing that breaks the SMTP command or header
    /// (spaces, angle brackets, control characters). The server decides about the rest.
    static func check(_ address: String) throws {
        if MIMEHeader.hasControlCharacter(address) { throw MailError.headerInjection(field: "address") }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw MailError.invalidAddress(address, reason: "expected exactly one @ with text on both sides")
        }
        guard !address.contains(where: { " <>,;\"()[]\\".contains($0) }) else {
            throw MailError.invalidAddress(address, reason: "spaces, quotes, brackets, commas and semicolons are not allowed")
        }
        guard address.utf8.count <= 254 else { throw MailError.invalidAddress(address, reason: "longer than 254 bytes") }
    }

    var isASCII: Bool { address.unicodeScalars.allSatisfy(\.isASCII) }

    /// The header form: the name RFC 2047-encoded when not plain ASCII, quoted when it has specials.
    func headerValue() -> String {
        guard let name else { return address }
        let plain = name.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        if !plain || name.contains("=?") { return MIMEHeader.encodedWords(name).joined(separator: "\r\n ") + " <\(address)>" }
        if name.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\" <\(address)>"
        }
        return "\(name) <\(address)>"
    }
}

/// A plain-text e-mail, rendered as an RFC 5322 / MIME message (7-bit safe: the body is quoted-printable or
/// base64, non-ASCII headers are RFC 2047 encoded words in UTF-8).
struct MailMessage: Sendable {
    enum BodyEncoding: String, Sendable {
        case quotedPrintable = "quoted-printable"
        case base64
    }

    var from: MailAddress
    var to: [MailAddress]
    var subject: String
    var body: String
    var bodyEncoding = BodyEncoding.quotedPrintable
    var date = Date()
    /// Without angle brackets; made from a UUID and the sender's domain when nil.
    var messageID: String?
    /// Further headers (name, value), e.g. `Auto-Submitted`; checked like the others.
    var extraHeaders: [(name: String, value: String)] = []

    init(from: MailAddress, to: [MailAddress], subject: String, body: String) {
        self.from = from; self.to = to; self.subject = subject; self.body = body
    }

    /// The message with CRLF line ends, ready for DATA (before dot-stuffing).
    func rendered() throws -> String {
        guard !to.isEmpty else { throw MailError.invalidAddress("", reason: "a message needs at least one recipient") }
        if MIMEHeader.hasControlCharacter(subject) { throw MailError.headerInjection(field: "Subject") }
        for header in extraHeaders {
            guard !header.name.isEmpty, header.name.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != ":" }) else {
                throw MailError.headerInjection(field: "header name \(header.name.prefix(40))")
            }
            if MIMEHeader.hasControlCharacter(header.value) { throw MailError.headerInjection(field: header.name) }
        }
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let id = messageID ?? "\(UUID().uuidString.lowercased())@\(domain)"
        if MIMEHeader.hasControlCharacter(id) || id.contains(where: { " <>".contains($0) }) { throw MailError.headerInjection(field: "Message-ID") }
        var lines = [
            "Date: \(MIMEHeader.date(date))",
            "From: \(from.headerValue())",
            "To: \(to.map { $0.headerValue() }.joined(separator: ",\r\n "))",
            "Subject: \(MIMEHeader.subject(subject))",
            "Message-ID: <\(id)>",
        ]
        lines += extraHeaders.map { "\($0.name): \($0.value)" }
        lines += [
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: \(bodyEncoding.rawValue)",
            "",
        ]
        let encodedBody: String
        switch bodyEncoding {
        case .quotedPrintable: encodedBody = MIMEBody.quotedPrintable(body)
        case .base64: encodedBody = MIMEBody.base64(body)
        }
        return lines.joined(separator: "\r\n") + "\r\n" + encodedBody + "\r\n"
    }
}

enum MIMEHeader {
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 32 || $0.value == 127 || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }
    }

    /// RFC 5322 date in UTC ("Sun, 06 Dec 2026 03:25:06 +0000").
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// Plain ASCII stays readable (folded at spaces when long); anything else becomes encoded words.
    static func subject(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        guard plain, !text.contains("=?") else { return encodedWords(text).joined(separator: "\r\n ") }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > 68 {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty && lines.isEmpty ? String(word) : current + " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }

    /// RFC 2047 "B" encoded words in UTF-8, each at most 64 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
            chunk = []
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }
}

enum MIMEBody {
    /// Line ends as LF, whatever the text had (CRLF, CR or LF).
    static func lines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 13 {
                lines.append([]); previousWasCR = true
            } else if byte == 10 {
                if !previousWasCR { lines.append([]) }
                previousWasCR = false
            } else {
                lines[lines.count - 1].append(byte); previousWasCR = false
            }
        }
        return lines
    }

    /// RFC 2045 quoted-printable: lines at most 76 characters (soft breaks "="), trailing blanks encoded.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [String] = []
        for line in lines(text) {
            var tokens: [String] = []
            for (index, byte) in line.enumerated() {
                let last = index == line.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                tokens.append(literal ? String(UnicodeScalar(byte)) : String(bytes: [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]], encoding: .ascii)!)
            }
            var current = ""
            for token in tokens {
                if current.count + token.count > 75 {
                    output.append(current + "=")
                    current = ""
                }
                current += token
            }
            output.append(current)
        }
        return output.joined(separator: "\r\n")
    }

    static func base64(_ text: String) -> String {
        let normalized = lines(text).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\r\n")
        return Data(normalized.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }
}
