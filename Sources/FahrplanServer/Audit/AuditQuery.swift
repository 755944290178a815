import FahrplanCore
import Fluent
import Vapor

/// Reads the audit trail of one municipality, per item or as a whole, newest first, in pages.
struct AuditQuery {
    var db: any Database
    var municipalityID: UUID
    static let pageSize = 100
    /// Fractional seconds, so paging by time does not skip events within the same second.
    nonisolated(unsafe) static let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    func events(entityID: UUID? = nil, before: Date? = nil, limit: Int = pageSize) async throws -> [AuditEvent] {
        try await events(entityIDs: entityID.map { [$0] }, before: before, limit: limit)
    }

    /// Events of several items together, e.g. a project and the projects merged into it.
    func events(entityIDs: [UUID]?, before: Date? = nil, limit: Int = pageSize) async throws -> [AuditEvent] {
        var query = AuditEvent.query(on: db).filter(\.$municipality.$id == municipalityID)
        if let entityIDs { query = query.filter(\.$entityID ~~ entityIDs) }
        if let before { query = query.filter(\.$occurredAt < before) }
        return try await query.sort(\.$occurredAt, .descending).limit(limit).all()
    }

    func entries(for entityID: UUID?, request: Request, slug: String, before: Date? = nil) async throws -> [AuditEntryView] {
        try await entries(forAll: entityID.map { [$0] }, request: request, slug: slug, before: before)
    }

    func entries(forAll entityIDs: [UUID]?, request: Request, slug: String, before: Date? = nil) async throws -> [AuditEntryView] {
        let events = try await events(entityIDs: entityIDs, before: before)
        let labels = try await referenceLabels(from: request.application)
        return events.map { event in
            let kind = StrategyElementKind(rawValue: event.entityType)
            let itemURL: String? = kind.map { SiteURL.municipality(slug, .element($0, .value(event.entityID))).path } ?? Self.itemURL(event, slug: slug)
            return AuditEntryView(
                when: request.formatted(event.occurredAt),
                whenISO: AuditQuery.isoFormatter.string(from: event.occurredAt),
                who: event.actorName,
                action: Strings.text("audit.action.\(event.action)", request.language),
                item: event.entityLabel,
                itemURL: event.action == AuditAction.delete.rawValue ? nil : itemURL,
                changes: AuditTrail.changes(of: event).map { change in
                    AuditEntryView.Change(field: Strings.fieldLabel(change.field, request.language),
                                          old: display(change.old, labels), new: display(change.new, labels))
                })
        }
    }

    /// Ids in the trail (a parent, a department) are shown by their current name. Departments are known here;
    /// capabilities above Audit add theirs through `Application.auditLabelSources`.
    func referenceLabels(from app: Application) async throws -> [String: String] {
        var labels: [String: String] = [:]
        for source in app.auditLabelSources {
            labels.merge(try await source(db, municipalityID)) { first, _ in first }
        }
        for unit in try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            if let id = unit.id { labels[id.uuidString] = "\(unit.code) \(unit.name)" }
        }
        return labels
    }

    private func display(_ value: String?, _ labels: [String: String]) -> String {
        guard let value else { return "–" }
        return labels[value] ?? value
    }
}

extension AuditQuery {
    /// Where the item an event is about can be seen (nil for items without a page of their own).
    static func itemURL(_ event: AuditEvent, slug: String) -> String? {
        switch event.entityType {
        case "department": return SiteURL.municipality(slug, .department(.value(event.entityID))).path
        case "project": return SiteURL.municipality(slug, .project(.value(event.entityID))).path
        case "call": return SiteURL.municipality(slug, .call(.value(event.entityID))).path
        case "criterion": return SiteURL.municipality(slug, .criterion(.value(event.entityID))).path
        case "round": return SiteURL.municipality(slug, .round(.value(event.entityID))).path
        case "decision": return SiteURL.municipality(slug, .decisions()).path
        case "economicSettings": return SiteURL.municipality(slug, .economicSettings).path
        default: return nil
        }
    }
}

/// Names the ids of one capability's items for the audit trail: id → label, for one municipality.
typealias AuditLabelSource = @Sendable (any Database, UUID) async throws -> [String: String]

extension Application {
    private struct AuditLabelSourcesKey: StorageKey { typealias Value = [AuditLabelSource] }

    /// Filled at start-up by the composition root, before the server answers requests.
    var auditLabelSources: [AuditLabelSource] {
        get { storage[AuditLabelSourcesKey.self] ?? [] }
        set { storage[AuditLabelSourcesKey.self] = newValue }
    }
}
