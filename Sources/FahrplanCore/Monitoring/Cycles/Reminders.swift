import Foundation

/// Which reminder an open update gets (Erinnerung): one some days before the deadline, one once it has passed.
public enum ReminderKind: String, Codable, Sendable, CaseIterable {
    case beforeDeadline
    case afterDeadline
}

/// A reminder to send to an owner, with the key that makes sending it idempotent.
public struct Reminder: Hashable, Sendable {
    public var kind: ReminderKind
    public var recipientID: UUID
    public var item: DueUpdate
    /// `projectStatus:<subject>:<period start>:beforeDeadline` — stored when sent, never sent twice.
    public var key: String
}

/// Chooses the reminders of a day.
public enum ReminderSelection {
    /// Days before the deadline the first reminder goes out.
    public static let daysBefore = 7

    /// Reminders due on `today` for the items, minus those whose key was already sent. The before-deadline
    /// reminder is due from `daysBefore` days ahead up to the deadline, the after-deadline one from the day
    /// after it; each once, so a day the job did not run is caught up the next day instead of lost. An item
    /// already late gets no before-deadline reminder any more. Items without an owner get none (nobody to
    /// tell; the late list shows them).
    public static func due(_ items: [DueUpdate], today: CalendarDay, alreadySent: Set<String>) -> [Reminder] {
        items.compactMap { item -> Reminder? in
            guard item.state != .done, let owner = item.ownerID else { return nil }
            let kind: ReminderKind
            if today > item.dueDate {
                kind = .afterDeadline
            } else if today.days(to: item.dueDate) <= daysBefore {
                kind = .beforeDeadline
            } else {
                return nil
            }
            let key = "\(item.subject.kind.rawValue):\(item.subject.id.uuidString.lowercased()):\(item.period.start.iso):\(kind.rawValue)"
            guard !alreadySent.contains(key) else { return nil }
            return Reminder(kind: kind, recipientID: owner, item: item, key: key)
        }
    }
}
