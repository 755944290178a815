import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// A strategy version, for the tenant-isolation walk's `:version` routes.
struct WalkStrategyVersions {
    var versionID: UUID

    static func create(context: MunicipalityContext, suffix: String, on db: any Database) async throws -> WalkStrategyVersions {
        let record = try await StrategyVersionService(db: db, context: context).create(
            StrategyVersionInput(name: "Walk-Version \(suffix)", adoptedOn: "2026-01-15", adoptedBy: "Rat \(suffix)", note: "Walk \(suffix)"))
        return WalkStrategyVersions(versionID: try record.requireID())
    }
}

extension RouteWalk {
    /// Form fields of the version form (names are unique per municipality: each post its own).
    static func strategyVersionForm(segments: [String]) -> [(String, String)]? {
        guard segments.count > 2, segments[2] == "versions" else { return nil }
        return [("name", "Übernommene Version \(UUID().uuidString.prefix(8))"), ("adoptedOn", "01.06.2026")]
    }

    /// JSON body of the version API.
    static func strategyVersionJSON(segments: [String]) -> [String: Any]? {
        guard segments.count > 2, segments[0] == "api", segments[2] == "strategy-versions" else { return nil }
        return ["name": "Übernommene Version \(UUID().uuidString.prefix(8))", "adoptedOn": "2026-06-01"]
    }
}

extension TenantSnapshot {
    /// The municipality's strategy versions as lines, for the before/after comparison of the walk.
    static func strategyVersionLines(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        try await StrategyVersionRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all().map { v in
            "strategy version \(v.id?.uuidString ?? "nil") number=\(v.number) name=\(v.name) adopted=\(v.adoptedOn) by=\(v.adoptedBy ?? "nil") "
                + "note=\(v.note ?? "nil") snapshot=\(v.snapshot.count) taken=\(v.takenAt.timeIntervalSince1970)"
        }
    }
}
