import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Loads Musterstadt's inventory (`DemoInventoryContent`) in the demo's transaction through `InventoryService`,
/// as the strategy team would type it in: units and projects named by their codes, each service with its dated
/// OZG assessments. Contract ends and assessment days count from the day the demo is loaded. Switched on and off
/// with the maturity data (`loadsDemoMaturity`).
struct DemoInventoryLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var calendar: MunicipalCalendar
    var enabled: Bool

    init(app: Application, db: any Database, municipality: Municipality, userIDs: [String: UUID]) {
        self.db = db
        self.municipality = municipality
        self.userIDs = userIDs
        self.calendar = app.municipalCalendar
        self.enabled = app.loadsDemoMaturity
    }

    func load(_ content: DemoMunicipality) async throws {
        guard enabled, let team = try await DemoContexts.context(DemoInventoryContent.team, content, municipality: municipality,
                                                                 userIDs: userIDs, calendar: calendar, on: db) else { return }
        let today = calendar.today
        let service = InventoryService(db: db, context: team)
        for system in DemoInventoryContent.systems {
            _ = try await service.createSystem(InventoryService.SystemForm(
                input: ITSystemInput(name: system.name, vendor: system.vendor, product: system.product, departmentIDs: system.units,
                                     hosting: system.hosting?.rawValue,
                                     contractEndsOn: system.contractEndsInDays.flatMap { today.adding(days: $0)?.iso },
                                     interfaces: system.interfaces, dataProtection: system.dataProtection?.rawValue,
                                     lifecycle: system.lifecycle?.rawValue, projectIDs: system.projects.map(\.code)),
                projectRelations: system.projects.map { $0.relation.rawValue }, note: system.note))
        }
        let criteria = MaturityModel.ozg.criteria.map(\.key)
        for entry in DemoInventoryContent.services {
            var assessments: [MaturityAssessmentInput] = []
            for (daysAgo, levels) in entry.history {
                let day = (today.adding(days: -daysAgo) ?? today).iso
                for (criterion, level) in zip(criteria, levels) {
                    assessments.append(MaturityAssessmentInput(criterion: criterion, level: String(level), assessedOn: day))
                }
            }
            _ = try await service.createService(InventoryService.ServiceForm(
                input: AdministrativeServiceInput(name: entry.name, departmentID: entry.unit, casesPerYear: entry.casesPerYear.map(String.init),
                                                  projectID: entry.project, assessments: assessments),
                note: entry.note))
        }
    }
}
