import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// The monitoring API's part of the tenant-isolation walk: JSON bodies its POST and PUT routes accept on the
/// target's own data, and the walk's cycle and lock put back after the API's DELETE routes removed them (the API
/// is registered before the web pages, whose cycle and lock routes the walk sends afterwards).
extension RouteWalk {
    static func monitoringJSON(segments: [String], target: WalkTarget) -> [String: Any]? {
        guard segments.count > 2, segments[0] == "api", segments[1] == "v1" else { return nil }
        let path = segments.dropFirst(2).joined(separator: "/")
        let today = MunicipalCalendar().today.iso
        switch path {
        case "projects/:project/status-reports":
            return ["reportedOn": today, "schedule": "yellow", "scheduleReason": "Übernommen", "budget": "green", "scope": "green",
                    "percentComplete": 50]
        case "projects/:project/milestones", "projects/:project/milestones/:milestone":
            return ["title": "Übernommener Meilenstein", "dueOn": "2027-06-30"]
        case "projects/:project/monitoring-owner":
            return ["ownerUserId": target.userID.uuidString]
        case "kpis", "kpis/:kpi":
            return ["goalId": target.elements[.goal]?.uuidString ?? "", "name": "Übernommene Kennzahl", "unit": "%", "direction": "increase",
                    "baseline": 10, "baselineOn": "2024-01-01", "target": 70, "targetOn": "2029-12-31", "cadence": "quarterly"]
        case "kpis/:kpi/measurements":
            return ["measurements": [["measuredOn": "2025-03-10", "value": 31, "unit": "%"]]]
        case "update-cycles":
            return ["subjectKind": "kpiMeasurement", "interval": "quarterly", "deadlineDays": 30, "startDate": "2025-01-01",
                    "ownerRule": "subjectOwner"]
        case "update-cycles/:cycle":
            return ["subjectKind": "projectStatus", "interval": "monthly", "deadlineDays": 5, "startDate": "2025-01-01",
                    "ownerRule": "subjectOwner"]
        case "monitoring/settings":
            return ["staleAfterWeeks": 8]
        case "monitoring/locks":
            return ["subjectKind": "projectStatus", "day": "2025-02-15"]
        default:
            return nil
        }
    }

    /// After the API removed the walk's own cycle or lock, writes it again with the same id, so that the web
    /// routes the walk sends later still find it.
    static func restoreMonitoring(after probe: Probe, own: WalkTarget, on db: any Database) async throws {
        guard probe.method == .DELETE, let cycles = own.cycles else { return }
        guard let municipality = try await Municipality.query(on: db).filter(\.$slug == own.slug).first() else { return }
        let municipalityID = try municipality.requireID()
        switch probe.pattern {
        case "/api/v1/update-cycles/:cycle":
            guard try await UpdateCycleRow.find(cycles.cycleID, on: db) == nil else { return }
            let row = UpdateCycleRow(municipalityID: municipalityID, cycle: UpdateCycle(
                kind: .projectStatus, interval: .monthly, deadlineDays: 5, startDate: CalendarDay(iso: "2025-01-01")!, ownerRule: .subjectOwner))
            row.id = cycles.cycleID
            try await row.create(on: db)
        case "/api/v1/monitoring/locks/:lock":
            guard try await MonitoringPeriodLock.find(cycles.lockID, on: db) == nil else { return }
            let row = MonitoringPeriodLock(municipalityID: municipalityID, lock: PeriodLock(
                kind: .projectStatus, period: UpdatePeriod(start: CalendarDay(iso: "2025-01-01")!, end: CalendarDay(iso: "2025-01-31")!)),
                lockedByName: "Walk")
            row.id = cycles.lockID
            try await row.create(on: db)
        default:
            break
        }
    }
}
