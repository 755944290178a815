import NIOCore

/// Splits the byte stream into lines (CRLF, or a bare LF from a sloppy peer) without the line end. Used by the
/// client for replies and by the tests' server for commands and message lines.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String
    /// RFC 5321 allows 512 octets for a reply line and 1,000 for a text line; anything far beyond is not SMTP.
    static let maximumLineLength = 16 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPError.lineTooLong }
            return .needMoreData
        }
        var bytes = buffer.readBytes(length: newline - buffer.readerIndex) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Turns "no reply within the timeout" (`IdleStateHandler`) into an error on the inbound stream and closes.
final class SMTPReadTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = String
    typealias InboundOut = String

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.fireErrorCaught(SMTPError.timeout(waitingFor: nil))
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

/// Lines of a message for DATA: CRLF line ends, a leading "." doubled (RFC 5321 4.5.2), ending with the
/// lone "." that closes DATA.
enum SMTPData {
    static func dotStuffed(_ message: String) -> String {
        var lines = MIMEBody.lines(message).map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.map { $0 + "\r\n" }.joined() + ".\r\n"
    }
}

/// One complete reply: its code and text lines (a multi-line reply has several).
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    var description: String { "\(code) \(lines.joined(separator: " / "))".trimmingCharacters(in: .whitespaces) }
    var isPositive: Bool { (200..<400).contains(code) }
    var isTransient: Bool { (400..<500).contains(code) }
}

/// What went wrong talking to the SMTP server; the description names the command and the server's reply.
enum SMTPError: Error, CustomStringConvertible, Equatable {
    case connect(server: String, reason: String)
    /// The server answered `command` (passwords never shown) with an unexpected reply.
    case rejected(command: String, reply: SMTPReply)
    case connectionClosed(waitingFor: String?)
    case timeout(waitingFor: String?)
    case malformedReply(String)
    case lineTooLong
    case startTLSNotOffered
    case noSupportedAuthentication(offered: [String])
    case tls(String)
    case needsSMTPUTF8(String)

    var description: String {
        switch self {
        case .connect(let server, let reason): return "cannot connect to the SMTP server \(server): \(reason)"
        case .rejected(let command, let reply): return "the SMTP server answered \(command) with \(reply)"
        case .connectionClosed(let command):
            return "the SMTP server closed the connection" + (command.map { " while Fahrplan waited for the reply to \($0)" } ?? "")
        case .timeout(let command):
            return "the SMTP server did not answer in time" + (command.map { " (waiting for the reply to \($0))" } ?? "")
        case .malformedReply(let line): return "the SMTP server sent a line that is not an SMTP reply: \(line.prefix(120))"
        case .lineTooLong: return "the SMTP server sent a line longer than \(SMTPLineDecoder.maximumLineLength) bytes"
        case .startTLSNotOffered:
            return "the SMTP server does not offer STARTTLS, but SMTP_SECURITY is starttls (nothing was sent unencrypted)"
        case .noSupportedAuthentication(let offered):
            return "the SMTP server offers no AUTH PLAIN or LOGIN (offered: \(offered.isEmpty ? "none" : offered.joined(separator: " ")))"
        case .tls(let reason): return "TLS with the SMTP server failed: \(reason)"
        case .needsSMTPUTF8(let address): return "\(address) is not ASCII and the SMTP server does not offer SMTPUTF8"
        }
    }

    /// Worth trying again later (4xx, connection trouble); 5xx and configuration problems are not.
    var isTransient: Bool {
        switch self {
        case .rejected(_, let reply): return reply.isTransient
        case .connect, .connectionClosed, .timeout: return true
        default: return false
        }
    }
}
