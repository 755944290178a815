import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Newsletter issues (issue 18), shared by the pages and the API: a draft collects everything new since the last
/// published issue (`NewsletterSources` → the core's `NewsletterDigest`), the editors add their own text, and
/// publishing freezes the content. A published issue is never edited again. Every write runs in one transaction
/// with its audit event (entity type `newsletter`) and, for an edit or publishing, the row's version claimed
/// first (`RowVersion`), so a stale form or `If-Match` is refused.
///
/// Who: the strategy team writes and sees drafts; every member reads the published issues.
struct NewsletterService {
    var db: any Database
    var context: MunicipalityContext

    static let maxTitleLength = 200
    static let maxEditorialLength = 20_000
    /// The window of a municipality's first issue, which has no last issue to start after.
    static let firstIssueDays = 30

    var canWrite: Bool { context.permissions.canEditFrame }

    // MARK: reading

    /// The issues, newest first; drafts only for those who write.
    func list() async throws -> [NewsletterRecord] {
        var query = NewsletterRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !canWrite { query = query.filter(\.$state == NewsletterRecord.State.published.rawValue) }
        return try await query.sort(\.$number, .descending).all()
    }

    /// One issue of this municipality; a draft only for those who write (others: 404, as if it did not exist yet).
    func newsletter(_ id: String?) async throws -> NewsletterRecord {
        let record = try await context.find(NewsletterRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
        if !record.isPublished && !canWrite { throw FahrplanError.notFound }
        return record
    }

    func openDraft() async throws -> NewsletterRecord? {
        try await NewsletterRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$state == NewsletterRecord.State.draft.rawValue).sort(\.$number, .descending).first()
    }

    func lastPublished() async throws -> NewsletterRecord? {
        try await NewsletterRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$state == NewsletterRecord.State.published.rawValue).sort(\.$number, .descending).first()
    }

    /// The content: frozen for a published issue, assembled now for a draft. A draft with nothing to tell throws
    /// the core's `content` / `required`.
    func digest(of record: NewsletterRecord) async throws -> NewsletterDigest {
        if record.isPublished, let frozen = record.frozenDigest { return frozen }
        guard let since = record.sinceDay, let issue = record.issueDay else { throw ValidationFailure([FieldProblem("issueOn", .invalidDate)]) }
        let input = try await NewsletterSources.input(context.municipalityID, since: since, issueOn: issue, editorial: record.editorial,
                                                      calendar: context.calendar, on: db)
        return try NewsletterDigest.assemble(input)
    }

    // MARK: the portal's reads (helper T): published issues only, no permission needed (public data)

    /// The newest published issue of a municipality, or nil.
    static func latestPublished(municipalityID: UUID, on db: any Database) async throws -> PublishedNewsletter? {
        try await published(municipalityID: municipalityID, on: db, limit: 1).first
    }

    /// Published issues, newest first (by number), at most `limit` when given.
    static func published(municipalityID: UUID, on db: any Database, limit: Int? = nil) async throws -> [PublishedNewsletter] {
        var query = NewsletterRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$state == NewsletterRecord.State.published.rawValue).sort(\.$number, .descending)
        if let limit { query = query.limit(limit) }
        return try await query.all().compactMap(PublishedNewsletter.init)
    }

    /// One published issue by its number (the portal's `/p/:slug/newsletter/:number`), or nil.
    static func published(municipalityID: UUID, number: Int, on db: any Database) async throws -> PublishedNewsletter? {
        try await NewsletterRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$state == NewsletterRecord.State.published.rawValue).filter(\.$number == number).first()
            .flatMap(PublishedNewsletter.init)
    }

    // MARK: writing

    /// A draft as a form or the API sends it; days as German or ISO text.
    struct Form: Sendable {
        var title: String?
        var sinceOn: String?
        var issueOn: String?
        var editorial: String?
    }

    /// What a new draft starts with: the next number, news since the last published issue up to today.
    func suggestion() async throws -> (number: Int, form: Form) {
        let today = context.calendar.today
        let last = try await lastPublished()
        let number = try await nextNumber()
        let since = last?.issueDay ?? today.adding(days: -Self.firstIssueDays) ?? today
        return (number, Form(title: "digital.kanal \(number)", sinceOn: since.iso, issueOn: max(today, since).iso, editorial: nil))
    }

    func nextNumber() async throws -> Int {
        let highest = try await NewsletterRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .sort(\.$number, .descending).first()?.number ?? 0
        return highest + 1
    }

    struct Checked: Sendable {
        var title: String
        var since: CalendarDay
        var issue: CalendarDay
        var editorial: String?
    }

    /// Every problem at once: title required and short, days present and real, the issue day not before the
    /// window's start (the core's rule), the editorial not too long.
    func check(_ form: Form) throws -> Checked {
        var check = Validator()
        let title = check.text("title", form.title, required: true, max: Self.maxTitleLength)
        let editorial = check.text("editorial", form.editorial, required: false, max: Self.maxEditorialLength, multiline: true)
        func day(_ field: String, _ raw: String?) -> CalendarDay? {
            guard let text = CleanText.normalize(raw, multiline: false) else { check.add(field, .required); return nil }
            guard let day = CalendarDay(parsing: text) else { check.add(field, .invalidDate); return nil }
            return day
        }
        let since = day("sinceOn", form.sinceOn), issue = day("issueOn", form.issueOn)
        if let since, let issue, issue < since { check.add("issueOn", .endBeforeStart) }
        try check.finish()
        return Checked(title: title!, since: since!, issue: issue!, editorial: editorial)
    }

    /// A new draft with the next number. Several drafts may exist (a special issue next to the regular one);
    /// the "new" page points to an open one first.
    func createDraft(_ form: Form) async throws -> NewsletterRecord {
        try context.require(canWrite)
        let checked = try check(form)
        let record = NewsletterRecord()
        record.id = UUID()
        record.$municipality.id = context.municipalityID
        record.state = NewsletterRecord.State.draft.rawValue
        record.version = 1
        apply(checked, to: record)
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            // The number is taken inside the transaction; the unique key refuses a concurrent twin.
            let highest = try await NewsletterRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                .sort(\.$number, .descending).first()?.number ?? 0
            record.number = highest + 1
            try await record.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: "newsletter",
                                        entityID: record.id, label: Self.label(record),
                                        changes: FieldChange.between([:], Self.snapshot(record), fields: Self.auditFields), version: 1)
        }
        return record
    }

    /// Saves a draft's title, window and editorial. A published issue is not edited again (`state` /
    /// `invalidTransition`).
    func updateDraft(_ record: NewsletterRecord, _ form: Form, expected: Int?) async throws {
        try context.require(canWrite)
        try Self.requireDraft(record)
        let checked = try check(form)
        let id = try record.requireID()
        let before = Self.snapshot(record)
        apply(checked, to: record)
        let changes = FieldChange.between(before, Self.snapshot(record), fields: Self.auditFields)
        let municipalityID = context.municipalityID, actor = context.user
        if changes.isEmpty { try RowVersion.check(expected, against: record.version); return }
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(NewsletterRecord.schema, id: id, expected: expected, on: db)
            // Claimed: nobody published it in between (publishing claims the version too).
            record.version = version
            try await record.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: "newsletter",
                                        entityID: id, label: Self.label(record), changes: changes, version: version)
        }
    }

    /// Publishes a draft: assembles its content once more and freezes it. Nothing to tell is refused with the
    /// core's problem (`content` / `required`) and nothing written.
    func publish(_ record: NewsletterRecord, expected: Int?) async throws {
        try context.require(canWrite)
        try Self.requireDraft(record)
        let digest = try await digest(of: record)
        let id = try record.requireID()
        let today = context.calendar.today
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(NewsletterRecord.schema, id: id, expected: expected, on: db)
            record.version = version
            record.state = NewsletterRecord.State.published.rawValue
            record.publishedOn = today.iso
            record.publishedAt = Date()
            record.publishedByName = actor.displayName
            record.digestJSON = NewsletterRecord.encode(digest)
            try await record.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: "newsletter",
                                        entityID: id, label: Self.label(record),
                                        changes: [FieldChange(field: "state", old: NewsletterRecord.State.draft.rawValue,
                                                              new: NewsletterRecord.State.published.rawValue),
                                                  FieldChange(field: "publishedOn", old: nil, new: today.iso)],
                                        version: version)
        }
    }

    static func requireDraft(_ record: NewsletterRecord) throws {
        if record.isPublished {
            throw ValidationFailure([FieldProblem("state", .invalidTransition(from: NewsletterRecord.State.published.rawValue,
                                                                               to: NewsletterRecord.State.draft.rawValue))])
        }
    }

    private func apply(_ checked: Checked, to record: NewsletterRecord) {
        record.title = checked.title
        record.sinceOn = checked.since.iso
        record.issueOn = checked.issue.iso
        record.editorial = checked.editorial
    }

    static let auditFields = ["number", "title", "sinceOn", "issueOn", "editorial"]

    static func snapshot(_ record: NewsletterRecord) -> [String: String?] {
        ["number": String(record.number), "title": record.title, "sinceOn": record.sinceOn, "issueOn": record.issueOn,
         "editorial": record.editorial]
    }

    static func label(_ record: NewsletterRecord) -> String { "Newsletter \(record.number): \(record.title)" }
}
