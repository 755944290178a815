import FahrplanCore
import Foundation
import Vapor

struct UpdateCycleDTO: Content {
    var id: UUID
    /// `projectStatus` or `kpiMeasurement`.
    var subjectKind: String
    var interval: String
    var deadlineDays: Int
    var startDate: String
    /// `subjectOwner` (each project's or KPI's owner) or `namedPerson` (`namedOwnerId` for every subject).
    var ownerRule: String
    var namedOwnerId: UUID?

    init(_ row: UpdateCycleRow) throws {
        id = try row.requireID()
        subjectKind = row.subjectKind
        interval = row.interval
        deadlineDays = row.deadlineDays
        startDate = row.startDate
        ownerRule = row.ownerRule
        namedOwnerId = row.namedOwnerID
    }
}

/// A cycle to create, or to replace as a whole (PUT).
struct UpdateCycleWriteDTO: Content {
    var subjectKind: String?
    var interval: String?
    var deadlineDays: Int?
    var startDate: String?
    var ownerRule: String?
    var namedOwnerId: String?

    var input: UpdateCycleInput {
        UpdateCycleInput(kind: subjectKind, interval: interval, deadlineDays: MonitoringAPI.integer(deadlineDays), startDate: startDate,
                         ownerRule: ownerRule, namedOwnerID: namedOwnerId)
    }
}

struct PeriodLockDTO: Content {
    var id: UUID
    var subjectKind: String
    var periodStart: String
    var periodEnd: String
    var lockedByName: String?
    var lockedAt: Date?

    init(_ row: MonitoringPeriodLock) throws {
        id = try row.requireID()
        subjectKind = row.subjectKind
        periodStart = row.periodStart
        periodEnd = row.periodEnd
        lockedByName = row.lockedByName
        lockedAt = row.lockedAt
    }
}

/// Locks the period of the kind's cycle that contains `day`.
struct PeriodLockWriteDTO: Content {
    var subjectKind: String?
    var day: String?
}

/// One update a project or KPI owes (or has delivered) in the current cycle.
struct DueItemDTO: Content {
    var subjectKind: String
    var subjectId: UUID
    var title: String
    var ownerUserId: UUID?
    var ownerName: String?
    var periodStart: String
    var periodEnd: String
    var dueDate: String
    /// `open`, `late` or `done`.
    var state: String
    var daysLate: Int

    init(_ item: UpdateCycleService.Item, ownerName: String?) {
        subjectKind = item.subject.kind.rawValue
        subjectId = item.subject.id
        title = item.subject.title
        ownerUserId = item.due.ownerID
        self.ownerName = ownerName
        periodStart = item.due.period.start.iso
        periodEnd = item.due.period.end.iso
        dueDate = item.due.dueDate.iso
        state = item.due.state.rawValue
        daysLate = item.due.daysLate
    }
}
