import Foundation

/// What closing does with projects that lack values: leave them out, or rank them on the criteria they have.
/// Stored with the closed round (its raw value).
public enum MissingRatingsPolicy: String, Codable, CaseIterable, Sendable {
    case exclude, rankWithAvailable

    /// The policy a round ranks with, from the stored raw value: a round that is still open, or was closed
    /// without missing values (nothing stored), ranks with the values there are.
    public init(stored: String?) {
        self = stored.flatMap(Self.init(rawValue:)) ?? .rankWithAvailable
    }
}

/// A project–criterion pair without a value: no rating, or the profile does not say enough.
public struct MissingValue: Sendable, Equatable {
    public var projectID: UUID
    public var criterionKey: String

    public init(projectID: UUID, criterionKey: String) {
        self.projectID = projectID
        self.criterionKey = criterionKey
    }
}

/// A project a policy leaves out of the ranking, and why: the criteria it has no value for.
public struct ExcludedProject: Sendable, Equatable {
    public var projectID: UUID
    /// In the round's criterion order.
    public var missingCriterionKeys: [String]

    public init(projectID: UUID, missingCriterionKeys: [String]) {
        self.projectID = projectID
        self.missingCriterionKeys = missingCriterionKeys
    }
}

extension RoundRankingInputs {
    /// Every project–criterion pair without a value, projects in code order, criteria in the round's order.
    public var missingValues: [MissingValue] {
        zip(projects, rankingProjects).flatMap { facts, project in
            criterionKeys.filter { project.values[$0] == nil }.map { MissingValue(projectID: facts.id, criterionKey: $0) }
        }
    }

    /// The projects `policy` leaves out of the ranking: with `exclude` every project lacking a value on any
    /// criterion; with `rankWithAvailable` none (they are ranked on the criteria they have).
    public func excluded(by policy: MissingRatingsPolicy) -> [ExcludedProject] {
        guard policy == .exclude else { return [] }
        return zip(projects, rankingProjects).compactMap { facts, project in
            let missing = criterionKeys.filter { project.values[$0] == nil }
            return missing.isEmpty ? nil : ExcludedProject(projectID: facts.id, missingCriterionKeys: missing)
        }
    }

    /// The projects the ranking ranks under `policy`, in code order.
    public func rankingProjects(under policy: MissingRatingsPolicy) -> [RankingProject] {
        let left = Set(excluded(by: policy).map(\.projectID.uuidString))
        return rankingProjects.filter { !left.contains($0.id) }
    }

    /// The policy closing ranks with. With values missing someone must choose one: nothing is invented, and
    /// nothing is silently left out (`missingPolicy` / `missingRatings(count:)` otherwise). Without missing
    /// values the choice changes nothing and may be left out.
    public func closingPolicy(chosen: MissingRatingsPolicy?) throws -> MissingRatingsPolicy {
        if let chosen { return chosen }
        let missing = missingValues.count
        if missing > 0 { throw ValidationFailure([FieldProblem("missingPolicy", .missingRatings(count: missing))]) }
        return .rankWithAvailable
    }
}
