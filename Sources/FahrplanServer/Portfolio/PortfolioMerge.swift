import FahrplanCore
import Fluent
import Foundation

extension PortfolioService {
    /// Merges `absorbed` into the project `targetID` names — the merge form's `target`, the API's `targetId`, so
    /// that both answer alike: no target is `.required`, one that is not a project of this municipality
    /// `.unknownReference`. Returns the survivor.
    func merge(_ absorbed: Project, intoTargetID targetID: String?, note: String?) async throws -> Project {
        try context.require(context.permissions.canManagePortfolio)
        let raw = targetID?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !raw.isEmpty else { throw ValidationFailure([FieldProblem("target", .required)]) }
        guard let id = UUID(uuidString: raw),
              let target = try await Project.query(on: db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID).first()
        else { throw ValidationFailure([FieldProblem("target", .unknownReference)]) }
        try await merge(absorbed, into: target, note: note)
        return target
    }

    /// Whose audit events make up a project's history: its own and those of the projects merged into it. The
    /// strategy team (or whoever reads the audit log) and the lead of the project's unit may read it.
    func historyItemIDs(of project: Project) async throws -> [UUID] {
        try context.require(context.permissions.canReadAudit || context.permissions.canEditProject(departmentID: project.$department.id?.uuidString))
        let merged = try await Project.query(on: db).filter(\.$mergedInto.$id == project.requireID()).all().compactMap(\.id)
        return [try project.requireID()] + merged
    }

    /// Merges `absorbed` into `survivor` — two departments asked for the same thing. The survivor gains the
    /// other's links, tags, beneficiaries and dependencies (and its dependents now depend on the survivor);
    /// the absorbed project is archived, points to the survivor and keeps its own history, which the
    /// survivor's history shows as well. Money and staff stay as they were: the team decides what the
    /// merged project costs, instead of Fahrplan silently adding both estimates.
    func merge(_ absorbed: Project, into survivor: Project, note rawNote: String?) async throws {
        try context.require(context.permissions.canManagePortfolio)
        let absorbedID = try absorbed.requireID(), survivorID = try survivor.requireID()
        var check = Validator()
        let note = check.text("note", rawNote, required: false, max: ProjectLimits.longText, multiline: true)
        if absorbedID == survivorID { check.add("target", .invalidChoice) }
        if absorbed.archivedAt != nil || survivor.archivedAt != nil { check.add("target", .invalidChoice) }
        try check.finish()

        let references = try await references()
        let survivorDetails = try await ProjectDetails.load(survivor, on: db)
        let absorbedDetails = try await ProjectDetails.load(absorbed, on: db)
        let before = ProjectDraft.snapshot(survivor, elementIDs: survivorDetails.elementIDs, dependencyIDs: survivorDetails.dependencyIDs,
                                           costs: survivorDetails.costs, effort: survivorDetails.effort, references: references)
        let involved: Set<UUID> = [absorbedID, survivorID]
        let elements = survivorDetails.elementIDs + absorbedDetails.elementIDs.filter { !survivorDetails.elementIDs.contains($0) }
        let dependencies = (survivorDetails.dependencyIDs + absorbedDetails.dependencyIDs.filter { !survivorDetails.dependencyIDs.contains($0) })
            .filter { !involved.contains($0) }
        let newDependents = absorbedDetails.dependentIDs.filter { !involved.contains($0) && !survivorDetails.dependentIDs.contains($0) }

        var edges = try await dependencyEdges()
        edges[absorbedID] = nil
        for (from, targets) in edges where targets.contains(absorbedID) {
            edges[from] = Set(targets.map { $0 == absorbedID ? survivorID : $0 }).subtracting([from])
        }
        if let cycle = DependencyGraph.cycle(adding: (from: survivorID, to: dependencies), to: edges) {
            throw ValidationFailure([FieldProblem("target", .dependencyCycle(cycle.map { references.projectsByID[$0]?.label ?? $0.uuidString }))])
        }

        var tags = survivor.tagList
        for tag in absorbed.tagList where !tags.contains(where: { $0.lowercased() == tag.lowercased() }) { tags.append(tag) }
        survivor.tags = tags.prefix(ProjectLimits.tags).joined(separator: "\n")
        var beneficiaries = survivor.beneficiaryList
        for item in absorbed.beneficiaryList where !beneficiaries.contains(item) { beneficiaries.append(item) }
        survivor.beneficiaries = beneficiaries.map(\.rawValue).joined(separator: ",")
        survivor.searchText = ProjectDraft.searchText(survivor)
        let after = ProjectDraft.snapshot(survivor, elementIDs: elements, dependencyIDs: dependencies, costs: survivorDetails.costs,
                                          effort: survivorDetails.effort, references: references)
        let now = Date()
        absorbed.archivedAt = now
        absorbed.$mergedInto.id = survivorID

        try await db.writeTransaction { db in
            try await survivor.save(on: db)
            try await absorbed.save(on: db)
            try await ProjectStrategyLink.query(on: db).filter(\.$project.$id == survivorID).delete()
            try await ProjectDependency.query(on: db).filter(\.$project.$id == survivorID).delete()
            try await ProjectDependency.query(on: db).filter(\.$dependsOn.$id == absorbedID).delete()
            try await elements.map { ProjectStrategyLink(municipalityID: context.municipalityID, projectID: survivorID, elementID: $0) }.create(on: db)
            try await dependencies.map { ProjectDependency(municipalityID: context.municipalityID, projectID: survivorID, dependsOnID: $0) }.create(on: db)
            try await newDependents.map { ProjectDependency(municipalityID: context.municipalityID, projectID: $0, dependsOnID: survivorID) }.create(on: db)
            // The survivor's links, tags and dependencies and the dependents' dependencies are fields of their edit
            // forms: a form opened before the merge must not undo it unseen.
            let versions = try await RowVersion.raise(Project.schema, ids: [survivorID] + newDependents, on: db)
            survivor.storedVersion = versions[survivorID]
            let mergeNote = [survivor.label, note].compactMap { $0 }.joined(separator: " – ")
            try await ProjectWriter.statusRecord(absorbed, from: absorbed.projectStatus, to: absorbed.projectStatus, reason: mergeNote,
                                                 at: now, municipalityID: context.municipalityID, actor: context.user).create(on: db)
            let events = [
                try AuditTrail.makeEvent(municipalityID: context.municipalityID, actor: context.user, action: .merge,
                                         entityType: "project", entityID: absorbedID, label: absorbed.label,
                                         changes: [FieldChange(field: "mergedInto", old: nil, new: survivor.label)]),
                try AuditTrail.makeEvent(municipalityID: context.municipalityID, actor: context.user, action: .merge,
                                         entityType: "project", entityID: survivorID, label: survivor.label,
                                         changes: [FieldChange(field: "mergedFrom", old: nil, new: absorbed.label)]
                                            + FieldChange.between(before, after, fields: ProjectDraft.auditedFields),
                                         version: versions[survivorID]),
            ]
            try await AuditTrail.recordAll(events, municipalityID: context.municipalityID, on: db)
        }
    }
}
