import Foundation

/// An update cycle (Aktualisierungszyklus) the strategy team sets for one kind of subject: e.g. monthly status
/// reports due five days after each month, or quarterly KPI measurements. One cycle per kind and municipality.
public struct UpdateCycle: Hashable, Codable, Sendable {
    public var kind: MonitoringSubjectKind
    public var interval: UpdateInterval
    /// Days after a period's last day by which its update must be in.
    public var deadlineDays: Int
    /// The first period is the one containing this day; nothing before it is ever due.
    public var startDate: CalendarDay
    public var ownerRule: CycleOwnerRule
    /// The person responsible for every subject when `ownerRule` is `namedPerson`.
    public var namedOwnerID: UUID?

    public init(kind: MonitoringSubjectKind, interval: UpdateInterval, deadlineDays: Int, startDate: CalendarDay,
                ownerRule: CycleOwnerRule, namedOwnerID: UUID? = nil) {
        self.kind = kind
        self.interval = interval
        self.deadlineDays = deadlineDays
        self.startDate = startDate
        self.ownerRule = ownerRule
        self.namedOwnerID = namedOwnerID
    }

    /// Who answers for a subject under this cycle's rule (nil: nobody is named — itself a finding).
    public func owner(ofSubjectOwnedBy subjectOwner: UUID?) -> UUID? {
        ownerRule == .namedPerson ? namedOwnerID : subjectOwner
    }

    /// The first period of the cycle.
    public var firstPeriod: UpdatePeriod { UpdatePeriod.containing(startDate, interval: interval) }
}

/// A cycle as typed into the form or sent to the API, before it is checked. The field names are the API's.
public struct UpdateCycleInput: Sendable, Equatable {
    public var kind: String?
    public var interval: String?
    public var deadlineDays: String?
    public var startDate: String?
    public var ownerRule: String?
    public var namedOwnerID: String?

    public init(kind: String? = nil, interval: String? = nil, deadlineDays: String? = nil, startDate: String? = nil,
                ownerRule: String? = nil, namedOwnerID: String? = nil) {
        self.kind = kind
        self.interval = interval
        self.deadlineDays = deadlineDays
        self.startDate = startDate
        self.ownerRule = ownerRule
        self.namedOwnerID = namedOwnerID
    }

    /// The cycle, or every problem at once. Whether the named person belongs to the municipality is the
    /// server's check (`unknownReference` on `namedOwnerId`).
    public func validated() throws -> UpdateCycle {
        var v = Validator()
        let kind = Self.choice(MonitoringSubjectKind.self, "subjectKind", self.kind, &v)
        let interval = Self.choice(UpdateInterval.self, "interval", self.interval, &v)
        let ownerRule = Self.choice(CycleOwnerRule.self, "ownerRule", self.ownerRule, &v)
        let maxDeadline = (interval?.shortestPeriodDays ?? 28) - 1
        let deadline = v.integer("deadlineDays", deadlineDays, required: true, range: 0...maxDeadline)
        var start: CalendarDay?
        if let text = CleanText.normalize(startDate, multiline: false) {
            start = CalendarDay(parsing: text)
            if start == nil { v.add("startDate", .invalidDate) }
        } else {
            v.add("startDate", .required)
        }
        var namedOwner: UUID?
        if let text = CleanText.normalize(namedOwnerID, multiline: false) {
            namedOwner = UUID(uuidString: text)
            if namedOwner == nil { v.add("namedOwnerId", .unknownReference) }
        } else if ownerRule == .namedPerson {
            v.add("namedOwnerId", .required)
        }
        try v.finish()
        return UpdateCycle(kind: kind!, interval: interval!, deadlineDays: deadline!, startDate: start!,
                           ownerRule: ownerRule!, namedOwnerID: ownerRule == .namedPerson ? namedOwner : nil)
    }

    private static func choice<T: RawRepresentable<String>>(_ type: T.Type, _ field: String, _ raw: String?,
                                                           _ v: inout Validator) -> T? {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            v.add(field, .required)
            return nil
        }
        guard let value = T(rawValue: text) else {
            v.add(field, .invalidChoice)
            return nil
        }
        return value
    }
}
