import FahrplanCore
import Foundation
import Testing

@Suite("Maturity: answers, results, anonymity, first steps, comparison")
struct MaturityResultsTests {
    static func q() throws -> Questionnaire { try MaturityQuestionnaireTests.sample() }

    static func response(_ q: Questionnaire, _ r: [String: MaturityRating], dept: String? = nil, text: String? = nil) throws -> MaturityResponse {
        var groups: [String: String] = [:]
        if let dept { groups["department"] = dept }
        return try q.validatedResponse(MaturityResponseInput(ratings: r, freeTexts: text.map { ["wunsch": $0] } ?? [:], groups: groups),
                                       departments: ["A", "B", "C"])
    }

    @Test("answers are checked against the questionnaire")
    func answerValidation() throws {
        let q = try Self.q()
        let ok = try q.validatedResponse(MaturityResponseInput(ratings: ["fuehrung-1": .value(4), "technik-1": .dontKnow],
                                                              freeTexts: ["wunsch": "  Mehr WLAN "],
                                                              groups: ["leadership": "ja", "department": "A"]), departments: ["A"])
        #expect(ok.levels == [4, MaturityResponse.skippedCode, MaturityResponse.dontKnowCode])
        #expect(ok.groups == ["A", "ja"] && ok.freeTexts == ["Mehr WLAN"])
        func problems(_ input: MaturityResponseInput) -> [FieldProblem] {
            do { _ = try q.validatedResponse(input, departments: ["A"]); return [] } catch { return error.problems }
        }
        #expect(problems(.init(ratings: ["fuehrung-1": .value(5)])) == [FieldProblem("ratings.fuehrung-1", .outOfRange(min: 0, max: 4))])
        #expect(problems(.init(ratings: ["fuehrung-1": .value(-1)])) == [FieldProblem("ratings.fuehrung-1", .outOfRange(min: 0, max: 4))])
        #expect(problems(.init(ratings: ["gibts-nicht": .value(1)])) == [FieldProblem("ratings.gibts-nicht", .unknownReference)])
        #expect(problems(.init(groups: ["leadership": "vielleicht"])) == [FieldProblem("groups.leadership", .invalidChoice)])
        #expect(problems(.init(groups: ["department": "Z"])) == [FieldProblem("groups.department", .invalidChoice)])
        #expect(problems(.init(groups: ["alter": "30"])) == [FieldProblem("groups.alter", .unknownReference)])
        #expect(problems(.init(freeTexts: ["lob": "x"])) == [FieldProblem("freeTexts.lob", .unknownReference)])
        #expect(problems(.init(freeTexts: ["wunsch": String(repeating: "x", count: 4001)])) == [FieldProblem("freeTexts.wunsch", .tooLong(max: 4000))])
        var gapped = q
        gapped.scale.levels = [.init(value: 0, label: "nein"), .init(value: 2, label: "ja")]
        gapped.scale.dontKnow = nil
        #expect(throws: ValidationFailure([FieldProblem("ratings.fuehrung-1", .invalidChoice), FieldProblem("ratings.technik-1", .invalidChoice)])) {
            _ = try gapped.validatedResponse(.init(ratings: ["fuehrung-1": .value(1), "technik-1": .dontKnow]))
        }
    }

    @Test("distribution, means per statement, field and overall, response rate")
    func statistics() throws {
        let q = try Self.q()
        let responses = [
            try Self.response(q, ["fuehrung-1": .value(4), "fuehrung-2": .value(2), "technik-1": .dontKnow]),
            try Self.response(q, ["fuehrung-1": .value(3), "technik-1": .value(0)]),
            try Self.response(q, ["fuehrung-1": .value(2), "fuehrung-2": .value(2), "technik-1": .value(1)]),
        ]
        let r = MaturityResults.compute(q, responses: responses, invited: 6)
        #expect(r.responseCount == 3 && r.responseRate == 0.5)
        #expect(r.statements.map(\.counts) == [[0, 0, 1, 1, 1], [0, 0, 2, 0, 0], [1, 1, 0, 0, 0]])
        #expect(r.statements.map(\.dontKnow) == [0, 0, 1] && r.statements.map(\.skipped) == [0, 1, 0])
        #expect(r.statements.map(\.mean) == [3, 2, 0.5])
        #expect(r.fields.map(\.mean) == [2.5, 0.5])  // mean of statement means
        #expect(r.overall == 1.5)                     // mean of field means
        let empty = MaturityResults.compute(q, responses: [])
        #expect(empty.overall == nil && empty.fields.map(\.mean) == [nil, nil] && empty.responseRate == nil)

        #expect(MaturityFirstStep.low(r, questionnaire: q).map(\.statementKey) == ["technik-1"])
        let lower = MaturityFirstStep.low(r, questionnaire: q, share: 0.75)
        #expect(lower.map(\.statementKey) == ["technik-1", "fuehrung-2"] && lower[0].firstSteps == ["Ausleuchtung messen"])

        let radar = MaturityRadar(r)
        #expect(radar.minimum == 0 && radar.maximum == 4 && radar.axes.map(\.label) == ["Führung und Strategie", "Technik"])
        #expect(radar.axes.map(\.value) == [2.5, 0.5])

        let later = MaturityResults.compute(q, responses: [
            try Self.response(q, ["fuehrung-1": .value(4), "fuehrung-2": .value(3), "technik-1": .value(2)]),
        ])
        let trend = MaturityComparison(earlier: r, later: later)
        #expect(trend.fields.map(\.delta) == [1.0, 1.5])
        #expect(trend.statements.map(\.delta) == [1, 1, 1.5])
        #expect(trend.overall.delta == 1.25 && trend.responseCounts == (3, 1))
        #expect(MaturityRadar(later, comparedWith: r).axes.map(\.comparison) == [2.5, 0.5])
    }

    @Test("k is at least 5")
    func minimumGroupSize() throws {
        #expect(MaturityAnonymity().minimumGroupSize == 5)
        #expect(try MaturityAnonymity(minimumGroupSize: 7).minimumGroupSize == 7)
        #expect(throws: ValidationFailure([FieldProblem("minimumGroupSize", .outOfRange(min: 5, max: 1000))])) {
            _ = try MaturityAnonymity(minimumGroupSize: 4)
        }
    }

    @Test("difference protection on sizes")
    func differenceRule() {
        typealias B = MaturityBreakdown
        // 20 = 10 + 6 + 4: C too small; total − A − B would be C, so B (smallest shown) goes too.
        #expect(B.shownGroups(total: 20, sizes: [10, 6, 4], k: 5) == [nil, .differenceProtection, .tooFewResponses(minimum: 5)])
        // 23: 3 more without a department, residual 4 + 3 = 7 ≥ 5, so B may stay.
        #expect(B.shownGroups(total: 23, sizes: [10, 6, 4], k: 5) == [nil, nil, .tooFewResponses(minimum: 5)])
        #expect(B.shownGroups(total: 15, sizes: [5, 5, 5], k: 5) == [nil, nil, nil])
        // 2 did not say their department: total − A − B would be those 2.
        #expect(B.shownGroups(total: 20, sizes: [10, 8], k: 5) == [nil, .differenceProtection])
        #expect(B.shownGroups(total: 14, sizes: [6, 6], k: 5) == [nil, .differenceProtection])  // tie: the later one
        #expect(B.shownGroups(total: 9, sizes: [5, 4], k: 5) == [.differenceProtection, .tooFewResponses(minimum: 5)])
        #expect(B.shownGroups(total: 4, sizes: [4], k: 5) == [.tooFewResponses(minimum: 5)])
        // Residual ≥ k already: nothing more to hide.
        #expect(B.shownGroups(total: 30, sizes: [10, 10, 4, 3], k: 5) == [nil, nil, .tooFewResponses(minimum: 5), .tooFewResponses(minimum: 5)])
        #expect(B.shownGroups(total: 30, sizes: [10, 10, 4, 3], k: 8) == [nil, nil, .tooFewResponses(minimum: 8), .tooFewResponses(minimum: 8)])
        #expect(B.shownGroups(total: 27, sizes: [10, 10, 4, 3], k: 8) == [nil, .differenceProtection, .tooFewResponses(minimum: 8), .tooFewResponses(minimum: 8)])
    }

    @Test("a breakdown gives no numbers and no free texts of suppressed groups")
    func breakdown() throws {
        let q = try Self.q()
        var responses: [MaturityResponse] = []
        for i in 0..<6 { responses.append(try Self.response(q, ["fuehrung-1": .value(4)], dept: "A", text: "A\(i)")) }
        for i in 0..<4 { responses.append(try Self.response(q, ["fuehrung-1": .value(0)], dept: "B", text: "B\(i)")) }
        let b = MaturityBreakdown.compute(q, responses: responses, groupingKey: "department", options: ["A", "B", "C"])
        #expect(b.total.results?.statements[0].mean == 2.4)
        #expect(b.groups.map(\.outcome) == [.suppressed(.differenceProtection), .suppressed(.tooFewResponses(minimum: 5)),
                                             .suppressed(.tooFewResponses(minimum: 5))])
        #expect(MaturityComparison.groupsAgainstTotal(b).isEmpty)

        responses.append(try Self.response(q, ["fuehrung-1": .value(1)], dept: "B", text: "B4"))
        let open = MaturityBreakdown.compute(q, responses: responses, groupingKey: "department", options: ["A", "B", "C"])
        guard case .shown(let a, let textsA) = open.groups[0].outcome, case .shown(let bResults, _) = open.groups[1].outcome else {
            Issue.record("A and B should be shown"); return
        }
        #expect(a.responseCount == 6 && a.statements[0].mean == 4 && textsA == [["A0", "A1", "A2", "A3", "A4", "A5"]])
        #expect(bResults.statements[0].mean == 0.2)
        #expect(open.groups[2].outcome == .suppressed(.tooFewResponses(minimum: 5)))  // C has none: residual 0
        let vsTotal = MaturityComparison.groupsAgainstTotal(open)
        #expect(vsTotal.map(\.option) == ["A", "B"])
        #expect(abs((vsTotal[0].comparison.statements[0].delta ?? 0) - (4 - 25.0 / 11)) < 1e-12)

        let few = MaturityBreakdown.compute(q, responses: Array(responses.prefix(4)), groupingKey: "department", options: ["A"])
        #expect(few.total == .suppressed(.tooFewResponses(minimum: 5)))
    }
}
