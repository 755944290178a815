import FahrplanCore
import Foundation
import Testing

/// `MaturityRoundAggregate` is what the results pages keep and add new answers to; these tests hold it, over random
/// answers added in random steps, to the one-pass computations it replaces (`MaturityResults.compute`,
/// `MaturityBreakdown.compute`, the free texts sorted), including the anonymity rule on its group sizes.
@Suite("Maturity: an aggregate kept answer by answer equals one computed at once")
struct MaturityAggregateTests {
    /// A small deterministic generator, so a failure is reproducible from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let departments = ["A", "B", "C", "D", "X"]
    static let texts = ["Wunsch aus B", "wunsch aus b", "Äpfel", "Apfel 10", "Apfel 9", "apfel 9", "Mehr Laptops", "\"Zitat\" / Pfad \\ Ende", "Zeile\nzwei"]

    static func randomResponses(_ q: Questionnaire, count: Int, using generator: inout Generator) -> [MaturityResponse] {
        (0..<count).map { _ in
            let levels = q.statements.map { _ -> Int8 in Int8(Int.random(in: -2...4, using: &generator)) }
            let department = Int.random(in: 0...6, using: &generator)
            let leadership = Int.random(in: 0...2, using: &generator)
            let text = Int.random(in: 0...(texts.count + 3), using: &generator)
            return MaturityResponse(levels: levels,
                                    groups: [department < departments.count ? departments[department] : nil, leadership < 2 ? ["ja", "nein"][leadership] : nil],
                                    freeTexts: [text < texts.count ? texts[text] : nil])
        }
    }

    /// The breakdown without free texts, as the results service keeps it.
    static func withoutTexts(_ breakdown: MaturityBreakdown) -> MaturityBreakdown {
        var result = breakdown
        func strip(_ outcome: MaturityGroupOutcome) -> MaturityGroupOutcome {
            if case .shown(let results, _) = outcome { return .shown(results, freeTexts: []) }
            return outcome
        }
        result.total = strip(result.total)
        for i in result.groups.indices { result.groups[i].outcome = strip(result.groups[i].outcome) }
        return result
    }

    @Test("random answers in random steps: totals, breakdowns (k and difference protection), free texts and chosen options",
          arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func incrementalEqualsAtOnce(seed: UInt64) throws {
        let q = try MaturityQuestionnaireTests.sample()
        var generator = Generator(state: seed)
        let all = Self.randomResponses(q, count: Int.random(in: 0...120, using: &generator), using: &generator)
        var kept = MaturityRoundAggregate(q)
        var position = 0
        while position < all.count {
            // Steps of one (the page after each answer), a few, or many (the bulk path with its one sort).
            let step = min(all.count - position, [1, 1, 3, 17, 40][Int.random(in: 0...4, using: &generator)])
            kept.add(contentsOf: all[position..<position + step])
            position += step
            let seen = Array(all[..<position])
            let atOnce = MaturityRoundAggregate(q, responses: seen)
            #expect(kept == atOnce, "seed \(seed), after \(position) answers")
            for k in [5, 8] {
                let anonymity = try MaturityAnonymity(minimumGroupSize: k)
                let expectedTotal = MaturityBreakdown.compute(q, responses: seen, groupingKey: "", options: [], anonymity: anonymity, invited: 200)
                #expect(kept.total(q, anonymity: anonymity, invited: 200) == Self.withoutTexts(expectedTotal).total)
                for (key, options) in [("department", ["A", "B", "C", "D", "E"]), ("leadership", ["ja", "nein"]), ("department", ["C", "A", "C"])] {
                    let expected = MaturityBreakdown.compute(q, responses: seen, groupingKey: key, options: options, anonymity: anonymity, invited: 200)
                    #expect(kept.breakdown(q, groupingKey: key, options: options, anonymity: anonymity, invited: 200) == Self.withoutTexts(expected),
                            "seed \(seed), k \(k), \(key)")
                }
            }
            #expect(kept.freeTexts == [seen.compactMap { $0.freeTexts[0] }.sorted(by: MaturityRoundAggregate.precedes)])
            #expect(kept.chosen == [Set(seen.compactMap { $0.groups[0] }), Set(seen.compactMap { $0.groups[1] })])
            #expect(kept.all.results(q) == MaturityResults.compute(q, responses: seen))
        }
    }

    @Test("the free-text order is total: texts equal for people (case) are ordered by their characters, whatever arrived first")
    func freeTextOrder() {
        #expect(MaturityRoundAggregate.precedes("Apfel 9", "Apfel 10"))
        #expect(MaturityRoundAggregate.precedes("Wunsch aus B", "wunsch aus b") != MaturityRoundAggregate.precedes("wunsch aus b", "Wunsch aus B"))
        var forward = MaturityRoundAggregate(Questionnaire(key: "t", version: 1, title: "T", scale: RatingScale(levels: [.init(value: 0, label: "a"), .init(value: 1, label: "b")]),
                                                           fields: [TopicField(key: "f", title: "F", statements: [Statement(key: "s", text: "S")])],
                                                           freeText: [FreeTextQuestion(key: "w", text: "W")]))
        var backward = forward
        let texts = ["wunsch aus b", "Wunsch aus B", "Äpfel", "apfel"]
        for text in texts { forward.add(MaturityResponse(levels: [0], freeTexts: [text])) }
        for text in texts.reversed() { backward.add(MaturityResponse(levels: [0], freeTexts: [text])) }
        #expect(forward.freeTexts == backward.freeTexts)
    }

    @Test("grouping answers and free texts read without JSONDecoder equal what JSONDecoder reads")
    func optionalsDecoding() throws {
        let samples: [[String?]] = [["amt-32", nil], [nil, "ja"], ["Wunsch \"mit\" Zeichen / und \\ so"], ["Zeile\nzwei", nil], ["Ümläute ß €"], [""], [nil, nil, "x"]]
        for values in samples {
            let text = try #require(MaturityResponseCoding.encodeOptionals(values) ?? "[null]")
            #expect(MaturityResponseCoding.decodeOptionals(text, count: values.count) == values, "\(text)")
        }
        // Hand-written variants (spaces, a broken row) read as JSONDecoder reads them.
        #expect(MaturityResponseCoding.decodeOptionals("[ \"a\" , null ]", count: 2) == ["a", nil])
        #expect(MaturityResponseCoding.decodeOptionals("[\"a\",", count: 2) == [nil, nil])
        #expect(MaturityResponseCoding.decodeOptionals("[\"a\",\"b\",\"c\"]", count: 2) == ["a", "b"])
        #expect(MaturityResponseCoding.decodeOptionals("[]", count: 1) == [nil])
        #expect(MaturityResponseCoding.decodeOptionals(nil, count: 1) == [nil])
    }
}
