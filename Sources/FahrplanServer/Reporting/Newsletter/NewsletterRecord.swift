import FahrplanCore
import Fluent
import Foundation

/// One newsletter issue (see `CreateNewsletters`): a draft the strategy team edits, or a published issue whose
/// content (`digestJSON`) was frozen when it was published and is never changed again.
final class NewsletterRecord: Model, @unchecked Sendable {
    static let schema = "newsletters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "since_on") var sinceOn: String
    @Field(key: "issue_on") var issueOn: String
    @OptionalField(key: "editorial") var editorial: String?
    @Field(key: "state") var state: String
    @OptionalField(key: "published_on") var publishedOn: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by_name") var publishedByName: String?
    @OptionalField(key: "digest") var digestJSON: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    enum State: String, Codable, Sendable, CaseIterable {
        case draft, published
    }

    var isPublished: Bool { state == State.published.rawValue }
    var sinceDay: CalendarDay? { CalendarDay(iso: sinceOn) }
    var issueDay: CalendarDay? { CalendarDay(iso: issueOn) }
    var publishedDay: CalendarDay? { publishedOn.flatMap(CalendarDay.init(iso:)) }

    /// The frozen content of a published issue; nil for a draft (and for a row whose JSON was damaged by hand).
    var frozenDigest: NewsletterDigest? {
        digestJSON.flatMap { try? JSONDecoder().decode(NewsletterDigest.self, from: Data($0.utf8)) }
    }

    static func encode(_ digest: NewsletterDigest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(digest)) ?? Data(), as: UTF8.self)
    }

    var properties: [any AnyProperty] { [_id, _municipality, _number, _title, _sinceOn, _issueOn, _editorial, _state, _publishedOn, _publishedAt, _publishedByName, _digestJSON, _version, _createdAt, _updatedAt] }
}

/// A published issue as other parts read it (the transparency portal, its feed): the editorial already rendered
/// as safe HTML (`SafeMarkdown`: raw HTML shown as text, only http(s)/mailto/relative links) and the frozen digest.
struct PublishedNewsletter: Sendable {
    var id: UUID
    var number: Int
    var title: String
    var sinceOn: CalendarDay
    var issueOn: CalendarDay
    var publishedOn: CalendarDay
    /// When it was published (the Atom feed's `updated`).
    var publishedAt: Date
    /// The editors' text as Markdown (nil without one) and as safe HTML ("" without one).
    var editorial: String?
    var editorialHTML: String
    var digest: NewsletterDigest

    init?(_ record: NewsletterRecord) {
        guard record.isPublished, let id = record.id, let since = record.sinceDay, let issue = record.issueDay,
              let published = record.publishedDay, let digest = record.frozenDigest else { return nil }
        self.id = id; number = record.number; title = record.title; sinceOn = since; issueOn = issue; publishedOn = published
        publishedAt = record.publishedAt ?? record.updatedAt ?? Date(timeIntervalSince1970: 0)
        editorial = record.editorial
        editorialHTML = SafeMarkdown.html(record.editorial)
        self.digest = digest
    }
}
