import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing
import Vapor

/// The project portfolio's part of the tenant-isolation walk (TenantIsolationTests): which project a
/// `:project` route is pointed at, the forms and JSON bodies that would change it, and the project rows
/// of the snapshot that must not change.
struct WalkProjects {
    /// Read, changed, moved in the workflow, archived and restored.
    var main: UUID
    /// Absorbed by the API's merge route, and by the web's: a merged project is archived for good, so
    /// each merge route gets its own, and the later probes on `main` still find an active project.
    var absorbedByAPI: UUID
    var absorbedByWeb: UUID
    /// What both merges absorb into.
    var mergeTarget: UUID

    var all: [UUID] { [main, absorbedByAPI, absorbedByWeb, mergeTarget] }

    func id(for path: [PathComponent]) -> UUID {
        guard path.last?.description == "merge" else { return main }
        return RouteWalk.isAPI(path) ? absorbedByAPI : absorbedByWeb
    }

    /// Four ideas of the context's municipality, all in `departmentID`, serving `elementID`.
    static func create(context: MunicipalityContext, departmentID: UUID, elementID: UUID, suffix: String, on db: any Database) async throws -> WalkProjects {
        let service = PortfolioService(db: db, context: context)
        func project(_ title: String) async throws -> UUID {
            try await service.create(ProjectInput(title: "\(title) \(suffix)", departmentID: departmentID.uuidString,
                                                  tags: [suffix], strategyElementIDs: [elementID.uuidString])).requireID()
        }
        return WalkProjects(main: try await project("Walk-Projekt"), absorbedByAPI: try await project("Walk-Dublette API"),
                            absorbedByWeb: try await project("Walk-Dublette Web"), mergeTarget: try await project("Walk-Ziel"))
    }

    static func strategyTeamContext(_ municipality: Municipality, email: String, on db: any Database) async throws -> MunicipalityContext {
        let found = try await User.query(on: db).filter(\.$email == email).first()
        let user = try #require(found)
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
    }
}

extension RouteWalk {
    /// `/m/:municipality/projects…` and `/api/v1/projects…`: "projects" is the third segment of both.
    static func isProjectRoute(_ segments: [String]) -> Bool { segments.count > 2 && segments[2] == "projects" }

    /// Web forms for the project routes. The main project starts as an idea; the API moves it to
    /// "submitted" and the web to "deferred" — valid in either order (idea → submitted → deferred, or
    /// idea → deferred → submitted), so the walk does not depend on which routes are registered first.
    static func projectForm(last: String, target: WalkTarget) -> [(String, String)] {
        switch last {
        case "status": return [("status", "deferred"), ("reason", "Von der Nachbargemeinde zurückgestellt.")]
        case "merge": return [("target", target.projects.mergeTarget.uuidString), ("note", "Übernommen")]
        case "assign": return [("projectIDs[]", target.projects.main.uuidString), ("elementID", target.elements[.goal]?.uuidString ?? "")]
        default: return [("title", "Übernommen von Musterstadt"), ("departmentID", target.departmentID.uuidString),
                         ("strategyElementIDs[]", target.elements[.program]?.uuidString ?? "")]
        }
    }

    static func projectJSON(last: String, target: WalkTarget) -> [String: Any] {
        switch last {
        case "status": return ["status": "submitted", "reason": "Von der Nachbargemeinde eingereicht."]
        case "merge": return ["targetId": target.projects.mergeTarget.uuidString, "note": "Übernommen"]
        case "assign": return ["projectIds": [target.projects.main.uuidString], "elementId": target.elements[.goal]?.uuidString ?? ""]
        case "similar": return ["title": "Walk-Projekt"]
        default:
            return ["title": "Übernommen von Musterstadt", "departmentId": target.departmentID.uuidString,
                    "strategyElementIds": [target.elements[.program]?.uuidString ?? ""]]
        }
    }
}

extension TenantSnapshot {
    /// A municipality's projects and their child rows, for `take`.
    static func projectLines(_ municipalityID: UUID, elementIDs: Set<UUID>, on db: any Database) async throws -> (lines: [String], ids: Set<UUID>) {
        func d(_ date: Date?) -> String { date.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "nil" }
        var lines: [String] = []
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        for p in projects {
            lines.append("project \(p.id?.uuidString ?? "nil") code=\(p.code) title=\(p.title) status=\(p.status) department=\(p.$department.id?.uuidString ?? "nil") "
                + "tags=\(p.tags) merged=\(p.$mergedInto.id?.uuidString ?? "nil") oneOff=\(p.totalOneOffCents) archived=\(d(p.archivedAt)) updated=\(d(p.updatedAt))")
        }
        let ids = Set(projects.compactMap(\.id))
        for link in try await ProjectStrategyLink.query(on: db).all()
        where link.$municipality.id == municipalityID || ids.contains(link.$project.id) || elementIDs.contains(link.$element.id) {
            lines.append("project link \(link.$project.id) → \(link.$element.id) municipality=\(link.$municipality.id)")
        }
        for row in try await ProjectDependency.query(on: db).all()
        where row.$municipality.id == municipalityID || ids.contains(row.$project.id) || ids.contains(row.$dependsOn.id) {
            lines.append("project dependency \(row.$project.id) → \(row.$dependsOn.id) municipality=\(row.$municipality.id)")
        }
        let history = try await ProjectStatusChangeRecord.query(on: db).all().filter { ids.contains($0.$project.id) || $0.$municipality.id == municipalityID }
        lines.append("project status changes: \(history.count)")
        let costs = try await ProjectCost.query(on: db).all().filter { ids.contains($0.$project.id) || $0.$municipality.id == municipalityID }
        lines.append("project cost lines: \(costs.count)")
        return (lines, ids)
    }

    /// Project rows that reference a department, element or project of another municipality.
    static func projectCrossReferences(elementOwner: [UUID: UUID], departmentOwner: [UUID: UUID], on db: any Database) async throws -> [String] {
        var found: [String] = []
        let projects = try await Project.query(on: db).all()
        let projectOwner = Dictionary(projects.compactMap { p in p.id.map { ($0, p.$municipality.id) } }, uniquingKeysWith: { a, _ in a })
        for project in projects {
            if let unit = project.$department.id, departmentOwner[unit] != project.$municipality.id { found.append("project \(project.code) names department \(unit) of another municipality") }
            if let target = project.$mergedInto.id, projectOwner[target] != project.$municipality.id { found.append("project \(project.code) was merged into another municipality's project") }
        }
        for link in try await ProjectStrategyLink.query(on: db).all()
        where projectOwner[link.$project.id] != link.$municipality.id || elementOwner[link.$element.id] != link.$municipality.id {
            found.append("project link \(link.$project.id) → \(link.$element.id) crosses municipalities")
        }
        for row in try await ProjectDependency.query(on: db).all()
        where projectOwner[row.$project.id] != row.$municipality.id || projectOwner[row.$dependsOn.id] != row.$municipality.id {
            found.append("project dependency \(row.$project.id) → \(row.$dependsOn.id) crosses municipalities")
        }
        for row in try await ProjectEffort.query(on: db).all() where departmentOwner[row.$department.id] != row.$municipality.id {
            found.append("effort of project \(row.$project.id) names department \(row.$department.id) of another municipality")
        }
        return found
    }
}
