import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// The projects the update cycles keep current (M3's `Application.monitoringSubjectSources`): every active
/// project in implementation, with its monitoring owner and the day of its newest status report.
enum StatusUpdateSubjects {
    static func load(db: any Database, municipalityID: UUID) async throws -> [UpdateSubject] {
        // Plain columns by SQL: with thousands of running projects and reports, whole models took most of the time.
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        let projects = try await sql.raw("""
            SELECT id, code, title, monitoring_owner_id FROM projects
            WHERE municipality_id = \(bind: municipalityID) AND archived_at IS NULL AND status = \(bind: ProjectStatus.inProgress.rawValue)
            ORDER BY code
            """).all()
        guard !projects.isEmpty else { return [] }
        // Only the newest day per project counts.
        var latest: [UUID: CalendarDay] = [:]
        for row in try await sql.raw("""
            SELECT project_id, MAX(reported_on) AS newest FROM status_reports WHERE municipality_id = \(bind: municipalityID) GROUP BY project_id
            """).all() {
            latest[try row.decode(column: "project_id", as: UUID.self)] = CalendarDay(iso: try row.decode(column: "newest", as: String.self))
        }
        let slug = try await Municipality.find(municipalityID, on: db)?.slug ?? ""
        return try projects.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return UpdateSubject(kind: .projectStatus, id: id,
                                 title: "\(try row.decode(column: "code", as: String.self)) \(try row.decode(column: "title", as: String.self))",
                                 ownerUserID: try row.decode(column: "monitoring_owner_id", as: UUID?.self), lastUpdate: latest[id],
                                 url: SiteURL.municipality(slug, .project(.value(id))).path)
        }
    }
}
