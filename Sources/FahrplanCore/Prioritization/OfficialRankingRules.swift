import Foundation

/// A ranking version's decided ranks (overrides) in the next version: an override is revoked by a decision,
/// never by adopting a scenario, so it stays in force as long as the project is still ranked.
public struct DecidedRankCarryOver: Sendable, Equatable {
    /// Project → decided rank, for the projects of the new version only.
    public var decidedRanks: [UUID: Int]
    /// "P-03 → 2" per carried rank, sorted: what the adoption's record names.
    public var notes: [String]

    /// - Parameters:
    ///   - previous: the previous version's decided ranks.
    ///   - rankedCodes: the new version's projects with their codes.
    public init(previous: [UUID: Int], rankedCodes: [UUID: String]) {
        decidedRanks = previous.filter { rankedCodes[$0.key] != nil }
        notes = decidedRanks.map { "\(rankedCodes[$0.key] ?? "?") → \($0.value)" }.sorted()
    }

    /// The adoption record's summary, naming the carried ranks when there are any; at most `maxLength` characters.
    public func summary(_ summary: String, maxLength: Int = 500) -> String {
        guard !notes.isEmpty else { return summary }
        return String((summary + " (beschlossene Ränge übernommen: \(notes.joined(separator: ", ")))").prefix(maxLength))
    }
}

/// The order an official ranking is shown in: the order decided. A project set to position 1 by hand stands
/// first, with its computed rank beside it; at the same position a decided rank goes before a computed one.
public enum DecidedOrder {
    public static func precedes(computed a: Int, decided aDecided: Int?, computed b: Int, decided bDecided: Int?) -> Bool {
        let (ra, rb) = (aDecided ?? a, bDecided ?? b)
        if ra != rb { return ra < rb }
        if (aDecided != nil) != (bDecided != nil) { return aDecided != nil }
        return a < b
    }
}

extension ScenarioChanges {
    /// The criteria a ranking with these changes reports on: the round's (key, name) in its order, then the
    /// criteria the scenario adds that the round does not have.
    public func criterionNames(round: [(key: String, name: String)]) -> [(key: String, name: String)] {
        var named = round
        for added in addedCriteria where !named.contains(where: { $0.key == added.criterion.key }) {
            named.append((added.criterion.key, added.criterion.name))
        }
        return named
    }
}
