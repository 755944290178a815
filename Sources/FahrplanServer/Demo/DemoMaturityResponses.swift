import FahrplanCore
import Foundation

/// SplitMix64: a tiny pseudo-random generator with a fixed seed, so that every load of the demo produces the
/// same answers (tests can assert counts and the results look the same in every screenshot).
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Roughly normal around 0 with standard deviation `sd` (sum of three uniforms).
    mutating func bell(_ sd: Double) -> Double { (unit() + unit() + unit() - 1.5) * 2 * sd }

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[below(16)] })
    }
}

/// The answers of one demo round, as a person would have filled in the public form: drawn from the round's
/// profile, checked by the questionnaire like every submission, in arrival order with their days.
struct DemoQuickCheckAnswers {
    struct Answer {
        var response: MaturityResponse
        var submissionKey: String
        var receivedOn: CalendarDay
    }

    /// `departmentIDs`: unit code → the department id the grouping answer stores (as `uuidString`).
    static func make(_ round: DemoQuickCheckRound, questionnaire: Questionnaire, departmentIDs: [String: UUID],
                     opensOn: CalendarDay, lastDay: CalendarDay) throws -> [Answer] {
        var random = DemoRandom(seed: round.seed)
        let offered = round.departmentCounts.compactMap { departmentIDs[$0.code]?.uuidString }
        let departmentQuestion = questionnaire.grouping.first { $0.kind == .department }?.key
        let leadershipQuestion = questionnaire.grouping.first { $0.kind != .department }
        var people: [(department: String?, leader: Bool?)] = []
        for (code, count) in round.departmentCounts {
            guard let id = departmentIDs[code] else { throw DemoMaturityError.unknownUnit(code) }
            for _ in 0..<count { people.append((id.uuidString, random.unit() < round.leadershipShare)) }
        }
        people += Array(repeating: (nil, nil), count: round.withoutDepartment)
        people.shuffle(using: &random)

        var textCursor: [String: Int] = [:]
        for key in DemoMaturityContent.freeTexts.keys { textCursor[key] = 0 }
        let span = max(0, opensOn.days(to: lastDay))
        var answers: [Answer] = []
        for person in people {
            var input = MaturityResponseInput()
            let leaning = random.bell(0.45) + (person.leader == true ? 0.3 : 0)
            for field in questionnaire.fields {
                let mean = round.fieldMeans[field.key] ?? 2
                let dontKnow = (DemoMaturityContent.dontKnowShare[field.key] ?? 0.05) * (person.leader == true ? 0.5 : 1)
                for statement in field.statements {
                    let draw = random.unit()
                    if draw < 0.006 { continue }
                    if draw < 0.006 + dontKnow, questionnaire.scale.dontKnow != nil {
                        input.ratings[statement.key] = .dontKnow
                        continue
                    }
                    let target = mean + (DemoMaturityContent.statementOffsets[statement.key] ?? 0) + leaning + random.bell(0.7)
                    input.ratings[statement.key] = .value(Self.nearestLevel(target, scale: questionnaire.scale))
                }
            }
            if let key = departmentQuestion, let department = person.department { input.groups[key] = department }
            if let question = leadershipQuestion, let leader = person.leader, let options = question.options, options.count == 2 {
                input.groups[question.key] = leader ? options[0] : options[1]
            }
            for question in questionnaire.freeText {
                guard let texts = DemoMaturityContent.freeTexts[question.key], let cursor = textCursor[question.key],
                      cursor < texts.count, random.unit() < (DemoMaturityContent.freeTextShare[question.key] ?? 0) else { continue }
                input.freeTexts[question.key] = texts[(cursor + Int(round.seed)) % texts.count]
                textCursor[question.key] = cursor + 1
            }
            // Most answers come in the first days after the invitation, fewer before the reminder at the end.
            let offset = min(random.below(span + 1), random.below(span + 1))
            answers.append(Answer(response: try questionnaire.validatedResponse(input, departments: offered),
                                  submissionKey: random.hex(32), receivedOn: opensOn.adding(days: offset) ?? opensOn))
        }
        return answers.sorted { $0.receivedOn < $1.receivedOn }
    }

    /// The scale value nearest to `target` (scale values need not be 0, 1, 2, …).
    static func nearestLevel(_ target: Double, scale: RatingScale) -> Int {
        var best = scale.levels[0].value
        for level in scale.levels where abs(Double(level.value) - target) < abs(Double(best) - target) { best = level.value }
        return best
    }

    /// A Potenzialcheck's rating per statement: the group's field mean with the statement's usual offset,
    /// a step of disagreement drawn per statement, on the scale.
    static func ratings(_ check: DemoPotenzialcheck, questionnaire: Questionnaire, seed: UInt64) -> [(key: String, level: Int?)] {
        var random = DemoRandom(seed: seed)
        return questionnaire.fields.flatMap { field in
            field.statements.map { statement -> (key: String, level: Int?) in
                let jitter = random.bell(0.35)
                if check.dontKnow.contains(statement.key) { return (statement.key, nil) }
                let target = (check.fieldMeans[field.key] ?? 2) + (DemoMaturityContent.statementOffsets[statement.key] ?? 0) + jitter
                return (statement.key, nearestLevel(target, scale: questionnaire.scale))
            }
        }
    }
}

enum DemoMaturityError: Error, CustomStringConvertible {
    case unknownUnit(String)
    case missingStatement(String)

    var description: String {
        switch self {
        case .unknownUnit(let code): "the maturity demo names the unknown unit \(code)"
        case .missingStatement(let key): "the maturity demo names the statement \(key), which the standard questionnaire lacks"
        }
    }
}
