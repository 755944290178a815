import FahrplanCore
import Foundation
import Testing

@Suite("Decided ranks carried over to the next ranking version")
struct DecidedRankCarryOverTests {
    static let a = UUID(), b = UUID(), gone = UUID()

    @Test("a decided rank stays in force while the project is ranked; one of a project no longer ranked drops out")
    func carried() {
        let carry = DecidedRankCarryOver(previous: [Self.a: 3, Self.b: 1, Self.gone: 2], rankedCodes: [Self.a: "P-07", Self.b: "P-02"])
        #expect(carry.decidedRanks == [Self.a: 3, Self.b: 1])
        #expect(carry.notes == ["P-02 → 1", "P-07 → 3"])
        #expect(carry.summary("Szenario übernommen") == "Szenario übernommen (beschlossene Ränge übernommen: P-02 → 1, P-07 → 3)")
    }

    @Test("without decided ranks the summary stays as it is, also when long; with them it is cut to the limit")
    func summaryLimits() {
        let long = String(repeating: "x", count: 600)
        #expect(DecidedRankCarryOver(previous: [:], rankedCodes: [Self.a: "P-01"]).summary(long) == long)
        let carry = DecidedRankCarryOver(previous: [Self.a: 1], rankedCodes: [Self.a: "P-01"])
        #expect(carry.summary(long).count == 500)
        #expect(carry.summary("ok", maxLength: 10) == "ok (beschl")
    }
}
