import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// The import's part of the tenant-isolation walk (TenantIsolationTests): the staged import a `:staged`
/// route is pointed at, the upload form that would stage one, and the staged rows of the snapshot.
enum WalkImports {
    /// A staged (previewed, not confirmed) import of one row in `department`, named by id (the walk archives
    /// units on the way, and an archived unit can only be named by id).
    static func create(municipalityID: UUID, userID: UUID, department: UUID, suffix: String, on db: any Database) async throws -> UUID {
        let staged = StagedImport()
        staged.$municipality.id = municipalityID
        staged.$user.id = userID
        staged.fileName = "walk-\(suffix).csv"
        staged.content = "Titel;Fachdienst\r\nWalk-Import \(suffix);\(department.uuidString)\r\n"
        try await staged.create(on: db)
        return try staged.requireID()
    }
}

extension RouteWalk {
    /// The upload form of `/m/:municipality/projects/import`: cells pasted instead of a file (the walk
    /// sends URL-encoded forms), naming the target's unit by id.
    static func importForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard segments.last == "import", segments.contains("projects"), !isAPI(segments) else { return nil }
        return [("content", "Titel;Fachdienst\r\nWalk-Upload;\(target.departmentID.uuidString)\r\n")]
    }

    private static func isAPI(_ segments: [String]) -> Bool { segments.first == "api" }
}

extension TenantSnapshot {
    /// A municipality's staged imports, for `take`.
    static func stagedImportLines(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        try await StagedImport.query(on: db).filter(\.$municipality.$id == municipalityID).all().map {
            "staged import \($0.id?.uuidString ?? "nil") file=\($0.fileName) user=\($0.$user.id) content=\($0.content.count) characters"
        }
    }
}
