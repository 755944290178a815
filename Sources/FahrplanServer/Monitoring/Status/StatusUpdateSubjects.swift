import FahrplanCore
import Fluent
import Foundation

/// The projects the update cycles keep current (M3's `Application.monitoringSubjectSources`): every active
/// project in implementation, with its monitoring owner and the day of its newest status report.
enum StatusUpdateSubjects {
    static func load(db: any Database, municipalityID: UUID) async throws -> [UpdateSubject] {
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$status == ProjectStatus.inProgress.rawValue).sort(\.$code).all()
        guard !projects.isEmpty else { return [] }
        let ids = projects.compactMap(\.id)
        var owners: [UUID: UUID] = [:]
        for row in try await ProjectMonitoringOwner.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$id ~~ ids).all() {
            if let id = row.id, let owner = row.ownerID { owners[id] = owner }
        }
        var latest: [UUID: CalendarDay] = [:]
        for report in try await ProjectStatusReport.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            guard let day = CalendarDay(iso: report.reportedOn) else { continue }
            if latest[report.$project.id].map({ day > $0 }) ?? true { latest[report.$project.id] = day }
        }
        let slug = try await Municipality.find(municipalityID, on: db)?.slug ?? ""
        return projects.compactMap { project in
            guard let id = project.id else { return nil }
            return UpdateSubject(kind: .projectStatus, id: id, title: project.label, ownerUserID: owners[id], lastUpdate: latest[id],
                                 url: SiteURL.municipality(slug, .project(.value(id))).path)
        }
    }
}
