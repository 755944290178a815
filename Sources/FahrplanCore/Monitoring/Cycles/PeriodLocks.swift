import Foundation

/// A reviewed period locked by the strategy team (gesperrter Berichtszeitraum): updates of this kind dated
/// inside it can no longer be written, so reported figures do not change after the review.
public struct PeriodLock: Hashable, Codable, Sendable {
    public var kind: MonitoringSubjectKind
    public var period: UpdatePeriod

    public init(kind: MonitoringSubjectKind, period: UpdatePeriod) {
        self.kind = kind
        self.period = period
    }
}

public enum PeriodLockRules {
    /// The lock that refuses a write of `kind` dated `day`, if any.
    public static func lock(refusing kind: MonitoringSubjectKind, on day: CalendarDay, among locks: [PeriodLock]) -> PeriodLock? {
        locks.first { $0.kind == kind && $0.period.contains(day) }
    }

    /// The problem of a write of `kind` dated `day` inside a locked period, naming `field`.
    public static func problemWriting(_ kind: MonitoringSubjectKind, on day: CalendarDay, among locks: [PeriodLock],
                                      field: String) -> FieldProblem? {
        lock(refusing: kind, on: day, among: locks).map {
            FieldProblem(field, .periodLocked(from: $0.period.start.iso, to: $0.period.end.iso))
        }
    }

    /// Whether a period may be locked on `today`: only after it has ended (a running period is not reviewed
    /// yet). The problem names `field`.
    public static func problemLocking(_ period: UpdatePeriod, today: CalendarDay, field: String) -> FieldProblem? {
        period.end < today ? nil : FieldProblem(field, .periodNotEnded)
    }
}
