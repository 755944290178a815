import FahrplanCore
import Fluent
import Foundation

/// A municipality's update cycle for one kind of subject (`UpdateCycle`); at most one per kind.
final class UpdateCycleRow: Model, @unchecked Sendable {
    static let schema = "update_cycles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "subject_kind") var subjectKind: String
    @Field(key: "interval") var interval: String
    @Field(key: "deadline_days") var deadlineDays: Int
    /// ISO day (`CalendarDay.iso`).
    @Field(key: "start_date") var startDate: String
    @Field(key: "owner_rule") var ownerRule: String
    @OptionalField(key: "named_owner_id") var namedOwnerID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(municipalityID: UUID, cycle: UpdateCycle) {
        self.$municipality.id = municipalityID
        apply(cycle)
    }

    func apply(_ cycle: UpdateCycle) {
        subjectKind = cycle.kind.rawValue
        interval = cycle.interval.rawValue
        deadlineDays = cycle.deadlineDays
        startDate = cycle.startDate.iso
        ownerRule = cycle.ownerRule.rawValue
        namedOwnerID = cycle.namedOwnerID
    }

    /// nil only for a row written by hand with unknown values; such a row is ignored rather than crashing pages.
    var cycle: UpdateCycle? {
        guard let kind = MonitoringSubjectKind(rawValue: subjectKind), let interval = UpdateInterval(rawValue: interval),
              let start = CalendarDay(iso: startDate), let rule = CycleOwnerRule(rawValue: ownerRule) else { return nil }
        return UpdateCycle(kind: kind, interval: interval, deadlineDays: deadlineDays, startDate: start,
                           ownerRule: rule, namedOwnerID: namedOwnerID)
    }

    var properties: [any AnyProperty] { [_id, _municipality, _subjectKind, _interval, _deadlineDays, _startDate, _ownerRule, _namedOwnerID, _createdAt, _updatedAt] }
}

/// A locked reporting period (`PeriodLock`): first and last day stored, so a later change of the cycle's
/// interval never moves what was locked.
final class MonitoringPeriodLock: Model, @unchecked Sendable {
    static let schema = "monitoring_period_locks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "subject_kind") var subjectKind: String
    @Field(key: "period_start") var periodStart: String
    @Field(key: "period_end") var periodEnd: String
    @OptionalField(key: "locked_by_name") var lockedByName: String?
    @Timestamp(key: "locked_at", on: .create) var lockedAt: Date?

    init() {}

    init(municipalityID: UUID, lock: PeriodLock, lockedByName: String?) {
        self.$municipality.id = municipalityID
        subjectKind = lock.kind.rawValue
        periodStart = lock.period.start.iso
        periodEnd = lock.period.end.iso
        self.lockedByName = lockedByName
    }

    var lock: PeriodLock? {
        guard let kind = MonitoringSubjectKind(rawValue: subjectKind), let start = CalendarDay(iso: periodStart),
              let end = CalendarDay(iso: periodEnd) else { return nil }
        return PeriodLock(kind: kind, period: UpdatePeriod(start: start, end: end))
    }

    var properties: [any AnyProperty] { [_id, _municipality, _subjectKind, _periodStart, _periodEnd, _lockedByName, _lockedAt] }
}

/// A reminder given to an owner (in the app, and by e-mail when SMTP is configured). The unique key per
/// recipient makes sending idempotent; the row is also the in-app notification (read or unread).
final class MonitoringReminder: Model, @unchecked Sendable {
    static let schema = "monitoring_reminders"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "user_id") var userID: UUID
    @Field(key: "reminder_key") var reminderKey: String
    @Field(key: "kind") var kind: String
    @Field(key: "subject_kind") var subjectKind: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "title") var title: String
    @Field(key: "url") var url: String
    @Field(key: "due_date") var dueDate: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "read_at") var readAt: Date?
    /// When the e-mail went out; nil while SMTP is not configured or the mail is still to be sent.
    @OptionalField(key: "emailed_at") var emailedAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _userID, _reminderKey, _kind, _subjectKind, _subjectID, _title, _url, _dueDate, _createdAt, _readAt, _emailedAt] }
}
