import Foundation
@testable import FahrplanCore
import Testing

@Suite("AHPCommandLine: the `fahrplan ahp` JSON in and out")
struct AHPCommandLineTests {
    static func run(_ json: String, english: Bool = true) -> AHPCommandLine.Outcome {
        AHPCommandLine.run(input: Data(json.utf8), english: english)
    }

    static func object(_ outcome: AHPCommandLine.Outcome) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
        return try #require(parsed as? [String: Any])
    }

    static func close(_ value: Any?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let number = value as? Double else { return false }
        return abs(number - expected) <= tolerance
    }

    @Test("the brief's example: weights, λmax, CI, CR as JSON numbers, nothing on stderr, exit 0")
    func goodInput() throws {
        let outcome = Self.run(#"{"criteria":["a","b","c"],"matrix":[[1,3,5],[0.3333,1,2],[0.2,0.5,1]]}"#)
        #expect(outcome.exitCode == 0 && outcome.stderr.isEmpty)
        let json = try Self.object(outcome)
        let weights = try #require(json["weights"] as? [String: Any])
        #expect(Set(weights.keys) == ["a", "b", "c"])
        // numpy.linalg.eig of the same matrix (0.3333 is read as 1/3)
        #expect(Self.close(weights["a"], 0.6483290138) && Self.close(weights["b"], 0.2296507941) && Self.close(weights["c"], 0.1220201921))
        #expect(Self.close(json["lambdaMax"], 3.0036945981) && Self.close(json["consistencyIndex"], 0.0018472990))
        #expect(Self.close(json["consistencyRatio"], 0.0031849983) && Self.close(json["randomIndex"], 0.58))
        #expect(json["isAcceptable"] as? Bool == true)
        let pairs = try #require(json["inconsistencies"] as? [[String: Any]])
        #expect(pairs.count == 3 && pairs[0]["row"] as? String == "a" && pairs[0]["column"] as? String == "b")
        // Sorted keys, plain numbers (no quotes around them).
        let text = outcome.stdout
        let order = ["consistencyIndex", "consistencyRatio", "inconsistencies", "isAcceptable", "lambdaMax", "randomIndex", "weights"]
        let positions = order.compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(text.contains(#""lambdaMax" : 3.003694598"#) || text.contains(#""lambdaMax":3.003694598"#))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("fractions as strings, names with umlauts; a consistent matrix lists no inconsistencies")
    func fractionsAndConsistent() throws {
        let outcome = Self.run(#"{"criteria":["Bürgernutzen","Risiko"," Kosten "],"matrix":[[1,"2","4"],["1/2",1,2],["1/4"," 1 / 2 ",1]]}"#)
        #expect(outcome.exitCode == 0 && outcome.stderr.isEmpty)
        let json = try Self.object(outcome)
        let weights = try #require(json["weights"] as? [String: Any])
        #expect(Self.close(weights["Bürgernutzen"], 4.0 / 7, 1e-12) && Self.close(weights["Kosten"], 1.0 / 7, 1e-12))
        #expect(Self.close(json["lambdaMax"], 3, 1e-12) && Self.close(json["consistencyRatio"], 0, 1e-12))
        #expect((json["inconsistencies"] as? [Any])?.isEmpty == true)
    }

    static let houseInput = """
        {"criteria": ["Size", "Transportation", "Neighborhood", "Age", "Yard", "Modern facilities", "Condition", "Financing"],
         "matrix": [[1, 5, 3, 7, 6, 6, "1/3", "1/4"], ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
                    ["1/3", 3, 1, 6, 3, 4, 6, "1/5"], ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
                    ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"], ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
                    [3, 5, "1/6", 7, 5, 5, 1, "1/2"], [4, 7, 5, 8, 6, 6, 2, 1]]}
        """

    @Test("an inconsistent matrix (Saaty's house, CR 0.169) is computed, exit 0, warning on stderr naming the worst comparisons")
    func inconsistentInput() throws {
        let outcome = Self.run(Self.houseInput)
        #expect(outcome.exitCode == 0)
        let json = try Self.object(outcome)
        #expect(Self.close(json["consistencyRatio"], 0.1690868609) && json["isAcceptable"] as? Bool == false)
        let worst = try #require((json["inconsistencies"] as? [[String: Any]])?.first)
        #expect(worst["row"] as? String == "Neighborhood" && worst["column"] as? String == "Condition")
        #expect(worst["given"] as? Double == 6 && worst["suggested"] as? Double == 1 && Self.close(worst["contribution"], 0.262846, 1e-6))
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("Warning: the consistency ratio 0.169 is above 0.10"))
        #expect(lines[1].contains("“Neighborhood” versus “Condition”: given 6, the weights imply 1.13 (nearest Saaty value 1), the other comparisons 0.47 — 26 % of the inconsistency"))

        let german = Self.run(Self.houseInput, english: false)
        #expect(german.exitCode == 0 && german.stdout == outcome.stdout)
        #expect(german.stderr.hasPrefix("Hinweis: Der Konsistenzquotient 0,169 liegt über 0,10"))
        #expect(german.stderr.contains("„Neighborhood“ gegenüber „Condition“: angegeben 6, die Gewichte ergeben 1,13"))
    }

    @Test("bad input: exit 1, nothing on stdout, the reason on stderr", arguments: [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ("criteria: [a, b]", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        (#""matrix""#, "must be a JSON object"),
        (#"{"matrix": [[1]]}"#, #"key "criteria" is missing"#),
        (#"{"criteria": ["a"]}"#, #"key "matrix" is missing"#),
        (#"{"criteria": "a, b", "matrix": [[1]]}"#, #""criteria" must be a list of names"#),
        (#"{"criteria": ["a", 2], "matrix": [[1]]}"#, "Criterion 2 must be a non-empty name"),
        (#"{"criteria": ["a", "  "], "matrix": [[1]]}"#, "Criterion 2 must be a non-empty name"),
        (#"{"criteria": ["a", "b", "a"], "matrix": [[1]]}"#, "“a” appears twice (positions 1 and 3)"),
        (#"{"criteria": [], "matrix": []}"#, #""criteria" is empty"#),
        (#"{"criteria": ["a"], "matrix": {"a": 1}}"#, #""matrix" must be a list of rows"#),
        (#"{"criteria": ["a", "b"], "matrix": [[1, 2], 0.5]}"#, "Row 2 of the matrix is not a list of numbers"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, true], [1, 1]]}"#, "Row 1, column 2 of the matrix is not a number (true)"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, null], [1, 1]]}"#, "Row 1, column 2 of the matrix is not a number (null)"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, 2], ["halb", 1]]}"#, #"Row 2, column 1 of the matrix is not a number ("halb")"#),
        (#"{"criteria": ["a", "b", "c"], "matrix": [[1, 2], [0.5, 1]]}"#, "3 criteria but the matrix has 2 rows"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, 2], [0.5]]}"#, "not square: row 2 (“b”) has 1 values, expected 2"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, 0], [0, 1]]}"#, "“a” versus “b” is 0; every comparison must be a positive number"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, -3], [-0.333, 1]]}"#, "“a” versus “b” is -3"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, "1/0"], [0, 1]]}"#, "“a” versus “b” is infinite"),
        (#"{"criteria": ["a", "b"], "matrix": [[2, 2], [0.5, 1]]}"#, "diagonal must be 1"),
        (#"{"criteria": ["a", "b"], "matrix": [[1, 3], [0.5, 1]]}"#, "not reciprocal: “a” versus “b” is 3, so “b” versus “a” must be 1/3, but it is 0.5"),
    ] as [(String, String)])
    func badInput(input: String, reason: String) {
        let outcome = Self.run(input)
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("Error: ") && outcome.stderr.hasSuffix("\n"))
        #expect(outcome.stderr.contains(reason), "\(outcome.stderr)")
    }

    @Test("refusals in German")
    func germanRefusals() {
        let notReciprocal = Self.run(#"{"criteria": ["Bürgernutzen", "Risiko"], "matrix": [[1, 3], [0.5, 1]]}"#, english: false)
        #expect(notReciprocal.exitCode == 1)
        #expect(notReciprocal.stderr == "Fehler: Die Matrix ist nicht reziprok: „Bürgernutzen“ gegenüber „Risiko“ ist 3, also muss „Risiko“ gegenüber „Bürgernutzen“ 1/3 sein, ist aber 0,5.\n")
        let missing = Self.run(#"{"criteria": ["a"]}"#, english: false)
        #expect(missing.stderr.contains(#"Der Schlüssel "matrix" fehlt"#) && missing.exitCode == 1)
    }

    @Test("too many criteria are refused by count, not computed")
    func tooLarge() throws {
        let names = (1...31).map { "k\($0)" }
        let rows = Array(repeating: Array(repeating: 1, count: 31), count: 31)
        let input = try JSONSerialization.data(withJSONObject: ["criteria": names, "matrix": rows])
        let outcome = AHPCommandLine.run(input: input)
        #expect(outcome.exitCode == 1 && outcome.stderr.contains("31 criteria; at most 30"))
    }

    @Test("round trip: the weights printed for a consistent matrix rebuild that matrix")
    func roundTrip() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let n = random.int(2...12)
            let names = (0..<n).map { "Kriterium \($0 + 1)" }
            let weights = (0..<n).map { _ in 0.1 + random.uniform() }
            let rows = weights.map { wi in weights.map { wj in wi / wj } }
            let outcome = AHPCommandLine.run(input: try JSONSerialization.data(withJSONObject: ["criteria": names, "matrix": rows]))
            #expect(outcome.exitCode == 0 && outcome.stderr.isEmpty)
            let printed = try #require(try Self.object(outcome)["weights"] as? [String: Double])
            for i in 0..<n {
                for j in 0..<n {
                    #expect(abs(printed[names[i]]! / printed[names[j]]! - rows[i][j]) <= 1e-9 * rows[i][j])
                }
            }
        }
    }
}
