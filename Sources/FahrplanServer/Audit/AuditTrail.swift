import FahrplanCore
import Fluent
import SQLKit
import Foundation
import Vapor

/// Writes audit events. Call it inside the same transaction as the change it records, so the trail and
/// the data can never disagree.
enum AuditTrail {
    static func record(on db: any Database, municipalityID: UUID?, actor: CurrentUser?, action: AuditAction,
                       entityType: String, entityID: UUID?, label: String, changes: [FieldChange] = [],
                       version: Int? = nil) async throws {
        let event = try makeEvent(municipalityID: municipalityID, actor: actor, action: action, entityType: entityType,
                                  entityID: entityID, label: label, changes: changes, version: version)
        // Installation events have their own table: audit_events is municipal data (migration 031).
        guard municipalityID != nil else { return try await InstallationAuditEvent(event).create(on: db) }
        try await event.create(on: db)
        if let municipalityID, staleningTypes(of: [entityType]) { try await bumpVersion(of: municipalityID, on: db) }
    }

    /// Prioritization records (criteria, rounds with their ratings, scenarios, decisions) feed none of the cached
    /// views — strategy snapshot, rendered strategy pages, duplicate index — so they leave the version alone: a
    /// rating campaign must not make every cache of the municipality rebuild on each saved form.
    static let uncachedEntityTypes: Set<String> = ["criterion", "round", "scenario", "decision"]

    private static func staleningTypes(of entityTypes: [String]) -> Bool {
        entityTypes.contains { !uncachedEntityTypes.contains($0) }
    }

    /// Many events in few statements, for bulk changes such as a spreadsheet import.
    static func recordAll(_ events: [AuditEvent], municipalityID: UUID, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        try await BulkInsert.insert(events, on: db)
        if staleningTypes(of: events.map(\.entityType)) { try await bumpVersion(of: municipalityID, on: db) }
    }

    static func makeEvent(municipalityID: UUID?, actor: CurrentUser?, action: AuditAction, entityType: String,
                          entityID: UUID?, label: String, changes: [FieldChange] = [], version: Int? = nil) throws -> AuditEvent {
        let event = AuditEvent()
        event.$municipality.id = municipalityID
        event.actorID = actor?.id
        event.actorName = actor.map { "\($0.displayName) <\($0.email)>" } ?? "System"
        event.occurredAt = Date()
        event.entityType = entityType
        event.entityID = entityID
        event.entityLabel = String(label.prefix(300))
        event.action = action.rawValue
        let encoded = try JSONEncoder().encode(changes)
        event.changes = String(decoding: encoded, as: UTF8.self)
        event.entityVersion = version
        return event
    }

    /// Every recorded change makes cached views of the municipality stale. An SQL increment, so that two
    /// concurrent changes can never leave the counter at the same value.
    static func bumpVersion(of municipalityID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.update(Municipality.schema)
            .set(SQLIdentifier("frame_version"), to: SQLBinaryExpression(SQLIdentifier("frame_version"), .add, SQLLiteral.numeric("1")))
            .where(SQLIdentifier("id"), .equal, SQLBind(municipalityID))
            .run()
    }

    static func changes(of event: AuditEvent) -> [FieldChange] {
        (try? JSONDecoder().decode([FieldChange].self, from: Data(event.changes.utf8))) ?? []
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
