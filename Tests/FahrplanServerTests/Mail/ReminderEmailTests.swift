import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOPosix
import Testing

/// Reminder e-mails end to end: the owner's due reminders go to a real SMTP server in the test process, in
/// the owner's language, each once; a failed send leaves them for the next run; a dry run writes nothing.
@Suite("Mail: reminder e-mails", .serialized)
struct ReminderEmailTests {
    /// 10 December 2026, noon in Berlin: November's reports were due on 5 December.
    static let today = Date(timeIntervalSince1970: 1_796_900_400)

    /// A monthly status cycle; the department lead owns a late project and one reported in November.
    static func prepare(_ server: TestServer) async throws -> User {
        let municipality = try await Fixtures.musterstadt(on: server)
        let municipalityID = try municipality.requireID()
        let lead = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.departmentLead).first())
        let owner = try lead.requireID()
        let subjects = [
            UpdateSubject(kind: .projectStatus, id: UUID(), title: "Digitale Bauakte", ownerUserID: owner, lastUpdate: nil,
                          url: "/m/musterstadt/projects"),
            UpdateSubject(kind: .projectStatus, id: UUID(), title: "E-Rechnung", ownerUserID: owner,
                          lastUpdate: CalendarDay(iso: "2026-11-20"), url: "/m/musterstadt/projects"),
        ]
        server.app.municipalCalendar = .fixed(at: today)
        server.app.monitoringSubjectSources = [{ _, _ in subjects }]
        // Whatever the demo brings along, the test's cycle is the only one.
        try await UpdateCycleRow.query(on: server.db).delete()
        try await MonitoringReminder.query(on: server.db).delete()
        try await UpdateCycleRow(municipalityID: municipalityID, cycle: UpdateCycle(
            kind: .projectStatus, interval: .monthly, deadlineDays: 5, startDate: CalendarDay(iso: "2026-01-01")!, ownerRule: .subjectOwner))
            .create(on: server.db)
        return lead
    }

    static func mailer(_ smtp: TestSMTPServer) throws -> Mailer {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: smtp.port, security: .none, username: "fahrplan", password: "geheim",
                                              from: try MailAddress("fahrplan@musterstadt.example", name: "Fahrplan Musterstadt"))
        return Mailer(configuration: configuration,
                      transport: SMTPClient(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton))
    }

    /// The quoted-printable body as text: soft breaks joined, escapes decoded.
    static func decodedBody(_ message: String) -> String {
        guard let start = message.range(of: "\r\n\r\n") else { return "" }
        let joined = Array(message[start.upperBound...].replacingOccurrences(of: "=\r\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="), index + 2 < joined.count,
               let value = UInt8(String(decoding: joined[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("dry run names the e-mail and writes nothing; the run sends it once (German), marks it, and a second run sends nothing")
    func onceAndMarked() async throws {
        try await withServer { server in
            let lead = try await Self.prepare(server)
            let smtp = try await TestSMTPServer.start()
            server.app.mailer = try Self.mailer(smtp)

            let preview = try await ReminderDelivery.emailAll(server.app, municipalitySlug: "musterstadt", dryRun: true)
            #expect(preview.count == 1)
            #expect(preview.first?.outcome == .dryRun && preview.first?.recipient == Fixtures.departmentLead)
            #expect(preview.first?.subject == "Fahrplan: Aktualisierung überfällig – Digitale Bauakte")
            #expect(preview.first?.lines == ["Statusbericht: Digitale Bauakte (fällig 05.12.2026, Frist abgelaufen)"])
            #expect(try await MonitoringReminder.query(on: server.db).count() == 0)
            #expect(await smtp.recorder.messages.isEmpty)

            let sent = try await ReminderDelivery.emailAll(server.app, municipalitySlug: "musterstadt", dryRun: false)
            #expect(sent.map(\.outcome) == [.sent])
            let message = try #require(await smtp.recorder.messages.first)
            #expect(message.to == [Fixtures.departmentLead] && message.from == "fahrplan@musterstadt.example")
            #expect(message.data.contains("Auto-Submitted: auto-generated"))
            let body = Self.decodedBody(message.data)
            #expect(body.contains("Guten Tag \(lead.displayName),") && body.contains("- Statusbericht: Digitale Bauakte (fällig 05.12.2026, Frist abgelaufen)"))
            #expect(!body.contains("E-Rechnung"))
            let rows = try await MonitoringReminder.query(on: server.db).all()
            #expect(rows.count == 1 && rows.allSatisfy { $0.emailedAt != nil })

            #expect(try await ReminderDelivery.emailAll(server.app, municipalitySlug: "musterstadt", dryRun: false).isEmpty)
            #expect(try await ReminderDelivery.emailAll(server.app, municipalitySlug: nil, dryRun: true).isEmpty)
            await smtp.stop()
            #expect(await smtp.recorder.messages.count == 1)
        }
    }

    @Test("a refused send is reported with the server's reply and stays unmarked; the next run sends it, in English for an English account")
    func failureRetriedAndEnglish() async throws {
        try await withServer { server in
            let lead = try await Self.prepare(server)
            lead.preferredLanguage = "en"
            try await lead.save(on: server.db)
            let refusing = try await TestSMTPServer.start(.init(replies: ["RCPT": "550 5.1.1 mailbox unavailable"]))
            server.app.mailer = try Self.mailer(refusing)
            let failed = try await ReminderDelivery.emailAll(server.app, municipalitySlug: "musterstadt", dryRun: false)
            await refusing.stop()
            guard case .failed(let reason) = try #require(failed.first).outcome else { Issue.record("expected a failure"); return }
            #expect(reason.contains("550 5.1.1 mailbox unavailable") && reason.contains("RCPT TO"))
            // The in-app reminder exists (the start page shows it), its e-mail is still owed.
            let owed = try await MonitoringReminder.query(on: server.db).all()
            #expect(owed.count == 1 && owed.allSatisfy { $0.emailedAt == nil })

            let smtp = try await TestSMTPServer.start()
            server.app.mailer = try Self.mailer(smtp)
            let retried = try await ReminderDelivery.emailAll(server.app, municipalitySlug: "musterstadt", dryRun: false)
            await smtp.stop()
            #expect(retried.map(\.outcome) == [.sent])
            #expect(retried.first?.subject == "Fahrplan: update overdue – Digitale Bauakte")
            let message = try #require(await smtp.recorder.messages.first)
            let body = Self.decodedBody(message.data)
            #expect(body.contains("- Status report: Digitale Bauakte (due 2026-12-05, deadline passed)"))
            #expect(body.contains("Hello \(lead.displayName),"))
            #expect(try await MonitoringReminder.query(on: server.db).filter(\.$emailedAt == nil).count() == 0)
        }
    }

    @Test("without SMTP a real run is refused with a message naming SMTP_HOST; an unknown municipality is named")
    func refusals() async throws {
        try await withServer { server in
            _ = try await Self.prepare(server)
            server.app.mailer = nil
            let off = await #expect(throws: AppConfiguration.Problem.self) {
                try await ReminderDelivery.emailAll(server.app, municipalitySlug: nil, dryRun: false)
            }
            #expect(off?.description.contains("SMTP_HOST") == true)
            #expect(try await ReminderDelivery.emailAll(server.app, municipalitySlug: "musterstadt", dryRun: true).count == 1)
            let unknown = await #expect(throws: AppConfiguration.Problem.self) {
                try await ReminderDelivery.emailAll(server.app, municipalitySlug: "nirgendwo", dryRun: true)
            }
            #expect(unknown?.description == "No municipality with the slug nirgendwo.")
        }
    }

    @Test("FAHRPLAN_REMINDER_INTERVAL: 60 minutes by default, 0 switches the run in serve off, anything else is named")
    func interval() throws {
        #expect(try ReminderMailSchedule.minutes([:]) == 60)
        #expect(try ReminderMailSchedule.minutes(["FAHRPLAN_REMINDER_INTERVAL": "0"]) == 0)
        #expect(try ReminderMailSchedule.minutes(["FAHRPLAN_REMINDER_INTERVAL": " 15 "]) == 15)
        for bad in ["-1", "abc", "20000"] {
            let error = #expect(throws: AppConfiguration.Problem.self) { try ReminderMailSchedule.minutes(["FAHRPLAN_REMINDER_INTERVAL": bad]) }
            #expect(error?.description.hasPrefix("FAHRPLAN_REMINDER_INTERVAL must be") == true)
        }
    }
}
