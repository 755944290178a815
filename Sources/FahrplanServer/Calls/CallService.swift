import FahrplanCore
import Fluent
import Foundation

/// Changes to calls for projects (Abfragen), shared by the web UI and the API: the strategy team opens,
/// edits, closes and archives calls; department leads declare their unit's answer complete. Every change
/// is written in one transaction with its audit event (entityType "call").
struct CallService {
    var db: any Database
    var context: MunicipalityContext

    static let auditedFields = ["title", "message", "opensOn", "deadline", "departmentIDs"]

    func call(_ id: String?) async throws -> CallForProjects {
        try await context.find(CallForProjects.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func calls(includeArchived: Bool) async throws -> [CallForProjects] {
        var query = CallForProjects.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includeArchived { query = query.filter(\.$archivedAt == nil) }
        return try await query.all()
    }

    func recipients(of call: CallForProjects) async throws -> [CallRecipient] {
        try await CallRecipient.query(on: db).filter(\.$call.$id == call.requireID())
            .filter(\.$municipality.$id == context.municipalityID).all()
    }

    /// What a new call asks by default: every active Amt/Fachdienst.
    func defaultDepartmentIDs() async throws -> [UUID] {
        try await Department.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$level == DepartmentLevel.office.rawValue)
            .sort(\.$code).all().compactMap(\.id)
    }

    // MARK: the call itself

    func create(_ input: CallInput) async throws -> CallForProjects {
        try context.require(context.permissions.canManagePortfolio)
        let (values, units) = try await checked(input, keeping: [])
        let call = CallForProjects()
        call.id = UUID()
        call.$municipality.id = context.municipalityID
        apply(values, to: call)
        call.createdByName = context.user.displayName
        let callID = call.id!
        try await db.writeTransaction { db in
            try await call.create(on: db)
            try await values.departmentIDs.map { CallRecipient(municipalityID: context.municipalityID, callID: callID, departmentID: $0) }.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .create,
                                        entityType: "call", entityID: callID, label: call.title,
                                        changes: FieldChange.between([:], Self.snapshot(call, units: units), fields: Self.auditedFields))
        }
        return call
    }

    func update(_ call: CallForProjects, _ input: CallInput) async throws {
        try context.require(context.permissions.canManagePortfolio && call.archivedAt == nil)
        let existing = try await recipients(of: call)
        let asked = Set(existing.map(\.$department.id))
        let (values, units) = try await checked(input, keeping: asked)
        let before = Self.snapshot(call, units: try await labels(of: asked))
        apply(values, to: call)
        let after = Self.snapshot(call, units: units)
        let changes = FieldChange.between(before, after, fields: Self.auditedFields)
        guard !changes.isEmpty else { return }
        let wanted = Set(values.departmentIDs)
        let dropped = existing.filter { !wanted.contains($0.$department.id) }
        let added = values.departmentIDs.filter { !asked.contains($0) }
        let callID = try call.requireID()
        try await db.writeTransaction { db in
            try await call.save(on: db)
            for recipient in dropped { try await recipient.delete(on: db) }
            try await added.map { CallRecipient(municipalityID: context.municipalityID, callID: callID, departmentID: $0) }.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "call", entityID: callID, label: call.title, changes: changes)
        }
    }

    /// Closing stops submissions; reopening allows them again.
    func setClosed(_ call: CallForProjects, _ closed: Bool) async throws {
        try context.require(context.permissions.canManagePortfolio && call.archivedAt == nil)
        guard (call.closedAt != nil) != closed else { return }
        call.closedAt = closed ? Date() : nil
        try await db.writeTransaction { db in
            try await call.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "call", entityID: call.id, label: call.title,
                                        changes: [FieldChange(field: "status", old: closed ? "open" : "closed", new: closed ? "closed" : "open")])
        }
    }

    func setArchived(_ call: CallForProjects, _ archived: Bool) async throws {
        try context.require(context.permissions.canManagePortfolio)
        guard (call.archivedAt != nil) != archived else { return }
        call.archivedAt = archived ? Date() : nil
        try await db.writeTransaction { db in
            try await call.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user,
                                        action: archived ? .archive : .restore, entityType: "call", entityID: call.id, label: call.title)
        }
    }

    // MARK: completion ("Meldung vollständig")

    /// Declares a unit's answer complete, or withdraws the declaration. Department leads act for their own
    /// units while the call accepts answers; the strategy team for any asked unit at any time.
    func setComplete(_ call: CallForProjects, departmentID raw: String?, complete: Bool, note rawNote: String?) async throws {
        let isTeam = context.permissions.canManagePortfolio
        try context.require((isTeam || context.role == .departmentLead) && call.archivedAt == nil)
        var check = Validator()
        let note = complete ? check.text("note", rawNote, required: false, max: CallLimits.note, multiline: true) : nil
        let text = CleanText.normalize(raw, multiline: false)
        let id = text.flatMap(UUID.init(uuidString:))
        let recipient = try await id.asyncMap {
            try await CallRecipient.query(on: db).filter(\.$call.$id == call.requireID()).filter(\.$department.$id == $0)
                .filter(\.$municipality.$id == context.municipalityID).first()
        } ?? nil
        if recipient == nil { check.add("departmentID", text == nil ? .required : .unknownReference) }
        if let id, recipient != nil, !isTeam {
            try context.require(context.permissions.ownDepartmentIDs.contains(id.uuidString) && call.closedAt == nil)
        }
        try check.finish()
        guard let recipient else { return }
        let wasComplete = recipient.completedAt != nil
        guard complete || wasComplete else { return }
        let unit = try await Department.find(recipient.$department.id, on: db)
        let label = unit.map { "\($0.code) \($0.name)" } ?? recipient.$department.id.uuidString
        var changes: [FieldChange] = []
        if complete != wasComplete {
            changes.append(FieldChange(field: "completion", old: complete ? nil : label, new: complete ? label : nil))
        }
        if complete, recipient.note != note {
            changes.append(FieldChange(field: "completionNote", old: recipient.note, new: note))
        }
        guard !changes.isEmpty else { return }
        let recorded = changes
        if complete {
            if !wasComplete {
                recipient.completedAt = Date()
                recipient.completedByName = context.user.displayName
            }
            recipient.note = note
        } else {
            recipient.completedAt = nil
            recipient.completedByName = nil
            recipient.note = nil
        }
        try await db.writeTransaction { db in
            try await recipient.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "call", entityID: call.id, label: call.title, changes: recorded)
        }
    }

    // MARK: helpers

    /// The core's checks plus the server's: every unit must exist in this municipality, and an archived
    /// unit may stay asked but not be newly asked. Reports all problems at once.
    private func checked(_ input: CallInput, keeping asked: Set<UUID>) async throws -> (CallValues, [UUID: String]) {
        var problems: [FieldProblem] = []
        var values: CallValues?
        do { values = try input.validated() } catch let failure as ValidationFailure { problems = failure.problems }
        let ids = input.departmentIDs.compactMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
        let units = ids.isEmpty ? [] : try await Department.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$id ~~ ids).all()
        let usable = units.filter { $0.archivedAt == nil || $0.id.map(asked.contains) == true }
        let known = Set(usable.compactMap(\.id))
        if ids.contains(where: { !known.contains($0) }), !problems.contains(where: { $0.field == "departmentIDs" }) {
            problems.append(FieldProblem("departmentIDs", .unknownReference))
        }
        guard problems.isEmpty, let values else { throw ValidationFailure(problems) }
        var labels: [UUID: String] = [:]
        for unit in usable { if let id = unit.id { labels[id] = unit.code } }
        return (values, labels)
    }

    private func labels(of ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let units = try await Department.query(on: db).filter(\.$id ~~ Array(ids)).all()
        var labels: [UUID: String] = [:]
        for unit in units { if let id = unit.id { labels[id] = unit.code } }
        return labels
    }

    private func apply(_ values: CallValues, to call: CallForProjects) {
        call.title = values.title
        call.message = values.message
        call.opensOn = values.opensOn.iso
        call.deadline = values.deadline.iso
    }

    /// The audited fields as text; the asked units as their sorted codes.
    static func snapshot(_ call: CallForProjects, units: [UUID: String]) -> [String: String?] {
        ["title": call.title, "message": call.message, "opensOn": call.opensOn, "deadline": call.deadline,
         "departmentIDs": units.values.sorted().joined(separator: ", ")]
    }
}

extension CallForProjects {
    var opensOnDay: CalendarDay { CalendarDay(iso: opensOn) ?? CalendarDay(year: 2000, month: 1, day: 1)! }
    var deadlineDay: CalendarDay { CalendarDay(iso: deadline) ?? opensOnDay }

    func phase(on today: CalendarDay) -> CallPhase {
        CallPhase.on(today, opensOn: opensOnDay, deadline: deadlineDay, closed: closedAt != nil)
    }

    func deadlinePassed(on today: CalendarDay) -> Bool { today > deadlineDay }

    /// Whether new profiles may still be submitted into the call.
    var acceptsSubmissions: Bool { closedAt == nil && archivedAt == nil }
}
