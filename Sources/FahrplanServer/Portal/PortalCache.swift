import Crypto
import Fluent
import FahrplanCore
import Foundation
import NIOCore
import SQLKit
import Vapor

/// A rendered public page with its validators.
struct PortalRendered: Sendable {
    var body: ByteBuffer
    var contentType: HTTPMediaType
    var eTag: String
    var lastModified: Date?
    /// `lastModified` as an HTTP date, formatted once with the page rather than on every request.
    var lastModifiedText: String?

    init(body: ByteBuffer, contentType: HTTPMediaType, eTag: String, lastModified: Date?) {
        self.body = body; self.contentType = contentType; self.eTag = eTag; self.lastModified = lastModified
        lastModifiedText = lastModified.map(PortalPublicController.httpDate)
    }
}

/// The portal's content and rendered pages per municipality, valid for one content version. The version is one
/// indexed row (`frame_version`, which every audited change raises — portal settings, public marks, strategy,
/// projects, status, milestones, KPIs, newsletters — plus name and today's day), so a stale entry is never served,
/// only replaced. One slot per municipality keeps memory bounded.
///
/// The version itself is read at most once per `headSeconds` per municipality (`FAHRPLAN_PORTAL_REVALIDATE`,
/// default 1 s): citizens' requests then touch no database at all, and a change shows on the public pages at most
/// that long later — far below the `max-age` the pages already allow shared caches. 0 reads it on every request
/// (the tests).
final class PortalCache: @unchecked Sendable {
    private struct Slot {
        var version: String
        var content: PortalContent?
        var pages: [String: PortalRendered]
    }

    private let lock = NSLock()
    private var slots: [UUID: Slot] = [:]
    private var heads: [String: (head: PortalHead, until: UInt64)] = [:]
    let headSeconds: Double
    private let now: @Sendable () -> UInt64

    /// `now` in nanoseconds of a monotonic clock (tests pass their own).
    init(headSeconds: Double = 0, now: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.headSeconds = max(0, headSeconds); self.now = now
    }

    /// The head of `slug`: remembered for `headSeconds`, else read (and remembered when the municipality exists).
    func head(_ slug: String, read: () async throws -> PortalHead?) async throws -> PortalHead? {
        guard headSeconds > 0 else { return try await read() }
        let time = now()
        if let hit = lock.withLock({ heads[slug] }), hit.until > time { return hit.head }
        guard let head = try await read() else { return nil }
        lock.withLock {
            if heads.count > 2_000 { heads.removeAll(keepingCapacity: true) }
            heads[slug] = (head, time + UInt64(headSeconds * 1_000_000_000))
        }
        return head
    }

    /// The page `key` of `slug` when its head and the page are both remembered and current — no database, no task.
    /// Nil when the head is read on every request (`headSeconds` 0), expired, or the page not rendered yet.
    func remembered(slug: String, key: String) -> PortalRendered? {
        guard headSeconds > 0 else { return nil }
        let time = now()
        return lock.withLock {
            guard let hit = heads[slug], hit.until > time, let slot = slots[hit.head.municipalityID],
                  slot.version == hit.head.version else { return nil }
            return slot.pages[key]
        }
    }

    func content(_ municipalityID: UUID, version: String, load: () async throws -> PortalContent?) async throws -> PortalContent? {
        if let slot = lock.withLock({ slots[municipalityID] }), slot.version == version { return slot.content }
        let content = try await load()
        lock.withLock {
            if slots.count > 1_000 { slots.removeAll(keepingCapacity: true) }
            slots[municipalityID] = Slot(version: version, content: content, pages: [:])
        }
        return content
    }

    func page(_ municipalityID: UUID, version: String, key: String, render: () async throws -> PortalRendered) async throws -> PortalRendered {
        if let hit = lock.withLock({ slots[municipalityID].flatMap { $0.version == version ? $0.pages[key] : nil } }) { return hit }
        let made = try await render()
        lock.withLock {
            guard slots[municipalityID]?.version == version else { return }
            if slots[municipalityID]!.pages.count > 500 { slots[municipalityID]!.pages.removeAll(keepingCapacity: true) }
            slots[municipalityID]!.pages[key] = made
        }
        return made
    }
}

extension Application {
    private struct PortalCacheKey: StorageKey { typealias Value = PortalCache }

    /// Set once in `configure`, before the server accepts requests.
    var portalCache: PortalCache {
        get { storage[PortalCacheKey.self] ?? PortalCache() }
        set { storage[PortalCacheKey.self] = newValue }
    }
}

/// The municipality a public request names and the version its content has now.
struct PortalHead: Sendable {
    var municipalityID: UUID
    var version: String

    /// nil for an unknown or archived municipality (the caller answers 404, like for an unpublished portal). Read on
    /// every public request, so it reads five columns of one row by its unique slug rather than the whole model (the
    /// vision's text, Fluent's reflection): the content itself is loaded only when the version changed.
    static func read(_ req: Request, slug: String?) async throws -> PortalHead? {
        guard let slug, !slug.isEmpty, slug.count <= 63, let sql = req.db as? any SQLDatabase else { return nil }
        guard let row = try await sql.raw("""
            SELECT id, frame_version, name, kind, archived_at FROM municipalities WHERE slug = \(bind: slug)
            """).first(),
              try row.decode(column: "archived_at", as: Date?.self) == nil else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        let today = req.application.municipalCalendar.today
        let version = [id.uuidString, String(try row.decode(column: "frame_version", as: Int.self)), today.iso, slug,
                       try row.decode(column: "name", as: String.self), try row.decode(column: "kind", as: String.self)]
            .joined(separator: "|")
        return PortalHead(municipalityID: id, version: version)
    }

    /// A strong entity tag for one page of this version.
    func eTag(_ pageKey: String) -> String {
        let digest = SHA256.hash(data: Data((version + "#" + pageKey).utf8))
        return "\"p-" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
