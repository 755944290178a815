import FahrplanCore
import Foundation

/// Dependency cycles of an import batch: a chain in which every row needs the one before it (the worst case
/// for checking row by row, which walks the whole chain again at each row), checked once as a whole with
/// `DependencyGraph.cyclesClosed`. Doubling the rows should double the time (linear); the row-by-row check is
/// shown for the smaller sizes to see the quadratic growth it replaced.
enum DependencyBenchmark {
    static func run() throws {
        for size in [5_000, 10_000, 20_000, 40_000] {
            // Rows in reverse: row k needs row k+1, so each new row's prerequisites already have a long chain behind them.
            var edges: [Int: Set<Int>] = [:]
            for node in 0..<(size - 1) { edges[node] = [node + 1] }
            let order = Array((0..<size).reversed())
            let batch = best(of: 3) { _ = DependencyGraph.cyclesClosed(by: order, in: edges) }
            print("dependencies.batch_check.\(size)_rows_ms", String(format: "%.2f", batch * 1000))
        }
        for size in [2_000, 4_000] {
            let rowByRow = best(of: 1) {
                var growing: [Int: Set<Int>] = [:]
                for node in (0..<(size - 1)).reversed() {
                    _ = DependencyGraph.cycle(adding: (from: node, to: [node + 1]), to: growing)
                    growing[node] = [node + 1]
                }
            }
            print("dependencies.row_by_row.\(size)_rows_ms", String(format: "%.2f", rowByRow * 1000))
        }
    }

    private static func best(of runs: Int, _ body: () -> Void) -> Double {
        var fastest = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return fastest
    }
}
