import Foundation

/// What the pairwise comparisons say: the weights and how consistent the judgments are.
public struct AHPResult: Sendable, Equatable {
    /// The principal (Perron) eigenvector of the matrix, scaled to sum 1, in the matrix's order.
    public var weights: [Double]
    /// The principal eigenvalue; equals n exactly when the judgments are consistent, grows with contradictions.
    public var lambdaMax: Double
    /// (λmax − n)/(n − 1); 0 for n ≤ 2 (two criteria cannot contradict each other).
    public var consistencyIndex: Double
    /// Saaty's random index for n (see `AHP.randomIndex(size:)`).
    public var randomIndex: Double
    /// CI/RI; 0 for n ≤ 2.
    public var consistencyRatio: Double
    /// CR ≤ 0.10, Saaty's rule of thumb.
    public var isAcceptable: Bool
    /// Every pair i < j, the worst first (ties by row, then column).
    public var inconsistencies: [AHPInconsistency]
}

/// How far one comparison is from what the weights imply, and how much it adds to the inconsistency.
public struct AHPInconsistency: Sendable, Equatable {
    public var row: Int
    public var column: Int
    /// a_ij as judged.
    public var given: Double
    /// w_i / w_j: the comparison that would agree with the weights.
    public var implied: Double
    /// The Saaty value (1/9 … 9) nearest to `implied` on a log scale: Saaty's repair step is to replace the worst
    /// judgment by w_i / w_j and compute again.
    public var suggested: Double
    /// The share of this pair in λmax − n. With e_ij = a_ij·w_j/w_i the identity
    /// λmax − n = (1/n) · Σ_{i<j} (e_ij + 1/e_ij − 2) holds exactly (row sums of A·diag(w)/w_i are λmax), so each
    /// pair's term divided by the sum is its exact share of the consistency index. The shares sum to 1; all are 0
    /// when the matrix is consistent (nothing to share).
    public var contribution: Double
    /// What the other comparisons say about this pair on their own: the geometric mean of a_ik·a_kj over every
    /// third criterion k (a_ij itself when there is none). A single wrong judgment also pulls the weights, so for
    /// a planted mistake this is often the better hint than `implied`.
    public var indirect: Double
}

public enum AHP {
    /// Saaty's fundamental scale and its reciprocals: 1/9, 1/8, … 1/2, 1, 2, … 9.
    public static let saatyValues: [Double] = (2...9).reversed().map { 1 / Double($0) } + (1...9).map(Double.init)

    private static let saatyLogs = saatyValues.map(log)

    /// Saaty's limit: above 0.10 the judgments should be revised.
    public static let acceptableConsistencyRatio = 0.10

    /// Whether `value` is on Saaty's scale. A relative tolerance of 1 % accepts 0.333 for 1/3 or 0.143 for 1/7
    /// (neighbouring scale values are at least 11 % apart, so it cannot be ambiguous).
    public static func isSaatyValue(_ value: Double) -> Bool {
        guard value.isFinite, value > 0 else { return false }
        let nearest = nearestSaatyValue(value)
        return abs(value / nearest - 1) <= 1e-2
    }

    /// The scale value nearest on a log scale (3 and 1/3 are equally far from 1), clamped to 1/9 … 9.
    public static func nearestSaatyValue(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return value > 0 ? 9 : 1.0 / 9 }
        let target = log(value)
        var best = 0
        for index in saatyLogs.indices where abs(saatyLogs[index] - target) < abs(saatyLogs[best] - target) { best = index }
        return saatyValues[best]
    }

    /// Saaty's random index: the mean CI of random reciprocal matrices of size n, as published by Saaty for
    /// n = 1 … 15. Above 15 there is no table from Saaty; we use Alonso & Lamata's regression of the mean λmax
    /// of random matrices (2006, "Consistency in the analytic hierarchy process: a new approach", λ̄ = 2.7699n −
    /// 4.3513), i.e. RI = (1.7699n − 4.3513)/(n − 1). It meets the table at n = 15 (1.5855 ≈ 1.59) and rises
    /// slowly (1.68 at n = 30), so the 0.10 rule keeps its meaning for large matrices.
    public static func randomIndex(size: Int) -> Double {
        let table = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
        if size < 1 { return 0 }
        if size <= table.count { return table[size - 1] }
        let n = Double(size)
        return (1.7699 * n - 4.3513) / (n - 1)
    }

    /// Weights, λmax, CI, RI, CR and the inconsistencies of a (valid) matrix. The eigenvector is found by power
    /// iteration from the normalized geometric row means (exact for a consistent matrix, so those need one step)
    /// until no weight moves by more than 1e-13; a positive matrix has a simple dominant eigenvalue, so this
    /// converges. The start is exact for consistent matrices and for every 3×3 matrix; random Saaty matrices
    /// need a median of 32 steps at n = 15 and at most about 130 at n = 4 (the slowest size), far below the cap.
    public static func evaluate(_ matrix: PairwiseMatrix) -> AHPResult {
        let n = matrix.size
        guard n > 0 else {
            return AHPResult(weights: [], lambdaMax: 0, consistencyIndex: 0, randomIndex: 0, consistencyRatio: 0,
                             isAcceptable: true, inconsistencies: [])
        }
        let flat = matrix.values.flatMap { $0 }
        var weights = matrix.values.map { row in exp(row.reduce(0) { $0 + log($1) } / Double(n)) }
        normalize(&weights)
        var product = [Double](repeating: 0, count: n)
        flat.withUnsafeBufferPointer { a in
            for _ in 0..<10_000 {
                multiply(a, weights, into: &product, size: n)
                let total = product.reduce(0, +)
                var change = 0.0
                for i in 0..<n {
                    let next = product[i] / total
                    change = max(change, abs(next - weights[i]))
                    weights[i] = next
                }
                if change < 1e-13 { break }
            }
            multiply(a, weights, into: &product, size: n)
        }
        // With Σw = 1 and A·w = λ·w, Σ(A·w) = λ.
        let lambdaMax = product.reduce(0, +)
        let consistencyIndex = n > 2 ? max(0, (lambdaMax - Double(n)) / Double(n - 1)) : 0
        let randomIndex = randomIndex(size: n)
        let consistencyRatio = n > 2 && randomIndex > 0 ? consistencyIndex / randomIndex : 0
        return AHPResult(weights: weights, lambdaMax: lambdaMax, consistencyIndex: consistencyIndex,
                         randomIndex: randomIndex, consistencyRatio: consistencyRatio,
                         isAcceptable: consistencyRatio <= acceptableConsistencyRatio,
                         inconsistencies: inconsistencies(matrix, weights: weights))
    }

    /// AHP group decision: the element-wise geometric mean of the raters' matrices. The geometric mean of
    /// reciprocals is the reciprocal of the geometric mean, so the result is again a reciprocal matrix (the
    /// arithmetic mean would not be); it is the aggregation Aczél and Saaty showed to be the consistent one.
    public static func aggregate(_ matrices: [PairwiseMatrix]) throws(AHPMatrixError) -> PairwiseMatrix {
        guard let first = matrices.first, first.size > 0 else { throw .empty }
        for (index, matrix) in matrices.enumerated() where matrix.size != first.size {
            throw .sizeMismatch(matrix: index, size: matrix.size, expected: first.size)
        }
        let n = first.size
        let count = Double(matrices.count)
        var rows = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let mean = exp(matrices.reduce(0) { $0 + log($1.values[i][j]) } / count)
                rows[i][j] = mean
                rows[j][i] = 1 / mean
            }
        }
        return PairwiseMatrix(trusted: rows)
    }

    private static func normalize(_ vector: inout [Double]) {
        let total = vector.reduce(0, +)
        for i in vector.indices { vector[i] /= total }
    }

    private static func multiply(_ a: UnsafeBufferPointer<Double>, _ vector: [Double], into result: inout [Double], size n: Int) {
        for i in 0..<n {
            var sum = 0.0
            let offset = i * n
            for j in 0..<n { sum += a[offset + j] * vector[j] }
            result[i] = sum
        }
    }

    private static func inconsistencies(_ matrix: PairwiseMatrix, weights: [Double]) -> [AHPInconsistency] {
        let n = matrix.size
        let a = matrix.values
        let logs = a.map { $0.map(log) }
        var pairs: [AHPInconsistency] = []
        var terms: [Double] = []
        pairs.reserveCapacity(n * (n - 1) / 2)
        terms.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let implied = weights[i] / weights[j]
                let e = a[i][j] / implied
                terms.append(max(0, e + 1 / e - 2))
                var sum = 0.0
                for k in 0..<n where k != i && k != j { sum += logs[i][k] + logs[k][j] }
                let indirect = n > 2 ? exp(sum / Double(n - 2)) : a[i][j]
                pairs.append(AHPInconsistency(row: i, column: j, given: a[i][j], implied: implied,
                                              suggested: nearestSaatyValue(implied), contribution: 0, indirect: indirect))
            }
        }
        let total = terms.reduce(0, +)
        // Below this the terms are rounding noise of a consistent matrix; sharing noise would rank at random.
        if total > 1e-10 {
            for k in pairs.indices { pairs[k].contribution = terms[k] / total }
        }
        // Shares equal up to rounding noise (every pair of a 3×3 matrix deviates alike) keep the matrix order, so
        // the list does not change with the last bit of a floating-point sum.
        let key = { (pair: AHPInconsistency) in (pair.contribution * 1e12).rounded() }
        return pairs.sorted {
            key($0) != key($1) ? key($0) > key($1) : ($0.row, $0.column) < ($1.row, $1.column)
        }
    }
}
