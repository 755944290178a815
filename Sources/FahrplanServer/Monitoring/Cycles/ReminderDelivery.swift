import FahrplanCore
import Fluent
import Foundation
import Logging
import Vapor

/// Gives owners their reminders in the app: the day's reminders (`ReminderSelection`) become rows of
/// `monitoring_reminders`, each key once per person; the unique index keeps a second, concurrent delivery from
/// writing a duplicate. E-mail delivery (when SMTP is configured) reads the same rows (`emailed_at`).
struct ReminderDelivery {
    var service: UpdateCycleService

    /// Stores the reminders due today for every owner of the municipality; returns how many were new.
    @discardableResult
    func deliver() async throws -> Int {
        try await deliver(try await service.items())
    }

    @discardableResult
    func deliver(_ items: [UpdateCycleService.Item]) async throws -> Int {
        let db = service.db
        let municipalityID = service.municipalityID
        guard !items.isEmpty else { return 0 }
        let sent = try await MonitoringReminder.query(on: db).filter(\.$municipality.$id == municipalityID)
            .field(\.$userID).field(\.$reminderKey).all()
        let alreadySent = Set(sent.map { "\($0.userID):\($0.reminderKey)" })
        let bySubject = Dictionary(items.map { ($0.subject.id, $0.subject) }, uniquingKeysWith: { a, _ in a })
        let reminders = ReminderSelection.due(items.map(\.due), today: service.today, alreadySent: [])
            .filter { !alreadySent.contains("\($0.recipientID):\($0.key)") }
        guard !reminders.isEmpty else { return 0 }
        // Only members get reminders: a named owner who left the municipality is shown on the late list instead.
        let members = Set(try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID).all().map(\.$user.id))
        var created = 0
        for reminder in reminders where members.contains(reminder.recipientID) {
            guard let subject = bySubject[reminder.item.subject.id] else { continue }
            let row = MonitoringReminder()
            row.$municipality.id = municipalityID
            row.userID = reminder.recipientID
            row.reminderKey = reminder.key
            row.kind = reminder.kind.rawValue
            row.subjectKind = subject.kind.rawValue
            row.subjectID = subject.id
            row.title = subject.title
            row.url = subject.url
            row.dueDate = reminder.item.dueDate.iso
            do {
                try await row.create(on: db)
                created += 1
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // delivered by a concurrent request in the meantime
            }
        }
        return created
    }

    /// The person's reminders in this municipality, newest first.
    func reminders(for userID: UUID, limit: Int = 20) async throws -> [MonitoringReminder] {
        try await MonitoringReminder.query(on: service.db).filter(\.$municipality.$id == service.municipalityID)
            .filter(\.$userID == userID).sort(\.$createdAt, .descending).sort(\.$reminderKey).limit(limit).all()
    }

    func unreadCount(for userID: UUID) async throws -> Int {
        try await MonitoringReminder.query(on: service.db).filter(\.$municipality.$id == service.municipalityID)
            .filter(\.$userID == userID).filter(\.$readAt == nil).count()
    }

    /// Marks all of the person's reminders in this municipality read.
    func markRead(for userID: UUID) async throws {
        try await MonitoringReminder.query(on: service.db).filter(\.$municipality.$id == service.municipalityID)
            .filter(\.$userID == userID).filter(\.$readAt == nil).set(\.$readAt, to: Date()).update()
    }
}

// MARK: e-mail

/// One e-mail of a run (or, with a dry run, one that would go out).
struct ReminderEmail: Sendable {
    enum Outcome: Sendable, Equatable {
        case sent
        case dryRun
        /// Not sent (or not marked); the reminders stay due for the next run.
        case failed(String)
    }

    var municipality: String
    var recipient: String
    var language: Language
    var subject: String
    /// "Statusbericht: Digitale Bauakte (fällig 05.12.2026, Frist abgelaufen)", one per reminder.
    var lines: [String]
    var outcome: Outcome
}

extension ReminderDelivery {
    /// E-mails each owner the reminders due today that no e-mail has carried yet, one message per person
    /// listing them all, in the person's language. Only what is still due counts: a reminder whose update was
    /// made meanwhile, or a before-deadline one once the deadline has passed, is not mailed. `emailed_at` is
    /// set only after the server accepted the message, so a crash in between sends it again rather than never.
    /// A failed send is logged and reported, and the next run tries again. A dry run writes nothing.
    func email(with mailer: Mailer?, dryRun: Bool, publicURL: String = Environment.get("FAHRPLAN_PUBLIC_URL") ?? "",
               logger: Logger) async throws -> [ReminderEmail] {
        let db = service.db
        let municipalityID = service.municipalityID
        let items = try await service.items()
        if !dryRun { try await deliver(items) }
        let due = ReminderSelection.due(items.map(\.due), today: service.today, alreadySent: [])
        guard !due.isEmpty else { return [] }
        let rows = try await MonitoringReminder.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let emailed = Set(rows.filter { $0.emailedAt != nil }.map { "\($0.userID):\($0.reminderKey)" })
        let unmailedRows = Dictionary(rows.filter { $0.emailedAt == nil }.compactMap { row in row.id.map { ("\(row.userID):\(row.reminderKey)", $0) } },
                                      uniquingKeysWith: { a, _ in a })
        let pending = due.filter { !emailed.contains("\($0.recipientID):\($0.key)") }
        guard !pending.isEmpty else { return [] }
        let members = Set(try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID).all().map(\.$user.id))
        let recipientIDs = Array(Set(pending.map(\.recipientID)).intersection(members))
        guard !recipientIDs.isEmpty else { return [] }
        let users = try await User.query(on: db).filter(\.$id ~~ recipientIDs).filter(\.$disabledAt == nil).all()
            .sorted { $0.email < $1.email }
        let subjects = Dictionary(items.map { ($0.subject.id, $0.subject) }, uniquingKeysWith: { a, _ in a })
        let municipality = service.context.municipality
        var results: [ReminderEmail] = []
        for user in users {
            guard let userID = user.id else { continue }
            // A real run mails only what it can mark afterwards, else the same reminder would go out on every run.
            let mine = pending.filter { $0.recipientID == userID && (dryRun || unmailedRows["\(userID):\($0.key)"] != nil) }
                .sorted { ($0.item.dueDate, $0.key) < ($1.item.dueDate, $1.key) }
            let language = user.preferredLanguage.flatMap(Language.init(rawValue:)) ?? .de
            let text = ReminderMailText(language: language, municipalityName: municipality.name,
                                        startPage: ReminderMailText.absolute("/m/\(municipality.slug)", publicURL))
            let entries = mine.compactMap { reminder in
                subjects[reminder.item.subject.id].map { text.entry(reminder, subject: $0, publicURL: publicURL) }
            }
            guard !entries.isEmpty else { continue }
            let subject = text.subject(entries)
            var result = ReminderEmail(municipality: municipality.slug, recipient: user.email, language: language, subject: subject,
                                       lines: entries.map(\.line), outcome: .dryRun)
            if !dryRun {
                guard let mailer else { continue }
                let rowIDs = mine.compactMap { unmailedRows["\(userID):\($0.key)"] }
                do {
                    var message = MailMessage(from: mailer.from, to: [try MailAddress(user.email, name: user.displayName)],
                                              subject: subject, body: text.body(entries, name: user.displayName))
                    // RFC 3834: an automatic message; well-behaved autoresponders do not answer it.
                    message.extraHeaders = [("Auto-Submitted", "auto-generated")]
                    try await mailer.transport.send(message)
                    result.outcome = .sent
                } catch {
                    logger.warning("reminder e-mail to \(user.email) in \(municipality.slug) not sent, next run tries again: \(error)")
                    result.outcome = .failed(String(describing: error))
                    results.append(result)
                    continue
                }
                do {
                    if !rowIDs.isEmpty {
                        try await MonitoringReminder.query(on: db).filter(\.$id ~~ rowIDs).filter(\.$emailedAt == nil)
                            .set(\.$emailedAt, to: Date()).update()
                    }
                } catch {
                    logger.error("reminder e-mail to \(user.email) sent but not marked (it will be sent again): \(error)")
                    result.outcome = .failed("sent, but not marked as sent (will be sent again): \(error)")
                }
            }
            results.append(result)
        }
        return results
    }

    /// Every municipality (or the one named), acting as the installation like the other commands.
    static func emailAll(_ app: Application, municipalitySlug: String?, dryRun: Bool) async throws -> [ReminderEmail] {
        var query = Municipality.query(on: app.db).filter(\.$archivedAt == nil)
        if let municipalitySlug { query = query.filter(\.$slug == municipalitySlug) }
        let municipalities = try await query.sort(\.$slug).all()
        if let municipalitySlug, municipalities.isEmpty {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(municipalitySlug).")
        }
        if !dryRun, app.mailer == nil {
            throw AppConfiguration.Problem(description: "E-mail is off: set SMTP_HOST and SMTP_FROM (see docs/operations.md), or use --dry-run")
        }
        let system = User()
        system.id = UUID()
        system.email = "system@fahrplan.invalid"
        system.displayName = "System"
        system.passwordHash = ""
        system.isInstallationAdmin = true
        var results: [ReminderEmail] = []
        for municipality in municipalities {
            guard let id = municipality.id else { continue }
            let context = MunicipalityContext(municipality: municipality, municipalityID: id, user: CurrentUser(system), role: nil,
                                              permissions: Permissions(role: nil, isInstallationAdmin: true), calendar: app.municipalCalendar)
            let delivery = ReminderDelivery(service: UpdateCycleService(db: app.db, context: context, sources: app.monitoringSubjectSources))
            results += try await delivery.email(with: app.mailer, dryRun: dryRun, logger: app.logger)
        }
        return results
    }
}

/// The reminder e-mail's words, German or English.
struct ReminderMailText {
    struct Entry {
        var line: String
        var link: String
        var late: Bool
        var title: String
    }

    var language: Language
    var municipalityName: String
    var startPage: String

    private var de: Bool { language == .de }

    static func absolute(_ path: String, _ publicURL: String) -> String {
        let base = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        return base.isEmpty || !path.hasPrefix("/") ? path : base + path
    }

    func entry(_ reminder: Reminder, subject: UpdateSubject, publicURL: String) -> Entry {
        let kind: String
        switch subject.kind {
        case .projectStatus: kind = de ? "Statusbericht" : "Status report"
        case .kpiMeasurement: kind = de ? "Messwert" : "Measurement"
        }
        let late = reminder.kind == .afterDeadline
        let day = de ? reminder.item.dueDate.german : reminder.item.dueDate.iso
        let state = late ? (de ? "Frist abgelaufen" : "deadline passed") : (de ? "Frist in Kürze" : "deadline soon")
        let line = "\(kind): \(subject.title) (\(de ? "fällig" : "due") \(day), \(state))"
        return Entry(line: line, link: Self.absolute(subject.url, publicURL), late: late, title: subject.title)
    }

    func subject(_ entries: [Entry]) -> String {
        let late = entries.contains(where: \.late)
        if entries.count == 1, let only = entries.first {
            let title = only.title.count > 80 ? String(only.title.prefix(79)) + "…" : only.title
            return de ? "Fahrplan: Aktualisierung \(late ? "überfällig" : "fällig") – \(title)"
                      : "Fahrplan: update \(late ? "overdue" : "due") – \(title)"
        }
        return de ? "Fahrplan: \(entries.count) Aktualisierungen fällig\(late ? ", davon überfällige" : "")"
                  : "Fahrplan: \(entries.count) updates due\(late ? ", some overdue" : "")"
    }

    func body(_ entries: [Entry], name: String) -> String {
        var lines = [de ? "Guten Tag \(name)," : "Hello \(name),", ""]
        lines.append(de ? "in \(municipalityName) sind folgende Aktualisierungen von Ihnen fällig:"
                        : "in \(municipalityName) the following updates are due from you:")
        lines.append("")
        for entry in entries {
            lines.append("- \(entry.line)")
            lines.append("  \(entry.link)")
        }
        lines.append("")
        lines.append(de ? "Alles, was für Sie fällig ist, steht auf Ihrer Startseite: \(startPage)"
                        : "Everything due from you is on your start page: \(startPage)")
        lines.append("")
        lines.append(de ? "Diese Nachricht hat Fahrplan automatisch verschickt; jede Erinnerung kommt einmal."
                        : "Fahrplan sent this message automatically; each reminder comes once.")
        return lines.joined(separator: "\n")
    }
}

// MARK: periodic run in `serve`

/// While `fahrplan serve` runs with SMTP configured, e-mails the due reminders every
/// `FAHRPLAN_REMINDER_INTERVAL` minutes (default 60; 0 switches it off, e.g. on all but one of several server
/// processes, or when cron runs `fahrplan reminders send`). One run at a time; the first a minute after start.
final class ReminderMailSchedule: LifecycleHandler, @unchecked Sendable {
    let minutes: Int
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    init(minutes: Int) { self.minutes = minutes }

    static func minutes(_ environment: [String: String]) throws -> Int {
        guard let raw = environment["FAHRPLAN_REMINDER_INTERVAL"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return 60 }
        guard let value = Int(raw), (0...10_080).contains(value) else {
            throw AppConfiguration.Problem(description: "FAHRPLAN_REMINDER_INTERVAL must be a whole number of minutes from 0 (off) to 10080 (got \(raw.prefix(20)))")
        }
        return value
    }

    func didBootAsync(_ app: Application) async throws {
        // Only the server: the other commands boot no application, tests set no SMTP from the environment.
        guard minutes > 0, app.mailer != nil, app.environment.arguments.dropFirst().first == "serve" else { return }
        let minutes = minutes
        app.logger.notice("reminder e-mails every \(minutes) minutes via \(app.mailer?.configuration.summary ?? "-")")
        let running = Task { [app] in
            var pause = Duration.seconds(60)
            while !Task.isCancelled {
                try? await Task.sleep(for: pause)
                if Task.isCancelled { break }
                pause = .seconds(minutes * 60)
                do {
                    let emails = try await ReminderDelivery.emailAll(app, municipalitySlug: nil, dryRun: false)
                    let sent = emails.filter { $0.outcome == .sent }.count
                    if !emails.isEmpty { app.logger.info("reminder e-mails: \(sent) sent, \(emails.count - sent) failed") }
                } catch {
                    app.logger.error("reminder e-mails: run failed, next in \(minutes) minutes: \(error)")
                }
            }
        }
        lock.withLock { task = running }
    }

    func shutdownAsync(_ app: Application) async {
        let running = lock.withLock { () -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}

extension Application {
    /// `configure`'s one call: SMTP from the environment, and the periodic run for `serve`.
    func configureReminderMail(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try configureMail(environment: environment)
        lifecycle.use(ReminderMailSchedule(minutes: try ReminderMailSchedule.minutes(environment)))
    }
}
