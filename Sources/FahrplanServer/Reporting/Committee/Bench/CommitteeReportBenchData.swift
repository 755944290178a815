import FahrplanCore
import Fluent
import Foundation
import Vapor

extension Operations {
    /// `fahrplan bench-data committee-report`: what benchmarks/reporting-http.sh adds on top of
    /// `bench-data monitoring`: the day each running or completed project started and each completed one finished
    /// (status changes; without them no project counts as implemented in a period), and `decisions` entries of the
    /// decision log over the last year. Deterministic for a seed and a day; written in one transaction.
    public static func generateCommitteeReportBenchData(_ app: Application, municipalitySlug slug: String, decisions: Int,
                                                        seed: UInt64) async throws -> [String] {
        guard let municipality = try await Municipality.query(on: app.db).filter(\.$slug == slug).first(), let municipalityID = municipality.id else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        let db = app.db
        let calendar = app.municipalCalendar
        let today = calendar.today
        var random = SplitMix64(seed: seed)
        var projects: [(UUID, ProjectStatus)] = []
        for row in try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$status ~~ [ProjectStatus.inProgress.rawValue, ProjectStatus.completed.rawValue]).sort(\.$code)
            .field(\.$id).field(\.$status).rows() {
            let row = row.schema(Project.schema)
            projects.append((try row.decode("id", as: UUID.self), ProjectStatus(rawValue: try row.decode("status", as: String.self)) ?? .inProgress))
        }
        let noon = { (day: CalendarDay) -> Date in
            var components = DateComponents(); components.year = day.year; components.month = day.month; components.day = day.day; components.hour = 12
            var gregorian = Calendar(identifier: .gregorian); gregorian.timeZone = calendar.timeZone
            return gregorian.date(from: components) ?? Date()
        }
        var changes: [ProjectStatusChangeRecord] = []
        for (id, status) in projects {
            let started = today.adding(days: -random.int(60..<600)) ?? today
            changes.append(ProjectStatusChangeRecord(municipalityID: municipalityID, projectID: id, from: .approved, to: .inProgress, reason: nil,
                                                     at: noon(started), byID: nil, byName: "Benchmark"))
            if status == .completed {
                let done = min(today, started.adding(days: random.int(30..<400)) ?? today)
                changes.append(ProjectStatusChangeRecord(municipalityID: municipalityID, projectID: id, from: .inProgress, to: .completed,
                                                         reason: nil, at: noon(done), byID: nil, byName: "Benchmark"))
            }
        }
        var entries: [Decision] = []
        for n in 0..<max(0, decisions) {
            let decision = Decision()
            decision.id = UUID(); decision.$municipality.id = municipalityID
            decision.kind = (n % 3 == 0 ? DecisionKind.adoptRanking : .startProject).rawValue
            if n % 3 != 0, !projects.isEmpty { decision.$project.id = projects[random.int(0..<projects.count)].0 }
            decision.decidedBy = "Digitalisierungsausschuss"
            decision.decidedOn = (today.adding(days: -random.int(0..<365)) ?? today).iso
            decision.summary = "Beschluss \(n + 1) (Benchmark)"; decision.rationale = "Begründung"; decision.recordedByName = "Benchmark"
            entries.append(decision)
        }
        let (allChanges, allEntries) = (changes, entries)
        try await db.writeTransaction { db in
            for change in allChanges { try await change.create(on: db) }
            for entry in allEntries { try await entry.create(on: db) }
        }
        return ["status changes: \(changes.count) (\(projects.count) running or completed projects)", "decisions: \(entries.count)"]
    }
}
