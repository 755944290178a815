import Foundation
import Vapor

/// The installation's way of sending e-mail: nil (`Application.mailer`) when SMTP is not configured.
struct Mailer: Sendable {
    var configuration: SMTPConfiguration
    var transport: any MailTransport

    var from: MailAddress { configuration.from }
}

extension Application {
    private struct MailerKey: StorageKey { typealias Value = Mailer }

    var mailer: Mailer? {
        get { storage[MailerKey.self] }
        set { storage[MailerKey.self] = newValue }
    }

    /// Reads `SMTP_*` (see `SMTPConfiguration.fromEnvironment`); a bad value stops start-up naming the variable.
    func configureMail(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let configuration = try SMTPConfiguration.fromEnvironment(environment) else {
            mailer = nil
            return
        }
        mailer = Mailer(configuration: configuration,
                        transport: SMTPClient(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger))
    }
}
