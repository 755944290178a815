import Foundation

/// A project or KPI as the update cycles see it: who owns it and when it was last updated.
public struct MonitoredSubject: Hashable, Sendable {
    public var kind: MonitoringSubjectKind
    public var id: UUID
    public var ownerID: UUID?
    public var lastUpdate: CalendarDay?

    public init(kind: MonitoringSubjectKind, id: UUID, ownerID: UUID?, lastUpdate: CalendarDay?) {
        self.kind = kind
        self.id = id
        self.ownerID = ownerID
        self.lastUpdate = lastUpdate
    }
}

/// Where a subject stands in its cycle (Fälligkeit): done, due (not yet late) or late (im Verzug).
public enum DueState: String, Codable, Sendable, Hashable {
    case done
    case open
    case late
}

/// The one update a subject owes (or has delivered) today (fällige Aktualisierung).
public struct DueUpdate: Hashable, Sendable {
    public var subject: MonitoredSubject
    /// Who answers for it under the cycle's owner rule; nil when nobody is named.
    public var ownerID: UUID?
    public var period: UpdatePeriod
    public var dueDate: CalendarDay
    public var state: DueState
    /// Days past the due date (0 unless late).
    public var daysLate: Int
}

/// What is due, per subject, on a given day.
public enum DueUpdates {
    /// The update each subject owes on `today`. The period looked at is the previous one while it is not
    /// done (open until its deadline, late after it), else the current one. A period counts as done when the
    /// latest update is dated inside it or later: a late report still settles the period it was late for.
    /// Subjects get no item before the cycle's first period has begun.
    public static func evaluate(_ cycle: UpdateCycle, subjects: [MonitoredSubject], today: CalendarDay) -> [DueUpdate] {
        let first = cycle.firstPeriod
        guard today >= first.start else { return [] }
        let current = UpdatePeriod.containing(today, interval: cycle.interval)
        let previous = current.previous(interval: cycle.interval).flatMap { $0 >= first ? $0 : nil }
        return subjects.filter { $0.kind == cycle.kind }.map { subject in
            func done(_ period: UpdatePeriod) -> Bool { (subject.lastUpdate.map { $0 >= period.start }) ?? false }
            let owner = cycle.owner(ofSubjectOwnedBy: subject.ownerID)
            if let previous, !done(previous) {
                let due = previous.dueDate(deadlineDays: cycle.deadlineDays)
                let late = today > due
                return DueUpdate(subject: subject, ownerID: owner, period: previous, dueDate: due,
                                 state: late ? .late : .open, daysLate: late ? due.days(to: today) : 0)
            }
            return DueUpdate(subject: subject, ownerID: owner, period: current,
                             dueDate: current.dueDate(deadlineDays: cycle.deadlineDays),
                             state: done(current) ? .done : .open, daysLate: 0)
        }
    }

    /// The late list (Verzugsliste): late items grouped by owner, the most overdue owner first (then by
    /// count); within an owner the most overdue item first. Items without an owner form a group of their own
    /// (key nil), since an unowned subject is exactly the one nobody will update.
    public static func lateByOwner(_ items: [DueUpdate]) -> [(ownerID: UUID?, items: [DueUpdate])] {
        let late = items.filter { $0.state == .late }
        let groups = Dictionary(grouping: late, by: \.ownerID)
        return groups.map { owner, items in
            (ownerID: owner, items: items.sorted {
                ($0.daysLate, $1.subject.id.uuidString) > ($1.daysLate, $0.subject.id.uuidString)
            })
        }.sorted { lhs, rhs in
            let l = lhs.items.first?.daysLate ?? 0, r = rhs.items.first?.daysLate ?? 0
            if l != r { return l > r }
            if lhs.items.count != rhs.items.count { return lhs.items.count > rhs.items.count }
            return (lhs.ownerID?.uuidString ?? "") < (rhs.ownerID?.uuidString ?? "")
        }
    }
}
