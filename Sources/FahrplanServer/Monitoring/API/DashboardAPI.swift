import FahrplanCore
import Foundation
import Vapor

/// `GET /api/v1/monitoring/dashboard`: the strategy team's overview as `MonitoringDashboard` computes it —
/// projects by field of action and status, late milestones, red lights, stale projects, budget planned against
/// spent. Members may read it, as the page.
struct MonitoringDashboardDTO: Content {
    struct FieldRow: Content {
        /// Absent for projects that serve no field of action.
        var field: String?
        /// Status → number of projects.
        var counts: [String: Int]
        var total: Int
    }

    struct LateMilestone: Content {
        var projectId: UUID
        var projectCode: String
        var projectTitle: String
        var milestoneId: UUID
        var title: String
        var dueOn: String
        var daysLate: Int
    }

    struct RedLight: Content {
        var projectId: UUID
        var projectCode: String
        var projectTitle: String
        var reportedOn: String
        var dimensions: [Dimension]
    }

    struct Dimension: Content {
        var dimension: String
        var reason: String?
    }

    struct StaleProject: Content {
        var projectId: UUID
        var projectCode: String
        var projectTitle: String
        var lastReportOn: String?
        var weeksSince: Int?
    }

    struct BudgetRow: Content {
        var projectId: UUID
        var projectCode: String
        var projectTitle: String
        var plannedCents: Int64
        var spentCents: Int64?
        var spentPercent: Int?
    }

    struct BudgetTotals: Content {
        var plannedCents: Int64
        var spentCents: Int64
        var projectsWithSpent: Int
    }

    var today: String
    var staleAfterWeeks: Int
    var statusByField: [FieldRow]
    var lateMilestones: [LateMilestone]
    var redLights: [RedLight]
    var stale: [StaleProject]
    var budget: [BudgetRow]
    var budgetTotals: BudgetTotals

    init(_ overview: MonitoringOverview, today: CalendarDay, staleAfterWeeks: Int) {
        self.today = today.iso
        self.staleAfterWeeks = staleAfterWeeks
        statusByField = overview.statusByField.map { row in
            FieldRow(field: row.field, counts: Dictionary(uniqueKeysWithValues: row.counts.map { ($0.key.rawValue, $0.value) }), total: row.total)
        }
        lateMilestones = overview.lateMilestones.map {
            LateMilestone(projectId: $0.projectID, projectCode: $0.projectCode, projectTitle: $0.projectTitle, milestoneId: $0.milestone.id,
                          title: $0.milestone.milestone.title, dueOn: $0.milestone.milestone.dueOn.iso, daysLate: $0.daysLate)
        }
        redLights = overview.redLights.map {
            RedLight(projectId: $0.projectID, projectCode: $0.projectCode, projectTitle: $0.projectTitle, reportedOn: $0.reportedOn.iso,
                     dimensions: $0.dimensions.map { Dimension(dimension: $0.0.rawValue, reason: $0.1) })
        }
        stale = overview.stale.map {
            StaleProject(projectId: $0.projectID, projectCode: $0.projectCode, projectTitle: $0.projectTitle,
                         lastReportOn: $0.lastReportOn?.iso, weeksSince: $0.weeksSince)
        }
        budget = overview.budget.map {
            BudgetRow(projectId: $0.projectID, projectCode: $0.projectCode, projectTitle: $0.projectTitle, plannedCents: $0.plannedCents,
                      spentCents: $0.spentCents, spentPercent: $0.spentPercent)
        }
        budgetTotals = BudgetTotals(plannedCents: overview.budgetTotals.plannedCents, spentCents: overview.budgetTotals.spentCents,
                                    projectsWithSpent: overview.budgetTotals.projectsWithSpent)
    }
}

enum MonitoringDashboardAPI {
    static func register(on api: any RoutesBuilder) {
        api.apiEndpoints.get(.monitoring(.dashboard), use: dashboard)
    }

    /// Cached like the dashboard page: per municipality data state (`frame_version`) and day.
    @Sendable static func dashboard(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let version = context.cacheKey(context.calendar.today.description)
        let body = try await req.application.renderedCache.value(slot: "api-monitoring-dashboard|\(context.municipalityID)", version: version) {
            let service = MonitoringDashboardService(db: req.db, context: context)
            let staleness = try await service.staleness()
            let dto = MonitoringDashboardDTO(try await service.overview(), today: context.calendar.today, staleAfterWeeks: staleness.weeks)
            var buffer = ByteBuffer()
            var headers = HTTPHeaders()
            try ContentConfiguration.global.requireEncoder(for: .json).encode(dto, to: &buffer, headers: &headers)
            return buffer
        }
        let response = Response(status: .ok, body: .init(buffer: body))
        response.headers.contentType = .json
        return response
    }
}

/// Registers the monitoring API (one line in `APIRoutes`).
enum MonitoringAPIRoutes {
    static func register(on api: any RoutesBuilder) {
        StatusAPIController().register(on: api)
        KPIAPIController().register(on: api)
        CycleAPIController().register(on: api)
        MonitoringDashboardAPI.register(on: api)
        RollupSettingsAPI.register(on: api)
    }
}
