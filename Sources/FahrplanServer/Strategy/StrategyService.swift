import FahrplanCore
import Fluent
import Foundation

/// Changes to the strategy frame, shared by the web UI and the API: validated by the core, references
/// resolved within the municipality, written in one transaction together with their audit events.
struct StrategyService {
    var db: any Database
    var context: MunicipalityContext

    static let auditedFields = ["code", "title", "description", "targetStatement", "targetYear", "parentID", "responsibleDepartmentID"]

    static func snapshot(_ element: StrategyElement) -> [String: String?] {
        [
            "code": element.code, "title": element.title, "description": element.description,
            "targetStatement": element.targetStatement, "targetYear": element.targetYear.map(String.init),
            "parentID": element.$parent.id?.uuidString,
            "responsibleDepartmentID": element.$responsibleDepartment.id?.uuidString,
        ]
    }

    func element(_ kind: StrategyElementKind, id: String?) async throws -> StrategyElement {
        let element = try await context.find(StrategyElement.self, id, on: db, municipalityKey: \.$municipality.$id)
        guard element.kind == kind.rawValue else { throw FahrplanError.notFound }
        return element
    }

    func create(_ kind: StrategyElementKind, _ input: StrategyElementInput) async throws -> StrategyElement {
        let values = try input.validated(for: kind)
        let references = try await resolve(values, kind: kind)
        try context.require(context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: references.department?.uuidString))
        return try await db.writeTransaction { db in
            let siblings = try await StrategyElement.query(on: db)
                .filter(\.$municipality.$id == context.municipalityID).filter(\.$kind == kind.rawValue).count()
            let element = StrategyElement(municipalityID: context.municipalityID, kind: kind, position: siblings + 1)
            apply(values, references, to: element)
            element.storedVersion = 1
            try await element.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .create,
                                        entityType: kind.rawValue, entityID: element.id, label: label(element),
                                        changes: FieldChange.between([:], Self.snapshot(element), fields: Self.auditedFields), version: 1)
            return element
        }
    }

    /// `expectedVersion`: the edit version the input is based on; a save based on an older one throws
    /// `StaleEdit` (nil: an API PATCH without If-Match).
    func update(_ element: StrategyElement, _ input: StrategyElementInput, expectedVersion: Int? = nil) async throws {
        let kind = element.elementKind
        try context.require(context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: element.$responsibleDepartment.id?.uuidString))
        let values = try input.validated(for: kind)
        let references = try await resolve(values, kind: kind)
        if !context.permissions.canEdit(elementOf: kind, responsibleDepartmentID: references.department?.uuidString) {
            // A department lead may not hand an item over to a unit that is not theirs.
            throw FahrplanError.invalid([FieldProblem("responsibleDepartmentID", .invalidChoice)])
        }
        let before = Self.snapshot(element)
        apply(values, references, to: element)
        let changes = FieldChange.between(before, Self.snapshot(element), fields: Self.auditedFields)
        guard !changes.isEmpty else { return try RowVersion.check(expectedVersion, against: element.version) }
        try await db.writeTransaction { db in
            element.storedVersion = try await RowVersion.claim(StrategyElement.schema, id: element.requireID(), expected: expectedVersion, on: db)
            try await element.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: kind.rawValue, entityID: element.id, label: label(element), changes: changes,
                                        version: element.version)
        }
    }

    func setArchived(_ element: StrategyElement, _ archived: Bool) async throws {
        try context.require(context.permissions.canEditFrame)
        guard (element.archivedAt != nil) != archived else { return }
        element.archivedAt = archived ? Date() : nil
        try await db.writeTransaction { db in
            try await element.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user,
                                        action: archived ? .archive : .restore, entityType: element.kind,
                                        entityID: element.id, label: label(element))
        }
    }

    /// Moves an element one step among the siblings under the same parent.
    func move(_ element: StrategyElement, _ direction: MoveDirection) async throws {
        try context.require(context.permissions.canEditFrame)
        var query = StrategyElement.query(on: db)
            .filter(\.$municipality.$id == context.municipalityID).filter(\.$kind == element.kind)
            .filter(\.$archivedAt == nil)
        query = element.$parent.id.map { query.filter(\.$parent.$id == $0) } ?? query.filter(\.$parent.$id == nil)
        let siblings = try await query.sort(\.$position).sort(\.$title).all()
        let order = Ordering.move(element.id, direction, in: siblings.map(\.id))
        guard order != siblings.map(\.id) else { return }
        try await db.writeTransaction { db in
            for (index, sibling) in siblings.enumerated() {
                guard let newIndex = order.firstIndex(of: sibling.id), newIndex != index || sibling.position != index + 1 else { continue }
                sibling.position = newIndex + 1
                try await sibling.save(on: db)
            }
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .move,
                                        entityType: element.kind, entityID: element.id, label: label(element),
                                        changes: [FieldChange(field: "position", old: nil, new: direction.rawValue)])
        }
    }

    static let visionFields = ["visionTitle", "vision"]

    /// `expectedVersion`: the vision's edit version the text is based on (see `update`).
    func updateVision(title: String?, text: String?, expectedVersion: Int? = nil) async throws {
        try context.require(context.permissions.canEditFrame)
        let (title, vision) = try Self.checkedVision(title: title, text: text)
        let municipality = context.municipality
        let before: [String: String?] = ["visionTitle": municipality.visionTitle, "vision": municipality.vision]
        municipality.visionTitle = title ?? ""
        municipality.vision = vision ?? ""
        let changes = FieldChange.between(before, ["visionTitle": municipality.visionTitle, "vision": municipality.vision],
                                          fields: ["visionTitle", "vision"])
        guard !changes.isEmpty else { return try RowVersion.check(expectedVersion, against: municipality.visionVersion) }
        try await db.writeTransaction { db in
            municipality.storedVisionVersion = try await RowVersion.claim(Municipality.schema, column: "vision_version",
                                                                          id: context.municipalityID, expected: expectedVersion, on: db)
            try await municipality.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "vision", entityID: context.municipalityID, label: municipality.name, changes: changes,
                                        version: municipality.visionVersion)
        }
    }

    /// The vision's title and text, checked: bad input is named before anything else is looked at.
    static func checkedVision(title: String?, text: String?) throws -> (title: String?, vision: String?) {
        var check = Validator()
        let title = check.text("visionTitle", title, required: false, max: 200)
        let vision = check.text("vision", text, required: true, max: 20_000, multiline: true)
        try check.finish()
        return (title, vision)
    }

    func label(_ element: StrategyElement) -> String {
        [element.code, element.title].compactMap { $0 }.joined(separator: " ")
    }

    private struct References {
        var parent: UUID?
        var department: UUID?
    }

    private func resolve(_ values: StrategyElementValues, kind: StrategyElementKind) async throws -> References {
        var problems: [FieldProblem] = []
        var references = References()
        if let parentKind = kind.parentKind, let raw = values.parentID {
            if let id = UUID(uuidString: raw),
               let parent = try await StrategyElement.query(on: db).filter(\.$id == id)
                .filter(\.$municipality.$id == context.municipalityID).first() {
                if parent.kind == parentKind.rawValue { references.parent = id } else { problems.append(FieldProblem("parentID", .wrongKindOfParent)) }
            } else {
                problems.append(FieldProblem("parentID", .unknownReference))
            }
        }
        if let raw = values.responsibleDepartmentID {
            if let id = UUID(uuidString: raw),
               try await Department.query(on: db).filter(\.$id == id)
                .filter(\.$municipality.$id == context.municipalityID).first() != nil {
                references.department = id
            } else {
                problems.append(FieldProblem("responsibleDepartmentID", .unknownReference))
            }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return references
    }

    private func apply(_ values: StrategyElementValues, _ references: References, to element: StrategyElement) {
        element.code = values.code
        element.title = values.title
        element.description = values.description
        element.targetStatement = values.targetStatement
        element.targetYear = values.targetYear
        element.$parent.id = references.parent
        element.$responsibleDepartment.id = references.department
    }
}

extension StrategyService {
    func link(_ element: StrategyElement, to rawTarget: String?) async throws {
        try context.require(context.permissions.canEditFrame)
        guard let rawTarget, let targetID = UUID(uuidString: rawTarget),
              let target = try await StrategyElement.query(on: db).filter(\.$id == targetID)
                .filter(\.$municipality.$id == context.municipalityID).first(),
              target.id != element.id
        else { throw ValidationFailure([FieldProblem("target", .unknownReference)]) }
        let elementID = try element.requireID()
        if try await StrategyLink.query(on: db).filter(\.$from.$id == elementID).filter(\.$to.$id == targetID).first() != nil { return }
        try await db.writeTransaction { db in
            try await StrategyLink(municipalityID: context.municipalityID, fromID: elementID, toID: targetID).create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: element.kind, entityID: elementID, label: label(element),
                                        changes: [FieldChange(field: "links", old: nil, new: label(target))])
        }
    }

    func unlink(_ element: StrategyElement, from rawTarget: String) async throws {
        try context.require(context.permissions.canEditFrame)
        let elementID = try element.requireID()
        guard let targetID = UUID(uuidString: rawTarget),
              let link = try await StrategyLink.query(on: db).filter(\.$from.$id == elementID).filter(\.$to.$id == targetID)
                .filter(\.$municipality.$id == context.municipalityID).with(\.$to).first()
        else { throw FahrplanError.notFound }
        try await db.writeTransaction { db in
            try await link.delete(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: element.kind, entityID: elementID, label: label(element),
                                        changes: [FieldChange(field: "links", old: label(link.to), new: nil)])
        }
    }
}
