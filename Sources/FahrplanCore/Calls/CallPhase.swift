/// Where a call for projects stands on a given day. The deadline day itself still counts as open: a
/// department that answers on the last day is on time.
public enum CallPhase: String, Codable, CaseIterable, Sendable {
    /// Before the opening day. Departments may already prepare profiles.
    case upcoming
    /// Between opening day and deadline, both included.
    case open
    /// The deadline has passed, but the team has not closed the call yet: late answers still come in.
    case overdue
    /// Closed by the strategy team: no more submissions.
    case closed

    public static func on(_ today: CalendarDay, opensOn: CalendarDay, deadline: CalendarDay, closed: Bool) -> CallPhase {
        if closed { return .closed }
        if today > deadline { return .overdue }
        if today < opensOn { return .upcoming }
        return .open
    }

    /// Whether departments may still submit profiles and change their completion declaration.
    public var acceptsAnswers: Bool { self != .closed }

    /// Open calls first on the list, closed ones last.
    public var listRank: Int {
        switch self {
        case .open: return 0
        case .overdue: return 1
        case .upcoming: return 2
        case .closed: return 3
        }
    }
}

extension CalendarDay {
    /// Whole days from `self` to `other` (negative when `other` lies before).
    public func days(to other: CalendarDay) -> Int {
        other.dayNumber - dayNumber
    }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar; only differences matter.
    private var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 12 : month
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day
    }

    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"]

    /// `18 December 2026`, for English texts.
    public var englishLong: String { "\(day) \(Self.englishMonths[month - 1]) \(year)" }
}
