import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Something that delivers a message; the SMTP client in production, tests may count.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

/// A small SMTP client (RFC 5321) on SwiftNIO: one connection per message, EHLO, STARTTLS or implicit TLS as
/// configured, AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. Every reply is checked;
/// an unexpected one ends the conversation with an `SMTPError` naming the command and the server's reply.
struct SMTPClient: MailTransport {
    var configuration: SMTPConfiguration
    var eventLoopGroup: any EventLoopGroup
    var logger = Logger(label: "fahrplan.mail")

    func send(_ message: MailMessage) async throws {
        let data = try message.rendered()
        try await send(data: data, from: message.from.address, to: message.to.map(\.address))
    }

    /// Sends an already rendered message (CRLF line ends) to the envelope's recipients.
    func send(data: String, from sender: String, to recipients: [String]) async throws {
        let configuration = configuration
        let sslContext = try makeSSLContext()
        let timeout = TimeAmount.seconds(Int64(configuration.timeout))
        let server = "\(configuration.host):\(configuration.port)"
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(timeout)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if configuration.security == .tls, let sslContext {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: sslContext, serverHostname: Self.sniName(configuration.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        try channel.pipeline.syncOperations.addHandler(SMTPReadTimeoutHandler())
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.connect(server: server, reason: String(describing: error))
        }
        try await channel.executeThenClose { inbound, outbound in
            var conversation = SMTPConversation(replies: inbound.makeAsyncIterator(), outbound: outbound,
                                                channel: channel.channel, configuration: configuration,
                                                sslContext: sslContext, logger: logger)
            try await conversation.run(data: data, from: sender, to: recipients)
        }
    }

    private func makeSSLContext() throws -> NIOSSLContext? {
        guard configuration.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let roots = configuration.trustRoots { tls.trustRoots = .certificates(roots) }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.tls(String(describing: error))
        }
    }

    /// SNI takes host names only; for an address literal the certificate is checked against the address.
    static func sniName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}

/// One SMTP session on an open connection.
private struct SMTPConversation {
    var replies: NIOAsyncChannelInboundStream<String>.AsyncIterator
    var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var channel: any Channel
    var configuration: SMTPConfiguration
    var sslContext: NIOSSLContext?
    var logger: Logger

    mutating func run(data: String, from sender: String, to recipients: [String]) async throws {
        try await expect(try await reply(waitingFor: "the greeting"), 220, after: "the connection")
        var capabilities = try await hello()
        if configuration.security == .starttls {
            guard capabilities.keys.contains("STARTTLS") else { throw SMTPError.startTLSNotOffered }
            try await command("STARTTLS", expect: [220])
            try await startTLS()
            capabilities = try await hello()
        }
        if let username = configuration.username, let password = configuration.password {
            try await authenticate(username: username, password: password, offered: capabilities["AUTH"] ?? [])
        }
        let needsUTF8 = !([sender] + recipients).allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }
        if needsUTF8, !capabilities.keys.contains("SMTPUTF8") {
            throw SMTPError.needsSMTPUTF8(([sender] + recipients).first { !$0.unicodeScalars.allSatisfy(\.isASCII) } ?? sender)
        }
        try await command("MAIL FROM:<\(sender)>" + (needsUTF8 ? " SMTPUTF8" : ""), expect: [250])
        for recipient in recipients {
            try await command("RCPT TO:<\(recipient)>", expect: [250, 251])
        }
        try await command("DATA", expect: [354])
        try await outbound.write(ByteBuffer(string: SMTPData.dotStuffed(data)))
        try await expect(try await reply(waitingFor: "the message (end of DATA)"), 250, after: "the message (end of DATA)")
        // The message is accepted; a server that drops the line instead of saying goodbye changes nothing.
        do {
            try await command("QUIT", expect: [221])
        } catch {
            logger.debug("SMTP QUIT: \(error)")
        }
    }

    /// EHLO (HELO when EHLO is refused and nothing needs extensions); the capabilities by keyword.
    private mutating func hello() async throws -> [String: [String]] {
        try await send("EHLO \(configuration.heloName)")
        let answer = try await reply(waitingFor: "EHLO")
        guard answer.code == 250 else {
            if answer.code >= 500, configuration.security == .none, configuration.username == nil {
                try await command("HELO \(configuration.heloName)", expect: [250])
                return [:]
            }
            throw SMTPError.rejected(command: "EHLO", reply: answer)
        }
        var capabilities: [String: [String]] = [:]
        for line in answer.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            capabilities[keyword, default: []] += words.dropFirst()
        }
        return capabilities
    }

    private mutating func startTLS() async throws {
        guard let sslContext else { throw SMTPError.tls("no TLS context") }
        let hostname = SMTPClient.sniName(configuration.host)
        let channel = channel
        do {
            // In front of everything: from here on the line decoder reads what TLS decrypted.
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: hostname),
                                                               position: .first)
            }.get()
        } catch {
            throw SMTPError.tls(String(describing: error))
        }
    }

    private mutating func authenticate(username: String, password: String, offered: [String]) async throws {
        if offered.contains("PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await command("AUTH PLAIN \(token)", shown: "AUTH PLAIN (credentials)", expect: [235])
        } else if offered.contains("LOGIN") {
            try await command("AUTH LOGIN", expect: [334])
            try await command(Data(username.utf8).base64EncodedString(), shown: "AUTH LOGIN (user name)", expect: [334])
            try await command(Data(password.utf8).base64EncodedString(), shown: "AUTH LOGIN (password)", expect: [235])
        } else {
            throw SMTPError.noSupportedAuthentication(offered: offered)
        }
    }

    @discardableResult
    private mutating func command(_ line: String, shown: String? = nil, expect codes: Set<Int>) async throws -> SMTPReply {
        try await send(line)
        let name = shown ?? line
        let answer = try await reply(waitingFor: name)
        guard codes.contains(answer.code) else { throw SMTPError.rejected(command: name, reply: answer) }
        return answer
    }

    private func expect(_ answer: SMTPReply, _ code: Int, after: String) async throws {
        guard answer.code == code else { throw SMTPError.rejected(command: after, reply: answer) }
    }

    private mutating func send(_ line: String) async throws {
        do {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
        } catch {
            throw SMTPError.connectionClosed(waitingFor: nil)
        }
    }

    /// Reads one complete reply ("250-…" lines up to "250 …").
    private mutating func reply(waitingFor: String) async throws -> SMTPReply {
        var code: Int?
        var lines: [String] = []
        while true {
            let next: String?
            do {
                next = try await replies.next()
            } catch SMTPError.timeout {
                throw SMTPError.timeout(waitingFor: waitingFor)
            } catch let error as SMTPError {
                throw error
            } catch let error as NIOSSLError {
                throw SMTPError.tls(String(describing: error))
            } catch {
                throw SMTPError.connectionClosed(waitingFor: "\(waitingFor) (\(error))")
            }
            guard let line = next else { throw SMTPError.connectionClosed(waitingFor: waitingFor) }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes[0...2].allSatisfy({ (48...57).contains($0) }),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
                  let lineCode = Int(String(decoding: bytes[0...2], as: UTF8.self)) else {
                throw SMTPError.malformedReply(line)
            }
            if let code, code != lineCode { throw SMTPError.malformedReply(line) }
            code = lineCode
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return SMTPReply(code: lineCode, lines: lines) }
        }
    }
}
