@testable import FahrplanServer
import Foundation
import NIOCore
import NIOPosix
import Testing

/// The SMTP client against a real SMTP server in the test process: what is said, in which order, and what
/// the server receives; errors name the server's reply.
@Suite("Mail: SMTP client")
struct SMTPClientTests {
    static let sender = try! MailAddress("fahrplan@stadt.example", name: "Fahrplan Musterstadt")

    static func client(_ server: TestSMTPServer, security: SMTPConfiguration.Security = .none, host: String = "127.0.0.1",
                       username: String? = "fahrplan", password: String? = "geheim", timeout: Int = 120) -> SMTPClient {
        var configuration = SMTPConfiguration(host: host, port: server.port, security: security, username: username,
                                              password: password, from: sender)
        configuration.timeout = timeout
        configuration.trustRoots = try? TestSMTPServer.trustRoots()
        return SMTPClient(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
    }

    static func message(body: String = "Hallo", subject: String = "Erinnerung") throws -> MailMessage {
        MailMessage(from: sender, to: [try MailAddress("owner@stadt.example", name: "Olga Owner")], subject: subject, body: body)
    }

    @Test("a full send: EHLO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT; the server gets the message unchanged")
    func fullSend() async throws {
        let server = try await TestSMTPServer.start()
        let body = "Guten Tag,\n.eine Zeile mit Punkt am Anfang\n..und zwei Punkte\n.\nÄnderungen bis 05.12.2026 – danke."
        let message = try Self.message(body: body, subject: "Statusbericht fällig: Digitale Bauakte")
        try await Self.client(server).send(message)
        await server.stop()

        let transcript = await server.recorder.transcript
        let said = transcript.filter { $0.hasPrefix("C: ") }
        #expect(said == ["C: EHLO localhost", "C: AUTH (hidden)", "C: MAIL FROM:<fahrplan@stadt.example>",
                         "C: RCPT TO:<owner@stadt.example>", "C: DATA", said.first { $0.contains("lines of message") } ?? "-", "C: QUIT"])
        let received = try #require(await server.recorder.messages.first)
        #expect(received.from == "fahrplan@stadt.example" && received.to == ["owner@stadt.example"])
        #expect(received.rawLines.contains("..eine Zeile mit Punkt am Anfang") && received.rawLines.contains("...und zwei Punkte")
                && received.rawLines.contains(".."))
        #expect(received.data.contains("\r\n.eine Zeile mit Punkt am Anfang\r\n..und zwei Punkte\r\n.\r\n"))
        #expect(received.data.contains("Subject: =?UTF-8?B?") && received.data.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(received.data.contains("=C3=84nderungen bis 05.12.2026 =E2=80=93 danke."))
        #expect(!transcript.joined().contains("geheim"))
    }

    @Test("AUTH LOGIN when the server offers no PLAIN; no AUTH offered at all is an error naming what was offered")
    func authLogin() async throws {
        let server = try await TestSMTPServer.start(.init(authMechanisms: ["LOGIN"]))
        try await Self.client(server).send(try Self.message())
        await server.stop()
        let said = await server.recorder.transcript.filter { $0.hasPrefix("C: ") }
        #expect(said.prefix(4) == ["C: EHLO localhost", "C: AUTH (hidden)", "C: (user name)", "C: (password)"])
        #expect(await server.recorder.messages.count == 1)

        let none = try await TestSMTPServer.start(.init(authMechanisms: ["CRAM-MD5"]))
        await #expect(throws: SMTPError.noSupportedAuthentication(offered: ["CRAM-MD5"])) { try await Self.client(none).send(try Self.message()) }
        await none.stop()
    }

    @Test("a 5xx reply ends the conversation with an error naming the command and the server's reply; nothing is delivered")
    func rejected() async throws {
        let server = try await TestSMTPServer.start(.init(replies: ["RCPT": "550 5.1.1 <owner@stadt.example>: Recipient address rejected"]))
        let error = await #expect(throws: SMTPError.self) { try await Self.client(server).send(try Self.message()) }
        await server.stop()
        #expect(error == .rejected(command: "RCPT TO:<owner@stadt.example>",
                                   reply: SMTPReply(code: 550, lines: ["5.1.1 <owner@stadt.example>: Recipient address rejected"])))
        #expect(error?.description == "the SMTP server answered RCPT TO:<owner@stadt.example> with 550 5.1.1 <owner@stadt.example>: Recipient address rejected")
        #expect(error?.isTransient == false)
        #expect(await server.recorder.messages.isEmpty)

        let wrongPassword = try await TestSMTPServer.start()
        let authError = await #expect(throws: SMTPError.self) { try await Self.client(wrongPassword, password: "falsch").send(try Self.message()) }
        await wrongPassword.stop()
        #expect(authError?.description == "the SMTP server answered AUTH PLAIN (credentials) with 535 5.7.8 Authentication credentials invalid")
        #expect(!(authError?.description.contains("falsch") ?? true))

        let busy = try await TestSMTPServer.start(.init(greeting: "421 4.3.2 too busy, try later"))
        let busyError = await #expect(throws: SMTPError.self) { try await Self.client(busy).send(try Self.message()) }
        await busy.stop()
        #expect(busyError?.isTransient == true && busyError?.description.contains("421 4.3.2 too busy") == true)
    }

    @Test("STARTTLS: the conversation continues encrypted (EHLO again); a server without STARTTLS gets nothing")
    func startTLS() async throws {
        let server = try await TestSMTPServer.start(.init(tls: try TestSMTPServer.tlsContext()))
        try await Self.client(server, security: .starttls, host: "localhost").send(try Self.message(body: "vertraulich"))
        await server.stop()
        #expect(await server.recorder.startedTLS)
        let said = await server.recorder.transcript.filter { $0.hasPrefix("C: ") }
        #expect(said.prefix(4) == ["C: EHLO localhost", "C: STARTTLS", "C: EHLO localhost", "C: AUTH (hidden)"])
        #expect(await server.recorder.messages.first?.data.contains("vertraulich") == true)

        let plain = try await TestSMTPServer.start()
        await #expect(throws: SMTPError.startTLSNotOffered) { try await Self.client(plain, security: .starttls).send(try Self.message()) }
        await plain.stop()
        #expect(await plain.recorder.transcript.filter { $0.hasPrefix("C: ") } == ["C: EHLO localhost"])
    }

    @Test("a server that never answers ends in a timeout error; a closed port in a connect error")
    func timeoutAndRefused() async throws {
        let silent = try await TestSMTPServer.start(.init(greeting: nil))
        await #expect(throws: SMTPError.timeout(waitingFor: "the greeting")) { try await Self.client(silent, timeout: 1).send(try Self.message()) }
        await silent.stop()

        let gone = try await TestSMTPServer.start()
        await gone.stop()
        let error = await #expect(throws: SMTPError.self) { try await Self.client(gone).send(try Self.message()) }
        guard case .connect = error else { Issue.record("expected a connect error, got \(String(describing: error))"); return }
    }

    @Test("dot-stuffing doubles a leading dot on every line and ends with the lone dot")
    func dotStuffing() {
        #expect(SMTPData.dotStuffed("a\r\n.b\r\n..\r\n.") == "a\r\n..b\r\n...\r\n..\r\n.\r\n")
        #expect(SMTPData.dotStuffed("x\ny\r\n") == "x\r\ny\r\n.\r\n")
    }
}
