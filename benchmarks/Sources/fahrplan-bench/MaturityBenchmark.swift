import FahrplanCore
import Foundation

/// The maturity target: results of a Quick-Check round with 20,000 responses × 60 statements in under
/// 300 ms. One run computes the round's results (distribution, means per statement, field and overall, response
/// rate), the first-step picks, and the department breakdown with k-anonymity and difference protection
/// (12 departments, one of them too small). Deterministic (SplitMix64).
enum MaturityBenchmark {
    static let responses = 20_000
    static let fieldCount = 8
    static let statementsPerField = [7, 7, 7, 7, 8, 8, 8, 8]  // 60
    static let departments = (1...12).map { "amt-\($0)" }
    static let runs = 30

    static func run() throws {
        let questionnaire = makeQuestionnaire()
        let answers = try makeResponses(questionnaire)
        print("maturity.responses", answers.count, "statements", questionnaire.statements.count, "departments", departments.count)

        var results = MaturityResults.compute(questionnaire, responses: answers, invited: 25_000)
        var breakdown = MaturityBreakdown.compute(questionnaire, responses: answers, groupingKey: "department", options: departments)
        var resultTimes: [Double] = [], breakdownTimes: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            var start = clock.now
            results = MaturityResults.compute(questionnaire, responses: answers, invited: 25_000)
            _ = MaturityFirstStep.low(results, questionnaire: questionnaire)
            resultTimes.append(DuplicatesBenchmark.ms(clock.now - start))
            start = clock.now
            breakdown = MaturityBreakdown.compute(questionnaire, responses: answers, groupingKey: "department", options: departments)
            breakdownTimes.append(DuplicatesBenchmark.ms(clock.now - start))
        }
        report("results", resultTimes)
        report("breakdown", breakdownTimes)
        print("maturity.runs", runs)
        print("maturity.overall", String(format: "%.4f", results.overall ?? -1))
        print("maturity.shown_departments", breakdown.groups.filter { $0.outcome.results != nil }.count)
    }

    static func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        print("maturity.\(name).mean_ms", String(format: "%.3f", sorted.reduce(0, +) / Double(sorted.count)))
        print("maturity.\(name).p50_ms", String(format: "%.3f", sorted[sorted.count / 2]))
        print("maturity.\(name).worst_ms", String(format: "%.3f", sorted.last!))
    }

    static func makeQuestionnaire() -> Questionnaire {
        let scale = RatingScale(levels: (0...4).map { RatingScale.Level(value: $0, label: "Stufe \($0)") }, dontKnow: "weiß nicht")
        let fields = statementsPerField.enumerated().map { f, count in
            TopicField(key: "feld-\(f + 1)", title: "Themenfeld \(f + 1)", statements: (1...count).map {
                Statement(key: "feld-\(f + 1)-\($0)", text: "Aussage \(f + 1).\($0)", firstSteps: ["Erster Schritt"])
            })
        }
        return Questionnaire(key: "bench", title: "Quick-Check", scale: scale, fields: fields,
                             freeText: [FreeTextQuestion(key: "wunsch", text: "Wunsch")],
                             grouping: [GroupingQuestion(key: "department", text: "Bereich", kind: .department)])
    }

    /// Ratings drift per field; 5 % don't know, 3 % skipped; the last department gets only 3 responses.
    static func makeResponses(_ questionnaire: Questionnaire) throws -> [MaturityResponse] {
        var random = SplitMix64(seed: 17)
        let count = questionnaire.statements.count
        return (0..<responses).map { r in
            var levels = [Int8](repeating: 0, count: count)
            for s in 0..<count {
                let u = random.uniform()
                levels[s] = u < 0.05 ? MaturityResponse.dontKnowCode : u < 0.08 ? MaturityResponse.skippedCode
                    : Int8(min(4, Int(random.uniform() * 5 * (0.6 + Double(s % 8) / 20))))
            }
            let department = r < 3 ? departments.last! : departments[r % (departments.count - 1)]
            return MaturityResponse(levels: levels, groups: [department], freeTexts: [r % 50 == 0 ? "Text \(r)" : nil])
        }
    }
}
