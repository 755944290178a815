import Foundation
@testable import FahrplanCore
import Testing

@Suite("PairwiseMatrix: every refusal with its reason, reciprocity tolerance, messages")
struct AHPMatrixTests {
    static let names = ["Bürgernutzen", "Entlastung", "Risiko"]

    @Test("a full matrix is refused for exactly the first problem", arguments: [
        ([], AHPMatrixError.empty),
        ([[1, 2], [0.5]], .notSquare(row: 1, length: 1, expected: 2)),
        ([[1, 2, 3], [0.5, 1, 2]], .notSquare(row: 0, length: 3, expected: 2)),
        ([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1, 1]], .notSquare(row: 2, length: 4, expected: 3)),
        ([[1, 0], [0, 1]], .notPositive(row: 0, column: 1, value: 0)),
        ([[1, 2], [-0.5, 1]], .notPositive(row: 1, column: 0, value: -0.5)),
        ([[1, .infinity], [0, 1]], .notPositive(row: 0, column: 1, value: .infinity)),
        ([[0, 1], [1, 1]], .notPositive(row: 0, column: 0, value: 0)),
        ([[1, 2], [0.5, 2]], .diagonalNotOne(index: 1, value: 2)),
        ([[1, 3], [0.5, 1]], .notReciprocal(row: 0, column: 1, value: 3, mirrored: 0.5)),
        ([[1, 3, 5], [1.0 / 3, 1, 2], [0.2, 2, 1]], .notReciprocal(row: 1, column: 2, value: 2, mirrored: 2)),
        ([[1, 0.32], [3, 1]], .notReciprocal(row: 0, column: 1, value: 0.32, mirrored: 3)),
    ] as [([[Double]], AHPMatrixError)])
    func refusals(rows: [[Double]], expected: AHPMatrixError) {
        #expect(throws: expected) { try PairwiseMatrix(validating: rows) }
    }

    @Test("NaN is refused as not positive (NaN ≠ NaN, so the case is matched by hand)")
    func notANumber() {
        do {
            _ = try PairwiseMatrix(validating: [[1, .nan], [1, 1]])
            Issue.record("accepted NaN")
        } catch {
            guard case let .notPositive(row, column, value) = error else { Issue.record("\(error)"); return }
            #expect(row == 0 && column == 1 && value.isNaN)
            #expect(error.message(english: false).contains("keine Zahl"))
        }
    }

    @Test("more than 30 criteria are refused")
    func tooLarge() throws {
        let rows = [[Double]](repeating: [Double](repeating: 1, count: 31), count: 31)
        #expect(throws: AHPMatrixError.tooLarge(size: 31, maximum: 30)) { try PairwiseMatrix(validating: rows) }
        let thirty = [[Double]](repeating: [Double](repeating: 1, count: 30), count: 30)
        #expect(try PairwiseMatrix(validating: thirty).size == 30)
    }

    @Test("rounded reciprocals (0.333, 0.33, 0.143, 0.111) are accepted and made exact, keeping the judgment ≥ 1",
          arguments: [(3.0, 0.333), (3, 0.33), (7, 0.143), (9, 0.111), (9, 0.11), (2, 0.5)])
    func reciprocityTolerance(judgment: Double, typed: Double) throws {
        let upper = try PairwiseMatrix(validating: [[1, judgment], [typed, 1]])
        #expect(upper.values[0][1] == judgment && upper.values[1][0] == 1 / judgment)
        let lower = try PairwiseMatrix(validating: [[1, typed], [judgment, 1]])
        #expect(lower.values[1][0] == judgment && lower.values[0][1] == 1 / judgment)
    }

    @Test("the brief's example: 0.3333 for 1/3")
    func briefExample() throws {
        let matrix = try PairwiseMatrix(validating: [[1, 3, 5], [0.3333, 1, 2], [0.2, 0.5, 1]])
        #expect(matrix.values[1][0] == 1.0 / 3 && matrix.values[2][0] == 0.2 && matrix.values[2][1] == 0.5)
    }

    @Test("judgments in either direction fill the matrix; the upper triangle comes back out")
    func fromJudgments() throws {
        let judgments = [PairwiseJudgment(row: 0, column: 1, value: 3), .init(row: 2, column: 0, value: 0.2),
                         .init(row: 1, column: 2, value: 2)]
        let matrix = try PairwiseMatrix(size: 3, judgments: judgments)
        #expect(matrix.values == [[1, 3, 5], [1.0 / 3, 1, 2], [0.2, 0.5, 1]])
        #expect(matrix.judgments == [.init(row: 0, column: 1, value: 3), .init(row: 0, column: 2, value: 5),
                                     .init(row: 1, column: 2, value: 2)])
        #expect(try PairwiseMatrix(size: 3, judgments: matrix.judgments) == matrix)
        #expect(try PairwiseMatrix(size: 1, judgments: []).values == [[1]])
        #expect(PairwiseMatrix.indifferent(size: 2).values == [[1, 1], [1, 1]])
    }

    @Test("judgments are refused for exactly the problem", arguments: [
        (3, [(0, 1, 3.0), (0, 2, 5)], AHPMatrixError.missingJudgment(row: 1, column: 2)),
        (3, [(0, 1, 3.0), (1, 0, 0.5), (0, 2, 5), (1, 2, 2)], .duplicateJudgment(row: 1, column: 0)),
        (3, [(0, 1, 3.0), (0, 1, 3)], .duplicateJudgment(row: 0, column: 1)),
        (3, [(1, 1, 1.0)], .comparedWithItself(index: 1)),
        (3, [(0, 3, 2.0)], .judgmentOutOfRange(row: 0, column: 3, size: 3)),
        (3, [(-1, 0, 2.0)], .judgmentOutOfRange(row: -1, column: 0, size: 3)),
        (3, [(0, 1, 0.0)], .notPositive(row: 0, column: 1, value: 0)),
        (3, [(0, 2, -2.0)], .notPositive(row: 0, column: 2, value: -2)),
        (0, [], .empty),
        (31, [], .tooLarge(size: 31, maximum: 30)),
    ] as [(Int, [(Int, Int, Double)], AHPMatrixError)])
    func judgmentRefusals(size: Int, judgments: [(Int, Int, Double)], expected: AHPMatrixError) {
        let list = judgments.map { PairwiseJudgment(row: $0.0, column: $0.1, value: $0.2) }
        #expect(throws: expected) { try PairwiseMatrix(size: size, judgments: list) }
    }

    @Test("messages name the cells: by criterion names when given, 1-based rows and columns otherwise")
    func messagesNameCells() {
        let error = AHPMatrixError.notReciprocal(row: 0, column: 2, value: 3, mirrored: 0.5)
        #expect(error.message(english: false, names: Self.names)
            == "Die Matrix ist nicht reziprok: „Bürgernutzen“ gegenüber „Risiko“ ist 3, also muss „Risiko“ gegenüber „Bürgernutzen“ 1/3 sein, ist aber 0,5.")
        #expect(error.message(english: true, names: Self.names)
            == "The matrix is not reciprocal: “Bürgernutzen” versus “Risiko” is 3, so “Risiko” versus “Bürgernutzen” must be 1/3, but it is 0.5.")
        #expect(error.message(english: false)
            == "Die Matrix ist nicht reziprok: Zeile 1, Spalte 3 ist 3, also muss Zeile 3, Spalte 1 1/3 sein, ist aber 0,5.")
        #expect(error.message(english: true)
            == "The matrix is not reciprocal: row 1, column 3 is 3, so row 3, column 1 must be 1/3, but it is 0.5.")
        #expect(AHPMatrixError.notPositive(row: 1, column: 2, value: -1.25).message(english: false)
            == "Der Wert für Zeile 2, Spalte 3 ist -1,25; jeder Vergleich muss eine positive Zahl sein (1/9 bis 9 auf Saatys Skala).")
        #expect(AHPMatrixError.missingJudgment(row: 1, column: 2).message(english: false, names: Self.names)
            == "Es fehlt der Vergleich von „Entlastung“ mit „Risiko“.")
        #expect(AHPMatrixError.missingJudgment(row: 1, column: 2).message(english: true)
            == "The comparison of criterion 2 with criterion 3 is missing.")
        #expect(AHPMatrixError.comparedWithItself(index: 2).message(english: true, names: Self.names)
            == "“Risiko” cannot be compared with itself.")
        #expect(AHPMatrixError.comparedWithItself(index: 2).message(english: true) == "Criterion 3 cannot be compared with itself.")
        #expect(AHPMatrixError.notSquare(row: 1, length: 2, expected: 3).message(english: false, names: Self.names)
            == "Die Matrix ist nicht quadratisch: Zeile 2 („Entlastung“) hat 2 Werte, erwartet sind 3 (einer je Kriterium).")
        #expect(AHPMatrixError.diagonalNotOne(index: 0, value: 2).message(english: true)
            .contains("row 1, column 1 is 2"))
    }

    static let everyError: [AHPMatrixError] = [
        .empty, .tooLarge(size: 31, maximum: 30), .notSquare(row: 0, length: 2, expected: 3),
        .notPositive(row: 0, column: 1, value: 0), .diagonalNotOne(index: 1, value: 3),
        .notReciprocal(row: 0, column: 1, value: 3, mirrored: 3), .comparedWithItself(index: 0),
        .missingJudgment(row: 0, column: 2), .duplicateJudgment(row: 0, column: 1),
        .judgmentOutOfRange(row: 0, column: 5, size: 3), .sizeMismatch(matrix: 1, size: 2, expected: 3),
    ]

    @Test("every error has its own German and English sentence")
    func everyMessage() {
        let german = Self.everyError.map { $0.message(english: false) }
        let english = Self.everyError.map { $0.message(english: true) }
        #expect(Set(german).count == german.count && Set(english).count == english.count)
        for (de, en) in zip(german, english) {
            #expect(de != en && de.hasSuffix(".") && en.hasSuffix("."))
            #expect(de.first?.isUppercase == true && en.first?.isUppercase == true)
        }
        #expect(german[1].contains("31") && german[1].contains("30"))
        #expect(english[9].contains("row 1") && english[9].contains("column 6"))
        #expect(german[10].contains("Paarvergleich 2"))
    }

    @Test("Codable: stored as values, validated when read back")
    func codable() throws {
        let matrix = try PairwiseMatrix(validating: [[1, 3], [1.0 / 3, 1]])
        let data = try JSONEncoder().encode(matrix)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(#"{"values":[[1,3],"#))
        #expect(try JSONDecoder().decode(PairwiseMatrix.self, from: data) == matrix)
        let broken = Data(#"{"values": [[1, 3], [0.5, 1]]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PairwiseMatrix.self, from: broken) }
    }
}
