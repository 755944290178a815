import Fluent
import Foundation

extension QueryBuilder {
    /// The raw result rows, for reads of a few columns of many rows: `all()` decodes every model property by
    /// reflection, which dominates a list request. Select the columns with `field(_:)` first.
    func rows() async throws -> [any DatabaseOutput] {
        let collector = RowCollector()
        try await run { collector.append($0) }.get()
        return collector.take()
    }
}

/// Collects result rows as the driver hands them over, one by one on its event loop.
private final class RowCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [any DatabaseOutput] = []
    func append(_ row: any DatabaseOutput) { lock.withLock { rows.append(row) } }
    func take() -> [any DatabaseOutput] { lock.withLock { rows } }
}
