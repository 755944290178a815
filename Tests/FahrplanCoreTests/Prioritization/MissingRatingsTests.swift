import FahrplanCore
import Foundation
import Testing

@Suite("Missing ratings: which projects a policy leaves out of the ranking, and when closing needs one")
struct MissingRatingsTests {
    static func scale(_ key: String, source: CriterionSource = .rating) -> Criterion {
        Criterion(key: key, name: key, levels: (0...4).map { ScaleLevel(value: $0, label: "Stufe \($0)") }, source: source)
    }

    static let complete = UUID(), halfRated = UUID(), unrated = UUID()

    /// P-1 rated on both criteria, P-2 on one, P-3 on none.
    static func inputs() -> RoundRankingInputs {
        let rater = UUID()
        let ratings = [
            RoundRating(projectID: complete, criterionKey: "benefit", raterID: rater, score: 3),
            RoundRating(projectID: complete, criterionKey: "risk", raterID: rater, score: 1),
            RoundRating(projectID: halfRated, criterionKey: "risk", raterID: rater, score: 2),
        ]
        return RoundRankingInputs.assemble(
            projects: [RoundProjectFacts(id: unrated, code: "P-3"), RoundProjectFacts(id: halfRated, code: "P-2"),
                       RoundProjectFacts(id: complete, code: "P-1")],
            criteria: [scale("benefit"), scale("risk")], ratings: ratings, aggregation: .mean, openedOn: nil)
    }

    @Test("the missing values are every project × criterion without a value, projects in code order, criteria in the round's")
    func missingValues() {
        #expect(Self.inputs().missingValues == [
            MissingValue(projectID: Self.halfRated, criterionKey: "benefit"),
            MissingValue(projectID: Self.unrated, criterionKey: "benefit"),
            MissingValue(projectID: Self.unrated, criterionKey: "risk"),
        ])
    }

    @Test("exclude leaves out every project lacking a value and names the criteria it lacks")
    func exclude() {
        let inputs = Self.inputs()
        #expect(inputs.excluded(by: .exclude) == [
            ExcludedProject(projectID: Self.halfRated, missingCriterionKeys: ["benefit"]),
            ExcludedProject(projectID: Self.unrated, missingCriterionKeys: ["benefit", "risk"]),
        ])
        #expect(inputs.rankingProjects(under: .exclude).map(\.code) == ["P-1"])
    }

    @Test("rankWithAvailable leaves out nobody: projects are ranked on the criteria they have")
    func rankWithAvailable() {
        let inputs = Self.inputs()
        #expect(inputs.excluded(by: .rankWithAvailable).isEmpty)
        #expect(inputs.rankingProjects(under: .rankWithAvailable).map(\.code) == ["P-1", "P-2", "P-3"])
    }

    @Test("a derived criterion the profile cannot fill counts as missing like an absent rating")
    func derivedValueMissing() {
        let project = RoundProjectFacts(id: UUID(), code: "P")
        let inputs = RoundRankingInputs.assemble(projects: [project], criteria: [Self.scale("cost", source: .costBenefit)],
                                                 ratings: [], aggregation: .mean, openedOn: nil)
        #expect(inputs.missingValues == [MissingValue(projectID: project.id, criterionKey: "cost")])
        #expect(inputs.rankingProjects(under: .exclude).isEmpty)
    }

    @Test("closing with values missing needs a policy and says how many values are missing")
    func closingNeedsPolicy() throws {
        let inputs = Self.inputs()
        #expect(throws: ValidationFailure([FieldProblem("missingPolicy", .missingRatings(count: 3))])) {
            try inputs.closingPolicy(chosen: nil)
        }
        #expect(try inputs.closingPolicy(chosen: .exclude) == .exclude)
        #expect(try inputs.closingPolicy(chosen: .rankWithAvailable) == .rankWithAvailable)
    }

    @Test("closing without missing values needs no policy, and a chosen one is kept")
    func closingWithoutMissingValues() throws {
        let project = UUID()
        let inputs = RoundRankingInputs.assemble(
            projects: [RoundProjectFacts(id: project, code: "P")], criteria: [Self.scale("benefit")],
            ratings: [RoundRating(projectID: project, criterionKey: "benefit", raterID: UUID(), score: 2)],
            aggregation: .mean, openedOn: nil)
        #expect(try inputs.closingPolicy(chosen: nil) == .rankWithAvailable)
        #expect(try inputs.closingPolicy(chosen: .exclude) == .exclude)
    }

    @Test("the stored policy: its raw value, and nothing (or something unknown) ranks with the values there are")
    func storedPolicy() {
        #expect(MissingRatingsPolicy(stored: "exclude") == .exclude)
        #expect(MissingRatingsPolicy(stored: "rankWithAvailable") == .rankWithAvailable)
        #expect(MissingRatingsPolicy(stored: nil) == .rankWithAvailable)
        #expect(MissingRatingsPolicy(stored: "dropEverything") == .rankWithAvailable)
        #expect(MissingRatingsPolicy.allCases.map(\.rawValue) == ["exclude", "rankWithAvailable"])
    }
}
