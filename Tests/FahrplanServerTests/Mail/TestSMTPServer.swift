@testable import FahrplanServer
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A real SMTP server in the test process (127.0.0.1, a free port) that follows a script and records the
/// conversation: what the client said, and each message as received after undoing the dot-stuffing.
final class TestSMTPServer: Sendable {
    struct Script: Sendable {
        /// nil: the server accepts the connection and never says a word.
        var greeting: String? = "220 test.invalid ESMTP ready"
        /// Mechanisms listed in EHLO; empty: no AUTH line.
        var authMechanisms = ["PLAIN", "LOGIN"]
        /// The credentials accepted; nil: AUTH is refused.
        var credentials: (username: String, password: String)? = ("fahrplan", "geheim")
        /// Offers STARTTLS with this context.
        var tls: NIOSSLContext?
        /// Answers a command whose first word matches (e.g. "RCPT") with this reply instead.
        var replies: [String: String] = [:]
    }

    struct Received: Sendable, Equatable {
        var from: String
        var to: [String]
        /// The message as the client meant it (dot-stuffing undone), CRLF line ends.
        var data: String
        /// The lines as they came over the wire, still stuffed.
        var rawLines: [String]
    }

    actor Recorder {
        var transcript: [String] = []
        var messages: [Received] = []
        var startedTLS = false
        func say(_ line: String) { transcript.append(line) }
        func store(_ message: Received) { messages.append(message) }
        func tlsStarted() { startedTLS = true }
    }

    let port: Int
    let recorder: Recorder
    private let channel: any Channel
    private let task: Task<Void, Never>

    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBqDCCAU6gAwIBAgIUWVUP7dnO5HGcsyUAmJwTKA5WD/kwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNjAzMzc1MFoYDzIxMjYxMTEy
        MDMzNzUwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAAReQFe5eiZ5yvdIAVcgabnxNnveAULo/DuvK2CJBAodtH5HQzF3Pan+
        N3IWZV0rSX70QPCbbQVsgzWLbn8BUdsNo3wwejAdBgNVHQ4EFgQUJN3EAg2CzFTk
        2tltlcngjDWWSW4wHwYDVR0jBBgwFoAUJN3EAg2CzFTk2tltlcngjDWWSW4wGgYD
        VR0RBBMwEYIJbG9jYWxob3N0hwR/AAABMA8GA1UdEwEB/wQFMAMBAf8wCwYDVR0P
        BAQDAgKEMAoGCCqGSM49BAMCA0gAMEUCIQDF2raY0tkjzr1LcWjS1IJNI7x68VwF
        Yq58cuaef0hligIgX2FeJb3gBPrOYKA/2mjE7hrPaow9pdv+mo5IdLx2eWk=
        -----END CERTIFICATE-----
        """
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8PwLYGU1MjmhrPei
        u7jtnn5d3ZCQzhk4k0gkORkiNryhRANCAAReQFe5eiZ5yvdIAVcgabnxNnveAULo
        /DuvK2CJBAodtH5HQzF3Pan+N3IWZV0rSX70QPCbbQVsgzWLbn8BUdsN
        -----END PRIVATE KEY-----
        """

    /// The server side of STARTTLS, with the self-signed "localhost" certificate above.
    static func tlsContext() throws -> NIOSSLContext {
        let certificate = try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)
        return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
    }

    static func trustRoots() throws -> [NIOSSLCertificate] {
        [try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)]
    }

    static func start(_ script: Script = Script()) async throws -> TestSMTPServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else { throw SMTPError.connect(server: "test server", reason: "no port") }
        let recorder = Recorder()
        let task = Task<Void, Never> {
            _ = try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { try? await Self.serve(connection, script: script, recorder: recorder) }
                    }
                }
            }
        }
        return TestSMTPServer(port: port, channel: server.channel, task: task, recorder: recorder)
    }

    private init(port: Int, channel: any Channel, task: Task<Void, Never>, recorder: Recorder) {
        self.port = port; self.channel = channel; self.task = task; self.recorder = recorder
    }

    func stop() async {
        try? await channel.close()
        task.cancel()
        await task.value
    }

    private static func serve(_ connection: NIOAsyncChannel<String, ByteBuffer>, script: Script, recorder: Recorder) async throws {
        let channel = connection.channel
        try await connection.executeThenClose { inbound, outbound in
            func reply(_ line: String) async throws {
                await recorder.say("S: \(line)")
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            guard let greeting = script.greeting else {
                for try await _ in inbound {}
                return
            }
            try await reply(greeting)
            var lines = inbound.makeAsyncIterator()
            var from = ""
            var to: [String] = []
            var authenticated = false
            var tls = false
            while let line = try await lines.next() {
                let verb = String(line.prefix { $0 != " " && $0 != ":" }).uppercased()
                let shown = verb == "AUTH" || (line.count > 8 && !line.contains(" ") && !line.contains(":")) ? "\(verb) (hidden)" : line
                await recorder.say("C: \(shown)")
                if let scripted = script.replies[verb] {
                    try await reply(scripted)
                    if scripted.hasPrefix("421") { return }
                    continue
                }
                switch verb {
                case "EHLO":
                    var features = ["250-test.invalid greets you", "250-8BITMIME"]
                    if script.tls != nil, !tls { features.append("250-STARTTLS") }
                    if !script.authMechanisms.isEmpty { features.append("250-AUTH " + script.authMechanisms.joined(separator: " ")) }
                    features.append("250 SIZE 1000000")
                    for feature in features { try await reply(feature) }
                case "STARTTLS":
                    guard let context = script.tls else { try await reply("502 5.5.1 not offered"); continue }
                    await recorder.say("S: 220 2.0.0 go ahead")
                    // Reply and TLS handler in one event-loop turn, so the client's hello cannot slip in between.
                    try await channel.eventLoop.submit {
                        channel.writeAndFlush(ByteBuffer(string: "220 2.0.0 go ahead\r\n"), promise: nil)
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
                    }.get()
                    tls = true
                    await recorder.tlsStarted()
                case "AUTH":
                    let words = line.split(separator: " ").map(String.init)
                    var user = "", password = ""
                    if words.count >= 2, words[1].uppercased() == "PLAIN" {
                        let token = words.count > 2 ? words[2] : ""
                        let parts = (Data(base64Encoded: token) ?? Data()).split(separator: 0, omittingEmptySubsequences: false)
                        if parts.count == 3 { user = String(decoding: parts[1], as: UTF8.self); password = String(decoding: parts[2], as: UTF8.self) }
                    } else if words.count >= 2, words[1].uppercased() == "LOGIN" {
                        try await reply("334 VXNlcm5hbWU6")
                        user = String(decoding: Data(base64Encoded: try await lines.next() ?? "") ?? Data(), as: UTF8.self)
                        await recorder.say("C: (user name)")
                        try await reply("334 UGFzc3dvcmQ6")
                        password = String(decoding: Data(base64Encoded: try await lines.next() ?? "") ?? Data(), as: UTF8.self)
                        await recorder.say("C: (password)")
                    }
                    if let expected = script.credentials, expected.username == user, expected.password == password {
                        authenticated = true
                        try await reply("235 2.7.0 Authentication successful")
                    } else {
                        try await reply("535 5.7.8 Authentication credentials invalid")
                    }
                case "MAIL":
                    if script.credentials != nil, !script.authMechanisms.isEmpty, !authenticated {
                        try await reply("530 5.7.0 Authentication required"); continue
                    }
                    from = Self.address(in: line); to = []
                    try await reply("250 2.1.0 OK")
                case "RCPT":
                    to.append(Self.address(in: line))
                    try await reply("250 2.1.5 OK")
                case "DATA":
                    try await reply("354 End data with <CR><LF>.<CR><LF>")
                    var raw: [String] = []
                    while let dataLine = try await lines.next(), dataLine != "." { raw.append(dataLine) }
                    let data = raw.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }.map { $0 + "\r\n" }.joined()
                    await recorder.say("C: (\(raw.count) lines of message)")
                    await recorder.store(Received(from: from, to: to, data: data, rawLines: raw))
                    try await reply("250 2.0.0 queued as 1")
                case "QUIT":
                    try await reply("221 2.0.0 bye")
                    return
                default:
                    try await reply("500 5.5.2 unknown command")
                }
            }
        }
    }

    private static func address(in line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}
