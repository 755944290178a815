@testable import FahrplanServer
import Foundation
import Testing

/// The message builder (headers safe against injection, UTF-8 subjects, 7-bit bodies) and the `SMTP_*`
/// configuration with its errors.
@Suite("Mail: message and configuration")
struct MailMessageTests {
    static let sender = try! MailAddress("fahrplan@stadt.example", name: "Fahrplan")

    @Test("CR or LF in a header value is refused, wherever it hides")
    func headerInjection() throws {
        let to = try MailAddress("owner@stadt.example")
        var message = MailMessage(from: Self.sender, to: [to], subject: "Hallo\r\nBcc: evil@example.org", body: "x")
        #expect(throws: MailError.headerInjection(field: "Subject")) { try message.rendered() }
        message.subject = "Hallo\nBcc: evil@example.org"
        #expect(throws: MailError.headerInjection(field: "Subject")) { try message.rendered() }
        message.subject = "Hallo"
        message.extraHeaders = [("X-Note", "a\rb")]
        #expect(throws: MailError.headerInjection(field: "X-Note")) { try message.rendered() }
        message.extraHeaders = [("Bad: Name", "x")]
        #expect(throws: MailError.self) { try message.rendered() }
        #expect(throws: MailError.headerInjection(field: "display name")) { try MailAddress("a@b.example", name: "Eve\r\nBcc: x@y") }
        #expect(throws: MailError.headerInjection(field: "address")) { try MailAddress("a@b.example\r\nRCPT TO:<x@y>") }
        #expect(throws: MailError.self) { try MailAddress("a b@c.example") }
        #expect(throws: MailError.self) { try MailAddress("no-at-sign") }
        #expect(throws: MailError.self) { try MailAddress("x@y>") }
    }

    @Test("headers: UTF-8 subject and names as RFC 2047 words, Date, Message-ID; body quoted-printable within 76 characters")
    func rendering() throws {
        var message = MailMessage(from: Self.sender, to: [try MailAddress("juergen@stadt.example", name: "Jürgen Müller")],
                                  subject: "Kennzahl fällig: Anteil digitaler Anträge – bitte bis 05.12.2026 melden",
                                  body: String(repeating: "Größe ", count: 40) + "\nEnde mit Leerzeichen ")
        message.date = Date(timeIntervalSince1970: 1_796_900_400)
        message.messageID = "abc@stadt.example"
        let text = try message.rendered()
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(lines.contains("Date: Thu, 10 Dec 2026 11:00:00 +0000"))
        #expect(lines.contains("Message-ID: <abc@stadt.example>"))
        #expect(lines.contains("From: Fahrplan <fahrplan@stadt.example>"))
        // The subject's encoded words, unfolded and decoded, give back the subject.
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var words = [String(lines[start].dropFirst("Subject: ".count))]
        for line in lines[(start + 1)...] { guard line.hasPrefix(" ") else { break }; words.append(String(line.dropFirst())) }
        let decoded = try words.map { word -> String in
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = String(word.dropFirst(10).dropLast(2))
            return String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
        }.joined()
        #expect(decoded == message.subject)
        #expect(text.contains("Gr=C3=B6=C3=9Fe"))
        #expect(text.contains("Ende mit Leerzeichen=20\r\n"))
        #expect(lines.contains { $0.hasSuffix("=") })
        message.bodyEncoding = .base64
        let base64 = try message.rendered()
        #expect(base64.contains("Content-Transfer-Encoding: base64"))
        #expect(MIMEHeader.subject("Plain ASCII subject") == "Plain ASCII subject")
    }

    @Test("quoted-printable: '=' and control bytes escaped, soft breaks never split an escape")
    func quotedPrintable() {
        #expect(MIMEBody.quotedPrintable("a=b\tc\r\nd") == "a=3Db\tc\r\nd")
        let long = MIMEBody.quotedPrintable(String(repeating: "ä", count: 30))
        for line in long.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
        }
        #expect(long.replacingOccurrences(of: "=\r\n", with: "") == String(repeating: "=C3=A4", count: 30))
    }

    @Test("SMTP_* configuration: off without SMTP_HOST; every bad value named by its variable")
    func configuration() throws {
        #expect(try SMTPConfiguration.fromEnvironment([:]) == nil)
        #expect(try SMTPConfiguration.fromEnvironment(["SMTP_HOST": ""]) == nil)
        let minimal = try #require(try SMTPConfiguration.fromEnvironment(["SMTP_HOST": "mail.stadt.example", "SMTP_FROM": "Fahrplan <fahrplan@stadt.example>"]))
        #expect(minimal.port == 587 && minimal.security == .starttls && minimal.username == nil && minimal.from.name == "Fahrplan")
        let tls = try #require(try SMTPConfiguration.fromEnvironment(["SMTP_HOST": "mail.stadt.example", "SMTP_FROM": "f@stadt.example",
                                                                      "SMTP_SECURITY": "TLS", "SMTP_USERNAME": "u", "SMTP_PASSWORD": "p"]))
        #expect(tls.port == 465 && tls.security == .tls && tls.username == "u" && !tls.summary.contains("p)"))
        let base = ["SMTP_HOST": "mail.stadt.example", "SMTP_FROM": "fahrplan@stadt.example"]
        let cases: [([String: String], String)] = [
            (["SMTP_FROM": "fahrplan@stadt.example"], "SMTP_HOST is not set, but SMTP_FROM is"),
            (["SMTP_HOST": "mail.stadt.example"], "SMTP_FROM must be set"),
            (base.merging(["SMTP_FROM": "kein Absender"]) { $1 }, "SMTP_FROM:"),
            (base.merging(["SMTP_PORT": "70000"]) { $1 }, "SMTP_PORT must be"),
            (base.merging(["SMTP_PORT": "abc"]) { $1 }, "SMTP_PORT must be"),
            (base.merging(["SMTP_SECURITY": "ssl"]) { $1 }, "SMTP_SECURITY must be starttls, tls or none"),
            (base.merging(["SMTP_USERNAME": "u"]) { $1 }, "SMTP_USERNAME is set but SMTP_PASSWORD is not"),
            (base.merging(["SMTP_PASSWORD": "p"]) { $1 }, "SMTP_PASSWORD is set but SMTP_USERNAME is not"),
            (base.merging(["SMTP_HOST": "smtp://mail.stadt.example"]) { $1 }, "SMTP_HOST must be a host name"),
            (base.merging(["SMTP_TIMEOUT": "0"]) { $1 }, "SMTP_TIMEOUT must be"),
            (base.merging(["SMTP_CA_FILE": "/nonexistent/ca.pem"]) { $1 }, "SMTP_CA_FILE"),
        ]
        for (environment, expected) in cases {
            let error = #expect(throws: AppConfiguration.Problem.self) { try SMTPConfiguration.fromEnvironment(environment) }
            #expect(error?.description.hasPrefix(expected) == true, "\(environment): \(error?.description ?? "no error")")
        }
    }
}
