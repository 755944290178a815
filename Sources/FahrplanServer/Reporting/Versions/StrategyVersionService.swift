import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Strategy versions (Strategieversionen), shared by the web pages and the API: taking a version (strategy team),
/// the list, one version, the difference between two, and what changed since the last one (against the strategy as
/// it stands now, plus the audit trail after the version was taken). Every member reads.
///
/// A version is immutable once taken: name, day, note and snapshot never change, and no version is deleted — a
/// council's decision stays on record, and a diff against it must mean the same thing next year. A mistake is
/// corrected by taking a new version (whose note can say so).
struct StrategyVersionService {
    var db: any Database
    var context: MunicipalityContext
    /// Diffs already computed (versions never change, so a diff of two ids is valid for ever); nil computes each time.
    var diffs: StrategyVersionDiffCache?

    var canCreate: Bool { context.permissions.canEditFrame }

    /// How many audit events "since the last version" lists at most (newest first).
    static let sinceLastEventLimit = 500

    // MARK: reads

    /// Every version of the municipality, newest first; the snapshots are not read.
    func list() async throws -> [StrategyVersionSummary] {
        try await StrategyVersionRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .sort(\.$number, .descending)
            .field(\.$id).field(\.$number).field(\.$name).field(\.$adoptedOn).field(\.$adoptedBy).field(\.$note)
            .field(\.$elementCount).field(\.$kpiCount).field(\.$rankingCount).field(\.$roadmapCount)
            .field(\.$createdByName).field(\.$takenAt)
            .rows().map { output in
                let row = output.schema(StrategyVersionRecord.schema)
                let day = try row.decode("adopted_on", as: String.self)
                return StrategyVersionSummary(
                    id: try row.decode("id", as: UUID.self), number: try row.decode("number", as: Int.self),
                    name: try row.decode("name", as: String.self),
                    adoptedOn: CalendarDay(iso: day) ?? CalendarDay(year: 2000, month: 1, day: 1)!,
                    adoptedBy: try row.decode("adopted_by", as: String?.self), note: try row.decode("note", as: String?.self),
                    elementCount: try row.decode("element_count", as: Int.self), kpiCount: try row.decode("kpi_count", as: Int.self),
                    rankingCount: try row.decode("ranking_count", as: Int.self), roadmapCount: try row.decode("roadmap_count", as: Int.self),
                    createdByName: try row.decode("created_by_name", as: String.self), takenAt: try row.decode("taken_at", as: Date.self))
            }
    }

    /// The versions adopted in a period (first and last day included), oldest first — for reports.
    func list(adoptedFrom start: CalendarDay, to end: CalendarDay) async throws -> [StrategyVersionSummary] {
        try await list().filter { $0.adoptedOn >= start && $0.adoptedOn <= end }.sorted { $0.number < $1.number }
    }

    /// A version of this municipality by id; 404 for a malformed, unknown or another municipality's id.
    func record(_ id: String?) async throws -> StrategyVersionRecord {
        try await context.find(StrategyVersionRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func version(of record: StrategyVersionRecord) throws -> StrategyVersion {
        try StrategyVersion.decode(Data(record.snapshot.utf8))
    }

    /// The last version taken (highest number), if any.
    func latest() async throws -> StrategyVersionRecord? {
        try await StrategyVersionRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .sort(\.$number, .descending).first()
    }

    /// The strategy as it stands, as a version named `name` adopted today (not stored).
    func live(name: String) async throws -> StrategyVersion {
        try await StrategyVersionSnapshotter(db: db, municipality: context.municipality, municipalityID: context.municipalityID,
                                             context: context).snapshot(name: name, adoptedOn: context.calendar.today)
    }

    // MARK: diff

    struct Comparison: Sendable {
        /// Read without the snapshot: `fromVersion` / `toVersion` are the decoded ones.
        var from: StrategyVersionRecord
        var to: StrategyVersionRecord
        var diff: StrategyVersionDiff
        var fromVersion: StrategyVersion
        var toVersion: StrategyVersion
    }

    /// The difference between two of this municipality's versions, given as ids (query text). Problems are named by
    /// field: `from`/`to` missing (`required`) or not a version of this municipality (`unknownReference` — the same for
    /// an unknown id and another municipality's, so nothing is given away), and `to` the same as `from` (`duplicate`).
    func compare(from fromID: String?, to toID: String?) async throws -> Comparison {
        var check = Validator()
        let from = try await lookUp("from", fromID, &check)
        let to = try await lookUp("to", toID, &check)
        if let from, let to, from.id == to.id { check.add("to", .duplicate) }
        try check.finish()
        let key = StrategyVersionDiffCache.Key(from: try from!.requireID(), to: try to!.requireID())
        if let known = diffs?.value(key) {
            return Comparison(from: from!, to: to!, diff: known.diff, fromVersion: known.from, toVersion: known.to)
        }
        let old = try await storedVersion(key.from), new = try await storedVersion(key.to)
        let diff = try StrategyVersionDiff.compare(from: old, to: new)
        diffs?.store(key, .init(diff: diff, from: old, to: new))
        return Comparison(from: from!, to: to!, diff: diff, fromVersion: old, toVersion: new)
    }

    /// A version's snapshot, read on its own (the comparison's records are read without it).
    private func storedVersion(_ id: UUID) async throws -> StrategyVersion {
        guard let row = try await StrategyVersionRecord.query(on: db).filter(\.$id == id)
            .filter(\.$municipality.$id == context.municipalityID).field(\.$snapshot).rows().first
        else { throw FahrplanError.notFound }
        return try StrategyVersion.decode(Data(try row.schema(StrategyVersionRecord.schema).decode("snapshot", as: String.self).utf8))
    }

    private func lookUp(_ field: String, _ raw: String?, _ check: inout Validator) async throws -> StrategyVersionRecord? {
        guard let text = raw?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            check.add(field, .required)
            return nil
        }
        // Everything but the snapshot (650 KB for 2,000 projects): a cached comparison needs only the ids and names,
        // and decoding the two snapshots on every request was most of a cached comparison's time.
        guard let id = UUID(uuidString: text), let record = try await StrategyVersionRecord.query(on: db)
            .filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID)
            .field(\.$id).field(\.$municipality.$id).field(\.$number).field(\.$name).field(\.$adoptedOn).field(\.$adoptedBy)
            .field(\.$note).field(\.$elementCount).field(\.$kpiCount).field(\.$rankingCount).field(\.$roadmapCount)
            .field(\.$createdByID).field(\.$createdByName).field(\.$createdAt).field(\.$takenAt).field(\.$frameVersion).first()
        else {
            check.add(field, .unknownReference)
            return nil
        }
        return record
    }

    struct SinceLast: Sendable {
        var version: StrategyVersionRecord
        var diff: StrategyVersionDiff
        /// Newest first, at most `sinceLastEventLimit`.
        var events: [AuditEvent]
        var moreEvents: Bool
    }

    /// What changed since the last version: its difference to the strategy as it stands, and the audit trail after it
    /// was taken. Nil when no version was taken yet.
    func sinceLast() async throws -> SinceLast? {
        guard let last = try await latest() else { return nil }
        let old = try version(of: last)
        let now = try await live(name: old.name)
        let diff = try StrategyVersionDiff.compare(from: old, to: now)
        let events = try await AuditEvent.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$occurredAt >= last.takenAt).sort(\.$occurredAt, .descending).limit(Self.sinceLastEventLimit + 2).all()
            // The version's own event is where the trail starts, not a change since (stored times may be rounded).
            .filter { $0.entityID != last.id }
        return SinceLast(version: last, diff: diff, events: Array(events.prefix(Self.sinceLastEventLimit)),
                         moreEvents: events.count > Self.sinceLastEventLimit)
    }

    // MARK: taking a version

    /// Takes a version of the strategy as it stands (strategy team). The name must not be used by another version of
    /// the municipality (`name` / `alreadyTaken`). Numbering, snapshot and audit event happen in one transaction that
    /// first locks the municipality's row, so two versions taken at once get two numbers and two consistent snapshots.
    func create(_ input: StrategyVersionInput) async throws -> StrategyVersionRecord {
        try context.require(canCreate)
        let values = try input.validated(today: context.calendar.today)
        let municipalityID = context.municipalityID, actor = context.user, context = context
        return try await db.writeTransaction { db in
            if let sql = db as? any SQLDatabase {
                try await sql.raw("UPDATE municipalities SET frame_version = frame_version WHERE id = \(bind: municipalityID)").run()
            }
            let names = try await StrategyVersionRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                .field(\.$name).rows().map { try $0.schema(StrategyVersionRecord.schema).decode("name", as: String.self) }
            if names.contains(where: { $0.compare(values.name, options: [.caseInsensitive]) == .orderedSame }) {
                throw ValidationFailure([FieldProblem("name", .alreadyTaken)])
            }
            let number = (try await StrategyVersionRecord.query(on: db).filter(\.$municipality.$id == municipalityID)
                .max(\.$number) ?? 0) + 1
            guard let municipality = try await Municipality.find(municipalityID, on: db) else { throw FahrplanError.notFound }
            let snapshot = try await StrategyVersionSnapshotter(db: db, municipality: municipality, municipalityID: municipalityID,
                                                                context: context).snapshot(name: values.name, adoptedOn: values.adoptedOn)
            let record = StrategyVersionRecord()
            record.id = UUID()
            record.$municipality.id = municipalityID
            record.number = number
            record.name = values.name
            record.adoptedOn = values.adoptedOn.iso
            record.adoptedBy = values.adoptedBy
            record.note = values.note
            record.snapshot = String(decoding: try snapshot.encoded(), as: UTF8.self)
            record.elementCount = snapshot.elements.count
            record.kpiCount = snapshot.kpis.count
            record.rankingCount = snapshot.ranking.count
            record.roadmapCount = snapshot.roadmap.count
            record.createdByID = actor.id
            record.createdByName = actor.displayName
            let event = try AuditTrail.makeEvent(
                municipalityID: municipalityID, actor: actor, action: .create, entityType: "strategyVersion", entityID: record.id,
                label: "\(number) \(values.name)",
                changes: [FieldChange(field: "name", old: nil, new: values.name),
                          FieldChange(field: "adoptedOn", old: nil, new: values.adoptedOn.iso)]
                    + (values.adoptedBy.map { [FieldChange(field: "adoptedBy", old: nil, new: $0)] } ?? []))
            try await event.create(on: db)
            // The version's own event is its place in the trail: "since this version" is what came after it.
            record.takenAt = event.occurredAt
            record.frameVersion = municipality.frameVersion
            try await record.create(on: db)
            return record
        }
    }
}
