import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// A newsletter draft with an editorial (so that it has content to preview, render and publish), for the
/// tenant-isolation walk's `:newsletter` routes.
struct WalkNewsletter {
    var newsletterID: UUID

    static func create(context: MunicipalityContext, suffix: String, on db: any Database) async throws -> WalkNewsletter {
        let record = try await NewsletterService(db: db, context: context).createDraft(.init(
            title: "Walk-Newsletter \(suffix)", sinceOn: "2026-11-01", issueOn: "2026-12-06", editorial: "Walk-Vorwort \(suffix)"))
        return WalkNewsletter(newsletterID: try record.requireID())
    }
}

extension RouteWalk {
    /// Form fields of the newsletter pages (a draft's title, window, editorial; no version: no precondition).
    static func newsletterForm(segments: [String]) -> [(String, String)]? {
        guard segments.count > 2, segments[2] == "newsletter" else { return nil }
        switch segments.last {
        case "new", "edit":
            return [("title", "Übernommener Newsletter"), ("sinceOn", "01.11.2026"), ("issueOn", "06.12.2026"),
                    ("editorial", "Überschrieben."), ("version", "")]
        case "publish": return [("version", "")]
        default: return nil
        }
    }

    /// JSON bodies of the newsletter API.
    static func newsletterJSON(segments: [String]) -> [String: Any]? {
        guard segments.count > 2, segments[0] == "api", segments[2] == "newsletters" else { return nil }
        switch segments.last {
        case "publish": return [:]
        default: return ["title": "Übernommener Newsletter", "sinceOn": "2026-11-01", "issueOn": "2026-12-06", "editorial": "Überschrieben."]
        }
    }

    /// After a probe on the own municipality published the walk's draft, it is a draft again, so that the next
    /// probes (edit, publish through the API) have a draft to act on.
    static func restoreNewsletter(after probe: Probe, own: WalkTarget, on db: any Database) async throws {
        guard probe.method != .GET, probe.pattern.contains("newsletter"), let id = own.newsletter?.newsletterID,
              let record = try await NewsletterRecord.find(id, on: db), record.isPublished else { return }
        record.state = NewsletterRecord.State.draft.rawValue
        record.publishedOn = nil; record.publishedAt = nil; record.publishedByName = nil; record.digestJSON = nil
        try await record.save(on: db)
    }
}

extension TenantSnapshot {
    /// The municipality's newsletter issues as lines, for the before/after comparison of the walk.
    static func newsletterLines(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        try await NewsletterRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all().map { n in
            "newsletter \(n.id?.uuidString ?? "nil") number=\(n.number) title=\(n.title) since=\(n.sinceOn) issue=\(n.issueOn) "
                + "editorial=\(n.editorial ?? "nil") state=\(n.state) published=\(n.publishedOn ?? "nil") digest=\(n.digestJSON ?? "nil") version=\(n.version)"
        }
    }
}
