import Foundation

/// Counts of responses per statement and level: what `MaturityResults` are computed from. Adding a response is
/// a few array increments, so results can be kept current answer by answer (`MaturityRoundAggregate`).
public struct MaturityTally: Sendable, Equatable {
    public let statementCount: Int
    public let levelCount: Int
    /// Per statement position: the count per level (scale order), then "don't know", then skipped.
    public private(set) var counts: [Int]
    public private(set) var responseCount = 0

    var width: Int { levelCount + 2 }

    public init(statementCount: Int, levelCount: Int) {
        self.statementCount = statementCount
        self.levelCount = levelCount
        counts = [Int](repeating: 0, count: statementCount * (levelCount + 2))
    }

    public init(_ questionnaire: Questionnaire) {
        self.init(statementCount: questionnaire.fields.reduce(0) { $0 + $1.statements.count }, levelCount: questionnaire.scale.levels.count)
    }

    public mutating func add(_ response: MaturityResponse) { add(contentsOf: CollectionOfOne(response)) }

    public mutating func add<C: Collection>(contentsOf responses: C) where C.Element == MaturityResponse {
        let statementCount = self.statementCount, levelCount = self.levelCount, width = self.width
        counts.withUnsafeMutableBufferPointer { buffer in
            for response in responses {
                response.levels.withUnsafeBufferPointer { levels in
                    let n = min(levels.count, statementCount)
                    var base = 0
                    for s in 0..<n {
                        let code = Int(levels[s])
                        // A level index outside the scale cannot come from the decoder; counted as skipped, never out of bounds.
                        let slot = code >= 0 ? (code < levelCount ? code : levelCount + 1) : (code >= -2 ? levelCount - 1 - code : levelCount + 1)
                        buffer[base + slot] += 1
                        base += width
                    }
                    // A response shorter than the questionnaire (should not happen) counts the rest as skipped.
                    if n < statementCount { for s in n..<statementCount { buffer[s * width + levelCount + 1] += 1 } }
                }
            }
        }
        responseCount += responses.count
    }

    /// The results of the counted responses (see `MaturityResults` for the means).
    public func results(_ questionnaire: Questionnaire, invited: Int? = nil) -> MaturityResults {
        let values = questionnaire.scale.levels.map { Double($0.value) }
        var statements: [MaturityResults.StatementResult] = []
        statements.reserveCapacity(statementCount)
        var fields: [MaturityResults.FieldResult] = []
        var position = 0
        for field in questionnaire.fields {
            let start = position
            var sum = 0.0, counted = 0
            for statement in field.statements {
                let row = Array(counts[position * width ..< position * width + levelCount])
                let rated = row.reduce(0, +)
                var mean: Double?
                if rated > 0 {
                    var total = 0.0
                    for l in 0..<levelCount { total += Double(row[l]) * values[l] }
                    mean = total / Double(rated)
                }
                if let mean { sum += mean; counted += 1 }
                statements.append(MaturityResults.StatementResult(key: statement.key, fieldKey: field.key, text: statement.text, counts: row,
                                                                  dontKnow: counts[position * width + levelCount],
                                                                  skipped: counts[position * width + levelCount + 1], mean: mean))
                position += 1
            }
            fields.append(MaturityResults.FieldResult(key: field.key, title: field.title, mean: counted > 0 ? sum / Double(counted) : nil,
                                                      statementRange: start..<position))
        }
        let fieldMeans = fields.compactMap(\.mean)
        return MaturityResults(responseCount: responseCount, invited: invited, statements: statements, fields: fields,
                               overall: fieldMeans.isEmpty ? nil : fieldMeans.reduce(0, +) / Double(fieldMeans.count),
                               scaleMinimum: questionnaire.scale.minimum, scaleMaximum: questionnaire.scale.maximum)
    }
}

/// Everything a round's results are made of, kept so that new answers are added without reading the others again:
/// the tally of all responses, a tally per option of every grouping question (the breakdowns), the free texts in
/// display order and the options chosen. The anonymity rule is applied when results are read from it (`total`,
/// `breakdown`), on the sizes, exactly as `MaturityBreakdown.compute` applies it to the responses — an aggregate
/// holds counts of groups of any size, and nothing leaves it except through the rule.
/// Adding responses in any order and in any number of steps gives the same aggregate (the free texts are kept in a
/// total order, `precedes`), so one kept current answer by answer equals one computed from all answers at once.
public struct MaturityRoundAggregate: Sendable, Equatable {
    public private(set) var all: MaturityTally
    /// Per grouping question position: option as stored → tally of the responses that chose it.
    public private(set) var groups: [[String: MaturityTally]]
    /// Per free-text question position: every answer, sorted by `precedes`.
    public private(set) var freeTexts: [[String]]

    public var responseCount: Int { all.responseCount }
    /// Per grouping question position: the options some response chose.
    public var chosen: [Set<String>] { groups.map { Set($0.keys) } }

    public init(_ questionnaire: Questionnaire) {
        all = MaturityTally(questionnaire)
        groups = [[String: MaturityTally]](repeating: [:], count: questionnaire.grouping.count)
        freeTexts = [[String]](repeating: [], count: questionnaire.freeText.count)
    }

    public init<C: Collection>(_ questionnaire: Questionnaire, responses: C) where C.Element == MaturityResponse {
        self.init(questionnaire)
        add(contentsOf: responses)
    }

    /// The display order of free texts: as people sort (`localizedStandardCompare`: case, digits, accents), texts
    /// that compare the same in that way by their characters, so the order never depends on the order of arrival.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        switch a.localizedStandardCompare(b) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a < b
        }
    }

    /// Adds responses. Many at once sort their free texts once (each distinct text once); a few are inserted in place.
    public mutating func add<C: Collection>(contentsOf responses: C) where C.Element == MaturityResponse {
        all.add(contentsOf: responses)
        var newTexts = [[String]](repeating: [], count: freeTexts.count)
        for response in responses {
            for (position, option) in response.groups.enumerated() where position < groups.count {
                guard let option else { continue }
                groups[position][option, default: MaturityTally(statementCount: all.statementCount, levelCount: all.levelCount)].add(response)
            }
            for (position, text) in response.freeTexts.enumerated() where position < newTexts.count {
                if let text { newTexts[position].append(text) }
            }
        }
        for position in newTexts.indices where !newTexts[position].isEmpty {
            if newTexts[position].count <= 16 {
                for text in newTexts[position] { Self.insert(text, into: &freeTexts[position]) }
            } else {
                freeTexts[position] = Self.sorted(freeTexts[position] + newTexts[position])
            }
        }
    }

    public mutating func add(_ response: MaturityResponse) { add(contentsOf: CollectionOfOne(response)) }

    static func insert(_ text: String, into list: inout [String]) {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if precedes(text, list[middle]) { high = middle } else { low = middle + 1 }
        }
        list.insert(text, at: low)
    }

    /// Sorts the distinct texts only (answers repeat; the comparison is the expensive part), then repeats each.
    static func sorted(_ texts: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for text in texts { counts[text, default: 0] += 1 }
        var result: [String] = []
        result.reserveCapacity(texts.count)
        for text in counts.keys.sorted(by: precedes) { result.append(contentsOf: repeatElement(text, count: counts[text]!)) }
        return result
    }

    /// The total under the k rule, without free texts (`freeTexts` holds them; shown only with the total).
    public func total(_ questionnaire: Questionnaire, anonymity: MaturityAnonymity = MaturityAnonymity(), invited: Int? = nil) -> MaturityGroupOutcome {
        responseCount >= anonymity.minimumGroupSize ? .shown(all.results(questionnaire, invited: invited), freeTexts: [])
            : .suppressed(.tooFewResponses(minimum: anonymity.minimumGroupSize))
    }

    /// The breakdown by one grouping question, as `MaturityBreakdown.compute` gives it for the same responses, but
    /// without free texts (neither the total's nor any group's: free texts are shown with the total only).
    public func breakdown(_ questionnaire: Questionnaire, groupingKey: String, options: [String]? = nil,
                          anonymity: MaturityAnonymity = MaturityAnonymity(), invited: Int? = nil) -> MaturityBreakdown {
        let question = questionnaire.grouping.firstIndex { $0.key == groupingKey }
        let optionList = options ?? question.flatMap { questionnaire.grouping[$0].options } ?? []
        var index: [String: Int] = [:]
        for (i, option) in optionList.enumerated() { index[option] = i }
        let tallies = optionList.indices.map { i -> MaturityTally? in
            guard let question, question < groups.count, index[optionList[i]] == i else { return nil }
            return self.groups[question][optionList[i]]
        }
        let shown = MaturityBreakdown.shownGroups(total: responseCount, sizes: tallies.map { $0?.responseCount ?? 0 }, k: anonymity.minimumGroupSize)
        let empty = MaturityTally(statementCount: all.statementCount, levelCount: all.levelCount)
        let listed = optionList.indices.map { i -> MaturityBreakdown.Group in
            if let reason = shown[i] { return MaturityBreakdown.Group(option: optionList[i], outcome: .suppressed(reason)) }
            return MaturityBreakdown.Group(option: optionList[i], outcome: .shown((tallies[i] ?? empty).results(questionnaire), freeTexts: []))
        }
        return MaturityBreakdown(groupingKey: groupingKey, total: total(questionnaire, anonymity: anonymity, invited: invited), groups: listed)
    }
}
