import FahrplanCore
import Fluent
import Vapor

/// A project or KPI that an update cycle keeps current, as the capability owning it reports it: its owner,
/// when it was last updated (the latest status report's or measurement's date) and where it is updated.
struct UpdateSubject: Sendable {
    var kind: MonitoringSubjectKind
    var id: UUID
    var title: String
    var ownerUserID: UUID?
    var lastUpdate: CalendarDay?
    /// The page where the owner makes the update (`/m/<slug>/…`).
    var url: String

    var monitored: MonitoredSubject {
        MonitoredSubject(kind: kind, id: id, ownerID: ownerUserID, lastUpdate: lastUpdate)
    }
}

/// Lists one capability's subjects of one municipality (by id).
typealias MonitoringSubjectSource = @Sendable (any Database, UUID) async throws -> [UpdateSubject]

extension Application {
    private struct MonitoringSubjectSourcesKey: StorageKey { typealias Value = [MonitoringSubjectSource] }

    /// Filled at start-up in `App/configure.swift`: status reports (projects in implementation) and KPIs each
    /// add one source. Cycles read all of them; a kind without a source simply has nothing due.
    var monitoringSubjectSources: [MonitoringSubjectSource] {
        get { storage[MonitoringSubjectSourcesKey.self] ?? [] }
        set { storage[MonitoringSubjectSourcesKey.self] = newValue }
    }
}

/// Period locks as the writers of status reports and measurements see them.
enum MonitoringLocks {
    /// Throws a `ValidationFailure` naming `field` when a write of `kind` dated `day` falls into a locked period.
    /// Call it inside the write's transaction (pass the transaction's database).
    static func ensureUnlocked(_ kind: MonitoringSubjectKind, on day: CalendarDay, municipalityID: UUID,
                               field: String, db: any Database) async throws {
        let locks = try await MonitoringPeriodLock.query(on: db)
            .filter(\.$municipality.$id == municipalityID)
            .filter(\.$subjectKind == kind.rawValue)
            .filter(\.$periodStart <= day.iso)
            .filter(\.$periodEnd >= day.iso)
            .all()
            .compactMap(\.lock)
        if let problem = PeriodLockRules.problemWriting(kind, on: day, among: locks, field: field) {
            throw ValidationFailure([problem])
        }
    }
}
