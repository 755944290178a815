import FahrplanCore
import Fluent
import Foundation

/// Changes to the project portfolio, shared by the web UI, the API, the CLI and the import: checked by the
/// core, references resolved within the municipality, written in one transaction with history and audit.
struct PortfolioService {
    var db: any Database
    var context: MunicipalityContext

    func project(_ id: String?) async throws -> Project {
        try await context.find(Project.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func references() async throws -> PortfolioReferences {
        try await PortfolioReferences.load(on: db, municipalityID: context.municipalityID)
    }

    /// Who depends on whom, for cycle checks: project → projects it needs first.
    func dependencyEdges() async throws -> [UUID: Set<UUID>] {
        var edges: [UUID: Set<UUID>] = [:]
        for row in try await ProjectDependency.query(on: db).filter(\.$municipality.$id == context.municipalityID).all() {
            edges[row.$project.id, default: []].insert(row.$dependsOn.id)
        }
        return edges
    }

    /// Checks one profile and resolves it into what will be written. `edges` is updated with the new
    /// dependencies so that a batch (an import) is checked as a whole; a batch passes `checkCycles: false` and
    /// checks the whole graph once at the end (`DependencyGraph.cyclesClosed`), which stays linear.
    func prepare(_ input: ProjectInput, existing: Project?, references: inout PortfolioReferences,
                 edges: inout [UUID: Set<UUID>], before: [String: String?] = [:], checkCycles: Bool = true) throws -> ProjectDraft {
        let values = try input.validated()
        let resolved = try ProjectDraft.resolve(values, references: references)
        try context.require(context.permissions.canEditProject(departmentID: resolved.department.uuidString))
        if let existing {
            try context.require(context.permissions.canEditProject(departmentID: existing.$department.id?.uuidString))
        }
        if let code = values.code, let holder = references.projectID(code: code), holder != existing?.id {
            throw ValidationFailure([FieldProblem("code", .alreadyTaken)])
        }
        let project = existing ?? Project(municipalityID: context.municipalityID, code: "")
        if project.id == nil { project.id = UUID() }
        let id = project.id!
        if checkCycles, let cycle = DependencyGraph.cycle(adding: (from: id, to: resolved.dependencies), to: edges) {
            let labels = cycle.map { $0 == id ? "\(values.code ?? project.code) \(values.title)".trimmingCharacters(in: .whitespaces)
                                                : references.projectsByID[$0]?.label ?? $0.uuidString }
            throw ValidationFailure([FieldProblem("dependencyIDs", .dependencyCycle(labels))])
        }
        edges[id] = Set(resolved.dependencies)
        ProjectDraft.apply(values, department: resolved.department, effort: resolved.effort, to: project)
        if project.code.isEmpty { project.code = references.nextProjectCode() }
        references.addProject(id: id, code: project.code, title: project.title)
        return ProjectDraft(project: project, isNew: existing == nil, elementIDs: resolved.elements,
                            dependencyIDs: resolved.dependencies, costs: values.costs, effort: resolved.effort, before: before)
    }

    func create(_ input: ProjectInput, callID: UUID? = nil) async throws -> Project {
        var references = try await references()
        var edges = try await dependencyEdges()
        let draft = try prepare(input, existing: nil, references: &references, edges: &edges)
        if let callID {
            guard let call = try await CallForProjects.query(on: db).filter(\.$id == callID)
                .filter(\.$municipality.$id == context.municipalityID).first()
            else { throw ValidationFailure([FieldProblem("callID", .unknownReference)]) }
            // A closed (or archived) call takes no more submissions.
            guard call.acceptsSubmissions else { throw ValidationFailure([FieldProblem("callID", .callClosed)]) }
            draft.project.$call.id = callID
        }
        let finalReferences = references
        try await db.writeTransaction { db in
            try await writer(db, finalReferences).write([draft])
        }
        return draft.project
    }

    /// `expectedVersion`: the edit version the input is based on; a save based on an older one throws
    /// `StaleEdit` (nil: an API PATCH without If-Match, which changes only the fields it names).
    func update(_ project: Project, _ input: ProjectInput, expectedVersion: Int? = nil) async throws {
        var references = try await references()
        var edges = try await dependencyEdges()
        let details = try await ProjectDetails.load(project, on: db)
        let before = ProjectDraft.snapshot(project, elementIDs: details.elementIDs, dependencyIDs: details.dependencyIDs,
                                           costs: details.costs, effort: details.effort, references: references)
        let draft = try prepare(input, existing: project, references: &references, edges: &edges, before: before)
        let after = ProjectDraft.snapshot(draft.project, elementIDs: draft.elementIDs, dependencyIDs: draft.dependencyIDs,
                                          costs: draft.costs, effort: draft.effort, references: references)
        guard !FieldChange.between(before, after, fields: ProjectDraft.auditedFields).isEmpty else {
            return try RowVersion.check(expectedVersion, against: project.version)
        }
        let finalReferences = references
        try await db.writeTransaction { db in
            var claimed = draft
            claimed.claimedVersion = try await RowVersion.claim(Project.schema, id: project.requireID(), expected: expectedVersion, on: db)
            claimed.project.storedVersion = claimed.claimedVersion
            try await writer(db, finalReferences).write([claimed])
        }
    }

    /// The stored profile as the audit trail records it (what a refused save compares against).
    func auditSnapshot(_ project: Project) async throws -> [String: String?] {
        let details = try await ProjectDetails.load(project, on: db)
        return ProjectDraft.snapshot(project, elementIDs: details.elementIDs, dependencyIDs: details.dependencyIDs,
                                     costs: details.costs, effort: details.effort, references: try await references())
    }

    /// `alsoWrite`: a record written in the same transaction (a decision that moves the status).
    func transition(_ project: Project, to target: ProjectStatus, reason rawReason: String?,
                    alsoWrite: (@Sendable (any Database) async throws -> Void)? = nil) async throws {
        let current = project.projectStatus
        var check = Validator()
        let reason = check.text("reason", rawReason, required: target == .deferred || target == .cancelled,
                                max: ProjectLimits.longText, multiline: true)
        if !current.canMove(to: target) { check.add("status", .invalidTransition(from: current.rawValue, to: target.rawValue)) }
        try check.finish()
        try context.require(context.permissions.canMoveProject(from: current, to: target, departmentID: project.$department.id?.uuidString))
        let now = Date()
        project.status = target.rawValue
        project.statusChangedAt = now
        try await db.writeTransaction { db in
            try await project.save(on: db)
            try await ProjectWriter.statusRecord(project, from: current, to: target, reason: reason, at: now,
                                                 municipalityID: context.municipalityID, actor: context.user).create(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "project", entityID: project.id, label: project.label,
                                        changes: [FieldChange(field: "status", old: current.rawValue, new: target.rawValue)]
                                            + (reason.map { [FieldChange(field: "statusReason", old: nil, new: $0)] } ?? []))
            try await alsoWrite?(db)
        }
    }

    func setArchived(_ project: Project, _ archived: Bool) async throws {
        try context.require(context.permissions.canManagePortfolio
                            || context.permissions.canEditProject(departmentID: project.$department.id?.uuidString) && project.projectStatus == .idea)
        guard (project.archivedAt != nil) != archived else { return }
        if !archived && project.$mergedInto.id != nil { throw FahrplanError.mergedProjectCannotBeRestored }
        project.archivedAt = archived ? Date() : nil
        try await db.writeTransaction { db in
            try await project.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user,
                                        action: archived ? .archive : .restore, entityType: "project",
                                        entityID: project.id, label: project.label)
        }
    }

    /// Adds one goal, field of action or program to many projects at once (bundling).
    func assign(projectIDs: [String], to elementReference: String?) async throws -> Int {
        try context.require(context.permissions.canManagePortfolio)
        let references = try await references()
        guard let elementReference, let element = references.element(elementReference) else {
            throw ValidationFailure([FieldProblem("elementID", .unknownReference)])
        }
        let ids = projectIDs.compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty, ids.count == projectIDs.count else { throw ValidationFailure([FieldProblem("projectIDs", .required)]) }
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$id ~~ ids).all()
        guard projects.count == Set(ids).count else { throw ValidationFailure([FieldProblem("projectIDs", .unknownReference)]) }
        let linked = Set(try await ProjectStrategyLink.query(on: db).filter(\.$project.$id ~~ ids)
            .filter(\.$element.$id == element.id).all().map(\.$project.id))
        let toLink = projects.filter { !linked.contains($0.id!) }
        guard !toLink.isEmpty else { return 0 }
        try await db.writeTransaction { db in
            try await toLink.map { ProjectStrategyLink(municipalityID: context.municipalityID, projectID: $0.id!, elementID: element.id) }.create(on: db)
            // The links are part of the profile form: an edit form opened before must not drop them unseen.
            let versions = try await RowVersion.raise(Project.schema, ids: toLink.compactMap(\.id), on: db)
            let events = try toLink.map {
                try AuditTrail.makeEvent(municipalityID: context.municipalityID, actor: context.user, action: .update,
                                         entityType: "project", entityID: $0.id, label: $0.label,
                                         changes: [FieldChange(field: "strategyElements", old: nil, new: element.label)],
                                         version: $0.id.flatMap { versions[$0] })
            }
            try await AuditTrail.recordAll(events, municipalityID: context.municipalityID, on: db)
        }
        return toLink.count
    }

    func writer(_ db: any Database, _ references: PortfolioReferences, reason: String? = nil) -> ProjectWriter {
        ProjectWriter(db: db, municipalityID: context.municipalityID, actor: context.user, references: references, creationReason: reason)
    }
}
