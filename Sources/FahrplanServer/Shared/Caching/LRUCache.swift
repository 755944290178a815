import Foundation

/// A small least-recently-used map with a fixed number of entries, safe to share between requests: what pages
/// compute from data that changes far less often than it is read (maturity results, plan analyses) is kept here,
/// keyed by what it depends on; the bound keeps a server with many rounds or plans from growing without limit.
final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Entry {
        var value: Value
        var used: UInt64
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var clock: UInt64 = 0
    private(set) var hits = 0
    private(set) var misses = 0
    let capacity: Int

    /// Capacity 0 keeps nothing (e.g. `MaturityResultsCaches.none`).
    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { lock.withLock { entries.count } }
    /// (hits, misses) so far, for tests and the benchmark's notes.
    var statistics: (hits: Int, misses: Int) { lock.withLock { (hits, misses) } }

    func value(_ key: Key) -> Value? {
        lock.withLock {
            guard var entry = entries[key] else { misses += 1; return nil }
            clock += 1
            entry.used = clock
            entries[key] = entry
            hits += 1
            return entry.value
        }
    }

    /// Stores the value; when full, the entry used longest ago goes (a linear scan: the capacity is a few dozen).
    func store(_ key: Key, _ value: Value) {
        guard capacity > 0 else { return }
        lock.withLock {
            clock += 1
            if entries[key] == nil, entries.count >= capacity,
               let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
                entries.removeValue(forKey: oldest)
            }
            entries[key] = Entry(value: value, used: clock)
        }
    }

    func remove(_ key: Key) { _ = lock.withLock { entries.removeValue(forKey: key) } }

    func removeAll() { lock.withLock { entries.removeAll() } }
}
