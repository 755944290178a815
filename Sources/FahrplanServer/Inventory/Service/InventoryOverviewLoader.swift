import FahrplanCore
import Fluent
import Foundation

/// The figures of the inventory overview: the services' levels today, by department, and at past year ends (from
/// the year of the first assessment, at most `maxYears` back), computed by the core's `MaturityOverview`.
struct InventoryOverviewData: Sendable {
    var model: MaturityModel
    var today: MaturitySnapshot
    /// Year ends before today, oldest first, then today.
    var history: [MaturitySnapshot]
    /// Departments with services, by code; nil id = none recorded.
    var departments: [(id: UUID?, label: String)]
    var serviceCount: Int
    var systemCount: Int
    /// Systems by planned lifecycle (`keep`, `replace`, `retire`, nil = not decided).
    var systemsByLifecycle: [ITSystemLifecycle?: Int]

    static let maxYears = 10

    static func load(_ service: InventoryService) async throws -> InventoryOverviewData {
        let model = try await service.maturityModel()
        let records = try await service.services()
        let assessments = try await service.assessments(records.compactMap(\.id))
        let lookup = try await InventoryLookup.load(service.db, municipalityID: service.context.municipalityID)
        let services = records.map { record in
            AdministrativeService(name: record.name, departmentID: record.$department.id?.uuidString, casesPerYear: record.casesPerYear,
                                  assessments: assessments[record.id!] ?? [])
        }
        let today = service.context.calendar.today
        let firstYear = assessments.values.flatMap { $0.map(\.assessedOn.year) }.min() ?? today.year
        let years = max(firstYear, today.year - maxYears)...today.year
        let yearEnds = MaturityOverview.yearEnds(years).filter { $0 < today }
        let history = MaturityOverview.history(services, model: model, on: yearEnds + [today])
        let now = history.last ?? MaturityOverview.snapshot(services, model: model, on: today)
        let departments: [(id: UUID?, label: String)] = now.byDepartment.keys.map { key in
            let id = key.flatMap(UUID.init(uuidString:))
            return (id, lookup.departmentLabel(id) ?? "")
        }.sorted { ($0.id == nil ? 1 : 0, $0.label) < ($1.id == nil ? 1 : 0, $1.label) }
        let systems = try await service.systems()
        var lifecycle: [ITSystemLifecycle?: Int] = [:]
        for system in systems { lifecycle[system.lifecycleChoice, default: 0] += 1 }
        return InventoryOverviewData(model: model, today: now, history: history, departments: departments, serviceCount: records.count,
                                     systemCount: systems.count, systemsByLifecycle: lifecycle)
    }
}
