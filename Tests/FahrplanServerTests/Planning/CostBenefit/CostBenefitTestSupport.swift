import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// A project with known money and hours for the cost-benefit tests, set up through the portfolio service.
enum CostBenefitFixtures {
    /// The horizon's first year: the current budget year of the municipal calendar (as the service uses it).
    static var firstYear: Int { MunicipalCalendar().today.year }

    /// "Kosten-Nutzen-Probe": 30.000 € one-off in the first year, 5.000 € running in the second, 200 hours
    /// saved a year → 12.000 € a year at 60 €/h from the second year on.
    @discardableResult
    static func project(on server: TestServer, title: String = "Kosten-Nutzen-Probe", hours: String? = "200") async throws -> Project {
        let municipality = try await Fixtures.musterstadt(on: server)
        let context = try await PrioritizationFixtures.context(municipality, email: Fixtures.strategyTeam, on: server.db)
        let unit = try #require(try await Department.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
            .sort(\.$code).first())
        let year = firstYear
        return try await PortfolioService(db: server.db, context: context).create(ProjectInput(
            title: title, departmentID: try unit.requireID().uuidString, hoursSavedPerYear: hours,
            costs: [CostLineInput(year: String(year), oneOff: "30000", running: nil),
                    CostLineInput(year: String(year + 1), oneOff: nil, running: "5000")]))
    }

    static func storedSettings(on server: TestServer) async throws -> MunicipalityEconomics? {
        let municipality = try await Fixtures.musterstadt(on: server)
        return try await MunicipalityEconomics.query(on: server.db).filter(\.$municipality.$id == municipality.requireID()).first()
    }
}
