import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// The inventory (Bestandsaufnahme), shared by the web pages, the API and the command line: the maturity model,
/// IT systems and administrative services. Validation is the core's (`ITSystemInput`, `AdministrativeServiceInput`);
/// here references are resolved inside the municipality, permissions checked, and every write runs in one
/// transaction with its audit event (entity types `itSystem`, `administrativeService`, `inventoryModel`) and, for an edit,
/// the row's version claimed first (`RowVersion`), so a stale form or `If-Match` is refused.
///
/// Who may write: the strategy team everything (also the model and imports); a department lead the systems their
/// units use and the services their units are responsible for; everybody else reads.
struct InventoryService {
    var db: any Database
    var context: MunicipalityContext

    static let maxNoteLength = 2000

    // MARK: permissions

    var canManage: Bool { context.permissions.canEditFrame }
    var canCreate: Bool { canManage || (context.role == .departmentLead && !context.permissions.ownDepartmentIDs.isEmpty) }

    func canEdit(departmentIDs: [UUID]) -> Bool {
        canManage || (context.role == .departmentLead && departmentIDs.contains { context.permissions.ownDepartmentIDs.contains($0.uuidString) })
    }

    // MARK: maturity model

    /// The municipality's model (OZG 0–4 until it chooses another) and the settings row's version (0 without one).
    func modelSettings() async throws -> (model: MaturityModel, version: Int) {
        let row = try await InventorySettingsRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).first()
        return (row?.maturityModel ?? .ozg, row?.version ?? 0)
    }

    func maturityModel() async throws -> MaturityModel { try await modelSettings().model }

    /// Replaces the model (strategy team). Assessments stay: a criterion the new model lacks is no longer counted.
    /// A model lacking a level that a service is currently rated on is refused (`ModelLevelsInUse`, checked inside
    /// the transaction), so no known rating turns into "unknown". `expected` 0 means "no model saved yet".
    @discardableResult
    func saveModel(_ model: MaturityModel, expected: Int?) async throws -> Int {
        try context.require(canManage)
        let model = try model.validated()
        let municipalityID = context.municipalityID, actor = context.user, today = context.calendar.today
        return try await db.writeTransaction { db in
            let existing = try await InventorySettingsRecord.query(on: db).filter(\.$municipality.$id == municipalityID).first()
            let before = existing?.maturityModel ?? .ozg
            let ratings = try await Self.currentRatings(municipalityID: municipalityID, today: today, model: before, on: db)
            let impact = MaturityModelChange.impact(from: before, to: model, current: ratings)
            if !impact.isSafe { throw ModelLevelsInUse(missing: impact.missing) }
            let version: Int
            if let existing, let id = existing.id {
                version = try await RowVersion.claim(InventorySettingsRecord.schema, id: id, expected: expected, on: db)
                existing.maturityModelJSON = InventorySettingsRecord.encode(model)
                existing.version = version
                try await existing.save(on: db)
            } else {
                if let expected, expected != 0 { throw StaleEdit(currentVersion: 0) }
                let row = InventorySettingsRecord()
                row.id = UUID(); row.$municipality.id = municipalityID; row.version = 1
                row.maturityModelJSON = InventorySettingsRecord.encode(model)
                try await row.create(on: db)
                version = 1
            }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update,
                                        entityType: "inventoryModel", entityID: nil, label: model.key,
                                        changes: [FieldChange(field: "maturityModel", old: Self.describe(before), new: Self.describe(model))],
                                        version: version)
            return version
        }
    }

    static func describe(_ model: MaturityModel) -> String {
        "\(model.key): \(model.levels.map { "\($0.number) \($0.germanLabel)" }.joined(separator: ", ")); "
            + model.criteria.map(\.germanName).joined(separator: ", ")
    }

    // MARK: IT systems

    /// An IT system as a form, the API or a spreadsheet row sends it: references as id, code or name.
    struct SystemForm: Sendable {
        var input: ITSystemInput
        /// One entry per `input.projectIDs`: `replaces` or `extends`; blank or missing takes the default (a
        /// system to be replaced or retired is replaced by its projects, any other is extended).
        var projectRelations: [String?] = []
        var note: String?
        /// The edit version the form was loaded with; nil on create (and for a write without precondition).
        var version: Int?
    }

    /// A system checked and with its references resolved, ready to store.
    struct CheckedSystem: Sendable {
        var system: ITSystem
        var note: String?
        var departmentIDs: [UUID]
        var projects: [(id: UUID, relation: ITSystemProjectRelation)]
    }

    static let systemAuditFields = ["name", "vendor", "product", "hosting", "contractEndsOn", "interfaces", "dataProtection",
                                    "lifecycle", "note", "departments", "projects"]

    func systems(includeArchived: Bool = false) async throws -> [ITSystemRecord] {
        var query = ITSystemRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includeArchived { query = query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$nameKey).all()
    }

    func system(_ id: String?) async throws -> ITSystemRecord {
        try await context.find(ITSystemRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    /// The departments using each system, by system id.
    func systemDepartments(_ systemIDs: [UUID]? = nil) async throws -> [UUID: [UUID]] {
        var query = ITSystemDepartmentRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if let systemIDs { query = query.filter(\.$system.$id ~~ systemIDs) }
        var result: [UUID: [UUID]] = [:]
        for row in try await query.field(\.$system.$id).field(\.$department.$id).rows() {
            let r = row.schema(ITSystemDepartmentRecord.schema)
            result[try r.decode("system_id", as: UUID.self), default: []].append(try r.decode("department_id", as: UUID.self))
        }
        return result
    }

    /// The projects linked to each system, by system id.
    func systemProjects(_ systemIDs: [UUID]? = nil) async throws -> [UUID: [(id: UUID, relation: ITSystemProjectRelation)]] {
        var query = ITSystemProjectRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if let systemIDs { query = query.filter(\.$system.$id ~~ systemIDs) }
        var result: [UUID: [(id: UUID, relation: ITSystemProjectRelation)]] = [:]
        for row in try await query.field(\.$system.$id).field(\.$project.$id).field(\.$relation).rows() {
            let r = row.schema(ITSystemProjectRecord.schema)
            result[try r.decode("system_id", as: UUID.self), default: []].append(
                (try r.decode("project_id", as: UUID.self), ITSystemProjectRelation(rawValue: try r.decode("relation", as: String.self)) ?? .extends))
        }
        return result
    }

    func canEdit(system: ITSystemRecord) async throws -> Bool {
        if canManage { return true }
        return canEdit(departmentIDs: try await systemDepartments([system.requireID()])[system.requireID()] ?? [])
    }

    func createSystem(_ form: SystemForm) async throws -> ITSystemRecord {
        try context.require(canCreate)
        let lookup = try await InventoryLookup.load(db, municipalityID: context.municipalityID)
        let checked = try await checkSystem(form, lookup: lookup, excluding: nil)
        // A department lead records systems of their own units only.
        try context.require(canEdit(departmentIDs: checked.departmentIDs))
        let record = ITSystemRecord(municipalityID: context.municipalityID)
        record.apply(checked.system, note: checked.note)
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            try await record.create(on: db)
            try await Self.writeLinks(record.requireID(), checked, municipalityID: municipalityID, on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: "itSystem",
                                        entityID: record.id, label: record.name,
                                        changes: FieldChange.between([:], Self.snapshot(record, checked.departmentIDs, checked.projects),
                                                                     fields: Self.systemAuditFields), version: 1)
        }
        return record
    }

    func updateSystem(_ record: ITSystemRecord, _ form: SystemForm) async throws {
        try context.require(try await canEdit(system: record))
        let id = try record.requireID()
        let lookup = try await InventoryLookup.load(db, municipalityID: context.municipalityID)
        let checked = try await checkSystem(form, lookup: lookup, excluding: id)
        try context.require(canEdit(departmentIDs: checked.departmentIDs))
        let before = Self.snapshot(record, try await systemDepartments([id])[id] ?? [], try await systemProjects([id])[id] ?? [])
        record.apply(checked.system, note: checked.note)
        let changes = FieldChange.between(before, Self.snapshot(record, checked.departmentIDs, checked.projects), fields: Self.systemAuditFields)
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(ITSystemRecord.schema, id: id, expected: form.version, on: db)
            record.version = version
            try await record.save(on: db)
            try await ITSystemDepartmentRecord.query(on: db).filter(\.$system.$id == id).delete()
            try await ITSystemProjectRecord.query(on: db).filter(\.$system.$id == id).delete()
            try await Self.writeLinks(id, checked, municipalityID: municipalityID, on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: "itSystem",
                                        entityID: id, label: record.name, changes: changes, version: version)
        }
    }

    /// Archives (or restores) a system; its links stay, so a restore brings it back whole.
    func setSystemArchived(_ record: ITSystemRecord, _ archived: Bool, expected: Int?) async throws {
        try context.require(try await canEdit(system: record))
        let id = try record.requireID()
        if (record.archivedAt != nil) == archived { try RowVersion.check(expected, against: record.version); return }
        if !archived { try await ensureUniqueName(ITSystemRecord.self, record.nameKey, excluding: id, field: "name") }
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(ITSystemRecord.schema, id: id, expected: expected, on: db)
            record.version = version
            record.archivedAt = archived ? Date() : nil
            try await record.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: archived ? .archive : .restore,
                                        entityType: "itSystem", entityID: id, label: record.name, version: version)
        }
    }

    static func writeLinks(_ systemID: UUID, _ checked: CheckedSystem, municipalityID: UUID, on db: any Database) async throws {
        let departments = checked.departmentIDs.map { ITSystemDepartmentRecord(municipalityID: municipalityID, systemID: systemID, departmentID: $0) }
        if !departments.isEmpty { try await departments.create(on: db) }
        let projects = checked.projects.map { ITSystemProjectRecord(municipalityID: municipalityID, systemID: systemID, projectID: $0.id, relation: $0.relation) }
        if !projects.isEmpty { try await projects.create(on: db) }
    }

    /// Validates in the core, then resolves departments and projects (by id, code or name) and refuses a name
    /// another active system has; every problem at once.
    func checkSystem(_ form: SystemForm, lookup: InventoryLookup, excluding: UUID?, checkName: Bool = true) async throws -> CheckedSystem {
        var problems: [FieldProblem] = []
        var system: ITSystem?
        do { system = try form.input.validated() } catch let failure as ValidationFailure { problems += failure.problems }
        var check = Validator()
        let note = check.text("note", form.note, required: false, max: Self.maxNoteLength, multiline: true)
        problems += check.problems
        var departments: [UUID] = []
        for (index, text) in (system?.departmentIDs ?? []).enumerated() {
            guard let id = lookup.department(text) else { problems.append(FieldProblem("departmentIDs[\(index)]", .unknownReference)); continue }
            if departments.contains(id) { problems.append(FieldProblem("departmentIDs[\(index)]", .duplicate)) } else { departments.append(id) }
        }
        var projects: [(id: UUID, relation: ITSystemProjectRelation)] = []
        let fallback: ITSystemProjectRelation = [.replace, .retire].contains(system?.lifecycle) ? .replaces : .extends
        for (index, text) in (system?.projectIDs ?? []).enumerated() {
            var relation = fallback
            if index < form.projectRelations.count, let raw = CleanText.normalize(form.projectRelations[index], multiline: false) {
                guard let parsed = Self.relation(raw) else { problems.append(FieldProblem("projectRelations[\(index)]", .invalidChoice)); continue }
                relation = parsed
            }
            guard let id = lookup.project(text) else { problems.append(FieldProblem("projectIDs[\(index)]", .unknownReference)); continue }
            if projects.contains(where: { $0.id == id }) { problems.append(FieldProblem("projectIDs[\(index)]", .duplicate)) } else { projects.append((id, relation)) }
        }
        if checkName, let system {
            do { try await ensureUniqueName(ITSystemRecord.self, GermanFolding.matchKey(system.name), excluding: excluding, field: "name") }
            catch let failure as ValidationFailure { problems += failure.problems }
        }
        try ValidationFailure.throwing(problems)
        return CheckedSystem(system: system!, note: note, departmentIDs: departments, projects: projects)
    }

    /// `replaces`/`extends`, or the German words people use (`ersetzt`, `löst ab`, `erweitert`).
    static func relation(_ text: String) -> ITSystemProjectRelation? {
        if let exact = ITSystemProjectRelation(rawValue: text) { return exact }
        let key = GermanFolding.matchKey(text)
        if ["ersetzt", "ersetzen", "löst ab", "Ablösung", "ablösen", "replace", "replaces"].contains(where: { GermanFolding.matchKey($0) == key }) {
            return .replaces
        }
        if ["erweitert", "erweitern", "Erweiterung", "Anbindung", "extend", "extends"].contains(where: { GermanFolding.matchKey($0) == key }) {
            return .extends
        }
        return nil
    }

    static func snapshot(_ record: ITSystemRecord, _ departments: [UUID], _ projects: [(id: UUID, relation: ITSystemProjectRelation)]) -> [String: String?] {
        ["name": record.name, "vendor": record.vendor, "product": record.product, "hosting": record.hosting,
         "contractEndsOn": record.contractEndsOn, "interfaces": record.interfaces.isEmpty ? nil : record.interfaces.joined(separator: "; "),
         "dataProtection": record.dataProtection, "lifecycle": record.lifecycle, "note": record.note,
         "departments": departments.isEmpty ? nil : departments.map(\.uuidString).sorted().joined(separator: ", "),
         "projects": projects.isEmpty ? nil : projects.map { "\($0.id.uuidString) \($0.relation.rawValue)" }.sorted().joined(separator: ", ")]
    }

    /// Names are unique among the active items of a kind, so that a spreadsheet row names one item.
    func ensureUniqueName<M: Model>(_ type: M.Type, _ key: String, excluding: UUID?, field: String) async throws where M.IDValue == UUID {
        guard let sql = db as? any SQLDatabase else { return }
        var select = sql.select().column("id").from(M.schema)
            .where("municipality_id", .equal, SQLBind(context.municipalityID)).where("name_key", .equal, SQLBind(key))
            .where("archived_at", .is, SQLLiteral.null)
        if let excluding { select = select.where("id", .notEqual, SQLBind(excluding)) }
        if try await select.first() != nil { throw ValidationFailure([FieldProblem(field, .alreadyTaken)]) }
    }
}
