import Foundation

/// One pairwise comparison on Saaty's scale: `value` says how much more important criterion `row` is than
/// criterion `column` (3 = moderately more, 1/3 = moderately less). Indices are 0-based positions in the
/// criteria list.
public struct PairwiseJudgment: Sendable, Equatable, Codable {
    public var row: Int
    public var column: Int
    public var value: Double

    public init(row: Int, column: Int, value: Double) {
        self.row = row
        self.column = column
        self.value = value
    }
}

/// A positive reciprocal matrix of pairwise comparisons: `values[i][j]` says how much more important criterion i is
/// than criterion j, `values[j][i] == 1 / values[i][j]`, the diagonal is 1. Every instance is valid and exactly
/// reciprocal, so the algorithms never have to check again.
public struct PairwiseMatrix: Sendable, Equatable {
    public let values: [[Double]]
    public var size: Int { values.count }

    /// More criteria than anyone compares by hand (30 criteria are 435 comparisons); it bounds the work per request.
    public static let maximumSize = 30

    /// How far `a_ij · a_ji` may be from 1. People type 0.333 or even 0.33 for 1/3 (0.33 · 3 = 0.99), so a
    /// tolerance of 1 % accepts honest rounding and still refuses a real mistake like 0.5 against 3.
    public static let reciprocityTolerance = 1e-2

    /// Checks a full matrix as people type it (e.g. in a JSON file). Errors name the first problem found, in
    /// this order: size, shape of each row, every cell positive and finite, the diagonal, reciprocity (by rows).
    /// Rounded reciprocals are made exact: of each pair the value ≥ 1 is kept (that is the judgment people
    /// made; 3 rather than 0.333) and its mirror becomes its exact reciprocal.
    public init(validating rows: [[Double]]) throws(AHPMatrixError) {
        let size = rows.count
        guard size > 0 else { throw .empty }
        guard size <= Self.maximumSize else { throw .tooLarge(size: size, maximum: Self.maximumSize) }
        for (index, row) in rows.enumerated() where row.count != size {
            throw .notSquare(row: index, length: row.count, expected: size)
        }
        for i in 0..<size {
            for j in 0..<size where !(rows[i][j].isFinite && rows[i][j] > 0) {
                throw .notPositive(row: i, column: j, value: rows[i][j])
            }
        }
        for i in 0..<size where abs(rows[i][i] - 1) > 1e-9 {
            throw .diagonalNotOne(index: i, value: rows[i][i])
        }
        var exact = rows
        for i in 0..<size {
            exact[i][i] = 1
            for j in (i + 1)..<size {
                let value = rows[i][j], mirrored = rows[j][i]
                // A small epsilon so that a product of exactly 0.99 (0.33 · 3) is not refused by a rounding bit.
                guard abs(value * mirrored - 1) <= Self.reciprocityTolerance + 1e-12 else {
                    throw .notReciprocal(row: i, column: j, value: value, mirrored: mirrored)
                }
                if value >= mirrored {
                    exact[j][i] = 1 / value
                } else {
                    exact[i][j] = 1 / mirrored
                }
            }
        }
        values = exact
    }

    /// Builds the matrix from judgments, one per pair of criteria in either direction (row 2, column 0 with 1/3
    /// is the same as row 0, column 2 with 3); the mirror and the diagonal are filled in.
    public init(size: Int, judgments: [PairwiseJudgment]) throws(AHPMatrixError) {
        guard size > 0 else { throw .empty }
        guard size <= Self.maximumSize else { throw .tooLarge(size: size, maximum: Self.maximumSize) }
        var filled = [[Double?]](repeating: [Double?](repeating: nil, count: size), count: size)
        for judgment in judgments {
            let (i, j, value) = (judgment.row, judgment.column, judgment.value)
            guard (0..<size).contains(i), (0..<size).contains(j) else {
                throw .judgmentOutOfRange(row: i, column: j, size: size)
            }
            guard i != j else { throw .comparedWithItself(index: i) }
            guard value.isFinite, value > 0 else { throw .notPositive(row: i, column: j, value: value) }
            guard filled[i][j] == nil else { throw .duplicateJudgment(row: i, column: j) }
            filled[i][j] = value
            filled[j][i] = 1 / value
        }
        var rows = [[Double]](repeating: [Double](repeating: 1, count: size), count: size)
        for i in 0..<size {
            for j in (i + 1)..<size {
                guard let value = filled[i][j] else { throw .missingJudgment(row: i, column: j) }
                rows[i][j] = value
                rows[j][i] = filled[j][i] ?? 1 / value
            }
        }
        values = rows
    }

    /// For values that are valid by construction (the identity, a group's geometric mean).
    init(trusted values: [[Double]]) {
        self.values = values
    }

    /// The judgments of the upper triangle (row < column), the form in which a comparison form stores them.
    public var judgments: [PairwiseJudgment] {
        var result: [PairwiseJudgment] = []
        for i in 0..<size {
            for j in (i + 1)..<size { result.append(PairwiseJudgment(row: i, column: j, value: values[i][j])) }
        }
        return result
    }

    /// All criteria equally important: the starting point of a comparison form.
    public static func indifferent(size: Int) -> PairwiseMatrix {
        PairwiseMatrix(trusted: [[Double]](repeating: [Double](repeating: 1, count: max(0, size)), count: max(0, size)))
    }
}

/// Stored as `{"values": [[…]]}`; decoding validates like `init(validating:)`, so a stored matrix that someone
/// edited by hand cannot bring an invalid matrix into the algorithms.
extension PairwiseMatrix: Codable {
    private enum CodingKeys: String, CodingKey { case values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode([[Double]].self, forKey: .values)
        do {
            try self.init(validating: rows)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: error.message(english: true))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
    }
}

/// Why a pairwise comparison matrix (or a set of judgments) cannot be used. Indices are 0-based; the messages
/// count from 1 or use the criteria's names.
public enum AHPMatrixError: Error, Equatable, Sendable {
    case empty
    case tooLarge(size: Int, maximum: Int)
    case notSquare(row: Int, length: Int, expected: Int)
    /// Zero, negative, NaN or infinite.
    case notPositive(row: Int, column: Int, value: Double)
    case diagonalNotOne(index: Int, value: Double)
    case notReciprocal(row: Int, column: Int, value: Double, mirrored: Double)
    case comparedWithItself(index: Int)
    case missingJudgment(row: Int, column: Int)
    case duplicateJudgment(row: Int, column: Int)
    /// A judgment names a criterion that the matrix does not have.
    case judgmentOutOfRange(row: Int, column: Int, size: Int)
    /// Group aggregation: matrix number `matrix` (0-based) has another size than the first one.
    case sizeMismatch(matrix: Int, size: Int, expected: Int)
}
