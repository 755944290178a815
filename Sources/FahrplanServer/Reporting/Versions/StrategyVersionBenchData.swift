import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The data of benchmarks/strategy-versions-http.sh: two stored versions of the core's `ReportingSample` (every
/// project ranked and on the roadmap, 200 KPIs; the later version with about one project in twenty moved, one in a
/// hundred left or joined, some KPIs and a goal changed), stored as the municipality's next two versions.
public struct StrategyVersionBenchDataSummary: Sendable {
    public var fromID: UUID
    public var toID: UUID
    public var projects: Int
    public var snapshotBytes: Int

    public var lines: [String] {
        ["from: \(fromID.uuidString)", "to: \(toID.uuidString)", "projects: \(projects)", "snapshot bytes: \(snapshotBytes)"]
    }
}

extension Operations {
    /// Writes two strategy versions of `projects` projects for the version diff benchmark.
    public static func generateStrategyVersionBenchData(_ app: Application, municipalitySlug: String,
                                                        projects: Int) async throws -> StrategyVersionBenchDataSummary {
        let db = app.db
        guard let municipality = try await Municipality.query(on: db).filter(\.$slug == municipalitySlug).first(),
              let municipalityID = municipality.id else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(municipalitySlug).")
        }
        var (old, new) = ReportingSample.versions(projects: projects)
        old.municipalityID = municipalityID
        new.municipalityID = municipalityID
        let last = try await StrategyVersionRecord.query(on: db).filter(\.$municipality.$id == municipalityID).max(\.$number) ?? 0
        var ids: [UUID] = []
        var bytes = 0
        for (offset, version) in [old, new].enumerated() {
            let record = StrategyVersionRecord()
            record.id = UUID()
            record.$municipality.id = municipalityID
            record.number = last + offset + 1
            record.name = "\(version.name) (Benchmark \(last + offset + 1))"
            record.adoptedOn = version.adoptedOn.iso
            record.snapshot = String(decoding: try version.encoded(), as: UTF8.self)
            record.elementCount = version.elements.count; record.kpiCount = version.kpis.count
            record.rankingCount = version.ranking.count; record.roadmapCount = version.roadmap.count
            record.createdByName = "Benchmark"
            record.takenAt = Date()
            record.frameVersion = municipality.frameVersion
            try await record.create(on: db)
            ids.append(try record.requireID())
            bytes = record.snapshot.utf8.count
        }
        return StrategyVersionBenchDataSummary(fromID: ids[0], toID: ids[1], projects: projects, snapshotBytes: bytes)
    }
}
