import FahrplanCore
import Fluent
import Foundation

/// Status reports, milestones and the monitoring owner of one project, shared by the web pages and the API.
/// Members read; the strategy team, the lead of the project's department and the project's monitoring owner
/// write. Every write goes into one transaction with its audit event, recorded on the project (field
/// `statusReport.<day>`, `milestone.<title>`, `monitoringOwner`), so the project's history tells the whole story.
struct ProjectStatusService {
    var db: any Database
    var context: MunicipalityContext

    func project(_ id: String?) async throws -> Project {
        try await context.find(Project.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func ownerID(of project: Project) async throws -> UUID? {
        try await ProjectMonitoringOwner.query(on: db).filter(\.$id == project.requireID())
            .filter(\.$municipality.$id == context.municipalityID).first()?.ownerID
    }

    /// Whether the person may write reports and milestones of the project.
    func canWrite(_ project: Project, ownerID: UUID?) -> Bool {
        guard project.archivedAt == nil else { return false }
        return context.permissions.canEditProject(departmentID: project.$department.id?.uuidString) || ownerID == context.user.id
    }

    /// Who may name the owner: the strategy team and the lead of the project's department.
    func canChooseOwner(_ project: Project) -> Bool {
        project.archivedAt == nil && context.permissions.canEditProject(departmentID: project.$department.id?.uuidString)
    }

    /// Newest first (by date, then by entry).
    func reports(of project: Project) async throws -> [ProjectStatusReport] {
        try await ProjectStatusReport.query(on: db).filter(\.$project.$id == project.requireID())
            .filter(\.$municipality.$id == context.municipalityID)
            .sort(\.$reportedOn, .descending).sort(\.$createdAt, .descending).all()
    }

    /// By due day.
    func milestones(of project: Project) async throws -> [ProjectMilestone] {
        try await ProjectMilestone.query(on: db).filter(\.$project.$id == project.requireID())
            .filter(\.$municipality.$id == context.municipalityID)
            .sort(\.$dueOn).sort(\.$title).all()
    }

    /// The municipality's members by display name (owners to choose from).
    func members() async throws -> [(id: UUID, name: String)] {
        try await MonitoringMembers.list(context.municipalityID, on: db)
    }

    // MARK: writes

    func createReport(_ project: Project, _ input: StatusReportInput) async throws -> ProjectStatusReport {
        try context.require(canWrite(project, ownerID: try await ownerID(of: project)))
        let report = try input.validated(projectStatus: project.projectStatus, today: context.calendar.today)
        let row = ProjectStatusReport(municipalityID: context.municipalityID, projectID: try project.requireID(), report: report)
        row.createdByID = context.user.id
        row.createdByName = context.user.displayName
        try await db.writeTransaction { db in
            try await MonitoringLocks.ensureUnlocked(.projectStatus, on: report.reportedOn, municipalityID: context.municipalityID,
                                                     field: "reportedOn", db: db)
            try await row.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "project", entityID: project.id, label: project.label,
                                        changes: [FieldChange(field: "statusReport.\(report.reportedOn.iso)", old: nil,
                                                              new: StatusReportText.summary(report))])
        }
        return row
    }

    func createMilestone(_ project: Project, _ input: MilestoneInput) async throws -> ProjectMilestone {
        try context.require(canWrite(project, ownerID: try await ownerID(of: project)))
        let today = context.calendar.today
        var problems: [FieldProblem] = []
        var milestone: Milestone?
        do { milestone = try input.validated(projectStatus: project.projectStatus, isNew: true, createdOn: today, today: today) }
        catch let failure as ValidationFailure { problems = failure.problems }
        problems += try await ownerProblems(input.ownerUserID, field: "ownerUserID")
        guard problems.isEmpty, let milestone else { throw ValidationFailure(problems) }
        let row = ProjectMilestone()
        row.id = UUID()
        row.$municipality.id = context.municipalityID
        row.$project.id = try project.requireID()
        row.createdOn = today.iso
        row.version = 1
        row.apply(milestone)
        try await db.writeTransaction { db in
            try await row.create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "project", entityID: project.id, label: project.label,
                                        changes: FieldChange.between([:], Self.snapshot(milestone), fields: Self.milestoneFields)
                                            .map { FieldChange(field: "milestone.\(milestone.title).\($0.field)", old: $0.old, new: $0.new) })
        }
        return row
    }

    func milestone(_ id: String?, of project: Project) async throws -> ProjectMilestone {
        let row = try await context.find(ProjectMilestone.self, id, on: db, municipalityKey: \.$municipality.$id)
        guard row.$project.id == project.id else { throw FahrplanError.notFound }
        return row
    }

    /// Changes a milestone (e.g. marks it done). `expectedVersion`: the version the form or `If-Match` was based on.
    func updateMilestone(_ project: Project, _ row: ProjectMilestone, _ input: MilestoneInput, expectedVersion: Int?) async throws {
        try context.require(canWrite(project, ownerID: try await ownerID(of: project)))
        var problems: [FieldProblem] = []
        var milestone: Milestone?
        do {
            milestone = try input.validated(projectStatus: project.projectStatus, isNew: false, createdOn: row.createdDay,
                                            today: context.calendar.today)
        } catch let failure as ValidationFailure { problems = failure.problems }
        if CleanText.normalize(input.ownerUserID, multiline: false).flatMap(UUID.init(uuidString:)) != row.ownerID {
            problems += try await ownerProblems(input.ownerUserID, field: "ownerUserID")
        }
        guard problems.isEmpty, let milestone else { throw ValidationFailure(problems) }
        let before = Self.snapshot(row.value)
        let changes = FieldChange.between(before, Self.snapshot(milestone), fields: Self.milestoneFields)
        guard !changes.isEmpty else { return try RowVersion.check(expectedVersion, against: row.version) }
        let label = row.title
        row.apply(milestone)
        let id = try row.requireID()
        try await db.writeTransaction { db in
            row.version = try await RowVersion.claim(ProjectMilestone.schema, id: id, expected: expectedVersion, on: db)
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "project", entityID: project.id, label: project.label,
                                        changes: changes.map { FieldChange(field: "milestone.\(label).\($0.field)", old: $0.old, new: $0.new) })
        }
    }

    /// Names (or clears, with a blank value) the project's monitoring owner; a non-member is `unknownReference`.
    func setOwner(_ project: Project, _ raw: String?) async throws {
        try context.require(canChooseOwner(project))
        try ValidationFailure.throwing(try await ownerProblems(raw, field: "ownerUserID"))
        let owner = CleanText.normalize(raw, multiline: false).flatMap(UUID.init(uuidString:))
        guard let row = try await ProjectMonitoringOwner.query(on: db).filter(\.$id == project.requireID())
            .filter(\.$municipality.$id == context.municipalityID).first() else { throw FahrplanError.notFound }
        guard row.ownerID != owner else { return }
        let names = Dictionary(try await members().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let old = row.ownerID.map { names[$0] ?? $0.uuidString }
        row.ownerID = owner
        try await db.writeTransaction { db in
            try await row.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "project", entityID: project.id, label: project.label,
                                        changes: [FieldChange(field: "monitoringOwner", old: old, new: owner.map { names[$0] ?? $0.uuidString })])
        }
    }

    /// A given owner must be a member of this municipality.
    private func ownerProblems(_ raw: String?, field: String) async throws -> [FieldProblem] {
        guard let text = CleanText.normalize(raw, multiline: false) else { return [] }
        guard let id = UUID(uuidString: text) else { return [FieldProblem(field, .unknownReference)] }
        let member = try await Membership.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$user.$id == id).first()
        return member == nil ? [FieldProblem(field, .unknownReference)] : []
    }

    static let milestoneFields = ["title", "dueOn", "doneOn", "ownerUserID", "note"]

    static func snapshot(_ milestone: Milestone) -> [String: String?] {
        ["title": milestone.title, "dueOn": milestone.dueOn.iso, "doneOn": milestone.doneOn?.iso,
         "ownerUserID": milestone.ownerUserID?.uuidString, "note": milestone.note]
    }
}

/// Short texts of a report for the audit trail and lists.
enum StatusReportText {
    /// `schedule red, budget green, scope yellow, 40 %`
    static func summary(_ report: StatusReport) -> String {
        StatusDimension.allCases.map { "\($0.rawValue) \(report.light($0).light.rawValue)" }.joined(separator: ", ")
            + ", \(report.percentComplete) %"
    }
}
