import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// An update cycle and a locked period, for the tenant-isolation walk's `:cycle` and `:lock` routes. The walk
/// sends the routes in registration order: create (a KPI cycle), the status cycle's page, change, delete, then
/// a lock of the new KPI cycle's period and the unlock of this lock.
struct WalkCycles {
    var cycleID: UUID
    var lockID: UUID

    static func create(context: MunicipalityContext, on db: any Database) async throws -> WalkCycles {
        let cycle = try await UpdateCycleService(db: db, context: context, sources: []).save(UpdateCycleInput(
            kind: "projectStatus", interval: "monthly", deadlineDays: "5", startDate: "01.01.2025", ownerRule: "subjectOwner"))
        let lock = MonitoringPeriodLock(municipalityID: context.municipalityID, lock: PeriodLock(
            kind: .projectStatus, period: UpdatePeriod(start: CalendarDay(iso: "2025-01-01")!, end: CalendarDay(iso: "2025-01-31")!)),
            lockedByName: "Walk")
        try await lock.create(on: db)
        return WalkCycles(cycleID: try cycle.requireID(), lockID: try lock.requireID())
    }
}

extension RouteWalk {
    /// Form fields the update-cycle pages accept on the target's own data.
    static func cycleForm(segments: [String]) -> [(String, String)]? {
        guard segments.contains("monitoring"), segments.contains("cycles") || segments.contains("locks") else { return nil }
        switch segments.last ?? "" {
        case "locks": return [("subjectKind", "kpiMeasurement"), ("day", "15.02.2025")]
        case "delete", "unlock", "reminders": return []
        case "cycles": return [("subjectKind", "kpiMeasurement"), ("interval", "quarterly"), ("deadlineDays", "30"),
                               ("startDate", "01.01.2025"), ("ownerRule", "subjectOwner")]
        default: return [("subjectKind", "projectStatus"), ("interval", "quarterly"), ("deadlineDays", "10"),
                         ("startDate", "01.01.2025"), ("ownerRule", "subjectOwner")]
        }
    }
}
