import FahrplanCore
import Foundation
import Vapor

/// `GET /api/v1/monitoring/kpi-rollup`: the strategy's progress rolled up from its KPIs (goal → field of action →
/// strategy), each figure with how it was computed in the request's language, as the KPI page shows it.
struct KPIRollupDTO: Content {
    struct Node: Content {
        var id: String
        var name: String
        /// Mean progress (0…1) of the counted children; absent when none has progress.
        var progress: Double?
        var counted: [String]
        var excluded: [String]
        var explanation: String

        init(_ node: KPIRollup.Node, english: Bool) {
            id = node.id; name = node.name; progress = node.progress; counted = node.counted; excluded = node.excluded
            explanation = node.explanation(english: english)
        }
    }

    struct KPI: Content {
        var id: String
        var name: String
        var progress: Double?
    }

    struct Goal: Content {
        var goal: Node
        var kpis: [KPI]
    }

    struct Field: Content {
        var field: Node
        var goals: [Goal]
    }

    var strategy: Node
    var fields: [Field]

    init(_ rollup: KPIRollup, english: Bool) {
        strategy = Node(rollup.strategy, english: english)
        fields = rollup.fields.map { field in
            Field(field: Node(field.node, english: english), goals: field.goals.map { goal in
                Goal(goal: Node(goal.node, english: english), kpis: goal.kpis.map { KPI(id: $0.id, name: $0.name, progress: $0.progress) })
            })
        }
    }
}

/// The municipality's monitoring settings over JSON: after how many weeks without a report a running project counts
/// as stale. The calendar feed's secret stays in the web UI.
struct MonitoringSettingsDTO: Content {
    var staleAfterWeeks: Int
}

struct MonitoringSettingsWriteDTO: Content {
    var staleAfterWeeks: Int?
}

enum RollupSettingsAPI {
    static func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.monitoring(.kpiRollup), use: rollup)
        endpoints.get(.monitoring(.settings), use: settings)
        endpoints.put(.monitoring(.settings), use: saveSettings)
    }

    @Sendable static func rollup(_ req: Request) async throws -> KPIRollupDTO {
        let context = try await req.municipalityContext()
        let overview = try await KPIOverview.load(db: req.db, municipalityID: context.municipalityID, today: context.calendar.today)
        return KPIRollupDTO(overview.rollup, english: req.language == .en)
    }

    @Sendable static func settings(_ req: Request) async throws -> MonitoringSettingsDTO {
        let context = try await req.municipalityContext()
        return MonitoringSettingsDTO(staleAfterWeeks: try await MonitoringDashboardService(db: req.db, context: context).staleness().weeks)
    }

    /// Strategy team only; weeks outside 1–52 are 422 on `staleAfterWeeks`.
    @Sendable static func saveSettings(_ req: Request) async throws -> MonitoringSettingsDTO {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let body = try req.content.decode(MonitoringSettingsWriteDTO.self)
        let service = MonitoringDashboardService(db: req.db, context: context)
        try await MonitoringAPI.translating { try await service.saveStaleWeeks(MonitoringAPI.integer(body.staleAfterWeeks)) }
        return MonitoringSettingsDTO(staleAfterWeeks: try await service.staleness().weeks)
    }
}
