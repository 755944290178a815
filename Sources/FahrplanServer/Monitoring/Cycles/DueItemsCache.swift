import Foundation
import Vapor

/// A municipality's due items (every subject's standing under its update cycles), kept while its `frame_version`
/// and its municipal day are unchanged. Every change they depend on — a project's status or owner, a status report,
/// a KPI or measurement, a cycle, a membership — is recorded by `AuditTrail`, which raises `frame_version`; the day
/// decides "due" and "late". The start page evaluated them on every visit: every running project and KPI with its
/// newest update (a fifth of the strategy overview's time at 2,000 projects in the release profile of session 28),
/// then every reminder the municipality was sent, to deliver the day's. With the items, the cache remembers that
/// the reminders of this state were delivered: the same items give the same reminders, and a delivery that
/// another process made meanwhile is found by the unique index either way.
final class DueItemsCache: Sendable {
    private struct Entry: Sendable {
        var key: String
        var items: [UpdateCycleService.Item]
        var delivered: Bool
    }

    private let entries: LRUCache<UUID, Entry>

    init(capacity: Int = 64) { entries = LRUCache(capacity: capacity) }

    func items(_ key: String, of municipalityID: UUID) -> [UpdateCycleService.Item]? {
        guard let entry = entries.value(municipalityID), entry.key == key else { return nil }
        return entry.items
    }

    func store(_ items: [UpdateCycleService.Item], _ key: String, of municipalityID: UUID) {
        entries.store(municipalityID, Entry(key: key, items: items, delivered: false))
    }

    func wasDelivered(_ key: String, of municipalityID: UUID) -> Bool {
        guard let entry = entries.value(municipalityID), entry.key == key else { return false }
        return entry.delivered
    }

    func markDelivered(_ key: String, of municipalityID: UUID) {
        guard var entry = entries.value(municipalityID), entry.key == key else { return }
        entry.delivered = true
        entries.store(municipalityID, entry)
    }
}

extension Application {
    private struct DueItemsCacheKey: StorageKey { typealias Value = DueItemsCache }

    /// Set once in `configure`, before the server accepts requests.
    var dueItemsCache: DueItemsCache {
        get { storage[DueItemsCacheKey.self] ?? DueItemsCache(capacity: 0) }
        set { storage[DueItemsCacheKey.self] = newValue }
    }
}
