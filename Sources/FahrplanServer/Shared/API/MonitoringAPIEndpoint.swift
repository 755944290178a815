import FahrplanCore
import Foundation

/// The monitoring part of the API's route table (`APIURL.monitoring`): status reports, milestones and the monitoring
/// owner below a project, KPIs with their measurements, update cycles, period locks, the dashboard and what is due.
/// It lives with the table because Shared may not name the Monitoring layer's types. Vapor's parameter names
/// (`:project`, `:milestone`, `:kpi`, `:cycle`, `:lock`) are the ones the tenant-isolation walk fills.
enum MonitoringAPIEndpoint: Sendable {
    case statusReports(project: IDParameter)
    case milestones(project: IDParameter)
    case milestone(project: IDParameter, IDParameter)
    case monitoringOwner(project: IDParameter)
    case kpis
    case kpi(IDParameter)
    case kpiMeasurements(IDParameter)
    case updateCycles
    case updateCycle(IDParameter)
    case locks
    case lock(IDParameter)
    case dashboard
    case due
    case kpiRollup
    case settings

    var segments: [PathSegment] {
        switch self {
        case .statusReports(let project): [.fixed("projects"), project.segment("project"), .fixed("status-reports")]
        case .milestones(let project): [.fixed("projects"), project.segment("project"), .fixed("milestones")]
        case .milestone(let project, let id):
            [.fixed("projects"), project.segment("project"), .fixed("milestones"), id.segment("milestone")]
        case .monitoringOwner(let project): [.fixed("projects"), project.segment("project"), .fixed("monitoring-owner")]
        case .kpis: [.fixed("kpis")]
        case .kpi(let id): [.fixed("kpis"), id.segment("kpi")]
        case .kpiMeasurements(let id): [.fixed("kpis"), id.segment("kpi"), .fixed("measurements")]
        case .updateCycles: [.fixed("update-cycles")]
        case .updateCycle(let id): [.fixed("update-cycles"), id.segment("cycle")]
        case .locks: [.fixed("monitoring"), .fixed("locks")]
        case .lock(let id): [.fixed("monitoring"), .fixed("locks"), id.segment("lock")]
        case .dashboard: [.fixed("monitoring"), .fixed("dashboard")]
        case .due: [.fixed("monitoring"), .fixed("due")]
        case .kpiRollup: [.fixed("monitoring"), .fixed("kpi-rollup")]
        case .settings: [.fixed("monitoring"), .fixed("settings")]
        }
    }

    static var allRoutes: [MonitoringAPIEndpoint] {
        [.statusReports(project: .key), .milestones(project: .key), .milestone(project: .key, .key), .monitoringOwner(project: .key),
         .kpis, .kpi(.key), .kpiMeasurements(.key), .updateCycles, .updateCycle(.key), .locks, .lock(.key), .dashboard, .due,
         .kpiRollup, .settings]
    }
}
