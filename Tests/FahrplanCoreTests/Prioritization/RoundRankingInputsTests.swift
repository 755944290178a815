import FahrplanCore
import Foundation
import Testing

@Suite("Round ranking inputs: from stored project facts to the ranking's input")
struct RoundRankingInputsTests {
    static func scale(_ key: String, source: CriterionSource = .rating) -> Criterion {
        Criterion(key: key, name: key, levels: (0...4).map { ScaleLevel(value: $0, label: "Stufe \($0)") }, source: source)
    }

    static let opened = CalendarDay(iso: "2026-03-01")!

    static func assemble(_ projects: [RoundProjectFacts], criteria: [Criterion] = [scale("benefit")],
                         ratings: [RoundRating] = [], aggregation: Aggregation = .mean,
                         openedOn: CalendarDay? = opened) -> RoundRankingInputs {
        RoundRankingInputs.assemble(projects: projects, criteria: criteria, ratings: ratings, aggregation: aggregation,
                                    openedOn: openedOn)
    }

    @Test("a prerequisite of a project with a legal deadline inherits its tier and stands right before it")
    func prerequisitesInheritUrgency() throws {
        let basis = UUID(), register = UUID(), other = UUID(), outside = UUID()
        let projects = [
            RoundProjectFacts(id: register, code: "P-01", legalObligation: true, legalDeadline: "2026-12-31", dependsOn: [basis, outside]),
            RoundProjectFacts(id: basis, code: "P-02"),
            RoundProjectFacts(id: other, code: "P-03"),
        ]
        let ratings = [RoundRating(projectID: other, criterionKey: "benefit", raterID: UUID(), score: 4),
                       RoundRating(projectID: basis, criterionKey: "benefit", raterID: UUID(), score: 0)]
        let inputs = Self.assemble(projects, ratings: ratings)
        let byCode = Dictionary(uniqueKeysWithValues: inputs.rankingProjects.map { ($0.code, $0) })
        // Only projects of the round count: the dependency on `outside` is dropped.
        #expect(byCode["P-02"]?.prerequisiteOf == [register.uuidString])
        #expect(byCode["P-01"]?.prerequisiteOf == [])
        #expect(byCode["P-01"]?.legalDeadline == true && byCode["P-02"]?.legalDeadline == false)

        let criteria = [WeightedCriterion(criterion: Self.scale("benefit"), weight: 1)]
        let ranking = try Ranking.rank(criteria, inputs.rankingProjects, rules: RankingRules(inheritUrgency: true))
        #expect(ranking.map(\.code) == ["P-02", "P-01", "P-03"])
        #expect(ranking[0].tierReason == .inherited(from: register.uuidString, tier: .legalDeadline))
        let plain = try Ranking.rank(criteria, inputs.rankingProjects, rules: RankingRules(inheritUrgency: false))
        #expect(plain.map(\.code) == ["P-01", "P-03", "P-02"])
    }

    @Test("the number of dependents counts the projects of the round that need the project")
    func dependents() {
        let basis = UUID()
        let projects = [RoundProjectFacts(id: basis, code: "B")]
            + (1...3).map { RoundProjectFacts(id: UUID(), code: "D\($0)", dependsOn: [basis]) }
        let inputs = Self.assemble(projects, criteria: [Self.scale("basic", source: .dependents)])
        #expect(inputs.rankingProjects.first { $0.code == "B" }?.values["basic"] == 3)
        #expect(inputs.rankingProjects.first { $0.code == "D1" }?.values["basic"] == 0)
    }

    @Test("a legal deadline counts from the day the round opened, not from another day")
    func deadlineFromOpeningDay() {
        let project = RoundProjectFacts(id: UUID(), code: "P", legalObligation: true, legalDeadline: "2028-02-15")
        let legal = [Self.scale("legal", source: .legalObligation)]
        // 23½ months after 1 March 2026: near (4); 24 months after 1 March 2026 is 1 March 2028.
        #expect(Self.assemble([project], criteria: legal, openedOn: CalendarDay(iso: "2026-03-01")).rankingProjects[0].values["legal"] == 4)
        // Opened a year earlier: the same deadline is far (3).
        #expect(Self.assemble([project], criteria: legal, openedOn: CalendarDay(iso: "2025-03-01")).rankingProjects[0].values["legal"] == 3)
        // An obligation without a deadline: 2; none: 0.
        let open = RoundProjectFacts(id: UUID(), code: "Q", legalObligation: true)
        #expect(Self.assemble([open], criteria: legal).rankingProjects[0].values["legal"] == 2)
        #expect(Self.assemble([RoundProjectFacts(id: UUID(), code: "R")], criteria: legal).rankingProjects[0].values["legal"] == 0)
    }

    @Test("running costs per year are the mean over the years that have running costs")
    func meanRunningCosts() {
        let facts = RoundProjectFacts(id: UUID(), code: "P", runningCentsByYear: [0, 0, 300_000, 100_000, 0])
        #expect(facts.runningCentsPerYear == 200_000)
        #expect(RoundProjectFacts(id: UUID(), code: "P", runningCentsByYear: [0, 0]).runningCentsPerYear == 0)
        #expect(RoundProjectFacts(id: UUID(), code: "P", runningCentsByYear: [1, 2]).runningCentsPerYear == 1)

        // 100 h × 60 € × 5 years = 30,000 € against 5 × 2,000 € = 10,000 €: ratio 3 → level 3. Counting the empty
        // years (mean 800 €) would give ratio 7.5 → level 4.
        let value = Self.assemble([RoundProjectFacts(id: UUID(), code: "P", hoursSavedPerYear: 100, runningCentsByYear: [0, 0, 300_000, 100_000, 0])],
                                  criteria: [Self.scale("costBenefit", source: .costBenefit)]).rankingProjects[0].values["costBenefit"]
        #expect(value == 3)
    }

    @Test("ratings are aggregated by the round's method; projects and criteria outside the round are ignored")
    func aggregatedRatings() {
        let project = UUID(), stranger = UUID()
        let raters = (0..<3).map { _ in UUID() }
        let ratings = zip(raters, [1, 1, 4]).map { RoundRating(projectID: project, criterionKey: "benefit", raterID: $0, score: $1) }
            + [RoundRating(projectID: stranger, criterionKey: "benefit", raterID: raters[0], score: 4),
               RoundRating(projectID: project, criterionKey: "unknown", raterID: raters[0], score: 4)]
        let facts = [RoundProjectFacts(id: project, code: "P"), RoundProjectFacts(id: UUID(), code: "Q")]
        let mean = Self.assemble(facts, ratings: ratings)
        #expect(mean.rankingProjects[0].values["benefit"] == 2)
        #expect(mean.summaries[project]?["benefit"]?.disputed == true)
        #expect(mean.scores[stranger] == nil && mean.scores[project]?["unknown"] == nil)
        #expect(mean.scores[project]?["benefit"]?[raters[2]] == RaterScore(score: 4, justification: ""))
        // Without scores the value is missing, not 0, and the summary says so.
        #expect(mean.rankingProjects[1].values["benefit"] == nil)
        #expect(mean.summaries[mean.projects[1].id]?["benefit"]?.count == 0)
        #expect(Self.assemble(facts, ratings: ratings, aggregation: .median).rankingProjects[0].values["benefit"] == 1)
    }

    @Test("projects come out in code order, the ranking's projects in the same order")
    func order() {
        let inputs = Self.assemble(["C", "A", "B"].map { RoundProjectFacts(id: UUID(), code: $0) })
        #expect(inputs.projects.map(\.code) == ["A", "B", "C"])
        #expect(inputs.rankingProjects.map(\.id) == inputs.projects.map(\.id.uuidString))
    }
}
