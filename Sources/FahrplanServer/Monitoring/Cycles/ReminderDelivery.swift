import FahrplanCore
import Fluent
import Foundation

/// Gives owners their reminders in the app: the day's reminders (`ReminderSelection`) become rows of
/// `monitoring_reminders`, each key once per person; the unique index keeps a second, concurrent delivery from
/// writing a duplicate. E-mail delivery (when SMTP is configured) reads the same rows (`emailed_at`).
struct ReminderDelivery {
    var service: UpdateCycleService

    /// Stores the reminders due today for every owner of the municipality; returns how many were new.
    @discardableResult
    func deliver() async throws -> Int {
        let db = service.db
        let municipalityID = service.municipalityID
        let items = try await service.items()
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
