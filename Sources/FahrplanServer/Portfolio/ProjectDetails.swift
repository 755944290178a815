import FahrplanCore
import Fluent
import Foundation

/// A project's child rows, loaded for the detail page, the API, the audit snapshot and the export.
struct ProjectDetails {
    var elementIDs: [UUID]
    var dependencyIDs: [UUID]
    var dependentIDs: [UUID]
    var costs: [CostLine]
    var effort: [ProjectDraft.ResolvedEffort]

    static func load(_ project: Project, on db: any Database) async throws -> ProjectDetails {
        try await loadMany([project], on: db)[project.requireID()] ?? ProjectDetails(elementIDs: [], dependencyIDs: [], dependentIDs: [], costs: [], effort: [])
    }

    /// Children of many projects in four queries per 400 projects.
    static func loadMany(_ projects: [Project], on db: any Database) async throws -> [UUID: ProjectDetails] {
        var result: [UUID: ProjectDetails] = [:]
        for project in projects { if let id = project.id { result[id] = ProjectDetails(elementIDs: [], dependencyIDs: [], dependentIDs: [], costs: [], effort: []) } }
        for chunk in Array(result.keys).chunked(into: 400) {
            let ids = Array(chunk)
            for link in try await ProjectStrategyLink.query(on: db).filter(\.$project.$id ~~ ids).all() {
                result[link.$project.id]?.elementIDs.append(link.$element.id)
            }
            for row in try await ProjectDependency.query(on: db).filter(\.$project.$id ~~ ids).all() {
                result[row.$project.id]?.dependencyIDs.append(row.$dependsOn.id)
            }
            for row in try await ProjectDependency.query(on: db).filter(\.$dependsOn.$id ~~ ids).all() {
                result[row.$dependsOn.id]?.dependentIDs.append(row.$project.id)
            }
            for row in try await ProjectCost.query(on: db).filter(\.$project.$id ~~ ids).sort(\.$year).all() {
                result[row.$project.id]?.costs.append(CostLine(year: row.year, oneOffCents: row.oneOffCents, runningCents: row.runningCents))
            }
            for row in try await ProjectEffort.query(on: db).filter(\.$project.$id ~~ ids).sort(\.$year).all() {
                result[row.$project.id]?.effort.append(.init(departmentID: row.$department.id, year: row.year, fteHundredths: row.fteHundredths))
            }
        }
        return result
    }
}
