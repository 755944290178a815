import FahrplanCore
import Fluent
import Foundation

/// Everything that is written for one project: the row and its child rows, references resolved.
struct ProjectDraft {
    var project: Project
    var isNew: Bool
    var elementIDs: [UUID]
    var dependencyIDs: [UUID]
    var costs: [CostLine]
    var effort: [ResolvedEffort]
    /// The audit trail's view before the change (empty for a new project).
    var before: [String: String?]
    /// Set when the caller has already raised the edit version (a form or API save with its precondition);
    /// otherwise the writer raises it for every changed existing project (an import), so that an edit form
    /// opened before is refused instead of undoing the change.
    var claimedVersion: Int? = nil

    struct ResolvedEffort: Hashable {
        var departmentID: UUID
        var year: Int
        var fteHundredths: Int
    }

    /// Resolves the references of checked values; every unknown one is reported by its field.
    static func resolve(_ values: ProjectValues, references: PortfolioReferences) throws
        -> (department: UUID, elements: [UUID], dependencies: [UUID], effort: [ResolvedEffort]) {
        var problems: [FieldProblem] = []
        let department = values.departmentID.flatMap { references.department($0)?.id }
        if department == nil { problems.append(FieldProblem("departmentID", .unknownReference)) }
        var elements: [UUID] = []
        for reference in values.strategyElementIDs {
            if let id = references.element(reference)?.id { if !elements.contains(id) { elements.append(id) } } else {
                problems.append(FieldProblem("strategyElementIDs", .unknownReference))
            }
        }
        var dependencies: [UUID] = []
        for reference in values.dependencyIDs {
            if let id = references.project(reference)?.id { if !dependencies.contains(id) { dependencies.append(id) } } else {
                problems.append(FieldProblem("dependencyIDs", .unknownReference))
            }
        }
        var effort: [ResolvedEffort] = []
        for line in values.effort {
            guard let id = references.department(line.departmentID)?.id else {
                problems.append(FieldProblem("effort[\(line.inputIndex)].departmentID", .unknownReference))
                continue
            }
            if let existing = effort.firstIndex(where: { $0.departmentID == id && $0.year == line.year }) {
                // The same unit named twice (by code and by name) — one line.
                effort[existing].fteHundredths += line.fteHundredths
            } else {
                effort.append(ResolvedEffort(departmentID: id, year: line.year, fteHundredths: line.fteHundredths))
            }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return (department!, elements, dependencies, effort)
    }

    /// Fills the project row from the values; the code is kept when the values carry none.
    static func apply(_ values: ProjectValues, department: UUID, effort: [ResolvedEffort], to project: Project) {
        if let code = values.code { project.code = code }
        project.title = values.title
        project.summary = values.summary
        project.description = values.description
        project.$department.id = department
        project.responsiblePerson = values.responsiblePerson
        project.kind = values.kind.rawValue
        project.legalObligation = values.legalObligation
        project.legalReference = values.legalReference
        project.legalDeadline = values.legalDeadline?.description
        project.administrativeService = values.administrativeService
        project.beneficiaries = values.beneficiaries.map(\.rawValue).joined(separator: ",")
        project.benefitDescription = values.benefitDescription
        project.hoursSavedPerYear = values.hoursSavedPerYear
        project.citizenHoursSavedPerYear = values.citizenHoursSavedPerYear
        project.businessHoursSavedPerYear = values.businessHoursSavedPerYear
        project.startOn = values.startOn?.description
        project.endOn = values.endOn?.description
        project.risks = values.risks
        project.tags = values.tags.joined(separator: "\n")
        project.totalOneOffCents = values.totalOneOffCents
        project.totalRunningCents = values.totalRunningCents
        project.totalFTEHundredths = effort.reduce(0) { $0 + $1.fteHundredths }
        project.searchText = searchText(project)
    }

    static func searchText(_ project: Project) -> String {
        GermanFolding.fold([project.code, project.title, project.summary ?? "", project.description ?? "",
                            project.tags, project.administrativeService ?? "", project.responsiblePerson ?? ""]
            .joined(separator: "\n"))
    }

    static let auditedFields = [
        "code", "title", "summary", "description", "departmentID", "responsiblePerson", "kind", "legalObligation",
        "legalReference", "legalDeadline", "administrativeService", "beneficiaries", "benefitDescription",
        "hoursSavedPerYear", "citizenHoursSavedPerYear", "businessHoursSavedPerYear", "startOn", "endOn", "risks", "tags", "strategyElements", "dependencies", "costs", "effort",
    ]

    /// The profile as the audit trail records it: readable labels, not ids.
    static func snapshot(_ project: Project, elementIDs: [UUID], dependencyIDs: [UUID], costs: [CostLine],
                         effort: [ResolvedEffort], references: PortfolioReferences) -> [String: String?] {
        func joined(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: "; ") }
        return [
            "code": project.code, "title": project.title, "summary": project.summary, "description": project.description,
            "departmentID": project.$department.id.map { references.departmentsByID[$0]?.label ?? $0.uuidString },
            "responsiblePerson": project.responsiblePerson, "kind": project.kind,
            "legalObligation": project.legalObligation ? "true" : "false", "legalReference": project.legalReference,
            "legalDeadline": project.legalDeadline, "administrativeService": project.administrativeService,
            "beneficiaries": project.beneficiaries.isEmpty ? nil : project.beneficiaries,
            "benefitDescription": project.benefitDescription, "hoursSavedPerYear": project.hoursSavedPerYear.map(String.init),
            "citizenHoursSavedPerYear": project.citizenHoursSavedPerYear.map(String.init),
            "businessHoursSavedPerYear": project.businessHoursSavedPerYear.map(String.init),
            "startOn": project.startOn, "endOn": project.endOn, "risks": project.risks,
            "tags": project.tags.isEmpty ? nil : project.tags.replacingOccurrences(of: "\n", with: "; "),
            "strategyElements": joined(elementIDs.map { references.elementsByID[$0]?.label ?? $0.uuidString }.sorted()),
            "dependencies": joined(dependencyIDs.map { references.projectsByID[$0]?.label ?? $0.uuidString }.sorted()),
            "costs": joined(costs.map { "\($0.year): \(LocaleNumber.german(cents: $0.oneOffCents)) / \(LocaleNumber.german(cents: $0.runningCents))" }),
            "effort": joined(effort.map { "\(references.departmentCodes[$0.departmentID] ?? "?") \($0.year): \(LocaleNumber.german(hundredths: $0.fteHundredths))" }),
        ]
    }
}
