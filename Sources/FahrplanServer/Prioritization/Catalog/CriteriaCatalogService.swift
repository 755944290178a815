import FahrplanCore
import Fluent
import Foundation

/// The municipality's criteria catalog (Kriterienkatalog). Rounds copy criteria, so changes here never
/// reach a round that already exists.
struct CriteriaCatalogService {
    var db: any Database
    var context: MunicipalityContext

    func criteria(includeArchived: Bool = false) async throws -> [CatalogCriterion] {
        let query = CatalogCriterion.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includeArchived { query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$position).sort(\.$key).all()
    }

    func criterion(_ id: String?) async throws -> CatalogCriterion {
        try await context.find(CatalogCriterion.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    /// Loads Fahrplan's default catalog (in the UI language) into an empty catalog; a catalog that has
    /// criteria is left alone.
    @discardableResult
    func loadDefaults(english: Bool) async throws -> Int {
        try context.require(context.permissions.canManagePrioritization)
        let municipalityID = context.municipalityID
        let actor = context.user
        return try await db.writeTransaction { db in
            let existing = try await CatalogCriterion.query(on: db).filter(\.$municipality.$id == municipalityID).count()
            guard existing == 0 else { return 0 }
            let rows = Self.defaultRows(municipalityID: municipalityID, english: english)
            for row in rows { try await row.create(on: db) }
            try await AuditTrail.recordAll(try rows.map { row in
                try AuditTrail.makeEvent(municipalityID: municipalityID, actor: actor, action: .create, entityType: "criterion",
                                         entityID: row.id, label: row.name)
            }, municipalityID: municipalityID, on: db)
            return rows.count
        }
    }

    static func defaultRows(municipalityID: UUID, english: Bool) -> [CatalogCriterion] {
        let weights = DefaultCriteriaCatalog.defaultWeights()
        return DefaultCriteriaCatalog.criteria(english: english).enumerated().map { index, criterion in
            CatalogCriterion(municipalityID: municipalityID, criterion: criterion,
                             defaultWeight: weights[criterion.key] ?? 0, position: (index + 1) * 10)
        }
    }

    func create(_ input: CriterionInput) async throws -> CatalogCriterion {
        try context.require(context.permissions.canManagePrioritization)
        let (criterion, weight) = try input.validated()
        try await requireUniqueKey(criterion.key, except: nil)
        let position = (try await CatalogCriterion.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .max(\.$position) ?? 0) + 10
        let row = CatalogCriterion(municipalityID: context.municipalityID, criterion: criterion, defaultWeight: weight, position: position)
        try await db.writeTransaction { db in
            try await row.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .create,
                                        entityType: "criterion", entityID: row.id, label: row.name)
        }
        return row
    }

    static let auditedFields = ["key", "name", "description", "direction", "source", "levels", "defaultWeight"]

    /// The criterion as the audit trail records it.
    static func snapshot(_ row: CatalogCriterion) -> [String] {
        [row.key, row.name, row.description, row.direction, row.source, row.levels, "\(row.defaultWeight)"]
    }

    static func auditSnapshot(_ row: CatalogCriterion) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: zip(auditedFields, snapshot(row).map { Optional($0) }))
    }

    /// `expectedVersion`: the edit version the input is based on; a save based on an older one throws
    /// `StaleEdit` (nil: an API PATCH without If-Match).
    func update(_ row: CatalogCriterion, _ input: CriterionInput, expectedVersion: Int? = nil) async throws {
        try context.require(context.permissions.canManagePrioritization)
        let (criterion, weight) = try input.validated()
        try await requireUniqueKey(criterion.key, except: row.id)
        let before = Self.snapshot(row)
        row.apply(criterion)
        row.defaultWeight = weight
        let changes = FieldChange.between(Self.auditedFields, before, Self.snapshot(row))
        guard !changes.isEmpty else { return try RowVersion.check(expectedVersion, against: row.version) }
        try await db.writeTransaction { db in
            row.storedVersion = try await RowVersion.claim(CatalogCriterion.schema, id: row.requireID(), expected: expectedVersion, on: db)
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "criterion", entityID: row.id, label: row.name, changes: changes, version: row.version)
        }
    }

    func setArchived(_ row: CatalogCriterion, _ archived: Bool) async throws {
        try context.require(context.permissions.canManagePrioritization)
        guard (row.archivedAt != nil) != archived else { return }
        row.archivedAt = archived ? Date() : nil
        try await db.writeTransaction { db in
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user,
                                        action: archived ? .archive : .restore, entityType: "criterion", entityID: row.id, label: row.name)
        }
    }

    private func requireUniqueKey(_ key: String, except id: UUID?) async throws {
        let holder = try await CatalogCriterion.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$key == key).first()
        if let holder, holder.id != id { throw ValidationFailure([FieldProblem("key", .alreadyTaken)]) }
    }
}
