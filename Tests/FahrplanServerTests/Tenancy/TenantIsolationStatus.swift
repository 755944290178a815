import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing
import Vapor

/// The monitoring status part of the tenant-isolation walk: a project in implementation with a status report,
/// a milestone and a monitoring owner. The routes that write reports, milestones or the owner (web and API) are
/// pointed at this project, because the walk's main project is an idea, which takes neither reports nor
/// milestones — on own data those forms would be refused and the walk against the neighbour would prove nothing.
struct WalkStatus {
    var projectID: UUID
    var milestoneID: UUID
    var reportID: UUID

    var all: [UUID] { [projectID, milestoneID, reportID] }

    /// Path segments after `:project` that belong to the monitoring of the project.
    static let monitoringSegments: Set<String> = ["milestones", "reports", "owner", "status-reports", "monitoring-owner"]

    /// The project for a route: this one for the monitoring routes, nil for the others (the project walk decides).
    func project(for path: [PathComponent]) -> UUID? {
        let names = path.map(\.description)
        guard let index = names.firstIndex(of: ":project") else { return nil }
        return names[(index + 1)...].contains { Self.monitoringSegments.contains($0) } ? projectID : nil
    }

    static func create(context: MunicipalityContext, departmentID: UUID, elementID: UUID, ownerID: UUID, suffix: String,
                       on db: any Database) async throws -> WalkStatus {
        let project = try await PortfolioService(db: db, context: context).create(ProjectInput(
            title: "Walk-Umsetzung \(suffix)", departmentID: departmentID.uuidString, tags: [suffix], strategyElementIDs: [elementID.uuidString]))
        project.status = ProjectStatus.inProgress.rawValue
        try await project.save(on: db)
        let service = ProjectStatusService(db: db, context: context)
        let report = try await service.createReport(project, StatusReportInput(
            reportedOn: "01.06.2025", schedule: "red", scheduleReason: "Walk \(suffix)", budget: "green", scope: "green", percentComplete: "20",
            achieved: "Walk \(suffix)"))
        let milestone = try await service.createMilestone(project, MilestoneInput(title: "Walk-Meilenstein \(suffix)", dueOn: "01.01.2026",
                                                                                  ownerUserID: ownerID.uuidString, note: "Walk \(suffix)"))
        try await service.setOwner(project, ownerID.uuidString)
        return WalkStatus(projectID: try project.requireID(), milestoneID: try milestone.requireID(), reportID: try report.requireID())
    }
}

extension RouteWalk {
    /// Web forms of the status page's routes, valid on the target's own monitored project.
    static func statusForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard segments.contains("projects") else { return nil }
        if segments.contains(":milestone") || segments.last == "milestones" {
            return [("title", "Übernommener Meilenstein"), ("dueOn", "15.03.2027"), ("doneOn", ""), ("ownerUserID", ""), ("note", "Übernommen")]
        }
        guard let index = segments.firstIndex(of: "status"), index + 1 < segments.count else { return nil }
        switch segments[index + 1] {
        case "reports":
            return [("reportedOn", "15.06.2025"), ("schedule", "yellow"), ("scheduleReason", "Übernommen"), ("budget", "green"),
                    ("scope", "green"), ("percentComplete", "25")]
        case "owner": return [("ownerUserID", target.userID.uuidString)]
        default: return nil
        }
    }

    /// Web forms of the monitoring settings.
    static func monitoringSettingsForm(segments: [String]) -> [(String, String)]? {
        guard segments.contains("monitoring"), segments.contains("settings") else { return nil }
        return segments.last == "settings" ? [("staleAfterWeeks", "9")] : []
    }
}

extension TenantSnapshot {
    /// A municipality's status reports, milestones and monitoring owners, for `take`.
    static func statusLines(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        func s(_ value: Any?) -> String { value.map { "\($0)" } ?? "nil" }
        var lines: [String] = []
        for report in try await ProjectStatusReport.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("status report \(s(report.id)) project=\(report.$project.id) on=\(report.reportedOn) \(report.schedule)/\(report.budget)/\(report.scope) "
                + "percent=\(report.percentComplete)")
        }
        for milestone in try await ProjectMilestone.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("milestone \(s(milestone.id)) project=\(milestone.$project.id) title=\(milestone.title) due=\(milestone.dueOn) "
                + "done=\(s(milestone.doneOn)) owner=\(s(milestone.ownerID)) note=\(s(milestone.note)) version=\(milestone.version)")
        }
        for owner in try await ProjectMonitoringOwner.query(on: db).filter(\.$municipality.$id == municipalityID).all() where owner.ownerID != nil {
            lines.append("monitoring owner project=\(s(owner.id)) owner=\(s(owner.ownerID))")
        }
        if let settings = try await MonitoringSettings.query(on: db).filter(\.$municipality.$id == municipalityID).first() {
            lines.append("monitoring settings stale=\(settings.staleAfterWeeks) token=\(s(settings.calendarToken))")
        }
        return lines
    }
}
