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
