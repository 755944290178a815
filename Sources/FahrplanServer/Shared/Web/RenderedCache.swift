import Foundation
import Metrics
import Vapor

/// Rendered page parts and encoded API bodies of a municipality, valid for one `frame_version`. Like the
/// strategy snapshot, an optimisation per process: the key contains the version read from the database
/// on this request, so a stale entry is never found, only left behind (and dropped when the cache fills).
final class RenderedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: ByteBuffer] = [:]
    private var versioned: [String: (version: String, value: ByteBuffer)] = [:]
    private let capacity: Int
    // Made once: the process's metrics are bootstrapped in configure before the cache (docs/operations.md, Metrics).
    private let hits = Counter(label: "fahrplan_rendered_cache_hits_total", dimensions: [("kind", "entry")])
    private let misses = Counter(label: "fahrplan_rendered_cache_misses_total", dimensions: [("kind", "entry")])
    private let slotHits = Counter(label: "fahrplan_rendered_cache_hits_total", dimensions: [("kind", "slot")])
    private let slotMisses = Counter(label: "fahrplan_rendered_cache_misses_total", dimensions: [("kind", "slot")])

    init(capacity: Int = 2_000) { self.capacity = capacity }

    func value(for key: String, make: () async throws -> ByteBuffer) async rethrows -> ByteBuffer {
        if let hit = lock.withLock({ entries[key] }) { hits.increment(); return hit }
        misses.increment()
        let made = try await make()
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }

    /// For data that changes often (monitoring): one entry per `slot`, replaced when `version` changes, so stale
    /// versions do not pile up until the cache is full (a 500 KB answer per write would).
    func value(slot: String, version: String, make: () async throws -> ByteBuffer) async rethrows -> ByteBuffer {
        let key = "slot|" + slot
        if let hit = lock.withLock({ versioned[key] }), hit.version == version { slotHits.increment(); return hit.value }
        slotMisses.increment()
        let made = try await make()
        lock.withLock {
            if versioned.count >= capacity { versioned.removeAll(keepingCapacity: true) }
            versioned[key] = (version, made)
        }
        return made
    }
}

extension Application {
    private struct RenderedCacheKey: StorageKey { typealias Value = RenderedCache }

    /// Set once in `configure`, before the server accepts requests.
    var renderedCache: RenderedCache {
        get { storage[RenderedCacheKey.self] ?? RenderedCache() }
        set { storage[RenderedCacheKey.self] = newValue }
    }
}

extension ByteBuffer {
    /// This buffer with the first occurrence of `marker` replaced by `replacement`.
    func replacingFirst(_ marker: String, with replacement: ByteBuffer) throws -> ByteBuffer {
        let bytes = readableBytesView
        let needle = Array(marker.utf8)
        guard let first = needle.first else { return self }
        var index = bytes.startIndex
        while let candidate = bytes[index...].firstIndex(of: first) {
            if bytes[candidate...].starts(with: needle) {
                var result = ByteBufferAllocator().buffer(capacity: readableBytes + replacement.readableBytes)
                result.writeBytes(bytes[bytes.startIndex..<candidate])
                result.writeImmutableBuffer(replacement)
                result.writeBytes(bytes[(candidate + needle.count)...])
                return result
            }
            index = candidate + 1
        }
        throw Abort(.internalServerError, reason: "template marker \(marker) missing")
    }
}
