import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// A KPI with one measurement, for the tenant-isolation walk's `:kpi` routes.
enum WalkKPIs {
    static func create(context: MunicipalityContext, goalID: UUID, suffix: String, on db: any Database) async throws -> UUID {
        let service = KPIService(db: db, context: context)
        let kpi = try await service.create(KPIService.Form(
            input: KPIInput(name: "Walk-Kennzahl \(suffix)", unit: "%", direction: "increase", baseline: "10", baselineOn: "01.01.2024",
                            target: "50", targetOn: "31.12.2028"),
            goalID: goalID.uuidString, projectID: nil, ownerID: nil, version: nil))
        try await service.addMeasurement(to: kpi, KPIMeasurementInput(measuredOn: "01.06.2024", value: "20", note: "Walk \(suffix)"), source: .hand)
        return try kpi.requireID()
    }
}

extension RouteWalk {
    /// Form fields the KPI pages accept on the target's own data.
    static func kpiForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard segments.contains("kpis") else { return nil }
        switch segments.last ?? "" {
        case "measurements": return [("measuredOn", "15.01.2025"), ("value", "30"), ("unit", "%")]
        case "upload": return [("content", "Datum;Wert\n15.02.2025;33\n")]
        default:
            return [("goalID", target.elements[.goal]?.uuidString ?? ""), ("name", "Übernommene Kennzahl"), ("unit", "%"),
                    ("direction", "increase"), ("baselineValue", "10"), ("baselineOn", "01.01.2024"), ("targetValue", "60"),
                    ("targetOn", "31.12.2029"), ("cadence", "quarterly")]
        }
    }
}
