import FahrplanCore
import Foundation
import NIOSSL

/// How Fahrplan reaches its SMTP server (`SMTP_*` in the environment). Without `SMTP_HOST` e-mail is off; a
/// half-set or malformed configuration stops start-up with a message naming the variable, like the rest of
/// `AppConfiguration`, instead of silently not sending.
struct SMTPConfiguration: Sendable {
    enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS before anything else is said; refused when not offered.
        case starttls
        /// TLS from the first byte (SMTPS, port 465).
        case tls
        /// No encryption (a relay on the same host or network); credentials travel in clear.
        case none

        var defaultPort: Int {
            switch self {
            case .starttls: return 587
            case .tls: return 465
            case .none: return 25
            }
        }
    }

    var host: String
    var port: Int
    var security: Security
    var username: String?
    var password: String?
    var from: MailAddress
    /// The name said in EHLO (`SMTP_HELO_NAME`).
    var heloName = "localhost"
    /// Seconds to wait for the connection and for each reply (`SMTP_TIMEOUT`).
    var timeout = 60
    /// PEM trust roots instead of the system's (`SMTP_CA_FILE`), e.g. for a relay with an internal CA.
    var trustRoots: [NIOSSLCertificate]?

    init(host: String, port: Int? = nil, security: Security = .starttls, username: String? = nil, password: String? = nil,
         from: MailAddress) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.from = from
    }

    static let variables = ["SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_FROM", "SMTP_SECURITY",
                            "SMTP_HELO_NAME", "SMTP_TIMEOUT", "SMTP_CA_FILE"]

    /// nil when `SMTP_HOST` is absent or empty (e-mail off); throws `AppConfiguration.Problem` naming the variable.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SMTPConfiguration? {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func problem(_ text: String) -> AppConfiguration.Problem { AppConfiguration.Problem(description: text) }
        guard let host = value("SMTP_HOST") else {
            let stray = variables.filter { value($0) != nil }
            if !stray.isEmpty {
                throw problem("SMTP_HOST is not set, but \(stray.joined(separator: ", ")) is: set SMTP_HOST to send e-mail, or remove the other SMTP_* variables")
            }
            return nil
        }
        guard host.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && !"/@:[]".unicodeScalars.contains($0) }) || isIPv6(host) else {
            throw problem("SMTP_HOST must be a host name or address without scheme, port or spaces (got \(host.prefix(40)))")
        }
        let security: Security
        if let raw = value("SMTP_SECURITY") {
            guard let parsed = Security(rawValue: raw.lowercased()) else {
                throw problem("SMTP_SECURITY must be starttls, tls or none (got \(raw.prefix(20)))")
            }
            security = parsed
        } else {
            security = .starttls
        }
        var port: Int?
        if let raw = value("SMTP_PORT") {
            guard let parsed = Int(raw), (1...65535).contains(parsed) else {
                throw problem("SMTP_PORT must be a port number from 1 to 65535 (got \(raw.prefix(20)))")
            }
            port = parsed
        }
        guard let rawFrom = value("SMTP_FROM") else {
            throw problem("SMTP_FROM must be set when SMTP_HOST is: the sender, e.g. \"Fahrplan <fahrplan@stadt.example>\"")
        }
        let from: MailAddress
        do {
            from = try MailAddress.parse(rawFrom)
        } catch {
            throw problem("SMTP_FROM: \(error) (expected an address such as fahrplan@stadt.example or \"Fahrplan <fahrplan@stadt.example>\")")
        }
        let username = environment["SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
        let password = environment["SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if (username == nil) != (password == nil) {
            throw problem(username == nil ? "SMTP_PASSWORD is set but SMTP_USERNAME is not: set both or neither"
                                          : "SMTP_USERNAME is set but SMTP_PASSWORD is not: set both or neither")
        }
        for (name, text) in [("SMTP_USERNAME", username), ("SMTP_PASSWORD", password)] {
            if let text, text.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
                throw problem("\(name) must not contain control characters or line breaks")
            }
        }
        var configuration = SMTPConfiguration(host: host, port: port, security: security, username: username, password: password, from: from)
        if let helo = value("SMTP_HELO_NAME") {
            guard helo.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
                throw problem("SMTP_HELO_NAME must be a host name without spaces (got \(helo.prefix(40)))")
            }
            configuration.heloName = helo
        }
        if let raw = value("SMTP_TIMEOUT") {
            guard let seconds = Int(raw), (1...600).contains(seconds) else {
                throw problem("SMTP_TIMEOUT must be a whole number of seconds from 1 to 600 (got \(raw.prefix(20)))")
            }
            configuration.timeout = seconds
        }
        if let path = value("SMTP_CA_FILE") {
            do {
                configuration.trustRoots = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw problem("SMTP_CA_FILE: cannot read PEM certificates from \(path) (\(error))")
            }
            if configuration.trustRoots?.isEmpty ?? true { throw problem("SMTP_CA_FILE: no certificate in \(path)") }
            if security == .none { throw problem("SMTP_CA_FILE is set but SMTP_SECURITY is none: nothing would use it") }
        }
        return configuration
    }

    private static func isIPv6(_ host: String) -> Bool {
        host.contains(":") && host.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789abcdefABCDEF:.").contains($0) }
    }

    /// For logs and the CLI: never the password.
    var summary: String {
        "\(host):\(port) (\(security.rawValue)\(username.map { ", user \($0)" } ?? ""), from \(from.address))"
    }
}
