import Foundation
@testable import FahrplanCore
import Testing

/// Expected figures are independent of our code: published values (Saaty) and numpy's `linalg.eig` on the same
/// matrices (the script is in the comments where it matters).
@Suite("AHP: weights, consistency and inconsistencies")
struct AHPTests {
    static func matrix(_ rows: [[Double]]) throws -> PairwiseMatrix { try PairwiseMatrix(validating: rows) }

    /// Upper triangle as Saaty codes, row by row: k > 0 means k, k < 0 means 1/|k|.
    static func matrix(size: Int, codes: [Int]) throws -> PairwiseMatrix {
        var judgments: [PairwiseJudgment] = []
        var next = codes.makeIterator()
        for i in 0..<size {
            for j in (i + 1)..<size {
                let code = next.next()!
                judgments.append(PairwiseJudgment(row: i, column: j, value: code > 0 ? Double(code) : 1 / Double(-code)))
            }
        }
        return try PairwiseMatrix(size: size, judgments: judgments)
    }

    static func consistent(_ weights: [Double]) throws -> PairwiseMatrix {
        try PairwiseMatrix(validating: weights.map { wi in weights.map { wj in wi / wj } })
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }
    }

    @Test("Saaty's scale: 17 values from 1/9 to 9, rounding to three decimals accepted")
    func saatyScale() {
        #expect(AHP.saatyValues.count == 17)
        #expect(AHP.saatyValues.first == 1.0 / 9 && AHP.saatyValues.last == 9)
        #expect(AHP.saatyValues == AHP.saatyValues.sorted())
        #expect(AHP.saatyValues.contains(1) && AHP.saatyValues.contains(0.5))
        for value in [1.0 / 3, 0.333, 0.143, 0.111, 1, 4, 9] { #expect(AHP.isSaatyValue(value), "\(value)") }
        for value in [0.3, 2.5, 10, 0, -3, .nan, .infinity] { #expect(!AHP.isSaatyValue(value), "\(value)") }
        #expect(AHP.nearestSaatyValue(2.9) == 3)
        #expect(AHP.nearestSaatyValue(40) == 9)
        #expect(AHP.nearestSaatyValue(0.01) == 1.0 / 9)
        #expect(AHP.nearestSaatyValue(0.36) == 1.0 / 3)
        // On a log scale 1.45 is nearer to 2 (ln 2 − ln 1.45 = 0.32) than to 1 (ln 1.45 = 0.37); 1.4 is nearer to 1.
        #expect(AHP.nearestSaatyValue(1.45) == 2)
        #expect(AHP.nearestSaatyValue(1.4) == 1)
    }

    @Test("random index: Saaty's table up to 15, Alonso–Lamata above, continuous at 15")
    func randomIndex() {
        let table = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
        for (offset, value) in table.enumerated() { #expect(AHP.randomIndex(size: offset + 1) == value) }
        let sixteen: Double = (1.7699 * 16 - 4.3513) / 15
        let fifteen: Double = (1.7699 * 15 - 4.3513) / 14
        #expect(Self.close(AHP.randomIndex(size: 16), sixteen))
        #expect(abs(fifteen - 1.59) < 0.01)
        let above = (16...30).map { AHP.randomIndex(size: $0) }
        #expect(above == above.sorted() && above.allSatisfy { $0 > 1.59 && $0 < 1.7 })
    }

    @Test("a consistent matrix gives exactly its weights, λmax = n, CI = CR = 0, no inconsistency")
    func consistentMatrix() throws {
        let weights = [0.4, 0.25, 0.15, 0.12, 0.08]
        let result = AHP.evaluate(try Self.consistent(weights))
        #expect(Self.close(result.weights, weights, 1e-12))
        #expect(Self.close(result.lambdaMax, 5, 1e-12))
        #expect(result.consistencyIndex < 1e-12 && result.consistencyRatio < 1e-12)
        #expect(result.randomIndex == 1.12 && result.isAcceptable)
        #expect(result.inconsistencies.count == 10)
        #expect(result.inconsistencies.allSatisfy { $0.contribution == 0 && Self.close($0.given, $0.implied, 1e-12) })
        #expect(result.inconsistencies.map { [$0.row, $0.column] } == [[0, 1], [0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]])
    }

    @Test("one and two criteria: no consistency to measure")
    func smallMatrices() throws {
        let one = AHP.evaluate(try Self.matrix([[1]]))
        #expect(one.weights == [1] && one.lambdaMax == 1 && one.consistencyRatio == 0 && one.inconsistencies.isEmpty)
        let two = AHP.evaluate(try Self.matrix([[1, 3], [1.0 / 3, 1]]))
        #expect(Self.close(two.weights, [0.75, 0.25], 1e-12) && Self.close(two.lambdaMax, 2, 1e-12))
        #expect(two.consistencyIndex == 0 && two.consistencyRatio == 0 && two.randomIndex == 0 && two.isAcceptable)
    }

    @Test("3×3 textbook matrix (1, 3, 5 / 2): numpy's eigenvector, λmax 3.0037, CR 0.0032")
    func textbookThree() throws {
        let result = AHP.evaluate(try Self.matrix([[1, 3, 5], [1.0 / 3, 1, 2], [0.2, 0.5, 1]]))
        #expect(Self.close(result.weights, [0.6483290138, 0.2296507941, 0.1220201921]))
        #expect(Self.close(result.lambdaMax, 3.0036945981))
        #expect(Self.close(result.consistencyIndex, 0.0018472990))
        #expect(Self.close(result.consistencyRatio, 0.0031849983))
        #expect(result.isAcceptable)
        // In a 3×3 matrix every pair deviates by the same factor: equal shares, listed by position.
        #expect(result.inconsistencies.allSatisfy { Self.close($0.contribution, 1.0 / 3) })
        #expect(result.inconsistencies.map(\.row) == [0, 0, 1])
    }

    /// Saaty, "How to make a decision: the analytic hierarchy process", EJOR 48 (1990): the house example with
    /// eight criteria, published λmax = 9.669, CI = 0.238, CR = 0.169.
    static let house: [[Double]] = [
        [1, 5, 3, 7, 6, 6, 1.0 / 3, 1.0 / 4], [1.0 / 5, 1, 1.0 / 3, 5, 3, 3, 1.0 / 5, 1.0 / 7],
        [1.0 / 3, 3, 1, 6, 3, 4, 6, 1.0 / 5], [1.0 / 7, 1.0 / 5, 1.0 / 6, 1, 1.0 / 3, 1.0 / 4, 1.0 / 7, 1.0 / 8],
        [1.0 / 6, 1.0 / 3, 1.0 / 3, 3, 1, 1.0 / 2, 1.0 / 5, 1.0 / 6], [1.0 / 6, 1.0 / 3, 1.0 / 4, 4, 2, 1, 1.0 / 5, 1.0 / 6],
        [3, 5, 1.0 / 6, 7, 5, 5, 1, 1.0 / 2], [4, 7, 5, 8, 6, 6, 2, 1],
    ]

    @Test("Saaty's house example: published λmax 9.669, CI 0.238, CR 0.169; the worst judgment named")
    func saatyHouse() throws {
        let result = AHP.evaluate(try Self.matrix(Self.house))
        #expect(Self.close(result.lambdaMax, 9.669, 5e-4) && Self.close(result.consistencyIndex, 0.238, 5e-4))
        #expect(Self.close(result.consistencyRatio, 0.169, 5e-4) && !result.isAcceptable)
        // numpy, to ten digits
        #expect(Self.close(result.lambdaMax, 9.6688873171))
        #expect(Self.close(result.consistencyRatio, 0.1690868609))
        #expect(Self.close(result.weights, [0.1730174746, 0.0539757230, 0.1881102989, 0.0175079113, 0.0310437364,
                                            0.0363222022, 0.1668336736, 0.3331889800]))
        let worst = try #require(result.inconsistencies.first)
        // Neighbourhood (3) against general condition (7) was judged 6; the weights imply 1.13, the rest 0.47.
        #expect(worst.row == 2 && worst.column == 6 && worst.given == 6)
        #expect(Self.close(worst.contribution, 0.262846, 1e-6) && Self.close(worst.implied, 1.127532, 1e-6))
        #expect(worst.suggested == 1 && Self.close(worst.indirect, 0.4713865608))
        #expect(Self.close(result.inconsistencies.reduce(0) { $0 + $1.contribution }, 1, 1e-12))
        let contributions = result.inconsistencies.map(\.contribution)
        #expect(contributions == contributions.sorted(by: >))
        #expect(result.inconsistencies.map(\.suggested).allSatisfy(AHP.isSaatyValue))
    }

    @Test("random Saaty matrices (numpy, seed 20260401): eigenvector, λmax and CR to 1e-9", arguments: [
        (5, [5, 7, 9, -7, -6, 4, 1, 8, -6, -5],
         [0.2738543851, 0.0988898918, 0.1408301379, 0.0254472031, 0.4609783821], 7.4820554415, 0.5540302325, [1, 4]),
        (9, [-5, -7, 1, -5, 8, -4, -9, -3, -9, 3, 2, -5, 4, -4, 4, 8, 3, -5, 1, 7, -3, -2, 8, -9, 7, 6, -5, 2, 1, 2, 1, 1, -8, -4, 9, -4],
         [0.0606654358, 0.1017140277, 0.18226426, 0.1259396797, 0.0690135769, 0.1087383079, 0.1460950132, 0.095080343, 0.1104893558],
         19.7907235926, 0.9302347925, [0, 5]),
        (15, [-2, -5, 5, -9, -9, -7, -9, -6, -6, 6, -5, -6, 1, -7, -2, -2, 7, 5, -3, -8, -9, -4, 1, 9, -3, 2, 3, -7, 2, 8, 9,
              -9, -9, 8, 3, 6, 1, -3, 2, 3, -7, -3, 1, 7, -9, -6, -8, 3, -7, 2, -5, 3, 1, -5, -5, -9, 4, 1, 2, 5, -5, -6, -9,
              -4, -5, -5, -7, -9, 5, -5, 6, 5, 8, -2, -6, -4, 2, 8, -5, -5, -7, -2, -7, -6, 9, -3, -8, -3, -5, -9, 4, 2, 1, 5,
              7, -6, 6, -9, 7, 5, -4, 4, 4, 7, -4],
         [0.0264559223, 0.0554074171, 0.0836585766, 0.0535620442, 0.0440896612, 0.0355654995, 0.0689367088, 0.0810322699,
          0.0812665336, 0.0874560352, 0.0712281485, 0.0909769654, 0.0692685851, 0.0947990324, 0.0562966002],
         36.0779222789, 0.9468967780, [0, 10]),
    ] as [(Int, [Int], [Double], Double, Double, [Int])])
    func randomAgainstNumpy(size: Int, codes: [Int], weights: [Double], lambda: Double, ratio: Double, worst: [Int]) throws {
        let result = AHP.evaluate(try Self.matrix(size: size, codes: codes))
        #expect(Self.close(result.weights, weights))
        #expect(Self.close(result.lambdaMax, lambda))
        #expect(Self.close(result.consistencyRatio, ratio))
        #expect(Self.close(result.consistencyIndex, (lambda - Double(size)) / Double(size - 1)))
        #expect([result.inconsistencies[0].row, result.inconsistencies[0].column] == worst)
    }

    @Test("the worst possible 3×3 circle (9, 9, 9): equal weights, λmax = 1 + 9 + 1/9")
    func circleOfNines() throws {
        let result = AHP.evaluate(try Self.matrix([[1, 9, 1.0 / 9], [1.0 / 9, 1, 9], [9, 1.0 / 9, 1]]))
        #expect(Self.close(result.weights, [1.0 / 3, 1.0 / 3, 1.0 / 3], 1e-12))
        let lambda: Double = 1 + 9 + 1.0 / 9
        let ratio: Double = (lambda - 3) / 2 / 0.58
        #expect(Self.close(result.lambdaMax, lambda, 1e-12))
        #expect(Self.close(result.consistencyRatio, ratio, 1e-12))
    }

    @Test("a planted wrong judgment in a 5×5 matrix is named first, wherever it is")
    func plantedMistake() throws {
        // Weights 8:4:2:1:1 give a matrix of Saaty values only; turn one judgment around (8 → 1/8 …).
        let weights = [8.0, 4, 2, 1, 1]
        for i in 0..<5 {
            for j in (i + 1)..<5 where weights[i] != weights[j] {
                var rows = weights.map { wi in weights.map { wj in wi / wj } }
                rows[i][j] = weights[j] / weights[i]
                rows[j][i] = weights[i] / weights[j]
                let result = AHP.evaluate(try Self.matrix(rows))
                let worst = try #require(result.inconsistencies.first)
                #expect(worst.row == i && worst.column == j, "planted at \(i),\(j)")
                // Every other comparison still tells the truth, so they imply the original judgment exactly.
                #expect(Self.close(worst.indirect, weights[i] / weights[j], 1e-12))
                #expect(worst.contribution > result.inconsistencies[1].contribution + 0.1)
                // numpy: turning 2 into 1/2 leaves CR at 0.055; turning 4 or 8 around gives 0.251 or 0.658.
                #expect(result.isAcceptable == (weights[i] / weights[j] == 2))
            }
        }
        // numpy for the mistake in row 1, column 4: share 0.301359, the weights imply 0.785.
        var rows = weights.map { wi in weights.map { wj in wi / wj } }
        rows[0][3] = 1.0 / 8
        rows[3][0] = 8
        let result = AHP.evaluate(try Self.matrix(rows))
        #expect(Self.close(result.inconsistencies[0].contribution, 0.3013592175))
        #expect(Self.close(result.inconsistencies[0].implied, 0.785042, 1e-6))
        #expect(Self.close(result.consistencyRatio, 0.6576697273))
    }

    @Test("property: weights behind a consistent matrix are recovered (seeded, n = 2 … 30)")
    func recoversRandomWeights() throws {
        var random = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let n = random.int(2...30)
            let raw = (0..<n).map { _ in 0.05 + random.uniform() }
            let weights = raw.map { $0 / raw.reduce(0, +) }
            let result = AHP.evaluate(try Self.consistent(weights))
            #expect(Self.close(result.weights, weights, 1e-12))
            #expect(Self.close(result.lambdaMax, Double(n), 1e-10))
            #expect(result.consistencyRatio < 1e-10)
        }
    }

    @Test("property: for random Saaty matrices A·w = λmax·w, w > 0, λmax ≥ n, shares sum to 1 (seeded)")
    func eigenpairOfRandomMatrices() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let n = random.int(3...30)
            var judgments: [PairwiseJudgment] = []
            for i in 0..<n {
                for j in (i + 1)..<n { judgments.append(.init(row: i, column: j, value: AHP.saatyValues[random.int(0...16)])) }
            }
            let matrix = try PairwiseMatrix(size: n, judgments: judgments)
            let result = AHP.evaluate(matrix)
            #expect(result.weights.allSatisfy { $0 > 0 } && Self.close(result.weights.reduce(0, +), 1, 1e-12))
            for i in 0..<n {
                let row = (0..<n).reduce(0) { $0 + matrix.values[i][$1] * result.weights[$1] }
                #expect(abs(row - result.lambdaMax * result.weights[i]) <= 1e-10 * result.lambdaMax)
            }
            #expect(result.lambdaMax >= Double(n) - 1e-9)
            #expect(result.inconsistencies.count == n * (n - 1) / 2)
            #expect(Self.close(result.inconsistencies.reduce(0) { $0 + $1.contribution }, 1, 1e-9) || result.consistencyIndex < 1e-10)
        }
    }

    @Test("group decision: element-wise geometric mean, exactly reciprocal (numpy figures)")
    func groupAggregation() throws {
        let raters = [
            try Self.matrix([[1, 3, 5], [1.0 / 3, 1, 2], [0.2, 0.5, 1]]),
            try Self.matrix([[1, 0.5, 7], [2, 1, 4], [1.0 / 7, 0.25, 1]]),
            try Self.matrix([[1, 5, 1], [0.2, 1, 1.0 / 3], [1, 3, 1]]),
        ]
        let group = try AHP.aggregate(raters)
        let expected: [[Double]] = [[1, 1.9574338205844317, 3.2710663101885897],
                                    [0.5108729549290354, 1, 1.3867225487012693],
                                    [0.30571070873287987, 0.7211247851537043, 1]]
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(Self.close(group.values[i][j], expected[i][j], 1e-12))
                let mean = exp(raters.reduce(0) { $0 + log($1.values[i][j]) } / 3)
                #expect(Self.close(group.values[i][j], mean, 1e-12))
                #expect(Self.close(group.values[i][j] * group.values[j][i], 1, 1e-15))
            }
        }
        let result = AHP.evaluate(group)
        #expect(Self.close(result.weights, [0.5538945997, 0.2659107014, 0.1801946989]))
        #expect(Self.close(result.lambdaMax, 3.0038675400) && Self.close(result.consistencyRatio, 0.0033340862))
    }

    @Test("group decision: unanimity, and consistent raters give the geometric mean of their weights")
    func groupProperties() throws {
        let single = try Self.matrix(Self.house)
        let unanimous = try AHP.aggregate([single, single, single])
        for i in 0..<8 { #expect(Self.close(unanimous.values[i], single.values[i], 1e-14)) }
        let first = [0.5, 0.3, 0.2], second = [0.2, 0.2, 0.6]
        let group = try AHP.aggregate([try Self.consistent(first), try Self.consistent(second)])
        let mean = zip(first, second).map { ($0 * $1).squareRoot() }
        let result = AHP.evaluate(group)
        #expect(Self.close(result.weights, mean.map { $0 / mean.reduce(0, +) }, 1e-12))
        #expect(result.consistencyRatio < 1e-12)
    }

    @Test("group decision refuses no matrices and matrices of different sizes")
    func groupRefusals() throws {
        #expect(throws: AHPMatrixError.empty) { try AHP.aggregate([]) }
        let three = try Self.matrix([[1, 2, 3], [0.5, 1, 2], [1.0 / 3, 0.5, 1]])
        let two = try Self.matrix([[1, 2], [0.5, 1]])
        #expect(throws: AHPMatrixError.sizeMismatch(matrix: 1, size: 2, expected: 3)) { try AHP.aggregate([three, two]) }
    }
}
