import Foundation

/// How one project's place differs between two rankings (e.g. the round's and a scenario's).
public struct RankMovement: Sendable, Equatable {
    public var id: String
    public var code: String
    public var title: String
    /// nil: not ranked there.
    public var before: Int?
    public var after: Int?
    /// Places gained: positive = moved up; 0 when it is missing on one side.
    public var delta: Int
    public var reasons: [MovementReason]

    public init(id: String, code: String, title: String, before: Int?, after: Int?, delta: Int, reasons: [MovementReason]) {
        self.id = id
        self.code = code
        self.title = title
        self.before = before
        self.after = after
        self.delta = delta
        self.reasons = reasons
    }
}

public enum MovementReason: Sendable, Equatable {
    /// Marked urgent in the second ranking (and moved into the urgent tier because of it).
    case becameUrgent
    case tierChanged(from: RankingTier, to: RankingTier)
    /// The criterion's contribution changed by `points` (positive: more points after).
    case criterion(key: String, points: Double)

    /// The reason as one short German or English phrase, e.g. "Bürgernutzen +4,0".
    public func text(english: Bool, names: [String: String] = [:]) -> String {
        switch self {
        case .becameUrgent:
            return english ? "marked urgent" : "als dringlich markiert"
        case .tierChanged(let from, let to):
            return english ? "tier “\(from.label(english: true))” → “\(to.label(english: true))”"
                : "Stufe „\(from.label(english: false))“ → „\(to.label(english: false))“"
        case .criterion(let key, let points):
            return "\(names[key] ?? key) \(RankingNumberFormat.points(points, english: english, signed: true))"
        }
    }
}

public enum RankingComparison {
    /// At most this many criteria per movement, largest change first.
    static let criteriaPerMovement = 3

    /// Movements in `after` order; projects only in `before` follow in their old order.
    public static func compare(before: [RankedProject], after: [RankedProject]) -> [RankMovement] {
        var earlier: [String: RankedProject] = [:]
        for project in before { earlier[project.id] = project }
        var movements: [RankMovement] = []
        movements.reserveCapacity(after.count)
        var seen = Set<String>()
        for project in after {
            seen.insert(project.id)
            guard let old = earlier[project.id] else {
                movements.append(RankMovement(id: project.id, code: project.code, title: project.title, before: nil,
                                              after: project.rank, delta: 0, reasons: []))
                continue
            }
            movements.append(RankMovement(id: project.id, code: project.code, title: project.title, before: old.rank,
                                          after: project.rank, delta: old.rank - project.rank,
                                          reasons: reasons(from: old, to: project)))
        }
        for project in before where !seen.contains(project.id) {
            movements.append(RankMovement(id: project.id, code: project.code, title: project.title, before: project.rank,
                                          after: nil, delta: 0, reasons: []))
        }
        return movements
    }

    static func reasons(from old: RankedProject, to new: RankedProject) -> [MovementReason] {
        var reasons: [MovementReason] = []
        let becameUrgent = new.tierReason == .markedUrgent && old.tierReason != .markedUrgent
        if becameUrgent { reasons.append(.becameUrgent) }
        if old.tier != new.tier && !(becameUrgent && new.tier == .urgent) {
            reasons.append(.tierChanged(from: old.tier, to: new.tier))
        }
        var keys = Array(old.contributions.keys)
        for key in new.contributions.keys where old.contributions[key] == nil { keys.append(key) }
        let changes = keys.compactMap { key -> (key: String, points: Double)? in
            let points = (new.contributions[key] ?? 0) - (old.contributions[key] ?? 0)
            return abs(points) >= Ranking.visibleDifference ? (key, points) : nil
        }
        .sorted { abs($0.points) != abs($1.points) ? abs($0.points) > abs($1.points) : $0.key < $1.key }
        reasons += changes.prefix(criteriaPerMovement).map { .criterion(key: $0.key, points: $0.points) }
        return reasons
    }
}
