import FahrplanCore
import Fluent
import Foundation

/// Administrative services and their assessments (see `InventoryService`). Assessments are appended, never
/// changed: a form or file that repeats a criterion's stored rating (same level, same day) adds nothing, so
/// saving a form unchanged or importing an export again leaves the history as it was.
extension InventoryService {
    struct ServiceForm: Sendable {
        /// `assessments` are new ratings to add (criterion, level, day); references as id, code or name.
        var input: AdministrativeServiceInput
        var note: String?
        var version: Int?
    }

    struct CheckedService: Sendable {
        var service: AdministrativeService
        var note: String?
        var departmentID: UUID?
        var projectID: UUID?
    }

    static let serviceAuditFields = ["name", "leikaKey", "ozgID", "department", "casesPerYear", "project", "note"]

    func services(includeArchived: Bool = false) async throws -> [AdministrativeServiceRecord] {
        var query = AdministrativeServiceRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
        if !includeArchived { query = query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$nameKey).all()
    }

    func service(_ id: String?) async throws -> AdministrativeServiceRecord {
        try await context.find(AdministrativeServiceRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    /// The active assessments of the given services (all the municipality's without), oldest first, by service.
    func assessments(_ serviceIDs: [UUID]? = nil) async throws -> [UUID: [MaturityAssessment]] {
        try await Self.assessments(municipalityID: context.municipalityID, serviceIDs, on: db)
    }

    static func assessments(municipalityID: UUID, _ serviceIDs: [UUID]? = nil, on db: any Database) async throws -> [UUID: [MaturityAssessment]] {
        var query = ServiceAssessmentRecord.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
        if let serviceIDs { query = query.filter(\.$service.$id ~~ serviceIDs) }
        var result: [UUID: [MaturityAssessment]] = [:]
        let rows = try await query.field(\.$service.$id).field(\.$criterionKey).field(\.$level).field(\.$assessedOn).field(\.$note)
            .field(\.$createdAt).sort(\.$assessedOn).sort(\.$createdAt).rows()
        for row in rows {
            let r = row.schema(ServiceAssessmentRecord.schema)
            guard let day = CalendarDay(iso: try r.decode("assessed_on", as: String.self)) else { continue }
            result[try r.decode("service_id", as: UUID.self), default: []].append(MaturityAssessment(
                criterionKey: try r.decode("criterion_key", as: String.self), level: try r.decode("level", as: Int.self), assessedOn: day,
                note: try r.decode("note", as: String?.self)))
        }
        return result
    }

    /// One service's assessments with who entered them, newest first (the history on its page).
    func assessmentRecords(of service: AdministrativeServiceRecord) async throws -> [ServiceAssessmentRecord] {
        try await ServiceAssessmentRecord.query(on: db).filter(\.$service.$id == service.requireID())
            .filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).all()
    }

    func canEdit(service: AdministrativeServiceRecord) -> Bool {
        canEdit(departmentIDs: service.$department.id.map { [$0] } ?? [])
    }

    func createService(_ form: ServiceForm) async throws -> AdministrativeServiceRecord {
        try context.require(canCreate)
        let model = try await maturityModel()
        let lookup = try await InventoryLookup.load(db, municipalityID: context.municipalityID)
        let checked = try await checkService(form, model: model, lookup: lookup, excluding: nil)
        try context.require(canEdit(departmentIDs: checked.departmentID.map { [$0] } ?? []))
        let record = AdministrativeServiceRecord(municipalityID: context.municipalityID)
        record.apply(checked.service, departmentID: checked.departmentID, projectID: checked.projectID, note: checked.note)
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            try await record.create(on: db)
            let added = try await Self.addAssessments(checked.service.assessments, to: record.requireID(), stored: [],
                                                      municipalityID: municipalityID, actor: actor, on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .create, entityType: "administrativeService",
                                        entityID: record.id, label: record.name,
                                        changes: FieldChange.between([:], Self.snapshot(record), fields: Self.serviceAuditFields) + added,
                                        version: 1)
        }
        return record
    }

    func updateService(_ record: AdministrativeServiceRecord, _ form: ServiceForm) async throws {
        try context.require(canEdit(service: record))
        let id = try record.requireID()
        let model = try await maturityModel()
        let lookup = try await InventoryLookup.load(db, municipalityID: context.municipalityID)
        let checked = try await checkService(form, model: model, lookup: lookup, excluding: id)
        try context.require(canEdit(departmentIDs: checked.departmentID.map { [$0] } ?? []))
        let before = Self.snapshot(record)
        record.apply(checked.service, departmentID: checked.departmentID, projectID: checked.projectID, note: checked.note)
        let changes = FieldChange.between(before, Self.snapshot(record), fields: Self.serviceAuditFields)
        let stored = try await assessments([id])[id] ?? []
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(AdministrativeServiceRecord.schema, id: id, expected: form.version, on: db)
            record.version = version
            try await record.save(on: db)
            let added = try await Self.addAssessments(checked.service.assessments, to: id, stored: stored,
                                                      municipalityID: municipalityID, actor: actor, on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: .update, entityType: "administrativeService",
                                        entityID: id, label: record.name, changes: changes + added, version: version)
        }
    }

    func setServiceArchived(_ record: AdministrativeServiceRecord, _ archived: Bool, expected: Int?) async throws {
        try context.require(canEdit(service: record))
        let id = try record.requireID()
        if (record.archivedAt != nil) == archived { try RowVersion.check(expected, against: record.version); return }
        if !archived { try await ensureUniqueName(AdministrativeServiceRecord.self, record.nameKey, excluding: id, field: "name") }
        let municipalityID = context.municipalityID, actor = context.user
        try await db.writeTransaction { db in
            let version = try await RowVersion.claim(AdministrativeServiceRecord.schema, id: id, expected: expected, on: db)
            record.version = version
            record.archivedAt = archived ? Date() : nil
            try await record.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: actor, action: archived ? .archive : .restore,
                                        entityType: "administrativeService", entityID: id, label: record.name, version: version)
        }
    }

    /// Stores the assessments not already stored (same criterion, level and day), and returns them as audit changes.
    static func addAssessments(_ new: [MaturityAssessment], to serviceID: UUID, stored: [MaturityAssessment], municipalityID: UUID,
                               actor: CurrentUser?, on db: any Database) async throws -> [FieldChange] {
        var seen = stored
        var rows: [ServiceAssessmentRecord] = []
        for assessment in new where !seen.contains(where: {
            $0.criterionKey == assessment.criterionKey && $0.level == assessment.level && $0.assessedOn == assessment.assessedOn
        }) {
            seen.append(assessment)
            rows.append(ServiceAssessmentRecord(municipalityID: municipalityID, serviceID: serviceID, assessment, recordedBy: actor?.displayName))
        }
        if !rows.isEmpty { try await rows.create(on: db) }
        return rows.map { FieldChange(field: "assessment.\($0.criterionKey)", old: nil, new: "\($0.level) (\($0.assessedOn))") }
    }

    func checkService(_ form: ServiceForm, model: MaturityModel, lookup: InventoryLookup, excluding: UUID?,
                      checkName: Bool = true) async throws -> CheckedService {
        var problems: [FieldProblem] = []
        var service: AdministrativeService?
        do { service = try form.input.validated(model: model, today: context.calendar.today) }
        catch let failure as ValidationFailure { problems += failure.problems }
        var check = Validator()
        let note = check.text("note", form.note, required: false, max: Self.maxNoteLength, multiline: true)
        problems += check.problems
        var departmentID: UUID?, projectID: UUID?
        if let text = service?.departmentID {
            departmentID = lookup.department(text)
            if departmentID == nil { problems.append(FieldProblem("departmentID", .unknownReference)) }
        }
        if let text = service?.projectID {
            projectID = lookup.project(text)
            if projectID == nil { problems.append(FieldProblem("projectID", .unknownReference)) }
        }
        if let service {
            var seen: Set<String> = []
            for (index, assessment) in service.assessments.enumerated() where !seen.insert(assessment.criterionKey + assessment.assessedOn.iso).inserted {
                problems.append(FieldProblem("assessments[\(index)].criterion", .duplicate))
            }
        }
        if checkName, let service {
            do { try await ensureUniqueName(AdministrativeServiceRecord.self, GermanFolding.matchKey(service.name), excluding: excluding, field: "name") }
            catch let failure as ValidationFailure { problems += failure.problems }
        }
        try ValidationFailure.throwing(problems)
        return CheckedService(service: service!, note: note, departmentID: departmentID, projectID: projectID)
    }

    static func snapshot(_ record: AdministrativeServiceRecord) -> [String: String?] {
        ["name": record.name, "leikaKey": record.leikaKey, "ozgID": record.ozgID, "department": record.$department.id?.uuidString,
         "casesPerYear": record.casesPerYear.map(String.init), "project": record.$project.id?.uuidString, "note": record.note]
    }
}
