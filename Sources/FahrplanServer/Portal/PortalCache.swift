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
}

/// The portal's content and rendered pages per municipality, valid for one content version. The version is read on
/// every request (one indexed row: `frame_version`, which every audited change raises — portal settings, public
/// marks, strategy, projects, status, milestones, KPIs, newsletters — plus name and today's day), so a stale entry is
/// never served, only replaced. One slot per municipality keeps memory bounded.
final class PortalCache: @unchecked Sendable {
    private struct Slot {
        var version: String
        var content: PortalContent?
        var pages: [String: PortalRendered]
    }

    private let lock = NSLock()
    private var slots: [UUID: Slot] = [:]

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
