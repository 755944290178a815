import ArgumentParser
import FahrplanServer
import Foundation

/// `fahrplan reminders send`: e-mails the owners their due update reminders now (the server does the same
/// every FAHRPLAN_REMINDER_INTERVAL minutes while it runs), e.g. from cron or to check an SMTP setup.
struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reminders", abstract: "E-mail reminders of due updates.",
                                                    subcommands: [Send.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "E-mail each owner the reminders due today that no e-mail has carried yet (needs SMTP_HOST, SMTP_FROM).",
            discussion: """
                One message per person and municipality, in the person's language, listing every due or overdue \
                status report and KPI measurement. Each reminder is e-mailed once; a failed send is reported and \
                tried again on the next run. Exit status 1 when an e-mail failed.
                """)
        @Option(help: "Municipality slug; all municipalities when left out.") var tenant: String?
        @Flag(help: "Print what would be sent; send nothing and write nothing (works without SMTP).") var dryRun = false

        func run() async throws {
            try await withApplication { app in
                if let server = Operations.mailSummary(app) {
                    print("SMTP: \(server)")
                } else {
                    print("SMTP: off (SMTP_HOST not set)")
                }
                let reports = try await Operations.sendReminders(app, municipalitySlug: tenant, dryRun: dryRun)
                for report in reports {
                    let status = report.status == .dryRun ? "would send" : report.status.rawValue
                    print("\(status): \(report.municipality) → \(report.recipient) (\(report.language)): \(report.subject)")
                    for line in report.lines { print("    \(line)") }
                    if let error = report.error { print("    error: \(error)") }
                }
                let failed = reports.filter { $0.status == .failed }.count
                let sent = reports.filter { $0.status == .sent }.count
                if dryRun {
                    print("\(reports.count) e-mail(s) would be sent (dry run: nothing sent, nothing written).")
                } else {
                    print("\(sent) e-mail(s) sent, \(failed) failed.")
                }
                if failed > 0 {
                    throw CLIError(message: "\(failed) reminder e-mail(s) failed; they are tried again on the next run.")
                }
            }
        }
    }
}
