import FahrplanCore
import Foundation
import Vapor

/// Diffs between two strategy versions, per application. A version is immutable (never edited, never deleted), so
/// the diff of two version ids never changes: comparing two versions of 2,000 projects decodes two snapshots of
/// some 650 KB and compares them, which a council member's second look at the same comparison need not repeat.
/// Bounded (least recently used first); keyed by ids, which are unique across municipalities, and looked up only
/// after both ids were found among the asking municipality's versions.
final class StrategyVersionDiffCache: Sendable {
    struct Key: Hashable, Sendable {
        var from: UUID
        var to: UUID
    }

    struct Entry: Sendable {
        var diff: StrategyVersionDiff
        var from: StrategyVersion
        var to: StrategyVersion
    }

    private let entries: LRUCache<Key, Entry>

    init(capacity: Int = 16) { entries = LRUCache(capacity: capacity) }

    func value(_ key: Key) -> Entry? { entries.value(key) }
    func store(_ key: Key, _ entry: Entry) { entries.store(key, entry) }
    var statistics: (hits: Int, misses: Int) { entries.statistics }
}

extension Application {
    private struct StrategyVersionDiffCacheKey: StorageKey { typealias Value = StrategyVersionDiffCache }

    /// Set once in `configure`, before the server accepts requests.
    var strategyVersionDiffs: StrategyVersionDiffCache {
        get { storage[StrategyVersionDiffCacheKey.self] ?? StrategyVersionDiffCache(capacity: 0) }
        set { storage[StrategyVersionDiffCacheKey.self] = newValue }
    }
}
