@testable import FahrplanCore
import Foundation
import Testing

@Suite("Ranking: points, tiers, prerequisites and explanations")
struct RankingTests {
    typealias Data = RankingTestData

    static let benefitAndRisk = [
        WeightedCriterion(criterion: Data.criterion("benefit", "Bürgernutzen"), weight: 3),
        WeightedCriterion(criterion: Data.criterion("risk", "Risiko", direction: .lowerIsBetter), weight: 1),
    ]
    static let names = ["benefit": "Bürgernutzen", "risk": "Risiko"]

    /// Worked by hand (the same example as in Ranking.swift). Weights 3 : 1 → 0.75 and 0.25; risk is lower-is-better,
    /// so risk 2 on 0–4 is a share of 0.5 and risk 0 a share of 1.
    ///   A: benefit 4 (1.0), risk 2 (0.5)  → 100·(0.75·1.0 + 0.25·0.5)  = 75 + 12.5  = 87.5
    ///   B: benefit 3 (0.75), risk 0 (1.0) → 100·(0.75·0.75 + 0.25·1.0) = 56.25 + 25 = 81.25
    ///   C: benefit 2 (0.5), risk missing  → benefit alone with weight 1: 100·0.5 = 50, missing [risk]
    /// A over B: +6.25 = benefit +18.75, risk −12.5. B over C: +31.25 = risk +25 (C has none), benefit +6.25.
    @Test("a three-project example worked out by hand")
    func handComputed() throws {
        let projects = [
            RankingProject(id: "c", code: "C", title: "Chatbot", values: ["benefit": 2]),
            RankingProject(id: "b", code: "B", title: "Bauantrag", values: ["benefit": 3, "risk": 0]),
            RankingProject(id: "a", code: "A", title: "Akte", values: ["benefit": 4, "risk": 2]),
        ]
        let ranking = try Ranking.rank(Self.benefitAndRisk, projects)
        #expect(ranking.map(\.code) == ["A", "B", "C"])
        #expect(ranking.map(\.rank) == [1, 2, 3])
        #expect(ranking.map(\.total) == [87.5, 81.25, 50])
        #expect(ranking[0].contributions == ["benefit": 75, "risk": 12.5])
        #expect(ranking[1].contributions == ["benefit": 56.25, "risk": 25])
        #expect(ranking[2].contributions == ["benefit": 50])
        #expect(ranking.map(\.missing) == [[], [], ["risk"]])
        #expect(ranking.allSatisfy { $0.tier == .regular && $0.tierReason == nil })
        #expect(ranking[0].explanation == .higherScore(margin: 6.25, drivers: [CriterionDelta(key: "benefit", points: 18.75)],
                                                       offsets: [CriterionDelta(key: "risk", points: -12.5)]))
        #expect(ranking[1].explanation == .higherScore(margin: 31.25, drivers: [CriterionDelta(key: "risk", points: 25),
                                                                                CriterionDelta(key: "benefit", points: 6.25)],
                                                       offsets: []))
        #expect(ranking[2].explanation == nil)
        for project in ranking {
            #expect(abs(project.contributions.values.reduce(0, +) - project.total) < 1e-9)
        }
    }

    @Test("explanations read as German and English sentences with the German number format")
    func explanationTexts() throws {
        let ranking = try Ranking.rank(Self.benefitAndRisk, [
            RankingProject(id: "a", code: "P-001", values: ["benefit": 4, "risk": 2]),
            RankingProject(id: "b", code: "P-012", values: ["benefit": 3, "risk": 0]),
        ])
        let explanation = try #require(ranking[0].explanation)
        #expect(explanation.text(english: false, names: Self.names, nextCode: "P-012")
            == "Liegt vor P-012: +6,3 Punkte, vor allem durch Bürgernutzen (+18,8); P-012 ist besser bei Risiko (−12,5).")
        #expect(explanation.text(english: true, names: ["benefit": "Citizen benefit", "risk": "Risk"], nextCode: "P-012")
            == "Ahead of P-012: +6.3 points, mainly through Citizen benefit (+18.8); P-012 is better on Risk (−12.5).")
        let three = RankExplanation.higherScore(margin: 0.03, drivers: [CriterionDelta(key: "a", points: 4), CriterionDelta(key: "b", points: 3.14),
                                                                       CriterionDelta(key: "c", points: 1)], offsets: [])
        #expect(three.text(english: false, names: ["a": "A"], nextCode: "X") == "Liegt vor X: +0,03 Punkte, vor allem durch A (+4,0), b (+3,1) und c (+1,0).")

        #expect(RankExplanation.tie.text(english: false, names: [:], nextCode: "P-2")
            == "Gleichauf mit P-2 (gleiche Punktzahl); die Kennung entscheidet die Reihenfolge.")
        #expect(RankExplanation.tie.text(english: true, names: [:], nextCode: "P-2") == "Level with P-2 (same total); the code decides the order.")
        let legal = RankExplanation.higherTier(.legalDeadline, over: .regular)
        #expect(legal.text(english: false, names: [:], nextCode: "P-2")
            == "Liegt vor P-2, weil es eine gesetzliche Pflicht mit Frist ist; P-2 steht in der Stufe „Regulär“.")
        #expect(legal.text(english: true, names: [:], nextCode: "P-2")
            == "Ahead of P-2 because it is a legal obligation with a deadline; P-2 is in the tier “Regular”.")
        let urgent = RankExplanation.higherTier(.markedUrgent, over: .regular)
        #expect(urgent.text(english: false, names: [:], nextCode: "P-2") == "Liegt vor P-2, weil es als dringlich markiert ist; P-2 steht in der Stufe „Regulär“.")
        let inherited = RankExplanation.higherTier(.inherited(from: "u", tier: .urgent), over: .regular)
        #expect(inherited.text(english: false, names: [:], nextCode: "P-2", codes: ["u": "P-9"])
            == "Liegt vor P-2, weil P-9 darauf aufbaut und es deshalb die Stufe „Dringlich“ erbt; P-2 steht in der Stufe „Regulär“.")
        #expect(inherited.text(english: true, names: [:], nextCode: "P-2")
            == "Ahead of P-2 because a project depends on it, so it inherits the tier “Urgent”; P-2 is in the tier “Regular”.")
        #expect(RankExplanation.prerequisite(of: "u").text(english: false, names: [:], nextCode: "P-9", codes: ["u": "P-9"])
            == "Steht vor P-9, weil P-9 darauf aufbaut: Voraussetzungen stehen vor den Projekten, die sie brauchen.")
        #expect(RankExplanation.prerequisite(of: "u").text(english: true, names: [:], nextCode: "P-9", codes: ["u": "P-9"])
            == "Stands before P-9 because P-9 depends on it: prerequisites come before the projects that need them.")
    }

    @Test("bad input: no criteria, weights summing to zero, negative weights, duplicate ids; no projects is an empty ranking")
    func refusals() throws {
        let project = RankingProject(id: "a", code: "A", values: ["benefit": 1])
        #expect(throws: ValidationFailure([FieldProblem("criteria", .noCriteria)])) { try Ranking.rank([], [project]) }
        #expect(throws: ValidationFailure([FieldProblem("weights", .weightsSumToZero)])) {
            try Ranking.rank(Data.weighted([("benefit", 0), ("risk", 0)]), [project])
        }
        #expect(throws: ValidationFailure([FieldProblem("weights", .negative)])) {
            try Ranking.rank(Data.weighted([("benefit", 2), ("risk", -1)]), [project])
        }
        #expect(throws: ValidationFailure([FieldProblem("weights", .notANumber)])) {
            try Ranking.rank(Data.weighted([("benefit", .nan)]), [project])
        }
        #expect(throws: ValidationFailure([FieldProblem("criteria", .duplicate)])) {
            try Ranking.rank(Data.weighted([("benefit", 1), ("benefit", 1)]), [project])
        }
        #expect(throws: ValidationFailure([FieldProblem("projects", .duplicate)])) {
            try Ranking.rank(Data.weighted([("benefit", 1)]), [project, project])
        }
        let flat = Criterion(key: "flat", name: "Flach", levels: [ScaleLevel(value: 2, label: "zwei")])
        #expect(throws: ValidationFailure([FieldProblem("criteria", .scaleTooShort)])) {
            try Ranking.rank([WeightedCriterion(criterion: flat, weight: 1)], [project])
        }
        #expect(try Ranking.rank(Data.weighted([("benefit", 1)]), []).isEmpty)
    }

    @Test("missing values: the present criteria's weights are scaled up; nothing present is 0 points")
    func missingValues() throws {
        let criteria = Data.weighted([("a", 1), ("b", 1), ("c", 2)])
        let ranking = try Ranking.rank(criteria, [
            RankingProject(id: "1", code: "P1", values: ["a": 4, "c": 2]),   // (0.25·1 + 0.5·0.5) / 0.75 = 2/3
            RankingProject(id: "2", code: "P2", values: [:]),
            RankingProject(id: "3", code: "P3", values: ["a": 0, "b": 4, "c": .nan]),  // NaN is missing: 0.25 / 0.5
        ])
        #expect(ranking.map(\.code) == ["P1", "P3", "P2"])
        #expect(abs(ranking[0].total - 200.0 / 3) < 1e-9)
        #expect(abs(ranking[0].contributions["a"]! - 100.0 / 3) < 1e-9)
        #expect(ranking[0].missing == ["b"])
        #expect(ranking[1].total == 50 && ranking[1].missing == ["c"])
        #expect(ranking[2].total == 0 && ranking[2].missing == ["a", "b", "c"] && ranking[2].contributions.isEmpty)
    }

    @Test("tiers: legal deadline first, urgent second, then points; the rule can be switched off")
    func tiers() throws {
        let criteria = Data.weighted([("benefit", 1)])
        let projects = [
            RankingProject(id: "best", code: "A", values: ["benefit": 4]),
            RankingProject(id: "urgent", code: "B", values: ["benefit": 1], urgent: true),
            RankingProject(id: "legal", code: "C", values: ["benefit": 0], legalDeadline: true),
            RankingProject(id: "both", code: "D", values: ["benefit": 2], legalDeadline: true, urgent: true),
        ]
        let ranking = try Ranking.rank(criteria, projects)
        #expect(ranking.map(\.id) == ["both", "legal", "urgent", "best"])
        #expect(ranking.map(\.tier) == [.legalDeadline, .legalDeadline, .urgent, .regular])
        #expect(ranking.map(\.tierReason) == [.legalDeadline, .legalDeadline, .markedUrgent, nil])
        #expect(ranking[1].explanation == .higherTier(.legalDeadline, over: .urgent))
        #expect(ranking[2].explanation == .higherTier(.markedUrgent, over: .regular))

        let withoutRule = try Ranking.rank(criteria, projects, rules: RankingRules(legalDeadlineFirst: false))
        #expect(withoutRule.map(\.id) == ["both", "urgent", "best", "legal"])
        #expect(withoutRule.map(\.tier) == [.urgent, .urgent, .regular, .regular])
    }

    @Test("inherited urgency runs transitively; prerequisites stand right before the project that needs them")
    func transitiveInheritance() throws {
        let criteria = Data.weighted([("benefit", 1)])
        // E-Akte (urgent) needs DMS, DMS needs Netz. Schule (regular) scores more than all of them.
        let projects = [
            RankingProject(id: "netz", code: "P-3", values: ["benefit": 1], prerequisiteOf: ["dms"]),
            RankingProject(id: "dms", code: "P-2", values: ["benefit": 2], prerequisiteOf: ["akte", "unknown-id"]),
            RankingProject(id: "akte", code: "P-1", values: ["benefit": 3], urgent: true),
            RankingProject(id: "schule", code: "P-4", values: ["benefit": 4]),
            RankingProject(id: "other", code: "P-5", values: ["benefit": 3.5], urgent: true),
        ]
        let ranking = try Ranking.rank(criteria, projects)
        #expect(ranking.map(\.id) == ["other", "netz", "dms", "akte", "schule"])
        #expect(ranking.map(\.tier) == [.urgent, .urgent, .urgent, .urgent, .regular])
        #expect(ranking[1].tierReason == .inherited(from: "akte", tier: .urgent))
        #expect(ranking[2].tierReason == .inherited(from: "akte", tier: .urgent))
        #expect(ranking[0].explanation == .higherScore(margin: 62.5, drivers: [CriterionDelta(key: "benefit", points: 62.5)], offsets: []))
        #expect(ranking[1].explanation == .prerequisite(of: "akte"))
        #expect(ranking[2].explanation == .prerequisite(of: "akte"))
        #expect(ranking[3].explanation == .higherTier(.markedUrgent, over: .regular))

        let off = try Ranking.rank(criteria, projects, rules: RankingRules(inheritUrgency: false))
        #expect(off.map(\.id) == ["other", "akte", "schule", "dms", "netz"])

        // A legal deadline passes its tier on, ahead of the urgent mark the project has itself.
        var legal = projects
        legal[0].prerequisiteOf = ["dms", "other"]
        legal[4].legalDeadline = true
        let lifted = try Ranking.rank(criteria, legal)
        #expect(lifted.first { $0.id == "netz" }?.tierReason == .inherited(from: "other", tier: .legalDeadline))
        #expect(lifted.first { $0.id == "dms" }?.tierReason == .inherited(from: "akte", tier: .urgent))
        #expect(lifted.map(\.id) == ["netz", "other", "dms", "akte", "schule"])
    }

    @Test("a prerequisite in the regular tier stands before its dependent, not after")
    func prerequisiteInRegularTier() throws {
        let ranking = try Ranking.rank(Data.weighted([("benefit", 1)]), [
            RankingProject(id: "x", code: "X", values: ["benefit": 3]),
            RankingProject(id: "base", code: "B", values: ["benefit": 1], prerequisiteOf: ["top"]),
            RankingProject(id: "top", code: "T", values: ["benefit": 4]),
            RankingProject(id: "low", code: "L", values: ["benefit": 0.5], prerequisiteOf: ["x"]),
        ])
        #expect(ranking.map(\.id) == ["base", "top", "low", "x"])
        #expect(ranking[0].explanation == .prerequisite(of: "top"))
        #expect(ranking[1].explanation == .higherScore(margin: 87.5, drivers: [CriterionDelta(key: "benefit", points: 87.5)], offsets: []))
    }

    @Test("dependency cycles are allowed in the input and never loop: the cycle is one block, ordered by code")
    func dependencyCycle() throws {
        let criteria = Data.weighted([("benefit", 1)])
        let ranking = try Ranking.rank(criteria, [
            RankingProject(id: "a", code: "A", values: ["benefit": 1], prerequisiteOf: ["b"]),
            RankingProject(id: "b", code: "B", values: ["benefit": 3], prerequisiteOf: ["c"]),
            RankingProject(id: "c", code: "C", values: ["benefit": 2], prerequisiteOf: ["a", "c"]),
            RankingProject(id: "u", code: "U", values: ["benefit": 0], urgent: true, prerequisiteOf: ["u"]),
            RankingProject(id: "d", code: "D", values: ["benefit": 4], urgent: true, prerequisiteOf: ["a"]),
            RankingProject(id: "e", code: "E", values: ["benefit": 4]),
        ])
        // d is urgent and needs nothing; a→b→c→a all inherit nothing (nobody urgent needs them) and form one
        // block anchored at b's 75 points, ordered A, B, C inside; e (100) comes first among the regulars.
        #expect(ranking.map(\.id) == ["d", "u", "e", "a", "b", "c"])
        #expect(ranking.map(\.tier) == [.urgent, .urgent, .regular, .regular, .regular, .regular])

        // A cycle that an urgent project needs inherits as a whole.
        let inherited = try Ranking.rank(criteria, [
            RankingProject(id: "a", code: "A", values: ["benefit": 1], prerequisiteOf: ["b", "u"]),
            RankingProject(id: "b", code: "B", values: ["benefit": 3], prerequisiteOf: ["a"]),
            RankingProject(id: "u", code: "U", values: ["benefit": 2], urgent: true),
        ])
        #expect(inherited.map(\.id) == ["a", "b", "u"])
        #expect(inherited.map(\.tierReason) == [.inherited(from: "u", tier: .urgent), .inherited(from: "u", tier: .urgent), .markedUrgent])
    }

    @Test("a chain of 10,000 prerequisites is ranked without deep recursion")
    func longChain() throws {
        let count = 10_000
        let projects = (0..<count).map { i in
            RankingProject(id: "\(i)", code: String(format: "P-%05d", i), values: ["benefit": Double(i % 5)],
                           urgent: i == count - 1, prerequisiteOf: i + 1 < count ? ["\(i + 1)"] : [])
        }
        let ranking = try Ranking.rank(Data.weighted([("benefit", 1)]), projects)
        #expect(ranking.map(\.id) == (0..<count).map { "\($0)" })
        #expect(ranking.allSatisfy { $0.tier == .urgent })
    }

    @Test("the ranking's scale shares agree with Criterion.normalized, also off the scale and for odd scales")
    func scaleShares() {
        let scales = [
            Data.criterion("a"), Data.criterion("b", direction: .lowerIsBetter),
            Criterion(key: "c", name: "C", levels: [ScaleLevel(value: 5, label: "x"), ScaleLevel(value: -2, label: "y")], direction: .lowerIsBetter),
            Criterion(key: "d", name: "D", levels: [ScaleLevel(value: 1, label: "x")]),
        ]
        for criterion in scales {
            let normalizer = ScaleNormalizer(criterion)
            for value in stride(from: -3.0, through: 6.0, by: 0.25) {
                #expect(normalizer.share(value) == criterion.normalized(value), "\(criterion.key) \(value)")
            }
        }
    }

    @Test("equal totals are ordered by code and explained as a tie")
    func ties() throws {
        let ranking = try Ranking.rank(Data.weighted([("a", 1), ("b", 1)]), [
            RankingProject(id: "2", code: "P-2", values: ["a": 4, "b": 0]),
            RankingProject(id: "1", code: "P-1", values: ["a": 0, "b": 4]),
        ])
        #expect(ranking.map(\.code) == ["P-1", "P-2"])
        #expect(ranking[0].explanation == .tie)
    }
}
