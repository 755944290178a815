import Foundation

/// The completion board of a call for projects: per asked unit, how many profiles it has submitted, how
/// many drafts it still holds, and whether it has declared its answer complete ("Meldung vollständig").
///
/// A profile counts for the asked unit it belongs to or lies below (a Sachgebiet's profile counts for its
/// Amt). Profiles of units that were not asked are counted apart, so the totals still add up.
public struct CallBoard<ID: Hashable & Sendable>: Sendable {
    /// An asked unit and its declaration.
    public struct Unit: Sendable {
        public var id: ID
        public var code: String
        public var name: String
        public var completedAt: Date?
        public var completedBy: String?
        public var note: String?

        public init(id: ID, code: String, name: String, completedAt: Date? = nil, completedBy: String? = nil, note: String? = nil) {
            self.id = id; self.code = code; self.name = name
            self.completedAt = completedAt; self.completedBy = completedBy; self.note = note
        }

        public var label: String { code.isEmpty ? name : "\(code) \(name)" }
    }

    /// A profile in the call: the unit that submits it and where it stands.
    public struct Entry: Sendable {
        public var departmentID: ID?
        public var status: ProjectStatus
        public init(departmentID: ID?, status: ProjectStatus) { self.departmentID = departmentID; self.status = status }
    }

    public enum State: String, Codable, CaseIterable, Sendable {
        /// The unit has declared its answer complete.
        case complete
        /// Profiles (submitted or drafts) exist, but the declaration is still missing.
        case inProgress
        /// Nothing yet: no profile, no declaration. These units get the reminder.
        case missing
    }

    public struct Row: Sendable {
        public var unit: Unit
        /// Profiles beyond the draft stage (submitted, in review, …); cancelled ones do not count.
        public var submitted: Int
        /// Profiles still in status `idea`: started, not yet submitted.
        public var drafts: Int

        public var isComplete: Bool { unit.completedAt != nil }
        public var state: State {
            if isComplete { return .complete }
            return submitted + drafts > 0 ? .inProgress : .missing
        }
    }

    public struct Totals: Sendable, Equatable {
        public var asked = 0
        public var complete = 0
        public var inProgress = 0
        public var missing = 0
        public var submitted = 0
        public var drafts = 0
        /// Profiles in the call from units that were not asked (e.g. the strategy team's own).
        public var fromOtherUnits = 0

        public init(asked: Int = 0, complete: Int = 0, inProgress: Int = 0, missing: Int = 0, submitted: Int = 0, drafts: Int = 0,
                    fromOtherUnits: Int = 0) {
            self.asked = asked; self.complete = complete; self.inProgress = inProgress; self.missing = missing
            self.submitted = submitted; self.drafts = drafts; self.fromOtherUnits = fromOtherUnits
        }
    }

    /// In the order the units were given.
    public let rows: [Row]
    public let totals: Totals

    /// - Parameters:
    ///   - units: the asked units, in display order.
    ///   - entries: the call's profiles (archived ones left out by the caller).
    ///   - parentOf: the organisation chart, unit → parent unit, to count a sub-unit's profiles for its
    ///     asked parent.
    public init(units: [Unit], entries: [Entry], parentOf: [ID: ID] = [:]) {
        let asked = Set(units.map(\.id))
        var submitted: [ID: Int] = [:], drafts: [ID: Int] = [:]
        var totals = Totals()
        for entry in entries where entry.status != .cancelled {
            guard let unit = Self.askedUnit(for: entry.departmentID, asked: asked, parentOf: parentOf) else {
                totals.fromOtherUnits += 1
                continue
            }
            if entry.status == .idea { drafts[unit, default: 0] += 1 } else { submitted[unit, default: 0] += 1 }
        }
        rows = units.map { Row(unit: $0, submitted: submitted[$0.id] ?? 0, drafts: drafts[$0.id] ?? 0) }
        totals.asked = rows.count
        for row in rows {
            totals.submitted += row.submitted
            totals.drafts += row.drafts
            switch row.state {
            case .complete: totals.complete += 1
            case .inProgress: totals.inProgress += 1
            case .missing: totals.missing += 1
            }
        }
        self.totals = totals
    }

    /// The unit itself if asked, else the nearest asked unit above it; nil when none is.
    public static func askedUnit(for department: ID?, asked: Set<ID>, parentOf: [ID: ID]) -> ID? {
        var current = department
        var seen: Set<ID> = []
        while let id = current, !seen.contains(id) {
            if asked.contains(id) { return id }
            seen.insert(id)
            current = parentOf[id]
        }
        return nil
    }

    /// Which rows a board filter shows.
    public enum Filter: String, CaseIterable, Sendable {
        case all
        /// Nothing received yet.
        case missing
        /// Not declared complete (missing or still in progress).
        case incomplete

        public func includes(_ row: Row) -> Bool {
            switch self {
            case .all: return true
            case .missing: return row.state == .missing
            case .incomplete: return row.state != .complete
            }
        }
    }

    public func rows(_ filter: Filter) -> [Row] { rows.filter(filter.includes) }
}
