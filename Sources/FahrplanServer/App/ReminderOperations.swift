import Vapor

extension Operations {
    /// One reminder e-mail of `fahrplan reminders send`, as the command prints it.
    public struct ReminderEmailReport: Sendable {
        public var municipality: String
        public var recipient: String
        public var language: String
        public var subject: String
        public var lines: [String]
        public enum Status: String, Sendable { case sent, dryRun = "dry-run", failed }
        public var status: Status
        public var error: String?
    }

    /// E-mails the due reminders of every municipality (or the one named); with `dryRun` only says what would
    /// go out and writes nothing. Refuses to run for real without SMTP.
    public static func sendReminders(_ app: Application, municipalitySlug: String?, dryRun: Bool) async throws -> [ReminderEmailReport] {
        try await ReminderDelivery.emailAll(app, municipalitySlug: municipalitySlug, dryRun: dryRun).map { email in
            var report = ReminderEmailReport(municipality: email.municipality, recipient: email.recipient, language: email.language.rawValue,
                                             subject: email.subject, lines: email.lines, status: .sent, error: nil)
            switch email.outcome {
            case .sent: break
            case .dryRun: report.status = .dryRun
            case .failed(let reason): report.status = .failed; report.error = reason
            }
            return report
        }
    }

    /// The SMTP server in use (never the password), nil when e-mail is off.
    public static func mailSummary(_ app: Application) -> String? {
        app.mailer?.configuration.summary
    }
}
