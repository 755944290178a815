import FahrplanCore
import Fluent
import Foundation

/// A municipality's organisation chart: reading it as a tree and changing it with an audit trail.
struct DepartmentDirectory {
    var db: any Database
    var municipalityID: UUID

    struct Entry {
        var department: Department
        var depth: Int
    }

    func tree(includeArchived: Bool = false) async throws -> [Entry] {
        var query = Department.query(on: db).filter(\.$municipality.$id == municipalityID)
        if !includeArchived { query = query.filter(\.$archivedAt == nil) }
        let units = try await query.all()
        let byID = Dictionary(units.compactMap { unit in unit.id.map { ($0, unit) } }, uniquingKeysWith: { a, _ in a })
        let tree = DepartmentTree(units: units.compactMap { unit in
            unit.id.map { (id: $0, parentID: unit.$parent.id, sortKey: unit.code) }
        })
        return tree.ordered.compactMap { node in byID[node.id].map { Entry(department: $0, depth: node.depth) } }
    }

    /// Short codes by id, archived units included (old projects still name them).
    func codes() async throws -> [UUID: String] {
        let rows = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID)
            .field(\.$id).field(\.$code).rows()
        var codes: [UUID: String] = [:]
        for row in rows {
            let row = row.schema(Department.schema)
            codes[try row.decode("id", as: UUID.self)] = try row.decode("code", as: String.self)
        }
        return codes
    }

    /// Select options with the depth shown by indentation (non-breaking spaces survive HTML escaping).
    func indentedOptions(selected: String?, excludingSubtreeOf excluded: UUID? = nil) async throws -> [Option] {
        let entries = try await tree()
        var hidden: Set<UUID> = []
        if let excluded {
            let tree = DepartmentTree(units: entries.compactMap { e in e.department.id.map { (id: $0, parentID: e.department.$parent.id, sortKey: e.department.code) } })
            hidden = tree.subtree(of: excluded)
        }
        return entries.filter { !hidden.contains($0.department.id ?? UUID()) }.map { entry in
            Option(value: entry.department.id?.uuidString ?? "",
                   label: String(repeating: "\u{00A0}\u{00A0}", count: entry.depth) + "\(entry.department.code) \(entry.department.name)",
                   selected: entry.department.id?.uuidString == selected)
        }
    }
}

/// What a person submits for an organisational unit.
struct DepartmentInput: Sendable {
    var code: String?
    var name: String?
    var level: String?
    var parentID: String?
    var headName: String?
}

struct DepartmentService {
    var db: any Database
    var context: MunicipalityContext

    static let auditedFields = ["code", "name", "level", "parentID", "headName"]

    static func snapshot(_ unit: Department) -> [String: String?] {
        ["code": unit.code, "name": unit.name, "level": unit.level, "parentID": unit.$parent.id?.uuidString, "headName": unit.headName]
    }

    func unit(_ id: String?) async throws -> Department {
        try await context.find(Department.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    /// `expectedVersion`: the edit version the input is based on; a save based on an older one throws
    /// `StaleEdit` (nil: an API PATCH without If-Match, or a new unit).
    func save(_ input: DepartmentInput, into existing: Department?, expectedVersion: Int? = nil) async throws -> Department {
        try context.require(context.permissions.canManageOrganisation)
        var check = Validator()
        let code = check.text("code", input.code, required: true, max: 20)
        let name = check.text("name", input.name, required: true, max: 200)
        let headName = check.text("headName", input.headName, required: false, max: 200)
        let level = DepartmentLevel(rawValue: input.level ?? "")
        if level == nil { check.add("level", .invalidChoice) }
        var parentID: UUID?
        if let rawParent = CleanText.normalize(input.parentID, multiline: false) {
            if let id = UUID(uuidString: rawParent),
               try await Department.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first() != nil {
                parentID = id
                if let existingID = existing?.id {
                    let entries = try await DepartmentDirectory(db: db, municipalityID: context.municipalityID).tree(includeArchived: true)
                    let tree = DepartmentTree(units: entries.compactMap { e in e.department.id.map { (id: $0, parentID: e.department.$parent.id, sortKey: e.department.code) } })
                    if tree.wouldCreateCycle(moving: existingID, under: id) { check.add("parentID", .cycle) }
                }
            } else {
                check.add("parentID", .unknownReference)
            }
        }
        if let code {
            var duplicate = Department.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$code == code)
            if let existingID = existing?.id { duplicate = duplicate.filter(\.$id != existingID) }
            if try await duplicate.first() != nil { check.add("code", .alreadyTaken) }
        }
        try check.finish()

        let unit = existing ?? Department(municipalityID: context.municipalityID, code: "", name: "", level: "", parentID: nil, headName: nil)
        let before = existing.map(Self.snapshot) ?? [:]
        unit.code = code ?? ""
        unit.name = name ?? ""
        unit.level = level?.rawValue ?? DepartmentLevel.office.rawValue
        unit.$parent.id = parentID
        unit.headName = headName
        let changes = FieldChange.between(before, Self.snapshot(unit), fields: Self.auditedFields)
        if let existing, changes.isEmpty {
            try RowVersion.check(expectedVersion, against: existing.version)
            return unit
        }
        try await db.writeTransaction { db in
            if existing == nil {
                unit.storedVersion = 1
            } else {
                unit.storedVersion = try await RowVersion.claim(Department.schema, id: unit.requireID(), expected: expectedVersion, on: db)
            }
            try await unit.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user,
                                        action: existing == nil ? .create : .update, entityType: "department",
                                        entityID: unit.id, label: "\(unit.code) \(unit.name)", changes: changes, version: unit.version)
        }
        return unit
    }

    func setArchived(_ unit: Department, _ archived: Bool) async throws {
        try context.require(context.permissions.canManageOrganisation)
        guard (unit.archivedAt != nil) != archived else { return }
        unit.archivedAt = archived ? Date() : nil
        try await db.writeTransaction { db in
            try await unit.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user,
                                        action: archived ? .archive : .restore, entityType: "department",
                                        entityID: unit.id, label: "\(unit.code) \(unit.name)")
        }
    }
}
