import FahrplanCore
import Fluent
import Foundation

/// The list filters of the web pages and the API. Inventories are hundreds of rows, not hundreds of thousands,
/// so the lists load the municipality's items with their links and filter in memory.
enum InventoryFilters {
    struct System: Sendable {
        var text: String?
        var departmentID: UUID?
        var projectID: UUID?
        var lifecycle: ITSystemLifecycle?
        var includeArchived = false
    }

    struct ListedSystem: Sendable {
        var record: ITSystemRecord
        var departments: [UUID]
        var projects: [(id: UUID, relation: ITSystemProjectRelation)]
    }

    static func systems(_ service: InventoryService, _ filter: System) async throws -> [ListedSystem] {
        let records = try await service.systems(includeArchived: filter.includeArchived)
        let departments = try await service.systemDepartments(), projects = try await service.systemProjects()
        let needle = filter.text.map(GermanFolding.fold)
        return records.compactMap { record in
            let id = record.id!
            let listed = ListedSystem(record: record, departments: departments[id] ?? [], projects: projects[id] ?? [])
            if let needle, ![record.name, record.vendor, record.product].compactMap({ $0 }).contains(where: { GermanFolding.fold($0).contains(needle) }) { return nil }
            if let department = filter.departmentID, !listed.departments.contains(department) { return nil }
            if let project = filter.projectID, !listed.projects.contains(where: { $0.id == project }) { return nil }
            if let lifecycle = filter.lifecycle, record.lifecycleChoice != lifecycle { return nil }
            return listed
        }
    }

    struct Service: Sendable {
        var text: String?
        var departmentID: UUID?
        var projectID: UUID?
        /// A level number, or `unknown`.
        var level: String?
        var includeArchived = false
    }

    struct ListedService: Sendable {
        var record: AdministrativeServiceRecord
        var assessments: [MaturityAssessment]
        var overall: OverallMaturity
    }

    static func services(_ service: InventoryService, _ filter: Service, model: MaturityModel) async throws -> [ListedService] {
        let records = try await service.services(includeArchived: filter.includeArchived)
        let assessments = try await service.assessments()
        let today = service.context.calendar.today
        let needle = filter.text.map(GermanFolding.fold)
        return records.compactMap { record in
            let own = assessments[record.id!] ?? []
            let listed = ListedService(record: record, assessments: own, overall: model.overall(own, on: today))
            if let needle, ![record.name, record.leikaKey, record.ozgID].compactMap({ $0 }).contains(where: { GermanFolding.fold($0).contains(needle) }) { return nil }
            if let department = filter.departmentID, record.$department.id != department { return nil }
            if let project = filter.projectID, record.$project.id != project { return nil }
            if let level = filter.level {
                if level == "unknown" { if listed.overall.level != nil { return nil } }
                else if listed.overall.level.map(String.init) != level { return nil }
            }
            return listed
        }
    }
}
